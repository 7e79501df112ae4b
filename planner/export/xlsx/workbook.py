"""The Excel scorecard workbook an executive can re-weight: ``write_scorecard(path, portfolio, ...)``.

Sheets: Summary (headline figures, the live decision tally and its chart, the top of the ranking),
Triage matrix (a native bubble chart), Scorecard, Ratings, Weights (editable), Gates, Finance, then
Rollout, Training, Stakeholders, Dependencies and Scenario when those plans, analyses and funding
scenarios exist, and Method (how every number is computed, in words). Every formula carries its
result, so a preview shows the numbers; Excel and LibreOffice recalculate when an input changes. Every
sheet prints landscape, one page wide, its header repeated. The file is written beside the target
and moved into place, so a cancelled or failed export never leaves a half-written workbook.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from planner.errors import LiftoffError
from planner.export.xlsx.book import Book
from planner.export.xlsx.charts import write_triage_matrix
from planner.export.xlsx.context import SUMMARY, Context
from planner.export.xlsx.method_sheet import write_finance, write_method
from planner.export.xlsx.optional import optional_sheets
from planner.export.xlsx.ratings import write_gates, write_ratings
from planner.export.xlsx.safe_cells import safe_text
from planner.export.xlsx.scorecard import write_scorecard as write_scorecard_sheet
from planner.export.xlsx.summary import SummaryContent, summary_content, write_summary
from planner.export.xlsx.weights import weight_lookups, write_weights
from planner.method import DIMENSIONS, Method, effective_weights
from planner.model import Portfolio
from planner.triage.finance import PilotFinance, evaluate
from planner.triage.scoring import Prepared, Scores, prepare

Progress = Callable[[int, int], None]
Cancel = Callable[[], bool]
TICK_EVERY = 200


class ScorecardCancelled(LiftoffError):
    """The user cancelled the export; nothing was written."""


def write_scorecard(
    path: Path,
    portfolio: Portfolio,
    scores: Scores,
    method: Method,
    *,
    plans: Any = None,
    graphs: Any = None,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
    prepared: Prepared | None = None,
    finance: Mapping[str, PilotFinance] | None = None,
    sessions: bool = False,
    summary: SummaryContent | None = None,
) -> None:
    """Write the scorecard workbook for `portfolio` as scored in `scores` to `path`.

    `plans` may carry ``rollout`` and ``training`` plans and `graphs` ``stakeholders`` and
    ``dependencies`` analyses (objects or dict keys); the matching sheets are written when present
    (see `planner.export.xlsx.optional`). `sessions` adds every training session on a sheet of its
    own. `summary` replaces the Summary sheet's default content (`summary_content`).
    `progress(done, total)` is called as rows are written; when `cancel()` returns True the export
    stops with `ScorecardCancelled` and `path` is left untouched. `prepared` saves re-preparing the
    rating matrix when the caller already holds it for the same portfolio and method; `finance`
    (pilot id to `planner.triage.finance.evaluate` result under the portfolio's settings) likewise.
    """
    path = Path(path)
    prepared = prepared if prepared is not None else prepare(portfolio, method)
    if finance is None:
        finance = {p.id: evaluate(p.financials, portfolio.finance) for p in portfolio.pilots}
    ctx = Context(
        portfolio,
        method,
        scores,
        prepared,
        effective_weights(method, portfolio),
        dict(finance),
        tuple(prepared.index[pid] for pid in scores.ranking),
        tuple(j for dim in DIMENSIONS for j, c in enumerate(method.criteria) if c.dimension == dim),
    )

    def checkpoint() -> None:
        if cancel is not None and cancel():
            raise ScorecardCancelled("scorecard export cancelled; nothing was written")

    extra = optional_sheets(portfolio, scores, method, plans, graphs, sessions, checkpoint)
    total = 4 * len(ctx.order) + sum(sheet.rows for sheet in extra) + 1
    done = 0

    def tick() -> None:
        nonlocal done
        done += 1
        if done % TICK_EVERY == 0:
            checkpoint()
            if progress is not None:
                progress(done, total)

    book = Book(path)
    try:
        summary_sheet = book.sheet(SUMMARY)
        write_triage_matrix(book, ctx)
        write_scorecard_sheet(book, ctx, tick)
        write_ratings(book, ctx, weight_lookups(ctx), tick)
        write_weights(book, ctx)
        write_gates(book, ctx, tick)
        write_finance(book, ctx, tick)
        for sheet in extra:
            sheet.write(book, tick)
        write_method(book, ctx)
        write_summary(summary_sheet, summary if summary is not None else summary_content(ctx))
        _properties(book, ctx)
        book.close()
    except BaseException:
        book.discard()
        raise
    if progress is not None:
        progress(total, total)


def _properties(book: Book, ctx: Context) -> None:
    p = ctx.portfolio
    props = {
        "title": safe_text(f"Scorecard — {p.name}")[:250],
        "subject": "AI pilot portfolio triage",
        "author": "Liftoff",
        "keywords": "pilots, triage, scorecard",
        "comments": safe_text(
            f"{len(ctx.order)} pilots as of {p.as_of.isoformat()}, method {ctx.method.name}"
        )[:250],
    }
    if p.organisation:
        props["category"] = safe_text(p.organisation)[:250]
    book.wb.set_properties(props)
    book.wb.set_size(1600, 1000)
