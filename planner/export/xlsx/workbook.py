"""The Excel scorecard workbook an executive can re-weight: ``write_scorecard(path, portfolio, ...)``.

Sheets: Summary (headline figures, live decision tally, a chart), Scorecard (live formulas, see
`planner.export.xlsx.scorecard`), Weights (editable), Gates, Finance, then Rollout, Training,
Stakeholders and Dependencies when those plans and analyses are available, and Method (how every
number is computed, in words). The file is written beside the target and moved into place, so a
cancelled or failed export never leaves a half-written workbook.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.utils import quote_sheetname

from planner.atomic import publish
from planner.errors import LiftoffError
from planner.export.xlsx import plans as xlsx_plans
from planner.export.xlsx.safe_cells import safe_text
from planner.export.xlsx.scorecard import (
    COL,
    GATES,
    SC_FIRST,
    SCORECARD,
    WEIGHTS,
    Sheet,
    write_gates,
    write_weights,
)
from planner.export.xlsx.scorecard import write_scorecard as write_scorecard_sheet
from planner.export.xlsx.style import DECISION_FILLS, Styles, add_table, default_styles, print_setup
from planner.method import DIMENSIONS, Derivation, Method, effective_weights
from planner.model import Portfolio
from planner.triage.finance import PilotFinance, evaluate
from planner.triage.scoring import Prepared, Scores, prepare

Progress = Callable[[int, int], None]
Cancel = Callable[[], bool]


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
) -> None:
    """Write the scorecard workbook for `portfolio` as scored in `scores` to `path`.

    `plans` may carry ``rollout`` and ``training`` plans and `graphs` ``stakeholders`` and
    ``dependencies`` analyses (objects or dict keys); the matching sheets are written when present.
    `progress(done, total)` is called as rows are written; when `cancel()` returns True the export
    stops with `ScorecardCancelled` and `path` is left untouched. `prepared` saves re-preparing the
    rating matrix when the caller already holds it for the same portfolio and method; `finance` (pilot id
    to `planner.triage.finance.evaluate` result under the portfolio's settings) likewise.
    """
    path = Path(path)
    prepared = prepared if prepared is not None else prepare(portfolio, method)
    weights = effective_weights(method, portfolio)
    order = tuple(prepared.index[pid] for pid in scores.ranking)
    criteria = tuple(j for dim in DIMENSIONS for j, c in enumerate(method.criteria) if c.dimension == dim)
    if finance is None:
        finance = {p.id: evaluate(p.financials, portfolio.finance) for p in portfolio.pilots}
    ctx = Sheet(portfolio, method, scores, prepared, weights, dict(finance), order, criteria)
    extra = xlsx_plans.available(portfolio, scores, method, plans, graphs)

    total = 3 * len(order) + sum(count for _, count, _ in extra) + 1
    done = 0

    def tick() -> None:
        nonlocal done
        done += 1
        if done % 200 == 0:
            if cancel is not None and cancel():
                raise ScorecardCancelled("scorecard export cancelled; nothing was written")
            if progress is not None:
                progress(done, total)

    wb = Workbook(write_only=True)
    summary = wb.create_sheet("Summary")
    scorecard = wb.create_sheet(SCORECARD)
    weights_ws = wb.create_sheet(WEIGHTS)
    gates_ws = wb.create_sheet(GATES)
    finance_ws = wb.create_sheet("Finance")
    extra_ws = [(wb.create_sheet(name), writer) for name, _, writer in extra]
    method_ws = wb.create_sheet("Method")
    st = default_styles(summary)

    try:
        weight_cells = write_weights(weights_ws, st, ctx)
        write_scorecard_sheet(scorecard, st, ctx, weight_cells, tick)
        write_gates(gates_ws, st, ctx, tick)
        write_finance(finance_ws, st, ctx, tick)
        for ws, writer in extra_ws:
            writer(ws, st, tick)
        write_summary(summary, st, ctx)
        write_method(method_ws, st, ctx)
    except BaseException:
        _discard(wb)
        raise

    wb.calculation.fullCalcOnLoad = True  # formulas carry no cached values: compute them on open
    props = wb.properties
    props.title = safe_text(f"Scorecard — {portfolio.name}")[:250]
    props.subject = "AI pilot portfolio triage"
    props.creator = "Liftoff"
    props.keywords = "pilots, triage, scorecard"
    props.description = safe_text(f"{len(order)} pilots as of {portfolio.as_of}, method {method.name}")[:250]
    if portfolio.organisation:
        props.category = safe_text(portfolio.organisation)[:250]
    _save_atomically(wb, path)
    if progress is not None:
        progress(total, total)


def _save_atomically(wb: Workbook, path: Path) -> None:
    try:
        fd, temp = tempfile.mkstemp(prefix=".liftoff-", suffix=".xlsx", dir=path.parent)
    except BaseException:
        _discard(wb)
        raise
    os.close(fd)
    try:
        wb.save(temp)
        publish(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        _discard(wb)
        raise


def _discard(wb: Workbook) -> None:
    """After a cancel or failure: close the write-only sheets' streams and delete their temporary files.

    Without this, openpyxl keeps one temporary file per sheet until the process exits and its
    half-closed row generators raise "I/O operation on closed file" when garbage-collected.
    """
    for ws in wb.worksheets:
        rows, writer = getattr(ws, "_rows", None), getattr(ws, "_writer", None)
        for step in (
            getattr(rows, "close", None),  # the row generator first: it writes into the sheet stream
            getattr(writer, "close", None),
            getattr(writer, "cleanup", None),
        ):
            if step is not None:
                with contextlib.suppress(Exception):  # best effort: the export has already failed
                    step()
        ws._rows = None


def write_finance(ws: Any, st: Styles, ctx: Sheet, tick: Callable[[], None]) -> None:
    """Per-pilot economics at scale, with the settings they were computed under."""
    f = ctx.portfolio.finance
    headers = [
        "Pilot ID",
        "Pilot",
        "Scale investment",
        "Annual benefit",
        "Annual run cost",
        "Pilot spend",
        "Change budget",
        "Change budget share",
        "NPV",
        "Payback (months)",
        "ROI",
    ]
    ws.freeze_panes = "C5"
    print_setup(ws, "4:4", [10, 30, 14, 14, 14, 12, 12, 12, 14, 9, 10, 9])
    ws.append([st.cell(ws, "Finance at scale", "title")])
    ws.append(
        [
            safe_text(f"Currency {ctx.portfolio.currency}; discount rate"),
            st.cell(ws, f.discount_rate, "pct"),
            "horizon (years)",
            f.horizon_years,
            "ramp-up (months)",
            f.ramp_months,
        ]
    )
    ws.append([])
    ws.append([st.cell(ws, h, "header") for h in headers])
    for i in ctx.order:
        pilot = ctx.portfolio.pilots[i]
        fin, pf = pilot.financials, ctx.finance[pilot.id]
        share = fin.change_budget / fin.scale_investment if fin.scale_investment > 0 else None
        ws.append(
            [
                st.text(ws, pilot.id, "plain"),
                st.text(ws, pilot.name, "plain"),
                # the typed inputs stay in General format: a styled cell costs ~60 % more to write, and
                # formatting these five columns alone put a 5,000-pilot export past 1.5x a bare dump
                fin.scale_investment,
                fin.annual_benefit,
                fin.annual_run_cost,
                fin.pilot_spend,
                fin.change_budget,
                None if share is None else st.slot(ws, "share", share, "pct"),
                st.slot(ws, "npv", pf.npv, "money"),
                pf.payback_months,
                None if pf.roi is None else st.slot(ws, "roi", pf.roi, "pct"),
            ]
        )
        tick()
    if ctx.order:
        add_table(ws, "Finance", headers, 4, 4 + len(ctx.order))


def write_summary(ws: Any, st: Styles, ctx: Sheet) -> None:
    """Headline figures and the decision tally, as formulas over the Scorecard so they stay live."""
    sc = quote_sheetname(SCORECARD)
    first, last = SC_FIRST, max(ctx.last_row, SC_FIRST)
    p = ctx.portfolio
    print_setup(ws, None, [34, 16, 4, 10, 40], landscape=False)
    ws.append([st.text(ws, f"Portfolio scorecard — {p.name}", "title")])
    ws.append([st.text(ws, p.organisation, "plain"), f"as of {p.as_of.isoformat()}"])
    ws.append([])
    ws.append([st.cell(ws, "Headline", "header"), st.cell(ws, "", "header")])
    ws.append(["Pilots", len(ctx.order)])
    total_investment = sum(pl.financials.scale_investment for pl in p.pilots)
    ws.append([safe_text(f"Scale investment asked ({p.currency})"), st.cell(ws, total_investment, "money")])
    col = COL
    ws.append(
        [
            safe_text(f"Total NPV ({p.currency})"),
            st.cell(ws, f"=SUM({sc}!{col['NPV']}{first}:{col['NPV']}{last})", "money"),
        ]
    )
    ws.append(["Average composite", st.cell(ws, f"=IFERROR(AVERAGE({sc}!G{first}:G{last}),0)", "score")])
    ws.append(
        [
            "Pilots passing every gate check",
            f"=COUNTIF({sc}!{col['Gates passed']}{first}:{col['Gates passed']}{last},gates_total)",
        ]
    )
    ws.append([])
    ws.append([st.cell(ws, "Decision", "header"), st.cell(ws, "Pilots", "header")])
    tally_first = 12
    d = col["Decision"]
    for label in DECISION_FILLS:
        ws.append([label, f'=COUNTIF({sc}!${d}${first}:${d}${last},"{label}")'])
    tally_last = tally_first + len(DECISION_FILLS) - 1
    ws.append([])
    ws.append([st.cell(ws, "Top of the ranking", "header"), st.cell(ws, "Composite", "header")])
    for k in range(1, 6):
        match = f"MATCH({k},{sc}!$A${first}:$A${last},0)"
        ws.append(
            [
                f'=IFERROR(INDEX({sc}!$C${first}:$C${last},{match}),"")',
                st.cell(ws, f'=IFERROR(INDEX({sc}!$G${first}:$G${last},{match}),"")', "score"),
            ]
        )
    chart = BarChart()
    chart.type = "bar"
    chart.title = "Decisions"
    chart.legend = None
    chart.y_axis.title = "Pilots"
    chart.add_data(
        Reference(ws, min_col=2, min_row=tally_first - 1, max_row=tally_last), titles_from_data=True
    )
    chart.set_categories(Reference(ws, min_col=1, min_row=tally_first, max_row=tally_last))
    chart.height, chart.width = 7, 14
    ws.add_chart(chart, "D4")


def write_method(ws: Any, st: Styles, ctx: Sheet) -> None:
    """How each number in the workbook is computed, in words, with this method's parameters."""
    m, w = ctx.method, ctx.weights
    t = w.thresholds
    d = m.derivations
    bands = ", ".join(
        f"ratio ≥ {b.min_ratio:g} → {b.score}" for b in sorted(d.benefit_bands, key=lambda b: b.min_ratio)
    )
    how_derived = {
        Derivation.BENEFIT: f"NPV divided by the scale investment, in bands ({bands}); "
        "no investment: a positive NPV earns the top band.",
        Derivation.SPONSOR_RECENCY: f"5 up to {d.sponsor_full_days} days since the sponsor's last "
        f"touchpoint, 0 from {d.sponsor_zero_days} days, linear in between; no sponsor or no touchpoint "
        "is 0.",
        Derivation.STAKEHOLDER_SUPPORT: "the influence-weighted stance of the people linked to the pilot; "
        "with nobody linked it is not assessed (blank) and its weight drops out of the dimension.",
    }
    derived = [
        ("plain", f"• {c.name}: {how_derived[c.derived]}") for c in m.criteria if c.derived is not None
    ]
    ratings = (
        "Every criterion is rated 0–5 against written anchors (see the intake template). A typed rating "
        "that is missing counts as 0."
    )
    if derived:
        ratings += " Derived ratings are computed, not typed, and written as values:"
    lines = [
        ("title", f"Method: {m.name} (version {m.version})"),
        ("plain", m.description),
        ("bold", "Ratings"),
        ("plain", ratings),
        *derived,
        ("bold", "Dimension scores (Scorecard columns Value, Readiness, Sponsorship)"),
        (
            "plain",
            "100 × Σ(weight × rating) ÷ (5 × Σ weight) over the assessed criteria of the dimension, with the "
            "criterion weights on the Weights sheet. Example: ratings 4 (weight 3) and 2 (weight 1) give "
            "100 × (12 + 2) ÷ (5 × 4) = 70.",
        ),
        ("bold", "Composite"),
        (
            "plain",
            "The three dimension scores weighted by the dimension weights on the Weights sheet "
            f"(now value {w.dimensions['value']:g}, readiness {w.dimensions['readiness']:g}, "
            f"sponsorship {w.dimensions['sponsorship']:g}).",
        ),
        ("bold", "Rank"),
        ("plain", "By composite, best first; equal composites are ordered by pilot name, then id."),
        ("bold", "Gates"),
        (
            "plain",
            f"{len(m.gates)} checks must all pass before production. A check passes when the pilot team "
            "ticked it and the data agree (for example a KPI with a baseline, a sponsor seen recently, a "
            "change budget large enough). The Gates sheet shows each result and why it failed.",
        ),
        ("bold", "Decision (first rule that matches wins)"),
        (
            "plain",
            f"1. stop: value below {t['stop_value']:g}, or more than {t['stale_months']:g} months in pilot "
            f"with value below {t['stale_value']:g}.",
        ),
        ("plain", f"2. pivot: value below {t['value']:g} — re-scope the case before investing in readiness."),
        (
            "plain",
            f"3. secure sponsor: value at least {t['value']:g} but sponsorship below {t['sponsorship']:g}.",
        ),
        (
            "plain",
            f"4. fix then scale: value at least {t['value']:g} but readiness below {t['readiness']:g} or a "
            "gate check fails.",
        ),
        ("plain", "5. scale: everything else."),
        (
            "plain",
            "A decision overridden by a person (with a written rationale) shows in the Decision column; the "
            "Computed decision column keeps what the rules say.",
        ),
        ("bold", "Editing this workbook"),
        (
            "plain",
            "Change the yellow cells on the Weights sheet, or a check on the Gates sheet, and the scores, "
            "ranks, decisions and the Summary recalculate. NPV, derived ratings and the 'Reason at export' "
            "column are values from the export and do not change.",
        ),
    ]
    print_setup(ws, None, [120], landscape=False)
    for style, text in lines:
        ws.append([st.text(ws, text, "wrap" if style == "plain" else style)])
