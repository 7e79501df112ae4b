"""The Excel intake: template, import with located problems, untrusted files, merge, CLI."""

from __future__ import annotations

import io
import re
import time
import zipfile
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from planner.cli import main
from planner.intake.problems import check_archive
from planner.intake.reader import IntakeReader
from planner.intake.workbook import IntakeProblem, merge, read_intake, write_template
from planner.method import load_method
from planner.model import (
    Dependency,
    Enabler,
    Financials,
    Pilot,
    Portfolio,
    Rating,
    RelationKind,
    Relationship,
    Stakeholder,
    UserGroup,
)
from planner.portfolio.workshop_edits import without_workshop
from tests.xlsx_portfolios import DEMO, hostile_portfolio, load_demo, random_portfolio

METHOD = load_method()
NOT_CARRIED = (
    "method",
    "snapshots",
    "scenarios",
    "plan",
    "committees",
)  # the workshop's, not the pilot team's


def carried(portfolio: Portfolio) -> dict[str, object]:
    """The part of a portfolio an intake workbook carries (single ratings, not the workshop's; not the
    pilots' AI Act risk tiers, which the governance office sets)."""
    desk = without_workshop(portfolio)
    pilots = [p.model_copy(update={"risk_tier": None, "risk_note": ""}) for p in desk.pilots]
    return {k: v for k, v in dict(desk.model_copy(update={"pilots": pilots})).items() if k not in NOT_CARRIED}


def round_trip(portfolio: Portfolio | None, tmp_path: Path) -> Portfolio:
    path = tmp_path / "intake.xlsx"
    write_template(path, portfolio, METHOD)
    result = read_intake(path, METHOD)
    assert result.problems == (), [str(p) for p in result.problems]
    assert result.portfolio is not None
    return result.portfolio


def small() -> Portfolio:
    return Portfolio(
        name="Small",
        currency="EUR",
        as_of=date(2026, 11, 1),
        stakeholders=[Stakeholder(id="S-1", name="Ana"), Stakeholder(id="S-2", name="Ben")],
        user_groups=[UserGroup(id="G-1", name="Clerks", headcount=10)],
        enablers=[Enabler(id="E-1", name="Platform")],
        pilots=[
            Pilot(id="P-1", name="One", sponsor="S-1", ratings={"mlops": Rating(score=2)}),
            Pilot(id="P-2", name="Two", financials=Financials(scale_investment=10.0)),
        ],
        dependencies=[Dependency(pilot="P-2", on="E-1")],
        relationships=[Relationship(source="S-1", target="S-2", kind=RelationKind.INFLUENCES)],
    )


# ---- round trip -----------------------------------------------------------------------------------


def test_demo_round_trips_through_the_template(tmp_path: Path) -> None:
    demo = load_demo()
    imported = round_trip(demo, tmp_path)
    assert carried(imported) == carried(demo)
    merged = merge(demo, imported)
    assert merged.conflicts == ()
    assert merged.portfolio == demo  # merging the unchanged intake back changes nothing
    assert merged.updated == () and merged.added == ()


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_random_portfolios_round_trip(seed: int, tmp_path: Path) -> None:
    portfolio = random_portfolio(seed, 30, METHOD)
    assert carried(round_trip(portfolio, tmp_path)) == carried(portfolio)


def test_formula_like_text_round_trips_as_text(tmp_path: Path) -> None:
    portfolio = hostile_portfolio(METHOD)
    imported = round_trip(portfolio, tmp_path)
    for original, back in zip(portfolio.pilots, imported.pilots, strict=True):
        assert back.name == original.name
        # XML turns a lone carriage return into a line feed; nothing else changes
        assert back.business_unit == original.business_unit.replace("\r", "\n")
        assert back.notes == original.notes  # 19,991 characters, under a cell's 32,767
        # control characters cannot live in a workbook: they are the only thing dropped
        expected = re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", "", original.description).replace("\r", "\n")
        assert back.description == expected
    assert imported.name == "=evil()"
    wb = openpyxl.load_workbook(tmp_path / "intake.xlsx")
    cell = wb["Pilots"]["B2"]
    assert cell.data_type == "s" and cell.quotePrefix


