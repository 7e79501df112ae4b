"""The scorecard workbook's structure, stored results, formatting, safety, progress and cancellation
(no spreadsheet engine here: recalculation by LibreOffice is checked in ``test_xlsx_recalc.py``)."""

from __future__ import annotations

import re
import zipfile
from datetime import date
from pathlib import Path
from xml.etree import ElementTree

import openpyxl
import pytest

from planner.cli import main
from planner.export.xlsx.book import estimated_lines, text_width, wrap_lines
from planner.export.xlsx.method_sheet import band_words
from planner.export.xlsx.safe_cells import MAX_CELL_CHARS, TRUNCATION_MARKER, is_formula_like, safe_text
from planner.export.xlsx.summary import Block, Cell, SummaryContent
from planner.export.xlsx.workbook import ScorecardCancelled, write_scorecard
from planner.method import BenefitBand, load_method
from planner.model import Portfolio
from planner.triage.labels import DECISION_HUES, DECISION_LABELS
from planner.triage.scoring import Scores, score
from tests.spreadsheets import header_columns, sheet_rows
from tests.xlsx_portfolios import DEMO, HOSTILE, hostile_portfolio, load_demo, random_portfolio

METHOD = load_method()
CORE = ["Summary", "Triage matrix", "Scorecard", "Ratings", "Weights", "Gates", "Finance"]
PLANS = ["Rollout", "Training", "Stakeholders", "Dependencies"]


def export(path: Path, portfolio: Portfolio, **kwargs: object) -> Path:
    write_scorecard(path, portfolio, score(portfolio, METHOD), METHOD, **kwargs)  # type: ignore[arg-type]
    return path


def label(decision: object) -> str:
    return DECISION_LABELS[decision]  # type: ignore[index]


# ---- safe cells and measures ----------------------------------------------------------------------


def test_safe_text_strips_control_characters_and_truncates_with_a_marker() -> None:
    assert safe_text("a\x00b\x07c\x1fd\te\nf") == "abcd\te\nf"  # tab and newline are legal
    long = "x" * 40_000
    cut = safe_text(long)
    assert len(cut) == MAX_CELL_CHARS == 32_767
    assert cut.endswith(TRUNCATION_MARKER) and cut.startswith("x" * 1000)
    assert safe_text("y" * MAX_CELL_CHARS) == "y" * MAX_CELL_CHARS  # exactly full: untouched
    assert safe_text("no\u00a0break") == "no\u00a0break"  # not printable in Python's sense, but legal


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"])
def test_formula_leads_are_recognised(text: str) -> None:
    assert is_formula_like(text)


def test_ordinary_text_is_not_formula_like() -> None:
    assert not any(is_formula_like(t) for t in ("Pilot", "1+1", " =x", "a=b", ""))


def test_widths_follow_arial_and_wide_characters_count_two() -> None:
    assert text_width("0000") == pytest.approx(4.0)  # a column width unit is one "0"
    assert text_width("iiii") == pytest.approx(1.6)  # Arial's i is 0.4 of a 0
    assert text_width("WW", bold=True) == pytest.approx(3.4)
    assert text_width("数据") == pytest.approx(4.0)
    assert text_width("ab\nabcd") == pytest.approx(text_width("abcd"))
    # "one two three" in 8 units: "one two" is 0.9+1+1 + 0.5 + 0.5+1.3+1 = 6.2, then "three"
    assert wrap_lines("one two three", 8.0) == 2
    assert wrap_lines("x" * 15, 10.0) == 2  # a word wider than the column breaks
    assert wrap_lines("word " * 40, 10.0) == 20  # "word word" is 3.9+0.5+3.9 = 8.3 units a line
    # estimated: "word " is 1.3+1+0.6+1 + 0.5 = 4.4 units, 40 of them 176, and an eighth of each
    # 10-unit line is counted as lost: 176 / 8.75 → 21 lines (LibreOffice wraps them into 20)
    assert estimated_lines("word " * 40, 10.0) == 21
    assert estimated_lines("short\n\nthree", 10.0) == 3
    assert wrap_lines("a\nb", 50.0) == 2


