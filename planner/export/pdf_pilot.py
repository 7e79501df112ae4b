"""One page per pilot under decision: scores, gates, why it is stuck, remedies, money, people, dates."""

from __future__ import annotations

from typing import Any

from reportlab.platypus import Flowable, KeepTogether, PageBreak, Paragraph, Spacer, Table, TableStyle

from planner.export import charts
from planner.export.pdf_common import DECISION_LABEL, Ctx, LeftOut, chunked_table, pct, table_style
from planner.model import Pilot


def _explanations(ctx: Ctx) -> tuple[Any, Any]:
    """(prepared, explain function) from the scoring engine, computed once per pack."""
    if "explain" not in ctx.cache:
        try:
            from planner.explain import explain
            from planner.scoring import prepare
        except ImportError:
            raise LeftOut("the scoring engine's explanations are not part of this build") from None
        if "prepared" not in ctx.cache:
            ctx.cache["prepared"] = prepare(ctx.portfolio, ctx.method)
        ctx.cache["explain"] = explain
    return ctx.cache["prepared"], ctx.cache["explain"]


def _finance_row(ctx: Ctx, pilot: Pilot) -> list[tuple[str, str]]:
    f = pilot.financials
    rows = [
        ("Scale investment", ctx.money(f.scale_investment)),
        ("Benefit a year at scale", ctx.money(f.annual_benefit)),
        ("Run cost a year", ctx.money(f.annual_run_cost)),
        ("Pilot spend to date", ctx.money(f.pilot_spend)),
    ]
    try:
        from planner.finance import evaluate, risk_adjusted_npv, success_probability
    except ImportError:
        return rows
    fin = evaluate(f, ctx.portfolio.finance)
    readiness = ctx.scores.pilots[pilot.id].readiness
    rows += [
        ("NPV", f"<b>{ctx.money(fin.npv)}</b>"),
        ("Risk-adjusted NPV", ctx.money(risk_adjusted_npv(fin, success_probability(readiness)))),
        ("Payback", "not within horizon" if fin.payback_months is None else f"{fin.payback_months} months"),
        ("ROI over horizon", pct(fin.roi)),
    ]
    share = f.change_budget / f.scale_investment if f.scale_investment > 0 else None
    rows.append(("Change budget", f"{ctx.money(f.change_budget)} ({pct(share)} of investment)"))
    return rows


def _kpi_text(ctx: Ctx, pilot: Pilot) -> str:
    k = pilot.kpi
    where = ctx.where(pilot.id)
    if not k.name:
        return "<i>No KPI defined.</i>"
    unit = f" {ctx.m(k.unit, where, 'kpi.unit')}" if k.unit else ""

    def num(v: float | None) -> str:
        return "–" if v is None else f"{v:,.4g}{unit}"

    arrow = "higher is better" if k.higher_is_better else "lower is better"
    return (
        f"<b>{ctx.m(k.name, where, 'kpi.name')}</b> ({arrow}): baseline {num(k.baseline)}, "
        f"target {num(k.target)}, latest {num(k.latest)}"
    )