def test_empty_template_has_the_sheets_lists_and_help(tmp_path: Path) -> None:
    path = tmp_path / "empty.xlsx"
    write_template(path, None, METHOD)
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == [
        "Instructions",
        "Lists",
        "Pilots",
        "Ratings",
        "Gates",
        "Financials",
        "Stakeholders",
        "Relationships",
        "Enablers",
        "Dependencies",
        "UserGroups",
    ]
    assert wb["Lists"].sheet_state == "hidden"
    for name in (
        "list_stage",
        "list_stance",
        "list_decision",
        "list_criterion",
        "list_gate",
        "ids_stakeholders",
    ):
        assert name in wb.defined_names
    stages = wb.defined_names["list_stage"].attr_text
    assert stages == "'Lists'!$A$2:$A$7"  # six stages: idea, poc, pilot, scaling, production, retired
    pilots = wb["Pilots"]
    assert pilots.freeze_panes == "B2"
    assert pilots["A1"].value == "Pilot ID" and "Required" in pilots["A1"].comment.text
    formulas = {dv.formula1.lstrip("=") for dv in pilots.data_validations.dataValidation}
    assert {"list_stage", "list_decision", "ids_stakeholders", "list_yesno"} <= formulas
    assert pilots["G2"].number_format == "yyyy-mm-dd"  # Pilot start
    # an untouched template imports as an empty portfolio
    result = read_intake(path, METHOD)
    assert result.ok and result.portfolio is not None and result.portfolio.pilots == []


# ---- every problem, at its place ------------------------------------------------------------------


def edited(tmp_path: Path, edits: dict[tuple[str, str], object], portfolio: Portfolio | None = None) -> Path:
    """The small portfolio's template with some cells overwritten, as a user would type them."""
    path = tmp_path / "edited.xlsx"
    write_template(path, portfolio or small(), METHOD)
    wb = openpyxl.load_workbook(path)
    for (sheet, ref), value in edits.items():
        wb[sheet][ref].value = value
    wb.save(path)
    return path


def problems(path: Path) -> list[tuple[str, int, str, str, str]]:
    result = read_intake(path, METHOD)
    assert result.portfolio is None, "any problem means nothing is imported"
    return [(p.sheet, p.row, p.letter, p.column, p.message) for p in result.problems]


def test_missing_required_value(tmp_path: Path) -> None:
    path = edited(tmp_path, {("Pilots", "B3"): None})
    assert problems(path) == [("Pilots", 3, "B", "Name", "missing required value")]


def test_wrong_types(tmp_path: Path) -> None:
    path = edited(
        tmp_path,
        {
            ("Pilots", "G2"): "next week",
            ("Stakeholders", "E2"): "high",
            ("Financials", "C3"): "ten",
            ("Pilots", "S2"): "maybe",
        },
    )
    assert problems(path) == [
        ("Pilots", 2, "G", "Pilot start", "expected a date (YYYY-MM-DD), got 'next week'"),
        ("Pilots", 2, "S", "KPI higher is better", "expected yes or no, got 'maybe'"),
        ("Financials", 3, "C", "Annual benefit", "expected a number, got 'ten'"),
        ("Stakeholders", 2, "E", "Influence", "expected a whole number, got 'high'"),
    ]


def test_unknown_closed_list_value(tmp_path: Path) -> None:
    path = edited(tmp_path, {("Pilots", "C2"): "pilott"})
    [(sheet, row, letter, column, message)] = problems(path)
    assert (sheet, row, letter, column) == ("Pilots", 2, "C", "Stage")
    assert message.startswith("unknown value 'pilott'; expected one of idea, poc, pilot")


