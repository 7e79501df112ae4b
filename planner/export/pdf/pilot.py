"""One page per pilot under decision: scores, gates, why it is stuck, remedies, money, people, dates.

The page is built from plain-string table cells and `text` spans wherever the main face can draw
the text (drawn directly, without parsing markup), which keeps a 300-page pack fast; text that needs
a fallback font or shaping still goes through a Paragraph.
"""

from __future__ import annotations

import contextlib
from typing import Any

from reportlab.lib.colors import Color, white
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, Flowable, PageBreak

from planner import formatting
from planner.export.pdf import charts
from planner.export.pdf.common import Ctx, LeftOut, data_table, pct, stacked_height
from planner.export.pdf.graphs import stakeholder_analysis
from planner.export.pdf.grid import Grid, GridSpec, GridStyle
from planner.export.pdf.text import Span
from planner.model import Pilot
from planner.triage.explain import explain, gate_remedy
from planner.triage.finance import evaluate, risk_adjusted_npv, success_probability
from planner.triage.labels import DECISION_LABELS

GATE_ROW = 11.5


class Callout(Flowable):
    """A paragraph on a tinted band with a coloured bar on its left (the decision box)."""

    def __init__(self, para: Flowable, bar: Color, band: Color, pad: float = 8) -> None:
        super().__init__()
        self.para, self.bar, self.band, self.pad = para, bar, band, pad
        self.spaceAfter = 6  # one flowable fewer per page than a Spacer after it

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        _, h = self.para.wrap(aw - 2 * self.pad - 4, ah)
        self.width, self.height = aw, h + 1.5 * self.pad
        return self.width, self.height

    def draw(self) -> None:
        c = self.canv
        c.setFillColor(self.band)
        c.rect(0, 0, self.width, self.height, stroke=0, fill=1)
        c.setFillColor(self.bar)
        c.rect(0, 0, 4, self.height, stroke=0, fill=1)
        self.para.drawOn(c, 4 + self.pad, 0.6 * self.pad)


class TwoColumns(Flowable):
    """Two stacks of flowables side by side, each wrapped once (no table nesting, no split)."""

    def __init__(self, left: list[Flowable], right: list[Flowable], widths: tuple[float, float], gap: float):
        super().__init__()
        self.columns = (left, right)
        self.widths = widths
        self.gap = gap
        self._sizes: list[list[float]] = [[], []]

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        heights = []
        for i, column in enumerate(self.columns):
            sizes = []
            for f in column:
                _, h = f.wrap(self.widths[i], ah)
                sizes.append(h + f.getSpaceBefore() + f.getSpaceAfter())
            self._sizes[i] = sizes
            heights.append(sum(sizes))
        self.height = max(heights)
        return sum(self.widths) + self.gap, self.height

    def draw(self) -> None:
        x = 0.0
        for i, column in enumerate(self.columns):
            y = self.height
            for f, h in zip(column, self._sizes[i], strict=True):
                y -= h
                f.drawOn(self.canv, x, y + f.getSpaceAfter())
            x += self.widths[i] + self.gap


def finance_rows(ctx: Ctx, pilot: Pilot) -> list[tuple[str, str]]:
    """(label, plain value) rows of a pilot's money, NPV and payback from planner.triage.finance."""
    f = pilot.financials
    rows = [
        ("Scale investment", ctx.money_plain(f.scale_investment)),
        ("Benefit a year at scale", ctx.money_plain(f.annual_benefit)),
        ("Run cost a year", ctx.money_plain(f.annual_run_cost)),
        ("Pilot spend to date", ctx.money_plain(f.pilot_spend)),
    ]
    fin = evaluate(f, ctx.portfolio.finance)
    readiness = ctx.scores.pilots[pilot.id].readiness
    rows += [
        ("NPV", ctx.money_plain(fin.npv)),
        ("Risk-adjusted NPV", ctx.money_plain(risk_adjusted_npv(fin, success_probability(readiness)))),
        ("Payback", "not within horizon" if fin.payback_months is None else f"{fin.payback_months} months"),
        ("ROI over horizon", pct(fin.roi)),
    ]
    share = f.change_budget / f.scale_investment if f.scale_investment > 0 else None
    rows.append(("Change budget", f"{ctx.money_plain(f.change_budget)} ({pct(share)})"))
    return rows


BLOCKED_SHOWN = 10  # blocking items named in a pilot's decision box; the rest are counted


