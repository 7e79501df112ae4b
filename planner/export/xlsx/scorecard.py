"""The Scorecard sheet: one row per pilot, ranked, with live formulas and their results cached.

The dimension scores come from the pilot's row on the Ratings sheet and the gates passed from its row
on the Gates sheet, both found by pilot id; the composite, rank and decisions are formulas on the row
over the weights and thresholds (defined names on the Weights sheet). They follow the engine's rules
(`planner.triage.scoring`):

- composite = dimension scores weighted by the dimension weights;
- decision = first matching rule (stop, pivot, secure sponsor, fix then scale, scale), then the
  override if the pilot has one;
- rank = by composite rounded to 9 decimals, ties by pilot name then id (a fixed tie-break column).

Hidden helper columns feed the triage chart: a bubble size per pilot, and per decision the pilot's
readiness when it has that decision (``#N/A`` otherwise, which a chart skips), so the chart's colours
follow a weight edit too. Months in pilot, NPV and the reason are values from the export.
"""

from __future__ import annotations

from collections.abc import Callable

from xlsxwriter.worksheet import Worksheet

from planner.export.xlsx.book import Book, Sheet, add_table, number_width, unique_headers, widest
from planner.export.xlsx.context import FIRST, GATES, HEADER, RATINGS, SCORECARD, Context, col, quoted
from planner.export.xlsx.ratings import DIMENSION_COL, GATES_PASSED_COL
from planner.export.xlsx.style import DECISION_TINTS, DECISIONS, RED
from planner.method import DIMENSIONS
from planner.model import Decision
from planner.triage.labels import DECISION_LABELS

Tick = Callable[[], None]
FIXED = (
    "Rank",
    "Pilot ID",
    "Pilot",
    "Decision",
    "Computed decision",
    "Override",
    "Composite",
    "Value",
    "Readiness",
    "Sponsorship",
    "Gates passed",
    "Months in pilot",
    "Scale investment",
    "NPV",
    "Blocked by",
    "Reason at export",
    "Override rationale",
)
HELPERS = ("Rank key", "Tie-break", "Bubble size", *(f"Chart: {DECISION_LABELS[d]}" for d in DECISIONS))
HEADERS = (*FIXED, *HELPERS)
LABEL = {d: quoted(label) for d, label in DECISION_LABELS.items()}  # as string literals in formulas
ROW = "\x00"  # stands for the row number in a formula template
C = {name: k for k, name in enumerate(HEADERS)}  # 0-based column of each header
L = {name: col(k) for name, k in C.items()}  # its letter
LIVE = frozenset(
    {"Rank", "Decision", "Computed decision", "Composite", "Value", "Readiness", "Sponsorship"}
    | {"Gates passed", "Rank key", *HELPERS[3:]}
)


def bubble_sizes(investments: list[float]) -> list[float]:
    """Bubble sizes (area) from scale investments: at least 3 % of the largest, so every pilot shows."""
    largest = max(investments, default=0.0)
    floor = largest * 0.03 if largest > 0 else 1.0
    return [max(x, floor) for x in investments]


