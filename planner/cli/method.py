"""`liftoff method show|export|import|diff`: the scoring method a project carries, as a file.

A SOURCE is a project file (``*.liftoff``: the method it carries), a method file (``*.json`` from any
folder, e.g. one ``export`` wrote or a consultancy's own) or the id of a method shipped with Liftoff
(``pilot-to-production``). Every file is untrusted: a method that does not validate is refused with
its file and JSON path on one line, and nothing is written. ``import`` writes the project atomically
(keeping FILE.bak) only once the method is valid and works with the project's weights.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from planner.cli.common import print_table, project_writer
from planner.formatting import count, number

SOURCE_HELP = "a project (.liftoff), a method file (.json) or a shipped method's id"


def register(commands: Any) -> None:
    method = commands.add_parser(
        "method",
        group="files",
        help="the scoring method as a file: show, export, import, diff",
        description="show SOURCE: the method's dimensions, criteria, gates and AI Act obligations. "
        "export SOURCE OUT.json: write the method to a method file. import FILE METHOD: the project "
        "FILE is scored with METHOD from now on and carries it (the decisions that move are listed; "
        "--dry-run writes nothing). diff A B: what differs between two methods, and with a project as "
        "A, which of its decisions B would move. A SOURCE, METHOD, A or B is " + SOURCE_HELP + ".",
    )
    method.add_argument("action", choices=("show", "export", "import", "diff"))
    method.add_argument("source", metavar="SOURCE", help=SOURCE_HELP + " (import: the project)")
    method.add_argument(
        "target", metavar="TARGET", nargs="?", help="export: OUT.json; import: METHOD; diff: B"
    )
    method.add_argument(
        "--dry-run", action="store_true", help="import: show what would change, write nothing"
    )
    method.add_argument(
        "--force",
        action="store_true",
        help="import: take over a lock on the project whose holder cannot be checked",
    )
    method.set_defaults(handler=_method)


def _read(source: str) -> tuple[Any, Any]:
    """(method, project or None) from a project file, a method file or a shipped method's id."""
    from planner.errors import LiftoffError
    from planner.method import available_methods, load_method, load_method_file, method_of
    from planner.portfolio.store import load

    path = Path(source)
    if path.suffix.lower() == ".liftoff":
        portfolio = load(path)
        return method_of(portfolio), portfolio
    if path.exists():
        return load_method_file(path), None
    if source in available_methods():
        return load_method(source), None
    shipped = ", ".join(available_methods())
    raise LiftoffError(f"{source}: no such file, and no shipped method by that id (shipped: {shipped})")


def _need(args: argparse.Namespace, what: str) -> str:
    from planner.errors import LiftoffError

    if not args.target:
        raise LiftoffError(f"method {args.action}: give {what}")
    return str(args.target)


def _method(args: argparse.Namespace) -> int:
    if args.action == "show":
        return _show(_read(args.source)[0])
    if args.action == "export":
        return _export(args, _need(args, "the method file to write (OUT.json)"))
    if args.action == "import":
        return _import(args, _need(args, "the method to import (a method file or a shipped id)"))
    return _diff(args, _need(args, "the second method (B)"))


def _title(method: Any) -> str:
    return f"{method.name!r} ({method.id}, version {method.version})"


