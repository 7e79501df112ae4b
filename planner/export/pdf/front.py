"""Pack sections about the whole portfolio: cover, summary, triage matrix, scorecard, method appendix."""

from __future__ import annotations

from datetime import date

from reportlab.lib.colors import HexColor, white
from reportlab.lib.utils import ImageReader
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Paragraph, Spacer, Table

from planner.export.pdf import charts
from planner.export.pdf.common import (
    DECISION_ORDER,
    Ctx,
    LeftOut,
    data_table,
    kpi_tiles,
    names_list,
    table_style,
)
from planner.export.pdf.doc import MARGIN, CoverMark
from planner.export.pdf.text import shaped
from planner.model import Decision, Stage
from planner.triage.labels import DECISION_LABELS, QUADRANTS

ACTIVE = (Stage.IDEA, Stage.POC, Stage.PILOT, Stage.SCALING)


class CoverArt(Flowable):
    """The cover page, drawn in page coordinates: accent block, title, organisation, date, logo."""

    def __init__(
        self, ctx: Ctx, title: str, subtitle: str, org: str, when: str, logo: str | None, marking: str
    ) -> None:
        super().__init__()
        self.ctx, self.title, self.subtitle, self.org, self.when = ctx, title, subtitle, org, when
        self.logo, self.marking = logo, marking

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        return aw, ah - 1

    def draw(self) -> None:
        c = self.canv
        ctx = self.ctx
        pw, ph = c._pagesize
        c.saveState()
        c.translate(-self._frame_x(), -self._frame_y())
        block = ph * 0.42
        c.setFillColor(ctx.style.accent)
        c.rect(0, ph - block, pw, block, stroke=0, fill=1)
        c.setFillColor(HexColor("#FFFFFF"))
        c.setFont(ctx.kit.fonts.regular.name, 10)
        c.drawString(MARGIN, ph - 60, "STEERING COMMITTEE PACK")
        width = pw - 2 * MARGIN
        title = Paragraph(
            ctx.kit.markup(self.title, "portfolio", "name", 160),
            shaped(ctx.kit, ctx.ps["title"], self.title).clone("cover_t", textColor=white),
        )
        title.wrap(width, block)
        title.drawOn(c, MARGIN, ph - block + 60)
        sub = Paragraph(self.subtitle, ctx.ps["subtitle"].clone("cover_s", textColor=white))
        sub.wrap(width, 40)
        sub.drawOn(c, MARGIN, ph - block + 30)
        y = ph - block - 60
        if self.org:
            org = Paragraph(
                ctx.kit.markup(self.org, "options", "organisation", 200),
                shaped(ctx.kit, ctx.ps["h2"], self.org).clone("cover_o", fontSize=18, leading=23),
            )
            _, oh = org.wrap(width, 80)
            org.drawOn(c, MARGIN, y - oh)
            y -= oh + 12
        when = Paragraph(self.when, ctx.ps["subtitle"].clone("cover_w", textColor=ctx.style.muted))
        _, wh = when.wrap(width, 40)
        when.drawOn(c, MARGIN, y - wh)
        if self.logo:
            img = ImageReader(self.logo)
            iw, ih = img.getSize()
            scale = min(150 / iw, 70 / ih)
            c.drawImage(img, pw - MARGIN - iw * scale, MARGIN + 30, iw * scale, ih * scale, mask="auto")
        if self.marking:
            c.setFillColor(ctx.style.bad)
            c.setFont(ctx.kit.fonts.bold.name, 12)
            c.drawString(
                MARGIN, MARGIN + 40, charts.fit_text(self.marking, ctx.kit.fonts.bold.name, 12, width / 2)
            )
        c.restoreState()

    def _frame_x(self) -> float:
        return float(self.canv.absolutePosition(0, 0)[0])

    def _frame_y(self) -> float:
        return float(self.canv.absolutePosition(0, 0)[1])


def cover(ctx: Ctx, org: str, logo: str | None, marking: str, committee: date) -> list[Flowable]:
    p = ctx.portfolio
    n = len(p.pilots)
    subtitle = f"Portfolio triage of {n} pilot{'s' if n != 1 else ''} · data as of {p.as_of.isoformat()}"
    when = f"Committee date: {committee.strftime('%d %B %Y')}"
    return [
        CoverMark(ctx.decor),
        CoverArt(ctx, p.name, subtitle, org, when, logo, ctx.kit.plain(marking, "options", "marking")),
    ]


