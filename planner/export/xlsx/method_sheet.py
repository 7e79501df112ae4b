"""The Finance and Method sheets: per-pilot economics, and how every number is computed, in words."""

from __future__ import annotations

import math
from collections.abc import Callable

from planner.export.xlsx.book import Book, add_table, number_width, widest
from planner.export.xlsx.context import HEADER, Context
from planner.method import BenefitBand, Derivation

Tick = Callable[[], None]
FINANCE_HEADERS = (
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
)
UNBOUNDED = 1e6  # a band limit this far out is no limit: "below 0", never "from −1e+09"


def write_finance(book: Book, ctx: Context, tick: Tick) -> None:
    """Per-pilot economics at scale, with the settings they were computed under."""
    sheet = book.sheet("Finance")
    ws = sheet.ws
    f = ctx.portfolio.finance
    sheet.title("Finance at scale")
    sheet.text(
        1,
        0,
        f"Amounts in {ctx.portfolio.currency}; NPV at a discount rate of {f.discount_rate:.1%} over "
        f"{f.horizon_years} years, with a {f.ramp_months}-month ramp-up.",
        "note",
    )
    sheet.header(HEADER, FINANCE_HEADERS)
    money, pct, whole = book.fmt("money"), book.fmt("pct"), book.fmt("int")
    largest = 0.0
    pilots = [ctx.portfolio.pilots[i] for i in ctx.order]
    for offset, pilot in enumerate(pilots):
        row = HEADER + 1 + offset
        fin, pf = pilot.financials, ctx.finance[pilot.id]
        sheet.text(row, 0, pilot.id)
        sheet.text(row, 1, pilot.name, "wrap")
        amounts = (
            fin.scale_investment,
            fin.annual_benefit,
            fin.annual_run_cost,
            fin.pilot_spend,
            fin.change_budget,
        )
        for k, amount in enumerate(amounts):
            ws.write_number_rc(row, 2 + k, amount, money)
        if fin.scale_investment > 0:
            ws.write_number_rc(row, 7, fin.change_budget / fin.scale_investment, pct)
        ws.write_number_rc(row, 8, pf.npv, money)
        if pf.payback_months is not None and math.isfinite(pf.payback_months):
            ws.write_number_rc(row, 9, pf.payback_months, whole)
        if pf.roi is not None and math.isfinite(pf.roi):
            ws.write_number_rc(row, 10, pf.roi, pct)
        largest = max(largest, *map(abs, amounts), abs(pf.npv))
        tick()
    sheet.fit(0, widest(p.id for p in pilots))
    sheet.fit(1, widest(p.name for p in pilots))
    for k in range(2, 9):
        sheet.fit(k, number_width(largest) + 1)
    for k in (7, 9, 10):
        sheet.fit(k, 7)
    if pilots:
        add_table(sheet, "Finance", FINANCE_HEADERS, HEADER, HEADER + len(pilots))
    sheet.layout(repeat=HEADER, caps={1: 40}, freeze=(HEADER + 1, 2))


def band_words(bands: list[BenefitBand]) -> str:
    """The benefit bands as ranges in words, lowest first; a limit beyond `UNBOUNDED` is no limit."""
    ordered = sorted(bands, key=lambda b: b.min_ratio)
    parts = []
    if ordered and ordered[0].min_ratio > -UNBOUNDED:
        parts.append(f"below {ordered[0].min_ratio:g}: 0")
    for k, band in enumerate(ordered):
        upper = ordered[k + 1].min_ratio if k + 1 < len(ordered) else None
        low = None if band.min_ratio <= -UNBOUNDED else band.min_ratio
        if upper is None:
            span = "any ratio" if low is None else f"{low:g} or more"
        elif low is None:
            span = f"below {upper:g}"
        else:
            span = f"{low:g} to below {upper:g}"
        parts.append(f"{span}: {band.score}")
    return "; ".join(parts)


