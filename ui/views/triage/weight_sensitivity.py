"""Sensitivity beside each weight slider: how far the weight can move before the top 5 or a decision changes.

Computed by ``planner.triage.sensitivity`` (exact stability intervals). Small portfolios are analysed on the
GUI thread shortly after the weights settle; large ones only on request, in a background thread, with
stale results (weights moved meanwhile) dropped.
"""

from __future__ import annotations

import threading
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QLabel

from planner.triage.sensitivity import Sensitivity, Stability, sensitivity
from planner.triage.sensitivity_words import beyond, compact, holds, joint, what_holds
from ui.document import Changes, Document
from ui.theme import set_tone

AUTO_LIMIT = 200  # pilots analysed automatically; beyond this only on request, off the GUI thread
SETTLE_MS = 400


def interval_text(stability: Stability) -> str:
    """The label: where the weight can go without a change ("6–64", "6–max", "any")."""
    return compact(stability)


def describe(ws: Any) -> str:
    """The tooltip: both intervals in the planner's words, with what changes just beyond each end."""
    lines = [f"{ws.name} = {ws.current:g}"]
    for what, stability in (("Top of the ranking", ws.ranking), ("Every decision", ws.decisions)):
        lines.append(f"{what} holds {holds(stability)}")
        ends = (beyond(stability.low, "below"), beyond(stability.high, "above"))
        lines += [f"  {text[:300]}" for text in ends if text]
    return "\n".join(lines)


class WeightSensitivity(QObject):
    """Keeps one label per weight ("crit"/"dim", id) showing where the top pilots and every decision
    both hold (`planner.triage.sensitivity_words.joint`); `latest` keeps each weight's analysis and
    the size of the top for the panel's sentence."""

    computed = Signal(object, int)  # Sensitivity, generation
    shown = Signal()  # new intervals are on the labels

    def __init__(self, doc: Document, labels: dict[tuple[str, str], QLabel], parent: Any = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.labels = labels
        self.latest: dict[tuple[str, str], tuple[Any, int]] = {}
        self.generation = 0
        self.busy = False
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(SETTLE_MS)
        self.timer.timeout.connect(self.refresh)
        self.computed.connect(self._show)
        doc.changed.connect(self._on_changed)
        self.timer.start()

    def _on_changed(self, changes: Changes) -> None:
        if changes.scores:
            self.generation += 1
            self.latest = {}
            for label in self.labels.values():
                set_tone(label, "faint")
            self.timer.start()

    def refresh(self, force: bool = False) -> None:
        """Analyse now (small portfolio) or, when forced, in the background (large portfolio)."""
        if not self.doc.portfolio.pilots:
            return
        generation = self.generation
        prepared, weights = self.doc.prepared(), self.doc.weights()
        if len(self.doc.portfolio.pilots) <= AUTO_LIMIT:
            self._show(sensitivity(prepared, weights), generation)
            return
        if not force:
            for label in self.labels.values():
                label.setText("…")
                label.setToolTip("Large portfolio: press “Sensitivity” to analyse the weights")
            return
        if self.busy:
            return
        self.busy = True

        def work() -> None:
            result = sensitivity(prepared, weights)
            self.computed.emit(result, generation)

        threading.Thread(target=work, daemon=True).start()

    def _show(self, result: Sensitivity, generation: int) -> None:
        self.busy = False
        if generation != self.generation:
            return  # the weights moved while we were computing
        for ws in result.weights:
            key = ("crit" if ws.kind == "criterion" else "dim", ws.key)
            label = self.labels.get(key)
            if label is None:
                continue
            both = joint(ws)
            self.latest[key] = (ws, result.top)
            label.setText(interval_text(both))
            label.setToolTip(f"{what_holds(ws, result.top)}.\n\n{describe(ws)}")
            label.setAccessibleName(f"{ws.name}: {what_holds(ws, result.top)}")
            near = [b.weight for b in (both.low, both.high) if b.weight is not None]
            fragile = any(abs(b - ws.current) <= 0.1 * ws.current for b in near)
            set_tone(label, "bad" if fragile else "muted")
        self.shown.emit()
