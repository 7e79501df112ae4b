"""The whole headless product with a scoring method of another shape than the shipped one.

The method and the portfolio, with every number worked by hand, are in ``tests/custom_method.py``:
seven criteria (2 value, 3 readiness, 2 sponsorship), five gates, three failure modes, four remedies,
ids with hyphens and dots, no stakeholder-support criterion. Each test installs the method into a
temporary templates folder, so `load_method("venture-review")` finds it like a shipped one.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pypdf
import pytest

from planner.cli import main
from planner.export.pdf.pack import PackOptions, build_pack
from planner.export.xlsx.workbook import write_scorecard
from planner.intake.workbook import read_intake, write_template
from planner.method import Method, effective_weights
from planner.model import Decision, Rating
from planner.portfolio import store
from planner.triage.explain import explain
from planner.triage.scoring import prepare, score
from planner.triage.sensitivity import sensitivity
from tests import test_xlsx_recalc
from tests.custom_method import EXPECTED, RANKING, custom_portfolio, install_custom_method
from tests.spreadsheets import convert, sheet_rows
from tests.test_xlsx_recalc import set_weights

soffice = test_xlsx_recalc.soffice  # the LibreOffice fixture of the scorecard recalculation tests


@pytest.fixture
def method(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Method:
    return install_custom_method(monkeypatch, tmp_path / "templates")


@pytest.fixture
def project(method: Method, tmp_path: Path) -> Path:
    path = tmp_path / "venture.liftoff"
    store.save(custom_portfolio(), path)
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_scores_decisions_gates_and_ranking_are_the_hand_worked_ones(method: Method) -> None:
    scores = score(custom_portfolio())  # the method comes from the portfolio's method id
    assert scores.ranking == RANKING
    for pid, (value, readiness, sponsorship, composite) in EXPECTED.items():
        ps = scores.pilots[pid]
        assert (ps.value, ps.readiness, ps.sponsorship, ps.composite) == pytest.approx(
            (value, readiness, sponsorship, composite)
        ), pid
        assert ps.gates_total == 5
    decisions = {pid: ps.decision for pid, ps in scores.pilots.items()}
    assert decisions == {
        "V-1": Decision.SCALE,
        "V-2": Decision.FIX_THEN_SCALE,
        "V-3": Decision.STOP,
        "V-4": Decision.SECURE_SPONSOR,
        "V-5": Decision.PIVOT,
        "V-6": Decision.STOP,
    }
    assert (
        scores.pilots["V-6"].decision_reason
        == "stop: 14.9 months in pilot (over 12) with payoff 45.0 below 50"  # the method calls value "Payoff"
    )
    assert [scores.pilots[p].gates_passed for p in ("V-1", "V-2", "V-3")] == [5, 4, 0]
    assert scores.pilots["V-2"].blocked_by == ("E-1",)


def test_explanation_failure_modes_and_remedies_follow_the_method(method: Method) -> None:
    pf = custom_portfolio()
    prepared = prepare(pf, method)
    exp = explain(prepared, effective_weights(method, pf), "V-3")
    assert [c.criterion for c in exp.contributions] == [c.id for c in method.criteria]
    # V-3 rated outcome 1: it adds 100·(3/4)·1/5 = 15 value points and leaves 60 on the table,
    # 0.3 × 60 = 18 composite points; data-supply 1 leaves 100·(2/4)·4/5 = 40, i.e. 20 composite points
    gaps = {c.criterion: c.composite_gap for c in exp.contributions}
    assert gaps["outcome"] == pytest.approx(18) and gaps["data-supply"] == pytest.approx(20)
    assert [m.mode for m in exp.failure_modes] == ["thin-evidence", "fragile-run", "absent-champion"]
    assert exp.failure_modes[1].signals == ("data-supply", "run.team")
    # lifts: handover (run.team → 4, controls → 3) readiness 15 → 45, +15 composite, 4 weeks;
    # feed-hardening (data-supply → 4) readiness 15 → 45, +15, 5 weeks; controlled-trial (outcome → 4)
    # value 15 → 60, +13.5, and then secure sponsor (value 60 ≥ 55, sponsorship 0 < 40);
    # find-champion (champion → 4) sponsorship 0 → 40, +8
    ranked = [(r.remedy, round(r.uplift, 9), r.decision_after) for r in exp.remedies]
    assert ranked == [
        ("handover", 15.0, Decision.STOP),
        ("feed-hardening", 15.0, Decision.STOP),
        ("controlled-trial", 13.5, Decision.SECURE_SPONSOR),
        ("find-champion", 8.0, Decision.STOP),
    ]
    assert [g.gate for g in exp.gates] == ["g-outcome", "g-budget", "g-data", "g.runbook", "g-change"]


def test_sensitivity_of_the_payoff_weight_matches_the_hand_worked_bounds(method: Method) -> None:
    # value(w) = 100·(3·outcome + w·payoff)/(5·(3 + w)) with the payoff weight w (now 1).
    # V-6 (outcome 3, payoff 0, stale): 180/(3 + w) < 50 stops it while w > 0.6 → below 0.6 it would
    # pivot, but a weight cannot be set below 1, where it is now: decisions hold down to the minimum.
    # V-2 (outcome 4, payoff 0): 240/(3 + w) ≥ 55 while w ≤ 15/11 → above, it pivots.
    # V-4 overtakes V-5 where 0.3·(240 + 40w)/(3 + w) + 42 = 0.3·180/(3 + w) + 50, i.e. w = 1.5.
    pf = custom_portfolio()
    result = sensitivity(prepare(pf, method), effective_weights(method, pf))
    by_key = {(w.kind, w.key): w for w in result.weights}
    assert set(by_key) == {("criterion", c.id) for c in method.criteria} | {
        ("dimension", d) for d in ("value", "readiness", "sponsorship")
    }
    payoff = by_key[("criterion", "payoff")]
    assert payoff.decisions.low.weight is None and payoff.decisions.span[0] == 1
    assert payoff.decisions.high.weight == pytest.approx(15 / 11)
    assert payoff.ranking.high.weight == pytest.approx(1.5)
    assert payoff.ranking.low.weight is None


def test_cli_score_explain_and_validate(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "score", str(project), "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["method"] == "venture-review"
    assert [row["pilot"] for row in data["pilots"]] == list(RANKING)
    assert [(row["gates_passed"], row["gates_total"]) for row in data["pilots"]][:4] == [
        (5, 5),
        (0, 5),
        (5, 5),
        (4, 5),
    ]

    code, out, _ = run(capsys, "score", str(project))
    assert code == 0 and " 5/5 " in out and " 4/5 " in out

    code, out, _ = run(capsys, "explain", str(project), "V-3")
    assert code == 0
    assert "Production gate: 0 of 5 checks pass" in out
    assert "- Fragile run: It only runs while its builder watches. (signals: data-supply, run.team)" in out
    assert "Hand over to a run team" in out

    code, out, _ = run(capsys, "validate", str(project))
    assert (code, out.strip()) == (0, f"{project}: valid (6 pilots, 2 stakeholders), 0 warnings")
    # a rating of a shipped-method criterion is not part of this method: a located warning
    pf = custom_portfolio()
    pilots = list(pf.pilots)
    pilots[0] = pilots[0].model_copy(
        update={"ratings": {**pilots[0].ratings, "kpi_clarity": Rating(score=3)}}
    )
    store.save(pf.model_copy(update={"pilots": pilots}), project)
    code, out, _ = run(capsys, "validate", str(project))
    assert code == 0
    assert (
        "pilots[0].ratings.kpi_clarity: method 'venture-review' has no criterion 'kpi_clarity'; ignored"
        in out
    )


def test_cli_plan_training_and_fund(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "plan", str(project), "--format", "json")
    assert code == 0
    plan = json.loads(out)
    pilots = {row["pilot"]: row for row in plan["pilots"]}
    assert set(pilots) == {"V-1", "V-2"}  # the one to scale and the one to fix; the others are not
    # V-2 fails gate g-data, whose criterion data-supply (rated 2) the "feed-hardening" remedy lifts
    # to 4: five working weeks of remediation, Monday 2 March to Friday 3 April
    first = pilots["V-2"]["phases"][0]
    assert (first["id"], first["start"], first["end"]) == ("remediation", "2026-03-02", "2026-04-03")
    assert pilots["V-2"]["waits_for"] == ["E-1"]

    code, out, _ = run(capsys, "training", str(project))
    assert code == 0 and "V-1" in out and "Claims handlers" not in out  # groups are shown by id
    assert " U-1 " in out and " U-2 " in out

    # only V-1 and V-4 have a positive NPV; together they cost 200,000, within the 300,000 budget
    code, out, _ = run(capsys, "fund", str(project), "--budget", "300000", "--format", "json")
    assert code == 0
    assert json.loads(out)["funded"] == ["V-1", "V-4"]


def test_intake_template_round_trip_and_import_uses_the_workbooks_method(
    method: Method, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pf = custom_portfolio()
    workbook = tmp_path / "intake.xlsx"
    write_template(workbook, pf, method)
    result = read_intake(workbook, method)
    assert result.ok, result.problems
    assert result.portfolio is not None
    assert result.portfolio.method.id == "venture-review"
    for before, after in zip(pf.pilots, result.portfolio.pilots, strict=True):
        assert after.ratings == before.ratings and after.gates == before.gates, before.id
    # `liftoff import` without --method reads with the method the workbook was written for
    out = tmp_path / "imported.liftoff"
    code, _, err = run(capsys, "import", str(out), str(workbook))
    assert (code, err) == (0, "")
    assert score(store.load(out)).ranking == RANKING


def test_pdf_pack_shows_the_methods_gates_criteria_and_remedies(method: Method) -> None:
    pf = custom_portfolio()
    buffer = io.BytesIO()
    build_pack(buffer, pf, score(pf, method), method, PackOptions())
    text = "\n".join(
        page.extract_text() or "" for page in pypdf.PdfReader(io.BytesIO(buffer.getvalue())).pages
    )
    flat = " ".join(text.split())
    assert "Production gate: 5 checks, all required" in flat
    assert "Production gate: 5 of 5 checks pass" in flat  # V-1's page
    assert "Production gate: 4 of 5 checks pass" in flat  # V-2's page
    for name in ("Measured outcome", "Champion contact", "Runbook tested", "Hand over to a run team"):
        assert name in flat, name
    assert "twelve" not in flat.lower() and "/12" not in flat


def test_importing_a_workbook_for_a_method_not_installed_names_the_method(
    method: Method, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from planner import method_files as method_module
    from planner.resources import templates_dir

    workbook = tmp_path / "intake.xlsx"
    write_template(workbook, custom_portfolio(), method)
    monkeypatch.setattr(method_module, "templates_dir", templates_dir)  # only the shipped methods again
    monkeypatch.setattr(method_module, "_cache", {})
    result = read_intake(workbook)
    assert [str(p) for p in result.problems] == [
        "Instructions!B14 (Scoring method): unknown scoring method 'venture-review' "
        "(available: pilot-to-production)"
    ]


def test_scorecard_formulas_recalculated_by_libreoffice_give_the_hand_worked_scores(
    method: Method, soffice: str, tmp_path: Path
) -> None:
    pf = custom_portfolio()
    path = tmp_path / "scorecard.xlsx"
    write_scorecard(path, pf, score(pf, method), method)
    # outcome weighted 1 instead of 3 in the workbook: value = 100·(outcome + payoff)/10, so V-4 scores
    # value 60, composite 0.3·60 + 0.5·80 + 0.2·10 = 60, and V-5 value 30, composite 9 + 50 = 59:
    # V-4 overtakes V-5. V-2 falls to 0.3·40 + 25 + 11 = 48; V-3 (value 10) scores 3 + 7.5 = 10.5 and
    # passes V-6 (value 30, composite 9).
    edited = tmp_path / "edited.xlsx"
    set_weights(path, edited, {"outcome": 1.0}, {}, {})
    rows, after = (sheet_rows(result, "Scorecard") for result in convert(soffice, [path, edited], tmp_path))
    for pid, (value, readiness, sponsorship, composite) in EXPECTED.items():
        got = rows[pid]
        # the method's own names head the dimension columns
        assert (got["Payoff"], got["Runnability"], got["Backing"], got["Composite"]) == pytest.approx(
            (value, readiness, sponsorship, composite)
        ), pid
    assert [rows[p]["Gates passed"] for p in ("V-1", "V-2", "V-3")] == [5, 4, 0]
    assert rows["V-6"]["Computed decision"] == "Stop" and rows["V-5"]["Computed decision"] == "Pivot"
    assert [after[p]["Composite"] for p in ("V-4", "V-5", "V-2", "V-3", "V-6")] == pytest.approx(
        [60, 59, 48, 10.5, 9]
    )
    assert sorted(after, key=lambda pid: after[pid]["Rank"]) == ["V-1", "V-4", "V-5", "V-2", "V-3", "V-6"]


def test_scorecard_method_sheet_describes_the_methods_own_derived_criteria(
    method: Method, tmp_path: Path
) -> None:
    import openpyxl

    pf = custom_portfolio()
    path = tmp_path / "scorecard.xlsx"
    write_scorecard(path, pf, score(pf, method), method)
    wb = openpyxl.load_workbook(path, read_only=True)
    try:
        rows = [
            (str(r[0]), str(r[1])) for r in wb["Method"].iter_rows(min_row=4, values_only=True) if r and r[0]
        ]
    finally:
        wb.close()
    topics = dict(rows)
    assert [t for t in topics if t in ("Payoff ratio", "Champion contact")] == [
        "Payoff ratio",
        "Champion contact",
    ]
    assert topics["Champion contact"].startswith(
        "5 up to 14 days since the sponsor's last touchpoint, 0 from 114"
    )
    lines = [f"{topic} {text}" for topic, text in rows]
    assert not any("stakeholder" in line.lower() for line in lines)  # the method has no such criterion
    assert "5 checks must all pass before production." in " ".join(lines)


def test_a_method_threshold_outside_its_range_is_named(method: Method) -> None:
    from planner.method import MethodError, parse_method
    from tests.custom_method import METHOD_FILE

    data = json.loads(METHOD_FILE.read_text(encoding="utf-8"))
    data["thresholds"].update({"value": 150, "stale_months": 121})
    with pytest.raises(MethodError) as err:
        parse_method(json.dumps(data), "shop.json")
    assert str(err.value) == (
        "shop.json: thresholds.stale_months: must be between 0 and 120, got 121; "
        "thresholds.value: must be between 0 and 100, got 150"
    )
    data["thresholds"].update({"value": 100, "stale_months": 120})  # the limits themselves are fine
    assert parse_method(json.dumps(data)).thresholds["stale_months"] == 120
