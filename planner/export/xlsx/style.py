"""Shared look and plumbing of the scorecard workbook: styles, tables, print setup, cell factories.

The workbook is written in openpyxl's write-only mode (streamed, constant memory), so every styled
cell is created from a prototype style array rather than styled attribute by attribute.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from typing import Any

from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.table import Table, TableStyleInfo

from planner.export.xlsx.safe_cells import text_cell

TITLE_FONT = Font(bold=True, size=14, color="1F4E79")
BOLD = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
INPUT_FILL = PatternFill("solid", fgColor="FFF2CC")  # cells the reader may edit
GREEN, AMBER, RED, GREY, BLUE = "C6EFCE", "FFEB9C", "FFC7CE", "E7E6E6", "BDD7EE"
DECISION_FILLS = {
    "scale": GREEN,
    "fix then scale": BLUE,
    "secure sponsor": AMBER,
    "pivot": "F8CBAD",
    "stop": RED,
}


def cf_fill(colour: str) -> PatternFill:
    """A solid fill for conditional formatting (Excel reads the background colour, LibreOffice either)."""
    return PatternFill("solid", fgColor=colour, bgColor=colour)


def decision_label(value: str) -> str:
    """A decision as the workbook shows it (``fix_then_scale`` → ``fix then scale``)."""
    return value.replace("_", " ")


class _StyledCell(Cell):
    """A cell appended to a write-only row. openpyxl recognises appended cells by failing to store
    them as a value and formats the failure message with ``repr``; a constant repr keeps that cheap."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "<styled cell>"


class Styles:
    """Prototype style arrays registered once with the workbook, stamped onto cells cheaply."""

    def __init__(self, ws: Any) -> None:
        self.ws = ws  # any sheet of the workbook: styles are registered with its parent workbook
        self._arrays: dict[str, StyleArray] = {}
        self._slots: dict[tuple[int, str], Cell] = {}

    def register(self, name: str, number_format: str | None = None, **attrs: Any) -> None:
        cell = Cell(self.ws)
        if number_format:
            cell.number_format = number_format
        for key, value in attrs.items():
            setattr(cell, key, value)
        self._arrays[name] = StyleArray(cell._style) if cell._style is not None else StyleArray()

    def cell(self, ws: Any, value: Any, style: str) -> Cell:
        """A write-only cell holding `value` with the registered `style` (formulas allowed)."""
        cell = _StyledCell(ws, row=1, column=1, value=value, style_array=self._arrays[style])
        return cell

    def slot(self, ws: Any, slot: str, value: Any, style: str) -> Cell:
        """Like `cell`, reusing one cell object per (sheet, slot) for repeated rows.

        A write-only sheet writes an appended row before `append` returns, so the cell of a slot can be
        refilled for the next row; use one slot per column of a row.
        """
        key = (id(ws), slot)
        cell = self._slots.get(key)
        if cell is None:
            cell = self._slots[key] = self.cell(ws, value, style)
        else:
            cell.value = value
        return cell

    def text(self, ws: Any, text: str, style: str) -> str | Cell:
        """User `text` for a row, neutralised so it is never a formula (a cell only when styled)."""
        made = text_cell(ws, text)
        if style == "plain":
            return made
        cell = made if isinstance(made, Cell) else _StyledCell(ws, row=1, column=1, value=made)
        quote = cell.quotePrefix
        cell._style = StyleArray(self._arrays[style])
        if quote:
            cell.quotePrefix = True
        return cell


def default_styles(ws: Any) -> Styles:
    """The workbook's named styles, registered through `ws` (any sheet of the workbook)."""
    s = Styles(ws)
    s.register("title", font=TITLE_FONT)
    s.register("bold", font=BOLD)
    s.register(
        "header",
        font=Font(bold=True, color="FFFFFF"),
        fill=HEADER_FILL,
        alignment=Alignment(wrap_text=True, vertical="top"),
    )
    s.register("score", "0.0")
    s.register("rating", "0.##")
    s.register("int", "0")
    s.register("money", "#,##0")
    s.register("pct", "0.0%")
    s.register("date", "yyyy-mm-dd")
    s.register("week", "dd mmm", alignment=Alignment(text_rotation=90), font=Font(size=8))
    s.register("weight", "0.##", fill=INPUT_FILL)
    s.register("input", fill=INPUT_FILL)
    s.register("wrap", alignment=Alignment(wrap_text=True, vertical="top"))
    s.register("plain")
    return s


def add_table(
    ws: Any, name: str, headers: Sequence[str], first_row: int, last_row: int, first_col: int = 1
) -> None:
    """An Excel table (with filter buttons) over `headers` at `first_row` down to `last_row`.

    Write-only sheets cannot read their header cells back, so the column names are given here and
    must equal the header texts written (they are made unique as Excel requires).
    """
    last_row = max(last_row, first_row + 1)  # a table needs at least one data row
    last_col = get_column_letter(first_col + len(headers) - 1)
    ref = f"{get_column_letter(first_col)}{first_row}:{last_col}{last_row}"
    table = Table(displayName=name, ref=ref)
    table._initialise_columns()
    for column, header in zip(table.tableColumns, headers, strict=True):
        column.name = header
    table.tableStyleInfo = TableStyleInfo(name="TableStyleMedium2", showRowStripes=True)
    with warnings.catch_warnings():
        # openpyxl always warns in write-only mode that the columns must be given: they are, above
        warnings.filterwarnings("ignore", message="In write-only mode you must add table columns manually")
        ws.add_table(table)


def unique_headers(headers: Sequence[str]) -> list[str]:
    """Header texts made unique and non-empty (a table refuses duplicates), in order."""
    seen: set[str] = set()
    out: list[str] = []
    for header in headers:
        base = " ".join(header.split()) or "Column"
        candidate, n = base, 2
        while candidate.casefold() in seen:
            candidate, n = f"{base} ({n})", n + 1
        seen.add(candidate.casefold())
        out.append(candidate)
    return out


def print_setup(ws: Any, title_rows: str | None, widths: Sequence[float], landscape: bool = True) -> None:
    """Landscape, fit to one page wide, header rows repeated, page X of Y in the footer, widths set."""
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.page_setup.paperSize = "9"  # A4
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    if title_rows:
        ws.print_title_rows = title_rows
    ws.oddFooter.center.text = "Page &P of &N"
    ws.oddFooter.left.text = "&A"
    ws.oddHeader.right.text = "Liftoff scorecard"
    for index, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
