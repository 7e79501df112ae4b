"""`liftoff template intake`, `liftoff import` and `liftoff scorecard`: Excel in and out, headless."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

from planner.cli.common import check_output, counts, losses, project_writer
from planner.errors import LiftoffError, safe_text

MAX_PRINTED_PROBLEMS = 200


def register(commands: Any) -> None:
    template = commands.add_parser(
        "template",
        group="files",
        help="write the intake workbook pilot teams fill in",
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
        group="files",
        help="import a filled-in intake workbook (merged into OUT when it exists)",
        description="Read an intake workbook into a project. When OUT exists, the workbook is merged into "
        "it as the app does: pilots, people, enablers and user groups update the project by id, new ones "
        "are added, and its snapshots, scenarios and weights are kept. --replace writes the workbook's "
        "data over OUT instead (saying what it replaces, and keeping a dated backup). Every problem is "
        "printed with its sheet, row and column, and nothing is written unless the whole workbook is valid.",
    )
    imp.add_argument("out", help="project file to write (.liftoff)")
    imp.add_argument("workbook", help="intake workbook (.xlsx)")
    imp.add_argument("--merge", metavar="EXISTING", help="merge into this project file instead of OUT")
    imp.add_argument(
        "--replace", action="store_true", help="replace OUT with the workbook's data (a dated backup is kept)"
    )
    imp.add_argument(
        "--force", action="store_true", help="take over a lock on OUT whose holder cannot be checked"
    )
    imp.add_argument(
        "--method", help="scoring method id (default: the existing project's, or the one the workbook names)"
    )
    imp.set_defaults(handler=_import)

    scorecard = commands.add_parser(
        "scorecard",
        group="exports",
        help="the Excel scorecard, with live formulas",
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
    """The installed method `method_id` names; without one, the method `portfolio` carries."""
    from planner.method import load_method, method_of

    if method_id is None and portfolio is not None:
        return method_of(portfolio)
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
    from planner.portfolio.store import ProjectFileError, dated_backup, load, save

    out = Path(args.out)
    if args.merge and args.replace:
        raise LiftoffError("--merge and --replace: choose one (merge into a project, or replace OUT)")
    check_output(out)
    with project_writer(out, args.force, "import"):
        existing = None
        if out.exists():
            try:
                existing = load(out)
            except ProjectFileError:
                if not args.replace:
                    raise
        base = load(args.merge) if args.merge else None if args.replace else existing
        if existing is not None and args.merge and not _same_file(args.merge, out):
            raise LiftoffError(
                f"{out}: already holds a project ({counts(existing)}); merging into {args.merge} would "
                "replace it: import into a new file, or merge into OUT itself (without --merge)"
            )
        portfolio = _read_and_merge(args, base)
        if portfolio is None:
            return 1
        if args.replace and out.exists():
            kept = dated_backup(out)
            what = counts(existing) if existing is not None else "a file that is not a readable project"
            print(f"replacing {out} ({what}); the previous file is kept as {kept}")
        lost = losses(existing, portfolio) if existing is not None else ""
        if lost:
            print(f"note: {out} now holds less than before: {lost}")
        save(portfolio, out)
    print(f"wrote {out}: {len(portfolio.pilots)} pilots, {len(portfolio.stakeholders)} stakeholders")
    return 0


def _same_file(a: str | None, b: Path) -> bool:
    return a is not None and os.path.realpath(a) == os.path.realpath(b)


def _read_and_merge(args: Any, base: Any) -> Any:
    """The workbook's portfolio merged into `base` (when given); None after printing the problems."""
    from planner.intake.workbook import merge, read_intake

    # a new project takes the method the workbook was written for; a merge keeps the project's
    method = _method(args.method, base) if args.method or base is not None else None
    result = read_intake(Path(args.workbook), method)
    if not result.ok:
        problems = result.problems
        for problem in problems[:MAX_PRINTED_PROBLEMS]:
            print(safe_text(f"{args.workbook}: {problem}"), file=sys.stderr)
        if len(problems) > MAX_PRINTED_PROBLEMS:
            print(f"… and {len(problems) - MAX_PRINTED_PROBLEMS} more problem(s)", file=sys.stderr)
        print(f"nothing imported: {len(problems)} problem(s)", file=sys.stderr)
        return None
    assert result.portfolio is not None
    if base is None:
        return result.portfolio
    merged = merge(base, result.portfolio)
    if merged.portfolio is None:
        for conflict in merged.conflicts:
            print(safe_text(f"{args.workbook}: conflict: {conflict}"), file=sys.stderr)
        print(f"nothing imported: {len(merged.conflicts)} conflict(s)", file=sys.stderr)
        return None
    print(f"merged: {len(merged.added)} added, {len(merged.updated)} updated")
    return merged.portfolio


def _scorecard(args: Any) -> int:
    from planner.export.xlsx.workbook import write_scorecard
    from planner.method import effective_weights
    from planner.portfolio.store import load_with_method
    from planner.triage.scoring import prepare, rescore

    portfolio, method = load_with_method(args.file)
    prepared = prepare(portfolio, method)
    scores = rescore(prepared, effective_weights(method, portfolio))
    out = Path(args.out)
    if out.suffix.lower() != ".xlsx":
        raise LiftoffError(f"{out}: the scorecard is an Excel workbook; name it *.xlsx")
    check_output(out)
    write_scorecard(out, portfolio, scores, method, prepared=prepared, sessions=args.sessions)
    print(f"wrote scorecard {out}: {len(portfolio.pilots)} pilots")
    return 0
