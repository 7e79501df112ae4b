"""XlsxWriter plumbing shared by the scorecard and the intake template: formats, safe text, column
widths measured from the content, wrapped headers and the print setup.

XlsxWriter writes every formula with its result cached beside it (`Sheet.formula`), which is why
the workbooks use it: a mail or phone preview, pandas or openpyxl with ``data_only=True`` shows the
numbers, while Excel and LibreOffice still recalculate live. It is also faster than openpyxl and
has native charts.

Every cell is in 10 pt Arial, whose metrics Excel and LibreOffice (Liberation Sans) share, so a
width can be computed: `text_width` sums Arial's advance widths, in the spreadsheet's width unit
(one "0"); East Asian wide characters and emoji count two. A column is as wide as its content up to
a cap; longer text wraps and its row is made tall enough; a header wraps at word boundaries, never
inside a word, so a printed header is never clipped.
"""

from __future__ import annotations

import math
import os
import tempfile
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import xlsxwriter
import xlsxwriter.worksheet
from xlsxwriter.format import Format

from planner.atomic import publish
from planner.export.xlsx.safe_cells import is_formula_like, safe_text

NAVY = "#1F4E79"
INPUT = "#FFF2CC"  # cells the reader may edit
INFO = "#EDEDED"  # reference cells, not read back
DATE_FORMAT = "d mmm yyyy"  # "15 Feb 2027", as planner.formatting.day writes dates in text

_WRAP = {"text_wrap": True, "valign": "top"}
BARE = "bare"
STYLES: dict[str, dict[str, Any]] = {
    BARE: {},
    "plain": {"valign": "top"},
    "helper": {"num_format": ";;;"},  # a hidden helper column's value, never drawn
    "wrap": _WRAP,
    "title": {"bold": True, "font_size": 14, "font_color": NAVY},
    "bold": {"bold": True, "valign": "top"},
    "note": {"italic": True, "font_color": "#505050"},
    "header": {"bold": True, "font_color": "#FFFFFF", "bg_color": NAVY, **_WRAP},
    "score": {"num_format": "0.0", "valign": "top"},
    "decimal": {"num_format": "0.00", "valign": "top"},
    "int": {"num_format": "0", "valign": "top"},
    "count": {"num_format": "0", "valign": "top", "align": "center"},
    "money": {"num_format": "#,##0", "valign": "top"},
    "pct": {"num_format": "0.0%", "valign": "top"},
    "date": {"num_format": DATE_FORMAT, "valign": "top", "align": "left"},
    "week": {"num_format": "d mmm", "rotation": 90, "font_size": 8, "align": "center"},
    "input": {"bg_color": INPUT, "border": 1, "border_color": "#BFBFBF"},
    "derived": {"num_format": "0.0", "bg_color": INFO, "valign": "top"},
    "band": {"bold": True, "align": "center", "bg_color": "#DDEBF7", "border": 1, "border_color": "#FFFFFF"},
}

WRAPPING = frozenset({"wrap"})
TEXT_CACHE = 50_000  # texts remembered per style: ids, names and help repeat down a sheet
FONT = {"font_name": "Arial", "font_size": 10, "font_scheme": "none"}  # not the theme's font
LINE_POINTS = 12.75  # height of one line of 10 pt Arial
MAX_ROW_POINTS = 409.5  # the tallest row a spreadsheet allows
PAD = 1.2  # room beside the text, in width units


# Advance widths of the printable ASCII characters (space to "~") in Arial, the workbook's font
# (Liberation Sans, which LibreOffice uses for it, has the same metrics), as multiples of "0".
_REGULAR = (
    "50 50 64 100 100 160 120 34 60 60 70 105 50 60 50 50 100 100 100 100 100 100 100 100 100 100 50 50 "
    "105 105 105 100 183 120 120 130 130 120 110 140 130 50 90 120 100 150 130 140 120 140 130 120 110 "
    "130 120 170 120 120 110 50 50 50 84 100 60 100 100 90 100 100 50 100 100 40 40 90 40 150 100 100 100 "
    "100 60 90 50 100 90 130 90 90 90 60 47 60 105"
)
_BOLD = (
    "50 60 85 100 100 160 130 43 60 60 70 105 50 60 50 50 100 100 100 100 100 100 100 100 100 100 60 60 "
    "105 105 105 110 175 130 130 130 130 120 110 140 130 50 100 130 110 150 130 140 120 140 130 120 110 "
    "130 120 170 120 120 110 60 50 60 105 100 60 100 110 100 110 100 60 110 110 50 50 100 50 160 110 110 "
    "110 110 70 100 60 110 100 140 100 100 90 70 50 70 105"
)
_WIDTHS = {
    bold: {chr(32 + k): int(w) / 100 for k, w in enumerate(table.split())}
    for bold, table in ((False, _REGULAR), (True, _BOLD))
}


