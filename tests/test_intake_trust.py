"""Intake import never shows a traceback and never misreads a number (issue 13).

Each workbook is the small portfolio's template with one cell or one piece of sheet XML forged the
way a damaged file, another spreadsheet program or a careless paste leaves it. Expectations are the
cell a person would look at and what they typed, worked out by hand.
"""

from __future__ import annotations

import math
import re
from pathlib import Path

import pytest

from planner.intake.cells import CellError, parse_number
from planner.intake.workbook import read_intake, write_template
from tests.test_intake import METHOD, edited, forge, sheet_xml, small

B2 = r'<c r="B2"[^>]*>.*?</c>'  # Financials!B2, "Scale investment" of pilot P-1, as the writer wrote it


def forged_financials(tmp_path: Path, old: str, new: str) -> Path:
    """The small template with the first match of the pattern `old` in its Financials sheet replaced."""
    path = tmp_path / "forged.xlsx"
    write_template(path, small(), METHOD)

    def change(xml: str) -> str:
        assert re.search(old, xml), old
        return re.sub(old, lambda _: new, xml, count=1)

    forge(path, sheet_xml(path, "Financials"), change)
    return path


@pytest.mark.parametrize(
    ("old", "new", "said"),
    [
        (B2, '<c r="B2" t="n"><v>NaN</v></c>', "Financials!B2 (Scale investment): expected a finite"),
        (
            B2,
            '<c r="B2" t="s"><v>99999</v></c>',
            "Financials: cannot read this sheet: cell B2 refers to shared",
        ),
        (B2, '<c r="B2" t="d"><v>not a date</v></c>', "Financials!B2 (Scale investment): expected a number"),
        (
            r'<row r="2"[^>]*>',
            '<row r="two">',
            "Financials: cannot read this sheet: a row or cell is numbered 'two'",
        ),
        ("</sheetData>", "<sheetData>", "Financials: cannot read this sheet"),  # invalid XML
        (
            B2,
            '<c r="B2"><f>SUM(C2:F2)</f></c>',
            "Financials!B2 (Scale investment): a formula with no stored result: "
            "recalculate and save in your spreadsheet first",
        ),
        (
            B2,
            '<c r="B2" t="e"><v>#DIV/0!</v></c>',
            "Financials!B2 (Scale investment): the cell shows an error",
        ),
        (
            B2,
            '<c r="B2" t="str"><f>TEXT(C2,"0")</f></c>',
            "Financials!B2 (Scale investment): a formula with no stored result",
        ),
    ],
)
def test_damaged_cells_and_sheets_are_one_located_line(tmp_path: Path, old: str, new: str, said: str) -> None:
    result = read_intake(forged_financials(tmp_path, old, new), METHOD)
    assert result.portfolio is None and result.problems
    lines = [str(p) for p in result.problems]
    assert all("\n" not in line and len(line) < 600 for line in lines)
    assert any(line.startswith(said) for line in lines), lines


def test_a_formula_with_a_stored_result_is_read(tmp_path: Path) -> None:
    path = forged_financials(tmp_path, B2, '<c r="B2"><f>1+1</f><v>2</v></c>')
    result = read_intake(path, METHOD)
    assert result.portfolio is not None, [str(p) for p in result.problems]
    assert result.portfolio.pilot("P-1").financials.scale_investment == 2.0


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("0,45", 0.45),
        ("1,5", 1.5),
        ("1.234.567,5", 1_234_567.5),
        ("1,234,567.5", 1_234_567.5),
        ("1 234 567", 1_234_567.0),
        ("1\u202f234,5", 1234.5),
        ("+3,25", 3.25),
        ("12", 12.0),
    ],
)
def test_numbers_typed_as_text_are_read_as_meant(tmp_path: Path, typed: str, meant: float) -> None:
    result = read_intake(edited(tmp_path, {("Financials", "B2"): typed}), METHOD)
    assert result.portfolio is not None, [str(p) for p in result.problems]
    assert math.isclose(result.portfolio.pilot("P-1").financials.scale_investment, meant)


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("1,234", "'1,234' could be 1234 or 1.234"),
        ("1.500", "'1.500' could be 1500 or 1.500"),
        ("1,2,3", "expected a number, got '1,2,3'"),
        ("12,34.5", "expected a number, got '12,34.5'"),
        ("∞", "expected a number, got '∞'"),
        ("inf", "expected a finite number"),
    ],
)
def test_numbers_that_could_be_misread_are_refused_at_their_cell(
    tmp_path: Path, typed: str, said: str
) -> None:
    result = read_intake(edited(tmp_path, {("Financials", "B2"): typed}), METHOD)
    (problem,) = result.problems
    assert str(problem).startswith("Financials!B2 (Scale investment): ") and said in str(problem)


@pytest.mark.parametrize(("typed", "said"), [(True, "'TRUE'"), (3.5, "'3.5'"), (False, "'FALSE'")])
def test_ids_must_be_text(tmp_path: Path, typed: object, said: str) -> None:
    result = read_intake(edited(tmp_path, {("UserGroups", "A2"): typed}), METHOD)
    assert result.portfolio is None
    assert f"UserGroups!A2 (Group ID): an id must be text, got {said}" in [str(p) for p in result.problems]


def test_a_whole_number_id_is_its_digits(tmp_path: Path) -> None:
    result = read_intake(edited(tmp_path, {("UserGroups", "A2"): 17}), METHOD)  # G-1 becomes 17
    assert result.portfolio is not None, [str(p) for p in result.problems]
    assert [g.id for g in result.portfolio.user_groups] == ["17"]


def test_parse_number_never_scales_by_a_power_of_ten() -> None:
    """Every reading either equals one of the two candidate readings a person could mean (decimal
    comma or decimal point) or is refused: never 45 for "0,45" nor 15 for "1,5"."""
    for whole in ("0", "1", "12", "123"):
        for fraction in ("4", "45", "456", "4567"):
            for sep in (",", "."):
                text = f"{whole}{sep}{fraction}"
                try:
                    got = parse_number(text)
                except CellError:
                    assert len(fraction) == 3 and whole != "0"  # the ambiguous thousands case only
                    continue
                assert math.isclose(got, float(f"{whole}.{fraction}")), text


def test_a_huge_cell_is_not_echoed_whole(tmp_path: Path) -> None:
    result = read_intake(edited(tmp_path, {("Ratings", "A2"): "x" * 32_000}), METHOD)
    (problem,) = [p for p in result.problems if p.sheet == "Ratings"]
    line = str(problem)
    assert line.startswith("Ratings!A2 (Pilot ID): unknown pilot 'xxx") and len(line) <= 600
    assert "(32,0" in line  # the size is stated
