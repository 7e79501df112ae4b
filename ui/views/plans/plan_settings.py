"""Plan settings panel: the calendar, caps, phases and training capacity behind both plans.

Every change is an undoable edit through `planner.plans.edits`; a value the settings refuse is not
applied, the message (naming the setting) shows under the form, and the plans stay as they were.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDoubleSpinBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from planner.model import Portfolio
from planner.plans import edits as plan_edits
from planner.portfolio.edits import EditError
from ui.commands import EditCommand
from ui.document import Changes, Document
from ui.theme import set_tone

NUMBERS: tuple[tuple[str, str, float, float, int], ...] = (
    # setting, label, minimum, maximum, decimals
    ("max_concurrent_rollouts", "Rollouts in flight at once", 1, 10_000, 0),
    ("max_changes_per_group", "Changes one user group absorbs at once", 1, 100, 0),
    ("remediation_default_weeks", "Default remediation (weeks)", 0, 260, 1),
    ("training_lead_weeks", "Training lead window (weeks)", 0.5, 52, 1),
    ("training_buffer_days", "Training ends before go-live (working days)", 0, 60, 0),
    ("trainer_hours_per_week", "Trainer hours per week", 1, 100_000, 0),
    ("trainer_hour_cost", "Cost per trainer hour", 0, 1_000_000, 0),
    ("champion_ratio", "Users per champion", 1, 100_000, 0),
    ("manager_span", "Users per manager", 1, 100_000, 0),
)


def plan_command(doc: Document, text: str, after: Portfolio, merge: object = None) -> EditCommand:
    return EditCommand(doc, text, after, Changes(plan_inputs=True), merge_key=merge)


class PlanSettingsPanel(QWidget):
    def __init__(self, doc: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self._syncing = False
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)  # narrow dock: fields under labels
        self.use_as_of = QCheckBox("Start on the portfolio's as-of date")
        self.start = QDateEdit()
        self.start.setCalendarPopup(True)
        self.start.setDisplayFormat("dd MMM yyyy")
        form.addRow(self.use_as_of)
        form.addRow("Plan start", self.start)
        self.numbers: dict[str, QDoubleSpinBox | QSpinBox] = {}
        for key, label, low, high, decimals in NUMBERS:
            box: QDoubleSpinBox | QSpinBox
            if decimals:
                box = QDoubleSpinBox()
                box.setDecimals(decimals)
                box.setRange(low, high)
            else:
                box = QSpinBox()
                box.setRange(int(low), int(high))
            box.setKeyboardTracking(False)
            box.valueChanged.connect(lambda value, key=key: self._set(key, value))
            self.numbers[key] = box
            form.addRow(label, box)
        self.holidays = QLineEdit()
        self.holidays.setPlaceholderText("e.g. 2027-01-01, 2027-04-02")
        self.holidays.setToolTip("Public holidays, as dates (YYYY-MM-DD) separated by commas")
        self.holidays.editingFinished.connect(self._set_holidays)
        form.addRow("Holidays", self.holidays)
        self.phases = QTableWidget(0, 3)
        self.phases.setAccessibleName("Rollout phases")
        self.phases.setHorizontalHeaderLabels(["Phase", "Weeks", "Live %"])
        header = self.phases.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.phases.verticalHeader().hide()
        self.phases.itemChanged.connect(self._phase_edited)
        self.error = QLabel()
        self.error.setWordWrap(True)
        set_tone(self.error, "bad")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        phases_title = QLabel("Rollout phases (live % is cumulative and must reach 100 %)")
        phases_title.setWordWrap(True)
        layout.addWidget(phases_title)
        layout.addWidget(self.phases, 1)
        layout.addWidget(self.error)
        self.use_as_of.toggled.connect(self._set_start)
        self.start.dateChanged.connect(lambda _d: self._set_start())
        doc.changed.connect(lambda changes: changes.plan_inputs and self.refresh())
        self.refresh()

    def refresh(self) -> None:
        settings = self.doc.portfolio.plan
        self._syncing = True
        try:
            self.use_as_of.setChecked(settings.start is None)
            start = settings.start or self.doc.portfolio.as_of
            self.start.setDate(QDate(start.year, start.month, start.day))
            self.start.setEnabled(settings.start is not None)
            for key, box in self.numbers.items():
                box.setValue(getattr(settings, key))
            self.holidays.setText(", ".join(d.isoformat() for d in settings.holidays))
            self.phases.setRowCount(len(settings.phases))
            for row, phase in enumerate(settings.phases):
                for column, value in enumerate((phase.name, f"{phase.weeks:g}", f"{phase.live_percent:g}")):
                    item = QTableWidgetItem(value)
                    item.setToolTip(phase.gate)
                    self.phases.setItem(row, column, item)
        finally:
            self._syncing = False

    def _apply(self, text: str, after_fn: Any, merge: object = None) -> bool:
        if self._syncing:
            return False
        try:
            after = after_fn(self.doc.portfolio)
        except EditError as exc:
            self.error.setText(f"Not applied: {exc}")
            self.refresh()
            return False
        self.error.clear()
        self.doc.push(plan_command(self.doc, text, after, merge))
        return True

    def _set(self, key: str, value: float) -> None:
        label = dict((k, lbl) for k, lbl, *_ in NUMBERS)[key]
        self._apply(f"Plan: {label}", lambda p: plan_edits.update_plan_settings(p, **{key: value}), key)

    def _set_start(self) -> None:
        qdate = self.start.date()
        start = None if self.use_as_of.isChecked() else date(qdate.year(), qdate.month(), qdate.day())
        self.start.setEnabled(start is not None)
        self._apply("Plan start", lambda p: plan_edits.update_plan_settings(p, start=start), "start")

    def _set_holidays(self) -> None:
        parts = [part.strip() for part in self.holidays.text().split(",") if part.strip()]
        self._apply("Plan holidays", lambda p: plan_edits.update_plan_settings(p, holidays=parts))

    def _phase_edited(self, item: QTableWidgetItem) -> None:
        if self._syncing:
            return
        field = ("name", "weeks", "live_percent")[item.column()]
        text = item.text().strip().rstrip("%").strip()
        value: Any = text
        if field != "name":
            try:
                value = float(text.replace(",", "."))
            except ValueError:
                self.error.setText(
                    f"Not applied: plan.phases[{item.row()}].{field}: {text!r} is not a number"
                )
                self.refresh()
                return
        row = item.row()
        self._apply(
            f"Plan phase {row + 1}: {field}", lambda p: plan_edits.update_phase(p, row, **{field: value})
        )