def formulas(ctx: Context) -> dict[str, str]:
    """Each live column's formula, with `ROW` where the row number goes."""
    v, rd, sp, mo, gp = (
        f"{L[n]}{ROW}" for n in ("Value", "Readiness", "Sponsorship", "Months in pilot", "Gates passed")
    )
    key, tie = L["Rank key"], L["Tie-break"]
    keys, ties = f"${key}${FIRST}:${key}${ctx.last}", f"${tie}${FIRST}:${tie}${ctx.last}"
    dw = "(dw_value+dw_readiness+dw_sponsorship)"
    override, computed = f"{L['Override']}{ROW}", f"{L['Computed decision']}{ROW}"
    out = {
        "Rank": f"=1+SUMPRODUCT(({keys}>{key}{ROW})+({keys}={key}{ROW})*({ties}<{tie}{ROW}))",
        "Decision": f'=IF({override}<>"",{override},{computed})',
        "Computed decision": f"=IF(OR({v}<th_stop_value,AND(ISNUMBER({mo}),{mo}>th_stale_months,"
        f"{v}<th_stale_value)),{LABEL[Decision.STOP]},IF({v}<th_value,{LABEL[Decision.PIVOT]},"
        f"IF({sp}<th_sponsorship,{LABEL[Decision.SECURE_SPONSOR]},"
        f"IF(OR({rd}<th_readiness,{gp}<gates_total),{LABEL[Decision.FIX_THEN_SCALE]},"
        f"{LABEL[Decision.SCALE]}))))",
        "Composite": f"=IF({dw}<=0,0,MAX(0,MIN(100,"
        f"({v}*dw_value+{rd}*dw_readiness+{sp}*dw_sponsorship)/{dw})))",
        "Gates passed": "=" + ctx.lookup(GATES, GATES_PASSED_COL, ROW),
        "Rank key": f"=ROUND({L['Composite']}{ROW},9)",
    }
    for dim, header in zip(DIMENSIONS, ("Value", "Readiness", "Sponsorship"), strict=True):
        out[header] = "=" + ctx.lookup(RATINGS, DIMENSION_COL[dim], ROW)
    for d in DECISIONS:
        label = DECISION_LABELS[d]
        out[f"Chart: {label}"] = f"=IF(${L['Decision']}{ROW}={quoted(label)},${L['Readiness']}{ROW},NA())"
    return out


def write_scorecard(book: Book, ctx: Context, tick: Tick) -> None:
    """The ranked Scorecard with live formulas; `tick()` is called after every row."""
    sheet = book.sheet(SCORECARD)
    ws = sheet.ws
    prepared, scores, portfolio = ctx.prepared, ctx.scores, ctx.portfolio
    sheet.title(f"Scorecard — {portfolio.name}")
    sheet.text(
        1,
        0,
        "Scores, ranks and decisions are live: edit a weight (Weights), a rating (Ratings) or a check "
        "(Gates) and they follow. Months, NPV and the reason are as exported.",
        "note",
    )
    headers = unique_headers(ctx.headers(HEADERS))
    sheet.header(HEADER, headers)
    parts = {name: formula.split(ROW) for name, formula in formulas(ctx).items()}
    sizes = bubble_sizes([portfolio.pilots[i].financials.scale_investment for i in ctx.order])
    score, count, money = book.fmt("score"), book.fmt("count"), book.fmt("money")
    plain, helper = book.fmt("plain"), book.fmt("helper")
    write_formula, write_number, text = ws.write_formula_plain, ws.write_number_rc, sheet.text
    charts = [
        (d, C[f"Chart: {DECISION_LABELS[d]}"], parts[f"Chart: {DECISION_LABELS[d]}"]) for d in DECISIONS
    ]
    largest_money = 0.0
    for offset, i in enumerate(ctx.order):
        row = HEADER + 1 + offset
        r = str(row + 1)
        pid = prepared.pilot_ids[i]
        pilot = portfolio.pilots[i]
        ps = scores.pilots[pid]
        write_formula(row, C["Rank"], r.join(parts["Rank"]), count, ps.rank)
        text(row, C["Pilot ID"], pid)
        text(row, C["Pilot"], pilot.name, "wrap")
        write_formula(row, C["Decision"], r.join(parts["Decision"]), plain, DECISION_LABELS[ps.decision])
        computed = DECISION_LABELS[ps.computed_decision]
        write_formula(row, C["Computed decision"], r.join(parts["Computed decision"]), plain, computed)
        if pilot.override is not None:
            ws.write_string(row, C["Override"], DECISION_LABELS[pilot.override.decision], plain)
            text(row, C["Override rationale"], pilot.override.rationale, "wrap")
        write_formula(row, C["Composite"], r.join(parts["Composite"]), score, ps.composite)
        write_formula(row, C["Value"], r.join(parts["Value"]), score, ps.value)
        write_formula(row, C["Readiness"], r.join(parts["Readiness"]), score, ps.readiness)
        write_formula(row, C["Sponsorship"], r.join(parts["Sponsorship"]), score, ps.sponsorship)
        write_formula(row, C["Gates passed"], r.join(parts["Gates passed"]), count, ps.gates_passed)
        if ps.months_in_pilot is not None:
            write_number(row, C["Months in pilot"], ps.months_in_pilot, score)
        investment, npv = pilot.financials.scale_investment, ctx.finance[pid].npv
        write_number(row, C["Scale investment"], investment, money)
        write_number(row, C["NPV"], npv, money)
        largest_money = max(largest_money, abs(investment), abs(npv))
        if ps.blocked_by:
            text(row, C["Blocked by"], ", ".join(ps.blocked_by), "wrap")
        text(row, C["Reason at export"], ps.decision_reason, "wrap")
        write_formula(row, C["Rank key"], r.join(parts["Rank key"]), helper, round(ps.composite, 9))
        write_number(row, C["Tie-break"], int(prepared.tiebreak[i]), helper)
        write_number(row, C["Bubble size"], sizes[offset], helper)
        for d, column, chart in charts:
            write_formula(row, column, r.join(chart), helper, ps.readiness if ps.decision is d else "#N/A")
        tick()
    _widths(sheet, ctx, largest_money)
    last = HEADER + len(ctx.order)
    if ctx.order:
        add_table(sheet, "Scorecard", headers, HEADER, last)
        _conditional_formats(book, ws, last)
    sheet.layout(
        repeat=HEADER,
        caps={C["Pilot"]: 34, C["Blocked by"]: 18, C["Reason at export"]: 46, C["Override rationale"]: 30},
        freeze=(HEADER + 1, C["Pilot"] + 1),
        hidden=range(C["Rank key"], len(HEADERS)),
    )
    ws.print_area(0, 0, max(last, HEADER + 1), len(FIXED) - 1)  # the hidden helpers stay off the page


