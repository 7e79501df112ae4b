"""Files, safety and recovery for the open document: open, save, autosave, recovery, lock.

- Saving goes through ``planner.portfolio.store.save`` (atomic: a failed save leaves the old file intact); on
  failure the document stays modified and the error is shown in plain words.
- Autosave: ``AUTOSAVE_MS`` after the last change, the portfolio is written (on a worker thread) to
  this session's recovery file in the recovery folder (never the user's file), with a small JSON
  note of the original path.
  A clean save or close deletes it. Each session holds a lock on its recovery file, so the
  next start only offers recovery files whose session is gone (crashed).
- The project's lock (``planner.portfolio.lock``, the one the command line takes too) beside an open
  project tells any other writer the project is in use: a second window may open it read-only, and
  nothing saves onto a project another instance holds.
- Opening a project removes the leftovers of killed saves beside it (``planner.atomic``).
"""

from __future__ import annotations

import contextlib
import json
import os
import threading
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from planner.atomic import remove_stale_temps
from planner.errors import LiftoffError
from planner.model import Portfolio
from planner.portfolio.lock import LockHeld, ProjectLock, holder, lock_path
from ui.document import Changes, Document

AUTOSAVE_MS = 1500
RECOVERY_SUFFIX = ".recovery.liftoff"


class FileProblem(Exception):
    """A load or save failure in plain words: `title` for the dialog, `message` naming file and place."""

    def __init__(self, title: str, message: str) -> None:
        super().__init__(message)
        self.title = title
        self.message = message


def load_portfolio(path: Path) -> Portfolio:
    """Read a project file; FileProblem (naming the file and what is wrong) on any failure."""
    from planner.method import load_method
    from planner.portfolio import store

    try:
        portfolio = store.load(path)
        load_method(portfolio.method.id)  # a project naming a method this installation lacks
        return portfolio
    except (LiftoffError, ValueError) as exc:
        text = str(exc)
        raise FileProblem("Cannot open project", text if path.name in text else f"{path}: {text}") from None
    except OSError as exc:
        raise FileProblem("Cannot open project", f"{path}: {exc.strerror or exc}") from None


