"""Snapshots: record the scores at a steering committee, and compare the live portfolio with one.

Recording is an undo command (the snapshot is part of the project file). The comparison lists
decision changes first, then the other moves, then pilots that are new or gone since the snapshot;
it is recomputed only while the view is shown.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QBrush, QColor, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from planner.model import Decision
from planner.portfolio.edits import EditError
from planner.triage import snapshots
from planner.triage.snapshots import PilotMove, SnapshotDiff, SnapshotError
from ui import commands, prompts
from ui.document import Changes, Document
from ui.theme import DECISION_LABELS, scheme

HEADERS = ("Pilot", "Decision", "Rank", "Move", "Composite Δ", "Value Δ", "Readiness Δ", "Sponsor Δ", "Gates")
DECISION_COLUMN = 1


def _signed(x: float) -> str:
    return f"{x:+.1f}" if abs(x) >= 0.05 else "0"


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


class SnapshotsView(QWidget):
    def __init__(self, doc: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.record_button = QPushButton("Record snapshot…")
        self.record_button.setToolTip("Keep today's scores and decisions, e.g. for the steering committee")
        self.against = QComboBox()
        self.against.setMinimumContentsLength(14)
        self.against.setAccessibleName("Compare with")
        self.against.setToolTip("The snapshot the live scores are compared with")
        self.summary = QLabel()
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setHorizontalHeaderLabels(list(HEADERS))
        self.table.setAccessibleName("Changes since the snapshot")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()  # names in full (a narrow window scrolls sideways)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.setWordWrap(False)
        top = QHBoxLayout()
        top.addWidget(self.record_button)
        top.addSpacing(16)
        top.addWidget(QLabel("Compare the live scores with"))
        top.addWidget(self.against, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        self.record_button.clicked.connect(self.record_dialog)
        self.against.currentIndexChanged.connect(lambda _i: self.refresh())
        self._stale = True
        doc.changed.connect(self._on_changed)
        self._fill_choices()

    def _on_changed(self, changes: Changes) -> None:
        if changes.snapshots or changes.file:
            self._fill_choices()
        if changes.scores or changes.snapshots:
            self._stale = True
            if self.isVisible():
                self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:  # the rows carry their colours: recolour them
            self._on_changed(Changes(all_pilots=True))

    def _fill_choices(self) -> None:
        current = self.against.currentData()
        self.against.blockSignals(True)
        self.against.clear()
        for snap in reversed(self.doc.portfolio.snapshots):  # newest first
            self.against.addItem(f"{snap.label} ({snap.taken:%d %b %Y})", snap.id)
        found = self.against.findData(current)
        self.against.setCurrentIndex(found if found >= 0 else 0)
        self.against.blockSignals(False)
        self.record_button.setEnabled(not self.doc.read_only)

    def record(self, label: str) -> None:
        """Record the live scores under `label` (one undo step)."""
        snap = snapshots.record(self.doc.portfolio, self.doc.scores(), label)
        self.doc.push(commands.add_snapshot(self.doc, snap))
        self.against.setCurrentIndex(self.against.findData(snap.id))

    def record_dialog(self) -> None:
        from ui.views.triage.weights_panel import ask_text

        label = ask_text(self, "Record snapshot", "Label (e.g. Steering committee, March):")
        if label:
            try:
                self.record(label)
            except (SnapshotError, EditError) as exc:
                prompts.show_error(self, "Cannot record snapshot", str(exc))

    def comparison(self) -> SnapshotDiff | None:
        key = self.against.currentData()
        if key is None:
            return None
        snap = snapshots.find(self.doc.portfolio, str(key))
        return snapshots.diff_against_current(snap, self.doc.portfolio, self.doc.scores())

    def refresh(self) -> None:
        """Recompute the comparison with the chosen snapshot."""
        self._stale = False
        diff = self.comparison()
        self.table.setRowCount(0)
        if diff is None:
            self.summary.setText("No snapshot yet: record one to compare later committees against it.")
            return
        changed = diff.changed
        decisions = diff.decision_changes
        self.summary.setText(
            f"Since “{diff.before.label}”: "
            f"{_count(len(decisions), 'decision changed', 'decisions changed')}, "
            f"{_count(len(changed), 'pilot differs', 'pilots differ')}, "
            f"{len(diff.new)} new, {len(diff.removed)} gone."
        )
        ordered = list(decisions) + [m for m in changed if not m.decision_changed]
        self.table.setRowCount(len(ordered) + len(diff.new) + len(diff.removed))
        for row, move in enumerate(ordered):
            self._move_row(row, move)
        row = len(ordered)
        for entry, tag in [(e, "new") for e in diff.new] + [(e, "gone") for e in diff.removed]:
            self._set(row, 0, f"{entry.name} ({tag})")
            self._set(row, 2, str(entry.rank))
            self._set(row, DECISION_COLUMN, DECISION_LABELS[entry.decision], entry.decision)
            row += 1

    def _move_row(self, row: int, m: PilotMove) -> None:
        self._set(row, 0, m.name)
        self._set(row, 2, f"{m.rank_before} → {m.rank_after}")
        arrow = f"▲{m.rank_move}" if m.rank_move > 0 else (f"▼{-m.rank_move}" if m.rank_move < 0 else "")
        colours = scheme()
        self._set(row, 3, arrow, fg=QColor(colours.good if m.rank_move > 0 else colours.bad))
        for col, delta in enumerate((m.composite, m.value, m.readiness, m.sponsorship), start=4):
            self._set(row, col, _signed(delta))
        text = (
            f"{DECISION_LABELS[m.decision_before]} → {DECISION_LABELS[m.decision_after]}"
            if m.decision_changed
            else DECISION_LABELS[m.decision_after]
        )
        self._set(row, DECISION_COLUMN, text, m.decision_after if m.decision_changed else None)
        self._set(row, 8, f"{m.gates_before} → {m.gates_after}" if m.gates_before != m.gates_after else "")

    def _set(
        self, row: int, col: int, text: str, badge: Decision | None = None, fg: QColor | None = None
    ) -> None:
        item = QTableWidgetItem(text)
        if col > 0:
            item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
        if badge is not None:
            item.setBackground(QBrush(scheme().badge(badge)))
            fg = QColor(scheme().badge_text)
        if fg is not None:
            item.setForeground(QBrush(fg))
        self.table.setItem(row, col, item)
