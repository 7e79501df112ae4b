"""The scorecard's live formulas, recalculated by a real spreadsheet engine (LibreOffice headless).

LibreOffice opens each workbook with a profile that recalculates every formula (`tests.spreadsheets`),
saves it, and we read its results back. They must equal the app's own numbers
(`planner.triage.scoring`) for the demo and random portfolios, follow a weight or gate edited in the
workbook as `rescore` would, survive a user sorting the sheets, and keep hostile text as text. The
printed PDF of every sheet is checked for text that overlaps other text.
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
import xlsxwriter

from planner.export.xlsx.workbook import write_scorecard
from planner.method import Weights, effective_weights, load_method
from planner.model import Portfolio
from planner.triage.labels import DECISION_LABELS
from planner.triage.scoring import Scores, prepare, rescore, score
from tests.spreadsheets import convert, find_soffice, header_columns, sheet_rows, sort_rows
from tests.xlsx_portfolios import (
    HOSTILE,
    WORLD_NAMES,
    hostile_portfolio,
    load_demo,
    random_portfolio,
    world_portfolio,
)

METHOD = load_method()


@pytest.fixture(scope="module")
def soffice() -> str:
    return find_soffice()


def label(decision: Any) -> str:
    return DECISION_LABELS[decision]


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


def test_the_harness_recalculates_rather_than_reading_stored_results(soffice: str, tmp_path: Path) -> None:
    path = tmp_path / "stale.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("S")
    ws.write_number(0, 0, 2)
    ws.write_formula(0, 1, "=A1*10", None, 999)  # a wrong stored result
    wb.close()
    assert openpyxl.load_workbook(path, data_only=True)["S"]["B1"].value == 999
    [result] = convert(soffice, [path], tmp_path)
    assert openpyxl.load_workbook(result, data_only=True)["S"]["B1"].value == 20


def test_formulas_equal_the_app_for_the_demo_and_random_portfolios(soffice: str, tmp_path: Path) -> None:
    cases = {"demo": load_demo()}
    for seed, n in ((1, 40), (2, 60), (3, 25)):
        cases[f"random{seed}"] = random_portfolio(seed, n, METHOD)
    exported = {name: export(tmp_path, name, p) for name, p in cases.items()}
    decisions = set()
    converted = convert(soffice, [path for path, _ in exported.values()], tmp_path)
    for (_name, (_path, scores)), result in zip(exported.items(), converted, strict=True):
        assert_matches(sheet_rows(result, "Scorecard"), scores)
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
    sections = {"Criterion ID": criteria, "Dimension ID": dimensions, "Threshold": thresholds}
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


EDIT = {
    "criteria": {"kpi_clarity": 80.0, "mlops": 0.0, "exec_sponsor": 3.5},
    "dimensions": {"value": 10.0, "readiness": 70.0},
    "thresholds": {"readiness": 45.0, "stale_months": 6.0},
}


def rescored(portfolio: Portfolio) -> Scores:
    base = effective_weights(METHOD, portfolio)
    weights = Weights(
        criteria={**base.criteria, **EDIT["criteria"]},
        dimensions={**base.dimensions, **EDIT["dimensions"]},
        thresholds={**base.thresholds, **EDIT["thresholds"]},
    )
    return rescore(prepare(portfolio, METHOD), weights)


def test_a_weight_edited_in_the_workbook_moves_the_ranking_as_rescore_does(
    soffice: str, tmp_path: Path
) -> None:
    portfolio = random_portfolio(11, 30, METHOD)
    path, before = export(tmp_path, "before", portfolio)
    edited = tmp_path / "edited.xlsx"
    set_weights(path, edited, EDIT["criteria"], EDIT["dimensions"], EDIT["thresholds"])
    after = rescored(portfolio)
    assert after.ranking != before.ranking, "the edit should move the ranking"
    [result] = convert(soffice, [edited], tmp_path)
    rows = sheet_rows(result, "Scorecard")
    assert_matches(rows, after)
    assert sorted(rows, key=lambda pid: rows[pid]["Rank"]) == list(after.ranking)


def flip_gates(ws: Any, target: str) -> None:
    col = header_columns(ws)
    for row in ws.iter_rows(min_row=5):
        if row[0].value == target:
            for gate in METHOD.gates:
                row[col[gate.name] - 1].value = "pass"


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
    flip_gates(wb["Gates"], target)
    edited = tmp_path / "gates_edited.xlsx"
    wb.save(edited)
    [result] = convert(soffice, [edited], tmp_path)
    rows = sheet_rows(result, "Scorecard")
    assert rows[target]["Gates passed"] == len(METHOD.gates)
    assert rows[target]["Computed decision"] == "Scale"
    assert prepared.gates_passed[prepared.index[target]] < len(METHOD.gates)


def test_formulas_survive_sorting_every_sheet(soffice: str, tmp_path: Path) -> None:
    """Sort Scorecard by name, Gates by its last check then id (descending), Ratings by a rating and
    the Weights criteria by weight, as a user would, then edit a weight and a gate: every pilot's
    scores, rank and decision still equal the app's."""
    portfolio = random_portfolio(12, 30, METHOD)
    path, scores = export(tmp_path, "sorted", portfolio)
    wb = openpyxl.load_workbook(path)
    last = 4 + len(portfolio.pilots)
    sc, gates, ratings = wb["Scorecard"], wb["Gates"], wb["Ratings"]
    sort_rows(sc, 5, last, lambda row: (row[2], row[1]))
    gate = header_columns(gates)[METHOD.gates[-1].name] - 1
    sort_rows(gates, 5, last, lambda row: (row[gate], row[0]))
    sort_rows(gates, 5, last, lambda row: tuple(-ord(ch) for ch in row[0]))
    criterion = header_columns(ratings)[METHOD.criteria[3].name] - 1
    sort_rows(ratings, 5, last, lambda row: (row[criterion] or 0, row[0]))
    sort_rows(wb["Weights"], 5, 4 + len(METHOD.criteria), lambda row: (-row[3], row[0]))
    assert [c.value for c in sc["B"][4:last]] != list(scores.ranking)  # the rows did move
    sorted_path = tmp_path / "sorted_by_user.xlsx"
    wb.save(sorted_path)
    [result] = convert(soffice, [sorted_path], tmp_path / "plain")
    assert_matches(sheet_rows(result, "Scorecard"), scores)
    # edits after the sort still land on the right pilots
    edited = tmp_path / "sorted_edited.xlsx"
    set_weights(sorted_path, edited, EDIT["criteria"], EDIT["dimensions"], EDIT["thresholds"])
    [result] = convert(soffice, [edited], tmp_path / "edited")
    assert_matches(sheet_rows(result, "Scorecard"), rescored(portfolio))


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
    assert wb["Summary"]["A2"].value.startswith("@org")
    # the scores were still computed: hostile names do not break the formulas
    assert_matches(sheet_rows(result, "Scorecard"), scores)
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


