"""The Ratings and Gates sheets: what the Scorecard's live numbers are computed from.

Ratings holds each pilot's 0–5 rating per criterion under a weight row (looked up on the Weights
sheet by criterion id) and computes the three dimension scores on the same row, as the engine does
(`planner.triage.scoring`): ``100·Σ(w·r) / (5·Σw)`` over the assessed criteria, an unassessed derived
rating being a blank cell that ``ISNUMBER`` masks out of the denominator; 0 when no weight remains;
clipped to 0–100. Gates holds each check as "pass" or "fail" and counts the passes on the row.
Derived ratings (grey) are values from the export.
"""

from __future__ import annotations

from collections.abc import Callable

from planner.export.xlsx.book import Book, add_table, unique_headers, widest
from planner.export.xlsx.context import GATES, HEADER, RATINGS, Context, col
from planner.export.xlsx.style import GREEN, RED
from planner.method import DIMENSIONS

RATING_FIXED = ("Pilot ID", "Pilot", "Value", "Readiness", "Sponsorship")
DIMENSION_COL = {dim: 2 + k for k, dim in enumerate(DIMENSIONS)}  # 0-based columns on Ratings
GATES_PASSED_COL = 2  # 0-based column of "Passed" on Gates
Tick = Callable[[], None]


def _dimension_formula(r: int, first: str, last: str) -> str:
    weights, ratings = f"{first}$2:{last}$2", f"{first}{r}:{last}{r}"
    den = f"SUMPRODUCT({weights}*ISNUMBER({ratings}))"
    return f"=IF({den}=0,0,MAX(0,MIN(100,100*SUMPRODUCT({weights},{ratings})/(5*{den}))))"


def write_ratings(book: Book, ctx: Context, weight_lookups: dict[str, str], tick: Tick) -> None:
    """The Ratings sheet; `weight_lookups` maps a criterion id to its weight's look-up formula."""
    sheet = book.sheet(RATINGS)
    ws = sheet.ws
    method, prepared, scores = ctx.method, ctx.prepared, ctx.scores
    crit = [method.criteria[j] for j in ctx.criteria]
    first_crit = len(RATING_FIXED)
    weights = ctx.weights.criteria
    sheet.title("Ratings and dimension scores")
    sheet.label(1, first_crit - 1, "Weight →", "bold")
    sheet.label(2, first_crit - 1, "Dimension →", "bold")
    spans: dict[str, tuple[int, int]] = {}
    for k, c in enumerate(crit):
        column = first_crit + k
        sheet.formula(1, column, "=" + weight_lookups[c.id], weights.get(c.id, c.weight), "plain")
        low, high = spans.get(c.dimension, (column, column))
        spans[c.dimension] = (min(low, column), max(high, column))
    names = {d.id: d.name for d in method.dimensions}
    for dim, (low, high) in spans.items():
        if high > low:
            ws.merge_range(2, low, 2, high, names[dim], book.fmt("band"))
        else:
            sheet.text(2, low, names[dim], "band")
    headers = unique_headers(
        [*ctx.headers(RATING_FIXED), *(c.name + (" (derived)" if c.derived else "") for c in crit)]
    )
    sheet.header(HEADER, headers)
    letters = {dim: (col(low), col(high)) for dim, (low, high) in spans.items()}
    typed = [k for k, c in enumerate(crit) if c.derived is None]
    columns = list(ctx.criteria)
    score_fmt, typed_fmt, derived_fmt = book.fmt("score"), book.fmt("int"), book.fmt("derived")
    write_number, write_formula = ws.write_number_rc, ws.write_formula_plain
    formats = [derived_fmt if c.derived is not None else typed_fmt for c in crit]
    pilots = [ctx.portfolio.pilots[i] for i in ctx.order]
    for offset, i in enumerate(ctx.order):
        row = HEADER + 1 + offset
        pid = prepared.pilot_ids[i]
        ps = scores.pilots[pid]
        sheet.text(row, 0, pid)
        sheet.text(row, 1, pilots[offset].name, "wrap")
        for dim, value in zip(DIMENSIONS, (ps.value, ps.readiness, ps.sponsorship), strict=True):
            left, right = letters[dim]
            write_formula(row, DIMENSION_COL[dim], _dimension_formula(row + 1, left, right), score_fmt, value)
        ratings, assessed = prepared.ratings[i], prepared.assessed[i]
        for k, j in enumerate(columns):
            if assessed[j]:
                write_number(row, first_crit + k, float(ratings[j]), formats[k])
        tick()
    sheet.fit(0, widest(p.id for p in pilots))
    sheet.fit(1, widest(p.name for p in pilots))
    for k in range(len(DIMENSIONS)):
        sheet.fit(2 + k, 5)
    for k in range(len(crit)):
        sheet.fit(first_crit + k, 3)
    last = HEADER + len(ctx.order)
    if ctx.order:
        add_table(sheet, "Ratings", headers, HEADER, last)
        for low, high in _runs(typed):
            ws.data_validation(
                HEADER + 1,
                first_crit + low,
                last,
                first_crit + high,
                {
                    "validate": "integer",
                    "criteria": "between",
                    "minimum": 0,
                    "maximum": 5,
                    "error_title": "Not a rating",
                    "error_message": "A rating is a whole number from 0 to 5.",
                },
            )
    sheet.layout(repeat=HEADER, caps={1: 40}, freeze=(HEADER + 1, 2))