def test_benefit_bands_read_in_words_without_sentinels() -> None:
    bands = [
        BenefitBand(min_ratio=-1e9, score=0),
        BenefitBand(min_ratio=0, score=1),
        BenefitBand(min_ratio=2, score=4),
    ]
    assert band_words(bands) == "below 0: 0; 0 to below 2: 1; 2 or more: 4"
    assert band_words([BenefitBand(min_ratio=0.5, score=2)]) == "below 0.5: 0; 0.5 or more: 2"


# ---- structure ------------------------------------------------------------------------------------


def test_demo_workbook_has_every_sheet_in_order(tmp_path: Path) -> None:
    wb = openpyxl.load_workbook(export(tmp_path / "demo.xlsx", load_demo()))
    assert wb.sheetnames == [*CORE, *PLANS, "Scenario", "Method"]  # the demo has funding scenarios
    props = wb.properties
    assert props.creator == "Liftoff" and props.title == "Scorecard — Corvane Group AI pilot portfolio"
    assert wb.calculation.fullCalcOnLoad  # Excel recalculates on open as well


def test_plan_sheets_are_left_out_when_no_plans_are_given_and_sessions_on_demand(tmp_path: Path) -> None:
    no_scenarios = load_demo().model_copy(update={"scenarios": []})
    wb = openpyxl.load_workbook(export(tmp_path / "core.xlsx", no_scenarios, plans={}, graphs={}))
    assert wb.sheetnames == [*CORE, "Method"]
    wb = openpyxl.load_workbook(export(tmp_path / "all.xlsx", no_scenarios, sessions=True), read_only=True)
    assert wb.sheetnames == [
        *CORE,
        "Rollout",
        "Training",
        "Sessions",
        "Stakeholders",
        "Dependencies",
        "Method",
    ]


def assert_stored_results(path: Path, scores: Scores) -> None:
    """Every formula's stored result, read without recalculating, is the app's number."""
    rows = sheet_rows(path, "Scorecard")
    assert set(rows) == set(scores.pilots)
    for pid, ps in scores.pilots.items():
        row = rows[pid]
        for header, expected in (
            ("Value", ps.value),
            ("Readiness", ps.readiness),
            ("Sponsorship", ps.sponsorship),
            ("Composite", ps.composite),
        ):
            assert row[header] == pytest.approx(expected, abs=1e-12), (pid, header)
        assert (row["Rank"], row["Gates passed"]) == (ps.rank, ps.gates_passed), pid
        assert row["Computed decision"] == label(ps.computed_decision), pid
        assert row["Decision"] == label(ps.decision), pid
        for d in DECISION_LABELS:
            expected = ps.readiness if ps.decision is d else "#N/A"
            assert row[f"Chart: {label(d)}"] == expected, (pid, d)
    ratings = sheet_rows(path, "Ratings", key=0)
    gates = sheet_rows(path, "Gates", key=0)
    for pid, ps in scores.pilots.items():
        assert ratings[pid]["Value"] == pytest.approx(ps.value, abs=1e-12)
        assert gates[pid]["Passed"] == ps.gates_passed


def test_formulas_carry_the_apps_numbers_without_recalculation(tmp_path: Path) -> None:
    cases = {"demo": load_demo(), **{f"r{seed}": random_portfolio(seed, 40, METHOD) for seed in (1, 2, 6)}}
    for name, portfolio in cases.items():
        scores = score(portfolio, METHOD)
        path = export(tmp_path / f"{name}.xlsx", portfolio)
        assert_stored_results(path, scores)
        summary = openpyxl.load_workbook(path, data_only=True)["Summary"]
        tally = {
            r[0].value: r[1].value for r in summary.iter_rows() if r[0].value in DECISION_LABELS.values()
        }
        assert tally == {label(d): scores.tally.get(d, 0) for d in DECISION_LABELS}
        best = scores.pilots[scores.ranking[0]]
        names = {p.id: p.name for p in portfolio.pilots}
        texts = [c.value for row in summary.iter_rows() for c in row]
        assert f"1. {names[best.pilot]}" in texts


