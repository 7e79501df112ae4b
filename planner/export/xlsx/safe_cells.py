"""Neutralising user text before it goes into a workbook cell.

A spreadsheet treats a cell whose text starts with ``=``, ``+``, ``-`` or ``@`` as a formula (and some
engines also a leading tab or carriage return), so a stakeholder called ``=HYPERLINK(...)`` would run
when the workbook is opened. Every user string we write goes through `safe_text`, and the cell is
marked as text with a quote prefix (`is_formula_like` tells the writer when): the spreadsheet then
shows the characters and never evaluates them. Characters a workbook cannot hold are stripped, and
text longer than a cell holds is cut with a visible marker.
"""

from __future__ import annotations

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

MAX_CELL_CHARS = 32_767
TRUNCATION_MARKER = " […truncated]"
FORMULA_LEADS = ("=", "+", "-", "@", "\t", "\r")


def safe_text(text: str) -> str:
    """`text` without illegal control characters, at most `MAX_CELL_CHARS` long.

    A carriage return becomes a line break (as XML reads a lone one anyway). Text that had to be
    shortened ends with `TRUNCATION_MARKER`, so a reader sees it was cut.
    """
    cleaned = text
    if not text.isprintable():
        cleaned = ILLEGAL_CHARACTERS_RE.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    if len(cleaned) > MAX_CELL_CHARS:
        cleaned = cleaned[: MAX_CELL_CHARS - len(TRUNCATION_MARKER)] + TRUNCATION_MARKER
    return cleaned


def is_formula_like(text: str) -> bool:
    """True when a spreadsheet could read `text` as a formula (it must be written with a quote prefix)."""
    return text.startswith(FORMULA_LEADS)
