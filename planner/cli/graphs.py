"""`liftoff stakeholders` and `liftoff dependencies`: the graph analyses, headless.

A dependency cycle is a user error: the command exits 1 with the cycle named in order.
"""

from __future__ import annotations

import argparse
import dataclasses
from datetime import date
from enum import Enum
from typing import Any

from planner.cli.common import print_json, print_table
from planner.formatting import day, money, percent, score


def register(commands: Any) -> None:
    people = commands.add_parser(
        "stakeholders",
        group="analyses",
        help="quadrants, influence, resisters and routes, actions",
        description="Analyse the people around the pilots: power/interest quadrant and stance gap, "
        "influence rank, brokers, department silos, each pilot's coalition and support, the "
        "high-influence resisters with the route to reach them, portfolio risks and engagement actions.",
    )
    people.add_argument("file", help="project file (.liftoff)")
    people.add_argument("--pilot", metavar="ID", help="only this pilot's coalition, resisters and actions")
    people.add_argument("--format", choices=("table", "json"), default="table")
    people.set_defaults(handler=_stakeholders)

    deps = commands.add_parser(
        "dependencies",
        group="analyses",
        help="waves, blocked pilots, enablers by value unblocked",
        description="Analyse what each pilot needs first: waves (topological generations), blocked "
        "pilots with the chain of what blocks them, and the enablers not yet ready ranked by the NPV "
        "of the pilots waiting on them. A dependency cycle is an error naming the cycle.",
    )
    deps.add_argument("file", help="project file (.liftoff)")
    deps.add_argument("--format", choices=("table", "json"), default="table")
    deps.set_defaults(handler=_dependencies)


def _load(path: str) -> Any:
    """The validated project at `path` (a located one-line error otherwise)."""
    from planner.portfolio.store import load

    return load(path)


def plain(value: Any) -> Any:
    """JSON-ready data from the analyses' dataclasses, enums, dates, tuples and dicts."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(plain(k)): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [plain(v) for v in value]
    return value


def _stakeholders(args: argparse.Namespace) -> int:
    from planner.errors import LiftoffError
    from planner.graphs.stakeholders import about_pilot, analyse_stakeholders

    portfolio = _load(args.file)
    if args.pilot is not None and args.pilot not in {p.id for p in portfolio.pilots}:
        raise LiftoffError(f"--pilot: unknown pilot {args.pilot!r} in {args.file}")
    analysis = analyse_stakeholders(portfolio)
    if args.pilot is not None:
        analysis = about_pilot(analysis, args.pilot)
    names = {s.id: s.name for s in portfolio.stakeholders}
    if args.format == "json":
        print_json(
            {
                "people": plain(analysis.people),
                "influence_order": list(analysis.influence_order),
                "brokers": list(analysis.brokers),
                "silos": plain(analysis.silos),
                "coalitions": plain(analysis.coalitions),
                "risks": plain(analysis.risks),
                "actions": plain(analysis.actions),
            }
        )
        return 0

    around = f" around {args.pilot}" if args.pilot else ""
    print(f"People{around} (most influential first)")
    print_table(
        ("rank", "id", "name", "quadrant", "stance", "gap", "influence", "broker"),
        [
            (
                a.influence_rank,
                a.id,
                names[a.id],
                a.quadrant.value,
                portfolio_stance(portfolio, a.id),
                a.stance_gap,
                percent(a.influence_score * 100),
                "yes" if a.broker else "",
            )
            for a in (analysis.people[p] for p in analysis.influence_order)
        ],
    )
    print("\nPilots: support and high-influence resisters")
    rows = []
    for pilot_id, found in analysis.coalitions.items():
        routes = "; ".join(
            f"{r.resister} via {r.through}" if r.through else f"{r.resister} (no route)"
            for r in found.resisters
        )
        support = None if found.support is None else score(found.support)
        rows.append((pilot_id, len(found.members), support, routes or "–"))
    print_table(("pilot", "people", "support", "resisters"), rows)
    if analysis.silos:
        print("\nSilos")
        print_table(("department", "people"), [(s.department, ", ".join(s.members)) for s in analysis.silos])
    print("\nRisks")
    print_table(("risk", "subject", "detail"), [(r.kind.value, r.subject, r.message) for r in analysis.risks])
    print("\nActions")
    print_table(
        ("by", "who", "whom", "why"),
        [(day(a.by), a.who or "portfolio office", a.whom, a.why) for a in analysis.actions],
    )
    return 0


def portfolio_stance(portfolio: Any, person: str) -> str:
    for s in portfolio.stakeholders:
        if s.id == person:
            return f"{s.stance.value} → {s.desired_stance.value}"
    return ""


def _dependencies(args: argparse.Namespace) -> int:
    from planner.graphs.dependencies import analyse_dependencies

    portfolio = _load(args.file)
    analysis = analyse_dependencies(portfolio)
    if args.format == "json":
        print_json(plain(analysis))
        return 0
    print("Waves (each needs only earlier waves)")
    print_table(("wave", "items"), [(i + 1, ", ".join(w)) for i, w in enumerate(analysis.waves)])
    print("\nBlocked pilots")
    print_table(
        ("pilot", "waiting on", "start with", "chain"),
        [
            (b.pilot, ", ".join(b.blocked_by), ", ".join(b.root_blockers), " → ".join(b.chain))
            for b in sorted(analysis.blocked.values(), key=lambda b: b.pilot)
        ],
    )
    print("\nCritical enablers (value unblocked: the NPV of the pilots waiting)")
    print_table(
        ("enabler", "value unblocked", "pilots", "earliest"),
        [
            (
                e.enabler,
                money(e.value_unblocked, portfolio.currency),
                len(e.dependents),
                "unknown" if (when := analysis.earliest[e.enabler]) is None else day(when),
            )
            for e in analysis.critical
        ],
    )
    return 0
