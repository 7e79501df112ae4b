"""`liftoff pack`: the PDF steering-committee pack, headless."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from planner.cli.common import solver_output_hidden
from planner.errors import LiftoffError

SECTION_IDS = (
    "cover",
    "contents",
    "summary",
    "triage",
    "scorecard",
    "changes",
    "funding",
    "pilots",
    "roadmap",
    "dependencies",
    "stakeholders",
    "training",
    "risks",
    "method",
)


def register(commands: Any) -> None:
    pack = commands.add_parser(
        "pack",
        group="exports",
        help="the PDF steering-committee pack",
        description="Write the PDF pack an executive reads: cover, contents, executive summary, triage "
        "matrix, scorecard, changes since a snapshot, one page per pilot under decision, roadmap, "
        "dependency and stakeholder maps, training, risks and the method. Sections whose inputs are "
        "missing are left out and listed with the reason; text no font can draw is reported.",
    )
    pack.add_argument("file", help="project file (.liftoff)")
    pack.add_argument("out", help="PDF to write")
    pack.add_argument("--paper", choices=("a4", "letter"), default="a4", help="paper size (default a4)")
    pack.add_argument("--org", help="organisation name on the cover (default: the project's)")
    pack.add_argument("--logo", type=Path, help="PNG or JPEG logo for the cover")
    pack.add_argument("--accent", help="accent colour as #RRGGBB")
    pack.add_argument("--marking", default="", help='confidentiality marking, e.g. "CONFIDENTIAL"')
    pack.add_argument("--anonymise", action="store_true", help="replace stakeholder names by roles")
    pack.add_argument("--compare", metavar="SNAPSHOT", help="snapshot id to compare with (default: latest)")
    pack.add_argument(
        "--sections",
        nargs="+",
        choices=SECTION_IDS,
        metavar="SECTION",
        help=f"sections to include (default all): {', '.join(SECTION_IDS)}",
    )
    pack.add_argument(
        "--max-pilot-pages",
        type=int,
        default=25,
        help="at most this many pilot pages (default 25; 0 for none, -1 for no limit)",
    )
    pack.add_argument("--font", type=Path, help="a TrueType font (.ttf) to use instead of DejaVu Sans")
    pack.add_argument("--invariant", action="store_true", help="byte-identical output for identical input")
    pack.set_defaults(handler=_pack)


def _pack(args: argparse.Namespace) -> int:
    from planner.export.pdf.pack import PackOptions, build_pack, check_logo
    from planner.portfolio.store import load_with_method
    from planner.triage.scoring import score

    if args.logo is not None:
        check_logo(args.logo)  # before the project is even read
    if args.max_pilot_pages < -1:
        raise LiftoffError("--max-pilot-pages: must be -1 (no limit) or more")
    portfolio, method = load_with_method(args.file)
    scores = score(portfolio, method)
    options = PackOptions(
        sections=args.sections,
        paper=args.paper,
        organisation=args.org,
        logo=args.logo,
        accent=args.accent,
        marking=args.marking,
        anonymise=args.anonymise,
        compare=args.compare,
        invariant=args.invariant,
        max_pilot_pages=None if args.max_pilot_pages == -1 else args.max_pilot_pages,
        font=args.font,
    )
    with solver_output_hidden():  # the funding section runs the solver
        report = build_pack(args.out, portfolio, scores, method, options)
    print(f"wrote {args.out}: " + report.lines()[0])
    for line in report.lines()[1:]:
        print(f"  {line}", file=sys.stdout)
    return 0
