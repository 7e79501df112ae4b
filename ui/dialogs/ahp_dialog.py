"""Pairwise (AHP) weighting dialog: the room compares weights two at a time; CR and what to revisit.

Pick a group (the three dimensions, or the criteria of one dimension with at least two), answer each
pair on Saaty's scale, and watch the resulting weights and consistency ratio update. "Apply" sets the
group's weights in one undo step, keeping the group's current total so other groups are not disturbed.
The answers start from the weights in force rounded to the scale, so Apply waits for a changed answer:
applying the rounded start would move the weights without anyone asking for it.
"""

from __future__ import annotations

import html
import math
from functools import partial

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from planner.portfolio.edits import EditError
from planner.triage.ahp import ACCEPTABLE_CR, MAX_ITEMS, SAATY_VALUES, AhpError, AhpResult, ahp
from ui import commands
from ui.document import Document
from ui.theme import scheme

DIMENSIONS_GROUP = "dimensions"


def saaty_label(value: float, first: str, second: str) -> str:
    if math.isclose(value, 1.0):
        return "equally important"
    if value > 1:
        return f"{first}: {value:g}× more important"
    return f"{second}: {1 / value:g}× more important"


def nearest_saaty(ratio: float) -> float:
    """The Saaty scale value closest to `ratio` on a log scale."""
    return min(SAATY_VALUES, key=lambda v: abs(math.log(v) - math.log(ratio)))


class AhpDialog(QDialog):
    def __init__(self, doc: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.setWindowTitle("Pairwise weighting (AHP)")
        self.resize(620, 640)
        self.group = QComboBox()
        names = ", ".join(d.name for d in doc.method.dimensions)
        self.group.addItem(f"Dimensions ({names})", DIMENSIONS_GROUP)
        for d in doc.method.dimensions:
            if 2 <= len(doc.method.criteria_of(d.id)) <= MAX_ITEMS:  # a lone criterion has no pair
                self.group.addItem(f"{d.name} criteria", d.id)
        self.pairs_host = QWidget()
        self.pairs = QFormLayout(self.pairs_host)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.pairs_host)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Apply | QDialogButtonBox.StandardButton.Close
        )
        self.apply_button = buttons.button(QDialogButtonBox.StandardButton.Apply)
        self.apply_button.clicked.connect(self.apply)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.group)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.summary)
        layout.addWidget(buttons)
        self.combos: dict[tuple[str, str], QComboBox] = {}
        self.answered = False  # some comparison was changed since the group was shown
        self.group.currentIndexChanged.connect(lambda _i: self._build())
        self._build()

    def items(self) -> list[tuple[str, str, float]]:
        """(id, name, current weight) of the items in the chosen group."""
        w = self.doc.weights()
        group = self.group.currentData()
        if group == DIMENSIONS_GROUP:
            return [(d.id, d.name, w.dimensions[d.id]) for d in self.doc.method.dimensions]
        return [(c.id, c.name, w.criteria[c.id]) for c in self.doc.method.criteria_of(group)]

    def _build(self) -> None:
        while self.pairs.rowCount():
            self.pairs.removeRow(0)
        self.combos = {}
        self.answered = False
        items = self.items()
        for i, (a, a_name, wa) in enumerate(items):
            for b, b_name, wb in items[i + 1 :]:
                combo = QComboBox()
                for value in reversed(SAATY_VALUES):
                    combo.addItem(saaty_label(value, a_name, b_name), value)
                combo.setCurrentIndex(combo.findData(nearest_saaty(wa / wb)))
                combo.currentIndexChanged.connect(self._answer_changed)
                label = QLabel(f"{a_name} vs {b_name}")
                label.setWordWrap(True)
                self.pairs.addRow(label, combo)
                self.combos[(a, b)] = combo
        self._update()

    def set_answer(self, first: str, second: str, value: float) -> None:
        """Answer one pair (used by tests and keyboard users alike)."""
        combo = self.combos[(first, second)]
        combo.setCurrentIndex(combo.findData(nearest_saaty(value)))

    def _answer_changed(self, _index: int) -> None:
        self.answered = True
        self._update()

    def compute(self) -> tuple[AhpResult, dict[str, str]]:
        names = {i: n for i, n, _w in self.items()}
        answers = {pair: float(combo.currentData()) for pair, combo in self.combos.items()}
        return ahp(list(names), answers), names

    def _update(self, *_args: object) -> None:
        try:
            result, names = self.compute()
        except AhpError as exc:
            self.summary.setText(f"<span style='color:{scheme().bad}'>{exc}</span>")
            self.apply_button.setEnabled(False)
            return
        ok = result.acceptable
        colour = scheme().good if ok else scheme().bad
        verdict = "acceptable: at most" if ok else "too inconsistent: above"
        lines = [
            f"<b>Consistency ratio {result.consistency_ratio:.3f}</b> "
            f"<span style='color:{colour}'>({verdict} {ACCEPTABLE_CR:.2f})</span>"
        ]
        if result.revisit is not None and not ok:
            advice = result.revisit.advice(names)  # never proposes the answer already given
            lines.append(html.escape(advice[:1].upper() + advice[1:]) + ".")
        shares = ", ".join(f"{names[k]} {v * 100:.0f} %" for k, v in result.weights.items())
        lines.append(f"Weights: {shares}")
        if not self.answered:
            lines.append(
                "The answers start from the weights in force, rounded to the scale: change one to apply."
            )
        self.summary.setText("<br>".join(lines))
        self.apply_button.setEnabled(self.answered and not self.doc.read_only)

    def apply(self) -> None:
        """Set the group's weights from the comparisons (one undo step), keeping the group's total."""
        result, _names = self.compute()
        items = self.items()
        total = sum(w for _i, _n, w in items)
        scaled = {k: max(v * total, 0.01) for k, v in result.weights.items()}
        group = self.group.currentData()
        try:
            if group == DIMENSIONS_GROUP:
                commands.run_macro(
                    self.doc,
                    "Dimension weights from pairwise comparison",
                    [
                        partial(commands.set_dimension_weight, self.doc, k, min(v, 100.0))
                        for k, v in scaled.items()
                    ],
                )
            else:
                capped = {k: min(v, 100.0) for k, v in scaled.items()}
                self.doc.push(
                    commands.set_weights(self.doc, capped, "Criterion weights from pairwise comparison")
                )
        except EditError as exc:
            self.summary.setText(f"<span style='color:{scheme().bad}'>{exc}</span>")