def _finance(ctx: Ctx) -> dict[str, tuple[float, float]]:
    """(NPV, risk-adjusted NPV) per pilot, from planner.triage.finance; LeftOut when it is unavailable."""
    if "finance" not in ctx.cache:
        try:
            from planner.triage.finance import evaluate, risk_adjusted_npv, success_probability
        except ImportError:
            raise LeftOut("the finance engine is not part of this build") from None
        out: dict[str, tuple[float, float]] = {}
        for pilot in ctx.portfolio.pilots:
            fin = evaluate(pilot.financials, ctx.portfolio.finance)
            score = ctx.scores.pilots.get(pilot.id)
            prob = success_probability(score.readiness) if score else 0.2
            out[pilot.id] = (fin.npv, risk_adjusted_npv(fin, prob))
        ctx.cache["finance"] = out
    result: dict[str, tuple[float, float]] = ctx.cache["finance"]
    return result


def active_by_decision(ctx: Ctx) -> dict[Decision, list[str]]:
    """Active pilots (idea to scaling: the ones a committee decides on) by decision, best rank first."""
    by: dict[Decision, list[str]] = {d: [] for d in DECISION_ORDER}
    for pid in ctx.scores.ranking:
        pilot = ctx.pilots.get(pid)
        if pilot is not None and pilot.stage in ACTIVE:
            by[ctx.scores.pilots[pid].decision].append(pid)
    return by


def decisions_requested(ctx: Ctx) -> list[str]:
    """The numbered asks of the committee, as markup, most consequential first."""
    by = active_by_decision(ctx)
    fin = ctx.cache.get("finance", {})
    asks: list[str] = []
    if by[Decision.SCALE]:
        inv = sum(ctx.pilots[i].financials.scale_investment for i in by[Decision.SCALE])
        npv = sum(fin[i][0] for i in by[Decision.SCALE]) if fin else None
        value = f", expected NPV {ctx.money(npv)}" if npv is not None else ""
        asks.append(
            f"<b>Approve scale-up</b> of {len(by[Decision.SCALE])}: {names_list(ctx, by[Decision.SCALE])} "
            f"(investment {ctx.money(inv)}{value})."
        )
    if by[Decision.SECURE_SPONSOR]:
        asks.append(
            f"<b>Name or re-engage a sponsor</b> for {len(by[Decision.SECURE_SPONSOR])}: "
            f"{names_list(ctx, by[Decision.SECURE_SPONSOR])}."
        )
    if by[Decision.FIX_THEN_SCALE]:
        asks.append(
            f"<b>Fund the fixes</b> that stand between {len(by[Decision.FIX_THEN_SCALE])} pilots and "
            f"production: {names_list(ctx, by[Decision.FIX_THEN_SCALE])}."
        )
    if by[Decision.PIVOT]:
        asks.append(
            f"<b>Re-scope</b> {len(by[Decision.PIVOT])} with a weak business case: "
            f"{names_list(ctx, by[Decision.PIVOT])}."
        )
    if by[Decision.STOP]:
        spend = sum(ctx.pilots[i].financials.pilot_spend for i in by[Decision.STOP])
        asks.append(
            f"<b>Stop</b> {len(by[Decision.STOP])}: {names_list(ctx, by[Decision.STOP])} "
            f"(pilot spend to date {ctx.money(spend)})."
        )
    overridden = [pid for pid in ctx.scores.ranking if ctx.scores.pilots[pid].overridden]
    if overridden:
        asks.append(
            f"<b>Confirm {len(overridden)} override{'s' if len(overridden) > 1 else ''}</b> of the "
            f"method's decision: {names_list(ctx, overridden)}."
        )
    return asks


