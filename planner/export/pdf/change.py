"""Pack sections about change: training and change management, and changes since the last committee."""

from __future__ import annotations

from datetime import datetime, time

from reportlab.platypus import CondPageBreak, Flowable, Spacer

from planner.export.pdf.common import Ctx, LeftOut, data_table, kpi_tiles
from planner.export.pdf.plans import training_plan
from planner.formatting import percent, signed
from planner.triage.labels import DECISION_LABELS


def training(ctx: Ctx) -> list[Flowable]:
    """Sessions, hours, cost, coverage and each pilot's change-budget share against the guideline."""
    if not ctx.portfolio.user_groups:
        raise LeftOut("the portfolio defines no user groups to train")
    tp = training_plan(ctx)
    if not tp.sessions and not tp.gaps:
        raise LeftOut("no pilot is scheduled for rollout, so no one needs training yet")
    t = tp.totals
    lo, hi = tp.guideline
    out: list[Flowable] = [ctx.heading("Training and change")]
    self_paced = f" and {t.self_paced:,} self-paced course places" if t.self_paced else ""
    tiles = [
        (f"{t.sessions:,}", f"sessions led by trainers{self_paced}"),
        (f"{t.learner_hours:,.0f} h", f"learner hours ({t.trainer_hours:,.0f} trainer hours)"),
        (ctx.money(t.cost), "training cost"),
        (f"{t.covered:,}", f"of {t.people:,} people trained before go-live"),
    ]
    out += [kpi_tiles(ctx, tiles), Spacer(1, 8)]
    share = tp.portfolio_share_percent
    verdict = (
        "no scale investment to compare with"
        if share is None
        else f"{percent(share)} of the scale investment, "
        + ("<b>below</b>" if tp.under_guideline else "within or above")
        + f" the {lo:g}–{hi:g} % guideline for change management"
    )
    out.append(ctx.rich(f"Change budgets across the pilots being rolled out: {verdict}.", "body"))
    loads = tp.by_audience()
    if loads:
        out.append(ctx.rich("Training by audience", "h2"))
        out.append(
            ctx.rich(
                "People are counted once per cohort; an attendance is one person in one module, so a "
                "person taking three modules makes three. Drop-in office hours take no attendance.",
                "small",
            )
        )
        rows = [
            [
                a.audience.value.replace("_", " ").capitalize(),
                f"{a.people:,}",
                f"{a.attendances:,}",
                f"{a.sessions:,}",
                f"{a.self_paced:,}",
                f"{a.learner_hours:,.0f}",
            ]
            for a in loads
        ]
        out += data_table(
            ctx,
            ["Audience", "People", "Attendances", "Led sessions", "Self-paced places", "Learner hours"],
            rows,
            [ctx.width - 400, 70, 80, 80, 90, 80],
            numeric=(1, 2, 3, 4, 5),
        )
    if tp.budget:
        out.append(CondPageBreak(90))
        out.append(ctx.rich("Change budget by pilot", "h2"))
        rows = []
        for b in tp.budget:
            pct = "–" if b.share_percent is None else percent(b.share_percent)
            rows.append(
                [
                    ctx.cell(b.name, ctx.width - 320, where=ctx.where(b.pilot), fld="name"),
                    ctx.money_plain(b.change_budget),
                    pct,
                    ctx.money_plain(b.training_cost),
                    "below guideline" if b.under_guideline else "ok",
                ]
            )
        out += data_table(
            ctx,
            ["Pilot", "Change budget", "Share", "Training cost", "Check"],
            rows,
            [ctx.width - 320, 80, 60, 80, 100],
            numeric=(1, 2, 3),
            highlight=[i for i, b in enumerate(tp.budget) if b.under_guideline],
        )
    if tp.gaps:
        people = sum(g.people for g in tp.gaps)
        out.append(
            ctx.rich(
                f"<b>{people:,} {'people' if people != 1 else 'person'}</b> in {len(tp.gaps)} "
                f"cohort{'s' if len(tp.gaps) != 1 else ''} cannot be trained before their "
                "go-live within the trainer capacity; add trainers or move those cohorts.",
                "body",
            )
        )
    return out


def changes(ctx: Ctx, snapshot: str | None) -> list[Flowable]:
    """Decisions changed, biggest score moves, new and removed pilots since `snapshot`."""
    if snapshot is None:
        raise LeftOut("the portfolio has no snapshot of an earlier committee to compare with")
    try:
        from planner.triage.snapshots import current, diff
    except ImportError:
        raise LeftOut("the snapshot comparison engine is not part of this build") from None
    before = next(s for s in ctx.portfolio.snapshots if s.id == snapshot)
    taken = datetime.combine(ctx.portfolio.as_of, time(12, 0))
    d = diff(before, current(ctx.portfolio, ctx.scores, taken))
    changed = [m for m in d.moves if m.decision_changed]
    out: list[Flowable] = [ctx.heading(f"Changes since {before.label}", where="snapshot", fld="label")]
    out.append(
        ctx.rich(
            f"Compared with the snapshot taken on {before.taken.date().isoformat()}: "
            f"<b>{len(changed)}</b> decision{'s' if len(changed) != 1 else ''} changed, "
            f"<b>{len(d.new)}</b> new pilot{'s' if len(d.new) != 1 else ''}, "
            f"<b>{len(d.removed)}</b> removed.",
            "body",
        )
    )
    name_w = ctx.width - 300
    if changed:
        out.append(ctx.rich("Decisions changed", "h2"))
        rows = [
            [
                ctx.cell(m.name, name_w - 8, where=ctx.where(m.pilot), fld="name"),
                DECISION_LABELS[m.decision_before],
                DECISION_LABELS[m.decision_after],
                signed(m.composite),
                f"{m.rank_before} → {m.rank_after}",
            ]
            for m in changed
        ]
        out += data_table(
            ctx,
            ["Pilot", "Before", "Now", "Composite Δ", "Rank"],
            rows,
            [name_w, 84, 84, 66, 66],
            numeric=(3, 4),
            row_height=14,
        )
    moves = [m for m in d.moves if m.composite != 0][:10]
    if moves:
        out.append(CondPageBreak(80))
        out.append(ctx.rich("Biggest score moves", "h2"))
        rows = [
            [
                ctx.cell(m.name, name_w - 8, where=ctx.where(m.pilot), fld="name"),
                signed(m.value),
                signed(m.readiness),
                signed(m.sponsorship),
                signed(m.composite),
                f"{m.rank_before} → {m.rank_after}",
            ]
            for m in moves
        ]
        out += data_table(
            ctx,
            ["Pilot", "Value", "Readiness", "Sponsor", "Composite", "Rank"],
            rows,
            [name_w, 50, 56, 50, 78, 66],
            numeric=(1, 2, 3, 4, 5),
            row_height=14,
        )
    for title, entries in (("New since then", d.new), ("Removed since then", d.removed)):
        if entries:
            shown = ", ".join(ctx.m(e.name, ctx.where(e.pilot), "name", 60) for e in entries[:30])
            more = f" and {len(entries) - 30} more" if len(entries) > 30 else ""
            out += [Spacer(1, 6), ctx.rich(f"<b>{title}:</b> {shown}{more}.", "body")]
    return out
