"""Writing the Excel intake template, empty or pre-filled from a portfolio (see `planner.intake.workbook`)."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from planner.atomic import publish
from planner.export.xlsx.safe_cells import set_text
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

HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
INFO_FILL = PatternFill("solid", fgColor="EDEDED")
SPARE_ROWS = 200  # empty, formatted and validated rows below the data for the user to fill
NUMBER_FORMATS = {"date": "yyyy-mm-dd", "float": "#,##0.##", "int": "0", "score": "0"}


def write_template(path: Path, portfolio: Portfolio | None = None, method: Method | None = None) -> None:
    """Write the intake workbook to `path`: empty, or holding `portfolio` so it imports back unchanged.

    `method` defaults to the portfolio's scoring method (or the default method for an empty template).

    Guarantees: every closed list has a drop-down backed by a defined name on the hidden Lists sheet;
    headers are frozen, filtered and commented with help and an example; user text is stored as text.
    """
    if method is None:
        method = load_method(portfolio.method.id if portfolio is not None else "pilot-to-production")
    wb = Workbook()
    instructions = wb.active
    assert instructions is not None
    instructions.title = INSTRUCTIONS
    _write_lists(wb, method)
    rows = _records(portfolio, method) if portfolio is not None else {}
    for spec in DATA_SHEETS:
        _write_sheet(wb, spec, rows.get(spec.name, []))
    _write_instructions(instructions, portfolio, method)
    wb.properties.title = "Liftoff intake"
    wb.properties.creator = "Liftoff"
    path = Path(path)
    fd, temp = tempfile.mkstemp(prefix=".liftoff-", suffix=".xlsx", dir=path.parent)
    os.close(fd)
    try:  # written beside the target and moved into place: a failure never leaves half a template
        wb.save(temp)
        publish(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    finally:
        wb.close()


def _write_lists(wb: Workbook, method: Method) -> None:
    ws = wb.create_sheet(LISTS)
    ws.sheet_state = "hidden"
    lists: dict[str, list[Any]] = {name: [m.value for m in enum] for name, enum in ENUM_LISTS.items()}
    lists["list_yesno"] = [YES, NO]
    lists["list_score"] = [0, 1, 2, 3, 4, 5]
    lists["list_one_five"] = [1, 2, 3, 4, 5]
    lists["list_criterion"] = [c.id for c in method.criteria]
    lists["list_gate"] = [g.id for g in method.gates]
    for col, (name, values) in enumerate(lists.items(), start=1):
        ws.cell(1, col, name)
        for row, value in enumerate(values, start=2):
            ws.cell(row, col, value)
        letter = get_column_letter(col)
        ref = f"{quote_sheetname(LISTS)}!${letter}$2:${letter}${len(values) + 1}"
        wb.defined_names[name] = DefinedName(name, attr_text=ref)


def _write_sheet(wb: Workbook, spec: SheetSpec, records: list[dict[str, Any]]) -> None:
    ws = wb.create_sheet(spec.name)
    last_row = len(records) + 1 + SPARE_ROWS
    for col, column in enumerate(spec.columns, start=1):
        cell = ws.cell(1, col, column.header)
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        note = column.help + (f"\nExample: {column.example}" if column.example else "")
        if column.required:
            note = "Required. " + note
        if note.strip():
            cell.comment = Comment(note.strip(), "Liftoff", width=260, height=90)
        letter = get_column_letter(col)
        ws.column_dimensions[letter].width = column.width
        if column.choices:
            dv = DataValidation(type="list", formula1=f"={column.choices}", allow_blank=True)
            dv.error = f"Choose a value from the list for {column.header}."
            dv.errorTitle = "Not in the list"
            dv.showErrorMessage = column.choices.startswith("list_")
            dv.add(f"{letter}2:{letter}{last_row}")
            ws.add_data_validation(dv)
    fmts = [NUMBER_FORMATS.get(c.kind) for c in spec.columns]
    for row, record in enumerate(records, start=2):
        for col, column in enumerate(spec.columns, start=1):
            value = record.get(column.key if column.key != "info" else f"info:{column.header}")
            if value is None or value == "":
                continue
            cell = ws.cell(row, col)
            if isinstance(value, str):
                set_text(cell, value)
            else:
                cell.value = value
            if fmts[col - 1]:
                cell.number_format = fmts[col - 1]
            if column.key == "info":
                cell.fill = INFO_FILL
    for col, fmt in enumerate(fmts, start=1):
        if fmt:
            for row in range(len(records) + 2, last_row + 1):
                ws.cell(row, col).number_format = fmt
    ws.freeze_panes = "B2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(spec.columns))}{max(2, len(records) + 1)}"
    if spec.id_list:
        ref = f"{quote_sheetname(spec.name)}!$A$2:$A${last_row}"
        wb.defined_names[spec.id_list] = DefinedName(spec.id_list, attr_text=ref)


def _write_instructions(ws: Worksheet, portfolio: Portfolio | None, method: Method) -> None:
    ws.column_dimensions["A"].width = 26
    ws.column_dimensions["B"].width = 34
    ws.column_dimensions["C"].width = 90
    ws["A1"] = "Liftoff intake workbook"
    ws["A1"].font = Font(bold=True, size=16)
    lines = [
        "Fill in one sheet per kind of record; keep the header row as it is (columns may be reordered).",
        "Hover over a header for help and an example. Grey columns are for reference and are not imported.",
        "Ids link the sheets: a pilot's sponsor is a Stakeholder ID; a dependency names a pilot or enabler.",
        "Import it with 'liftoff import'. Every problem is reported with its sheet, row and column,",
        "and nothing is imported until the whole workbook is valid.",
    ]
    for i, line in enumerate(lines, start=3):
        ws.cell(i, 1, line)
    row = len(lines) + 4
    ws.cell(row, 1, SETTINGS_TITLE).font = Font(bold=True, size=12)
    values = _settings(portfolio, method)
    for offset, column in enumerate(SETTINGS, start=1):
        ws.cell(row + offset, 1, column.header).font = Font(bold=True)
        value = values.get(column.key)
        cell = ws.cell(row + offset, 2)
        if isinstance(value, str):
            set_text(cell, value)
        else:
            cell.value = value
        if column.kind in NUMBER_FORMATS:
            cell.number_format = NUMBER_FORMATS[column.kind]
        if column.required:
            ws.cell(row + offset, 3, "required")
    row += len(SETTINGS) + 2
    set_text(ws.cell(row, 1), f"Criteria of the method '{method.name}'")
    ws.cell(row, 1).font = Font(bold=True, size=12)
    row += 1
    for header, col in (("Criterion ID", 1), ("Dimension / name", 2), ("Anchors", 3)):
        ws.cell(row, col, header).font = Font(bold=True)
    for criterion in method.criteria:
        row += 1
        ws.cell(row, 1, criterion.id)
        derived = " (derived, not typed)" if criterion.derived else ""
        set_text(ws.cell(row, 2), f"{criterion.dimension}: {criterion.name}{derived}")
        set_text(ws.cell(row, 3), _anchors(method, criterion.id))
        ws.cell(row, 3).alignment = Alignment(wrap_text=True, vertical="top")
    row += 2
    ws.cell(row, 1, "Production-gate checks").font = Font(bold=True, size=12)
    for gate in method.gates:
        row += 1
        ws.cell(row, 1, gate.id)
        set_text(ws.cell(row, 2), gate.name)
    row += 2
    ws.cell(row, 1, "Sheets and columns").font = Font(bold=True, size=12)
    for spec in DATA_SHEETS:
        row += 1
        ws.cell(row, 1, spec.name).font = Font(bold=True)
        ws.cell(row, 3, spec.help)
        for column in spec.columns:
            row += 1
            ws.cell(row, 1, column.header)
            ws.cell(row, 2, "required" if column.required else ("reference" if column.key == "info" else ""))
            example = f" Example: {column.example}" if column.example else ""
            ws.cell(row, 3, (column.help + example).strip())


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