def summary(ctx: Ctx, risks: list[str]) -> list[Flowable]:
    s = ctx.scores
    if not ctx.portfolio.pilots:
        raise LeftOut("the portfolio has no pilots to triage")
    try:
        fin = _finance(ctx)
    except LeftOut:
        fin = {}
    out: list[Flowable] = [ctx.heading("Executive summary")]
    scale = active_by_decision(ctx)[Decision.SCALE]
    inv = sum(ctx.pilots[i].financials.scale_investment for i in scale)
    npv = sum(fin[i][0] for i in scale) if fin else None
    ra = sum(fin[i][1] for i in scale) if fin else None
    tiles = [
        (str(len(s.pilots)), "pilots triaged"),
        (str(len(scale)), "asked to scale now"),
        (ctx.money(inv), "investment asked"),
        (ctx.money(npv), f"NPV unlocked (risk-adjusted {ctx.money(ra)})"),
    ]
    out += [kpi_tiles(ctx, tiles), Spacer(1, 12)]
    parts = [
        (f"{DECISION_LABELS[d]} {s.tally.get(d, 0)}", float(s.tally.get(d, 0)), ctx.decision_colour(d))
        for d in DECISION_ORDER
    ]
    out.append(
        ctx.rich(
            f"<b>Decisions across the portfolio</b> (all {len(s.pilots)} pilots, those already in production "
            "included; the asks below concern the others)",
            "h3",
        )
    )
    out.append(charts.stacked_bar(parts, ctx.width, ctx.kit.fonts.bold.name))
    out.append(charts.legend([(f"{lbl}", c) for lbl, _, c in parts], ctx.width, ctx.kit.fonts.regular.name))
    out.append(Spacer(1, 8))
    asks = decisions_requested(ctx)
    out.append(ctx.rich("Decisions requested of the committee", "h2"))
    if asks:
        for i, ask in enumerate(asks, start=1):
            out.append(
                ctx.rich(
                    f"{i}.&nbsp;&nbsp;{ask}", ctx.ps["body"].clone("ask", leftIndent=14, firstLineIndent=-14)
                )
            )
    else:
        out.append(ctx.rich("No active pilot needs a decision from this committee.", "body"))
    out.append(ctx.rich("Top risks", "h2"))
    if risks:
        for risk in risks[:5]:
            out.append(
                ctx.rich(
                    f"•&nbsp;&nbsp;{risk}", ctx.ps["body"].clone("risk", leftIndent=12, firstLineIndent=-9)
                )
            )
    else:
        out.append(ctx.rich("No risk stands out in the data given.", "body"))
    return out


def triage(ctx: Ctx) -> list[Flowable]:
    s = ctx.scores
    if not s.pilots:
        raise LeftOut("the portfolio has no scored pilots")
    t = ctx.weights.thresholds
    names = len(s.pilots) <= 15
    bubbles = []
    for pid in s.ranking:
        sc, pilot = s.pilots[pid], ctx.pilots[pid]
        label = ctx.kit.plain(pilot.name, ctx.where(pid), "name", 28)
        bubbles.append(
            charts.Bubble(
                str(sc.rank),
                label,
                sc.value,
                sc.readiness,
                pilot.financials.scale_investment,
                ctx.decision_colour(sc.decision),
                ctx.kit.label_font(label),
            )
        )
    size = min(ctx.width, ctx.height - 170)
    drawing, unplaced = charts.triage_matrix(
        bubbles,
        t["value"],
        t["readiness"],
        QUADRANTS,
        ctx.width,
        size,
        ctx.kit.fonts.regular.name,
        ctx.kit.fonts.bold.name,
        names,
    )
    out: list[Flowable] = [ctx.heading("Triage matrix"), drawing, Spacer(1, 4)]
    out.append(
        charts.legend(
            [(DECISION_LABELS[d], ctx.decision_colour(d)) for d in DECISION_ORDER],
            ctx.width,
            ctx.kit.fonts.regular.name,
        )
    )
    note = (
        f"Each bubble is a pilot, labelled with its rank in the scorecard; its area is proportional to the "
        f"scale investment and its colour is the decision. Dashed lines: value threshold {t['value']:g} "
        f"(across), readiness threshold {t['readiness']:g} (up)."
    )
    if unplaced:
        note += f" No room to label ranks {', '.join(unplaced[:30])}{' …' if len(unplaced) > 30 else ''}."
    out.append(ctx.rich(note, "small"))
    return out


def scorecard(ctx: Ctx) -> list[Flowable]:
    s = ctx.scores
    if not s.pilots:
        raise LeftOut("the portfolio has no scored pilots")
    widths = [22.0, 0.0, 82.0, 34.0, 48.0, 42.0, 50.0, 34.0, 12.0, 70.0]
    widths[1] = ctx.width - sum(widths)
    heads = ["#", "Pilot", "Unit", "Value", "Readiness", "Sponsor", "Composite", "Gates", "", "Decision"]
    rows = []
    colours = []
    for pid in s.ranking:
        sc = s.pilots[pid]
        pilot = ctx.pilots[pid]
        flag = (" *" if sc.overridden else "") + (" †" if sc.blocked else "")
        rows.append(
            [
                str(sc.rank),
                ctx.cell(pilot.name, widths[1] - 8, where=ctx.where(pid), fld="name", lines=2),
                ctx.cell(
                    pilot.business_unit, widths[2] - 8, where=ctx.where(pid), fld="business_unit", lines=2
                ),
                f"{sc.value:.0f}",
                f"{sc.readiness:.0f}",
                f"{sc.sponsorship:.0f}",
                f"{sc.composite:.1f}",
                f"{sc.gates_passed}/{sc.gates_total}",
                "●",
                DECISION_LABELS[sc.decision] + flag,
            ]
        )
        colours.append(ctx.decision_colour(sc.decision))

    out: list[Flowable] = [ctx.heading("Ranked scorecard")]
    dims = ", ".join(f"{d.name.lower()} {ctx.weights.dimensions[d.id]:g}" for d in ctx.method.dimensions)
    out.append(
        ctx.rich(
            f"Pilots ranked by composite score (0–100: the dimension scores weighted {dims}). Sponsor is the "
            "sponsorship score. * decision overridden (rationale on the pilot's page); † blocked by a "
            "dependency that is not production-ready.",
            "small",
        )
    )
    dots = {(i, 8): colour for i, colour in enumerate(colours)}
    out += data_table(
        ctx, heads, rows, widths, numeric=(0, 3, 4, 5, 6, 7), row_height=14, colours=dots, bold_cols=(6,)
    )
    return out