def pilot_page(ctx: Ctx, pid: str, rollout: dict[str, str], first: bool = False) -> list[Flowable]:
    """The page of one pilot; raises nothing: parts whose inputs are missing say so in place."""
    pilot = ctx.pilots[pid]
    sc = ctx.scores.pilots[pid]
    where = ctx.where(pid)
    out: list[Flowable] = [] if first else [PageBreak()]
    out.append(ctx.heading(pilot.name, level=1, style="h1", where=where, fld="name"))
    facts = [f"Rank {sc.rank} of {len(ctx.scores.pilots)}", f"stage {pilot.stage.value}"]
    if pilot.business_unit:
        facts.insert(1, ctx.m(pilot.business_unit, where, "business_unit", 80))
    if sc.months_in_pilot is not None:
        facts.append(f"{sc.months_in_pilot:.0f} months in pilot")
    out.append(ctx.rich(" · ".join(facts), "small"))
    verdict = f"<b>Decision: {DECISION_LABEL[sc.decision]}</b>"
    if sc.overridden:
        verdict += f" (override; the method says {DECISION_LABEL[sc.computed_decision].lower()})"
    lines = [verdict, ctx.m(sc.decision_reason)]
    if pilot.override is not None:
        by = f" — {ctx.m(pilot.override.author, where, 'override.author')}" if pilot.override.author else ""
        lines.append(f"Rationale: {ctx.m(pilot.override.rationale, where, 'override.rationale')}{by}")
    if sc.blocked:
        lines.append("Blocked until ready: " + ", ".join(_item_name(ctx, b) for b in sc.blocked_by))
    box = Table([[ctx.rich("<br/>".join(lines), "body")]], colWidths=[ctx.width])
    box.setStyle(
        TableStyle(
            [
                ("LINEBEFORE", (0, 0), (0, -1), 4, ctx.decision_colour(sc.decision)),
                ("BACKGROUND", (0, 0), (-1, -1), ctx.style.band),
                ("LEFTPADDING", (0, 0), (-1, -1), 10),
                ("TOPPADDING", (0, 0), (-1, -1), 6),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    out += [box, Spacer(1, 8)]
    if pilot.description:
        out.append(ctx.para(pilot.description, "body", where, "description", limit=600))

    t = ctx.weights.thresholds
    bars = charts.score_bars(
        [
            ("Value", sc.value, t["value"], ctx.style.accent),
            ("Readiness", sc.readiness, t["readiness"], ctx.style.accent),
            ("Sponsorship", sc.sponsorship, t["sponsorship"], ctx.style.accent),
            ("Composite", sc.composite, None, ctx.style.text),
        ],
        ctx.width * 0.46,
        ctx.kit.fonts.regular.name,
        ctx.kit.fonts.bold.name,
    )
    money = Table(
        [[ctx.rich(k, "cell"), ctx.rich(v, "cell_r")] for k, v in _finance_row(ctx, pilot)],
        colWidths=[ctx.width * 0.27, ctx.width * 0.23],
    )
    money.setStyle(table_style(ctx.style, header=False))
    left = [
        ctx.rich("Scores by dimension", "h3"),
        bars,
        ctx.rich("Bars 0–100; ticks mark the thresholds.", "small"),
        ctx.rich("KPI", "h3"),
        ctx.rich(_kpi_text(ctx, pilot), "cell"),
    ]
    right = [ctx.rich("Financials", "h3"), money]
    two = Table([[left, right]], colWidths=[ctx.width * 0.5, ctx.width * 0.5])
    two.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    out.append(two)

    try:
        prepared, explain = _explanations(ctx)
        exp = explain(prepared, ctx.weights, pid)
    except LeftOut as why:
        out.append(ctx.rich(f"Gates, causes and remedies left out because {why}.", "left_out"))
        exp = None
    if exp is not None:
        out += _gates(ctx, exp)
        out += _stuck(ctx, exp, where)
    out += _people(ctx, pilot)
    if pid in rollout:
        out.append(KeepTogether([ctx.rich("Rollout", "h3"), ctx.rich(rollout[pid], "cell")]))
    return out


def _item_name(ctx: Ctx, item: str) -> str:
    if item in ctx.pilots:
        return ctx.pilot_name(item, 60)
    for e in ctx.portfolio.enablers:
        if e.id == item:
            return ctx.m(e.name, f"enabler {item}", "name", 60)
    return ctx.m(item)


def _gates(ctx: Ctx, exp: Any) -> list[Flowable]:
    gates = list(exp.gates)
    if not gates:
        return []
    passed = sum(1 for g in gates if g.passed)
    cells = []
    for g in gates:
        mark = '<font color="#2E7D32">✓</font>' if g.passed else '<font color="#C62828">✗</font>'
        reason = f" <font color='#6B7280'>({ctx.m(g.reason)})</font>" if g.reason and not g.passed else ""
        cells.append(ctx.rich(f"{mark} {ctx.m(g.name)}{reason}", "cell"))
    half = (len(cells) + 1) // 2
    rows = [[cells[i], cells[i + half] if i + half < len(cells) else ""] for i in range(half)]
    table = Table(rows, colWidths=[ctx.width / 2] * 2)
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
                ("TOPPADDING", (0, 0), (-1, -1), 1.5),
            ]
        )
    )
    return [KeepTogether([ctx.rich(f"Production gate: {passed} of {len(gates)} checks pass", "h3"), table])]


