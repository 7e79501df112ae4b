"""Background computations: only the newest answer is delivered, on the GUI thread; failures arrive
as one-line values, never as a traceback in a worker thread."""

import threading
import time
from typing import Any

from PySide6.QtCore import QObject

from planner.errors import LiftoffError
from ui.background import BackgroundError, Latest


def test_only_the_newest_result_is_delivered_on_the_gui_thread(qtbot: Any) -> None:
    owner = QObject()
    latest = Latest(owner)
    got: list[tuple[object, int]] = []
    gui = threading.get_ident()

    def slow() -> str:
        time.sleep(0.2)
        return "stale"

    latest.run(slow, lambda r: got.append((r, threading.get_ident())))
    latest.run(lambda: "fresh", lambda r: got.append((r, threading.get_ident())))
    qtbot.waitUntil(lambda: bool(got), timeout=5000)
    assert Latest.wait(5000)
    qtbot.wait(50)
    assert got == [("fresh", gui)]


def test_failures_become_values(qtbot: Any) -> None:
    owner = QObject()
    latest = Latest(owner)
    got: list[object] = []

    def user_error() -> None:
        raise LiftoffError("budget too small")

    def bug() -> None:
        raise ZeroDivisionError("division by zero")

    latest.run(user_error, got.append)
    qtbot.waitUntil(lambda: bool(got), timeout=5000)
    assert got == [BackgroundError("budget too small")]
    latest.run(bug, got.append)
    qtbot.waitUntil(lambda: len(got) == 2, timeout=5000)
    assert isinstance(got[1], BackgroundError) and "ZeroDivisionError" in got[1].message


def test_owner_deleted_while_work_runs_gets_nothing_and_nothing_fails(qtbot: Any) -> None:
    import gc

    from PySide6.QtWidgets import QWidget

    owner = QWidget()
    latest = Latest(owner)
    started, release = threading.Event(), threading.Event()
    got: list[object] = []

    def work() -> str:
        started.set()
        release.wait(5)
        return "late"

    latest.run(work, got.append)
    assert started.wait(5)
    owner.deleteLater()  # the view closes while its computation runs
    del owner, latest
    qtbot.wait(20)
    gc.collect()
    release.set()
    assert Latest.wait(5000)
    qtbot.wait(50)  # a queued delivery would run here (pytest-qt fails the test on any exception)
    assert got == []
