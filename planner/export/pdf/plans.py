"""Pack sections built on the plan engines: the rollout roadmap, the training plan, the risks.

Each builder imports its engine lazily; when the engine is not part of the build, or the portfolio
lacks the inputs (no stakeholders, no dependencies…), it raises `LeftOut` with the reason.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from reportlab.lib.colors import Color, HexColor
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether, Spacer

from planner.export.pdf import charts
from planner.export.pdf import maps as pdf_maps
from planner.export.pdf.common import Ctx, LeftOut, names_list
from planner.export.pdf.graphs import dependency_analysis, stakeholder_analysis

MAX_WINDOW_MONTHS = 8  # the widest time window one roadmap drawing shows legibly
GANTT_ROWS = 38
LABEL_SIZE = 7  # point size of the roadmap's pilot names (pdf_maps.gantt)


def roadmap_windows(months: int) -> tuple[int, int]:
    """(windows, months per window): the fewest windows of at most MAX_WINDOW_MONTHS that cover
    `months`, made as equal as possible so that the last one is not a near-empty page.

    21 months → 3 windows of 7 (not 6 + 6 + 6 + 3); 8 → 1 of 8; 17 → 3 of 6.
    """
    windows = max(1, -(-months // MAX_WINDOW_MONTHS))
    return windows, -(-months // windows)


def shows_in(row: pdf_maps.GanttRow, start: date, end: date) -> bool:
    """True when a bar of the row overlaps [start, end] or one of its gates falls in it."""
    return any(b.start <= end and b.end >= start for b in row.bars) or any(
        start <= g <= end for g in row.gates
    )


def rollout_plan(ctx: Ctx) -> Any:
    """The rollout plan (cached); LeftOut when the engine is missing or cannot plan this portfolio."""
    if "rollout" not in ctx.cache:
        try:
            from planner.plans.rollout import plan_rollout
        except ImportError:
            ctx.cache["rollout"] = LeftOut("the rollout planner is not part of this build")
        else:
            try:
                ctx.cache["rollout"] = plan_rollout(ctx.portfolio, ctx.scores, ctx.method)
            except Exception as exc:
                ctx.cache["rollout"] = LeftOut(f"the rollout plan could not be made ({exc})")
    plan = ctx.cache["rollout"]
    if isinstance(plan, LeftOut):
        raise plan
    return plan


def training_plan(ctx: Ctx) -> Any:
    """The training plan for the rollout plan (cached); LeftOut when it cannot be made."""
    if "training" not in ctx.cache:
        plan = rollout_plan(ctx)
        try:
            from planner.plans.training import plan_training
        except ImportError:
            raise LeftOut("the training planner is not part of this build") from None
        try:
            ctx.cache["training"] = plan_training(ctx.portfolio, plan)
        except Exception as exc:
            raise LeftOut(f"the training plan could not be made ({exc})") from None
    return ctx.cache["training"]


def rollout_lines(ctx: Ctx) -> dict[str, str]:
    """Per scheduled pilot, one plain-text line (dates and numbers) of its rollout for its pilot page."""
    try:
        plan = rollout_plan(ctx)
    except LeftOut:
        return {}
    out: dict[str, str] = {}
    for pp in plan.pilots:
        parts = []
        if pp.rollout_start != pp.start:
            parts.append(f"remediation from {pp.start.isoformat()}")
        parts.append(f"rollout starts {pp.rollout_start.isoformat()}")
        parts.append(f"all {pp.target_users:,} target users live by {pp.in_production.isoformat()}")
        parts.append(f"handover {pp.end.isoformat()}")
        text = "; ".join(parts).capitalize() + "."
        if pp.critical:
            text += " On the critical path."
        elif pp.slack_days:
            text += f" Can slip {pp.slack_days} working days without delaying the plan."
        out[pp.pilot] = text
    return out


def _phase_colour(ctx: Ctx, phase_id: str, index: int, count: int) -> Color:
    if phase_id == "remediation":
        return HexColor("#B0B7C3")
    base = ctx.style.accent
    t = 0.15 + 0.85 * (index / max(count - 1, 1))
    return Color(1 - (1 - base.red) * t, 1 - (1 - base.green) * t, 1 - (1 - base.blue) * t)


def _add_months(day: date, months: int) -> date:
    m = day.month - 1 + months
    return date(day.year + m // 12, m % 12 + 1, 1)


def roadmap(ctx: Ctx) -> list[Flowable]:
    plan = rollout_plan(ctx)
    if not plan.pilots:
        raise LeftOut("no pilot is scheduled for rollout (none is to scale or to fix)")
    phase_ids: list[str] = []
    for pp in plan.pilots:
        for ph in pp.phases:
            if ph.id not in phase_ids:
                phase_ids.append(ph.id)
    names = {ph.id: ph.name for pp in plan.pilots for ph in pp.phases}
    colours = {pid: _phase_colour(ctx, pid, i, len(phase_ids)) for i, pid in enumerate(phase_ids)}
    ranked = sorted(plan.pilots, key=lambda pp: pp.rank)
    labels = []
    for pp in ranked:
        label = ctx.kit.plain(
            f"{pp.rank}. {ctx.pilots[pp.pilot].name}" if pp.pilot in ctx.pilots else pp.name,
            ctx.where(pp.pilot),
            "name",
        )
        labels.append((label, ctx.kit.label_font(label)))
    # the label column takes what the longest name needs, up to a third of the width
    label_width = min(max(stringWidth(t, f, LABEL_SIZE) for t, f in labels) + 10, ctx.width / 3)
    rows = [
        pdf_maps.GanttRow(
            charts.fit_text(label, font, LABEL_SIZE, label_width - 6),
            font,
            tuple(pdf_maps.GanttBar(ph.start, ph.end, colours[ph.id]) for ph in pp.phases),
            tuple(g.date for g in pp.gates),
        )
        for (label, font), pp in zip(labels, ranked, strict=True)
    ]
    first = min(pp.start for pp in plan.pilots)
    last = max(pp.end for pp in plan.pilots)
    out: list[Flowable] = [ctx.heading("Rollout roadmap")]
    months = (last.year - first.year) * 12 + last.month - first.month + 1
    windows, window_months = roadmap_windows(months)
    out.append(
        ctx.rich(
            f"{len(plan.pilots)} pilot{'s' if len(plan.pilots) != 1 else ''} scheduled from "
            f"{first.isoformat()} to {last.isoformat()}"
            + (f", shown in {windows} windows of {window_months} months" if windows > 1 else "")
            + ". Diamonds are phase gates; the red line is today.",
            "body",
        )
    )
    backed = [
        u
        for u in plan.unscheduled
        if u.decision is not None
        and u.decision.value in ("scale", "fix_then_scale")
        and u.pilot in ctx.pilots
        and ctx.pilots[u.pilot].stage.value not in ("production", "retired")
    ]
    others = len(plan.unscheduled) - len(backed)
    if backed:
        out.append(ctx.rich("To scale or fix, but not scheduled", "h2"))
        for u in backed[:40]:
            out.append(ctx.rich(f"•&nbsp;{ctx.pilot_name(u.pilot, 80)}: {ctx.m(u.reason)}", "cell"))
        if len(backed) > 40:
            out.append(ctx.rich(f"… and {len(backed) - 40} more.", "cell"))
    if others:
        out.append(
            ctx.rich(
                f"{others} other pilots are not scheduled: they are in production already, or their "
                "decision is to secure a sponsor, pivot or stop.",
                "small",
            )
        )
    if plan.critical_path:
        steps = " → ".join(ctx.m(s.name, "", "", 40) for s in plan.critical_path[:12])
        out.append(ctx.rich(f"<b>Critical path:</b> {steps}", "body"))
    out.append(
        charts.legend(
            [(ctx.kit.plain(names[p]), colours[p]) for p in phase_ids], ctx.width, ctx.kit.fonts.regular.name
        )
    )
    out.append(Spacer(1, 6))
    for w in range(windows):
        start = _add_months(first, w * window_months)
        end = _add_months(first, (w + 1) * window_months) - timedelta(days=1)
        visible = [r for r in rows if shows_in(r, start, end)]
        for c in range(0, len(visible), GANTT_ROWS):
            chunk = visible[c : c + GANTT_ROWS]
            title = f"{start.strftime('%b %Y')} – {end.strftime('%b %Y')}"
            if len(visible) > GANTT_ROWS:
                title += f" · pilots {c + 1}–{c + len(chunk)} of {len(visible)}"
            drawing = pdf_maps.gantt(
                chunk, start, end, ctx.portfolio.as_of, ctx.width, ctx.kit.fonts.regular.name, label_width
            )
            out.append(KeepTogether([ctx.rich(title, "h3"), drawing, Spacer(1, 8)]))
    return out


def risk_lines(ctx: Ctx) -> list[str]:
    """Portfolio risks as markup lines, most consequential first (never names people when anonymised)."""
    lines: list[str] = []
    s = ctx.scores
    active = [pid for pid in s.ranking if s.pilots[pid].decision.value in ("scale", "fix_then_scale")]
    blocked = [pid for pid in active if s.pilots[pid].blocked]
    if blocked:
        lines.append(
            f"<b>{len(blocked)} pilot{'s' if len(blocked) > 1 else ''} to scale or fix "
            f"{'are' if len(blocked) > 1 else 'is'} blocked</b> by dependencies that are not ready: "
            + names_list(ctx, blocked)
            + "."
        )
    try:
        analysis = dependency_analysis(ctx) if ctx.portfolio.dependencies else None
    except LeftOut:
        analysis = None
    if analysis is not None:
        enablers = {e.id: e for e in ctx.portfolio.enablers}
        for ev in analysis.critical[:2]:
            e = enablers[ev.enabler]
            late = " (ETA already passed)" if e.eta and e.eta < ctx.portfolio.as_of else ""
            eta = e.eta.isoformat() if e.eta else "no ETA"
            lines.append(
                f"<b>Critical enabler {ctx.m(e.name, f'enabler {e.id}', 'name', 60)}</b> ({eta}{late}) "
                f"holds back {len(ev.dependents)} pilots worth {ctx.money(ev.value_unblocked)}."
            )
    prepared = ctx.prepared()
    fails: dict[str, list[str]] = {}
    for row, pid in enumerate(prepared.pilot_ids):
        if s.pilots[pid].decision.value not in ("scale", "fix_then_scale", "secure_sponsor"):
            continue
        for g in prepared.gates[row]:
            if not g.passed:
                fails.setdefault(g.name, []).append(pid)
    for name, pids in sorted(fails.items(), key=lambda kv: -len(kv[1]))[:2]:
        lines.append(
            f"<b>Gate most often failed: {ctx.m(name)}</b> — {len(pids)} of the pilots the "
            "committee is asked to back."
        )
    sa = None
    try:
        sa = stakeholder_analysis(ctx)
    except LeftOut:
        sa = None
    if sa is not None:
        for risk in sa.risks[:3]:
            subject = (
                ctx.pilot_name(risk.subject, 50) if risk.subject in ctx.pilots else ctx.person(risk.subject)
            )
            pilots = ", ".join(ctx.pilot_name(x, 40) for x in risk.pilots[:3])
            lines.append(
                f"<b>{ctx.m(risk.kind.value.capitalize())}:</b> {subject}"
                + (f" (pilots: {pilots})" if pilots and risk.subject not in ctx.pilots else "")
                + "."
            )
    if ctx.portfolio.user_groups:
        try:
            gaps = training_plan(ctx).gaps
        except LeftOut:
            gaps = ()
        if gaps:
            people = sum(g.people for g in gaps)
            untrained = list(dict.fromkeys(g.pilot for g in gaps))
            lines.append(
                f"<b>{people:,} {'people' if people != 1 else 'person'} cannot be trained before "
                f"go-live</b> within the trainer capacity, in {len(gaps)} "
                f"cohort{'s' if len(gaps) != 1 else ''} of " + names_list(ctx, untrained) + "."
            )
    stale = [
        pid
        for pid in s.ranking
        if (months := s.pilots[pid].months_in_pilot) is not None
        and months > ctx.weights.thresholds["stale_months"]
    ]
    if stale:
        lines.append(
            f"<b>{len(stale)} pilot{'s have' if len(stale) > 1 else ' has'} been in pilot longer than "
            f"{ctx.weights.thresholds['stale_months']:g} months</b>: " + names_list(ctx, stale) + "."
        )
    return lines


def risks(ctx: Ctx) -> list[Flowable]:
    lines = ctx.cache.get("risk_lines")
    if lines is None:
        lines = ctx.cache["risk_lines"] = risk_lines(ctx)
    if not lines:
        raise LeftOut("no risk stands out in the data given")
    out: list[Flowable] = [ctx.heading("Risks")]
    for line in lines:
        out.append(
            ctx.rich(f"•&nbsp;&nbsp;{line}", ctx.ps["body"].clone("r", leftIndent=12, firstLineIndent=-9))
        )
    return out
