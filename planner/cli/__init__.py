"""The ``liftoff`` command line: every engine, headless.

Each topic registers its subcommands from its own module (``core``, ``graphs``, ``plans``, ``excel``,
``pack``, ``funding``). Handlers import their engines lazily so ``liftoff --help`` starts fast.
A handler returns an exit code; a `LiftoffError` (or any error a user caused) becomes one line on
stderr and exit code 1 (2 for usage errors), never a traceback.

Names and keys come from untrusted files, so everything the command line prints goes through
`TerminalSafe`: a character a terminal would act on (ESC, BEL, C1 controls, bidirectional
overrides) is shown escaped instead, and an error line is cut to `MAX_MESSAGE` with its size stated.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence
from typing import Any, TextIO

from planner.errors import LiftoffError, safe_text, terminal_safe

TOPICS = ("core", "graphs", "plans", "excel", "pack", "funding")


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


class TerminalSafe:
    """A text stream that shows control characters escaped before they reach the terminal."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        return self._stream.write(terminal_safe(text))

    def writelines(self, lines: Any) -> None:
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str) -> Any:  # flush, fileno, encoding, isatty…
        return getattr(self._stream, name)


def main(argv: Sequence[str] | None = None) -> int:
    out, err = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = TerminalSafe(out), TerminalSafe(err)
    try:
        return _main(argv)
    finally:
        sys.stdout, sys.stderr = out, err


def _main(argv: Sequence[str] | None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        code: int = args.handler(args)
    except LiftoffError as exc:
        print(f"liftoff {args.command}: {safe_text(str(exc))}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        # the reader went away (e.g. `liftoff score FILE | head`): stop quietly, as Unix tools do
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except OSError as exc:
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"liftoff {args.command}: {safe_text(f'{where}{exc.strerror or exc}')}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"liftoff {args.command}: interrupted", file=sys.stderr)
        return 130
    return code


if __name__ == "__main__":
    sys.exit(main())