def text_width(text: str, bold: bool = False) -> float:
    """Width of `text` in column width units (its longest line; East Asian wide characters count two)."""
    if "\n" in text:
        return max(text_width(line, bold) for line in text.split("\n"))
    widths = _WIDTHS[bold]
    if text.isascii():
        return sum(map(widths.get, text, [1.0] * len(text)))
    return sum(widths.get(ch) or (2.0 if unicodedata.east_asian_width(ch) in "WF" else 1.1) for ch in text)


MAX_CHAR = 2.0  # no character is wider than this many units


def estimated_lines(text: str, width: float) -> int:
    """Lines `text` takes in a cell `width` units wide, estimated without wrapping word by word: an
    eighth of each line is counted as lost to the breaks between words (a word wrapped by a
    spreadsheet leaves less than that on average, and the columns are a little wider than `width`)."""
    return sum(max(1, math.ceil(text_width(p) / (0.875 * width))) for p in text.split("\n"))


def widest(texts: Iterable[str]) -> float:
    """The width of the widest of `texts` (0 for none), measuring only the longest few."""
    best = 0.0
    for text in sorted(set(texts), key=len, reverse=True):
        if len(text) * MAX_CHAR <= best:
            break
        best = max(best, text_width(text))
    return best


def number_width(largest: float, decimals: int = 0, grouped: bool = True) -> float:
    """Width of the widest number up to `largest` in magnitude, formatted with `decimals` (and a sign)."""
    digits = len(f"{abs(largest):,.{decimals}f}" if grouped else f"{abs(largest):.{decimals}f}")
    return digits + (1 if largest < 0 else 0)