def test_every_formula_is_stored_with_a_result(tmp_path: Path) -> None:
    path = export(tmp_path / "all.xlsx", load_demo())
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/sheet"):
                xml = archive.read(name).decode("utf-8")
                formulas = len(re.findall(r"<f>", xml))
                stored = len(re.findall(r"</f><v>[^<]+</v>", xml))
                assert formulas == stored, name


def test_look_ups_go_by_id_never_by_a_row_of_another_sheet(tmp_path: Path) -> None:
    portfolio = random_portfolio(3, 12, METHOD)
    wb = openpyxl.load_workbook(export(tmp_path / "f.xlsx", portfolio))
    last = 4 + len(portfolio.pilots)
    cross = re.compile(r"('?[A-Za-z ]+'?)!(\$?[A-Z]+\$?\d+(?::\$?[A-Z]+\$?\d+)?)")
    whole_column = re.compile(rf"\$[A-Z]+\$5:\$[A-Z]+\${last}")
    seen = 0
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.data_type != "f":
                    continue
                for sheet, ref in cross.findall(cell.value):
                    seen += 1
                    if sheet.strip("'") == "Weights":  # the short lists there: a whole list, by id
                        assert re.fullmatch(r"\$[A-Z]\$\d+:\$[A-Z]\$\d+", ref), (ws.title, cell.coordinate)
                    else:
                        assert whole_column.fullmatch(ref), (ws.title, cell.coordinate, cell.value)
                if "!" in cell.value and ws.title in ("Scorecard", "Ratings"):
                    assert "MATCH(" in cell.value, (ws.title, cell.coordinate)
    assert seen > 5 * len(portfolio.pilots)
    sc = wb["Scorecard"]
    col = header_columns(sc)
    gates = sc.cell(5, col["Gates passed"]).value
    assert gates.startswith("=INDEX(Gates!$C$5:$C$16,MATCH($B5,Gates!$A$5:$A$16,0))")
    # a criterion's weight is found by its id on the Weights sheet, and so are the names
    ratings = wb["Ratings"]
    first = METHOD.criteria[0]
    weight = ratings.cell(2, header_columns(ratings)[first.name]).value
    assert f'MATCH("{first.id}",Weights!$A$5:$A$' in weight
    names = wb.defined_names
    assert {"dw_value", "dw_readiness", "dw_sponsorship", "gates_total"} <= set(names)
    assert 'MATCH("value",Weights!' in names["dw_value"].attr_text
    assert 'MATCH("stale_months",Weights!' in names["th_stale_months"].attr_text
    assert names["gates_total"].attr_text == str(len(METHOD.gates))


def test_formatting_tables_panes_conditional_formats_and_print_setup(tmp_path: Path) -> None:
    wb = openpyxl.load_workbook(export(tmp_path / "fmt.xlsx", random_portfolio(2, 20, METHOD)))
    ws = wb["Scorecard"]
    assert ws.freeze_panes == "D5"
    [table] = ws.tables.values()
    assert table.ref.startswith("A4:") and table.ref.endswith("24")  # header row 4, 20 pilots
    ranges = {str(r.sqref) for r in ws.conditional_formatting}
    assert "G5:J24" in ranges  # the score colour scale
    hidden = {c for d in ws.column_dimensions.values() if d.hidden for c in range(d.min, d.max + 1)}
    col = header_columns(ws)
    assert {c for c in col if c.startswith("Chart: ")} | {"Rank key", "Tie-break", "Bubble size"} == {
        h for h, c in col.items() if c in hidden
    }
    for sheet in wb.worksheets:
        if sheet.title == "Summary":
            continue
        assert sheet.page_setup.orientation == "landscape", sheet.title
        assert sheet.page_setup.fitToWidth in (None, 1), sheet.title  # 1 is the file format's default
        assert sheet.page_setup.fitToHeight == 0, sheet.title
        assert sheet.sheet_properties.pageSetUpPr.fitToPage, sheet.title
        assert "Page &P of &N" in sheet.oddFooter.center.text, sheet.title
    for name in ("Scorecard", "Ratings", "Gates", "Finance", "Rollout", "Training", "Stakeholders"):
        assert wb[name].print_title_rows == "$4:$4", name
        assert wb[name].tables, name
    assert wb["Weights"].data_validations.dataValidation and wb["Gates"].data_validations.dataValidation
    assert wb["Rollout"].cell(5, 6).number_format == "d mmm yyyy"


