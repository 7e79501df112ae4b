"""Pack sections about change: training and change management, and changes since the last committee."""

from __future__ import annotations

from datetime import datetime, time
from typing import Any

from reportlab.platypus import CondPageBreak, Flowable, Spacer

from planner.export.pdf_common import DECISION_LABEL, Ctx, LeftOut, data_table, kpi_tiles
from planner.export.pdf_plans import rollout_plan


def training_plan(ctx: Ctx) -> Any:
    """The training plan for the rollout plan (cached); LeftOut when it cannot be made."""
    if "training" not in ctx.cache:
        plan = rollout_plan(ctx)
        try:
            from planner.training import plan_training
        except ImportError:
            raise LeftOut("the training planner is not part of this build") from None
        try:
            ctx.cache["training"] = plan_training(ctx.portfolio, plan)
        except Exception as exc:
            raise LeftOut(f"the training plan could not be made ({exc})") from None
    return ctx.cache["training"]


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
    tiles = [
        (f"{t.sessions:,}", "training sessions"),
        (f"{t.learner_hours:,.0f} h", f"learner hours ({t.trainer_hours:,.0f} trainer hours)"),
        (ctx.money(t.cost), "training cost"),
        (f"{t.covered:,}", f"of {t.people:,} people trained before go-live"),
    ]
    out += [kpi_tiles(ctx, tiles), Spacer(1, 8)]
    share = tp.portfolio_share_percent
    verdict = (
        "no scale investment to compare with"
        if share is None
        else f"{share:.1f} % of the scale investment, "
        + ("<b>below</b>" if tp.under_guideline else "within or above")
        + f" the {lo:g}–{hi:g} % guideline for change management"
    )
    out.append(ctx.rich(f"Change budgets across the pilots being rolled out: {verdict}.", "body"))
    by_audience: dict[str, list[float]] = {}
    for s in tp.sessions:
        row = by_audience.setdefault(s.audience.value.replace("_", " "), [0, 0.0, 0.0])
        row[0] += s.count
        row[1] += s.learners
        row[2] += s.learner_hours
    if by_audience:
        out.append(ctx.rich("Sessions by audience", "h2"))
        rows = [
            [a.capitalize(), f"{int(v[0]):,}", f"{int(v[1]):,}", f"{v[2]:,.0f}"]
            for a, v in by_audience.items()
        ]
        out += data_table(
            ctx,
            ["Audience", "Sessions", "Learners", "Learner hours"],
            rows,
            [ctx.width - 270, 90, 90, 90],
            numeric=(1, 2, 3),
        )
    if tp.budget:
        out.append(CondPageBreak(90))
        out.append(ctx.rich("Change budget by pilot", "h2"))
        rows = []
        for b in tp.budget:
            pct = "–" if b.share_percent is None else f"{b.share_percent:.1f} %"
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
                f"<b>{people:,} people</b> in {len(tp.gaps)} cohorts cannot be trained before their "
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
        from planner.snapshots import current, diff
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
                DECISION_LABEL[m.decision_before],
                DECISION_LABEL[m.decision_after],
                f"{m.composite:+.1f}",
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
                f"{m.value:+.1f}",
                f"{m.readiness:+.1f}",
                f"{m.sponsorship:+.1f}",
                f"{m.composite:+.1f}",
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
