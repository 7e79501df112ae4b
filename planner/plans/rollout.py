"""The phased rollout plan: which pilots go to production, in which phases, on which dates, and why then.

``plan_rollout(portfolio, scores, method)`` schedules every "scale" pilot and every "fix then scale"
pilot (after a remediation phase whose length follows its gaps, see `planner.triage.remediation`). Other
pilots are listed in ``unscheduled`` with the reason. A rollout runs the phases of the plan settings
back to back (shadow → limited beta → 25 % → 50 % → 100 % → hypercare by default); each phase ends
with a gate and knows which user groups, and how many of their people, it brings live.

Scheduling rules, on a work calendar (`planner.plans.calendar`):

- a rollout starts only after the pilots it depends on have completed the phase that reaches 100 %,
  and after the ETA of every enabler it needs has passed (ready enablers impose nothing);
- a pilot that depends on a pilot neither scheduled nor in production, on an enabler with no ETA,
  or that sits in a dependency cycle, is not scheduled (with the reason);
- at most ``max_concurrent_rollouts`` rollouts are in flight on any day (remediation does not count);
- a rollout is a change for a user group from the first phase that brings its people live to the end
  of the rollout, and at most ``max_changes_per_group`` changes overlap on a group;
- pilots are placed one at a time, each as early as the rules allow, in order of triage rank; a pilot
  that a better-ranked pilot waits for inherits that rank. The same inputs give the same plan.

Every working day between the earliest possible start (plan start or end of remediation) and the
actual rollout start is explained by a `Delay`. Slack and the critical path are computed over the
dependencies and the capacity hand-overs that bound the plan (`planner.plans.rollout_analysis`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, timedelta

from planner import formatting
from planner.method import Method, load_method
from planner.model import Decision, EnablerStatus, Portfolio, Stage
from planner.plan_settings import PhaseSetting, PlanSettings
from planner.plans.calendar import WorkCalendar
from planner.plans.cohorts import CohortSlice, allocate_cohorts
from planner.plans.rollout_analysis import Link, critical_path_and_slack
from planner.plans.rollout_order import Candidate, drop_unschedulable, placement_order
from planner.plans.rollout_types import (
    CriticalStep,
    Delay,
    DelayKind,
    Gate,
    Phase,
    PilotPlan,
    RolloutPlan,
    Unscheduled,
)
from planner.plans.timeline import CapacityTimeline
from planner.triage.remediation import remediation_for
from planner.triage.scoring import Prepared, Scores

__all__ = [
    "CohortSlice",
    "CriticalStep",
    "Delay",
    "DelayKind",
    "Gate",
    "Phase",
    "PilotPlan",
    "RolloutPlan",
    "Unscheduled",
    "plan_rollout",
]

Progress = Callable[[int, int], None]
REMEDIATION = "remediation"
HORIZON_YEARS = 50  # an enabler expected later than this is treated as never coming
_DECISION_WORDS = {
    Decision.STOP: "stop",
    Decision.PIVOT: "pivot",
    Decision.SECURE_SPONSOR: "secure a sponsor first",
    Decision.FIX_THEN_SCALE: "fix then scale",
    Decision.SCALE: "scale",
}


@dataclass(frozen=True, slots=True)
class _Template:
    setting: PhaseSetting
    offset: int  # working days from the rollout start
    length: int


def _templates(settings: PlanSettings, calendar: WorkCalendar) -> tuple[list[_Template], int]:
    """Active phases with offsets; also the offset at which the pilot counts as in production."""
    templates: list[_Template] = []
    offset = 0
    ready = -1
    for phase in settings.phases:
        length = calendar.working_days(phase.weeks)
        if length == 0:
            continue
        templates.append(_Template(phase, offset, length))
        offset += length
        if ready < 0 and phase.live_percent >= 100:
            ready = offset
    return templates, ready if ready >= 0 else offset


def plan_rollout(
    portfolio: Portfolio,
    scores: Scores,
    method: Method | None = None,
    settings: PlanSettings | None = None,
    progress: Progress | None = None,
    prepared: Prepared | None = None,
) -> RolloutPlan:
    """A dated, deterministic rollout plan that respects dependencies, enabler ETAs and both caps.

    Guarantees: no rollout starts before its dependencies are in production or its enablers' ETAs
    have passed; on no day are more than ``max_concurrent_rollouts`` rollouts in flight or more than
    ``max_changes_per_group`` changes landing on one group; each pilot's phases follow each other
    without overlap; every day of delay has a reason. `progress(done, total)` is called as pilots are
    placed. Pass the scoring engine's `prepared` data to size remediations on derived ratings and on
    gate checks with their rules (see `planner.triage.remediation`).
    """
    settings = settings or portfolio.plan
    method = method or load_method(portfolio.method.id)
    start = settings.start or portfolio.as_of
    calendar = WorkCalendar(start, [d.number for d in settings.working_days], settings.holidays)
    templates, ready_offset = _templates(settings, calendar)
    rollout_days = templates[-1].offset + templates[-1].length
    pilots = {p.id: p for p in portfolio.pilots}
    groups = {g.id: g for g in portfolio.user_groups}
    enablers = {e.id: e for e in portfolio.enablers}

    unscheduled: dict[str, str] = {}
    candidates: dict[str, Candidate] = {}
    for pilot in portfolio.pilots:
        score = scores.pilots.get(pilot.id)
        if pilot.stage == Stage.PRODUCTION:
            unscheduled[pilot.id] = "already in production"
        elif pilot.stage == Stage.RETIRED:
            unscheduled[pilot.id] = "retired"
        elif score is None:
            unscheduled[pilot.id] = "not scored"
        elif score.decision not in (Decision.SCALE, Decision.FIX_THEN_SCALE):
            why = f": {score.decision_reason}" if score.decision_reason else ""
            unscheduled[pilot.id] = f"decision is {_DECISION_WORDS[score.decision]}{why}"
        else:
            candidates[pilot.id] = Candidate(pilot.id, score.rank, score.decision)

    in_production = {p.id for p in portfolio.pilots if p.stage == Stage.PRODUCTION}
    horizon = start + min(timedelta(days=round(365.25 * HORIZON_YEARS)), date.max - start)
    for dep in sorted(portfolio.dependencies, key=lambda d: (d.pilot, d.on)):
        cand = candidates.get(dep.pilot)
        if cand is None or dep.on in in_production:
            continue
        if dep.on in enablers:
            enabler = enablers[dep.on]
            if enabler.status == EnablerStatus.READY:
                continue
            if enabler.eta is None:
                unscheduled[cand.pilot] = f"needs enabler {enabler.name!r}, which is not ready and has no ETA"
            elif enabler.eta > horizon:
                unscheduled[cand.pilot] = (
                    f"needs enabler {enabler.name!r}, whose ETA {formatting.day(enabler.eta)} is more than "
                    f"{HORIZON_YEARS} years after the plan start"
                )
            else:
                cand.enabler_bounds.append((calendar.index_after(enabler.eta), enabler.id, enabler.eta))
        else:
            cand.pilot_deps.append(dep.on)
    drop_unschedulable(candidates, unscheduled, pilots)

    for cand in candidates.values():
        for dep_id in cand.pilot_deps:
            candidates[dep_id].dependents.append(cand.pilot)
        if cand.decision == Decision.FIX_THEN_SCALE:
            ratings, failed = _engine_view(prepared, cand.pilot)
            remedy = remediation_for(
                pilots[cand.pilot], method, settings.remediation_default_weeks, ratings, failed
            )
            cand.remediation_days = calendar.working_days(remedy.weeks)
            cand.remediation_reason = remedy.reason

    order = placement_order(candidates, unscheduled, pilots)
    capacity = CapacityTimeline(settings.max_concurrent_rollouts)
    saturation: dict[str, CapacityTimeline] = {}
    active = [t.setting for t in templates]
    starts: dict[str, int] = {}
    links: dict[str, list[Link]] = {}
    binding: dict[str, Link | None] = {}
    plans: dict[str, PilotPlan] = {}
    for done, pid in enumerate(order):
        cand = candidates[pid]
        pilot = pilots[pid]
        cohorts = allocate_cohorts(pilot, groups, active)
        group_offsets: dict[str, int] = {}
        for template, cohort in zip(templates, cohorts, strict=True):
            for piece in cohort:
                group_offsets.setdefault(piece.group, template.offset)

        earliest = cand.remediation_days
        bounds: list[tuple[int, Delay, Link]] = []
        for dep_id in cand.pilot_deps:
            day = starts[dep_id] + ready_offset
            ready_date = calendar.day(day - 1)
            delay = Delay(
                DelayKind.PILOT,
                dep_id,
                calendar.day(day),
                0,
                f"waits for pilot {pilots[dep_id].name!r} "
                f"({dep_id}) to be in production on {formatting.day(ready_date)}",
            )
            link = Link(dep_id, ready_offset, 0, "dependency")
            links.setdefault(pid, []).append(link)
            bounds.append((day, delay, link))
        for day, enabler_id, eta in cand.enabler_bounds:
            delay = Delay(
                DelayKind.ENABLER,
                enabler_id,
                calendar.day(day),
                0,
                f"waits for enabler {enablers[enabler_id].name!r} (ETA {formatting.day(eta)})",
            )
            bounds.append((day, delay, Link(enabler_id, 0, 0, "enabler", eta=eta)))
        bounds.sort(key=lambda b: (b[0], b[1].kind, b[1].ref))
        delays: list[Delay] = []
        bind: Link | None = Link(pid, 0, 0, REMEDIATION) if earliest > 0 else None
        at = earliest
        for day, delay, link in bounds:
            if day > at:
                delays.append(_with_days(delay, day - at))
                at, bind = day, link

        resources: list[tuple[CapacityTimeline, int, DelayKind, str]] = [
            (capacity, 0, DelayKind.CAPACITY, "")
        ]
        for gid in sorted(group_offsets, key=lambda g: (group_offsets[g], g)):
            timeline = saturation.setdefault(gid, CapacityTimeline(settings.max_changes_per_group))
            resources.append((timeline, group_offsets[gid], DelayKind.SATURATION, gid))
        moved = True
        while moved:
            moved = False
            for timeline, offset, kind, ref in resources:
                fit = timeline.earliest(at + offset, rollout_days - offset) - offset
                if fit > at:
                    released = sorted(
                        timeline.released_at(fit + offset), key=lambda o: (candidates[o].rank, o)
                    )
                    if kind == DelayKind.CAPACITY:
                        text = (
                            f"capacity: {settings.max_concurrent_rollouts} rollout(s) already in flight "
                            f"until {formatting.day(calendar.day(fit - 1))}"
                        )
                    else:
                        text = (
                            f"saturation of group {groups[ref].name!r} ({ref}): "
                            f"{settings.max_changes_per_group} change(s) already landing until "
                            f"{formatting.day(calendar.day(fit + offset - 1))}"
                        )
                    delays.append(Delay(kind, ref, calendar.day(fit), fit - at, text))
                    at, moved = fit, True
                    bind = (
                        Link(released[0], rollout_days, offset, kind.value, group=ref) if released else None
                    )
                    if bind is not None:
                        links.setdefault(pid, []).append(bind)
        capacity.add(at, at + rollout_days, pid)
        for timeline, offset, _kind, _ref in resources[1:]:
            timeline.add(at + offset, at + rollout_days, pid)
        starts[pid] = at
        binding[pid] = bind
        plans[pid] = _pilot_plan(
            pilot.id, pilot.name, cand, at, templates, cohorts, ready_offset, delays, calendar
        )
        if progress is not None:
            progress(done + 1, len(order))

    group_names = {g.id: g.name for g in portfolio.user_groups}
    analysis = critical_path_and_slack(
        order,
        starts,
        rollout_days,
        links,
        binding,
        calendar,
        {p.id: p.name for p in portfolio.pilots},
        {e.id: e.name for e in portfolio.enablers},
        group_names,
    )
    final = [
        replace(plans[pid], slack_days=analysis.slack[pid], critical=pid in analysis.critical)
        for pid in order
    ]
    final.sort(key=lambda p: (p.rollout_start, p.rank, p.pilot))
    rank_of = {pid: s.rank for pid, s in scores.pilots.items()}
    missing = [
        Unscheduled(
            pid, pilots[pid].name, scores.pilots[pid].decision if pid in scores.pilots else None, reason
        )
        for pid, reason in sorted(unscheduled.items(), key=lambda kv: (rank_of.get(kv[0], 1 << 30), kv[0]))
    ]
    return RolloutPlan(
        start=start,
        settings=settings,
        calendar=calendar,
        pilots=tuple(final),
        unscheduled=tuple(missing),
        critical_path=analysis.path,
        end=max((p.end for p in final), default=None),
        group_names=group_names,
    )


def _engine_view(
    prepared: Prepared | None, pilot_id: str
) -> tuple[dict[str, float | None] | None, set[str] | None]:
    """The engine's ratings (None where not assessed) and failed gate ids for one pilot, if known."""
    if prepared is None or pilot_id not in prepared.index:
        return None, None
    row = prepared.index[pilot_id]
    ratings: dict[str, float | None] = {
        cid: float(prepared.ratings[row, j]) if prepared.assessed[row, j] else None
        for j, cid in enumerate(prepared.criteria)
    }
    return ratings, {g.gate for g in prepared.gates[row] if not g.passed}


