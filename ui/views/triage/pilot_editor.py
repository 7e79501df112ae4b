"""Pilot editor: the selected pilot's overview, ratings with anchors, gates, finance, diagnosis, decision.

Every field writes through an undo command when editing finishes; the editor refreshes from the
document whenever the selected pilot changes or is touched by an edit (including undo).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from planner.formatting import money, percent
from planner.model import Decision, Evidence, Pilot, Stage
from planner.portfolio.edits import EditError
from planner.triage.finance import evaluate
from ui import commands
from ui.document import Changes, Document
from ui.theme import DECISION_LABELS, set_tone
from ui.views.triage.editor_parts import (
    CompactTabs,
    ScrollSafeComboBox,
    ScrollSafeSpinBox,
    anchor_text,
    diagnosis_html,
    scroll,
)

NOTES_PAUSE_MS = 800  # typed notes are kept this long after the last key (autosave follows within 1.5 s)


class PilotEditor(QTabWidget):
    problem = Signal(str)  # an edit was refused; the message names the pilot and field

    def __init__(self, doc: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.pilot_id: str | None = None
        self.error = QLabel()
        set_tone(self.error, "bad")
        self._loading = False
        self._gate_names: dict[QLabel, QCheckBox] = {}  # a click on a gate's name ticks its box
        self._shown: Pilot | None = None  # the pilot as last filled in
        self._refresh = QTimer(self)
        self._refresh.setSingleShot(True)
        self._refresh.setInterval(0)
        self._refresh.timeout.connect(self._refresh_now)
        self.tabBar().setExpanding(False)
        self.tabBar().setAccessibleName("Pilot editor pages")
        self.setAccessibleName("Pilot editor")
        self.setUsesScrollButtons(True)  # a narrow dock scrolls the tabs rather than widening the window
        self._compact = CompactTabs()
        self.tabBar().setStyle(self._compact)
        self._build_overview()
        self._method = doc.method
        self.addTab(self._build_ratings(), "Ratings")
        self.addTab(self._build_gates(), "Gates")
        self._build_finance()
        self._build_diagnosis()
        self._build_decision()
        doc.selection_changed.connect(lambda _ids: self.show_pilot(doc.current_pilot()))
        doc.changed.connect(self._on_changed)
        self.show_pilot(doc.current_pilot())

    # --- building -----------------------------------------------------------------------------------
    def _build_overview(self) -> None:
        page = QWidget()
        form = QFormLayout(page)
        self.name = QLineEdit()
        self.unit = QLineEdit()
        self.stage = QComboBox()
        self.stage.addItems([s.value for s in Stage])
        self.notes = QPlainTextEdit()
        self.notes.setPlaceholderText("Notes from workshops and steering committees")
        self.scoreline = QLabel()
        self.scoreline.setWordWrap(True)
        form.addRow("Name", self.name)
        form.addRow("Business unit", self.unit)
        form.addRow("Stage", self.stage)
        form.addRow("Scores", self.scoreline)
        form.addRow("Notes", self.notes)
        save_notes = QPushButton("Save notes")
        form.addRow("", save_notes)
        form.addRow(self.error)
        self.name.editingFinished.connect(
            lambda: self._edit(lambda p: commands.update_pilot(self.doc, p, name=self.name.text()))
        )
        self.unit.editingFinished.connect(
            lambda: self._edit(lambda p: commands.update_pilot(self.doc, p, business_unit=self.unit.text()))
        )
        self.stage.activated.connect(
            lambda _i: self._edit(lambda p: commands.move_stage(self.doc, p, self.stage.currentText()))
        )
        save_notes.clicked.connect(self.commit_notes)
        self.notes.installEventFilter(self)
        # typed notes reach the document after a pause (so Save, autosave and a crash keep them)
        self._notes_pause = QTimer(self)
        self._notes_pause.setSingleShot(True)
        self._notes_pause.setInterval(NOTES_PAUSE_MS)
        self._notes_pause.timeout.connect(self.commit_notes)
        self.notes.textChanged.connect(
            lambda: self._notes_pause.start() if self.notes.document().isModified() else None
        )
        self.addTab(scroll(page, "Overview"), "Overview")

    def _build_method_tabs(self) -> None:
        """(Re)build the Ratings and Gates tabs for the document's method, in their places.

        A document can switch methods (opening a project that uses another method), and these tabs
        hold one row per criterion and per gate check of the method.
        """
        self._method = self.doc.method
        current = self.currentIndex()
        for old, build, title in (
            (self._ratings_page, self._build_ratings, "Ratings"),
            (self._gates_page, self._build_gates, "Gates"),
        ):
            index = self.indexOf(old)
            self.removeTab(index)
            old.deleteLater()
            self.insertTab(index, build(), title)
        self.setCurrentIndex(current)

    def _build_ratings(self) -> QScrollArea:
        page = QWidget()
        grid = QGridLayout(page)
        self.rating_spins: dict[str, QSpinBox] = {}
        self.evidence: dict[str, QComboBox] = {}
        self.anchor_labels: dict[str, QLabel] = {}
        for row, crit in enumerate(self.doc.method.criteria):
            name = QLabel(f"<b>{crit.name}</b>")
            name.setWordWrap(True)
            name.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
            name.setToolTip(crit.description)
            spin = ScrollSafeSpinBox()
            spin.setAccessibleName(f"{crit.name} rating")
            spin.setToolTip(f"{crit.name}: 0 to 5 against the anchors below (– not rated)")
            spin.setRange(-1, 5)
            spin.setSpecialValueText("–")
            spin.setEnabled(crit.derived is None)
            evidence = ScrollSafeComboBox()
            evidence.setAccessibleName(f"{crit.name} evidence")
            evidence.setToolTip("How the rating is known: assumed, reported or verified")
            evidence.addItems([e.value for e in Evidence])
            evidence.setEnabled(crit.derived is None)
            anchor = QLabel()
            anchor.setWordWrap(True)
            anchor.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
            set_tone(anchor, "muted")
            grid.addWidget(name, 2 * row, 0)
            grid.addWidget(spin, 2 * row, 1)
            grid.addWidget(evidence, 2 * row, 2)
            grid.addWidget(anchor, 2 * row + 1, 0, 1, 3)
            self.rating_spins[crit.id], self.evidence[crit.id], self.anchor_labels[crit.id] = (
                spin,
                evidence,
                anchor,
            )
            if crit.derived is None:
                spin.valueChanged.connect(lambda v, c=crit.id: self._rate(c, v))
                evidence.activated.connect(lambda _i, c=crit.id: self._set_evidence(c))
        grid.setColumnStretch(0, 1)
        self._ratings_page = scroll(page, "Ratings")
        return self._ratings_page

    def _build_gates(self) -> QScrollArea:
        page = QWidget()
        box = QVBoxLayout(page)
        self.gate_boxes: dict[str, QCheckBox] = {}
        self.gate_reasons: dict[str, QLabel] = {}
        self._gate_names.clear()
        for gate in self.doc.method.gates:
            check = QCheckBox()
            check.setAccessibleName(gate.name)
            check.setToolTip(gate.description)
            name = QLabel(gate.name)  # a label wraps a long gate name; a check box's own text cannot
            name.setWordWrap(True)
            name.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
            name.setToolTip(gate.description)
            name.installEventFilter(self)
            self._gate_names[name] = check
            reason = QLabel()
            reason.setWordWrap(True)
            reason.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
            reason.setContentsMargins(22, 0, 0, 0)
            set_tone(reason, "bad")
            line = QHBoxLayout()
            line.addWidget(check)
            line.addWidget(name, 1)
            box.addLayout(line)
            box.addWidget(reason)
            check.clicked.connect(
                lambda on, g=gate.id: self._edit(lambda p: commands.set_gate(self.doc, p, g, on))
            )
            self.gate_boxes[gate.id], self.gate_reasons[gate.id] = check, reason
        box.addStretch(1)
        self._gates_page = scroll(page, "Gates")
        return self._gates_page

    def _build_finance(self) -> None:
        page = QWidget()
        form = QFormLayout(page)
        self.kpi_name = QLineEdit()
        self.kpi_fields: dict[str, QDoubleSpinBox] = {}
        form.addRow("KPI", self.kpi_name)
        self.kpi_name.editingFinished.connect(
            lambda: self._edit(lambda p: commands.set_kpi(self.doc, p, name=self.kpi_name.text()))
        )
        for key, label in (("baseline", "KPI baseline"), ("target", "KPI target"), ("latest", "KPI latest")):
            spin = QDoubleSpinBox()
            spin.setRange(-1e12, 1e12)
            spin.setDecimals(2)
            form.addRow(label, spin)
            spin.editingFinished.connect(
                lambda k=key, s=spin: self._edit(lambda p: commands.set_kpi(self.doc, p, **{k: s.value()}))
            )
            self.kpi_fields[key] = spin
        self.money: dict[str, QDoubleSpinBox] = {}
        for key, label in (
            ("scale_investment", "Scale investment"),
            ("annual_benefit", "Annual benefit at scale"),
            ("annual_run_cost", "Annual run cost"),
            ("pilot_spend", "Pilot spend so far"),
            ("change_budget", "Change budget"),
        ):
            spin = QDoubleSpinBox()
            spin.setRange(0, 1e12)
            spin.setDecimals(0)
            spin.setGroupSeparatorShown(True)
            form.addRow(label, spin)
            spin.editingFinished.connect(
                lambda k=key, s=spin: self._edit(
                    lambda p: commands.set_financials(self.doc, p, **{k: s.value()})
                )
            )
            self.money[key] = spin
        self.finance_result = QLabel()
        self.finance_result.setWordWrap(True)
        form.addRow("Computed", self.finance_result)
        self.addTab(scroll(page, "Finance"), "Finance")

    def _build_diagnosis(self) -> None:
        self.diagnosis = QLabel()
        self.diagnosis.setWordWrap(True)
        self.diagnosis.setTextFormat(Qt.TextFormat.RichText)
        self.diagnosis.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        holder = QWidget()
        QVBoxLayout(holder).addWidget(self.diagnosis)
        self._diagnosis_page = scroll(holder, "Diagnosis")
        self._diagnosed: str | None = None
        self.addTab(self._diagnosis_page, "Diagnosis")
        self.currentChanged.connect(
            lambda _i: self._diagnose() if self.currentWidget() is self._diagnosis_page else None
        )

    def _build_decision(self) -> None:
        page = QWidget()
        form = QFormLayout(page)
        self.computed = QLabel()
        self.computed.setWordWrap(True)
        self.override = QComboBox()
        self.override.addItem("No override (use the computed decision)", None)
        for d, label in DECISION_LABELS.items():
            self.override.addItem(label, d.value)
        self.rationale = QPlainTextEdit()
        self.rationale.setPlaceholderText("Required: why the committee decided differently")
        apply = QPushButton("Apply override")
        form.addRow("Computed", self.computed)
        form.addRow("Override", self.override)
        form.addRow("Rationale", self.rationale)
        form.addRow("", apply)
        apply.clicked.connect(self._apply_override)
        self.addTab(scroll(page, "Decision"), "Decision")

    # --- editing ------------------------------------------------------------------------------------
    def _edit(self, make: Callable[[str], commands.EditCommand]) -> None:
        if self._loading or self.pilot_id is None:
            return
        try:
            self.doc.push(make(self.pilot_id))
            self.error.setText("")
        except EditError as exc:
            self.error.setText(str(exc))  # the user's input stays in the form, to be corrected
            self.problem.emit(str(exc))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.notes and event.type() == QEvent.Type.FocusOut:
            self.commit_notes()
        check = self._gate_names.get(watched) if isinstance(watched, QLabel) else None
        if check is not None and event.type() == QEvent.Type.MouseButtonRelease and check.isEnabled():
            check.click()
            return True
        return super().eventFilter(watched, event)

    def commit_notes(self) -> None:
        """Keep the typed notes unless they equal the pilot's notes already (pauses in one typing
        session merge into one undo step)."""
        self._notes_pause.stop()
        if self.pilot_id is None or not self.notes.document().isModified():
            return
        text = self.notes.toPlainText()
        pilot = next((p for p in self.doc.portfolio.pilots if p.id == self.pilot_id), None)
        if pilot is not None and text != pilot.notes:
            self._edit(lambda p: commands.set_notes(self.doc, p, text))
        self.notes.document().setModified(False)

    def _rate(self, criterion: str, value: int) -> None:
        self._edit(lambda p: commands.set_rating(self.doc, p, criterion, None if value < 0 else value))

    def _set_evidence(self, criterion: str) -> None:
        evidence = Evidence(self.evidence[criterion].currentText())
        self._edit(lambda p: commands.set_evidence(self.doc, p, criterion, evidence))

    def _apply_override(self) -> None:
        data = self.override.currentData()
        decision = Decision(data) if data else None
        self._edit(lambda p: commands.set_override(self.doc, p, decision, self.rationale.toPlainText()))

    # --- showing ------------------------------------------------------------------------------------
    def _on_changed(self, changes: Changes) -> None:
        if (
            changes.file
            and changes.all_pilots
            and not any(p is self._shown for p in self.doc.portfolio.pilots)
        ):
            # another portfolio was opened (an edit keeps the pilots it leaves alone): drop the typing
            self.notes.document().setModified(False)
        if self.pilot_id is not None and (changes.scores or changes.file) and not self._refresh.isActive():
            self._refresh.start()  # coalesce a burst of edits (a slider drag) into one refresh

    def _refresh_now(self) -> None:
        if self.pilot_id is not None:
            ids = {p.id for p in self.doc.portfolio.pilots}
            self.show_pilot(self.pilot_id if self.pilot_id in ids else None)

    def show_pilot(self, pilot_id: str | None) -> None:
        """Fill every field from the document for this pilot (or disable the editor for None)."""
        if pilot_id != self.pilot_id:
            self.commit_notes()  # typed notes belong to the pilot shown so far
        if self._method is not self.doc.method:
            self._build_method_tabs()
        self.pilot_id = pilot_id
        self.setEnabled(pilot_id is not None and not self.doc.read_only)
        if pilot_id is None:
            return
        self._loading = True
        try:
            self._fill(pilot_id)
        finally:
            self._loading = False

    def _fill(self, pilot_id: str) -> None:
        doc = self.doc
        pilot = self._shown = doc.portfolio.pilot(pilot_id)
        s = doc.scores().pilots[pilot_id]
        prepared = doc.prepared()
        row = prepared.row(pilot_id)
        for widget, text in (
            (self.name, pilot.name),
            (self.unit, pilot.business_unit),
            (self.kpi_name, pilot.kpi.name),
        ):
            if not widget.hasFocus():
                widget.setText(text)
                widget.setCursorPosition(0)  # a long name shows its start, not its end
        self.stage.setCurrentText(pilot.stage.value)
        if self.notes.toPlainText() != pilot.notes and not self.notes.document().isModified():
            self.notes.setPlainText(pilot.notes)  # never over unsaved typing
        self.scoreline.setText(
            f"Rank {s.rank} · value {s.value:.0f} · readiness {s.readiness:.0f}"
            f" · sponsorship {s.sponsorship:.0f}"
            f" · composite {s.composite:.0f} · gates {s.gates_passed}/{s.gates_total}"
        )
        for crit in doc.method.criteria:
            spin = self.rating_spins[crit.id]
            rating = pilot.ratings.get(crit.id)
            col = prepared.criteria.index(crit.id)
            if crit.derived is not None:
                assessed = bool(prepared.assessed[row, col])
                spin.setValue(round(float(prepared.ratings[row, col])) if assessed else -1)
                self.anchor_labels[crit.id].setText("Derived: " + prepared.notes[row].get(crit.id, ""))
                continue
            spin.setValue(rating.score if rating else -1)
            self.evidence[crit.id].setCurrentText((rating.evidence if rating else Evidence.ASSUMED).value)
            self.anchor_labels[crit.id].setText(anchor_text(crit.anchors, rating.score if rating else None))
        for result in prepared.gates[row]:
            box = self.gate_boxes.get(result.gate)
            if box is not None:
                box.setChecked(pilot.gates.get(result.gate, False))
                self.gate_reasons[result.gate].setText("" if result.passed else result.reason)
                self.gate_reasons[result.gate].setHidden(result.passed)  # no blank line under a passed gate
        for key, number in self.kpi_fields.items():
            value = getattr(pilot.kpi, key)
            number.setValue(value if value is not None else 0.0)
        for key, number in self.money.items():
            number.setValue(getattr(pilot.financials, key))
        fin = evaluate(pilot.financials, doc.portfolio.finance)
        cur = doc.portfolio.currency
        payback = (
            f"month {fin.payback_months}" if fin.payback_months is not None else "not within the horizon"
        )
        roi = percent(fin.roi * 100, 0) if fin.roi is not None else "–"
        self.finance_result.setText(f"NPV {money(fin.npv, cur)} · payback {payback} · ROI {roi}")
        self.computed.setText(f"<b>{DECISION_LABELS[s.computed_decision]}</b> — {s.decision_reason}")
        found = self.override.findData(pilot.override.decision.value if pilot.override else None)
        self.override.setCurrentIndex(max(found, 0))
        rationale = pilot.override.rationale if pilot.override else ""
        if self.rationale.toPlainText() != rationale and not self.rationale.hasFocus():
            self.rationale.setPlainText(rationale)
        self._diagnosed = None
        if self.currentWidget() is self._diagnosis_page:
            self._diagnose()

    def _diagnose(self) -> None:
        """Fill the diagnosis tab (explaining a pilot takes a while on a big portfolio: only when shown)."""
        if self.pilot_id is not None and self._diagnosed != self.pilot_id:
            self.diagnosis.setText(diagnosis_html(self.doc, self.pilot_id))
            self._diagnosed = self.pilot_id