def test_columns_fit_their_content_and_headers_wrap_between_words(tmp_path: Path) -> None:
    wb = openpyxl.load_workbook(export(tmp_path / "w.xlsx", load_demo()))
    for ws in wb.worksheets:
        header = 3 if ws.title == "Method" else 4
        for cell in ws[header]:
            if not isinstance(cell.value, str):
                continue
            dims = next((d for d in ws.column_dimensions.values() if d.min <= cell.column <= d.max), None)
            assert dims is not None, (ws.title, cell.coordinate)
            if dims.hidden:
                continue
            width = dims.width
            for word in cell.value.split():
                assert text_width(word, bold=True) < width, (ws.title, cell.value, width)
            lines = wrap_lines(cell.value, width - 1.2, bold=True)
            assert ws.row_dimensions[header].height >= 12.75 * lines, (ws.title, cell.value)
    sc = wb["Scorecard"]
    col = header_columns(sc)
    npv = next(d.width for d in sc.column_dimensions.values() if d.min <= col["NPV"] <= d.max)
    assert npv > len("-12,345,678")  # every amount shows whole, none runs into the next column


def test_empty_portfolio_still_writes_a_valid_workbook(tmp_path: Path) -> None:
    path = export(tmp_path / "empty.xlsx", Portfolio(name="Empty", as_of=date(2026, 1, 1)))
    wb = openpyxl.load_workbook(path, data_only=True)
    assert wb["Summary"]["B5"].value == 0
    assert not wb["Scorecard"].tables


def test_no_sentinel_number_is_shown(tmp_path: Path) -> None:
    wb = openpyxl.load_workbook(export(tmp_path / "s.xlsx", load_demo()), data_only=True)
    for ws in wb.worksheets:
        for row in ws.iter_rows(values_only=True):
            for value in row:
                if isinstance(value, str):
                    assert not re.search(r"\d[eE][+-]?\d|1000000000", value), (ws.title, value)
                elif isinstance(value, float):
                    assert abs(value) < 1e12, (ws.title, value)
    method = [c.value for c in wb["Method"]["B"] if c.value]
    assert any("below 0: 0; 0 to below 0.5: 1" in text for text in method)


def test_the_summary_renders_any_content_given(tmp_path: Path) -> None:
    content = SummaryContent(
        "Committee brief",
        "Decide by 1 Dec 2026",
        (Block(("Ask", "Amount"), ((Cell("Fund the fixes"), Cell(250_000.0, "money")),)),),
    )
    wb = openpyxl.load_workbook(export(tmp_path / "b.xlsx", load_demo(), summary=content))
    ws = wb["Summary"]
    assert [ws["A1"].value, ws["A2"].value, ws["A4"].value, ws["A5"].value, ws["B5"].value] == [
        "Committee brief",
        "Decide by 1 Dec 2026",
        "Ask",
        "Fund the fixes",
        250_000,
    ]


# ---- charts ---------------------------------------------------------------------------------------

C_NS = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
A_NS = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


def charts(path: Path) -> list[ElementTree.Element]:
    with zipfile.ZipFile(path) as archive:
        names = sorted(n for n in archive.namelist() if n.startswith("xl/charts/chart"))
        return [ElementTree.fromstring(archive.read(n)) for n in names]


