"""Writing the Excel intake template, empty or pre-filled from a portfolio (see `planner.intake.workbook`)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Any

from xlsxwriter.utility import xl_col_to_name

from planner.export.xlsx.book import BARE, Book, Sheet
from planner.intake.layout import (
    DATA_SHEETS,
    ENUM_LISTS,
    INSTRUCTIONS,
    LISTS,
    NO,
    SETTINGS,
    SETTINGS_TITLE,
    YES,
    SheetSpec,
)
from planner.method import Method, load_method
from planner.model import Portfolio

SAFE = frozenset({"id", "ids", "enum", "bool"})  # kinds whose text the model has already validated
SPARE_ROWS = 200  # empty, formatted and validated rows below the data for the user to fill
NUMBER_FORMATS = {"date": "yyyy-mm-dd", "float": "#,##0.##", "int": "0", "score": "0"}
STYLES: dict[str, dict[str, Any]] = {
    "intake_header": {"bold": True, "font_color": "#FFFFFF", "bg_color": "#1F4E79"},
    "intake_title": {"bold": True, "font_size": 16},
    "intake_heading": {"bold": True, "font_size": 12},
    **{f"intake_{kind}": {"num_format": fmt} for kind, fmt in NUMBER_FORMATS.items()},
    **{
        f"intake_info_{kind}": {"num_format": fmt, "bg_color": "#EDEDED"}
        for kind, fmt in NUMBER_FORMATS.items()
    },
    "intake_info": {"bg_color": "#EDEDED"},
}


def write_template(path: Path, portfolio: Portfolio | None = None, method: Method | None = None) -> None:
    """Write the intake workbook to `path`: empty, or holding `portfolio` so it imports back unchanged.

    `method` defaults to the portfolio's scoring method (or the default method for an empty template).

    Guarantees: every closed list has a drop-down backed by a defined name on the hidden Lists sheet;
    headers are frozen, filtered and commented with help and an example; user text is stored as text.
    The file is written beside `path` and moved into place: a failure never leaves half a template.
    """
    if method is None:
        method = load_method(portfolio.method.id if portfolio is not None else "pilot-to-production")
    book = Book(Path(path))
    try:
        for name, props in STYLES.items():
            book.add_style(name, props)
        instructions = book.sheet(INSTRUCTIONS)
        _write_lists(book, method)
        rows = _records(portfolio, method) if portfolio is not None else {}
        for spec in DATA_SHEETS:
            _write_sheet(book, spec, rows.get(spec.name, []))
        _write_instructions(instructions, portfolio, method)
        book.wb.set_properties({"title": "Liftoff intake", "author": "Liftoff"})
        book.close()
    except BaseException:
        book.discard()
        raise


def _write_lists(book: Book, method: Method) -> None:
    sheet = book.sheet(LISTS)
    sheet.ws.hide()
    lists: dict[str, list[Any]] = {name: [m.value for m in enum] for name, enum in ENUM_LISTS.items()}
    lists["list_yesno"] = [YES, NO]
    lists["list_score"] = [0, 1, 2, 3, 4, 5]
    lists["list_one_five"] = [1, 2, 3, 4, 5]
    lists["list_criterion"] = [c.id for c in method.criteria]
    lists["list_gate"] = [g.id for g in method.gates]
    for col, (name, values) in enumerate(lists.items()):
        sheet.ws.write_string(0, col, name)
        for row, value in enumerate(values, start=1):
            if isinstance(value, str):
                sheet.text(row, col, value)
            else:
                sheet.ws.write_number(row, col, value)
        letter = xl_col_to_name(col)
        book.wb.define_name(name, f"='{LISTS}'!${letter}$2:${letter}${len(values) + 1}")


def _write_sheet(book: Book, spec: SheetSpec, records: list[dict[str, Any]]) -> None:
    sheet = book.sheet(spec.name)
    ws = sheet.ws
    last_row = len(records) + SPARE_ROWS  # 0-based: the header is row 0
    header = book.fmt("intake_header")
    for col, column in enumerate(spec.columns):
        ws.write_string(0, col, column.header, header)
        note = column.help + (f"\nExample: {column.example}" if column.example else "")
        if column.required:
            note = "Required. " + note
        if note.strip():
            ws.write_comment(0, col, note.strip(), {"author": "Liftoff", "width": 260, "height": 90})
        ws.set_column(col, col, column.width)
        if column.choices:
            ws.data_validation(
                1,
                col,
                last_row,
                col,
                {
                    "validate": "list",
                    "source": f"={column.choices}",
                    "error_title": "Not in the list",
                    "error_message": f"Choose a value from the list for {column.header}.",
                    "show_error": column.choices.startswith("list_"),
                },
            )
    columns = [
        (
            col,
            c.key if c.key != "info" else f"info:{c.header}",
            _style(c.kind, c.key == "info"),
            c.kind in SAFE,
        )
        for col, c in enumerate(spec.columns)
    ]
    formats = {style: book.fmt(style) for _, _, style, _ in columns}
    text, write_string = sheet.text, ws.write_string
    write_number, write_datetime = ws.write_number, ws.write_datetime
    for row, record in enumerate(records, start=1):
        for col, key, style, safe in columns:
            value = record.get(key)
            if value is None or value == "":
                continue
            if isinstance(value, str):
                if safe:  # a validated id or a closed-list word: never a formula, nothing to strip
                    write_string(row, col, value, formats[style])
                else:
                    text(row, col, value, style)
            elif isinstance(value, date):
                write_datetime(row, col, value, formats[style])
            else:
                write_number(row, col, value, formats[style])
    for col, column in enumerate(spec.columns):
        if column.kind in NUMBER_FORMATS:
            spare = book.fmt(f"intake_{column.kind}")
            for row in range(len(records) + 1, last_row + 1):
                ws.write_blank(row, col, None, spare)
    ws.freeze_panes(1, 1)
    ws.autofilter(0, 0, max(1, len(records)), len(spec.columns) - 1)
    if spec.id_list:
        book.wb.define_name(spec.id_list, f"='{spec.name}'!$A$2:$A${last_row + 1}")


def _style(kind: str, info: bool) -> str:
    if kind in NUMBER_FORMATS:
        return f"intake_info_{kind}" if info else f"intake_{kind}"
    return "intake_info" if info else BARE


def _write_instructions(sheet: Sheet, portfolio: Portfolio | None, method: Method) -> None:
    ws = sheet.ws
    for col, width in enumerate((26, 34, 90)):
        ws.set_column(col, col, width)
    sheet.text(0, 0, "Liftoff intake workbook", "intake_title")
    lines = [
        "Fill in one sheet per kind of record; keep the header row as it is (columns may be reordered).",
        "Hover over a header for help and an example. Grey columns are for reference and are not imported.",
        "Ids link the sheets: a pilot's sponsor is a Stakeholder ID; a dependency names a pilot or enabler.",
        "Import it with 'liftoff import'. Every problem is reported with its sheet, row and column,",
        "and nothing is imported until the whole workbook is valid.",
    ]
    for i, line in enumerate(lines, start=2):
        sheet.text(i, 0, line)
    row = len(lines) + 3
    sheet.text(row, 0, SETTINGS_TITLE, "intake_heading")
    values = _settings(portfolio, method)
    for offset, column in enumerate(SETTINGS, start=1):
        sheet.text(row + offset, 0, column.header, "bold")
        value = values.get(column.key)
        style = f"intake_{column.kind}" if column.kind in NUMBER_FORMATS else "plain"
        if isinstance(value, str):
            sheet.text(row + offset, 1, value, style)
        elif isinstance(value, date):
            ws.write_datetime(row + offset, 1, value, sheet.book.fmt(style))
        elif value is not None:
            ws.write_number(row + offset, 1, value, sheet.book.fmt(style))
        if column.required:
            sheet.text(row + offset, 2, "required")
    row += len(SETTINGS) + 2
    sheet.text(row, 0, f"Criteria of the method '{method.name}'", "intake_heading")
    row += 1
    for col, header in enumerate(("Criterion ID", "Dimension / name", "Anchors")):
        sheet.text(row, col, header, "bold")
    for criterion in method.criteria:
        row += 1
        sheet.text(row, 0, criterion.id)
        derived = " (derived, not typed)" if criterion.derived else ""
        sheet.text(row, 1, f"{criterion.dimension}: {criterion.name}{derived}")
        sheet.text(row, 2, _anchors(method, criterion.id), "wrap")
    row += 2
    sheet.text(row, 0, "Production-gate checks", "intake_heading")
    for gate in method.gates:
        row += 1
        sheet.text(row, 0, gate.id)
        sheet.text(row, 1, gate.name)
    row += 2
    sheet.text(row, 0, "Sheets and columns", "intake_heading")
    for spec in DATA_SHEETS:
        row += 1
        sheet.text(row, 0, spec.name, "bold")
        sheet.text(row, 2, spec.help)
        for column in spec.columns:
            row += 1
            sheet.text(row, 0, column.header)
            sheet.text(
                row, 1, "required" if column.required else ("reference" if column.key == "info" else "")
            )
            example = f" Example: {column.example}" if column.example else ""
            sheet.text(row, 2, (column.help + example).strip())


def _anchors(method: Method, criterion_id: str) -> str:
    a = method.criterion(criterion_id).anchors
    return f"0: {a.a0} | 1: {a.a1} | 3: {a.a3} | 5: {a.a5}"


def _settings(portfolio: Portfolio | None, method: Method) -> dict[str, Any]:
    p = portfolio if portfolio is not None else Portfolio(name="New portfolio")
    return {
        "name": p.name,
        "organisation": p.organisation,
        "currency": p.currency,
        "as_of": p.as_of,
        "method": p.method.id if portfolio is not None else method.id,
        "finance.discount_rate": p.finance.discount_rate,
        "finance.horizon_years": p.finance.horizon_years,
        "finance.ramp_months": p.finance.ramp_months,
    }


def _cell_value(value: Any) -> Any:
    """A model value as the intake writes it: enums by value, booleans as yes/no, id lists joined."""
    if isinstance(value, bool):
        return YES if value else NO
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, list):
        return ", ".join(value)
    if isinstance(value, date | int | float | str) or value is None:
        return value
    raise TypeError(f"cannot write {type(value).__name__} to the intake")


def _flat(prefix: str, data: dict[str, Any], out: dict[str, Any]) -> None:
    for key, value in data.items():
        if isinstance(value, dict):
            _flat(f"{prefix}{key}.", value, out)
        else:
            out[f"{prefix}{key}"] = _cell_value(value)


def _records(portfolio: Portfolio, method: Method) -> dict[str, list[dict[str, Any]]]:
    """Rows per sheet name, each a dict from column key to the value to write."""
    out: dict[str, list[dict[str, Any]]] = {s.name: [] for s in DATA_SHEETS}
    criteria = {c.id: c for c in method.criteria}
    gate_names = {g.id: g.name for g in method.gates}
    for pilot in portfolio.pilots:
        row: dict[str, Any] = {}
        _flat("", pilot.model_dump(exclude={"ratings", "gates", "financials"}), row)
        out["Pilots"].append(row)
        fin: dict[str, Any] = {"pilot": pilot.id}
        _flat("", pilot.financials.model_dump(), fin)
        out["Financials"].append(fin)
        out["Ratings"].extend(_rating_rows(pilot.id, pilot.ratings, method, criteria))
        keys = list(gate_names) + [g for g in pilot.gates if g not in gate_names]
        for gate_id in keys:
            passed = pilot.gates.get(gate_id)
            out["Gates"].append(
                {
                    "pilot": pilot.id,
                    "gate": gate_id,
                    "info:Check": gate_names.get(gate_id, ""),
                    "passed": None if passed is None else _cell_value(passed),
                }
            )
    for person in portfolio.stakeholders:
        row = {}
        _flat("", person.model_dump(exclude={"position"}), row)
        if person.position is not None:
            row["position.x"], row["position.y"] = person.position
        out["Stakeholders"].append(row)
    for sheet, items in (
        ("Relationships", portfolio.relationships),
        ("Enablers", portfolio.enablers),
        ("Dependencies", portfolio.dependencies),
        ("UserGroups", portfolio.user_groups),
    ):
        for item in items:
            row = {}
            _flat("", item.model_dump(), row)
            out[sheet].append(row)
    return out


def _rating_rows(
    pilot_id: str, ratings: dict[str, Any], method: Method, criteria: dict[str, Any]
) -> Iterator[dict]:
    order = [c.id for c in method.criteria if not c.derived or c.id in ratings]
    order += [c for c in ratings if c not in criteria]
    for criterion_id in order:
        rating = ratings.get(criterion_id)
        known = criteria.get(criterion_id)
        row: dict[str, Any] = {
            "pilot": pilot_id,
            "criterion": criterion_id,
            "info:Criterion": known.name if known else "",
            "info:Anchors": _anchors(method, criterion_id) if known else "",
        }
        if rating is not None:
            row.update(score=rating.score, evidence=rating.evidence.value, note=rating.note)
        yield row