def test_unknown_references(tmp_path: Path) -> None:
    # Ratings row 2 is P-1's first criterion row
    path = edited(
        tmp_path,
        {
            ("Pilots", "I2"): "S-99",
            ("Pilots", "M3"): "G-1, G-7",
            ("Dependencies", "B2"): "E-404",
            ("Relationships", "B2"): "S-3",
            ("Ratings", "B2"): "no_such_criterion",
        },
    )
    assert problems(path) == [
        ("Pilots", 2, "I", "Sponsor", "unknown stakeholder 'S-99'"),
        ("Pilots", 3, "M", "User groups", "unknown user group 'G-7'"),
        (
            "Ratings",
            2,
            "B",
            "Criterion ID",
            "unknown criterion of method 'pilot-to-production': 'no_such_criterion'",
        ),
        ("Relationships", 2, "B", "Target", "unknown stakeholder 'S-3'"),
        ("Dependencies", 2, "B", "Depends on", "unknown pilot or enabler 'E-404'"),
    ]


def test_duplicate_ids(tmp_path: Path) -> None:
    path = edited(
        tmp_path, {("Pilots", "A3"): "P-1", ("Enablers", "A2"): "P-1", ("Stakeholders", "A3"): "S-1"}
    )
    found = problems(path)
    assert ("Pilots", 3, "A", "Pilot ID", "duplicate id 'P-1' (already used on row 2)") in found
    assert ("Enablers", 2, "A", "Enabler ID", "duplicate id 'P-1' (already used on Pilots row 2)") in found
    assert ("Stakeholders", 3, "A", "Stakeholder ID", "duplicate id 'S-1' (already used on row 2)") in found


def test_values_out_of_range(tmp_path: Path) -> None:
    # P-1's rating rows start at Ratings row 2 (criteria in method order, derived ones left out)
    typed = [c.id for c in METHOD.criteria if not c.derived]
    mlops_row = 2 + typed.index("mlops")
    path = edited(
        tmp_path,
        {("Ratings", f"D{mlops_row}"): 7, ("Stakeholders", "F2"): 0, ("UserGroups", "E2"): 0},
    )
    assert problems(path) == [
        ("Ratings", mlops_row, "D", "Score", "value out of range: input should be less than or equal to 5"),
        (
            "Stakeholders",
            2,
            "F",
            "Interest",
            "value out of range: input should be greater than or equal to 1",
        ),
        ("UserGroups", 2, "E", "Headcount", "value out of range: input should be greater than or equal to 1"),
    ]


def test_sheet_column_and_setting_problems(tmp_path: Path) -> None:
    path = edited(tmp_path, {("UserGroups", "B1"): "Title", ("Instructions", "B10"): None})
    wb = openpyxl.load_workbook(path)
    assert wb["Instructions"]["A10"].value == "Portfolio name"
    del wb["Enablers"]
    wb.save(path)
    assert problems(path) == [
        ("Instructions", 10, "B", "Portfolio name", "missing required value"),
        ("Enablers", 0, "", "", "sheet missing from the workbook"),
        # with the Enablers sheet gone, the dependency on E-1 points nowhere
        ("Dependencies", 2, "B", "Depends on", "unknown pilot or enabler 'E-1'"),
        ("UserGroups", 1, "", "Name", "required column missing from the header row"),
    ]


def test_row_level_problems(tmp_path: Path) -> None:
    portfolio = small()
    path = edited(
        tmp_path,
        {
            ("Pilots", "T2"): "stop",  # override decision without a rationale
            ("Ratings", "E3"): "verified",  # evidence on a row with no score
            ("Dependencies", "B2"): "P-2",  # P-2 depends on itself
            ("Stakeholders", "I2"): 3.5,  # map X without map Y
        },
        portfolio,
    )
    assert problems(path) == [
        ("Pilots", 2, "U", "Override rationale", "missing required value"),
        ("Ratings", 3, "D", "Score", "missing required value (evidence or note without a score)"),
        ("Stakeholders", 2, "J", "Map Y", "missing value: give both map coordinates"),
        ("Dependencies", 2, "B", "Depends on", "pilot 'P-2' cannot depend on itself"),
    ]


