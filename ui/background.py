"""Quiet background computations for views (a frontier, a force layout): no dialog, latest wins.

`run_latest(owner, work, deliver)` runs `work()` in the thread pool and calls `deliver(result)` on
the GUI thread, but only for the newest request of that owner: a view that asks again while a
computation runs simply ignores the stale answer. A failure arrives as a `BackgroundError` value
(one line, never a traceback), so a view can show it. Long user-started work with progress and
cancel uses `ui.worker` instead.
"""

from __future__ import annotations

import itertools
import logging
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal

from planner.errors import LiftoffError

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class BackgroundError:
    message: str


class _Relay(QObject):
    """Carries results from pool threads to the GUI thread. One for the whole app, never deleted, so a
    job never emits through an object that its owner's deletion took down with it."""

    done = Signal(int, object)


_relay: _Relay | None = None
# job id -> the job (kept until it has reported) and what to do with its result, on the GUI thread
_pending: dict[int, tuple[_Job, Callable[[Any], None]]] = {}
_job_ids = itertools.count(1)


def _arrived(job_id: int, result: Any) -> None:
    _job, report = _pending.pop(job_id)
    report(result)


class _Job(QRunnable):
    def __init__(self, job_id: int, work: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self.setAutoDelete(False)  # the Python side keeps it until it has reported
        self.job_id, self.work, self.relay = job_id, work, relay

    def run(self) -> None:
        try:
            result: Any = self.work()
        except LiftoffError as exc:
            result = BackgroundError(str(exc))
        except Exception as exc:  # a bug: keep the app alive, log it, show one line
            log.exception("background computation failed")
            result = BackgroundError(f"could not compute this ({type(exc).__name__}: {exc})")
        self.relay.done.emit(self.job_id, result)


class Latest(QObject):
    """One slot of background work for a view; only the newest request is delivered, and nothing once
    the view (the parent) is gone."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self._generation = 0

    def run(self, work: Callable[[], Any], deliver: Callable[[Any], None]) -> None:
        global _relay
        if _relay is None:  # created on the GUI thread, on first use
            _relay = _Relay()
            _relay.done.connect(_arrived, Qt.ConnectionType.QueuedConnection)
        self._generation += 1
        generation, owner = self._generation, weakref.ref(self)

        def report(result: Any) -> None:
            latest = owner()
            if latest is not None and shiboken6.isValid(latest) and latest._generation == generation:
                deliver(result)

        job = _Job(next(_job_ids), work, _relay)
        _pending[job.job_id] = (job, report)
        QThreadPool.globalInstance().start(job)

    @staticmethod
    def wait(timeout_ms: int = 20_000) -> bool:
        """For tests and screenshots: block until queued background work is done."""
        return QThreadPool.globalInstance().waitForDone(timeout_ms)