def test_triage_bubble_chart_has_a_series_per_decision_with_the_apps_points(tmp_path: Path) -> None:
    portfolio = load_demo()
    scores = score(portfolio, METHOD)
    path = export(tmp_path / "c.xlsx", portfolio)
    [bubble] = [c for c in charts(path) if c.find(f".//{C_NS}bubbleChart") is not None]
    series = bubble.findall(f".//{C_NS}ser")
    assert [s.find(f"{C_NS}tx//{C_NS}v").text for s in series] == list(DECISION_LABELS.values())
    ranked = [scores.pilots[pid] for pid in scores.ranking]
    for s, decision in zip(series, DECISION_LABELS, strict=True):
        colour = s.find(f"{C_NS}spPr/{A_NS}solidFill/{A_NS}srgbClr").get("val")
        assert colour == DECISION_HUES[decision].lstrip("#").upper()
        assert s.find(f"{C_NS}xVal//{C_NS}f").text.startswith("Scorecard!$H$5:$H$")
        x = [float(p.find(f"{C_NS}v").text) for p in s.find(f"{C_NS}xVal").iter(f"{C_NS}pt")]
        assert x == pytest.approx([ps.value for ps in ranked])
        y = {
            int(p.get("idx")): float(p.find(f"{C_NS}v").text) for p in s.find(f"{C_NS}yVal").iter(f"{C_NS}pt")
        }
        expected = {k: ps.readiness for k, ps in enumerate(ranked) if ps.decision is decision}
        assert y == pytest.approx(expected)  # the other pilots are gaps, not zeros
        assert s.find(f"{C_NS}bubbleSize//{C_NS}f").text.startswith("Scorecard!")
    kinds = [child.tag.removeprefix(C_NS) for c in charts(path) for child in c.find(f".//{C_NS}plotArea")]
    assert "barChart" in kinds and kinds.count("scatterChart") == len(portfolio.scenarios)


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
    from planner.export.xlsx.scorecard import LIVE

    wb = openpyxl.load_workbook(export(tmp_path / "hostile.xlsx", hostile_portfolio(METHOD)))
    live = {"Scorecard": LIVE, "Ratings": {"Value", "Readiness", "Sponsorship"}, "Gates": {"Passed"}}
    for name, columns in live.items():
        ws = wb[name]
        headers = [c.value for c in ws[4]]
        for row in ws.iter_rows(min_row=5):
            for cell, header in zip(row, headers, strict=False):
                assert (cell.data_type == "f") == (header in columns), (name, cell.coordinate, header)
    for name in ("Finance", "Stakeholders", "Method", "Rollout", "Training", "Dependencies"):
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


