"""`liftoff snapshot` and `liftoff diff`: what a committee saw, and what moved since.

``snapshot`` records the live scores inside the project file (atomically, keeping FILE.bak, holding
the project's lock as the app does) or lists the recorded ones; ``diff`` compares two of them, or one
with the live scores ("current").
"""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from typing import Any

from planner.cli.common import print_json, print_table, project_writer
from planner.cli.core import load_and_score
from planner.formatting import day, score, signed


def register(commands: Any) -> None:
    snapshot = commands.add_parser(
        "snapshot",
        group="portfolio",
        help="record the scores in the project file, or --list them",
        description="Score the portfolio and record the results as a labelled snapshot inside the "
        "project file (the previous file is kept as FILE.bak). With --list, show the recorded ones.",
    )
    snapshot.add_argument("file", help="project file (.liftoff)")
    snapshot.add_argument("--label", help='e.g. "Steering committee, October" (required to record)')
    snapshot.add_argument("--list", action="store_true", help="list the recorded snapshots instead")
    snapshot.add_argument(
        "--force", action="store_true", help="take over a lock on FILE whose holder cannot be checked"
    )
    snapshot.set_defaults(handler=_snapshot)

    diff = commands.add_parser(
        "diff",
        group="portfolio",
        help="what moved between two snapshots",
        description="Compare two snapshots, each named by id or label; 'current' means the live "
        "scores. Shows decision changes, score and rank moves (biggest first), new and removed pilots. "
        "'liftoff snapshot FILE --list' lists the recorded snapshots.",
    )
    diff.add_argument("file", help="project file (.liftoff)")
    diff.add_argument(
        "before",
        metavar="SNAP_A",
        nargs="?",
        help="snapshot id or label, or 'current' (without it, the recorded ones are listed)",
    )
    diff.add_argument(
        "after",
        metavar="SNAP_B",
        nargs="?",
        default="current",
        help="snapshot id or label (default: current)",
    )
    diff.add_argument("--all", action="store_true", help="also list pilots that did not move")
    diff.add_argument("--format", choices=("table", "json"), default="table", help="output format")
    diff.set_defaults(handler=_diff)


def _list_snapshots(path: str) -> int:
    from planner.portfolio.store import load
    from planner.triage.snapshots import taken_order

    snaps = sorted(load(path).snapshots, key=taken_order)
    if not snaps:
        print(f"{path}: no snapshots recorded yet")
        return 0
    print_table(
        ["id", "label", "taken", "pilots"], [[s.id, s.label, _when(s.taken), len(s.entries)] for s in snaps]
    )
    return 0


def _snapshot(args: argparse.Namespace) -> int:
    from planner.errors import LiftoffError
    from planner.portfolio.edits import add_snapshot
    from planner.portfolio.store import save
    from planner.triage.snapshots import record

    if args.list:
        return _list_snapshots(args.file)
    if args.label is None:
        raise LiftoffError(
            "--label is required to record a snapshot (or use --list to see the recorded ones)"
        )
    with project_writer(args.file, args.force, "snapshot"):
        portfolio, _method, scores = load_and_score(args.file)
        snap = record(portfolio, scores, args.label)
        save(add_snapshot(portfolio, snap), args.file)
    print(f"recorded snapshot {snap.id} ({snap.label!r}, {len(snap.entries)} pilots) in {args.file}")
    return 0


def _resolve(portfolio: Any, scores: Any, key: str) -> Any:
    from planner.triage.snapshots import CURRENT, current, find

    return current(portfolio, scores) if key == CURRENT else find(portfolio, key)


def _when(taken: datetime) -> str:
    return f"{day(taken)} {taken:%H:%M}"


def _diff(args: argparse.Namespace) -> int:
    from planner.errors import LiftoffError
    from planner.triage.snapshots import SnapshotError, diff, recorded

    portfolio, _method, scores = load_and_score(args.file)
    listing = f"'liftoff snapshot {args.file} --list' lists them"
    if args.before is None:
        raise LiftoffError(
            f"{args.file}: name the snapshot to compare (SNAP_A); recorded: {recorded(portfolio)}, "
            f"and 'current' for the live scores ({listing})"
        )
    try:
        a = _resolve(portfolio, scores, args.before)
        b = _resolve(portfolio, scores, args.after)
    except SnapshotError as exc:
        raise LiftoffError(f"{args.file}: {exc} ({listing})") from None
    d = diff(a, b)
    moves = d.moves if args.all else d.changed
    if args.format == "json":
        print_json(
            {
                "before": {"id": a.id, "label": a.label, "taken": a.taken.isoformat()},
                "after": {"id": b.id, "label": b.label, "taken": b.taken.isoformat()},
                "moves": [
                    {
                        "pilot": m.pilot,
                        "name": m.name,
                        "value": m.value,
                        "readiness": m.readiness,
                        "sponsorship": m.sponsorship,
                        "composite": m.composite,
                        "rank_before": m.rank_before,
                        "rank_after": m.rank_after,
                        "decision_before": m.decision_before.value,
                        "decision_after": m.decision_after.value,
                        "gates_before": m.gates_before,
                        "gates_after": m.gates_after,
                    }
                    for m in moves
                ],
                "new": [e.model_dump(mode="json") for e in d.new],
                "removed": [e.model_dump(mode="json") for e in d.removed],
            }
        )
        return 0
    out = sys.stdout
    out.write(f"from {a.label} ({a.id}, {_when(a.taken)}) to {b.label} ({b.id}, {_when(b.taken)})\n")
    changes = d.decision_changes
    out.write(f"\nDecision changes: {len(changes)}\n")
    for m in changes:
        before, after = m.decision_before.value.replace("_", " "), m.decision_after.value.replace("_", " ")
        out.write(f"- {m.pilot} {m.name}: {before} → {after} (composite {signed(m.composite)})\n")
    out.write(f"\nScore moves ({'all pilots' if args.all else 'pilots that moved'}), biggest first\n")
    if moves:
        print_table(
            ["pilot", "name", "composite", "value", "readiness", "sponsorship", "rank", "decision"],
            [
                [
                    m.pilot,
                    m.name,
                    signed(m.composite),
                    signed(m.value),
                    signed(m.readiness),
                    signed(m.sponsorship),
                    f"{m.rank_before} → {m.rank_after}",
                    m.decision_after.value.replace("_", " "),
                ]
                for m in moves
            ],
        )
    else:
        out.write("(none)\n")
    for title, entries in (("New pilots", d.new), ("Removed pilots", d.removed)):
        if entries:
            out.write(f"\n{title}: {len(entries)}\n")
            for e in entries:
                decision = e.decision.value.replace("_", " ")
                composite = score(e.composite)
                out.write(f"- {e.pilot} {e.name}: composite {composite}, rank {e.rank}, {decision}\n")
    return 0
