"""`liftoff template intake`, `liftoff import` and `liftoff scorecard`: Excel in and out, headless."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from planner.cli.common import check_output
from planner.errors import LiftoffError

MAX_PRINTED_PROBLEMS = 200


def register(commands: Any) -> None:
    template = commands.add_parser(
        "template",
        help="write a template workbook (intake: what pilot teams fill in before a workshop)",
        description="Write the Excel intake template: instructions, one sheet per kind of record, drop-downs "
        "for every closed list. With --from, the template is pre-filled with that project's data.",
    )
    template.add_argument("kind", choices=("intake",), help="which template")
    template.add_argument("out", help="workbook to write (.xlsx)")
    template.add_argument("--from", dest="source", help="pre-fill from this project file (.liftoff)")
    template.add_argument(
        "--method", help="scoring method id (default: the project's, or the default method)"
    )
    template.set_defaults(handler=_template)

    imp = commands.add_parser(
        "import",
        help="import a filled-in intake workbook into a project file",
        description="Read an intake workbook and write it as a project. Every problem is printed with its "
        "sheet, row and column, and nothing is written unless the whole workbook is valid. With --merge, "
        "pilots, people, enablers and user groups update the existing project by id and new ones are added.",
    )
    imp.add_argument("out", help="project file to write (.liftoff)")
    imp.add_argument("workbook", help="intake workbook (.xlsx)")
    imp.add_argument("--merge", metavar="EXISTING", help="merge into this existing project file")
    imp.add_argument(
        "--method", help="scoring method id (default: the existing project's, or the one the workbook names)"
    )
    imp.set_defaults(handler=_import)

    scorecard = commands.add_parser(
        "scorecard",
        help="write the Excel scorecard (live formulas: re-weight it in Excel)",
        description="Write the scorecard workbook: summary, triage matrix, ranked scorecard whose scores, "
        "ranks and decisions are formulas over the editable Weights, Ratings and Gates sheets (their "
        "results stored too, so any viewer shows them), finance, plans, funding and the method.",
    )
    scorecard.add_argument("file", help="project file (.liftoff)")
    scorecard.add_argument("out", help="workbook to write (.xlsx)")
    scorecard.add_argument(
        "--sessions",
        action="store_true",
        help="add every training session (the Training sheet has one row per cohort)",
    )
    scorecard.set_defaults(handler=_scorecard)


def _method(method_id: str | None, portfolio: Any = None) -> Any:
    from planner.method import load_method

    if method_id is None and portfolio is not None:
        method_id = portfolio.method.id
    return load_method(method_id or "pilot-to-production")


def _template(args: Any) -> int:
    from planner.intake.workbook import write_template
    from planner.portfolio.store import load

    check_output(Path(args.out))
    portfolio = load(args.source) if args.source else None
    method = _method(args.method, portfolio)
    write_template(Path(args.out), portfolio, method)
    filled = f" with {len(portfolio.pilots)} pilots" if portfolio is not None else ""
    print(f"wrote intake template {args.out}{filled}")
    return 0


def _import(args: Any) -> int:
    from planner.intake.workbook import merge, read_intake
    from planner.portfolio.store import load, save

    current = load(args.merge) if args.merge else None
    # a new project takes the method the workbook was written for; a merge keeps the project's
    method = _method(args.method, current) if args.method or current is not None else None
    result = read_intake(Path(args.workbook), method)
    if not result.ok:
        problems = result.problems
        for problem in problems[:MAX_PRINTED_PROBLEMS]:
            print(f"{args.workbook}: {problem}", file=sys.stderr)
        if len(problems) > MAX_PRINTED_PROBLEMS:
            print(f"… and {len(problems) - MAX_PRINTED_PROBLEMS} more problem(s)", file=sys.stderr)
        print(f"nothing imported: {len(problems)} problem(s)", file=sys.stderr)
        return 1
    assert result.portfolio is not None
    portfolio = result.portfolio
    if current is not None:
        merged = merge(current, portfolio)
        if merged.portfolio is None:
            for conflict in merged.conflicts:
                print(f"{args.workbook}: conflict: {conflict}", file=sys.stderr)
            print(f"nothing imported: {len(merged.conflicts)} conflict(s)", file=sys.stderr)
            return 1
        portfolio = merged.portfolio
        print(f"merged: {len(merged.added)} added, {len(merged.updated)} updated")
    save(portfolio, args.out)
    print(f"wrote {args.out}: {len(portfolio.pilots)} pilots, {len(portfolio.stakeholders)} stakeholders")
    return 0


def _scorecard(args: Any) -> int:
    from planner.export.xlsx.workbook import write_scorecard
    from planner.method import effective_weights
    from planner.portfolio.store import load
    from planner.triage.scoring import prepare, rescore

    portfolio = load(args.file)
    method = _method(None, portfolio)
    prepared = prepare(portfolio, method)
    scores = rescore(prepared, effective_weights(method, portfolio))
    out = Path(args.out)
    if out.suffix.lower() != ".xlsx":
        raise LiftoffError(f"{out}: the scorecard is an Excel workbook; name it *.xlsx")
    check_output(out)
    write_scorecard(out, portfolio, scores, method, prepared=prepared, sessions=args.sessions)
    print(f"wrote scorecard {out}: {len(portfolio.pilots)} pilots")
    return 0