def _kpi_spans(ctx: Ctx, pilot: Pilot) -> list[Span]:
    k = pilot.kpi
    where = ctx.where(pilot.id)
    if not k.name:
        return [Span("No KPI defined.")]
    unit = " ".join(ctx.kit.clean(k.unit).split())
    in_currency = k.unit.strip() == ctx.portfolio.currency

    def num(v: float | None) -> list[Span]:
        if v is None:
            return [Span("–")]
        if in_currency:
            return [Span(ctx.money(v))]
        text = formatting.number(v)
        return [Span(text), Span(f" {unit}", where=where, fld="kpi.unit")] if unit else [Span(text)]

    arrow = "higher is better" if k.higher_is_better else "lower is better"
    return [
        Span(k.name, bold=True, where=where, fld="kpi.name", limit=200),
        Span(f" ({arrow}): baseline "),
        *num(k.baseline),
        Span(", target "),
        *num(k.target),
        Span(", latest "),
        *num(k.latest),
    ]


def pilot_page(ctx: Ctx, pid: str, rollout: dict[str, str], above: float | None = None) -> list[Flowable]:
    """The page of one pilot; parts whose inputs are missing say so in place.

    The page starts a new page, unless `above` gives the height already used on the current one.
    """
    pilot = ctx.pilots[pid]
    sc = ctx.scores.pilots[pid]
    where = ctx.where(pid)
    out: list[Flowable] = [PageBreak()] if above is None else []
    out.append(ctx.heading(pilot.name, level=1, style="h1", where=where, fld="name"))
    unit = " ".join(ctx.kit.clean(pilot.business_unit).split())
    facts = [Span(f"Rank {sc.rank} of {len(ctx.scores.pilots)} · ")]
    if unit:
        facts.append(Span(unit, where=where, fld="business_unit", limit=80))
        facts.append(Span(" · "))
    facts.append(Span(f"stage {pilot.stage.value}"))
    if sc.months_in_pilot is not None:
        facts.append(Span(f" · {sc.months_in_pilot:.0f} months in pilot"))
    out.append(ctx.block(facts, "small"))
    box: list[Span] = [Span(f"Decision: {DECISION_LABELS[sc.decision]}", bold=True)]
    if sc.overridden:
        box.append(Span(f" (override; the method says {DECISION_LABELS[sc.computed_decision].lower()})"))
    box.append(Span(f"\n{sc.decision_reason}"))
    if pilot.override is not None:
        box += [
            Span("\nRationale: "),
            Span(pilot.override.rationale, where=where, fld="override.rationale", limit=500),
        ]
        if pilot.override.author:
            box += [Span(" — "), Span(pilot.override.author, where=where, fld="override.author")]
    if sc.blocked:
        # the list is cut so that the decision box always fits on the page, however many items block
        box.append(Span("\nBlocked until ready: "))
        for i, item in enumerate(sc.blocked_by[:BLOCKED_SHOWN]):
            box += [Span(", ")] if i else []
            box.append(_item_span(ctx, item))
        if len(sc.blocked_by) > BLOCKED_SHOWN:
            box.append(Span(f", and {len(sc.blocked_by) - BLOCKED_SHOWN} more"))
    out.append(Callout(ctx.block(box, "body"), ctx.decision_colour(sc.decision), ctx.style.band))
    if pilot.description:
        out.append(ctx.para(pilot.description, "body", where, "description", limit=400))

    t = ctx.weights.thresholds
    half = (ctx.width - 18) / 2
    bars = charts.ScoreBars(
        [
            ("Value", sc.value, t["value"], ctx.style.accent),
            ("Readiness", sc.readiness, t["readiness"], ctx.style.accent),
            ("Sponsorship", sc.sponsorship, t["sponsorship"], ctx.style.accent),
            ("Composite", sc.composite, None, ctx.style.text),
        ],
        half,
        ctx.kit.fonts.regular.name,
        ctx.kit.fonts.bold.name,
    )
    money_rows = finance_rows(ctx, pilot)
    npv_rows = [i for i, (k, _) in enumerate(money_rows) if k == "NPV"]
    money = data_table(
        ctx,
        None,
        [list(r) for r in money_rows],
        [half * 0.5, half * 0.5],
        numeric=(1,),
        row_height=14,
        bold_rows=npv_rows,
    )[0]
    left: list[Flowable] = [
        ctx.label("Scores by dimension"),
        bars,
        ctx.label("Bars 0–100; ticks mark the decision thresholds.", "small"),
        ctx.label("KPI"),
        ctx.block(_kpi_spans(ctx, pilot), "cell"),
    ]
    right: list[Flowable] = [ctx.label("Financials"), money]
    left += _people(ctx, pilot)
    if pid in rollout:
        right += [ctx.label("Rollout"), ctx.block([Span(rollout[pid])], "cell")]
    out.append(TwoColumns(left, right, (half, half), 18))

    exp = explain(ctx.prepared(), ctx.weights, pid)
    out += _gates(ctx, exp)
    out += _stuck(ctx, exp, ctx.height - (above or 0.0) - stacked_height(out, ctx.width))
    return out


