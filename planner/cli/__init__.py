"""The ``liftoff`` command line: every engine, headless.

Each topic registers its subcommands from its own module (``core``, ``history``, ``graphs``,
``sensitivity``, ``workshop``, ``plans``, ``excel``, ``pack``, ``funding``, ``desktop``), each under
one of the `GROUPS` that ``liftoff --help`` lists. Handlers import their engines lazily so ``liftoff --help``
starts fast.
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

TOPICS = (
    "core",
    "history",
    "graphs",
    "sensitivity",
    "workshop",
    "plans",
    "excel",
    "pack",
    "funding",
    "desktop",
)
# `liftoff --help` lists the commands under these headings, in this order, as `git --help` does
GROUPS = {
    "portfolio": "score the pilots, explain them and follow them from one committee to the next",
    "analyses": "people, dependencies, robust weights and what a budget buys",
    "workshop": "many people rating together: the consensus, where they disagree, who rated what",
    "plans": "when pilots roll out and who is trained first",
    "exports": "what the committee and the teams receive",
    "files": "project files and intake workbooks",
    "setup": "Liftoff on this computer",
}
UNGROUPED = "other commands"
DESCRIPTION = (
    "Triage a portfolio of AI pilots and plan their way into production.\n"
    "Run with no command to open the desktop app."
)


class Commands:
    """What each topic's ``register`` receives: argparse's subcommands, each with its group.

    ``add_parser(name, group=..., help=..., ...)`` takes argparse's arguments plus the group (a key
    of `GROUPS`) under which ``liftoff --help`` lists the command. A command registered without a
    group still works and is listed under "other commands"; a test fails until it has one.
    """

    def __init__(self, parser: argparse.ArgumentParser) -> None:
        self.parser = parser
        self.groups: dict[str, str | None] = {}
        self.helps: dict[str, str] = {}
        self._action = parser.add_subparsers(
            dest="command", metavar="COMMAND", required=True, help=argparse.SUPPRESS, prog=parser.prog
        )

    def add_parser(self, name: str, *, group: str | None = None, **kwargs: Any) -> argparse.ArgumentParser:
        if group is not None and group not in GROUPS:
            raise ValueError(f"command {name!r}: unknown group {group!r} (groups: {', '.join(GROUPS)})")
        self.groups[name] = group
        self.helps[name] = str(kwargs.get("help", ""))
        parser: argparse.ArgumentParser = self._action.add_parser(name, **kwargs)
        return parser

    def overview(self) -> str:
        """The commands under their group headings, one line each."""
        width = max((len(name) for name in self.groups), default=0) + 3
        sections = []
        for group, title in [*GROUPS.items(), (UNGROUPED, "")]:
            names = [n for n, g in self.groups.items() if (g or UNGROUPED) == group]
            if names:
                lines = [f"{group}: {title}" if title else f"{group}:"]
                lines += [f"   {name.ljust(width)}{self.helps[name]}" for name in names]
                sections.append("\n".join(lines))
        return "\n\n".join(sections)


def commands() -> Commands:
    """Every topic's commands registered on a fresh ``liftoff`` parser."""
    parser = argparse.ArgumentParser(
        prog="liftoff",
        usage="liftoff [-h] COMMAND ...",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="'liftoff COMMAND --help' documents each command.",
    )
    registry = Commands(parser)
    for topic in TOPICS:
        try:
            module = importlib.import_module(f"planner.cli.{topic}")
        except ModuleNotFoundError as exc:
            if exc.name == f"planner.cli.{topic}":
                continue  # that topic is not part of this build yet
            raise
        module.register(registry)
    parser.description = f"{DESCRIPTION}\n\n{registry.overview()}"
    return registry


def build_parser() -> argparse.ArgumentParser:
    return commands().parser


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
