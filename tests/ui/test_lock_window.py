"""One writer per project in the app: a real second Liftoff process holds the file.

Bypasses closed here (issue 13): Save in a read-only window went to Save As on the locked path and
overwrote it; recovering a crashed session for a project that a live instance holds gave a
writable document whose save overwrote that project.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog

from planner.portfolio import store
from tests.other_process import app_holding
from tests.ui.conftest import Prompts
from tests.ui.factory import portfolio
from ui import commands
from ui.main_window import MainWindow

Make = Callable[..., MainWindow]


class Dialog:
    """Stands in for the save dialog: answers in turn, recording where each one started."""

    def __init__(self, answers: list[str]) -> None:
        self.answers = answers
        self.started: list[str] = []

    def __call__(self, _parent: object, _title: str, start: str, _filter: str) -> tuple[str, str]:
        self.started.append(start)
        return (self.answers.pop(0) if self.answers else "", "")


def test_read_only_window_cannot_save_onto_the_locked_file(
    make_window: Make, tmp_path: Path, asked: Prompts, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "shared.liftoff"
    store.save(portfolio(4), path, backup=False)
    before = path.read_bytes()
    with app_holding(path, tmp_path / "other-app"):
        win = make_window()
        assert win.open_path(path) and win.doc.read_only
        assert asked.read_only_asked == [path]
        win.doc.set_read_only(False)  # let an edit through, as if the user worked on a copy
        win.doc.push(commands.set_rating(win.doc, "P-01", "mlops", 5))
        win.doc.set_read_only(True)
        copy = tmp_path / "shared (copy).liftoff"
        dialog = Dialog([str(path), str(copy)])
        monkeypatch.setattr(QFileDialog, "getSaveFileName", dialog)
        assert win.save()
        # the locked path was refused by name, and the dialog came back offering another name
        title, message = asked.errors[0]
        assert title == "Project in use" and str(path) in message and "process" in message
        assert dialog.started == [str(copy), str(copy)]
        assert path.read_bytes() == before  # the other instance's file is untouched
        assert store.load(copy).pilot("P-01").ratings["mlops"].score == 5
        assert win.doc.path == copy and not win.doc.read_only and win.guard.holds(copy)


def test_recovery_of_a_project_a_live_instance_holds_opens_read_only(
    make_window: Make, tmp_path: Path, asked: Prompts, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "shared.liftoff"
    store.save(portfolio(4), path, backup=False)
    crashed = make_window()
    assert crashed.open_path(path)
    crashed.doc.push(commands.update_pilot(crashed.doc, "P-02", name="Edited before the crash"))
    crashed.guard.autosave(blocking=True)
    crashed.guard._session_lock.release()  # the crash: its session and its project lock are gone
    crashed.guard.release_project()
    crashed.guard.timer.stop()
    before = path.read_bytes()
    with app_holding(path, tmp_path / "other-app"):
        win = make_window()
        assert win.offer_recovery()
        assert win.doc.portfolio.pilot("P-02").name == "Edited before the crash"
        assert win.doc.read_only and win.doc.is_modified()
        assert asked.errors and asked.errors[-1][0] == "Recovered read-only"
        dialog = Dialog([str(path)])  # Save goes to Save As; the locked path is refused, then cancel
        monkeypatch.setattr(QFileDialog, "getSaveFileName", dialog)
        assert not win.save()
        assert asked.errors[-1][0] == "Project in use"
        assert path.read_bytes() == before


def test_opening_a_project_removes_the_leftovers_of_killed_saves(make_window: Make, tmp_path: Path) -> None:
    import os
    import time

    from planner.atomic import STALE_TEMP_SECONDS

    path = tmp_path / "p.liftoff"
    store.save(portfolio(2), path, backup=False)
    old, fresh = tmp_path / ".p.liftoff.k1ll3d_x.tmp", tmp_path / ".p.liftoff.wr1t1ng_.tmp"
    for leftover in (old, fresh):
        leftover.write_bytes(b"half a save")
    then = time.time() - STALE_TEMP_SECONDS - 5
    os.utime(old, (then, then))
    assert make_window().open_path(path)
    assert not old.exists() and fresh.exists()  # a file still being written is left alone