def _show(method: Any) -> int:
    from planner.method import DIMENSION_ROLES, DIMENSIONS

    out = sys.stdout
    out.write(f"Method {_title(method)}\n\nDimensions\n")
    names = method.criterion_names
    print_table(
        ["dimension", "weight", "criteria", "role in the decision rules"],
        [
            [method.dimension_name(d), number(method.dimension(d).weight), len(method.criteria_of(d)), role]
            for d, role in ((d, DIMENSION_ROLES[d]) for d in DIMENSIONS)
        ],
    )
    out.write("\nCriteria\n")
    print_table(
        ["criterion", "id", "dimension", "weight", "rated"],
        [
            [
                c.name,
                c.id,
                method.dimension_name(c.dimension),
                number(c.weight),
                "typed"
                if c.derived is None
                else f"{c.derived.value} of {', '.join(names[r] for r in c.inputs)}"
                if c.inputs
                else f"derived: {c.derived.value.replace('_', ' ')}",
            ]
            for c in method.criteria
        ],
    )
    out.write("\nProduction gate checks (all required to scale)\n")
    print_table(
        ["gate check", "id", "evidenced by", "rule"],
        [
            [g.name, g.id, ", ".join(names[c] for c in g.criteria), g.rule.value if g.rule else ""]
            for g in method.gates
        ],
    )
    gate_names = method.gate_names
    if method.obligations:
        out.write("\nAI Act obligations (a pilot of these tiers cannot scale while a gate check fails)\n")
        print_table(
            ["obligation", "tiers", "gate checks"],
            [
                [o.name, ", ".join(t.value for t in o.tiers), ", ".join(gate_names[g] for g in o.gates)]
                for o in method.obligations
            ],
        )
    out.write("\nDecision thresholds\n")
    print_table(
        ["threshold", "set at"],
        [[method.threshold_name(k), number(v)] for k, v in method.thresholds.items()],
    )
    out.write(f"{count(len(method.failure_modes))} failure modes, {count(len(method.remedies))} remedies\n")
    return 0


def _export(args: argparse.Namespace, out: str) -> int:
    from planner.cli.common import check_output
    from planner.method import method_json
    from planner.portfolio.store import write_bytes

    method, _ = _read(args.source)
    check_output(Path(out))
    write_bytes(method_json(method).encode("utf-8"), out)
    print(
        f"wrote the method {_title(method)} to {out}: {count(len(method.criteria))} criteria, "
        f"{count(len(method.gates))} gate checks"
    )
    return 0


def _print_moves(moves: Any) -> None:
    def words(decision: Any) -> str:
        return str(decision.value).replace("_", " ")

    print(f"{count(len(moves))} decision{'s' if len(moves) != 1 else ''} move")
    if moves:
        print_table(
            ["pilot", "name", "now", "then", "why"],
            [[m.pilot, m.name, words(m.before), words(m.after), m.reason] for m in moves],
        )


def _import(args: argparse.Namespace, source: str) -> int:
    from planner.errors import LiftoffError
    from planner.portfolio.methods import use_method
    from planner.portfolio.store import load, method_warnings, save
    from planner.triage.method_change import decision_moves

    if Path(args.source).suffix.lower() != ".liftoff":
        raise LiftoffError(f"{args.source}: import into a project file (.liftoff)")
    method, _ = _read(source)
    if args.dry_run:
        portfolio = load(args.source)
        after = use_method(portfolio, method)
        print(f"{args.source} would be scored with the method {_title(method)} (nothing written)")
    else:
        with project_writer(args.source, args.force, "method import"):
            portfolio = load(args.source)
            after = use_method(portfolio, method)  # refused here, before anything is written
            save(after, args.source)
        print(f"{args.source} is now scored with the method {_title(method)}, which it carries")
    for warning in method_warnings(after, method):
        print(f"warning: {warning}")
    _print_moves(decision_moves(portfolio, method))
    return 0


def _diff(args: argparse.Namespace, b: str) -> int:
    from planner.portfolio.methods import diff_methods
    from planner.triage.method_change import decision_moves

    old, portfolio = _read(args.source)
    new, _ = _read(b)
    changes = diff_methods(old, new)
    print(
        f"from {_title(old)} to {_title(new)}: {count(len(changes))} change{'s' if len(changes) != 1 else ''}"
    )
    if changes:
        print_table(["section", "item", "change"], [[c.section, c.item, c.text] for c in changes])
    if portfolio is not None:
        print(f"\nWith the pilots of {args.source}:")
        _print_moves(decision_moves(portfolio, new, old))
    return 0