def test_workbook_for_another_method_is_refused(tmp_path: Path) -> None:
    path = edited(tmp_path, {("Instructions", "B14"): "other-method"})
    assert problems(path) == [
        (
            "Instructions",
            14,
            "B",
            "Scoring method",
            "the workbook is for scoring method 'other-method', not 'pilot-to-production'",
        )
    ]


def test_problem_text_names_the_cell() -> None:
    problem = IntakeProblem("Pilots", 7, "Stage", "unknown value 'x'", "C")
    assert str(problem) == "Pilots!C7 (Stage): unknown value 'x'"


# ---- untrusted files ------------------------------------------------------------------------------


def test_not_a_workbook(tmp_path: Path) -> None:
    path = tmp_path / "fake.xlsx"
    path.write_text("Name,Stage\nx,pilot\n")
    [problem] = read_intake(path, METHOD).problems
    assert (
        problem.message
        == "fake.xlsx: not an Excel workbook (.xlsx); save it as 'Excel Workbook' and try again"
    )


def test_zip_bomb_is_refused_before_parsing(tmp_path: Path) -> None:
    path = tmp_path / "bomb.xlsx"
    with (
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive,
        archive.open("xl/worksheets/sheet1.xml", "w") as entry,
    ):
        chunk = b"\0" * (1 << 20)
        for _ in range(64):  # 64 MB of zeros deflate about 1000:1
            entry.write(chunk)
    assert path.stat().st_size < 1_000_000
    [problem] = check_archive(path)
    assert re.fullmatch(
        r"bomb\.xlsx: refused: entry 'xl/worksheets/sheet1\.xml' is compressed [\d,]+:1 \(limit 200:1\), "
        r"which looks like a zip bomb",
        problem.message,
    )
    assert read_intake(path, METHOD).problems == (problem,)