def method_lines(ctx: Context) -> list[tuple[str, str]]:
    """(topic, explanation) rows of the Method sheet, with this method's parameters."""
    m, w = ctx.method, ctx.weights
    t = w.thresholds
    n = ctx.dimension_names
    value, readiness, sponsorship = n["value"].lower(), n["readiness"].lower(), n["sponsorship"].lower()
    d = m.derivations
    bands = band_words(list(d.benefit_bands))
    how_derived = {
        Derivation.BENEFIT: f"NPV divided by the scale investment, in bands ({bands}). With no "
        "investment, a positive NPV earns the top band.",
        Derivation.SPONSOR_RECENCY: f"5 up to {d.sponsor_full_days} days since the sponsor's last "
        f"touchpoint, 0 from {d.sponsor_zero_days} days, linear in between; no sponsor or no touchpoint "
        "is 0.",
        Derivation.STAKEHOLDER_SUPPORT: "The influence-weighted stance of the people linked to the pilot; "
        "with nobody linked it is not assessed (blank) and its weight drops out of the dimension.",
    }
    derived = [
        (c.name, how_derived.get(c.derived) or m.combined_text(c))
        for c in m.criteria
        if c.derived is not None
    ]
    return [
        ("Method", f"{m.name} (version {m.version}). {m.description}".strip()),
        (
            "Ratings",
            "Every criterion is rated 0–5 against written anchors (see the intake template); a typed "
            "rating that is missing counts as 0. Derived ratings (grey on the Ratings sheet) are computed, "
            "not typed, and written as values.",
        ),
        *derived,
        (
            "Dimension scores",
            "100 × Σ(weight × rating) ÷ (5 × Σ weight) over the assessed criteria of the dimension, with the "
            "criterion weights on the Weights sheet. Example: ratings 4 (weight 3) and 2 (weight 1) give "
            "100 × (12 + 2) ÷ (5 × 4) = 70.",
        ),
        (
            "Composite",
            "The three dimension scores weighted by the dimension weights on the Weights sheet (now "
            f"{value} {w.dimensions['value']:g}, {readiness} {w.dimensions['readiness']:g}, {sponsorship} "
            f"{w.dimensions['sponsorship']:g}).",
        ),
        ("Rank", "By composite, best first; equal composites are ordered by pilot name, then id."),
        (
            "Gates",
            f"{len(m.gates)} checks must all pass before production. A check passes when the pilot team "
            "ticked it and the data agree (a KPI with a baseline, a sponsor seen recently, a change budget "
            "large enough…). The Gates sheet shows each result and why it failed.",
        ),
        ("Decision", "The first of these rules that matches wins."),
        (
            "1. Stop",
            f"{n['value']} below {t['stop_value']:g}, or more than {t['stale_months']:g} months in pilot "
            f"with {value} below {t['stale_value']:g}.",
        ),
        (
            "2. Pivot",
            f"{n['value']} below {t['value']:g}: re-scope the case before investing in {readiness}.",
        ),
        (
            "3. Secure sponsor",
            f"{n['value']} at least {t['value']:g} but {sponsorship} below {t['sponsorship']:g}.",
        ),
        (
            "4. Fix then scale",
            f"{n['value']} at least {t['value']:g} but {readiness} below {t['readiness']:g}, or a gate check "
            "fails.",
        ),
        ("5. Scale", "Everything else."),
        (
            "Overrides",
            "A decision overridden by a person (with a written rationale) shows in the Decision column; the "
            "Computed decision column keeps what the rules say.",
        ),
        (
            "Editing",
            "Change the yellow cells on the Weights sheet, a rating on the Ratings sheet or a check on the "
            "Gates sheet, and the scores, ranks, decisions, the Summary and the triage matrix recalculate. "
            "Sort any sheet as you like: every formula finds its pilot by id. NPV, derived ratings and the "
            "'Reason at export' column are values from the export.",
        ),
    ]


def write_method(book: Book, ctx: Context) -> None:
    """How each number in the workbook is computed: a topic and its explanation per row."""
    sheet = book.sheet("Method")
    sheet.title("How the numbers are computed")
    sheet.header(HEADER - 1, ("Topic", "Explanation"))
    for k, (topic, text) in enumerate(method_lines(ctx)):
        sheet.text(HEADER + k, 0, topic, "bold")
        sheet.text(HEADER + k, 1, text, "wrap")
        sheet.fit(0, len(topic) * 1.1)
    sheet.fit(1, 100)
    sheet.layout(repeat=HEADER - 1, caps={0: 28, 1: 100})
