"""The scorecard workbook's structure, formatting, safety, progress and cancellation (no spreadsheet
engine needed here; the recalculated numbers are checked in ``test_xlsx_recalc.py``)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pytest

from planner.cli import main
from planner.export.xlsx.safe_cells import MAX_CELL_CHARS, TRUNCATION_MARKER, is_formula_like, safe_text
from planner.export.xlsx.workbook import ScorecardCancelled, write_scorecard
from planner.method import load_method
from planner.model import Portfolio
from planner.triage.scoring import score
from tests.xlsx_portfolios import DEMO, HOSTILE, hostile_portfolio, load_demo, random_portfolio

METHOD = load_method()
CORE = ["Summary", "Scorecard", "Weights", "Gates", "Finance"]


def export(path: Path, portfolio: Portfolio, **kwargs: object) -> Path:
    write_scorecard(path, portfolio, score(portfolio, METHOD), METHOD, **kwargs)  # type: ignore[arg-type]
    return path


# ---- safe cells -----------------------------------------------------------------------------------


def test_safe_text_strips_control_characters_and_truncates_with_a_marker() -> None:
    assert safe_text("a\x00b\x07c\x1fd\te\nf") == "abcd\te\nf"  # tab and newline are legal
    long = "x" * 40_000
    cut = safe_text(long)
    assert len(cut) == MAX_CELL_CHARS == 32_767
    assert cut.endswith(TRUNCATION_MARKER) and cut.startswith("x" * 1000)
    assert safe_text("y" * MAX_CELL_CHARS) == "y" * MAX_CELL_CHARS  # exactly full: untouched


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"])
def test_formula_leads_are_recognised(text: str) -> None:
    assert is_formula_like(text)


def test_ordinary_text_is_not_formula_like() -> None:
    assert not any(is_formula_like(t) for t in ("Pilot", "1+1", " =x", "a=b", ""))


# ---- structure ------------------------------------------------------------------------------------


def test_demo_workbook_has_every_sheet_in_order(tmp_path: Path) -> None:
    wb = openpyxl.load_workbook(export(tmp_path / "demo.xlsx", load_demo()))
    plans = ["Rollout", "Training", "Stakeholders", "Dependencies"]
    assert wb.sheetnames == [*CORE, *plans, "Scenario", "Method"]  # the demo has funding scenarios
    props = wb.properties
    assert props.creator == "Liftoff" and props.title == "Scorecard — Corvane Group AI pilot portfolio"
    assert wb.calculation.fullCalcOnLoad


def test_plan_sheets_are_left_out_when_no_plans_are_given(tmp_path: Path) -> None:
    no_scenarios = load_demo().model_copy(update={"scenarios": []})
    wb = openpyxl.load_workbook(export(tmp_path / "core.xlsx", no_scenarios, plans={}, graphs={}))
    assert wb.sheetnames == [*CORE, "Method"]


def test_scorecard_formulas_read_the_weights_sheet(tmp_path: Path) -> None:
    portfolio = random_portfolio(3, 12, METHOD)
    wb = openpyxl.load_workbook(export(tmp_path / "f.xlsx", portfolio))
    ws = wb["Scorecard"]
    headers = [c.value for c in ws[4]]
    col = {h: i + 1 for i, h in enumerate(headers)}
    value = ws.cell(5, col["Value"]).value
    assert value.startswith("=IF(SUMPRODUCT(") and "ISNUMBER(" in value and "$2:" in value
    assert "dw_value" in ws.cell(5, col["Composite"]).value
    assert "th_stop_value" in ws.cell(5, col["Computed decision"]).value
    assert ws.cell(5, col["Gates passed"]).value.startswith("=COUNTIF('Gates'!")
    # the weight row above each criterion points at that criterion's row on the Weights sheet
    first = METHOD.criteria[0]
    weight_ref = ws.cell(2, col[first.name]).value
    row = int(weight_ref.rsplit("$", 1)[1])
    assert wb["Weights"].cell(row, 1).value == first.id
    assert wb["Weights"].cell(row, 4).value == first.weight
    names = set(wb.defined_names)
    assert {"dw_value", "dw_readiness", "dw_sponsorship", "gates_total"} <= names
    assert {f"th_{k}" for k in METHOD.thresholds} <= names


def test_formatting_tables_panes_conditional_formats_and_print_setup(tmp_path: Path) -> None:
    wb = openpyxl.load_workbook(export(tmp_path / "fmt.xlsx", random_portfolio(2, 20, METHOD)))
    ws = wb["Scorecard"]
    assert ws.freeze_panes == "D5"
    [table] = ws.tables.values()
    assert table.ref.startswith("A4:") and table.ref.endswith("24")  # header row 4, 20 pilots
    ranges = {str(r.sqref) for r in ws.conditional_formatting}
    assert "G5:J24" in ranges  # the score colour scale
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.fitToWidth == 1
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.print_title_rows == "$4:$4"
    assert ws.oddFooter.center.text == "Page &P of &N"
    hidden = [k for k, d in ws.column_dimensions.items() if d.hidden]
    assert len(hidden) == 2  # rank key and tie-break helper columns
    assert wb["Gates"].tables and wb["Finance"].tables
    assert wb["Weights"].data_validations.dataValidation


def test_empty_portfolio_still_writes_a_valid_workbook(tmp_path: Path) -> None:
    path = export(tmp_path / "empty.xlsx", Portfolio(name="Empty", as_of=date(2026, 1, 1)))
    wb = openpyxl.load_workbook(path)
    assert wb["Summary"]["B5"].value == 0
    assert not wb["Scorecard"].tables


# ---- safety ---------------------------------------------------------------------------------------


def test_user_text_is_never_written_as_a_formula(tmp_path: Path) -> None:
    portfolio = hostile_portfolio(METHOD)
    portfolio = portfolio.model_copy(update={"name": "=evil\x01()"})
    wb = openpyxl.load_workbook(export(tmp_path / "hostile.xlsx", portfolio))
    user_texts = {p.name for p in portfolio.pilots} | {s.name for s in portfolio.stakeholders}
    seen = set()
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.value in user_texts:
                    seen.add(cell.value)
                    assert cell.data_type == "s", (ws.title, cell.coordinate)
                    assert cell.quotePrefix == is_formula_like(cell.value), (ws.title, cell.coordinate)
    assert seen == user_texts
    assert {h.strip() for h in HOSTILE} <= seen | {p.business_unit for p in portfolio.pilots}
    assert wb["Summary"]["A1"].value == "Portfolio scorecard — =evil()"  # control character stripped


def test_only_our_formula_columns_hold_formulas(tmp_path: Path) -> None:
    wb = openpyxl.load_workbook(export(tmp_path / "hostile.xlsx", hostile_portfolio(METHOD)))
    ws = wb["Scorecard"]
    headers = [c.value for c in ws[4]]
    live = {
        "Rank",
        "Decision",
        "Computed decision",
        "Composite",
        "Value",
        "Readiness",
        "Sponsorship",
        "Gates passed",
        "Rank key",
    }
    for row in ws.iter_rows(min_row=5):
        for cell, header in zip(row, headers, strict=False):
            assert (cell.data_type == "f") == (header in live), (cell.coordinate, header)
    for name in ("Gates", "Finance", "Stakeholders", "Method"):
        for row in wb[name].iter_rows():
            assert all(c.data_type != "f" for c in row), name


# ---- progress, cancellation, atomic write ---------------------------------------------------------


def test_progress_rises_to_the_total(tmp_path: Path) -> None:
    calls: list[tuple[int, int]] = []
    export(tmp_path / "p.xlsx", random_portfolio(1, 300, METHOD), progress=lambda d, t: calls.append((d, t)))
    assert len(calls) >= 3
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)
    assert calls[-1][0] == calls[-1][1]


def test_cancel_leaves_the_previous_file_untouched(tmp_path: Path) -> None:
    target = tmp_path / "keep.xlsx"
    target.write_bytes(b"previous")
    with pytest.raises(ScorecardCancelled, match="cancelled; nothing was written"):
        export(target, random_portfolio(1, 300, METHOD), cancel=lambda: True)
    assert target.read_bytes() == b"previous"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["keep.xlsx"]  # no temporary file left


# ---- CLI ------------------------------------------------------------------------------------------


def test_cli_scorecard(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "sc.xlsx"
    assert main(["scorecard", str(DEMO), str(out)]) == 0
    assert "wrote scorecard" in capsys.readouterr().out
    assert openpyxl.load_workbook(out)["Scorecard"]["B5"].value
    assert main(["scorecard", str(DEMO), str(tmp_path / "sc.csv")]) == 1
    assert "name it *.xlsx" in capsys.readouterr().err


def test_overrides_are_shown_with_their_rationale(tmp_path: Path) -> None:
    portfolio = random_portfolio(6, 40, METHOD)
    overridden = [p for p in portfolio.pilots if p.override is not None]
    assert overridden, "seed 6 should hold overridden pilots"
    wb = openpyxl.load_workbook(export(tmp_path / "o.xlsx", portfolio))
    ws = wb["Scorecard"]
    headers = [c.value for c in ws[4]]
    rows = {r[1]: dict(zip(headers, r, strict=True)) for r in ws.iter_rows(min_row=5, values_only=True)}
    for pilot in overridden:
        assert pilot.override is not None
        assert rows[pilot.id]["Override"] == pilot.override.decision.value.replace("_", " ")
        assert rows[pilot.id]["Override rationale"] == pilot.override.rationale
    plain = next(p for p in portfolio.pilots if p.override is None)
    assert rows[plain.id]["Override"] is None and rows[plain.id]["Override rationale"] is None
