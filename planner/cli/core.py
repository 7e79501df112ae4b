"""Core commands: ``demo``, ``score``, ``explain`` and ``validate`` (``snapshot`` and ``diff`` are in
``history``).

Every command reads a project file through ``planner.portfolio.store`` (so a bad file is one located line on
stderr) and scores it with the portfolio's own method and weights. Only ``demo`` writes a file,
atomically and holding the project's lock (``planner.portfolio.lock``), as the app does.
"""

from __future__ import annotations

import argparse
import csv
import sys
from typing import Any

from planner.cli.common import losses, print_json, print_table, project_writer
from planner.formatting import rating, score, signed

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

    score_command = commands.add_parser(
        "score",
        group="portfolio",
        help="score and rank every pilot, with its decision",
        description="Score every pilot on value, readiness and sponsorship with the portfolio's method "
        "and weights, and show the ranking with each decision (* = overridden by a user).",
    )
    score_command.add_argument("file", help="project file (.liftoff)")
    score_command.add_argument(
        "--format", choices=("table", "json", "csv"), default="table", help="output format"
    )
    score_command.set_defaults(handler=_score)

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


def load_and_score(path: str) -> tuple[Any, Any, Any]:
    """The project at `path`, its method and its scores (a file without its method refused, named)."""
    from planner.portfolio.store import load_with_method
    from planner.triage import scoring

    portfolio, method = load_with_method(path)
    return portfolio, method, scoring.score(portfolio, method)


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
    portfolio, method, scores = load_and_score(args.file)
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
        [*row[:3], *(score(getattr(scores.pilots[row[1]], k)) for k in DIMENSION_COLUMNS), *row[7:]]
        for row in flat
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
        f"rank {ps.rank}: composite {score(ex.composite)} (value {score(ex.value)}, readiness "
        f"{score(ex.readiness)}, sponsorship {score(ex.sponsorship)})\n"
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
                None if c.rating is None else rating(c.rating),
                c.evidence,
                score(c.points),
                score(c.gap),
                score(c.composite_gap),
            ]
            for c in ex.contributions
        ],
    )
    if ex.largest_gaps:
        gaps = "; ".join(f"{c.name} {score(c.composite_gap)}" for c in ex.largest_gaps)
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
                    signed(r.uplift),
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