def test_too_many_entries_and_too_large(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "many.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        for k in range(2_001):
            archive.writestr(f"x/{k}.xml", "<a/>")
    [problem] = check_archive(path)
    assert problem.message == "many.xlsx: refused: the archive holds 2,001 entries (limit 2,000)"
    legit = tmp_path / "legit.xlsx"
    write_template(legit, small(), METHOD)
    monkeypatch.setattr("planner.intake.problems.MAX_UNPACKED", 10_000)
    [problem] = check_archive(legit)
    assert problem.message.startswith("legit.xlsx: refused: it would unpack to")


def forge(path: Path, sheet_xml: str, change: object) -> None:
    """Rewrite one sheet's XML inside the workbook archive with `change(xml) -> xml`."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == sheet_xml:
                data = change(data.decode()).encode()  # type: ignore[operator]
            target.writestr(item, data)
    path.write_bytes(buffer.getvalue())


def sheet_xml(path: Path, title: str) -> str:
    wb = openpyxl.load_workbook(path, read_only=True)
    index = wb.sheetnames.index(title)
    wb.close()
    return f"xl/worksheets/sheet{index + 1}.xml"


def test_forged_dimension_and_stray_far_cells_are_bounded(tmp_path: Path) -> None:
    path = tmp_path / "forged.xlsx"
    portfolio = small()
    write_template(path, portfolio, METHOD)

    def forged(xml: str) -> str:  # the file's own dimension lies: it is not what is read
        return re.sub(r'<dimension ref="[^"]+"\s*/>', '<dimension ref="A1:XFD1048576"/>', xml)

    forge(path, sheet_xml(path, "Pilots"), forged)
    result = read_intake(path, METHOD)
    assert result.ok and result.portfolio is not None
    assert carried(result.portfolio) == carried(portfolio)

    def stray(xml: str) -> str:  # a real cell far away would make the value reader's grid enormous
        return xml.replace('<c r="A2"', '<c r="XFD1048576" t="inlineStr"><is><t>far</t></is></c><c r="A2"', 1)

    forge(path, sheet_xml(path, "Pilots"), stray)
    started = time.perf_counter()
    result = read_intake(path, METHOD)
    assert time.perf_counter() - started < 5
    (problem,) = result.problems
    assert str(problem).startswith("Pilots: cannot read this sheet: it holds a cell at XFD1048576, beyond")


def test_rows_beyond_the_limit_are_reported_not_cut(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "long.xlsx"
    write_template(path, random_portfolio(4, 12, METHOD), METHOD)
    monkeypatch.setattr(IntakeReader, "max_rows", 10)
    found = problems(path)
    assert ("Pilots", 12, "", "", "too many rows: at most 10 data rows are read") in found


# ---- merge ----------------------------------------------------------------------------------------


def test_merge_updates_by_id_adds_new_and_keeps_the_workshop_settings() -> None:
    current = small().model_copy(
        update={"method": small().method.model_copy(update={"weights": {"mlops": 3.0}})}
    )
    current = Portfolio.model_validate(dict(current))
    imported = Portfolio(
        name="From the team",
        as_of=date(2026, 1, 1),
        stakeholders=[Stakeholder(id="S-1", name="Ana", influence=5), Stakeholder(id="S-3", name="Cy")],
        pilots=[
            Pilot(id="P-2", name="Two", sponsor="S-3", ratings={"mlops": Rating(score=4)}),
            Pilot(id="P-3", name="Three"),
        ],
        relationships=[Relationship(source="S-1", target="S-3", kind=RelationKind.COLLABORATES)],
    )
    result = merge(current, imported)
    assert result.conflicts == ()
    merged = result.portfolio
    assert merged is not None
    assert [p.id for p in merged.pilots] == ["P-1", "P-2", "P-3"]
    assert merged.pilot("P-2").sponsor == "S-3" and merged.pilot("P-2").ratings["mlops"].score == 4
    assert merged.pilot("P-1") == current.pilot("P-1")
    assert result.added == ("P-3", "S-3") and result.updated == ("P-2", "S-1")
    assert merged.name == "Small" and merged.method.weights == {"mlops": 3.0}
    assert len(merged.relationships) == 2 and merged.dependencies == current.dependencies


def test_merge_reports_conflicts_and_merges_nothing() -> None:
    current = small()
    imported = Portfolio(
        pilots=[Pilot(id="P-1", name="Something else"), Pilot(id="E-1", name="Platform")],
    )
    result = merge(current, imported)
    assert result.portfolio is None
    assert [str(c) for c in result.conflicts] == [
        "pilot 'E-1': this id belongs to an enabler in the project",
        "pilot 'P-1': named 'One' in the project but 'Something else' in the import",
    ]


# ---- CLI ------------------------------------------------------------------------------------------


def test_cli_template_import_and_merge(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "t.xlsx"
    assert main(["template", "intake", str(out), "--from", str(DEMO)]) == 0
    assert main(["import", str(tmp_path / "a.liftoff"), str(out)]) == 0
    assert main(["import", str(tmp_path / "b.liftoff"), str(out), "--merge", str(DEMO)]) == 0
    assert "merged: 0 added, 0 updated" in capsys.readouterr().out
    from planner.portfolio.store import load

    assert load(tmp_path / "b.liftoff") == load_demo()


def test_cli_import_prints_every_problem_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = edited(tmp_path, {("Pilots", "B3"): None, ("Stakeholders", "E2"): "high"})
    target = tmp_path / "out.liftoff"
    assert main(["import", str(target), str(path)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err == [
        f"{path}: Pilots!B3 (Name): missing required value",
        f"{path}: Stakeholders!E2 (Influence): expected a whole number, got 'high'",
        "nothing imported: 2 problem(s)",
    ]
    assert not target.exists()
