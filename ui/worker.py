"""Run a planner function off the GUI thread, with a progress dialog, Cancel, and plain-worded errors.

Entry point::

    job = worker.start(parent, "Export scorecard", "Writing out.xlsx…", work, on_result, subject=path)

`work(report, cancelled)` runs in a pool thread. It may call ``report(fraction, message)`` (0–1; the
progress dialog follows) and should pass ``cancelled`` to the engine as its ``cancel=`` callable:
``cancelled()`` turns True once the user presses Cancel, the engine raises its cancelled error and
writes nothing. Whatever happens, exactly one of these runs afterwards **on the GUI thread**:

- ``on_result(value)`` when `work` returned (even if Cancel came too late to stop it);
- ``on_cancelled()`` (default: `notify` "… cancelled; nothing was written") when Cancel was pressed
  and `work` then raised;
- an error dialog (``prompts.show_error``) naming `subject` when `work` raised a ``LiftoffError`` or
  ``OSError``, or anything else (one line; the traceback goes to the log, never to the user).

Engines only ever see the snapshot of the portfolio they were handed, so the user keeps working while a
job runs: the progress dialog is not modal. `wait_for_jobs()` is for tests and scripts.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, cast

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox, QProgressDialog, QWidget

from planner.errors import LiftoffError
from ui import prompts

log = logging.getLogger(__name__)

Report = Callable[[float, str], None]
Cancelled = Callable[[], bool]
Work = Callable[[Report, Cancelled], Any]

STEPS = 1000  # progress dialog resolution
SHOW_AFTER_MS = 400  # quick jobs finish without a dialog flashing up

_pool: QThreadPool | None = None
_running: set[Job] = set()  # keeps a job (and its callbacks) alive until its outcome is delivered


def pool() -> QThreadPool:
    """The thread pool jobs run in (separate from Qt's global pool, so waiting on it waits on jobs only)."""
    global _pool
    if _pool is None:
        _pool = QThreadPool()
        _pool.setMaxThreadCount(2)
    return _pool


def wait_for_jobs(timeout_ms: int = 30_000) -> bool:
    """Block until every started job's work has returned (its outcome is then queued to the GUI thread)."""
    return pool().waitForDone(timeout_ms)


def running_jobs() -> list[Job]:
    """Jobs whose outcome has not been delivered yet."""
    return list(_running)


def notify(parent: QWidget | None, message: str) -> None:
    """Tell the user something that needs no answer: in the main window's status bar when there is one."""
    window = parent.window() if parent is not None else None
    if isinstance(window, QMainWindow):
        window.statusBar().showMessage(message, 10_000)
    else:
        QMessageBox.information(parent, "Liftoff", message)


def describe_error(exc: BaseException, subject: Path | str | None) -> str:
    """One line for the user: the file concerned and what went wrong, never a traceback."""
    name = str(subject) if subject is not None else ""
    if isinstance(exc, LiftoffError):
        text = str(exc)
        return text if not name or name in text else f"{name}: {text}"
    if isinstance(exc, OSError):
        where = exc.filename if exc.filename is not None else name
        reason = exc.strerror or str(exc) or type(exc).__name__
        return f"{where}: {reason}" if where else reason
    return f"{name + ': ' if name else ''}unexpected error ({type(exc).__name__}: {exc})"


class _Relay(QObject):
    """Carries the pool thread's news to the GUI thread (it lives there; every connection is queued)."""

    progressed = Signal(float, str)
    succeeded = Signal(object)
    failed = Signal(object)  # the exception


class _Runnable(QRunnable):
    def __init__(self, work: Work, relay: _Relay, cancel_event: threading.Event) -> None:
        super().__init__()
        self.work = work
        self.relay = relay
        self.cancel_event = cancel_event

    def run(self) -> None:
        try:
            value = self.work(self._report, self.cancel_event.is_set)
        except BaseException as exc:  # delivered to the GUI thread and shown there
            self._emit(self.relay.failed, exc)
            return
        self._emit(self.relay.succeeded, value)

    @staticmethod
    def _emit(signal: Any, value: object) -> None:
        try:
            signal.emit(value)
        except RuntimeError:  # the application is shutting down and took the relay with it
            log.warning("background job finished after the application closed")

    def _report(self, fraction: float, message: str) -> None:
        self.relay.progressed.emit(float(fraction), message)


class Job(QObject):
    """One background run and its progress dialog; see the module docstring for what it guarantees."""

    finished = Signal(str)  # "result", "cancelled" or "error", after the outcome's callback ran

    def __init__(
        self,
        parent: QWidget | None,
        title: str,
        label: str,
        work: Work,
        on_result: Callable[[Any], None],
        *,
        on_cancelled: Callable[[], None] | None = None,
        subject: Path | str | None = None,
        cancellable: bool = True,
        busy: bool = False,
    ) -> None:
        super().__init__(None)
        self.parent_widget = parent
        self.title = title
        self.subject = subject
        self.on_result = on_result
        self.on_cancelled = on_cancelled
        self.outcome: str | None = None
        self.error: BaseException | None = None
        self._cancel = threading.Event()
        self.dialog = QProgressDialog(label, "Cancel" if cancellable else "", 0, 0 if busy else STEPS, parent)
        self.dialog.setWindowTitle(title)
        self.dialog.setWindowModality(Qt.WindowModality.NonModal)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.dialog.setMinimumDuration(SHOW_AFTER_MS)
        self.dialog.setMinimumWidth(420)
        if not cancellable:
            self.dialog.setCancelButton(None)
        self.dialog.setValue(0)
        self.dialog.canceled.connect(self.cancel)
        self.relay = _Relay()
        self.relay.progressed.connect(self._progressed, Qt.ConnectionType.QueuedConnection)
        self.relay.succeeded.connect(self._succeeded, Qt.ConnectionType.QueuedConnection)
        self.relay.failed.connect(self._failed, Qt.ConnectionType.QueuedConnection)
        self._runnable = _Runnable(work, self.relay, self._cancel)

    # --- control --------------------------------------------------------------------------------------
    def start(self) -> Job:
        _running.add(self)
        pool().start(self._runnable)
        return self

    @Slot()
    def cancel(self) -> None:
        """Ask the work to stop (thread-safe: the engine reads the flag at its next check)."""
        if self.outcome is None and not self._cancel.is_set():
            self._cancel.set()
            self.dialog.setLabelText("Cancelling…")

    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    # --- outcomes, all on the GUI thread --------------------------------------------------------------
    @Slot(float, str)
    def _progressed(self, fraction: float, message: str) -> None:
        if self.outcome is not None or self._cancel.is_set():
            return
        if self.dialog.maximum() == STEPS:
            self.dialog.setValue(max(0, min(STEPS - 1, round(fraction * STEPS))))
        if message:
            self.dialog.setLabelText(message[:1].upper() + message[1:])

    @Slot(object)
    def _succeeded(self, value: object) -> None:
        self._close("result")
        try:
            self.on_result(value)
        finally:
            self._finish("result")

    @Slot(object)
    def _failed(self, exc: BaseException) -> None:
        self.error = exc
        if self._cancel.is_set():
            self._close("cancelled")
            try:
                if self.on_cancelled is not None:
                    self.on_cancelled()
                else:
                    notify(self.parent_widget, f"{self.title} cancelled; nothing was written.")
            finally:
                self._finish("cancelled")
            return
        self._close("error")
        if not isinstance(exc, LiftoffError | OSError):
            log.error("%s failed", self.title, exc_info=(type(exc), exc, exc.__traceback__))
        try:
            prompts.show_error(
                cast(QWidget, self.parent_widget), self.title, describe_error(exc, self.subject)
            )
        finally:
            self._finish("error")

    def _close(self, outcome: str) -> None:
        self.outcome = outcome
        try:
            self.dialog.canceled.disconnect(self.cancel)
            self.dialog.close()
            self.dialog.deleteLater()
        except RuntimeError:  # the parent window was closed while the job ran, taking the dialog along
            pass

    def _finish(self, outcome: str) -> None:
        _running.discard(self)
        self.finished.emit(outcome)


def start(
    parent: QWidget | None,
    title: str,
    label: str,
    work: Work,
    on_result: Callable[[Any], None],
    *,
    on_cancelled: Callable[[], None] | None = None,
    subject: Path | str | None = None,
    cancellable: bool = True,
    busy: bool = False,
) -> Job:
    """Start `work` in the pool with a progress dialog titled `title`; see the module docstring.

    `cancellable=False` hides the Cancel button (for work that cannot stop part-way); `busy=True`
    shows a moving bar instead of a percentage (for work that reports no progress).
    """
    return Job(
        parent,
        title,
        label,
        work,
        on_result,
        on_cancelled=on_cancelled,
        subject=subject,
        cancellable=cancellable,
        busy=busy,
    ).start()


# --- the questions around an export (tests replace these functions) -----------------------------------
def ask_save_path(parent: QWidget | None, title: str, suggested: Path, file_filter: str) -> Path | None:
    """The file the user chose to write (with `suggested`'s suffix added when missing), or None."""
    chosen, _ = QFileDialog.getSaveFileName(parent, title, str(suggested), file_filter)
    if not chosen:
        return None
    path = Path(chosen)
    return (
        path
        if path.suffix.lower() == suggested.suffix.lower()
        else path.with_name(path.name + suggested.suffix)
    )


def ask_open_path(parent: QWidget | None, title: str, folder: Path, file_filter: str) -> Path | None:
    """The existing file the user chose to read, or None."""
    chosen, _ = QFileDialog.getOpenFileName(parent, title, str(folder), file_filter)
    return Path(chosen) if chosen else None


def offer_folder(parent: QWidget | None, title: str, message: str, details: list[str]) -> bool:
    """Say an export is done (with any findings); True when the user asks to open its folder."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning if details else QMessageBox.Icon.Information)
    box.setWindowTitle(title)
    box.setText(message)
    if details:
        shown = details[:15] + ([f"… and {len(details) - 15} more"] if len(details) > 15 else [])
        box.setInformativeText("\n".join(f"• {line}" for line in shown))
        if len(details) > 15:
            box.setDetailedText("\n".join(details))  # the full list, selectable
    open_button = box.addButton("Open folder", QMessageBox.ButtonRole.ActionRole)
    box.addButton(QMessageBox.StandardButton.Close)
    box.exec()
    return box.clickedButton() is open_button


def open_folder(path: Path) -> None:
    """Show the folder holding `path` in the system's file manager."""
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent)))


def suggested_path(folder: Path | None, name: str, suffix: str) -> Path:
    """`folder`/`name` made safe as a file name, with `suffix` (the home folder when `folder` is None)."""
    safe = "".join(c if c.isalnum() or c in " -_." else "_" for c in name).strip(" .") or "liftoff"
    return (folder or Path.home()) / f"{safe[:80]}{suffix}"
