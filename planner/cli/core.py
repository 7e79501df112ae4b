"""Core commands: ``score``, ``explain``, ``validate``, ``demo``, ``snapshot`` and ``diff``.

Every command reads a project file through ``planner.portfolio.store`` (so a bad file is one located line on
stderr) and scores it with the portfolio's own method and weights. Only ``snapshot`` and ``demo``
write files, both atomically and holding the project's lock (``planner.portfolio.lock``), as the app does.
"""

from __future__ import annotations

import argparse
import csv
import sys
from datetime import datetime
from typing import Any

from planner.cli.common import losses, print_json, print_table, project_writer

SCORE_COLUMNS = (
    "rank",
    "pilot",
    "name",
    "value",
    "readiness",
    "sponsorship",
    "composite",
    "gates",
    "decision",
    "blocked_by",
)
_CSV_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
DIMENSION_COLUMNS = ("value", "readiness", "sponsorship", "composite")  # SCORE_COLUMNS[3:7]


def register(commands: Any) -> None:
    demo = commands.add_parser(
        "demo",
        group="portfolio",
        help="write the demo portfolio to a file",
        description="Write the shipped demo portfolio (a fictional group with pilots, people, enablers "
        "and a recorded committee snapshot) to OUT, to try every command on.",
    )
    demo.add_argument("out", metavar="OUT.liftoff", help="where to write the demo project")
    demo.add_argument(
        "--force",
        action="store_true",
        help="overwrite OUT if it exists (the previous file is kept as OUT.bak)",
    )
    demo.set_defaults(handler=_demo)

    score = commands.add_parser(
        "score",
        group="portfolio",
        help="score and rank every pilot, with its decision",
        description="Score every pilot on value, readiness and sponsorship with the portfolio's method "
        "and weights, and show the ranking with each decision (* = overridden by a user).",
    )
    score.add_argument("file", help="project file (.liftoff)")
    score.add_argument("--format", choices=("table", "json", "csv"), default="table", help="output format")
    score.set_defaults(handler=_score)

    explain = commands.add_parser(
        "explain",
        group="portfolio",
        help="why a pilot scores as it does and what would lift it",
        description="Show one pilot's criterion contributions, largest gaps, failure modes, remedies "
        "ranked by expected uplift, and the production gate checks.",
    )
    explain.add_argument("file", help="project file (.liftoff)")
    explain.add_argument("pilot", metavar="PILOT_ID", help="the pilot's id")
    explain.add_argument("--format", choices=("text", "json"), default="text", help="output format")
    explain.set_defaults(handler=_explain)

    validate = commands.add_parser(
        "validate",
        group="files",
        help="check a project file",
        description="Load a project file and list what its scoring method does not know (ignored when "
        "scoring) and any dependency cycle. Exit 1 when the file cannot be loaded, or with --strict "
        "when there is any warning.",
    )
    validate.add_argument("file", help="project file (.liftoff)")
    validate.add_argument("--strict", action="store_true", help="exit 1 when there are warnings")
    validate.set_defaults(handler=_validate)

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
        "scores. Shows decision changes, score and rank moves (biggest first), new and removed pilots.",
    )
    diff.add_argument("file", help="project file (.liftoff)")
    diff.add_argument("before", metavar="SNAP_A", help="snapshot id or label, or 'current'")
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


def _load_and_score(path: str) -> tuple[Any, Any, Any]:
    from planner.portfolio.store import load_with_method
    from planner.triage.scoring import score

    portfolio, method = load_with_method(path)
    return portfolio, method, score(portfolio, method)


def _score_rows(portfolio: Any, scores: Any) -> list[dict[str, Any]]:
    names = {p.id: p.name for p in portfolio.pilots}
    rows = []
    for pid in scores.ranking:
        s = scores.pilots[pid]
        rows.append(
            {
                "rank": s.rank,
                "pilot": pid,
                "name": names[pid],
                "value": round(s.value, 2),
                "readiness": round(s.readiness, 2),
                "sponsorship": round(s.sponsorship, 2),
                "composite": round(s.composite, 2),
                "gates_passed": s.gates_passed,
                "gates_total": s.gates_total,
                "decision": s.decision.value,
                "computed_decision": s.computed_decision.value,
                "overridden": s.overridden,
                "decision_reason": s.decision_reason,
                "blocked_by": list(s.blocked_by),
                "months_in_pilot": None if s.months_in_pilot is None else round(s.months_in_pilot, 1),
            }
        )
    return rows