def _runs(indices: list[int]) -> list[tuple[int, int]]:
    """Consecutive runs in sorted `indices` as (first, last) pairs."""
    runs: list[tuple[int, int]] = []
    for k in indices:
        if runs and runs[-1][1] == k - 1:
            runs[-1] = (runs[-1][0], k)
        else:
            runs.append((k, k))
    return runs


def write_gates(book: Book, ctx: Context, tick: Tick) -> None:
    """Pilot × gate check matrix of "pass"/"fail" with the passes counted on the row; editable."""
    sheet = book.sheet(GATES)
    ws = sheet.ws
    method, prepared = ctx.method, ctx.prepared
    gates = len(method.gates)
    first_gate = GATES_PASSED_COL + 1
    headers = unique_headers(
        ["Pilot ID", "Pilot", "Passed", *(g.name for g in method.gates), "Why checks fail"]
    )
    sheet.title("Production gate: the checks before production")
    sheet.text(
        1,
        0,
        "Each check is 'pass' or 'fail'; change one and the Scorecard's gates and decision follow.",
        "note",
    )
    sheet.header(HEADER, headers)
    span = f"{col(first_gate)}{{r}}:{col(first_gate + gates - 1)}{{r}}"
    int_fmt, plain = book.fmt("count"), book.fmt("plain")
    reasons_width = 0.0
    for offset, i in enumerate(ctx.order):
        row = HEADER + 1 + offset
        results = prepared.gates[i]
        sheet.text(row, 0, prepared.pilot_ids[i])
        sheet.text(row, 1, ctx.portfolio.pilots[i].name, "wrap")
        ws.write_formula_plain(
            row,
            GATES_PASSED_COL,
            f'=COUNTIF({span.format(r=row + 1)},"pass")',
            int_fmt,
            int(prepared.gates_passed[i]),
        )
        for k, g in enumerate(results):
            ws.write_string_rc(row, first_gate + k, "pass" if g.passed else "fail", plain)
        reasons = "; ".join(f"{g.name}: {g.reason}" for g in results if not g.passed)
        sheet.text(row, first_gate + gates, reasons, "wrap")
        reasons_width = max(reasons_width, len(reasons))
        tick()
    sheet.fit(0, max((len(p) for p in prepared.pilot_ids), default=0))
    sheet.fit(1, min(widest([p.name for p in ctx.portfolio.pilots]), 40))
    sheet.fit(GATES_PASSED_COL, 3)
    for k in range(gates):
        sheet.fit(first_gate + k, 4)
    sheet.fit(first_gate + gates, reasons_width)
    last = HEADER + len(ctx.order)
    if ctx.order:
        add_table(sheet, "Gates", headers, HEADER, last)
        area = (HEADER + 1, first_gate, last, first_gate + gates - 1)
        for word, colour in (("pass", GREEN), ("fail", RED)):
            ws.conditional_format(
                *area, {"type": "cell", "criteria": "==", "value": f'"{word}"', "format": book.cf(colour)}
            )
        ws.conditional_format(
            HEADER + 1,
            GATES_PASSED_COL,
            last,
            GATES_PASSED_COL,
            {"type": "cell", "criteria": "<", "value": "gates_total", "format": book.cf(RED)},
        )
        ws.data_validation(*area, {"validate": "list", "source": ["pass", "fail"]})
    sheet.layout(repeat=HEADER, caps={1: 40, first_gate + gates: 70}, freeze=(HEADER + 1, 2))
