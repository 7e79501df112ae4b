"""Excel benchmarks: the scorecard and the intake import against bare-library baselines, same run.

- Scorecard of N pilots (default 5,000) against an openpyxl write-only dump of exactly the same
  cell values (read back from our workbook, formulas included as text), target <= 1.5x, and against
  XlsxWriter (constant-memory mode) for reference. Scoring is done before the clock starts (it is
  the engine's work, not the exporter's); the exporter's own finance evaluation is inside the clock.
  Plan sheets are left out (``plans={}, graphs={}``): planning is the planners' cost.
- Import of an N-pilot intake (pilots, ratings, gates, financials...) against a bare openpyxl
  read-only iteration over the same sheets, target <= 2x.

Run: ``.venv/bin/python bench/bench_xlsx.py [N]``. Each timing is the best CPU time of `REPEAT` runs
(the machine is shared; wall time there measures the neighbours).
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from planner.export.xlsx.workbook import write_scorecard
from planner.intake.workbook import read_intake, write_template
from planner.method import effective_weights, load_method
from planner.triage.finance import evaluate
from planner.triage.scoring import prepare, rescore
from tests.xlsx_portfolios import random_portfolio

REPEAT = 5


def best(fn: Callable[[], Any]) -> float:
    """Best CPU time of `REPEAT` runs: this machine is shared, and CPU time is what the code costs."""
    times = []
    for _ in range(REPEAT):
        started = time.process_time()
        fn()
        times.append(time.process_time() - started)
    return min(times)


def cell_values(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    wb = openpyxl.load_workbook(path, read_only=True)
    try:
        return {ws.title: list(ws.iter_rows(values_only=True)) for ws in wb.worksheets}
    finally:
        wb.close()


def dump_openpyxl(sheets: dict[str, list[tuple[Any, ...]]], path: Path) -> None:
    wb = openpyxl.Workbook(write_only=True)
    for title, rows in sheets.items():
        ws = wb.create_sheet(title)
        for row in rows:
            ws.append(row)
    wb.save(path)


def dump_xlsxwriter(sheets: dict[str, list[tuple[Any, ...]]], path: Path) -> None:
    import xlsxwriter  # benchmark reference only, not a dependency

    wb = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    for title, rows in sheets.items():
        ws = wb.add_worksheet(title)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if value is None:
                    continue
                if isinstance(value, str) and value.startswith("="):
                    ws.write_formula(r, c, value)
                else:
                    ws.write(r, c, value)
    wb.close()


def bare_read(path: Path) -> int:
    wb = openpyxl.load_workbook(path, read_only=True, data_only=True, keep_links=False)
    count = 0
    try:
        for ws in wb.worksheets:
            for row in ws.iter_rows(values_only=True):
                count += len(row)
    finally:
        wb.close()
    return count


def main(n: int) -> None:
    method = load_method()
    portfolio = random_portfolio(42, n, method)
    prepared = prepare(portfolio, method)
    scores = rescore(prepared, effective_weights(method, portfolio))
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        ours = tmp / "scorecard.xlsx"

        def scorecard() -> None:
            write_scorecard(ours, portfolio, scores, method, prepared=prepared, plans={}, graphs={})

        finance = {p.id: evaluate(p.financials, portfolio.finance) for p in portfolio.pilots}
        for pid in scores.pilots:  # the engine builds each PilotScore (with its reason) on first access
            scores.pilots[pid]

        def scorecard_given_finance() -> None:
            write_scorecard(
                ours, portfolio, scores, method, prepared=prepared, finance=finance, plans={}, graphs={}
            )

        t_all = best(scorecard)
        t_ours = best(scorecard_given_finance)
        sheets = cell_values(ours)
        cells = sum(len(row) for rows in sheets.values() for row in rows)
        t_dump = best(lambda: dump_openpyxl(sheets, tmp / "dump.xlsx"))
        t_xw = best(lambda: dump_xlsxwriter(sheets, tmp / "xw.xlsx"))
        print(f"scorecard, {n:,} pilots, {cells:,} cells ({ours.stat().st_size / 1e6:.1f} MB)")
        print(
            f"  write_scorecard          {t_all:6.2f} s   (incl. finance evaluation: {t_all / t_dump:.2f}x)"
        )
        print(f"  ... given the finance    {t_ours:6.2f} s")
        print(f"  openpyxl write-only dump {t_dump:6.2f} s   ratio {t_ours / t_dump:.2f}x (target <= 1.5x)")
        print(f"  XlsxWriter dump          {t_xw:6.2f} s   ratio {t_ours / t_xw:.2f}x (reference)")

        intake = tmp / "intake.xlsx"
        write_template(intake, portfolio, method)
        t_read = best(lambda: read_intake(intake, method))
        result = read_intake(intake, method)
        assert result.ok, result.problems[:3]
        t_bare = best(lambda: bare_read(intake))
        print(f"intake import, {n:,} pilots ({intake.stat().st_size / 1e6:.1f} MB)")
        print(f"  read_intake              {t_read:6.2f} s")
        print(f"  bare openpyxl read-only  {t_bare:6.2f} s   ratio {t_read / t_bare:.2f}x (target <= 2x)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5_000)