def _widths(sheet: Sheet, ctx: Context, largest_money: float) -> None:
    portfolio, scores = ctx.portfolio, ctx.scores
    pilots = [portfolio.pilots[i] for i in ctx.order]
    ids = [p.id for p in pilots]
    sheet.fit(C["Rank"], len(str(len(ids))))
    sheet.fit(C["Pilot ID"], widest(ids))
    sheet.fit(C["Pilot"], widest(p.name for p in pilots))
    decisions = widest(DECISION_LABELS.values())
    for name in ("Decision", "Computed decision", "Override"):
        sheet.fit(C[name], decisions)
    for name in ("Composite", "Value", "Readiness", "Sponsorship", "Months in pilot"):
        sheet.fit(C[name], 5)
    sheet.fit(C["Gates passed"], 3)
    money = number_width(largest_money) + 1
    sheet.fit(C["Scale investment"], money)
    sheet.fit(C["NPV"], money)
    sheet.fit(C["Blocked by"], widest(", ".join(scores.pilots[p].blocked_by) for p in ids))
    sheet.fit(C["Reason at export"], 60)
    sheet.fit(C["Override rationale"], widest(p.override.rationale for p in pilots if p.override))


def _conditional_formats(book: Book, ws: Worksheet, last: int) -> None:
    first = HEADER + 1
    ws.conditional_format(
        first,
        C["Composite"],
        last,
        C["Sponsorship"],
        {
            "type": "3_color_scale",
            "min_type": "num",
            "min_value": 0,
            "min_color": "#F8696B",
            "mid_type": "num",
            "mid_value": 50,
            "mid_color": "#FFEB84",
            "max_type": "num",
            "max_value": 100,
            "max_color": "#63BE7B",
        },
    )
    for label, colour in DECISION_TINTS.items():
        ws.conditional_format(
            first,
            C["Decision"],
            last,
            C["Override"],
            {"type": "cell", "criteria": "==", "value": quoted(label), "format": book.cf(colour)},
        )
    ws.conditional_format(
        first,
        C["Gates passed"],
        last,
        C["Gates passed"],
        {"type": "cell", "criteria": "<", "value": "gates_total", "format": book.cf(RED)},
    )
