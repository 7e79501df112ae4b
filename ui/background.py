"""Quiet background computations for views (a frontier, a force layout): no dialog, latest wins.

`run_latest(owner, work, deliver)` runs `work()` in the thread pool and calls `deliver(result)` on
the GUI thread, but only for the newest request of that owner: a view that asks again while a
computation runs simply ignores the stale answer. A failure arrives as a `BackgroundError` value
(one line, never a traceback), so a view can show it. Long user-started work with progress and
cancel uses `ui.worker` instead.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal

from planner.errors import LiftoffError

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class BackgroundError:
    message: str


class _Relay(QObject):
    done = Signal(int, object)


class _Job(QRunnable):
    def __init__(self, generation: int, work: Callable[[], Any]) -> None:
        super().__init__()
        self.setAutoDelete(False)  # the Python side keeps it until it has reported
        self.generation, self.work = generation, work
        self.relay = _Relay()

    def run(self) -> None:
        try:
            result: Any = self.work()
        except LiftoffError as exc:
            result = BackgroundError(str(exc))
        except Exception as exc:  # a bug: keep the app alive, log it, show one line
            log.exception("background computation failed")
            result = BackgroundError(f"could not compute this ({type(exc).__name__}: {exc})")
        self.relay.done.emit(self.generation, result)


class Latest(QObject):
    """One slot of background work for a view; only the newest request is delivered."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self._generation = 0
        self._jobs: dict[int, _Job] = {}

    def run(self, work: Callable[[], Any], deliver: Callable[[Any], None]) -> None:
        self._generation += 1
        job = _Job(self._generation, work)

        def arrived(generation: int, result: Any) -> None:
            self._jobs.pop(generation, None)
            if generation == self._generation:
                deliver(result)

        job.relay.done.connect(arrived, Qt.ConnectionType.QueuedConnection)
        self._jobs[self._generation] = job
        QThreadPool.globalInstance().start(job)

    @staticmethod
    def wait(timeout_ms: int = 20_000) -> bool:
        """For tests and screenshots: block until queued background work is done."""
        return QThreadPool.globalInstance().waitForDone(timeout_ms)
