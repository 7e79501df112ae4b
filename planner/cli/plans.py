"""`liftoff plan` and `liftoff training`: the phased rollout plan and the training plan, headless."""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from planner.cli.common import print_json, print_table
from planner.formatting import count, day, hours, money, percent


def register(commands: Any) -> None:
    plan = commands.add_parser(
        "plan",
        group="plans",
        help="dated rollout phases, gates, delays, critical path",
        description="Schedule every pilot to scale (and every pilot to fix, after its remediation) through "
        "shadow, beta and expansion phases, respecting dependencies, enabler ETAs and the capacity "
        "and change-saturation caps of the project's plan settings.",
    )
    plan.add_argument("file", help="project file (.liftoff)")
    plan.add_argument("--start", type=_date, help="plan start date, YYYY-MM-DD (default: the saved setting)")
    plan.add_argument("--format", choices=("table", "json"), default="table")
    plan.set_defaults(handler=_plan)

    training = commands.add_parser(
        "training",
        group="plans",
        help="sessions, hours, cost and the change-budget check",
        description="Plan the training of every cohort the rollout brings live, within the lead window "
        "before go-live and the weekly trainer capacity.",
    )
    training.add_argument("file", help="project file (.liftoff)")
    training.add_argument(
        "--start", type=_date, help="plan start date, YYYY-MM-DD (default: the saved setting)"
    )
    training.add_argument("--format", choices=("table", "json"), default="table")
    training.set_defaults(handler=_training)


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def _rollout(args: argparse.Namespace) -> tuple[Any, Any]:
    from planner.method import effective_weights
    from planner.plans.rollout import plan_rollout
    from planner.portfolio.store import load_with_method
    from planner.triage.scoring import prepare, rescore

    portfolio, method = load_with_method(args.file)
    settings = portfolio.plan
    if args.start is not None:
        settings = settings.model_copy(update={"start": args.start})
    prepared = prepare(portfolio, method)
    scores = rescore(prepared, effective_weights(method, portfolio))
    return portfolio, plan_rollout(portfolio, scores, method, settings, prepared=prepared)


def _plan(args: argparse.Namespace) -> int:
    _, plan = _rollout(args)
    if args.format == "json":
        print_json(plan.to_dict())
        return 0
    print(f"Rollout plan from {day(plan.start)} to {day(plan.end) if plan.end else '–'}")
    rows = []
    for pilot in plan.pilots:
        for phase in pilot.phases:
            rows.append(
                [
                    pilot.pilot,
                    phase.name,
                    day(phase.start),
                    day(phase.end),
                    phase.people,
                    percent(phase.live_percent),
                    "yes" if pilot.critical else "",
                ]
            )
    print()
    print_table(["pilot", "phase", "start", "end", "people live", "share", "critical"], rows)
    delays = [[p.pilot, d.days, d.reason] for p in plan.pilots for d in p.delays]
    if delays:
        print("\nDelays (working days)")
        print_table(["pilot", "days", "reason"], delays)
    slack = [[p.pilot, p.name, day(p.rollout_start), day(p.in_production), p.slack_days] for p in plan.pilots]
    print("\nPilots")
    print_table(["pilot", "name", "rollout start", "in production", "slack (days)"], slack)
    if plan.unscheduled:
        print("\nNot scheduled")
        print_table(["pilot", "name", "reason"], [[u.pilot, u.name, u.reason] for u in plan.unscheduled])
    if plan.critical_path:
        print("\nCritical path")
        print_table(
            ["step", "id", "name", "start", "end", "hands over by"],
            [
                [s.kind, s.id, s.name, day(s.start) if s.start else "", day(s.end), s.via]
                for s in plan.critical_path
            ],
        )
    return 0


def _training(args: argparse.Namespace) -> int:
    from planner.plans.training import plan_training

    portfolio, rollout = _rollout(args)
    plan = plan_training(portfolio, rollout)
    if args.format == "json":
        print_json(plan.to_dict())
        return 0
    print_table(
        [
            "date",
            "pilot",
            "phase",
            "group",
            "module",
            "format",
            "sessions",
            "learners",
            "trainer h",
            "go-live",
        ],
        [
            [
                day(s.day),
                s.pilot,
                s.phase,
                s.group or "(executives)",
                s.module_name,
                s.format.value,
                s.count,
                s.learners,
                hours(s.trainer_hours),
                day(s.go_live),
            ]
            for s in plan.sessions
        ],
    )
    t = plan.totals
    print(
        f"\nTotals: {count(t.sessions)} led sessions, {count(t.self_paced)} self-paced places, "
        f"{hours(t.learner_hours)} learner hours, {hours(t.trainer_hours)} trainer hours, "
        f"cost {money(t.cost, portfolio.currency)}; "
        f"{count(t.covered)} of {count(t.people)} people trained before go-live"
    )
    low, high = plan.guideline
    if plan.portfolio_share_percent is None:
        print(f"Change budget: no scale budgets recorded, cannot check the {low:g}–{high:g} % guideline")
    else:
        flag = "UNDER the guideline" if plan.under_guideline else "within or above the guideline"
        share = plan.portfolio_share_percent
        print(f"Change budget: {percent(share)} of scale budgets, {flag} ({low:g}–{high:g} %)")
    notes = [
        [
            b.pilot,
            None if b.share_percent is None else percent(b.share_percent),
            money(b.training_cost, portfolio.currency),
            b.note,
        ]
        for b in plan.budget
        if b.note
    ]
    if notes:
        print_table(["pilot", "change budget", "training cost", "note"], notes)
    if plan.gaps:
        print("\nNot trained before go-live")
        print_table(
            ["pilot", "phase", "group", "people", "reason"],
            [[g.pilot, g.phase, g.group, g.people, g.reason] for g in plan.gaps],
        )
    if plan.unplaced:
        print("\nSessions without room")
        print_table(
            ["pilot", "phase", "group", "module", "reason"],
            [[g.pilot, g.phase, g.group or "(executives)", g.module, g.reason] for g in plan.unplaced],
        )
    return 0
