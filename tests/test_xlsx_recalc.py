"""The scorecard's live formulas, recalculated by a real spreadsheet engine (LibreOffice headless).

The workbook carries formulas without cached values; LibreOffice computes them when converting to
xlsx, and we read its results back. They must equal the app's own numbers (`planner.triage.scoring`), for
the demo and random portfolios, and follow a weight edit made in the workbook as `rescore` would.
Without LibreOffice these tests fail, unless LIFTOFF_NO_LIBREOFFICE=1 says it is absent on purpose.
"""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from planner.export.xlsx.workbook import write_scorecard
from planner.method import Weights, effective_weights, load_method
from planner.model import Portfolio
from planner.triage.scoring import Scores, prepare, rescore, score
from tests.xlsx_portfolios import HOSTILE, hostile_portfolio, load_demo, random_portfolio

METHOD = load_method()


@pytest.fixture(scope="module")
def soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        if os.environ.get("LIFTOFF_NO_LIBREOFFICE") == "1":
            pytest.skip("LibreOffice absent and LIFTOFF_NO_LIBREOFFICE=1")
        pytest.fail(
            "LibreOffice (soffice) is not on PATH: install libreoffice-calc-nogui, "
            "or set LIFTOFF_NO_LIBREOFFICE=1 to skip the recalculation tests"
        )
    return found


def convert(soffice: str, files: list[Path], out: Path, target: str = "xlsx") -> list[Path]:
    """Each file opened, recalculated and saved by LibreOffice as `target` in `out` (own profile)."""
    profile = out / "profile"
    out.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--norestore",
            "--convert-to",
            target,
            "--outdir",
            str(out / "converted"),
            *map(str, files),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    results = [out / "converted" / f"{f.stem}.{target.split(':')[0]}" for f in files]
    for result in results:
        assert result.is_file(), f"LibreOffice did not produce {result.name}"
    return results


def scorecard_rows(path: Path) -> dict[str, dict[str, Any]]:
    """The Scorecard sheet as computed by LibreOffice: pilot id -> header -> value."""
    wb = openpyxl.load_workbook(path, data_only=True, read_only=True)
    try:
        rows = list(wb["Scorecard"].iter_rows(min_row=4, values_only=True))
    finally:
        wb.close()
    headers = [str(h) for h in rows[0]]
    out = {}
    for row in rows[1:]:
        if row[1] is None:
            continue
        out[str(row[1])] = dict(zip(headers, row, strict=False))
    return out


def label(decision: Any) -> str:
    return str(decision.value).replace("_", " ")


def assert_matches(rows: dict[str, dict[str, Any]], scores: Scores) -> None:
    assert set(rows) == set(scores.pilots)
    for pid, ps in scores.pilots.items():
        row = rows[pid]
        for header, expected in (
            ("Value", ps.value),
            ("Readiness", ps.readiness),
            ("Sponsorship", ps.sponsorship),
            ("Composite", ps.composite),
        ):
            assert row[header] == pytest.approx(expected, abs=1e-9), (pid, header)
        assert row["Rank"] == ps.rank, pid
        assert row["Gates passed"] == ps.gates_passed, pid
        assert row["Computed decision"] == label(ps.computed_decision), pid
        assert row["Decision"] == label(ps.decision), pid


def export(tmp_path: Path, name: str, portfolio: Portfolio) -> tuple[Path, Scores]:
    scores = score(portfolio, METHOD)
    path = tmp_path / f"{name}.xlsx"
    write_scorecard(path, portfolio, scores, METHOD)
    return path, scores


def test_formulas_equal_the_app_for_the_demo_and_random_portfolios(soffice: str, tmp_path: Path) -> None:
    cases = {"demo": load_demo()}
    for seed, n in ((1, 40), (2, 60), (3, 25)):
        cases[f"random{seed}"] = random_portfolio(seed, n, METHOD)
    exported = {name: export(tmp_path, name, p) for name, p in cases.items()}
    decisions = set()
    converted = convert(soffice, [path for path, _ in exported.values()], tmp_path)
    for (_name, (_path, scores)), result in zip(exported.items(), converted, strict=True):
        assert_matches(scorecard_rows(result), scores)
        decisions |= {ps.computed_decision for ps in scores.pilots.values()}
    assert len(decisions) == 5, "the cases should reach every decision rule"