def _stuck(ctx: Ctx, exp: Any, where: str) -> list[Flowable]:
    out: list[Flowable] = []
    if exp.failure_modes:
        items = [f"<b>{ctx.m(fm.name)}</b> — {ctx.m(fm.description)}" for fm in exp.failure_modes[:4]]
        out.append(
            KeepTogether(
                [
                    ctx.rich("Why it is stuck", "h3"),
                    *[
                        ctx.rich(
                            f"•&nbsp;{i}",
                            ctx.ps["cell"].clone("b", leftIndent=9, firstLineIndent=-7, spaceAfter=2),
                        )
                        for i in items
                    ],
                ]
            )
        )
    elif exp.largest_gaps:
        gaps = ", ".join(f"{ctx.m(c.name)} ({c.composite_gap:.1f} pts)" for c in exp.largest_gaps[:4])
        out.append(ctx.rich(f"<b>Largest gaps:</b> {gaps}", "cell"))
    if exp.remedies:
        header = [
            Paragraph(h, ctx.ps["head_r" if i in (2, 3) else "head"])
            for i, h in enumerate(
                ("Remedy (best expected uplift first)", "Owner", "Weeks", "Uplift", "Decision after")
            )
        ]
        widths = [ctx.width - 250, 80.0, 38.0, 42.0, 90.0]
        rows = [
            [
                ctx.rich(f"<b>{ctx.m(r.name)}</b>", "cell"),
                ctx.rich(ctx.m(r.owner_role) or "–", "cell"),
                ctx.rich(str(r.weeks), "cell_r"),
                ctx.rich(f"+{r.uplift:.1f}", "cell_r"),
                ctx.rich(ctx.decision_chip(r.decision_after), "cell"),
            ]
            for r in exp.remedies[:5]
        ]
        out.append(KeepTogether([ctx.rich("Remedies", "h3"), *chunked_table(ctx, header, rows, widths)]))
    return out


def _people(ctx: Ctx, pilot: Pilot) -> list[Flowable]:
    bits = [f"<b>Sponsor:</b> {ctx.person(pilot.sponsor)}"]
    if pilot.sponsor and pilot.sponsor_last_touchpoint:
        days = (ctx.portfolio.as_of - pilot.sponsor_last_touchpoint).days
        bits[0] += f" (last engaged {days} days ago)"
    bits.append(f"<b>Owner:</b> {ctx.person(pilot.owner)}")
    if pilot.approvers:
        bits.append("<b>Approvers:</b> " + ", ".join(ctx.person(a) for a in pilot.approvers[:6]))
    analysis = ctx.cache.get("stakeholders")
    coalition = analysis.coalitions.get(pilot.id) if analysis is not None else None
    if coalition is not None:
        if coalition.support is not None:
            bits.append(
                f"<b>Coalition support:</b> {coalition.support:.0f} / 100 from {len(coalition.members)} "
                "people"
            )
        for route in coalition.resisters[:3]:
            via = f"reach through {ctx.person(route.through)}" if route.through else "no supportive route"
            bits.append(f"<b>Resister:</b> {ctx.person(route.resister)} — {via}")
    return [KeepTogether([ctx.rich("Sponsor and coalition", "h3"), ctx.rich("<br/>".join(bits), "cell")])]


def pilots_section(ctx: Ctx, rollout: dict[str, str]) -> list[Flowable]:
    if not ctx.under_decision:
        raise LeftOut("no active pilot awaits a decision")
    out: list[Flowable] = [ctx.heading("Pilots under decision", key="pilots")]
    intro = (
        f"{len(ctx.under_decision)} pilot{'s' if len(ctx.under_decision) != 1 else ''} follow, one page "
        "each, in the order of the decisions requested: scale, secure sponsor, fix then scale, pivot, stop."
    )
    if ctx.left_out_pilots:
        intro += (
            f" {ctx.left_out_pilots} further active pilots are left out because the pack is limited to "
            f"{len(ctx.under_decision)} pilot pages; they appear in the scorecard."
        )
    out.append(ctx.rich(intro, "body"))
    for i, pid in enumerate(ctx.under_decision):
        out += pilot_page(ctx, pid, rollout, first=i == 0)
    return out