def test_names_from_anywhere_are_kept_whole(soffice: str, tmp_path: Path) -> None:
    portfolio = world_portfolio(METHOD)
    path, scores = export(tmp_path, "world", portfolio)
    for source in (path, *convert(soffice, [path], tmp_path)):
        rows = sheet_rows(source, "Scorecard")
        for pilot in portfolio.pilots:
            assert rows[pilot.id]["Pilot"] == pilot.name
            if pilot.override is not None:
                assert rows[pilot.id]["Override rationale"] == pilot.override.rationale
        assert_matches(rows, scores)
    assert {p.name for p in portfolio.pilots} == set(WORLD_NAMES)


def words(pdf: Path) -> list[list[tuple[float, float, float, float, str]]]:
    """Each page's words with their boxes, as poppler's pdftotext places them."""
    tool = shutil.which("pdftotext")
    if tool is None and os.environ.get("LIFTOFF_NO_LIBREOFFICE") == "1":
        pytest.skip("pdftotext absent and LIFTOFF_NO_LIBREOFFICE=1")
    assert tool is not None, "pdftotext (poppler-utils) is needed to check the printed workbook"
    raw = subprocess.run(
        [tool, "-enc", "UTF-8", "-bbox", str(pdf), "-"], check=True, capture_output=True
    ).stdout
    html = raw.decode("utf-8", errors="replace")  # poppler writes an emoji in the title as surrogates
    from xml.etree import ElementTree

    root = ElementTree.fromstring(html.replace('xmlns="http://www.w3.org/1999/xhtml"', ""))
    pages = []
    for page in root.iter("page"):
        pages.append(
            [
                (
                    float(w.get("xMin")),
                    float(w.get("yMin")),
                    float(w.get("xMax")),
                    float(w.get("yMax")),
                    w.text or "",
                )
                for w in page.iter("word")
            ]
        )
    return pages