def set_weights(
    path: Path,
    out: Path,
    criteria: dict[str, float],
    dimensions: dict[str, float],
    thresholds: dict[str, float],
) -> None:
    """Edit the Weights sheet as a user would: find the row by its id in its section, type in column D."""
    wb = openpyxl.load_workbook(path)
    ws = wb["Weights"]
    sections = {"Criterion ID": criteria, "Dimension": dimensions, "Threshold": thresholds}
    wanted: dict[str, float] = {}
    found = []
    for row in ws.iter_rows(min_row=1):
        key = row[0].value
        if key in sections:
            wanted = sections[key]
        elif key in wanted:
            row[3].value = wanted[key]
            found.append(key)
    assert sorted(found) == sorted([*criteria, *dimensions, *thresholds])
    wb.save(out)


def test_a_weight_edited_in_the_workbook_moves_the_ranking_as_rescore_does(
    soffice: str, tmp_path: Path
) -> None:
    portfolio = random_portfolio(11, 30, METHOD)
    path, before = export(tmp_path, "before", portfolio)
    base = effective_weights(METHOD, portfolio)
    criteria = {"kpi_clarity": 80.0, "mlops": 0.0, "exec_sponsor": 3.5}
    dimensions = {"value": 10.0, "readiness": 70.0}
    thresholds = {"readiness": 45.0, "stale_months": 6.0}
    edited = tmp_path / "edited.xlsx"
    set_weights(path, edited, criteria, dimensions, thresholds)
    after_weights = Weights(
        criteria={**base.criteria, **criteria},
        dimensions={**base.dimensions, **dimensions},
        thresholds={**base.thresholds, **thresholds},
    )
    after = rescore(prepare(portfolio, METHOD), after_weights)
    assert after.ranking != before.ranking, "the edit should move the ranking"
    [result] = convert(soffice, [edited], tmp_path)
    rows = scorecard_rows(result)
    assert_matches(rows, after)
    assert sorted(rows, key=lambda pid: rows[pid]["Rank"]) == list(after.ranking)


def test_a_gate_flipped_in_the_workbook_changes_the_decision(soffice: str, tmp_path: Path) -> None:
    portfolio = random_portfolio(5, 30, METHOD)
    path, scores = export(tmp_path, "gates", portfolio)
    prepared = prepare(portfolio, METHOD)
    weights = effective_weights(METHOD, portfolio)
    # a pilot that is fix-then-scale only because gates fail: pass all its gates and it should scale
    target = next(
        (
            pid
            for pid, ps in scores.pilots.items()
            if ps.computed_decision.value == "fix_then_scale"
            and ps.readiness >= weights.thresholds["readiness"]
        ),
        None,
    )
    assert target is not None, "seed 5 should hold a pilot held back by its gates alone"
    wb = openpyxl.load_workbook(path)
    ws = wb["Gates"]
    for row in ws.iter_rows(min_row=4):
        if row[0].value == target:
            for cell in row[2 : 2 + len(METHOD.gates)]:
                cell.value = "pass"
    edited = tmp_path / "gates_edited.xlsx"
    wb.save(edited)
    [result] = convert(soffice, [edited], tmp_path)
    rows = scorecard_rows(result)
    assert rows[target]["Gates passed"] == len(METHOD.gates)
    assert rows[target]["Computed decision"] == "scale"
    assert prepared.gates_passed[prepared.index[target]] < len(METHOD.gates)


def test_hostile_text_stays_text_in_libreoffice(soffice: str, tmp_path: Path) -> None:
    portfolio = hostile_portfolio(METHOD)
    path, scores = export(tmp_path, "hostile", portfolio)
    [result] = convert(soffice, [path], tmp_path)
    wb = openpyxl.load_workbook(result, data_only=True)
    sc = wb["Scorecard"]
    names = {sc.cell(r, 2).value: sc.cell(r, 3).value for r in range(5, 5 + len(portfolio.pilots))}
    for pilot in portfolio.pilots:
        assert names[pilot.id] == pilot.name, "a formula-like name must come back as the same text"
    texts = [c.value for row in wb["Finance"].iter_rows(min_row=5, max_col=2) for c in row]
    assert all(isinstance(t, str) for t in texts)
    assert wb["Summary"]["A1"].value == f"Portfolio scorecard — {portfolio.name}"
    assert wb["Summary"]["A2"].value == "@org"
    # the scores were still computed: hostile names do not break the formulas
    assert_matches(scorecard_rows(result), scores)
    # every formula-like input appears verbatim somewhere and no cell holds an evaluated result of one
    everything = {
        c.value for ws in wb.worksheets for row in ws.iter_rows() for c in row if isinstance(c.value, str)
    }
    for text in HOSTILE:
        if text.strip() != text:
            continue
        assert text in everything
    # and it prints: LibreOffice can render the whole workbook to CSV and PDF without repair
    [pdf] = convert(soffice, [path], tmp_path / "pdf", "pdf")
    assert pdf.stat().st_size > 1000
    [as_csv] = convert(soffice, [path], tmp_path / "csv", "csv:Text - txt - csv (StarCalc):44,34,76")
    with as_csv.open(encoding="utf-8") as handle:
        first_sheet = list(csv.reader(handle))
    assert first_sheet[0][0] == f"Portfolio scorecard — {portfolio.name}"


