"""The background worker: results, errors and cancel come back on the GUI thread; errors are one line."""

from __future__ import annotations

import logging
import threading
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMainWindow, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from planner.errors import LiftoffError
from ui import prompts, worker


class Seen:
    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.errors: list[tuple[str, str, int]] = []  # title, message, thread it was shown on
        self.notes: list[str] = []
        monkeypatch.setattr(
            prompts, "show_error", lambda _p, t, m: self.errors.append((t, m, threading.get_ident()))
        )
        monkeypatch.setattr(worker, "notify", lambda _p, m: self.notes.append(m))


@pytest.fixture
def seen(monkeypatch: pytest.MonkeyPatch) -> Seen:
    return Seen(monkeypatch)


def run(qtbot: QtBot, job: worker.Job) -> str:
    with qtbot.waitSignal(job.finished, timeout=20_000) as blocker:
        pass
    assert blocker.args is not None
    return str(blocker.args[0])


def cancel_button(job: worker.Job) -> QPushButton:
    button = job.dialog.findChild(QPushButton)
    assert button is not None and button.text() == "Cancel"
    return button


def test_result_is_computed_in_a_pool_thread_and_delivered_on_the_gui_thread(
    qtbot: QtBot, seen: Seen
) -> None:
    gui = threading.get_ident()
    delivered: list[tuple[int, int]] = []
    job = worker.start(
        None,
        "Sum",
        "Adding…",
        lambda report, cancelled: threading.get_ident(),
        lambda value: delivered.append((value, threading.get_ident())),
    )
    assert run(qtbot, job) == "result"
    [(work_thread, callback_thread)] = delivered
    assert work_thread != gui
    assert callback_thread == gui
    assert seen.errors == [] and seen.notes == []
    assert job not in worker.running_jobs()


def test_progress_reaches_the_dialog_while_the_work_runs(qtbot: QtBot, seen: Seen) -> None:
    gate = threading.Event()

    def work(report: worker.Report, cancelled: worker.Cancelled) -> str:
        report(0.25, "reading sheet Pilots")
        assert gate.wait(10)
        return "ok"

    results: list[str] = []
    job = worker.start(None, "Read", "Reading…", work, results.append)
    qtbot.waitUntil(lambda: job.dialog.value() == 250, timeout=10_000)  # 0.25 of 1,000 steps
    assert job.dialog.labelText() == "Reading sheet Pilots"
    assert results == []  # still running: the GUI thread was free to show progress
    gate.set()
    assert run(qtbot, job) == "result"
    assert results == ["ok"]


def test_liftoff_error_is_shown_once_naming_the_file_on_the_gui_thread(qtbot: QtBot, seen: Seen) -> None:
    def work(report: worker.Report, cancelled: worker.Cancelled) -> None:
        raise LiftoffError("sheet Pilots is missing")

    results: list[object] = []
    job = worker.start(None, "Import", "Reading…", work, results.append, subject=Path("/data/in.xlsx"))
    assert run(qtbot, job) == "error"
    assert results == []
    assert seen.errors == [("Import", "/data/in.xlsx: sheet Pilots is missing", threading.get_ident())]


def test_os_error_names_its_file_and_reason_without_a_traceback(
    qtbot: QtBot, seen: Seen, tmp_path: Path
) -> None:
    missing = tmp_path / "gone" / "out.xlsx"
    job = worker.start(
        None, "Export", "Writing…", lambda r, c: missing.write_bytes(b"x"), lambda v: None, subject=missing
    )
    assert run(qtbot, job) == "error"
    [(title, message, _thread)] = seen.errors
    assert (title, message) == ("Export", f"{missing}: No such file or directory")


def test_unexpected_error_is_one_line_and_logged(
    qtbot: QtBot, seen: Seen, caplog: pytest.LogCaptureFixture
) -> None:
    def work(report: worker.Report, cancelled: worker.Cancelled) -> None:
        raise ValueError("bad number")

    with caplog.at_level(logging.ERROR, logger="ui.worker"):
        job = worker.start(None, "Export", "Writing…", work, lambda v: None, subject="out.pdf")
        assert run(qtbot, job) == "error"
    [(_title, message, _thread)] = seen.errors
    assert message == "out.pdf: unexpected error (ValueError: bad number)"
    assert "\n" not in message and "Traceback" not in message
    assert any(record.exc_info for record in caplog.records)  # the traceback is in the log only


def test_cancel_makes_the_engine_stop_and_the_user_is_told(qtbot: QtBot, seen: Seen) -> None:
    started = threading.Event()

    def work(report: worker.Report, cancelled: worker.Cancelled) -> str:
        started.set()
        for _ in range(1000):
            if cancelled():
                raise LiftoffError("export cancelled")
            threading.Event().wait(0.01)
        return "finished anyway"

    results: list[str] = []
    job = worker.start(None, "Export scorecard", "Writing…", work, results.append)
    assert started.wait(10)
    cancel_button(job).click()
    assert job.is_cancelled()
    assert run(qtbot, job) == "cancelled"
    assert results == [] and seen.errors == []
    assert seen.notes == ["Export scorecard cancelled; nothing was written."]


def test_cancel_too_late_still_delivers_the_result(qtbot: QtBot, seen: Seen) -> None:
    """A job that finished despite Cancel did write its file: the user is told the truth."""
    gate = threading.Event()

    def work(report: worker.Report, cancelled: worker.Cancelled) -> str:
        assert gate.wait(10)
        return "written"

    results: list[str] = []
    job = worker.start(None, "Export", "Writing…", work, results.append)
    job.cancel()
    gate.set()
    assert run(qtbot, job) == "result"
    assert results == ["written"] and seen.notes == []


def test_describe_error() -> None:
    assert worker.describe_error(LiftoffError("x.pdf: locked"), Path("x.pdf")) == "x.pdf: locked"
    assert worker.describe_error(PermissionError(13, "Permission denied", "/a/b.xlsx"), None) == (
        "/a/b.xlsx: Permission denied"
    )
    assert worker.describe_error(OSError("disk full"), "c.pdf") == "c.pdf: disk full"


def test_suggested_path_is_a_safe_file_name(tmp_path: Path) -> None:
    assert worker.suggested_path(tmp_path, 'Q3 / "AI" pilots', ".pdf") == tmp_path / "Q3 _ _AI_ pilots.pdf"
    assert worker.suggested_path(None, "...", ".xlsx") == Path.home() / "liftoff.xlsx"


def test_work_without_progress_or_cancel_shows_a_busy_bar_and_no_cancel_button(
    qtbot: QtBot, seen: Seen
) -> None:
    gate = threading.Event()
    job = worker.start(
        None, "Import", "Reading…", lambda r, c: gate.wait(10), lambda v: None, cancellable=False, busy=True
    )
    assert job.dialog.findChild(QPushButton) is None
    assert (job.dialog.minimum(), job.dialog.maximum()) == (0, 0)  # Qt's "busy" range
    gate.set()
    assert run(qtbot, job) == "result"


def test_notify_uses_the_main_windows_status_bar(qtbot: QtBot) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    child = QWidget(window)
    window.setCentralWidget(child)
    worker.notify(child, "Scorecard written to /tmp/x.xlsx")
    assert window.statusBar().currentMessage() == "Scorecard written to /tmp/x.xlsx"
