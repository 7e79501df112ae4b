"""Weights panel: a slider per dimension, criterion and threshold; live re-score while sliding.

Beside each weight: its share of its group in % (a dimension of the dimensions, a criterion of its
dimension's criteria), then the range within which the top five and every decision hold. The line at
the foot of the panel says the same in a sentence for the weight under the pointer or the keyboard.

Each slider move pushes a weight command; consecutive moves of one slider merge into one undo step.
Named weight sets ("CFO view") are saved into the portfolio and can be switched; Reset returns to
the method's defaults.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QScrollArea,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from planner.method import THRESHOLD_KEYS, Method, threshold_limit, weight_shares
from planner.portfolio.edits import EditError
from planner.triage.sensitivity import WEIGHT_MAX, WEIGHT_MIN
from planner.triage.sensitivity_words import what_holds
from ui import commands, prompts
from ui.document import Changes, Document
from ui.theme import set_tone
from ui.views.triage.weight_sensitivity import WeightSensitivity

THRESHOLD_NAMES = {
    "stop_value": "Stop below value",
    "stale_months": "Stale after months",
    "stale_value": "Stale: stop below value",
    "value": "Strong case from value",
    "readiness": "Sound from readiness",
    "sponsorship": "Sponsor needed below",
}


def ask_text(parent: QWidget, title: str, label: str) -> str | None:
    """Ask for one line of text; None when cancelled (tests monkeypatch this)."""
    text, ok = QInputDialog.getText(parent, title, label)
    return text.strip() if ok and text.strip() else None


class WeightsPanel(QWidget):
    problem = Signal(str)  # a weight change was refused; the message says why

    def __init__(self, doc: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.sliders: dict[tuple[str, str], QSlider] = {}
        self.values: dict[tuple[str, str], QLabel] = {}
        self.stability: dict[tuple[str, str], QLabel] = {}
        self.names: dict[tuple[str, str], str] = {}
        inner = QWidget()
        body = QVBoxLayout(inner)
        body.setContentsMargins(4, 4, 4, 4)

        sets = QHBoxLayout()
        self.sets = QComboBox()
        self.sets.setMinimumContentsLength(8)
        self.sets.setPlaceholderText("Weight sets")
        self.sets.setToolTip("Named weight sets saved in this portfolio")
        self.sets.setAccessibleName("Weight set")
        self.apply_set = QPushButton("Use")
        self.save_set = QPushButton("Save as…")
        self.apply_set.setToolTip("Use the chosen weight set")
        self.save_set.setToolTip("Save the weights in force as a named set")
        self.reset = QPushButton("Reset")
        self.reset.setToolTip("Back to the method's default weights and thresholds")
        self.pairwise = QPushButton("Pairwise…")
        self.pairwise.setToolTip(
            "Derive weights by comparing them two at a time (AHP), with a consistency check"
        )
        self.analyse = QPushButton("Sensitivity")
        self.analyse.setToolTip(
            "Work out, beside each weight, the range within which the top five and every decision hold"
            " (“max”: up to the maximum; red: a change lies within 10 % of the current weight)"
        )
        self.caption = QLabel(
            "Beside each weight: its share of its group, then the range within which the top five and"
            " every decision hold."
        )
        self.caption.setWordWrap(True)
        set_tone(self.caption, "muted")
        sets.addWidget(self.sets, 1)
        sets.addWidget(self.apply_set)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_set)
        buttons.addWidget(self.reset)
        tools = QHBoxLayout()
        tools.addWidget(self.pairwise)
        tools.addWidget(self.analyse)
        for line in (sets, buttons, tools):
            body.addLayout(line)
        body.addWidget(self.caption)

        self.method_sliders = QWidget()  # dimension and criterion sliders, rebuilt for another method
        QVBoxLayout(self.method_sliders).setContentsMargins(0, 0, 0, 0)
        self._method: Method | None = None
        body.addWidget(self.method_sliders)
        box = QGroupBox("Decision thresholds")
        grid = QGridLayout(box)
        for row, key in enumerate(THRESHOLD_KEYS):
            top = round(threshold_limit(key))
            self._add(grid, row, ("thr", key), THRESHOLD_NAMES[key], "", 0, top, self._thr_setter(key))
        body.addWidget(box)
        body.addStretch(1)

        scroll = QScrollArea()
        scroll.setAccessibleName("Weights and thresholds")
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(inner)
        self.explanation = QLabel()  # the weight in focus, in a sentence; outside the scroll, always in sight
        self.explanation.setWordWrap(True)
        self.explanation.setMargin(4)
        self.explanation.setAccessibleName("The weight in focus")
        self.focused: tuple[str, str] | None = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll, 1)
        outer.addWidget(self.explanation)

        self.sensitivity = WeightSensitivity(doc, self.stability, self)
        self.sensitivity.shown.connect(lambda: self.explain(self.focused))
        self.analyse.clicked.connect(lambda: self.sensitivity.refresh(force=True))
        self.apply_set.clicked.connect(self._apply_set)
        self.pairwise.clicked.connect(self.open_pairwise)
        self.save_set.clicked.connect(self._save_set)
        self.reset.clicked.connect(lambda: self._push(lambda: commands.reset_weights(doc)))
        doc.changed.connect(self._on_changed)
        self.sync()

    def _build_method_sliders(self) -> None:
        """One slider per dimension and per criterion of the document's method (replacing any others).

        A document can switch methods (opening a project that uses another method), so these sliders
        follow `doc.method` rather than the method the panel was built with.
        """
        method = self._method = self.doc.method
        layout = self.method_sliders.layout()
        while (item := layout.takeAt(0)) is not None:
            if (widget := item.widget()) is not None:
                widget.hide()  # at once: deletion waits for the event loop
                widget.deleteLater()
        for key in [k for k in self.sliders if k[0] != "thr"]:
            del self.sliders[key], self.values[key], self.stability[key], self.names[key]
        dims = QGroupBox("Dimensions")
        grid = QGridLayout(dims)
        for row, d in enumerate(method.dimensions):
            setter = self._dim_setter(d.id)
            self._add(grid, row, ("dim", d.id), d.name, d.description, WEIGHT_MIN, WEIGHT_MAX, setter)
        layout.addWidget(dims)
        for d in method.dimensions:
            box = QGroupBox(f"{d.name} criteria")
            grid = QGridLayout(box)
            for row, c in enumerate(method.criteria_of(d.id)):
                setter = self._crit_setter(c.id)
                self._add(grid, row, ("crit", c.id), c.name, c.description, WEIGHT_MIN, WEIGHT_MAX, setter)
            layout.addWidget(box)

    def _add(
        self,
        grid: QGridLayout,
        row: int,
        key: tuple[str, str],
        name: str,
        tip: str,
        low: int,
        high: int,
        setter: Callable[[int], None],
    ) -> None:
        label = QLabel(name)
        label.setToolTip(tip)
        label.setWordWrap(True)
        label.setMinimumWidth(76)  # names wrap in a narrow dock
        label.setMaximumWidth(104)
        slider = QSlider(Qt.Orientation.Horizontal)
        slider.setRange(low, high)
        slider.setMinimumWidth(50)
        slider.setToolTip(tip)
        slider.setAccessibleName(f"{name} {'threshold' if key[0] == 'thr' else 'weight'}")
        slider.setAccessibleDescription(tip)
        slider.installEventFilter(self)
        value = QLabel()
        value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        grid.addWidget(label, row, 0)
        grid.addWidget(slider, row, 1)
        grid.addWidget(value, row, 2)
        if key[0] in ("crit", "dim"):
            stability = QLabel("…")
            set_tone(stability, "faint")
            grid.addWidget(stability, row, 3)
            self.stability[key] = stability
        grid.setColumnStretch(1, 1)
        slider.valueChanged.connect(setter)
        slider.sliderReleased.connect(lambda: commands.seal_last(self.doc))
        self.sliders[key], self.values[key], self.names[key] = slider, value, name
        self._fit_numbers()

    def _fit_numbers(self) -> None:
        """The share and range columns as wide as their widest text needs in the current font."""
        metrics = self.fontMetrics()
        for label in self.values.values():
            label.setFixedWidth(metrics.horizontalAdvance("100 %") + 2)
        for label in self.stability.values():
            label.setFixedWidth(metrics.horizontalAdvance("100–max") + 2)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._fit_numbers()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.FocusIn, QEvent.Type.Enter):
            key = next((k for k, slider in self.sliders.items() if slider is watched), None)
            if key is not None:
                self.explain(key)
        return super().eventFilter(watched, event)

    def explain(self, key: tuple[str, str] | None) -> None:
        """Say at the foot of the panel what the weight `key` is worth and how far it can move."""
        self.focused = key
        if key is None or key not in self.sliders:
            self.explanation.setText("Point at a weight (or move to it with Tab) to read what it means.")
            return
        kind, ident = key
        weights = self.doc.weights()
        name = self.names[key]
        if kind == "thr":
            self.explanation.setText(f"{name}: {weights.thresholds[ident]:g} points on the 0–100 scores.")
            return
        shares = weight_shares(self.doc.method, weights)
        if kind == "dim":
            raw, share, group = weights.dimensions[ident], shares["dimensions"][ident], "the dimensions"
        else:
            dimension = self.doc.method.criterion(ident).dimension
            group = next(f"the {d.name} criteria" for d in self.doc.method.dimensions if d.id == dimension)
            raw, share = weights.criteria[ident], shares["criteria"][ident]
        text = f"{name}: weight {raw:g}, {share:.0%} of {group}."
        known = self.sensitivity.latest.get(key)
        if known is not None:
            text += f" {what_holds(*known)}."
        self.explanation.setText(text)

    def _push(self, make: Callable[[], commands.EditCommand]) -> None:
        try:
            self.doc.push(make())
        except EditError as exc:
            self.problem.emit(f"Weights not changed: {exc}")
            self.sync()  # the slider goes back to the weight in force

    def _dim_setter(self, dim: str) -> Callable[[int], None]:
        return lambda v: self._push(lambda: commands.set_dimension_weight(self.doc, dim, float(v)))

    def _crit_setter(self, crit: str) -> Callable[[int], None]:
        return lambda v: self._push(lambda: commands.set_weight(self.doc, crit, float(v)))

    def _thr_setter(self, key: str) -> Callable[[int], None]:
        return lambda v: self._push(lambda: commands.set_threshold(self.doc, key, float(v)))

    def _on_changed(self, changes: Changes) -> None:
        if changes.weights or changes.file or changes.structure:
            self.sync()

    def sync(self) -> None:
        """Show the weights in force (without pushing anything back)."""
        if self._method is not self.doc.method:
            self._build_method_sliders()
        w = self.doc.weights()
        shares = weight_shares(self.doc.method, w)
        share = {("dim", k): v for k, v in shares["dimensions"].items()}
        share.update({("crit", k): v for k, v in shares["criteria"].items()})
        current = {("dim", k): v for k, v in w.dimensions.items()}
        current.update({("crit", k): v for k, v in w.criteria.items()})
        current.update({("thr", k): v for k, v in w.thresholds.items()})
        for key, slider in self.sliders.items():
            v = current.get(key)
            if v is None:
                continue
            slider.blockSignals(True)
            slider.setValue(round(v))
            slider.blockSignals(False)
            self.values[key].setText(f"{share[key]:.0%}".replace("%", " %") if key in share else f"{v:g}")
            slider.setEnabled(not self.doc.read_only)
        names = [s.name for s in self.doc.portfolio.method.weight_sets]
        if names != [self.sets.itemText(i) for i in range(self.sets.count())]:
            self.sets.clear()
            self.sets.addItems(names)
        self.apply_set.setEnabled(bool(names))
        self.explain(self.focused)

    def open_pairwise(self) -> None:
        from ui.dialogs.ahp_dialog import AhpDialog

        AhpDialog(self.doc, self).exec()

    def _apply_set(self) -> None:
        name = self.sets.currentText()
        if name:
            self._push(lambda: commands.apply_weight_set(self.doc, name))

    def _save_set(self) -> None:
        name = ask_text(self, "Save weight set", "Name of this weight set (e.g. CFO view):")
        if not name:
            return
        try:
            self.doc.push(commands.save_weight_set(self.doc, name))
        except EditError as exc:
            prompts.show_error(self, "Weight set not saved", f"The weight set “{name}” was not saved: {exc}")
            return
        self.sets.setCurrentText(name)
