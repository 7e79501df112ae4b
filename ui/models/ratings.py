"""The ratings grid: one row per pilot, best rank first, one column per criterion, for fast keyboard rating.

Typed criteria are editable (0–5, or empty to clear); derived criteria show their computed rating,
greyed and read-only. Every edit is an undo command. When a change re-ranks the pilots the rows
follow the ranking, and persistent indexes (the current cell) stay on their pilots.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from planner.portfolio.edits import EditError
from ui import commands
from ui.document import Changes, Document
from ui.theme import scheme

Index = QModelIndex | QPersistentModelIndex
PILOT_ID_ROLE = Qt.ItemDataRole.UserRole


class RatingsModel(QAbstractTableModel):
    """Column 0 is the pilot's name; columns 1.. are the method's criteria in method order."""

    def __init__(self, doc: Document, parent: Any = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self._rows = self._ranked()  # view row -> index into portfolio.pilots
        doc.changed.connect(self._on_changed)

    def criteria(self) -> list[str]:
        return [c.id for c in self.doc.method.criteria]

    def _ranked(self) -> list[int]:
        pilots = self.doc.portfolio.pilots
        if not pilots:
            return []
        position = {p.id: i for i, p in enumerate(pilots)}
        return [position[pid] for pid in self.doc.scores().ranking if pid in position]

    def row_of(self, pilot_id: str) -> int:
        """The row showing this pilot, or -1."""
        pilots = self.doc.portfolio.pilots
        return next((row for row, i in enumerate(self._rows) if pilots[i].id == pilot_id), -1)

    def _on_changed(self, changes: Changes) -> None:
        if changes.structure or len(self._rows) != len(self.doc.portfolio.pilots):
            self.beginResetModel()
            self._rows = self._ranked()
            self.endResetModel()
            return
        if changes.scores:
            self._rerank()
        if changes.pilots or changes.all_pilots or changes.stakeholders:
            last = self.columnCount() - 1
            pilots = self.doc.portfolio.pilots
            for row, i in enumerate(self._rows):
                if changes.touches(pilots[i].id) or changes.stakeholders:
                    self.dataChanged.emit(self.index(row, 0), self.index(row, last))

    def _rerank(self) -> None:
        rows = self._ranked()
        if rows == self._rows:
            return
        self.layoutAboutToBeChanged.emit()
        old_rows, self._rows = self._rows, rows
        position = {i: row for row, i in enumerate(rows)}
        persistent = self.persistentIndexList()
        moved = [self.index(position[old_rows[idx.row()]], idx.column()) for idx in persistent]
        self.changePersistentIndexList(persistent, moved)
        self.layoutChanged.emit()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 1 + len(self.doc.method.criteria)

    def row_name(self, row: int) -> str:
        return self.doc.portfolio.pilots[self._rows[row]].name

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Vertical:  # the pilots' names head the rows
            if not 0 <= section < self.rowCount():
                return None
            if role == Qt.ItemDataRole.DisplayRole:
                return self.row_name(section)
            if role == Qt.ItemDataRole.ToolTipRole:
                pilot = self.doc.portfolio.pilots[self._rows[section]]
                return f"{pilot.name} ({pilot.id}), rank {section + 1}"
            return None
        if not 0 <= section < self.columnCount():
            return None
        if section == 0:
            return "Pilot" if role == Qt.ItemDataRole.DisplayRole else None
        crit = self.doc.method.criteria[section - 1]
        if role == Qt.ItemDataRole.DisplayRole:
            return crit.name
        if role == Qt.ItemDataRole.ToolTipRole:
            a = crit.anchors
            kind = f" (derived from {crit.derived.value}, not typed)" if crit.derived else ""
            return (
                f"{crit.name} — {crit.dimension}{kind}\n{crit.description}\n\n"
                f"0: {a.a0}\n1: {a.a1}\n3: {a.a3}\n5: {a.a5}"
            )
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        typed = index.column() > 0 and self.doc.method.criteria[index.column() - 1].derived is None
        if typed and not self.doc.read_only:
            base |= Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < self.rowCount():
            return None
        pilot = self.doc.portfolio.pilots[self._rows[index.row()]]
        if role == PILOT_ID_ROLE:
            return pilot.id
        if index.column() == 0:
            return pilot.name if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole) else None
        crit = self.doc.method.criteria[index.column() - 1]
        if crit.derived is not None:
            prepared = self.doc.prepared()
            row, col = prepared.row(pilot.id), prepared.criteria.index(crit.id)
            if role == Qt.ItemDataRole.DisplayRole:
                return f"{prepared.ratings[row, col]:.1f}" if prepared.assessed[row, col] else "–"
            if role == Qt.ItemDataRole.ForegroundRole:
                return QColor(scheme().muted)
            if role == Qt.ItemDataRole.ToolTipRole:
                return prepared.notes[row].get(crit.id, "derived")
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return int(Qt.AlignmentFlag.AlignCenter)
            return None
        rating = pilot.ratings.get(crit.id)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return "" if rating is None else str(rating.score)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ToolTipRole and rating is not None:
            note = f" — {rating.note}" if rating.note else ""
            return f"{crit.name}: {rating.score} ({rating.evidence.value}){note}"
        if role == Qt.ItemDataRole.BackgroundRole and rating is not None:
            return scheme().rating_fill(rating.score)
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not (self.flags(index) & Qt.ItemFlag.ItemIsEditable):
            return False
        text = str(value).strip()
        score: int | None
        if text == "":
            score = None
        elif text.isdigit() and len(text) == 1:
            score = int(text)
        else:
            return False
        pilot = self.doc.portfolio.pilots[self._rows[index.row()]]
        crit = self.doc.method.criteria[index.column() - 1]
        try:
            cmd = commands.set_rating(self.doc, pilot.id, crit.id, score)
        except EditError:
            return False
        self.doc.push(cmd)
        return True
