"""The ``liftoff`` command line: every engine, headless.

Each topic registers its subcommands from its own module (``core``, ``graphs``, ``plans``, ``excel``,
``pack``, ``funding``, ``desktop``). Handlers import their engines lazily so ``liftoff --help`` starts fast.
A handler returns an exit code; a `LiftoffError` (or any error a user caused) becomes one line on
stderr and exit code 1 (2 for usage errors), never a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from planner.errors import LiftoffError

TOPICS = ("core", "graphs", "plans", "excel", "pack", "funding", "desktop")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="liftoff",
        description="Triage a portfolio of AI pilots and plan their way into production. "
        "Run with no command to open the desktop app.",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for topic in TOPICS:
        try:
            module = importlib.import_module(f"planner.cli.{topic}")
        except ModuleNotFoundError as exc:
            if exc.name == f"planner.cli.{topic}":
                continue  # that topic is not part of this build yet
            raise
        module.register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        code: int = args.handler(args)
    except LiftoffError as exc:
        print(f"liftoff {args.command}: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        # the reader went away (e.g. `liftoff score FILE | head`): stop quietly, as Unix tools do
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except OSError as exc:
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"liftoff {args.command}: {where}{exc.strerror or exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"liftoff {args.command}: interrupted", file=sys.stderr)
        return 130
    return code


if __name__ == "__main__":
    sys.exit(main())