def test_cancel_is_heard_before_the_funding_scenarios_are_solved(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from planner.funding import scenarios

    def solve(*args: object, **kwargs: object) -> object:
        raise AssertionError("a cancelled export must not solve the scenarios")

    monkeypatch.setattr(scenarios, "fund", solve)
    with pytest.raises(ScorecardCancelled):
        export(tmp_path / "c.xlsx", load_demo(), cancel=lambda: True)
    assert list(tmp_path.iterdir()) == []


# ---- CLI ------------------------------------------------------------------------------------------


def test_cli_scorecard(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "sc.xlsx"
    assert main(["scorecard", str(DEMO), str(out)]) == 0
    assert "wrote scorecard" in capsys.readouterr().out
    assert openpyxl.load_workbook(out)["Scorecard"]["B5"].value
    assert main(["scorecard", str(DEMO), str(tmp_path / "s.xlsx"), "--sessions"]) == 0
    assert "Sessions" in openpyxl.load_workbook(tmp_path / "s.xlsx", read_only=True).sheetnames
    assert main(["scorecard", str(DEMO), str(tmp_path / "sc.csv")]) == 1
    assert "name it *.xlsx" in capsys.readouterr().err


def test_overrides_are_shown_with_their_rationale(tmp_path: Path) -> None:
    portfolio = random_portfolio(6, 40, METHOD)
    overridden = [p for p in portfolio.pilots if p.override is not None]
    assert overridden, "seed 6 should hold overridden pilots"
    rows = sheet_rows(export(tmp_path / "o.xlsx", portfolio), "Scorecard")
    for pilot in overridden:
        assert pilot.override is not None
        assert rows[pilot.id]["Override"] == label(pilot.override.decision)
        assert rows[pilot.id]["Decision"] == label(pilot.override.decision)
        assert rows[pilot.id]["Override rationale"] == pilot.override.rationale
    plain = next(p for p in portfolio.pilots if p.override is None)
    assert rows[plain.id]["Override"] is None and rows[plain.id]["Override rationale"] is None


# ---- training per cohort ---------------------------------------------------------------------------


def test_training_sheet_has_a_row_per_cohort_whose_columns_add_up_to_the_plans_totals(tmp_path: Path) -> None:
    from planner.plans.rollout import plan_rollout
    from planner.plans.training import plan_training

    portfolio = load_demo()
    rollout = plan_rollout(portfolio, score(portfolio, METHOD), METHOD)
    plan = plan_training(portfolio, rollout)
    path = export(tmp_path / "t.xlsx", portfolio, plans={"rollout": rollout, "training": plan}, graphs={})
    ws = openpyxl.load_workbook(path, data_only=True)["Training"]
    headers = [c.value for c in ws[4]]
    rows = [dict(zip(headers, r, strict=False)) for r in ws.iter_rows(min_row=5, values_only=True)]
    rows = rows[: next(k for k, r in enumerate(rows) if r["Pilot ID"] is None)]
    assert len(rows) == len({(s.pilot, s.phase) for s in plan.sessions}) < len(plan.sessions)

    def total(suffix: str) -> float:
        return sum(r[h] or 0 for r in rows for h in headers if h and h.endswith(suffix))

    t = plan.totals
    assert total("(sessions)") == t.sessions
    assert total("(places)") == t.self_paced
    assert sum(r["Trainer hours"] for r in rows) == pytest.approx(t.trainer_hours)
    assert sum(r["Learner hours"] for r in rows) == pytest.approx(t.learner_hours)
    first = rows[0]
    sessions = [s for s in plan.sessions if s.pilot == first["Pilot ID"]]
    phase = next(
        ph
        for p in rollout.pilots
        for ph in p.phases
        if p.pilot == first["Pilot ID"] and ph.name == first["Cohort"]
    )
    mine = [s for s in sessions if s.phase == phase.id]
    assert first["Training from"].date() == min(s.day for s in mine)
    assert first["Training to"].date() == max(s.day for s in mine)
    assert first["People"] == phase.people


def test_cohorts_count_sessions_of_led_modules_and_places_of_self_paced_ones() -> None:
    from types import SimpleNamespace

    from planner.export.xlsx.plans import cohorts

    def session(
        pilot: str, phase: str, module: str, stage: str, fmt: str, day: int, count: int, learners: int
    ):
        return SimpleNamespace(
            pilot=pilot, phase=phase, module=module, module_name=module.title(), stage=stage, format=fmt,
            day=date(2027, 3, day), go_live=date(2027, 4, 1 if pilot == "B" else 2), count=count,
            learners=learners, trainer_hours=2.0 * count, learner_hours=1.5 * learners,
        )  # fmt: skip

    rows, modules = cohorts(
        [
            session("A", "beta", "hands_on", "ability", "classroom", 3, 2, 20),
            session("A", "beta", "briefing", "awareness", "virtual", 1, 1, 4),
            session("A", "beta", "hands_on", "ability", "classroom", 8, 1, 9),
            session("A", "beta", "course", "ability", "self_paced", 2, 1, 30),
            session("B", "full", "briefing", "awareness", "virtual", 5, 1, 3),
        ]
    )
    # B goes live first; the modules follow the stages, awareness before ability
    assert [(r.pilot, r.phase) for r in rows] == [("B", "full"), ("A", "beta")]
    assert [m[0] for m in modules] == ["briefing", "hands_on", "course"]
    assert [m[2] for m in modules] == [False, False, True]
    a = rows[1]
    assert a.counts == {"hands_on": 3, "briefing": 1, "course": 30}  # 2 + 1 sessions; 30 places
    assert (a.first, a.last) == (date(2027, 3, 1), date(2027, 3, 8))
    assert a.trainer_hours == 2.0 * (2 + 1 + 1 + 1) and a.learner_hours == 1.5 * (20 + 4 + 9 + 30)
