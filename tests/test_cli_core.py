"""End-to-end tests of the core commands, in process (``planner.cli.main``) and as a subprocess.

The portfolio below is worked by hand against the default method (templates/methods/
pilot-to-production.json): dimension weights value 40, readiness 35, sponsorship 25; value criteria
weights kpi_clarity 20, benefit_at_scale 25 (derived), strategic_alignment 20, pilot_evidence 20,
cost_of_inaction 15 (sum 100).

- P-GOOD: every typed criterion 5; NPV of 1,000,000 a year on 100,000 invested is far above 4 × the
  investment, so benefit is 5; sponsor seen 10 days ago (≤ 30) so engagement is 5; its only linked
  person leads, so support is 5. Every dimension 100, composite 100; all twelve gates pass → scale.
- P-ZERO: nothing rated, no money, no sponsor: every criterion 0 and support not assessed. Every
  dimension 0 → stop (value 0 < 40); no gate passes.
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from planner.cli import main
from planner.method import load_method
from planner.model import (
    Decision,
    Financials,
    Kpi,
    Override,
    Pilot,
    Portfolio,
    Rating,
    Stakeholder,
    Stance,
)
from planner.portfolio import store
from planner.resources import templates_dir

AS_OF = date(2026, 3, 1)
ROOT = Path(__file__).resolve().parents[1]


def hand_portfolio() -> Portfolio:
    method = load_method("pilot-to-production")
    typed = [c.id for c in method.criteria if c.derived is None]
    good = Pilot(
        id="P-GOOD",
        name="Invoice matching",
        sponsor="S-LEAD",
        sponsor_last_touchpoint=AS_OF - timedelta(days=10),
        kpi=Kpi(name="Match rate", unit="%", baseline=60, target=90),
        financials=Financials(scale_investment=100_000, annual_benefit=1_000_000, change_budget=20_000),
        ratings={c: Rating(score=5) for c in typed},
        gates={g.id: True for g in method.gates},
    )
    zero = Pilot(id="P-ZERO", name="=HYPERLINK(evil)")
    return Portfolio(
        name="Hand-worked",
        as_of=AS_OF,
        pilots=[zero, good],
        stakeholders=[Stakeholder(id="S-LEAD", name="Lead sponsor", influence=5, stance=Stance.LEADING)],
    )


@pytest.fixture
def project(tmp_path: Path) -> Path:
    path = tmp_path / "hand.liftoff"
    store.save(hand_portfolio(), path)
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_every_core_command_has_help(capsys: pytest.CaptureFixture[str]) -> None:
    for command in ("score", "explain", "validate", "demo", "snapshot", "diff"):
        with pytest.raises(SystemExit) as exit_info:
            main([command, "--help"])
        assert exit_info.value.code == 0
        out = capsys.readouterr().out
        assert out.startswith(f"usage: liftoff {command}")


def test_score_json_worked_by_hand(capsys: pytest.CaptureFixture[str], project: Path) -> None:
    code, out, err = run(capsys, "score", str(project), "--format", "json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    good, zero = data["pilots"]
    assert (good["pilot"], good["rank"], good["decision"]) == ("P-GOOD", 1, "scale")
    assert (good["value"], good["readiness"], good["sponsorship"], good["composite"]) == (100, 100, 100, 100)
    assert (good["gates_passed"], good["gates_total"]) == (12, 12)
    assert (zero["pilot"], zero["rank"], zero["decision"]) == ("P-ZERO", 2, "stop")
    assert (zero["value"], zero["readiness"], zero["sponsorship"], zero["composite"]) == (0, 0, 0, 0)
    assert zero["gates_passed"] == 0
    assert data["tally"]["scale"] == 1 and data["tally"]["stop"] == 1


def test_score_table_and_csv(capsys: pytest.CaptureFixture[str], project: Path) -> None:
    code, out, _ = run(capsys, "score", str(project))
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split()[:3] == ["rank", "pilot", "name"]
    assert (
        lines[2].split()[:2] == ["1", "P-GOOD"]
        and "12/12" in lines[2]
        and lines[2].rstrip().endswith("scale")
    )
    assert "2 pilots: " in out
    code, out, _ = run(capsys, "score", str(project), "--format", "csv")
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0][:3] == ["rank", "pilot", "name"]
    assert rows[1][:2] == ["1", "P-GOOD"]
    # A name a spreadsheet would run as a formula is neutralised with a leading apostrophe.
    assert rows[2][2] == "'=HYPERLINK(evil)"


def test_explain(capsys: pytest.CaptureFixture[str], project: Path) -> None:
    code, out, _ = run(capsys, "explain", str(project), "P-GOOD")
    assert code == 0
    assert out.startswith("P-GOOD — Invoice matching\nrank 1: composite 100.0")
    assert "Production gate: 12 of 12 checks pass" in out
    code, out, _ = run(capsys, "explain", str(project), "P-ZERO", "--format", "json")
    data = json.loads(out)
    assert (data["pilot"], data["composite"], data["final_decision"]) == ("P-ZERO", 0, "stop")
    # Its largest gap: benefit at scale, 25 of the 100 value weight × value's 40 % = 10 composite points.
    assert data["largest_gaps"][0]["criterion"] == "benefit_at_scale"
    assert data["largest_gaps"][0]["composite_gap"] == pytest.approx(100 * 25 / 100 * 40 / 100)
    code, out, err = run(capsys, "explain", str(project), "P-NONE")
    assert code == 1 and out == ""
    assert err == f"liftoff explain: {project}: no pilot 'P-NONE' (pilots: P-ZERO, P-GOOD)\n"


def test_explain_names_what_each_remedy_addresses_and_gates_without_one(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # P-GOOD with security 3 and two checks unticked: access governance (security: only "Put access
    # behind corporate identity" lifts it, to 4) and integration (rated 5: nothing lifts it higher)
    portfolio = hand_portfolio()
    good = portfolio.pilots[1]
    ratings = {**good.ratings, "security": Rating(score=3)}
    gates = {**good.gates, "access_governance": False, "integration_tested": False}
    portfolio.pilots[1] = good.model_copy(update={"ratings": ratings, "gates": gates})
    path = tmp_path / "gates.liftoff"
    store.save(portfolio, path)
    code, out, _ = run(capsys, "explain", str(path), "P-GOOD")
    assert code == 0
    row = next(line for line in out.splitlines() if line.startswith("Put access behind corporate identity"))
    assert row.rstrip().endswith("gate access_governance")
    assert (
        "- Integration with production systems tested: not ticked (no remedy of the method addresses it)"
        in out
    )
    assert "- Access governance and authentication in place: not ticked\n" in out


def test_validate_clean_warnings_and_strict(capsys: pytest.CaptureFixture[str], project: Path) -> None:
    code, out, _ = run(capsys, "validate", str(project))
    assert code == 0
    assert out == f"{project}: valid (2 pilots, 1 stakeholders), 0 warnings\n"
    p = hand_portfolio()
    p.pilots[0].gates = {"moon_phase": True}
    store.save(p, project)
    code, out, _ = run(capsys, "validate", str(project))
    assert code == 0
    assert out.splitlines()[0] == (
        "warning: pilots[0].gates.moon_phase: method 'pilot-to-production' has no gate check "
        "'moon_phase'; ignored"
    )
    assert run(capsys, "validate", str(project), "--strict")[0] == 1


def test_validate_reports_a_dependency_cycle(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    doc = json.loads(store.dumps(hand_portfolio()))
    doc["dependencies"] = [{"pilot": "P-GOOD", "on": "P-ZERO"}, {"pilot": "P-ZERO", "on": "P-GOOD"}]
    path = tmp_path / "cycle.liftoff"
    path.write_text(json.dumps(doc))
    code, out, _ = run(capsys, "validate", str(path))
    assert code == 0
    assert "warning: dependencies: cycle P-GOOD → P-ZERO → P-GOOD" in out


def test_validate_bad_file_is_one_located_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "broken.liftoff"
    path.write_text('{"schema_version": 1,\n "pilots": [}')  # line 2: the "}" is the 13th character
    code, out, err = run(capsys, "validate", str(path))
    assert (code, out) == (1, "")
    assert err == f"liftoff validate: {path}: not valid JSON: Expecting value at line 2, column 13\n"


def test_demo_writes_the_shipped_portfolio(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    out_path = tmp_path / "demo.liftoff"
    code, out, _ = run(capsys, "demo", str(out_path))
    assert code == 0 and out.startswith("wrote the demo portfolio")
    assert store.load(out_path) == store.load(templates_dir() / "demo" / "demo.liftoff")
    code, _, err = run(capsys, "demo", str(out_path))
    assert code == 1
    assert err == f"liftoff demo: {out_path}: already exists (use --force to overwrite it)\n"
    assert run(capsys, "demo", str(out_path), "--force")[0] == 0


def test_snapshot_then_diff_against_current(capsys: pytest.CaptureFixture[str], project: Path) -> None:
    before_bytes = project.read_bytes()
    code, out, _ = run(capsys, "snapshot", str(project), "--label", "March committee")
    assert code == 0 and out.startswith("recorded snapshot snap-")
    assert store.backup_path(project).read_bytes() == before_bytes
    (snap,) = store.load(project).snapshots
    assert (snap.label, [e.pilot for e in snap.entries]) == ("March committee", ["P-GOOD", "P-ZERO"])

    # Edit: P-ZERO gets KPI clarity 5 → value = 100 × 20·5 / (5 × 100) = 20, composite = 20 × 0.40 = 8;
    # still stop (20 < 40). P-GOOD is overridden to stop: scores unchanged, decision scale → stop.
    p = store.load(project)
    p.pilots[0].ratings = {"kpi_clarity": Rating(score=5)}
    p.pilots[1].override = Override(decision=Decision.STOP, rationale="Budget moved to the ERP upgrade")
    store.save(p, project)

    code, out, _ = run(capsys, "diff", str(project), "March committee", "current", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["before"]["label"] == "March committee" and data["after"]["id"] == "current"
    zero, good = data["moves"]  # the bigger composite move first
    assert (zero["pilot"], zero["value"], zero["composite"], zero["readiness"]) == ("P-ZERO", 20.0, 8.0, 0.0)
    assert (good["pilot"], good["composite"], good["decision_before"], good["decision_after"]) == (
        "P-GOOD",
        0.0,
        "scale",
        "stop",
    )
    code, out, _ = run(capsys, "diff", str(project), snap.id, "current")
    assert "Decision changes: 1\n- P-GOOD Invoice matching: scale → stop (composite 0.0)" in out
    code, _, err = run(capsys, "diff", str(project), "June", "current")
    assert code == 1
    assert err.startswith(
        f"liftoff diff: {project}: no snapshot 'June'; recorded: {snap.id} (March committee)"
    )


def test_subprocess_end_to_end(tmp_path: Path) -> None:
    path = tmp_path / "hand.liftoff"
    store.save(hand_portfolio(), path)

    def cli(*argv: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "planner.cli", *argv],
            cwd=ROOT,
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=120,
        )

    result = cli("score", str(path), "--format", "json")
    assert result.returncode == 0, result.stderr
    assert [p["pilot"] for p in json.loads(result.stdout)["pilots"]] == ["P-GOOD", "P-ZERO"]
    path.write_bytes(b'{"schema_version": 99}')
    result = cli("score", str(path))
    assert result.returncode == 1
    assert result.stderr == (
        f"liftoff score: {path}: written by a newer Liftoff (schema 99); this version reads up to "
        f"{store.SCHEMA_VERSION} "
        "— update Liftoff\n"
    )
    assert result.stdout == ""


def test_snapshot_list_label_required_and_diff_defaults_to_current(
    capsys: pytest.CaptureFixture[str], project: Path
) -> None:
    code, out, _ = run(capsys, "snapshot", str(project), "--list")
    assert (code, out) == (0, f"{project}: no snapshots recorded yet\n")
    code, _, err = run(capsys, "snapshot", str(project))
    assert code == 1
    assert err == (
        "liftoff snapshot: --label is required to record a snapshot "
        "(or use --list to see the recorded ones)\n"
    )
    assert run(capsys, "snapshot", str(project), "--label", "Kick-off")[0] == 0
    code, out, _ = run(capsys, "snapshot", str(project), "--list")
    lines = out.splitlines()
    assert lines[0].split() == ["id", "label", "taken", "pilots"]
    assert lines[2].startswith("snap-") and "Kick-off" in lines[2] and lines[2].endswith("2")
    code, out, _ = run(capsys, "diff", str(project), "Kick-off")
    assert code == 0
    assert " to current (current, " in out.splitlines()[0]
    assert "Decision changes: 0" in out


def test_score_table_rounds_the_exact_score_once(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    # Benefit weight overridden to 20, so the value weights sum to 20+20+20+20+15 = 95. Ratings: KPI 0,
    # alignment 1, evidence 5, inaction 5, benefit 0 (no money): value = 100·(20·1 + 20·5 + 15·5)/(5·95)
    # = 100·195/475 = 41.0526…, which is 41.1 to one decimal. The table used to round the 2-decimal JSON
    # figure 41.05 again and show 41.0 (while `explain` showed 41.1).
    ratings = {"strategic_alignment": 1, "pilot_evidence": 5, "cost_of_inaction": 5}
    portfolio = Portfolio(
        as_of=AS_OF,
        pilots=[Pilot(id="P", name="p", ratings={k: Rating(score=v) for k, v in ratings.items()})],
    )
    portfolio.method.weights = {"benefit_at_scale": 20.0}
    path = tmp_path / "p.liftoff"
    store.save(portfolio, path)
    code, out, _ = run(capsys, "score", str(path))
    assert code == 0 and out.splitlines()[2].split()[3] == "41.1"
    code, out, _ = run(capsys, "explain", str(path), "P")
    assert "value 41.1" in out
    code, out, _ = run(capsys, "score", str(path), "--format", "json")
    assert json.loads(out)["pilots"][0]["value"] == 41.05


def test_excel_commands_refuse_an_output_they_cannot_write_naming_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # These used to fail after the work, naming the writer's hidden temporary file, e.g.
    # "/.liftoff-0bhn6f9e.xlsx: Is a directory" for `template intake /tmp`.
    project = tmp_path / "p.liftoff"
    store.save(Portfolio(pilots=[Pilot(id="P", name="p")]), project)
    folder = tmp_path / "book.xlsx"
    folder.mkdir()
    missing = tmp_path / "nowhere" / "book.xlsx"
    cases = [
        (["template", "intake", str(folder)], f"liftoff template: {folder}: is a folder; choose a file name"),
        (
            ["template", "intake", str(missing)],
            f"liftoff template: {missing}: cannot save: the folder {missing.parent} does not exist",
        ),
        (
            ["scorecard", str(project), str(folder)],
            f"liftoff scorecard: {folder}: is a folder; choose a file name",
        ),
        (
            ["scorecard", str(project), str(missing)],
            f"liftoff scorecard: {missing}: cannot save: the folder {missing.parent} does not exist",
        ),
    ]
    for argv, message in cases:
        capsys.readouterr()
        assert main(argv) == 1
        assert capsys.readouterr().err.strip() == message
    assert sorted(p.name for p in tmp_path.iterdir()) == ["book.xlsx", "p.liftoff"]


def test_diff_without_a_snapshot_or_with_an_unknown_one_lists_the_recorded_ones(
    capsys: pytest.CaptureFixture[str], project: Path
) -> None:
    listing = f"'liftoff snapshot {project} --list' lists them"
    code, _, err = run(capsys, "diff", str(project))
    assert (code, err) == (
        1,
        f"liftoff diff: {project}: name the snapshot to compare (SNAP_A); recorded: none yet, "
        f"and 'current' for the live scores ({listing})\n",
    )
    assert run(capsys, "snapshot", str(project), "--label", "March")[0] == 0
    assert run(capsys, "snapshot", str(project), "--label", "May")[0] == 0
    march, may = sorted(store.load(project).snapshots, key=lambda s: s.label)
    code, _, err = run(capsys, "diff", str(project))
    assert code == 1 and f"recorded: {march.id} (March), {may.id} (May), and 'current'" in err
    code, _, err = run(capsys, "diff", str(project), "snap-nope")
    assert (code, err) == (
        1,
        f"liftoff diff: {project}: no snapshot 'snap-nope'; recorded: {march.id} (March), {may.id} (May) "
        f"({listing})\n",
    )
