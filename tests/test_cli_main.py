"""The CLI entry: a closed pipe ends quietly (as `head` expects); `--help` groups the commands."""

import argparse
import subprocess
import sys
from pathlib import Path

import pytest

from planner.cli import GROUPS, UNGROUPED, Commands, commands, main
from planner.resources import templates_dir

ROOT = Path(__file__).resolve().parent.parent


def test_closed_pipe_is_quiet() -> None:
    demo = templates_dir() / "demo" / "demo.liftoff"
    reader = subprocess.Popen(
        [sys.executable, "-m", "planner.cli", "score", str(demo), "--format", "csv"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        bufsize=0,
    )
    assert reader.stdout is not None and reader.stderr is not None
    reader.stdout.read(10)
    reader.stdout.close()  # like `head -c 10`
    err = reader.stderr.read().decode()
    assert reader.wait(timeout=60) == 0
    assert "Broken pipe" not in err and "Traceback" not in err


def test_every_command_declares_its_group() -> None:
    # a command registered without `group=` (say by a new topic) fails here until it has one
    registry = commands()
    assert registry.groups, "no command registered"
    ungrouped = sorted(name for name, group in registry.groups.items() if group not in GROUPS)
    assert ungrouped == [], f"commands without a group: {ungrouped}"


def test_help_lists_the_commands_by_group_one_line_each(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    headings = [line.split(":")[0] for line in lines if line.split(":")[0] in GROUPS]
    assert headings == list(GROUPS)  # every group, in the order of GROUPS
    registry = commands()
    for name, group in registry.groups.items():
        (line,) = [x for x in lines if x.split()[:1] == [name]]  # listed once, on one line
        assert line.startswith(f"   {name} ") and registry.helps[name] in line
        # under its own heading: the nearest heading above it
        above = lines[: lines.index(line)]
        assert next(x for x in reversed(above) if not x.startswith(" ")).startswith(f"{group}:")
    assert "usage: liftoff [-h] COMMAND ..." in out and "UNGROUPED" not in out


def test_a_command_without_a_group_still_runs_and_is_listed_apart() -> None:
    registry = Commands(argparse.ArgumentParser(prog="liftoff"))
    registry.add_parser("tidy", help="tidy things")
    registry.add_parser("score", group="portfolio", help="score")
    assert registry.groups == {"tidy": None, "score": "portfolio"}
    # names padded to the longest ("score", 5) plus 3 spaces: "tidy" and 4 spaces
    assert registry.overview().splitlines()[-2:] == [f"{UNGROUPED}:", "   tidy    tidy things"]
    with pytest.raises(ValueError, match="unknown group 'misc'"):
        registry.add_parser("x", group="misc")