def method_appendix(ctx: Ctx) -> list[Flowable]:
    m, w = ctx.method, ctx.weights
    out: list[Flowable] = [ctx.heading("Appendix: the method")]
    out.append(ctx.para(f"{m.name} (version {m.version}). {m.description}", "body", "method", "description"))
    out.append(
        ctx.rich(
            "<b>How the numbers are made.</b> Each criterion is rated 0–5 against the anchors below. "
            "A dimension score is 100 × Σ(weight × rating) ÷ (5 × Σ weight) over its criteria; the "
            "composite is the dimension scores weighted by the dimension weights. NPV discounts monthly "
            "cash flows over "
            f"{ctx.portfolio.finance.horizon_years} years at {ctx.portfolio.finance.discount_rate * 100:g} % "
            f"a year with a {ctx.portfolio.finance.ramp_months}-month ramp; the risk-adjusted NPV weights "
            "the operating value by a success probability of 0.2 + 0.75 × readiness ÷ 100.",
            "body",
        )
    )
    out.append(ctx.rich("Dimensions and criteria", "h2"))
    dims = ", ".join(f"{ctx.m(d.name)} {w.dimensions[d.id]:g}" for d in m.dimensions)
    out.append(ctx.rich(f"Dimension weights: {dims}.", "body"))
    widths = [112.0, 40.0, 0.0, 0.0, 0.0, 0.0]
    rest = (ctx.width - 152) / 4
    widths[2:] = [rest] * 4
    rows = []
    for c in m.criteria:
        derived = f" <i>(derived: {c.derived.value.replace('_', ' ')})</i>" if c.derived else ""
        rows.append(
            [
                ctx.rich(f"<b>{ctx.m(c.name)}</b><br/>{ctx.m(c.dimension)}{derived}", "cell"),
                f"{w.criteria[c.id]:g}",
                *(
                    ctx.para(a, "cell", "method", f"criteria.{c.id}.anchors")
                    for a in (c.anchors.a0, c.anchors.a1, c.anchors.a3, c.anchors.a5)
                ),
            ]
        )
    heads = ["Criterion", "Weight", "Rated 0", "Rated 1", "Rated 3", "Rated 5"]
    out += data_table(ctx, heads, rows, widths, numeric=(1,), valign="TOP")
    out.append(ctx.rich("Decision thresholds", "h2"))
    t = w.thresholds
    out.append(
        ctx.rich(
            f"First rule that matches: <b>stop</b> when value &lt; {t['stop_value']:g}, or in pilot for "
            "more than "
            f"{t['stale_months']:g} months with value &lt; {t['stale_value']:g} (months are counted from the "
            "pilot's start while it is still an idea, proof of concept or pilot); <b>pivot</b> when "
            "value &lt; "
            f"{t['value']:g}; <b>secure sponsor</b> when sponsorship &lt; {t['sponsorship']:g}; <b>fix then "
            f"scale</b> when readiness &lt; {t['readiness']:g} or a gate check fails; "
            "otherwise <b>scale</b>.",
            "body",
        )
    )
    out.append(CondPageBreak(120))
    out.append(ctx.rich(f"Production gate: {len(m.gates)} checks, all required", "h2"))
    grows = [
        [
            ctx.rich(f"<b>{i}.</b>", "cell"),
            ctx.rich(f"<b>{ctx.m(g.name)}</b> — {ctx.m(g.description)}", "cell"),
        ]
        for i, g in enumerate(m.gates, start=1)
    ]
    gt = Table(grows, colWidths=[26, ctx.width - 26])
    gt.setStyle(table_style(ctx.style, header=False))
    out.append(gt)
    return [KeepTogether(out[:2]), *out[2:]]