def save_portfolio(portfolio: Portfolio, path: Path) -> None:
    """Write a project file atomically; FileProblem on failure (the previous file is left as it was)."""
    from planner.portfolio import store

    try:
        store.save(portfolio, path)
    except (LiftoffError, ValueError, OSError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        reason = reason.removeprefix(f"{path}: ").removeprefix("cannot save: ")
        raise FileProblem(
            "Cannot save project", f"{path} was not saved: {reason}. Your changes are still open."
        ) from None


def free_name(path: Path) -> Path:
    """A name beside `path` that no file has yet: ``plan (copy).liftoff``, ``plan (copy 2).liftoff``…"""
    stem = path.stem
    for n in range(1, 1000):
        candidate = path.with_name(f"{stem} (copy{'' if n == 1 else f' {n}'}){path.suffix}")
        if not candidate.exists():
            return candidate
    return path


@dataclass(frozen=True)
class Recoverable:
    """A recovery file left by a session that did not close cleanly."""

    recovery: Path
    original: Path | None
    saved_at: str

    def describe(self) -> str:
        where = str(self.original) if self.original else "an unsaved project"
        return f"Unsaved changes to {where} from {self.saved_at}"


def find_recoverable(folder: Path) -> list[Recoverable]:
    """Recovery files in `folder` whose session has ended without cleaning up (newest first)."""
    found: list[Recoverable] = []
    if not folder.is_dir():
        return found
    for data in sorted(folder.glob(f"*{RECOVERY_SUFFIX}"), key=lambda p: p.stat().st_mtime, reverse=True):
        if holder(data) is not None:
            continue  # its session is still running
        meta_path = data.with_suffix(".json")
        original: Path | None = None
        saved_at = ""
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            original = Path(meta["original"]) if meta.get("original") else None
            saved_at = str(meta.get("saved_at", ""))
        except (OSError, ValueError, KeyError, TypeError, AttributeError, RecursionError):
            pass  # a damaged note (e.g. not a JSON object) must not stop the app from starting
        found.append(Recoverable(data, original, saved_at))
    return found


def discard_recovery(item: Recoverable) -> None:
    """Delete a recovery file and its note."""
    for path in (item.recovery, item.recovery.with_suffix(".json"), lock_path(item.recovery)):
        path.unlink(missing_ok=True)


class FileGuard(QObject):
    """Autosave and locks for one document; owned by the main window."""

    autosaved = Signal(object)  # Path of the recovery file written
    autosave_failed = Signal(str)

    def __init__(self, doc: Document, recovery_dir: Path, parent: Any = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.recovery_dir = recovery_dir
        recovery_dir.mkdir(parents=True, exist_ok=True)
        self.recovery_path = recovery_dir / f"{uuid.uuid4().hex}{RECOVERY_SUFFIX}"
        self._session_lock = ProjectLock(self.recovery_path, "Liftoff session")
        with contextlib.suppress(LiftoffError):  # a fresh random name: nobody else holds it
            self._session_lock.acquire()
        self._project_lock: ProjectLock | None = None
        self._lock = threading.Lock()
        self._generation = 0
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(AUTOSAVE_MS)
        self.timer.timeout.connect(self.autosave)
        doc.changed.connect(self._on_changed)

    def _on_changed(self, changes: Changes) -> None:
        # The first edit after a save reports its content change while the undo stack still counts as
        # clean; the stack's own "no longer clean" change follows as a file-only change, so that one
        # must start the timer too.
        if self.doc.is_modified():
            with self._lock:
                self._generation += 1  # newer state: an older write still in flight is dropped
            self.timer.start()
        elif changes == Changes(file=True):
            self.timer.stop()  # saved, or undone back to the saved state

    def autosave(self, blocking: bool = False) -> None:
        """Write the recovery file (skipped when nothing is unsaved).

        Serialising a large portfolio takes a while, so by default it happens on a worker thread; the
        portfolio is immutable (edits replace it), so the worker reads a consistent state. A later
        `clean()` wins over a write still in flight: the worker removes what it wrote.
        """
        if not self.doc.is_modified():
            return
        portfolio = self.doc.portfolio
        original = str(self.doc.path) if self.doc.path else None
        generation = self._generation
        if blocking:
            self._write(portfolio, original, generation)
        else:
            threading.Thread(target=self._write, args=(portfolio, original, generation), daemon=True).start()

    def _write(self, portfolio: Portfolio, original: str | None, generation: int) -> None:
        from datetime import datetime

        from planner.portfolio import store

        meta = {"original": original, "saved_at": datetime.now().strftime("%Y-%m-%d %H:%M:%S")}
        try:
            text = store.dumps(portfolio)
            with self._lock:
                if generation != self._generation:
                    return  # cleaned (saved or closed) meanwhile: this state is not needed any more
                temp = self.recovery_path.with_suffix(".tmp")
                temp.write_text(text, encoding="utf-8")
                temp.replace(self.recovery_path)
                self.recovery_path.with_suffix(".json").write_text(json.dumps(meta), encoding="utf-8")
        except (OSError, LiftoffError, ValueError) as exc:
            self.autosave_failed.emit(f"Autosave to {self.recovery_path} failed: {exc}")
            return
        self.autosaved.emit(self.recovery_path)

    def clean(self) -> None:
        """Forget the recovery data (after a clean save or close)."""
        self.timer.stop()
        with self._lock:
            self._generation += 1
            self.recovery_path.unlink(missing_ok=True)
            self.recovery_path.with_suffix(".json").unlink(missing_ok=True)

    def close(self) -> None:
        """End of session: remove recovery data and release both locks."""
        self.clean()
        self.release_project()
        self._session_lock.release()

    # --- project lock ---------------------------------------------------------------------------------
    def lock_project(self, path: Path) -> str | None:
        """Hold the lock of `path` instead of the current one and clear the leftovers of killed saves
        beside it: None when done (or when no lock file can be made there), else who holds it, in
        words for the user, and the current lock is kept."""
        if self.holds(path):
            return None
        lock = ProjectLock(path, "Liftoff")
        try:
            lock.acquire()
        except LockHeld as exc:
            return exc.holder.describe()
        except LiftoffError:
            # no lock file can be made there (a missing or read-only folder): nobody else can write
            # there either, and a save reports the folder's problem in its own words
            self.release_project()
            return None
        self.release_project()
        self._project_lock = lock
        remove_stale_temps(path)
        return None

    def holds(self, path: Path) -> bool:
        """True when this window holds the lock of `path`."""
        return self._project_lock is not None and self._project_lock.project == Path(os.path.abspath(path))

    def release_project(self) -> None:
        if self._project_lock is not None:
            self._project_lock.release()
            self._project_lock = None
