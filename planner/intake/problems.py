"""What can be wrong with an intake workbook, each problem at a place the user can find.

`check_archive` refuses a file that is not a workbook, or that would unpack into far more than any
real intake (a zip bomb), before any spreadsheet library opens it. `IntakeProblem` is one located
problem; `in_reading_order` sorts them as a person reads the workbook.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

from planner.errors import safe_text
from planner.intake.layout import DATA_SHEETS, INSTRUCTIONS

# Archive limits: a real intake of 5,000 pilots is ~20 MB unpacked in a few dozen entries.
MAX_ENTRIES = 2_000
MAX_UNPACKED = 512 * 1024 * 1024
MAX_RATIO = 200  # unpacked / packed size of any entry larger than RATIO_FLOOR
RATIO_FLOOR = 1024 * 1024
MAX_PROBLEM = 500  # characters of a problem message: a cell may hold 32,767 (its size is then stated)


@dataclass(frozen=True, slots=True)
class IntakeProblem:
    """One thing wrong with the workbook, at a place the user can find (row 0: the sheet or file)."""

    sheet: str
    row: int
    column: str  # the column's header ("" when the problem is about a whole row or sheet)
    message: str
    letter: str = ""  # the column's letter, when the column exists in the sheet

    def __post_init__(self) -> None:  # a cell may hold 32,767 characters: never echo them all
        if len(self.message) > MAX_PROBLEM or not self.message.isprintable():
            object.__setattr__(self, "message", safe_text(self.message, MAX_PROBLEM))

    def __str__(self) -> str:
        where = self.sheet or "workbook"
        if self.row:
            where += f"!{self.letter}{self.row}" if self.letter else f" row {self.row}"
        if self.column:
            where += f" ({self.column})"
        return safe_text(f"{where}: {self.message}", MAX_PROBLEM + 300)


def check_archive(path: Path) -> list[IntakeProblem]:
    """Problems that make the file unsafe or impossible to open as a workbook (empty list when fine)."""

    def problem(message: str) -> list[IntakeProblem]:
        return [IntakeProblem("", 0, "", f"{path.name}: {message}")]

    try:
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
    except zipfile.BadZipFile:
        return problem("not an Excel workbook (.xlsx); save it as 'Excel Workbook' and try again")
    if len(entries) > MAX_ENTRIES:
        return problem(f"refused: the archive holds {len(entries):,} entries (limit {MAX_ENTRIES:,})")
    total = sum(e.file_size for e in entries)
    if total > MAX_UNPACKED:
        return problem(
            f"refused: it would unpack to {total / 2**20:,.0f} MB (limit {MAX_UNPACKED / 2**20:,.0f} MB)"
        )
    for entry in entries:
        if entry.file_size > RATIO_FLOOR and entry.file_size > MAX_RATIO * max(entry.compress_size, 1):
            ratio = entry.file_size / max(entry.compress_size, 1)
            return problem(
                f"refused: entry {entry.filename!r} is compressed {ratio:,.0f}:1 (limit {MAX_RATIO}:1), "
                "which looks like a zip bomb"
            )
    return []


_SHEET_ORDER = {name: k for k, name in enumerate(["", INSTRUCTIONS, *(s.name for s in DATA_SHEETS)])}


def in_reading_order(problems: list[IntakeProblem]) -> list[IntakeProblem]:
    """Problems by sheet (workbook order), row and column, one per cell (the first found)."""
    seen: set[tuple[str, int, str]] = set()
    unique = []
    for p in problems:
        key = (p.sheet, p.row, p.column)
        if p.row and p.column and key in seen:
            continue
        seen.add(key)
        unique.append(p)
    return sorted(
        unique, key=lambda p: (_SHEET_ORDER.get(p.sheet, len(_SHEET_ORDER)), p.row, len(p.letter), p.letter)
    )
