"""The README's command list runs, line by line, on the demo: the documentation cannot drift from the
program.

The code block under "## Command line" is parsed, not copied: a command added to the README is run
here automatically. Optional parts in brackets are run too; the placeholders a reader replaces
(PILOT_ID, SNAP_A, …) get real values from the demo. Every line must exit 0 without a traceback and
print something, and every command `liftoff --help` lists must appear in the README's list.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from planner.cli import commands, main
from planner.portfolio import store

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"


def readme_commands() -> list[str]:
    """The lines of the first code block under "## Command line" that run `liftoff`."""
    text = README.read_text(encoding="utf-8")
    section = text.split("\n## Command line", 1)[1]
    block = section.split("```", 2)[1]
    return [line.strip() for line in block.splitlines() if line.strip().startswith("liftoff ")]


def placeholders(project: Path) -> dict[str, str]:
    demo = store.load(project)
    return {
        "PILOT_ID": demo.pilots[0].id,
        "ID": demo.pilots[0].id,
        "SNAP_A": demo.snapshots[0].id,
        "SNAP_B": "current",
        "DATE": "2027-01-04",
    }


def argv(line: str, values: dict[str, str]) -> list[str]:
    words = shlex.split(line.replace("[", " ").replace("]", " "), comments=True)
    assert words[0] == "liftoff"
    unknown = [w for w in words if re.fullmatch(r"[A-Z][A-Z_]+", w) and w not in values]
    assert not unknown, f"README line {line!r}: give the placeholder {unknown[0]} a value in this test"
    return [values.get(w, w) for w in words[1:]]


def test_the_readme_lists_commands_that_the_test_can_run():
    lines = readme_commands()
    assert lines[0].startswith("liftoff demo "), "the list starts by writing the demo"
    assert len(lines) >= 15


def test_every_command_of_the_program_is_in_the_readme():
    documented = {line.split()[1] for line in readme_commands()}
    missing = sorted(set(commands().groups) - documented)
    assert not missing, f"commands missing from the README's command list: {', '.join(missing)}"


def test_every_readme_command_runs_on_the_demo(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    for variable in ("HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "APPDATA", "LOCALAPPDATA"):
        monkeypatch.setenv(variable, str(home))  # a command that installs or remembers stays in here
    monkeypatch.chdir(tmp_path)
    lines = readme_commands()
    values: dict[str, str] = {}
    for line in lines:
        try:
            code = main(argv(line, values))
        except SystemExit as exc:  # argparse refused the line
            code = exc.code if isinstance(exc.code, int) else 2
        out, err = capsys.readouterr()
        assert code == 0, f"{line!r} exited {code}: {err.strip()}"
        assert "Traceback" not in out + err, line
        assert out.strip(), f"{line!r} printed nothing"
        if not values:
            values = placeholders(tmp_path / "demo.liftoff")  # the first line wrote the demo
