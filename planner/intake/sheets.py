"""The cell values of an intake workbook, read fast and refused cell by cell where they cannot be trusted.

Values come from python-calamine (Rust), several times faster than openpyxl's read-only mode for the
thousands of rows a large intake holds. Before calamine sees a sheet, `scan_sheet` walks the sheet's
XML as bytes, because calamine reads a sheet into one dense grid and shows some cells as blanks:

- the extent of the cells actually present (not the file's own ``<dimension>``, which can lie): a
  stray cell at XFD1048576 would make that grid 17 billion cells, so a sheet reaching past
  ``MAX_ROWS`` rows or ``MAX_COLUMNS`` columns is refused with the far cell named;
- row numbers that are not numbers, refused with the row element named;
- formula cells with no stored result and error cells (``#DIV/0!``): calamine gives both as blanks,
  so they are reported at their cell ("recalculate and save in your spreadsheet first").

`Book` is what the reader uses: sheet names, and each sheet's rows as tuples of plain values.
Every failure while reading becomes an `IntakeProblem` at the sheet (and cell, where known).
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from defusedxml import ElementTree

from planner.errors import safe_text
from planner.intake.layout import MAX_COLUMNS, MAX_ROWS

# One search over the sheet's bytes (no Python work per cell) for a reference that is not a plain
# row number or cell: letters only or other characters (a row numbered "abc"), a cell past column BL
# (64), or a cell on a row of six digits or more (then checked one by one against the limit).
_ODD_REF = re.compile(
    rb' r="([A-Za-z]*"|[^"]*[^0-9A-Za-z"][^"]*"|(?:[A-Za-z]{3}|[C-Zc-z][A-Za-z]|[Bb][M-Zm-z])[0-9]'
    rb"|[A-Za-z]{0,2}[0-9]{6})"
)
_NS_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_NS_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_NS_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_SHARED_CELL = re.compile(rb"<(?:\w+:)?c\b([^>]*)>\s*<(?:\w+:)?v>([0-9]{1,12})</")
SCAN_ROWS = MAX_ROWS + 2  # the reader reads one row past the limit to report it
CELL_PROBLEM_LIMIT = 1_000  # formula/error cells reported per sheet


def column_letter(index: int) -> str:
    """1 → A, 27 → AA."""
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def column_index(letters: str) -> int:
    """A → 1, AA → 27."""
    index = 0
    for ch in letters.upper():
        index = index * 26 + ord(ch) - 64
    return index


@dataclass
class SheetScan:
    """What the bytes of one sheet say before any value is read."""

    problem: str = ""  # the sheet cannot be read safely at all (the reason, naming the place)
    cells: dict[tuple[int, int], str] = field(default_factory=dict)  # (row, column) → why refused


def _parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name → the zip entry of its XML, from the workbook's own index and relationships."""
    book = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    targets = {rel.get("Id"): rel.get("Target", "") for rel in rels.iter(f"{_NS_PKG_REL}Relationship")}
    parts: dict[str, str] = {}
    for sheet in book.iter(f"{_NS_MAIN}sheet"):
        target = targets.get(sheet.get(f"{_NS_REL}id"), "")
        path = target.lstrip("/") if target.startswith("/") else str(PurePosixPath("xl") / target)
        parts[sheet.get("name", "")] = path
    return parts


def scan_sheet(archive: zipfile.ZipFile, part: str) -> SheetScan:
    """Check one sheet's XML (see the module docstring); never raises for a bad file."""
    try:
        data = archive.read(part)
    except (KeyError, OSError, zipfile.BadZipFile, RuntimeError) as exc:
        return SheetScan(f"its part {part!r} cannot be read ({safe_text(str(exc), 200)})")
    for odd in _ODD_REF.finditer(data):
        ref = data[odd.start() + 4 : data.find(b'"', odd.start() + 4)].decode("utf-8", "replace")
        cell = re.fullmatch(r"([A-Za-z]{1,4})([0-9]{1,9})", ref)
        row = re.fullmatch(r"[0-9]{1,9}", ref)
        if cell is None and row is None:
            return SheetScan(f"a row or cell is numbered {safe_text(ref, 40)!r}, not a row number or cell")
        if cell is not None and (int(cell.group(2)) > SCAN_ROWS or column_index(cell.group(1)) > MAX_COLUMNS):
            return SheetScan(
                f"it holds a cell at {ref.upper()}, beyond the {MAX_ROWS:,} rows and {MAX_COLUMNS} "
                "columns an intake sheet may use; delete what is there and save again"
            )
    scan = SheetScan()
    # Two literal searches of the cell data (fast); the full parse runs only when one hits. Formulas
    # of data validations sit after </sheetData> and are not searched.
    end = data.rfind(b"</sheetData>")
    end = len(data) if end < 0 else end
    if data.find(b"<f", 0, end) >= 0 or data.find(b't="e"', 0, end) >= 0:
        _formula_cells(data, scan)
    return scan


