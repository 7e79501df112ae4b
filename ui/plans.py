"""The rollout and training plans of the open document, regenerated when their inputs change.

Both views (Gantt, training) read the same plans from here, so a change regenerates them once, and
`updated` tells them to redraw. Plans are stale after any change that can move a score, a
dependency, an enabler or a setting; funding scenarios, snapshots and file state leave them alone.

Small portfolios are planned on demand on the GUI thread (a few milliseconds). From
`BACKGROUND_FROM` pilots on, a change starts the planners in the thread pool and the views keep
showing the last plans until the new ones arrive. A planner's refusal is kept as `error`, and the
last good plans stay on screen.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal

from planner.errors import LiftoffError
from planner.plans.rollout import RolloutPlan, plan_rollout
from planner.plans.training import plan_training
from planner.plans.training_types import TrainingPlan
from ui.background import BackgroundError, Latest
from ui.document import Changes, Document

BACKGROUND_FROM = 200  # pilots; below this a plan takes well under 0.1 s


class PlanResults(QObject):
    """The current plans; `updated` is emitted whenever what `rollout()`/`training()` return changes."""

    updated = Signal()

    def __init__(self, doc: Document, parent: Any = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self._rollout: RolloutPlan | None = None
        self._training: TrainingPlan | None = None
        self._fresh = False
        self.error = ""
        self.background_from = BACKGROUND_FROM
        self._background = Latest(self)
        doc.changed.connect(self._on_changed)

    @staticmethod
    def of(doc: Document) -> PlanResults:
        """The one PlanResults of a document (created on first use, a child of the document)."""
        existing = doc.findChild(PlanResults)
        return existing if isinstance(existing, PlanResults) else PlanResults(doc, doc)

    def _on_changed(self, changes: Changes) -> None:
        if not (changes.scores or changes.plan_inputs or changes.dependencies or changes.structure):
            return
        self._fresh = False
        if self._rollout is not None and len(self.doc.portfolio.pilots) >= self.background_from:
            portfolio, scores = self.doc.portfolio, self.doc.scores()
            method, prepared = self.doc.method, self.doc.prepared()
            self._background.run(lambda: _plans(portfolio, scores, method, prepared), self._arrived)
            return
        self.updated.emit()  # the next read plans afresh

    def _arrived(self, result: object) -> None:
        self._fresh = True
        if isinstance(result, BackgroundError):
            self.error = result.message
        else:
            self._rollout, self._training = result  # type: ignore[misc]
            self.error = ""
        self.updated.emit()

    def _compute(self) -> None:
        if self._fresh:
            return
        self._fresh = True
        try:
            rollout, training = _plans(
                self.doc.portfolio, self.doc.scores(), self.doc.method, self.doc.prepared()
            )
        except LiftoffError as exc:
            self.error = str(exc)
            return
        self._rollout, self._training, self.error = rollout, training, ""

    def rollout(self) -> RolloutPlan | None:
        if self._rollout is None or self._plans_on_demand():
            self._compute()
        return self._rollout

    def training(self) -> TrainingPlan | None:
        if self._rollout is None or self._plans_on_demand():
            self._compute()
        return self._training

    def _plans_on_demand(self) -> bool:
        """True when reads should plan on demand (small portfolios)."""
        return len(self.doc.portfolio.pilots) < self.background_from

    def wait(self, timeout_ms: int = 20_000) -> bool:
        """For tests: block until background planning is done."""
        return Latest.wait(timeout_ms)


def _plans(portfolio: Any, scores: Any, method: Any, prepared: Any) -> tuple[RolloutPlan, TrainingPlan]:
    rollout = plan_rollout(portfolio, scores, method, prepared=prepared)
    return rollout, plan_training(portfolio, rollout)
