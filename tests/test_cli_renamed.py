"""Every command of the command line speaks the project's method: on a project carrying a method that
renames two dimensions (7 criteria, 5 gates, ``tests/renamed_method.py``), no output names a shipped
dimension, criterion, gate, failure mode, remedy or obligation. The method is not installed: the
project carries it.

Every command `liftoff --help` lists must have a line here, so a new command is checked too.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from planner.cli import commands, main
from planner.portfolio import store
from tests.renamed_method import renamed_method, renamed_portfolio, shipped_names_in

# command → argument lists ({p}: the project, {d}: a scratch folder), human formats and JSON
RUNS: dict[str, list[str]] = {
    "demo": ["demo {d}/demo.liftoff"],
    "score": ["score {p}", "score {p} --format csv", "score {p} --format json"],
    "explain": ["explain {p} P-2", "explain {p} P-4", "explain {p} P-2 --format json"],
    "validate": ["validate {p}"],
    "snapshot": ["snapshot {p} --list", "snapshot {p} --label Later"],
    "diff": ["diff {p} SC-1", "diff {p} SC-1 --format json"],
    "committee": ["committee {p}", "committee {p} sign C-1 --by S-2 --pilot P-2 --on 2026-01-16"],
    "actions": [
        "actions {p}",
        "actions {p} update A-1 --status done --on 2026-02-02",
        "actions {p} --format json",
    ],
    "stakeholders": ["stakeholders {p}"],
    "dependencies": ["dependencies {p}"],
    "sensitivity": ["sensitivity {p}", "sensitivity {p} --format json"],
    "consensus": ["consensus {p} --all", "consensus {p} --format json"],
    "raters": ["raters {p}"],
    "plan": ["plan {p}"],
    "training": ["training {p}"],
    "template": ["template intake {d}/intake.xlsx --from {p}"],
    "import": ["import {d}/merged.liftoff {d}/intake.xlsx --merge {p}"],
    "scorecard": ["scorecard {p} {d}/out.xlsx"],
    "pack": ["pack {p} {d}/out.pdf"],
    "fund": ["fund {p} --budget 250000"],
    "frontier": ["frontier {p} --from 0 --to 500000 --steps 3"],
    "method": ["method show {p}", "method export {p} {d}/m.json", "method diff {p} {d}/m.json"],
    "install-desktop": ["install-desktop", "install-desktop --uninstall"],
}


# JSON fields that hold ids (a dimension's id is its role: "value", "readiness"), not names a person reads
ID_FIELDS = {"id", "key", "dimension", "criterion", "gate", "obligation", "mode", "remedy", "pilot", "group"}


def _strings(data: object) -> list[str]:
    """Every string a person reads in a JSON document: values, except those of id fields."""
    if isinstance(data, str):
        return [data]
    if isinstance(data, dict):
        return [s for k, v in data.items() if k not in ID_FIELDS for s in _strings(v)]
    if isinstance(data, list):
        return [s for v in data for s in _strings(v)]
    return []


def test_every_command_has_a_run_here() -> None:
    missing = sorted(set(commands().groups) - set(RUNS))
    assert not missing, f"add the commands {missing} to RUNS"


@pytest.mark.parametrize("command", sorted(RUNS))
def test_no_output_names_the_shipped_method(
    command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    for variable in ("HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "APPDATA", "LOCALAPPDATA"):
        monkeypatch.setenv(variable, str(tmp_path))  # a command that installs or remembers stays in here
    project = tmp_path / "field.liftoff"
    store.save(renamed_portfolio(), project)
    if command == "import":  # the workbook to import is the one `template` writes
        assert main(["template", "intake", str(tmp_path / "intake.xlsx"), "--from", str(project)]) == 0
    capsys.readouterr()
    for run in RUNS[command]:
        argv = run.format(p=project, d=tmp_path).split()
        code = main(argv)
        out, err = capsys.readouterr()
        assert code == 0, f"{run}: {err}"
        assert out.strip(), run
        text = out + err
        if "--format json" in run:
            text = "\n".join(_strings(json.loads(out)))
        assert shipped_names_in(text) == [], f"{run}:\n{out}"
    if command == "method":  # and what `export` wrote is the method the project carries
        exported = json.loads((tmp_path / "m.json").read_text(encoding="utf-8"))
        assert shipped_names_in("\n".join(_strings(exported))) == []
        assert store.load(project).method.definition == renamed_method()


def test_the_check_finds_the_shipped_names_where_they_are(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """The same check on the demo (the shipped method) finds them: it can fail."""
    demo = tmp_path / "demo.liftoff"
    assert main(["demo", str(demo)]) == 0
    assert main(["explain", str(demo), "HLT-01"]) == 0
    found = shipped_names_in(capsys.readouterr().out)
    assert {"Readiness", "readiness", "value (as a dimension)", "KPI clarity", "Human oversight"} <= set(
        found
    )