def style_face_draws(ctx: Ctx, text: str) -> bool:
    """True when the main face draws every character (so a plain one-line cell is safe)."""
    return ctx.kit.fonts.regular.chars.issuperset(text)


def first_sentence(text: str, limit: int = 200) -> str:
    """The text up to its first full stop when that comes within `limit` characters, else cut there."""
    end = text.find(". ")
    if 0 < end < limit:
        return text[: end + 1]
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _item_span(ctx: Ctx, item: str) -> Span:
    if item in ctx.pilots:
        return ctx.pilot_span(item, 60)
    for e in ctx.portfolio.enablers:
        if e.id == item:
            return Span(e.name, where=f"enabler {item}", fld="name", limit=60)
    return Span(item)


def _gates(ctx: Ctx, exp: Any) -> list[Flowable]:
    """Failed checks one per line with the reason; passed checks two to a line."""
    gates = list(exp.gates)
    if not gates:
        return []
    passed = [g for g in gates if g.passed]
    failed = [g for g in gates if not g.passed]
    style = GridStyle(
        font=ctx.kit.fonts.regular.name,
        bold=ctx.kit.fonts.bold.name,
        size=7.5,
        text=ctx.style.text,
        header_bg=None,
        band=None,
        rule=white,
        padding=1.5,
    )
    out: list[Flowable] = [ctx.label(f"Production gate: {len(passed)} of {len(gates)} checks pass")]
    fits: list[list[Any]] = []
    for g in failed:
        fix = gate_remedy(exp, g.gate)
        why = (f"{g.reason} " if g.reason else "") + (f"→ {fix.name}" if fix else "→ no remedy in the method")
        full = f"{g.name} — {why}"
        if stringWidth(full, style.font, style.size) <= ctx.width - 16 and style_face_draws(ctx, full):
            fits.append(["✗", full])
        else:  # too long for one line: a wrapped paragraph keeps the whole reason
            reason = [Span(f" — {why}")]
            out.append(
                ctx.block(
                    [Span("✗", bold=True, colour=ctx.style.bad), Span("\u00a0\u00a0" + g.name), *reason],
                    "gate",
                )
            )
    if fits:
        spec = GridSpec(
            widths=[12.0, ctx.width - 12],
            row_height=GATE_ROW,
            style=style,
            bold_cols=frozenset({0}),
            cell_colours={(r, 0): ctx.style.bad for r in range(len(fits))},
        )
        out.insert(1, Grid(fits, spec))
    if passed:
        col = (ctx.width - 24) / 2
        pairs = [passed[i : i + 2] for i in range(0, len(passed), 2)]
        ok_rows = [
            [x for g in pair for x in ("✓", ctx.cell(g.name, col - 4, where="method", fld="gates", lines=2))]
            for pair in pairs
        ]
        ok_spec = GridSpec(
            widths=[12.0, col, 12.0, col],
            row_height=GATE_ROW,
            style=style,
            bold_cols=frozenset({0, 2}),
            cell_colours={(r, c): ctx.style.good for r in range(len(ok_rows)) for c in (0, 2)},
        )
        out.append(Grid(ok_rows, ok_spec))
    # CondPageBreak keeps the block together without laying it out twice (as KeepTogether would)
    need = 16 + len(failed) * 20 + ((len(passed) + 1) // 2) * GATE_ROW
    return [CondPageBreak(need), *out]


def _stuck(ctx: Ctx, exp: Any, room: float) -> list[Flowable]:
    """Why the pilot is stuck and its ranked remedies, cut to the `room` (points) left on the page.

    Up to three failure modes and three remedies; when they do not all fit, remedies go first down
    to one, then failure modes down to one, so the page stays one page on short (Letter) paper.
    """
    unremedied = exp.unremedied_gaps
    none_for: list[Span] = []
    if unremedied:  # plain text spans: a markup paragraph here cost a parse on most pilot pages
        which = "these large gaps" if len(unremedied) > 1 else "the large gap"
        none_for = [Span(f"The method has no remedy for {which}: ")]
        for i, c in enumerate(unremedied):
            none_for += [Span(", ")] if i else []
            none_for += [Span(c.name), Span(f" (rated {c.rating:.1f})")]
        none_for.append(Span("."))
    remedies: list[Flowable] = []
    if exp.remedies:
        widths = [ctx.width - 286, 96.0, 38.0, 62.0, 90.0]
        rows = [
            [
                ctx.cell(r.name, widths[0] - 8, lines=2),
                ctx.cell(r.owner_role or "–", widths[1] - 8, lines=2),
                str(r.weeks),
                f"+{r.uplift:.1f}",
                DECISION_LABELS[r.decision_after],
            ]
            for r in exp.remedies[:3]
        ]
        heads = ["Remedy (best expected uplift first)", "Owner", "Weeks", "Uplift (pts)", "Decision after"]
        gap_note = [ctx.block(none_for, "small")] if none_for else []
        for shown in range(len(rows), 0, -1):
            table = data_table(ctx, heads, rows[:shown], widths, numeric=(2, 3), row_height=13)
            remedies = [ctx.label("Remedies"), *gap_note, *table]
            if stacked_height(remedies, ctx.width) <= room - 60 * bool(exp.failure_modes):
                break
        remedies.insert(0, CondPageBreak(stacked_height(remedies, ctx.width)))
    elif none_for:
        remedies.append(ctx.block(none_for, "cell"))
    room -= stacked_height(remedies, ctx.width)
    out: list[Flowable] = []
    if exp.failure_modes:
        out += [CondPageBreak(70), ctx.label("Why it is stuck")]
        room -= stacked_height(out, ctx.width)
        for k, fm in enumerate(exp.failure_modes[:3]):
            item = [Span("•\u00a0"), Span(fm.name, bold=True), Span(f" — {first_sentence(fm.description)}")]
            bullet = ctx.block(item, "bullet")
            room -= stacked_height([bullet], ctx.width)
            if k and room < 0:
                break
            out.append(bullet)
    elif exp.largest_gaps:
        gaps = [Span("Largest gaps: ", bold=True)]
        for i, c in enumerate(exp.largest_gaps[:4]):
            gaps += [Span(", ")] if i else []
            gaps += [Span(c.name), Span(f" ({c.composite_gap:.1f} pts)")]
        out.append(ctx.block(gaps, "cell"))
    return out + remedies


def _people(ctx: Ctx, pilot: Pilot) -> list[Flowable]:
    text = [Span("Sponsor: ", bold=True), *ctx.person_spans(pilot.sponsor)]
    if pilot.sponsor and pilot.sponsor_last_touchpoint:
        days = (ctx.portfolio.as_of - pilot.sponsor_last_touchpoint).days
        text.append(Span(f" (last engaged {days} days ago)"))
    text += [Span("\nOwner: ", bold=True), *ctx.person_spans(pilot.owner)]
    if pilot.approvers:
        text.append(Span("\nApprovers: ", bold=True))
        for i, a in enumerate(pilot.approvers[:6]):
            text += [Span(", ")] if i else []
            text += ctx.person_spans(a)
    analysis = ctx.cache.get("stakeholders")
    coalition = analysis.coalitions.get(pilot.id) if analysis is not None else None
    if coalition is not None:
        if coalition.support is not None:
            text += [
                Span("\nCoalition support: ", bold=True),
                Span(f"{coalition.support:.0f} / 100 from {len(coalition.members)} people"),
            ]
        for route in coalition.resisters[:2]:
            text += [Span("\nResister: ", bold=True), *ctx.person_spans(route.resister), Span(" — ")]
            if route.through:
                text += [Span("reach through "), *ctx.person_spans(route.through)]
            else:
                text.append(Span("no supportive route"))
    return [ctx.label("Sponsor and coalition"), ctx.block(text, "cell")]


def pilots_section(ctx: Ctx, rollout: dict[str, str]) -> list[Flowable]:
    if not ctx.under_decision:
        raise LeftOut("no active pilot awaits a decision")
    with contextlib.suppress(LeftOut):
        stakeholder_analysis(ctx)
    out: list[Flowable] = [ctx.heading("Pilots under decision", key="pilots")]
    n = len(ctx.under_decision)
    intro = (
        f"{n} pilot{'s' if n != 1 else ''} follow, one page each, in the order of the decisions "
        "requested: scale, secure sponsor, fix then scale, pivot, stop."
    )
    if ctx.left_out_pilots:
        intro += (
            f" {ctx.left_out_pilots} further active pilots are left out because the pack is limited to "
            f"{n} pilot pages; they appear in the scorecard."
        )
    out.append(ctx.rich(intro, "body"))
    above: float | None = stacked_height(out, ctx.width)
    for pid in ctx.under_decision:
        out += pilot_page(ctx, pid, rollout, above)
        above = None
    return out
