"""Intake import speed: `read_intake` against a bare openpyxl read-only pass over the same workbook.

Run: ``PYTHONPATH=. .venv/bin/python bench/bench_intake.py [PILOTS]`` (default 5,000). The workbook is
the intake template filled from ``bench.portfolios.realistic(PILOTS)`` (written once, outside the
timing). Both are timed in the same run, alternately, best of a few rounds:

- baseline: ``openpyxl.load_workbook(read_only=True, data_only=True)`` reading every value of every
  sheet (what the importer did before, without any parsing or checking);
- Liftoff: the whole import (archive checks, sheet scans, calamine values, every cell parsed and
  validated, the portfolio built).

Issue 15's target: 5,000 pilots in ≤ 3 s where bare openpyxl takes 9.6 s, a ratio ≤ 0.31.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from openpyxl import load_workbook

from bench.portfolios import realistic
from planner.intake.layout import MAX_COLUMNS
from planner.intake.workbook import read_intake, write_template

ROUNDS = 3


def bare_openpyxl(path: Path) -> int:
    wb = load_workbook(path, read_only=True, data_only=True, keep_links=False)
    cells = 0
    for ws in wb.worksheets:
        ws.reset_dimensions()
        for row in ws.iter_rows(max_col=MAX_COLUMNS, values_only=True):
            cells += len(row)
    wb.close()
    return cells


def liftoff(path: Path) -> int:
    result = read_intake(path)
    assert result.portfolio is not None, [str(p) for p in result.problems[:5]]
    return len(result.portfolio.pilots)


def main() -> None:
    pilots = int(sys.argv[1]) if len(sys.argv) > 1 else 5_000
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "intake.xlsx"
        write_template(path, realistic(pilots))
        size = path.stat().st_size / 2**20
        best = {"openpyxl read-only (bare)": float("inf"), "liftoff read_intake": float("inf")}
        for _ in range(ROUNDS):
            for name, run in (("openpyxl read-only (bare)", bare_openpyxl), ("liftoff read_intake", liftoff)):
                started = time.perf_counter()
                run(path)
                best[name] = min(best[name], time.perf_counter() - started)
    print(f"intake of {pilots:,} pilots ({size:.1f} MB workbook), best of {ROUNDS}")
    for name, seconds in best.items():
        print(f"  {name:28} {seconds:6.2f} s")
    ratio = best["liftoff read_intake"] / best["openpyxl read-only (bare)"]
    print(f"  ratio liftoff / bare openpyxl: {ratio:.2f} (target ≤ 0.31: 3 s against 9.6 s)")


if __name__ == "__main__":
    main()
