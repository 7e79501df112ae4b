"""Helpers shared by the CLI topics: loading a project, printing tables and JSON."""

from __future__ import annotations

import json
import os
import re
import sys
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from planner.formatting import count, number


def print_table(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    """A plain aligned text table on stdout; columns of numbers (or of amounts, counts, percentages
    already in the house format, see `planner.formatting`) are right-aligned."""
    cells = [[_cell(v) for v in row] for row in rows]
    widths = [len(h) for h in headers]
    for row in cells:
        for i, text in enumerate(row):
            widths[i] = max(widths[i], len(text))
    numeric = [bool(rows) and all(_is_number(row[i]) for row in cells) for i in range(len(headers))]
    out = sys.stdout

    def line(values: Sequence[str]) -> str:
        parts = [v.rjust(w) if num else v.ljust(w) for v, w, num in zip(values, widths, numeric, strict=True)]
        return "  ".join(parts).rstrip()

    out.write(line(list(headers)) + "\n")
    out.write("  ".join("-" * w for w in widths) + "\n")
    for row in cells:
        out.write(line(row) + "\n")


def check_output(path: Path) -> None:
    """LiftoffError naming `path` when no file can be written there (a folder, or a missing folder).

    Checked before any work, in the words `planner.portfolio.store.save` uses; the writers would
    otherwise fail late, naming their hidden temporary file instead of the user's path.
    """
    from planner.errors import LiftoffError

    if path.is_dir():
        raise LiftoffError(f"{path}: is a folder; choose a file name")
    if not path.parent.is_dir():
        raise LiftoffError(f"{path}: cannot save: the folder {path.parent} does not exist")


@contextmanager
def project_writer(path: str | os.PathLike[str], force: bool, command: str) -> Iterator[None]:
    """Hold the project's lock while a command reads and rewrites it, as the app does.

    Refuses (`LockHeld`, naming who holds it) when another Liftoff writes the project; `force`
    takes over only a lock whose holder cannot be confirmed running. Leftovers of killed saves of
    that project are removed once the lock is held.
    """
    from planner.atomic import remove_stale_temps
    from planner.portfolio.lock import writing

    with writing(path, force=force, app=f"liftoff {command}"):
        remove_stale_temps(path)
        yield


def counts(portfolio: Any) -> str:
    """``12 pilots, 30 stakeholders, 2 snapshots``."""
    return ", ".join(f"{n} {what}" for what, n in _sizes(portfolio).items())


def _sizes(portfolio: Any) -> dict[str, int]:
    return {
        "pilots": len(portfolio.pilots),
        "stakeholders": len(portfolio.stakeholders),
        "snapshots": len(portfolio.snapshots),
    }


def losses(before: Any, after: Any) -> str:
    """What `after` holds less of than `before` (``pilots 12 → 0, snapshots 2 → 0``); "" when nothing."""
    old, new = _sizes(before), _sizes(after)
    return ", ".join(f"{what} {old[what]} → {new[what]}" for what in old if new[what] < old[what])


def print_json(data: Any) -> None:
    json.dump(data, sys.stdout, indent=2, ensure_ascii=False, default=str)
    sys.stdout.write("\n")


# a number as `planner.formatting` writes it: "1,234", "−3.5", "+2.3", "EUR 1.5 M", "5.7 %"; or "–" (none)
_NUMBER = re.compile(r"[−+-]?(?:[A-Z]{3} )?\d[\d,]*(?:\.\d+)?(?: ?(?:%|k|M|bn))?|–")


def _is_number(text: str) -> bool:
    return _NUMBER.fullmatch(text) is not None


def _cell(value: Any) -> str:
    """A cell as text: counts grouped, other numbers as `planner.formatting.number`; text as given."""
    if value is None:
        return "–"
    if isinstance(value, bool):
        return "yes" if value else ""
    if isinstance(value, int):
        return count(value)
    if isinstance(value, float):
        return number(value)
    return str(value).replace("\n", " ")


_STDOUT_REDIRECT = threading.Lock()


@contextmanager
def solver_output_hidden() -> Iterator[None]:
    """Send whatever is written to file descriptor 1 to the null device while the solver runs.

    Some HiGHS builds print a debug line with C `printf` ("HighsMipSolverData::
    transformNewIntegerFeasibleSolution tmpSolver.run();") whatever the options say, and it would
    corrupt `--format json`. Descriptor 1 belongs to the whole process, so only the command line does
    this; the lock makes overlapping callers take turns, so each restores what it saved.
    """
    try:
        fd = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):
        yield  # no real file descriptor (e.g. captured output): nothing to protect
        return
    with _STDOUT_REDIRECT:
        sys.stdout.flush()
        saved = os.dup(fd)
        try:
            with open(os.devnull, "w") as null:
                os.dup2(null.fileno(), fd)
            try:
                yield
            finally:
                os.dup2(saved, fd)
        finally:
            os.close(saved)