def wrap_lines(text: str, width: float, bold: bool = False) -> int:
    """Lines `text` takes when wrapped at word boundaries into `width` units (a word wider than
    `width` breaks, as spreadsheets break it)."""
    space = text_width(" ", bold)
    lines = 0
    for paragraph in text.split("\n"):
        lines += 1
        used = 0.0
        for word in paragraph.split():
            w = text_width(word, bold)
            if used and used + space + w > width:
                lines += 1
                used = 0.0
            if w > width:
                lines += int(w // width)
                w = w % width
            used += (space if used else 0.0) + w
    return max(lines, 1)


_FORMULA = getattr(xlsxwriter.worksheet, "CellFormulaTuple", None)


_BASE = xlsxwriter.worksheet.Worksheet


class Worksheet(xlsxwriter.worksheet.Worksheet):
    """XlsxWriter's worksheet (through its ``worksheet_class`` hook) with fast paths for the hot loops."""

    # the undecorated writers: the public ones only add A1-notation parsing, which row and column
    # numbers do not need (the public ones are used where an XlsxWriter lacks them)
    write_number_rc = getattr(_BASE, "_write_number", _BASE.write_number)
    write_string_rc = getattr(_BASE, "_write_string", _BASE.write_string)

    def write_formula_plain(
        self, row: int, col: int, formula: str, cell_format: Format | None, value: Any
    ) -> None:
        """`write_formula` for a formula made only of functions every spreadsheet knows (none of
        Excel's "future" functions that need an ``_xlfn.`` prefix, no dynamic or braced array):
        XlsxWriter's two regular-expression passes looking for those are skipped, which halves the
        cost of a formula cell. Any other formula must go through `write_formula`."""
        if _FORMULA is None or self.constant_memory:  # an XlsxWriter without the internals used here
            self.write_formula(row, col, formula, cell_format, value)
        elif not self._check_dimensions(row, col):
            text = formula[1:] if formula[:1] == "=" else formula
            self.table[row][col] = _FORMULA(text, cell_format, value)


class Book:
    """One XlsxWriter workbook written beside `path` and moved into place by `close`."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        fd, temp = tempfile.mkstemp(prefix=".liftoff-", suffix=".xlsx", dir=self.path.parent)
        os.close(fd)
        self.temp = Path(temp)
        # the string heuristics are off: user text is always written as text, never as a formula or link
        self.wb = xlsxwriter.Workbook(
            temp,
            {
                "strings_to_formulas": False,
                "strings_to_urls": False,
                "strings_to_numbers": False,
                "default_format_properties": FONT,
                "default_row_height": 17,  # pixels: one line of 10 pt Arial
            },
        )
        self.styles = dict(STYLES)
        self._formats: dict[tuple[str, bool], Format] = {}

    def fmt(self, style: str, quote: bool = False) -> Format | None:
        """The registered format `style`; with `quote`, its variant that keeps a formula-like text text.
        `BARE` is no format at all (None): the cell takes the workbook's default."""
        if style == BARE and not quote:
            return None
        key = (style, quote)
        found = self._formats.get(key)
        if found is None:
            props = dict(self.styles[style])
            if quote:
                props["quote_prefix"] = True
            found = self._formats[key] = self.wb.add_format(props)
        return found

    def add_style(self, name: str, props: Mapping[str, Any]) -> None:
        """Register a further named style for `fmt` (decision colours, say)."""
        self.styles[name] = dict(props)

    def cf(self, colour: str) -> Format:
        """A fill for conditional formatting (one per colour)."""
        key = f"cf:{colour}"
        if key not in self.styles:
            self.styles[key] = {"bg_color": colour}
        return self.fmt(key)

    def sheet(self, name: str) -> Sheet:
        ws = self.wb.add_worksheet(name, worksheet_class=Worksheet)
        assert isinstance(ws, Worksheet)
        return Sheet(self, ws)

    def close(self) -> None:
        """Write the workbook and move it over `path` (the target is untouched when this fails)."""
        try:
            self.wb.close()
            publish(self.temp, self.path)
        except BaseException:
            self.discard()
            raise

    def discard(self) -> None:
        """Forget the workbook (after a cancel or failure): nothing is written, no file is left."""
        self.temp.unlink(missing_ok=True)


class Sheet:
    """A worksheet with safe writers and the widths of what was written in each column."""

    def __init__(self, book: Book, ws: Worksheet) -> None:
        self.book = book
        self.ws = ws
        self.widths: dict[int, float] = {}
        self.headers: list[tuple[int, int, Sequence[str]]] = []  # (row, first column, texts)
        self.wrapped: list[tuple[int, int, str]] = []  # (row, column, text) of cells that wrap
        self._texts: dict[str, dict[str, tuple[str, Format | None]]] = {}  # style -> text -> (text, format)

    # ---- cells -----------------------------------------------------------------------------------

    def fit(self, col: int, width: float) -> None:
        """Let column `col` be at least `width` wide (content it holds)."""
        if width > self.widths.get(col, 0.0):
            self.widths[col] = width

    def text(self, row: int, col: int, text: str | None, style: str = "plain") -> None:
        """User `text`, always a text cell (quote-prefixed when it looks like a formula); blank if empty."""
        if not text:
            return
        known = self._texts.get(style)
        if known is None:
            known = self._texts[style] = {}
        found = known.get(text)
        if found is None:
            value = safe_text(text)
            found = (value, self.book.fmt(style, is_formula_like(value)))
            if len(known) < TEXT_CACHE:
                known[text] = found
        self.ws.write_string_rc(row, col, found[0], found[1])
        if style in WRAPPING:
            self.wrapped.append((row, col, found[0]))

    def title(self, text: str) -> None:
        """The sheet's title in its first row (not measured: it may run across empty cells)."""
        self.text(0, 0, text, "title")

    def label(self, row: int, col: int, text: str, style: str = "plain") -> None:
        """Our own `text` (a heading, a label), measured for the column width."""
        self.text(row, col, text, style)
        self.fit(col, text_width(text, bold=style in ("bold", "header")))

    def number(self, row: int, col: int, value: float | None, style: str = "plain") -> None:
        """A number; None, NaN and infinities leave the cell blank (a workbook holds no sentinels)."""
        if value is None or not math.isfinite(value):
            return
        self.ws.write_number(row, col, value, self.book.fmt(style))

    def formula(self, row: int, col: int, formula: str, value: Any, style: str = "plain") -> None:
        """A live `formula` with its computed result `value` cached (a number, text, bool or "#N/A")."""
        self.ws.write_formula_plain(row, col, formula, self.book.fmt(style), value)

    def date(self, row: int, col: int, value: Any, style: str = "date") -> None:
        if value is not None:
            self.ws.write_datetime(row, col, value, self.book.fmt(style))

    def lines(self, row: int, texts: Sequence[tuple[str, str]]) -> int:
        """Write ``(text, style)`` pairs down column A from `row`; the next free row."""
        for text, style in texts:
            self.text(row, 0, text, style)
            row += 1
        return row

    # ---- layout ----------------------------------------------------------------------------------

    def header(self, row: int, headers: Sequence[str], first_col: int = 0) -> None:
        """Wrapped header cells; each column at least as wide as the header's longest word."""
        self.headers.append((row, first_col, headers))
        for k, text in enumerate(headers):
            col = first_col + k
            self.text(row, col, text, "header")
            self.fit(col, max((text_width(w, bold=True) for w in text.split()), default=0.0))

    def layout(
        self,
        *,
        repeat: int | None,
        caps: Mapping[int, float] | None = None,
        cap: float = 60.0,
        floor: float = 4.0,
        freeze: tuple[int, int] | None = None,
        hidden: Iterable[int] = (),
        landscape: bool = True,
    ) -> dict[int, float]:
        """Column widths from the content (capped at `caps` or `cap`; longer text wraps), every header
        row tall enough for its wrapped headers, frozen panes, and the print setup with row `repeat`
        on every page (`print_setup`). Returns the widths."""
        caps = caps or {}
        hidden_set = set(hidden)
        widths = {}
        for column in sorted(set(self.widths) | hidden_set):
            width = min(max(self.widths.get(column, 0.0), floor), caps.get(column, cap)) + PAD
            widths[column] = width
            self.ws.set_column(
                column, column, width, None, {"hidden": True} if column in hidden_set else None
            )
        heights: dict[int, int] = {}
        for row, column, text in self.wrapped:
            room = widths.get(column, 10.0) - PAD
            if len(text) * MAX_CHAR > room and ("\n" in text or text_width(text) > room):
                heights[row] = max(heights.get(row, 1), estimated_lines(text, room))
        for row, lines in heights.items():
            if lines > 1:
                self.ws.set_row(row, min(LINE_POINTS * lines + 1, MAX_ROW_POINTS))
        for row, first_col, texts in self.headers:
            lines = max(
                wrap_lines(h, widths.get(first_col + k, 10.0) - PAD, True)
                for k, h in enumerate(texts)
                if first_col + k not in hidden_set
            )
            self.ws.set_row(row, LINE_POINTS * lines + 2)
        if freeze is not None:
            self.ws.freeze_panes(*freeze)
        print_setup(self.ws, repeat, landscape=landscape)
        return widths


def print_setup(ws: Worksheet, header_row: int | None, landscape: bool = True) -> None:
    """A4, landscape, fit to one page wide, `header_row` repeated on every page, sheet name and
    page X of Y in the footer."""
    if landscape:
        ws.set_landscape()
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
    ws.set_margins(left=0.5, right=0.5, top=0.6, bottom=0.6)
    if header_row is not None:
        ws.repeat_rows(header_row)
    ws.set_header("&R&8Liftoff scorecard")
    ws.set_footer("&L&8&A&C&8Page &P of &N")


def unique_headers(headers: Sequence[str]) -> list[str]:
    """Header texts made unique and non-empty (a table refuses duplicates), in order."""
    seen: set[str] = set()
    out: list[str] = []
    for header in headers:
        base = " ".join(safe_text(header).split()) or "Column"
        candidate, n = base, 2
        while candidate.casefold() in seen:
            candidate, n = f"{base} ({n})", n + 1
        seen.add(candidate.casefold())
        out.append(candidate)
    return out


def add_table(
    sheet: Sheet, name: str, headers: Sequence[str], header_row: int, last_row: int, first_col: int = 0
) -> None:
    """An Excel table (filter buttons, banded rows) over `headers` at `header_row` down to `last_row`
    (0-based). The header cells keep the wrapped header format; a table needs one data row at least."""
    header_fmt = sheet.book.fmt("header")
    columns = [{"header": h, "header_format": header_fmt} for h in headers]
    sheet.ws.add_table(
        header_row,
        first_col,
        max(last_row, header_row + 1),
        first_col + len(headers) - 1,
        {"name": name, "columns": columns, "style": "Table Style Light 9", "autofilter": True},
    )