def _with_days(delay: Delay, days: int) -> Delay:
    return Delay(delay.kind, delay.ref, delay.until, days, delay.reason)


def _pilot_plan(
    pid: str,
    name: str,
    cand: Candidate,
    start: int,
    templates: list[_Template],
    cohorts: list[tuple[CohortSlice, ...]],
    ready_offset: int,
    delays: list[Delay],
    calendar: WorkCalendar,
) -> PilotPlan:
    phases: list[Phase] = []
    gates: list[Gate] = []
    if cand.remediation_days > 0:
        phases.append(
            Phase(
                pid,
                REMEDIATION,
                "Remediation",
                calendar.day(0),
                calendar.day(cand.remediation_days - 1),
                0,
                cand.remediation_days,
                0.0,
                (),
                cand.remediation_reason,
            )
        )
        gates.append(
            Gate(
                pid,
                REMEDIATION,
                "Remediation complete",
                phases[-1].end,
                "The production-gate checks this pilot failed now pass",
            )
        )
    for template, cohort in zip(templates, cohorts, strict=True):
        s = start + template.offset
        e = s + template.length
        setting = template.setting
        phases.append(
            Phase(
                pid,
                setting.id,
                setting.name,
                calendar.day(s),
                calendar.day(e - 1),
                s,
                e,
                setting.live_percent,
                cohort,
                setting.gate,
            )
        )
        gates.append(Gate(pid, setting.id, f"Gate: {setting.name}", calendar.day(e - 1), setting.gate))
    rollout_days = templates[-1].offset + templates[-1].length
    return PilotPlan(
        pilot=pid,
        name=name,
        rank=cand.rank,
        decision=cand.decision,
        phases=tuple(phases),
        gates=tuple(gates),
        delays=tuple(delays),
        target_users=sum(piece.people for cohort in cohorts for piece in cohort),
        start=phases[0].start,
        end=phases[-1].end,
        rollout_start=calendar.day(start),
        in_production=calendar.day(start + ready_offset - 1),
        start_index=start,
        end_index=start + rollout_days,
        waits_for=tuple(sorted(set(cand.pilot_deps) | {ref for _, ref, _ in cand.enabler_bounds})),
        slack_days=0,
        critical=False,
    )
