"""The rollout and training plans of the open document, computed on demand and kept until stale.

Both views (Gantt, training) read the same plans from here, so a change regenerates them once.
Plans are stale after any change that can move a score, a dependency, an enabler or a setting;
funding scenarios, snapshots and file state leave them alone. A settings error (or any plan input
the generator refuses) is kept as `error`, and the last good plans stay on screen.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal

from planner.errors import LiftoffError
from planner.rollout import RolloutPlan, plan_rollout
from planner.training import plan_training
from planner.training_types import TrainingPlan
from ui.document import Changes, Document


class PlanResults(QObject):
    """Lazily computed plans; `stale` is emitted when the next read will regenerate them."""

    stale = Signal()

    def __init__(self, doc: Document, parent: Any = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self._rollout: RolloutPlan | None = None
        self._training: TrainingPlan | None = None
        self._fresh = False
        self.error = ""
        doc.changed.connect(self._on_changed)

    @staticmethod
    def of(doc: Document) -> PlanResults:
        """The one PlanResults of a document (created on first use, a child of the document)."""
        existing = doc.findChild(PlanResults)
        return existing if isinstance(existing, PlanResults) else PlanResults(doc, doc)

    def _on_changed(self, changes: Changes) -> None:
        if changes.scores or changes.plan_inputs or changes.dependencies or changes.structure:
            self._fresh = False
            self.stale.emit()

    def _compute(self) -> None:
        if self._fresh:
            return
        self._fresh = True
        try:
            rollout = plan_rollout(
                self.doc.portfolio, self.doc.scores(), self.doc.method, prepared=self.doc.prepared()
            )
            training = plan_training(self.doc.portfolio, rollout)
        except LiftoffError as exc:
            self.error = str(exc)
            return
        self._rollout, self._training, self.error = rollout, training, ""

    def rollout(self) -> RolloutPlan | None:
        self._compute()
        return self._rollout

    def training(self) -> TrainingPlan | None:
        self._compute()
        return self._training