def _csv_text(value: Any) -> Any:
    """Text a spreadsheet would run as a formula gets a leading apostrophe (CSV injection)."""
    if isinstance(value, str) and value.startswith(_CSV_TRIGGERS):
        return "'" + value
    return value


def _score(args: argparse.Namespace) -> int:
    portfolio, method, scores = _load_and_score(args.file)
    rows = _score_rows(portfolio, scores)
    if args.format == "json":
        counts = {d.value: n for d, n in scores.tally.items()}
        print_json({"portfolio": portfolio.name, "method": method.id, "pilots": rows, "tally": counts})
        return 0
    flat = [
        [
            r["rank"],
            r["pilot"],
            r["name"],
            r["value"],
            r["readiness"],
            r["sponsorship"],
            r["composite"],
            f"{r['gates_passed']}/{r['gates_total']}",
            r["decision"] + ("*" if r["overridden"] else ""),
            " ".join(r["blocked_by"]),
        ]
        for r in rows
    ]
    if args.format == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(SCORE_COLUMNS)
        writer.writerows([[_csv_text(v) for v in row] for row in flat])
        return 0
    # the table rounds the exact scores once (as `explain` does); rounding the 2-decimal JSON/CSV
    # figures again showed e.g. 65.0526 as 65.0 here and 65.1 in `explain`
    exact = [
        [*row[:3], *(getattr(scores.pilots[row[1]], k) for k in DIMENSION_COLUMNS), *row[7:]] for row in flat
    ]
    print_table([c.replace("_", " ") for c in SCORE_COLUMNS], exact)
    tally = ", ".join(f"{n} {d.value.replace('_', ' ')}" for d, n in scores.tally.items() if n)
    print(f"\n{len(rows)} pilots: {tally or 'none'}  (* = decision overridden)")
    return 0


def _explain(args: argparse.Namespace) -> int:
    from planner.errors import LiftoffError
    from planner.method import effective_weights
    from planner.portfolio.store import load_with_method
    from planner.triage.explain import explain
    from planner.triage.scoring import prepare, rescore

    portfolio, method = load_with_method(args.file)
    known = [p.id for p in portfolio.pilots]
    if args.pilot not in known:
        listed = ", ".join(known[:10]) + (f" and {len(known) - 10} more" if len(known) > 10 else "")
        raise LiftoffError(f"{args.file}: no pilot {args.pilot!r} (pilots: {listed or 'none'})")
    prepared = prepare(portfolio, method)
    weights = effective_weights(method, portfolio)
    ex = explain(prepared, weights, args.pilot)
    ps = rescore(prepared, weights).pilots[args.pilot]
    if args.format == "json":
        from dataclasses import asdict

        data = asdict(ex)
        data.update(
            name=portfolio.pilot(args.pilot).name,
            rank=ps.rank,
            final_decision=ps.decision.value,
            overridden=ps.overridden,
            decision_reason=ps.decision_reason,
            blocked_by=list(ps.blocked_by),
        )
        print_json(data)
        return 0
    _print_explanation(portfolio.pilot(args.pilot), ex, ps)
    return 0


def _print_explanation(pilot: Any, ex: Any, ps: Any) -> None:
    out = sys.stdout
    out.write(f"{pilot.id} — {pilot.name}\n")
    out.write(
        f"rank {ps.rank}: composite {ex.composite:.1f} (value {ex.value:.1f}, readiness "
        f"{ex.readiness:.1f}, sponsorship {ex.sponsorship:.1f})\n"
    )
    decision = ps.decision.value.replace("_", " ")
    if ps.overridden:
        decision += f" (overridden; the method says {ps.computed_decision.value.replace('_', ' ')})"
    out.write(f"decision: {decision} — {ps.decision_reason}\n")
    if ps.blocked_by:
        out.write(f"blocked by: {', '.join(ps.blocked_by)}\n")
    out.write("\nContributions\n")
    print_table(
        ["dimension", "criterion", "rating", "evidence", "points", "gap", "composite gap"],
        [
            [
                c.dimension,
                c.name,
                c.rating,
                c.evidence,
                round(c.points, 1),
                round(c.gap, 1),
                round(c.composite_gap, 1),
            ]
            for c in ex.contributions
        ],
    )
    if ex.largest_gaps:
        gaps = "; ".join(f"{c.name} {c.composite_gap:.1f}" for c in ex.largest_gaps)
        out.write(f"\nLargest gaps (composite points): {gaps}\n")
    if ex.failure_modes:
        out.write("\nWhy it is stuck\n")
        for hit in ex.failure_modes:
            out.write(f"- {hit.name}: {hit.description} (signals: {', '.join(hit.signals)})\n")
    if ex.remedies:
        out.write("\nRemedies, best expected uplift first\n")
        print_table(
            ["remedy", "uplift", "weeks", "owner", "decision after", "addresses"],
            [
                [
                    r.name,
                    round(r.uplift, 1),
                    r.weeks,
                    r.owner_role,
                    r.decision_after.value.replace("_", " "),
                    ", ".join([*r.modes, *(f"gate {g}" for g in r.gates)]),
                ]
                for r in ex.remedies
            ],
        )
    failed = [g for g in ex.gates if not g.passed]
    out.write(f"\nProduction gate: {len(ex.gates) - len(failed)} of {len(ex.gates)} checks pass\n")
    for g in failed:
        none = " (no remedy of the method addresses it)" if g.gate in ex.unremedied_gates else ""
        out.write(f"- {g.name}: {g.reason}{none}\n")