def test_hand_worked_scores(soffice: str, tmp_path: Path) -> None:
    """Two pilots worked by hand with the default method's weights (no financials, no sponsor, nobody
    linked, so benefit and sponsor engagement rate 0 and stakeholder support is not assessed)."""
    from datetime import date

    from planner.model import Pilot, Rating

    typed_value = ("kpi_clarity", "strategic_alignment", "pilot_evidence", "cost_of_inaction")
    typed_readiness = (
        "data_pipelines",
        "integration",
        "mlops",
        "monitoring",
        "security",
        "compliance",
        "operations",
        "change_readiness",
        "performance",
    )
    strong = {
        c: Rating(score=5)
        for c in (*typed_value, *typed_readiness, "exec_sponsor", "scale_budget", "business_buy_in")
    }
    weak = {
        "kpi_clarity": Rating(score=5),
        "strategic_alignment": Rating(score=4),
        "mlops": Rating(score=3),
        "exec_sponsor": Rating(score=4),
    }
    portfolio = Portfolio(
        as_of=date(2026, 11, 1),
        pilots=[
            Pilot(id="H", name="Weak", ratings=weak, pilot_start=date(2025, 1, 1)),
            Pilot(id="J", name="Strong", ratings=strong),
        ],
    )
    path, _ = export(tmp_path, "hand", portfolio)
    [result] = convert(soffice, [path], tmp_path)
    rows = scorecard_rows(result)
    # value weights: kpi 20, benefit 25 (rated 0), alignment 20, evidence 20, inaction 15 -> Σw = 100
    assert rows["H"]["Value"] == pytest.approx(100 * (20 * 5 + 20 * 4) / (5 * 100))  # 36
    # readiness weights 12+11+12+11+11+11+11+11+10 = 100; only mlops (12) rated 3
    assert rows["H"]["Readiness"] == pytest.approx(100 * (12 * 3) / (5 * 100))  # 7.2
    # sponsorship: exec 25, engagement 20 (rated 0), budget 20, buy-in 20; support (15) not assessed
    assert rows["H"]["Sponsorship"] == pytest.approx(100 * (25 * 4) / (5 * 85))  # 23.529…
    composite_h = (36 * 40 + 7.2 * 35 + (10000 / 425) * 25) / 100
    assert rows["H"]["Composite"] == pytest.approx(composite_h)  # 22.802…
    assert rows["H"]["Computed decision"] == "stop"  # value 36 < 40
    assert rows["J"]["Value"] == pytest.approx(100 * (75 * 5) / (5 * 100))  # 75
    assert rows["J"]["Readiness"] == pytest.approx(100.0)
    assert rows["J"]["Sponsorship"] == pytest.approx(100 * (65 * 5) / (5 * 85))  # 76.47…
    assert rows["J"]["Composite"] == pytest.approx((75 * 40 + 100 * 35 + (32500 / 425) * 25) / 100)
    assert rows["J"]["Computed decision"] == "fix then scale"  # strong and sound, but no gate ticked
    assert (rows["J"]["Rank"], rows["H"]["Rank"]) == (1, 2)


def test_intake_template_saved_by_libreoffice_imports_unchanged(soffice: str, tmp_path: Path) -> None:
    """A template opened and saved by another spreadsheet application still round-trips."""
    from planner.intake.workbook import read_intake, write_template
    from planner.portfolio.workshop_edits import without_workshop

    demo = load_demo()
    path = tmp_path / "intake.xlsx"
    write_template(path, demo, METHOD)
    [saved] = convert(soffice, [path], tmp_path)
    result = read_intake(saved, METHOD)
    assert result.problems == ()
    assert result.portfolio is not None
    kept = ("method", "snapshots", "scenarios", "plan")  # the workshop's, not carried by an intake
    assert {k: v for k, v in dict(result.portfolio).items() if k not in kept} == {
        k: v for k, v in dict(without_workshop(demo)).items() if k not in kept
    }