def overlaps(page: list[tuple[float, float, float, float, str]]) -> list[tuple[str, str]]:
    """Pairs of words printed over each other: their boxes share more than 40 % of the lower one's
    height (a font's box is taller than its line pitch, so lines of one cell touch) and overlap
    sideways."""
    found = []
    ordered = sorted(page)
    for i, (x0, y0, x1, y1, a) in enumerate(ordered):
        for u0, v0, u1, v1, b in ordered[i + 1 :]:
            if u0 >= x1 - 0.5:
                break
            if min(y1, v1) - max(y0, v0) > 0.4 * min(y1 - y0, v1 - v0) and min(x1, u1) - max(x0, u0) > 0.5:
                found.append((a, b))
    return found


@pytest.mark.parametrize("case", ["demo", "world"])
def test_every_printed_page_is_free_of_overlapping_text(soffice: str, tmp_path: Path, case: str) -> None:
    portfolio = load_demo() if case == "demo" else world_portfolio(METHOD)
    path, _ = export(tmp_path, case, portfolio)
    [pdf] = convert(soffice, [path], tmp_path, "pdf")
    pages = words(pdf)
    assert len(pages) >= 10
    for number, page in enumerate(pages, start=1):
        assert not overlaps(page), (number, overlaps(page)[:5])
    text = " ".join(w[4] for page in pages for w in page)
    for header in ("Production", "Integration", "Readiness", "Sponsorship", "NPV", "investment"):
        assert header in text.split(), header  # whole words, never "Productio"


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
    rows = sheet_rows(result, "Scorecard")
    # value weights: kpi 20, benefit 25 (rated 0), alignment 20, evidence 20, inaction 15 -> Σw = 100
    assert rows["H"]["Value"] == pytest.approx(100 * (20 * 5 + 20 * 4) / (5 * 100))  # 36
    # readiness weights 12+11+12+11+11+11+11+11+10 = 100; only mlops (12) rated 3
    assert rows["H"]["Readiness"] == pytest.approx(100 * (12 * 3) / (5 * 100))  # 7.2
    # sponsorship: exec 25, engagement 20 (rated 0), budget 20, buy-in 20; support (15) not assessed
    assert rows["H"]["Sponsorship"] == pytest.approx(100 * (25 * 4) / (5 * 85))  # 23.529…
    composite_h = (36 * 40 + 7.2 * 35 + (10000 / 425) * 25) / 100
    assert rows["H"]["Composite"] == pytest.approx(composite_h)  # 22.802…
    assert rows["H"]["Computed decision"] == "Stop"  # value 36 < 40
    assert rows["J"]["Value"] == pytest.approx(100 * (75 * 5) / (5 * 100))  # 75
    assert rows["J"]["Readiness"] == pytest.approx(100.0)
    assert rows["J"]["Sponsorship"] == pytest.approx(100 * (65 * 5) / (5 * 85))  # 76.47…
    assert rows["J"]["Composite"] == pytest.approx((75 * 40 + 100 * 35 + (32500 / 425) * 25) / 100)
    assert rows["J"]["Computed decision"] == "Fix then scale"  # strong and sound, but no gate ticked
    assert (rows["J"]["Rank"], rows["H"]["Rank"]) == (1, 2)


def test_intake_template_saved_by_libreoffice_imports_unchanged(soffice: str, tmp_path: Path) -> None:
    """A template opened and saved by another spreadsheet application still round-trips."""
    from planner.intake.workbook import read_intake, write_template
    from tests.test_intake import carried

    demo = load_demo()
    path = tmp_path / "intake.xlsx"
    write_template(path, demo, METHOD)
    [saved] = convert(soffice, [path], tmp_path)
    result = read_intake(saved, METHOD)
    assert result.problems == ()
    assert result.portfolio is not None
    assert carried(result.portfolio) == carried(demo)  # what an intake workbook carries