def _validate(args: argparse.Namespace) -> int:
    from planner.graphs.dependencies import dependency_graph, find_cycle
    from planner.portfolio.store import load_with_method, method_warnings

    portfolio, method = load_with_method(args.file)
    warnings = method_warnings(portfolio, method)
    cycle = find_cycle(dependency_graph(portfolio))
    if cycle is not None:
        warnings.append(
            f"dependencies: cycle {' → '.join(cycle)} (→ means 'depends on'); plans need it broken"
        )
    for warning in warnings:
        print(f"warning: {warning}")
    counts = f"{len(portfolio.pilots)} pilots, {len(portfolio.stakeholders)} stakeholders"
    print(f"{args.file}: valid ({counts}), {len(warnings)} warning{'s' if len(warnings) != 1 else ''}")
    return 1 if warnings and args.strict else 0


def _demo(args: argparse.Namespace) -> int:
    import os

    from planner.errors import LiftoffError
    from planner.portfolio.store import load, save
    from planner.resources import templates_dir

    source = templates_dir() / "demo" / "demo.liftoff"
    if not source.is_file():
        raise LiftoffError("the demo portfolio is missing from this installation")
    if os.path.exists(args.out) and not args.force:
        raise LiftoffError(f"{args.out}: already exists (use --force to overwrite it)")
    portfolio = load(source)
    with project_writer(args.out, args.force, "demo"):
        if os.path.exists(args.out):
            try:
                lost = losses(load(args.out), portfolio)
            except LiftoffError:
                lost = "a file that is not a readable project"
            if lost:
                print(f"note: {args.out} is replaced by the demo and now holds less than before: {lost}")
        save(portfolio, args.out)
    print(f"wrote the demo portfolio {portfolio.name!r} ({len(portfolio.pilots)} pilots) to {args.out}")
    return 0


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
        portfolio, _method, scores = _load_and_score(args.file)
        snap = record(portfolio, scores, args.label)
        save(add_snapshot(portfolio, snap), args.file)
    print(f"recorded snapshot {snap.id} ({snap.label!r}, {len(snap.entries)} pilots) in {args.file}")
    return 0


def _resolve(portfolio: Any, scores: Any, key: str) -> Any:
    from planner.triage.snapshots import CURRENT, current, find

    return current(portfolio, scores) if key == CURRENT else find(portfolio, key)


def _when(taken: datetime) -> str:
    return taken.strftime("%Y-%m-%d %H:%M")


def _signed(x: float) -> str:
    return f"{x:+.1f}" if round(x, 1) != 0 else "0.0"


def _diff(args: argparse.Namespace) -> int:
    from planner.errors import LiftoffError
    from planner.triage.snapshots import SnapshotError, diff

    portfolio, _method, scores = _load_and_score(args.file)
    try:
        a = _resolve(portfolio, scores, args.before)
        b = _resolve(portfolio, scores, args.after)
    except SnapshotError as exc:
        raise LiftoffError(f"{args.file}: {exc}") from None
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
        out.write(f"- {m.pilot} {m.name}: {before} → {after} (composite {_signed(m.composite)})\n")
    out.write(f"\nScore moves ({'all pilots' if args.all else 'pilots that moved'}), biggest first\n")
    if moves:
        print_table(
            ["pilot", "name", "composite", "value", "readiness", "sponsorship", "rank", "decision"],
            [
                [
                    m.pilot,
                    m.name,
                    _signed(m.composite),
                    _signed(m.value),
                    _signed(m.readiness),
                    _signed(m.sponsorship),
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
                out.write(f"- {e.pilot} {e.name}: composite {e.composite:.1f}, rank {e.rank}, {decision}\n")
    return 0
