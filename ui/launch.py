"""The ``liftoff`` console command: no arguments (or a project path) opens the app; a subcommand runs
the headless CLI. The CLI path never imports Qt, so ``liftoff score ...`` starts fast on a server.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args and (
        (args[0].startswith("-") and args[0] not in ("--read-only",)) or not _looks_like_path(args[0])
    ):
        from planner.cli import main as cli_main

        return cli_main(args)
    if os.environ.get("LIFTOFF_FIRST_PAINT_REPORT"):
        from ui.first_paint import run
    else:
        from ui.app import run

    return run(args)


def _looks_like_path(arg: str) -> bool:
    return arg.endswith(".liftoff") or "/" in arg or "\\" in arg


if __name__ == "__main__":
    sys.exit(main())