def _formula_cells(data: bytes, scan: SheetScan) -> None:
    """Formula cells without a stored result, and error cells, by (row, column)."""
    try:
        for _event, element in ElementTree.iterparse(io.BytesIO(data)):
            if element.tag != f"{_NS_MAIN}c":
                continue
            ref = re.fullmatch(r"([A-Za-z]{1,4})(\d{1,8})", element.get("r", ""))
            value = element.find(f"{_NS_MAIN}v")
            shown = (value.text or "") if value is not None else ""
            if ref is not None and len(scan.cells) < CELL_PROBLEM_LIMIT:
                where = (int(ref.group(2)), column_index(ref.group(1)))
                if element.get("t") == "e":
                    scan.cells[where] = f"the cell shows an error ({safe_text(shown, 40) or 'error'})"
                elif element.find(f"{_NS_MAIN}f") is not None and (
                    value is None or (not shown and element.get("t") != "str")  # "" is a text result
                ):
                    scan.cells[where] = (
                        "a formula with no stored result: recalculate and save in your spreadsheet first"
                    )
            element.clear()
    except Exception as exc:  # defusedxml and expat raise several kinds on damaged or hostile XML
        scan.problem = f"its XML is damaged ({safe_text(str(exc), 200)})"


class BookError(Exception):
    """The workbook cannot be opened at all; the message says why, for the user."""


class Book:
    """An open intake workbook: `sheetnames`, `rows(name)`, `scan(name)` and `close()`."""

    def __init__(self, path: Path) -> None:
        from python_calamine import CalamineWorkbook

        try:
            self._archive = zipfile.ZipFile(path)
            self._parts = _parts(self._archive)
        except Exception as exc:  # a damaged index: zipfile, expat and defusedxml errors
            raise BookError(f"cannot read the workbook ({safe_text(str(exc), 200)})") from None
        try:
            self._book = CalamineWorkbook.from_path(str(path))
        except Exception as exc:  # calamine raises its own kinds (CalamineError, XmlError, ZipError…)
            self._archive.close()
            raise BookError(f"cannot read the workbook ({safe_text(str(exc), 200)})") from None
        self.sheetnames: list[str] = list(self._book.sheet_names)
        self._scans: dict[str, SheetScan] = {}

    def scan(self, name: str) -> SheetScan:
        if name not in self._scans:
            part = self._parts.get(name)
            self._scans[name] = (
                SheetScan("it is not listed in the workbook")
                if part is None
                else scan_sheet(self._archive, part)
            )
        return self._scans[name]

    def rows(self, name: str, max_rows: int, max_col: int = MAX_COLUMNS) -> Iterator[Sequence[Any]]:
        """The sheet's rows from row 1, each cut to `max_col` values (a blank cell is ""), at most
        `max_rows` rows. Raises `SheetError` at once when the sheet cannot be read safely."""
        scan = self.scan(name)
        if scan.problem:
            raise SheetError(scan.problem)
        try:
            sheet = self._book.get_sheet_by_name(name)
            grid = sheet.to_python(skip_empty_area=False, nrows=max_rows)
        except Exception as exc:  # calamine's own kinds; say which cell when it can be found
            raise SheetError(self._shared_text_problem(name) or safe_text(str(exc), 200)) from None
        return iter(grid) if sheet.width <= max_col else (row[:max_col] for row in grid)

    def _shared_text_problem(self, name: str) -> str:
        """The first cell pointing past the workbook's shared texts, in words ("" when none does)."""
        try:
            names = set(self._archive.namelist())
            table = "xl/sharedStrings.xml"
            shared = self._archive.read(table).count(b"<si") if table in names else 0
            data = self._archive.read(self._parts[name])
        except (KeyError, OSError, zipfile.BadZipFile):
            return ""
        for match in _SHARED_CELL.finditer(data):
            attributes, index = match.group(1), int(match.group(2))
            ref = re.search(rb'\br="([A-Za-z]+[0-9]+)"', attributes)
            if re.search(rb'\bt="s"', attributes) and index >= shared and ref is not None:
                return (
                    f"cell {ref.group(1).decode('ascii')} refers to shared text number {index}, "
                    f"but the workbook holds {shared}; the file is damaged"
                )
        return ""

    def close(self) -> None:
        self._book.close()
        self._archive.close()


class SheetError(Exception):
    """One sheet cannot be read; the message says why, for the user."""
