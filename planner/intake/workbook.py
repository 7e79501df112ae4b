"""The Excel intake: a template pilot teams fill in before a workshop, and its import.

- `write_template(path, portfolio, method)` writes the workbook, empty or pre-filled.
- `read_intake(path, method=None)` returns an `IntakeResult`: the portfolio, or every problem with its
  sheet, row and column. It is all-or-nothing: any problem means no portfolio.
- `merge(current, imported)` updates pilots (and people, enablers, user groups) by id, adds new ones,
  and reports conflicts instead of guessing.

Round trip: ``read_intake(write_template(p)) == p`` for everything an intake carries (the method's
weight overrides and the recorded snapshots are the workshop's, not the pilot team's; `merge` keeps
the current ones).
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from planner.errors import format_validation_error, safe_text
from planner.intake.layout import INSTRUCTIONS, SETTINGS
from planner.intake.problems import IntakeProblem, check_archive, in_reading_order
from planner.intake.reader import IntakeReader
from planner.intake.sheets import Book, BookError, SheetError
from planner.intake.template import write_template
from planner.method import Method, MethodError, load_method
from planner.model import Portfolio
from planner.portfolio.workshop_edits import keep_workshop_values

__all__ = [
    "IntakeProblem",
    "IntakeResult",
    "MergeConflict",
    "MergeResult",
    "check_archive",
    "merge",
    "read_intake",
    "write_template",
]


@dataclass(frozen=True, slots=True)
class IntakeResult:
    """Either a portfolio (problems empty) or the problems (portfolio None), never both."""

    portfolio: Portfolio | None
    problems: tuple[IntakeProblem, ...] = ()

    @property
    def ok(self) -> bool:
        return self.portfolio is not None and not self.problems


def read_intake(path: Path, method: Method | None = None) -> IntakeResult:
    """Import the intake workbook at `path`; see `IntakeResult`. Never raises for a bad file.

    Without `method`, the workbook is read with the scoring method its Instructions sheet names (the
    one it was written for; the default method when it names none).
    """
    portfolio, problems = read_workbook(Path(path), method)
    if problems:
        return IntakeResult(None, tuple(problems))
    return IntakeResult(portfolio, ())


@dataclass(frozen=True, slots=True)
class MergeConflict:
    kind: str  # "pilot", "enabler", "stakeholder", "user group", "portfolio"
    id: str
    message: str

    def __str__(self) -> str:
        return f"{self.kind} {self.id!r}: {self.message}" if self.id else f"{self.kind}: {self.message}"


@dataclass(frozen=True, slots=True)
class MergeResult:
    """The merged portfolio (None when there are conflicts) and what changed, by id."""

    portfolio: Portfolio | None
    added: tuple[str, ...] = ()
    updated: tuple[str, ...] = ()
    conflicts: tuple[MergeConflict, ...] = field(default_factory=tuple)


def merge(current: Portfolio, imported: Portfolio) -> MergeResult:
    """`current` with `imported` laid over it; all-or-nothing.

    Pilots, enablers, stakeholders and user groups with an id already in `current` replace it in place;
    new ones are appended; relationships and dependencies are united. `current`'s settings, method
    overrides and snapshots are kept. A conflict (an id used for a different kind of item, an id whose
    name differs, a merged portfolio whose references do not hold) means nothing is merged.
    """
    conflicts: list[MergeConflict] = []
    added: list[str] = []
    updated: list[str] = []
    pilot_ids = {p.id for p in current.pilots}
    enabler_ids = {e.id for e in current.enablers}
    for p in imported.pilots:
        if p.id in enabler_ids:
            conflicts.append(MergeConflict("pilot", p.id, "this id belongs to an enabler in the project"))
    for e in imported.enablers:
        if e.id in pilot_ids:
            conflicts.append(MergeConflict("enabler", e.id, "this id belongs to a pilot in the project"))

    def combine(kind: str, mine: list[Any], theirs: list[Any]) -> list[Any]:
        by_id = {item.id: item for item in mine}
        out = list(mine)
        index = {item.id: i for i, item in enumerate(mine)}
        for item in theirs:
            old = by_id.get(item.id)
            if old is None:
                out.append(item)
                added.append(item.id)
                continue
            if old.name.strip().casefold() != item.name.strip().casefold():
                conflicts.append(
                    MergeConflict(
                        kind, item.id, f"named {old.name!r} in the project but {item.name!r} in the import"
                    )
                )
            elif old != item:
                out[index[item.id]] = item
                updated.append(item.id)
        return out

    # a workbook carries single ratings: the workshop's raters' values on a pilot are kept
    mine = {p.id: p for p in current.pilots}
    theirs = [keep_workshop_values(mine.get(p.id), p) for p in imported.pilots]
    pilots = combine("pilot", current.pilots, theirs)
    enablers = combine("enabler", current.enablers, imported.enablers)
    people = combine("stakeholder", current.stakeholders, imported.stakeholders)
    groups = combine("user group", current.user_groups, imported.user_groups)
    relationships = list(current.relationships)
    edges = {(r.source, r.target, r.kind) for r in relationships}
    for r in imported.relationships:
        if (r.source, r.target, r.kind) not in edges:
            relationships.append(r)
            edges.add((r.source, r.target, r.kind))
    dependencies = list(current.dependencies)
    deps = {(d.pilot, d.on) for d in dependencies}
    for d in imported.dependencies:
        if (d.pilot, d.on) not in deps:
            dependencies.append(d)
            deps.add((d.pilot, d.on))
    if conflicts:
        return MergeResult(None, conflicts=tuple(conflicts))
    data = dict(current)
    data.update(
        pilots=pilots,
        enablers=enablers,
        stakeholders=people,
        user_groups=groups,
        relationships=relationships,
        dependencies=dependencies,
    )
    try:
        merged = Portfolio.model_validate(data)
    except ValidationError as exc:
        return MergeResult(None, conflicts=(MergeConflict("portfolio", "", format_validation_error(exc)),))
    return MergeResult(merged, tuple(added), tuple(updated), ())


def read_workbook(path: Path, method: Method | None) -> tuple[Portfolio | None, list[IntakeProblem]]:
    """Check the archive, then read it (with the method it names when `method` is None); always closed.

    Never raises for a bad file: whatever goes wrong while any part is read becomes a located problem,
    and warnings a library emits on the way are kept from the user's terminal.
    """
    problems = check_archive(path)
    if problems:
        return None, problems
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            book = Book(path)
        except BookError as exc:
            return None, [IntakeProblem("", 0, "", f"{path.name}: {exc}")]
        try:
            if method is None:
                method_id, row = recorded_method(book)
                try:
                    method = load_method(method_id) if method_id else load_method()
                except MethodError as exc:
                    return None, [IntakeProblem(INSTRUCTIONS, row, _METHOD_SETTING.header, str(exc), "B")]
            reader = IntakeReader(book, method)
            portfolio = reader.read()
        except Exception as exc:  # a last guard: a reading failure nobody foresaw is still one line
            reason = safe_text(f"{type(exc).__name__}: {exc}", 300)
            return None, [IntakeProblem("", 0, "", f"{path.name}: {UNEXPECTED} ({reason})")]
        finally:
            book.close()
    return portfolio, in_reading_order(reader.problems)


_METHOD_SETTING = next(c for c in SETTINGS if c.key == "method")
UNEXPECTED = "an unexpected problem stopped the import"  # the fuzzer fails on this: a reader bug


def recorded_method(book: Book) -> tuple[str | None, int]:
    """The scoring method id the Instructions sheet names, and its row (None, 0 when it names none)."""
    if INSTRUCTIONS not in book.sheetnames:
        return None, 0
    label = _METHOD_SETTING.header.lower()
    try:
        rows = book.rows(INSTRUCTIONS, 500, 2)
    except SheetError:
        return None, 0  # the reader reports the sheet
    for row_number, row in enumerate(rows, start=1):
        if row and isinstance(row[0], str) and row[0].strip().lower() == label:
            value = row[1] if len(row) > 1 else None
            return (value.strip(), row_number) if isinstance(value, str) and value.strip() else (None, 0)
    return None, 0
