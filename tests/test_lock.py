"""One writer per project file: the lock, held by another real process, refuses every CLI write.

Each test runs a second process (tests/other_process.py) that holds the project's lock the way the
app does, then runs the command line in a third process against the same file.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from planner.portfolio import lock as project_lock
from planner.portfolio import store
from planner.portfolio.lock import LockHeld, ProjectLock, holder, lock_path
from planner.resources import templates_dir
from tests.other_process import ROOT, holding, kill

DEMO = templates_dir() / "demo" / "demo.liftoff"


def liftoff(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "planner.cli", *map(str, args)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture
def project(tmp_path: Path) -> Path:
    path = tmp_path / "shared.liftoff"
    store.save(store.load(DEMO), path, backup=False)
    return path


def test_a_held_lock_names_its_holder_and_force_does_not_override_a_running_one(project: Path) -> None:
    with holding(project) as other:
        with pytest.raises(LockHeld) as held:
            ProjectLock(project).acquire()
        assert held.value.holder.pid == other.pid and held.value.holder.alive
        assert f"process {other.pid}" in str(held.value) and "close it there first" in str(held.value)
        with pytest.raises(LockHeld):
            ProjectLock(project).acquire(force=True)
        found = holder(project)
        assert found is not None and found.pid == other.pid
    assert holder(project) is None and not lock_path(project).exists()  # released and removed


def test_a_lock_left_by_a_killed_process_is_taken_over(project: Path) -> None:
    with holding(project) as other:
        kill(other)
        assert lock_path(project).exists()  # the crash left its lock file behind
        lock = ProjectLock(project)
        lock.acquire()  # the OS dropped the dead process's lock: stale, taken without --force
        note = json.loads(lock_path(project).read_text(encoding="utf-8"))
        assert note["pid"] == os.getpid()
        lock.release()


@pytest.mark.parametrize(
    "command",
    [
        ["snapshot", "{p}", "--label", "While the app has it"],
        ["snapshot", "{p}", "--label", "Forced", "--force"],
        ["import", "{p}", "{wb}"],
        ["import", "{p}", "{wb}", "--replace", "--force"],
        ["demo", "{p}", "--force"],
    ],
)
def test_cli_writes_refuse_a_project_another_process_holds(
    project: Path, tmp_path: Path, command: list[str]
) -> None:
    workbook = tmp_path / "intake.xlsx"
    assert liftoff("template", "intake", workbook).returncode == 0
    before = project.read_bytes()
    args = [c.format(p=project, wb=workbook) for c in command]
    with holding(project) as other:
        run = liftoff(*args)
    assert run.returncode == 1, run.stdout
    assert f"process {other.pid}" in run.stderr and str(project) in run.stderr
    assert len(run.stderr.strip().splitlines()) == 1
    assert project.read_bytes() == before  # nothing written
    assert not list(tmp_path.glob("*.bak"))


def test_cli_write_goes_ahead_once_the_holder_has_crashed(project: Path) -> None:
    with holding(project) as other:
        kill(other)
        run = liftoff("snapshot", project, "--label", "After the crash")
    assert run.returncode == 0, run.stderr
    assert [s.label for s in store.load(project).snapshots][-1] == "After the crash"
    assert not lock_path(project).exists()


def test_force_takes_over_only_a_holder_that_cannot_be_checked(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a file system without OS locks the note's process id decides; another machine's note
    cannot be checked, and only then does force take over."""
    monkeypatch.setattr(project_lock, "_os_lock", lambda fd: None)
    note = lock_path(project)

    def leave(pid: int, host: str) -> None:
        note.write_text(json.dumps({"app": "Liftoff", "pid": pid, "host": host, "user": "dana"}), "utf-8")

    leave(4242, "another-machine")
    with pytest.raises(LockHeld) as held:
        ProjectLock(project).acquire()
    assert not held.value.holder.alive and "--force" in str(held.value)
    ProjectLock(project).acquire(force=True)

    with holding(project.with_name("other.liftoff")) as alive:  # any running process of ours
        leave(alive.pid, socket.gethostname())
        with pytest.raises(LockHeld) as running:
            ProjectLock(project).acquire(force=True)
        assert running.value.holder.alive
    leave(alive.pid, socket.gethostname())  # that process has ended now: stale
    ProjectLock(project).acquire()


def test_a_hostile_lock_note_is_shown_safely(project: Path) -> None:
    with holding(project) as other:
        lock_path(project).write_text(
            json.dumps({"app": "\x1b]0;pwned\x07Liftoff", "pid": other.pid, "user": "x" * 3_000}), "utf-8"
        )
        run = liftoff("snapshot", project, "--label", "x")
    assert run.returncode == 1
    assert "\x1b" not in run.stderr and "\\x1b" in run.stderr and len(run.stderr) < 2_000
