"""Sensitivity beside each weight slider: how far the weight can move before the top 5 or a decision changes.

Computed by ``planner.triage.sensitivity`` (exact stability intervals). Small portfolios are analysed on the
GUI thread shortly after the weights settle; large ones only on request, in a background thread, with
stale results (weights moved meanwhile) dropped.
"""

from __future__ import annotations

import math
import threading
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QLabel

from planner.triage.sensitivity import Bound, Sensitivity, sensitivity
from ui.document import Changes, Document
from ui.theme import set_tone

AUTO_LIMIT = 200  # pilots analysed automatically; beyond this only on request, off the GUI thread
SETTLE_MS = 400


WEIGHT_MIN, WEIGHT_MAX = 1, 100  # the range of the weight sliders; intervals are told within it


def _clamped(low: Bound, high: Bound) -> tuple[float, float]:
    lo = WEIGHT_MIN if low.weight is None else max(low.weight, WEIGHT_MIN)
    hi = WEIGHT_MAX if high.weight is None else min(high.weight, WEIGHT_MAX)
    return lo, hi


def _span(low: Bound, high: Bound) -> tuple[str, str] | None:
    """The ends of the interval in whole numbers, or None when nothing changes anywhere on the slider.

    Both ends round inward, toward the current weight: the low end up, the high end down. The text
    promises that nothing changes anywhere in the range, so rounding may only drop a sliver at an end,
    never take in a weight beyond the change: rounding a low end of 5.6 down to 5 would claim 5 is
    safe when the top 5 already differs there. The sliders move in whole steps, so the whole numbers
    kept are exactly the slider positions that change nothing.
    """
    lo, hi = _clamped(low, high)
    if lo <= WEIGHT_MIN and hi >= WEIGHT_MAX:
        return None
    for digits in range(3):  # decimals only when no whole step fits (a weight set by AHP), still inward
        scale = 10**digits
        first, last = math.ceil(round(lo * scale, 6)) / scale, math.floor(round(hi * scale, 6)) / scale
        if first <= last:
            return f"{first:g}", f"{last:g}"
    return f"{lo:.4g}", f"{hi:.4g}"  # narrower than a hundredth: as computed


def interval_text(low: Bound, high: Bound) -> str:
    """``low–high`` of a stability interval within the slider range; "any" when it spans the range."""
    span = _span(low, high)
    return "any" if span is None else "–".join(span)


def describe(ws: Any) -> str:
    """The tooltip: both intervals, within the slider range, with what changes just beyond each end."""

    def unchanged(what: str, low: Bound, high: Bound) -> str:
        span = _span(low, high)
        if span is None:
            return f"{what}: no change from {WEIGHT_MIN} to {WEIGHT_MAX}"
        return f"{what} unchanged from {span[0]} to {span[1]}"

    def side(bound: Bound, word: str) -> str:
        inside = bound.weight is not None and WEIGHT_MIN <= bound.weight <= WEIGHT_MAX
        if not inside:
            end = WEIGHT_MIN if word == "below" else WEIGHT_MAX
            return f"{word}: no change as far as {end}"
        return f"{word} {bound.weight:.3g}: {bound.change}"

    r, d = ws.ranking, ws.decisions
    return (
        f"{ws.name} = {ws.current:g}\n"
        f"{unchanged('Top of the ranking', r.low, r.high)}\n"
        f"  {side(r.low, 'below')}\n  {side(r.high, 'above')}\n"
        f"{unchanged('Every decision', d.low, d.high)}\n"
        f"  {side(d.low, 'below')[:300]}\n  {side(d.high, 'above')[:300]}"
    )


class WeightSensitivity(QObject):
    """Keeps one label per weight ("crit"/"dim", id) showing the top-of-ranking stability interval."""

    computed = Signal(object, int)  # Sensitivity, generation

    def __init__(self, doc: Document, labels: dict[tuple[str, str], QLabel], parent: Any = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.labels = labels
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
            label = self.labels.get(("crit" if ws.kind == "criterion" else "dim", ws.key))
            if label is None:
                continue
            r = ws.ranking
            label.setText(interval_text(r.low, r.high))
            label.setToolTip(describe(ws))
            near = [b.weight for b in (r.low, r.high) if b.weight is not None]
            fragile = any(abs(b - ws.current) <= 0.1 * ws.current for b in near)
            set_tone(label, "bad" if fragile else "muted")
