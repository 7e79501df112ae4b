"""Table models over the stakeholders and their relationships; edits go through undo commands."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from planner.graphs import edits as graph_edits
from planner.model import Portfolio, Stance
from planner.portfolio.edits import EditError
from ui.commands import EditCommand
from ui.document import Changes, Document

_Index = QModelIndex | QPersistentModelIndex
PEOPLE_COLUMNS = ("name", "role", "department", "influence", "interest", "stance", "desired_stance")
PEOPLE_HEADERS = ("Name", "Role", "Department", "Influence", "Interest", "Stance", "Desired stance")


def people_command(doc: Document, text: str, after: Portfolio, merge: object = None) -> EditCommand:
    """An undoable edit of stakeholders or relationships."""
    return EditCommand(doc, text, after, Changes(stakeholders=True), merge_key=merge)


class PeopleModel(QAbstractTableModel):
    """One row per stakeholder; every column is editable (an invalid value is refused, not applied)."""

    def __init__(self, doc: Document, parent: Any = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.last_error = ""
        doc.changed.connect(self._on_changed)

    def _on_changed(self, changes: Changes) -> None:
        if changes.stakeholders or changes.structure:
            self.beginResetModel()
            self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.doc.portfolio.stakeholders)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(PEOPLE_COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return PEOPLE_HEADERS[section]
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return None
        value = getattr(self.doc.portfolio.stakeholders[index.row()], PEOPLE_COLUMNS[index.column()])
        return value.value if isinstance(value, Stance) else value

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        person = self.doc.portfolio.stakeholders[index.row()]
        field = PEOPLE_COLUMNS[index.column()]
        if isinstance(value, str) and field in ("stance", "desired_stance"):
            value = value.strip().lower()
        try:
            after = graph_edits.update_person(self.doc.portfolio, person.id, **{field: value})
        except EditError as exc:
            self.last_error = str(exc)
            return False
        self.last_error = ""
        if after == self.doc.portfolio:
            return True
        self.doc.push(
            people_command(self.doc, f"{person.name}: {PEOPLE_HEADERS[index.column()].lower()}", after)
        )
        return True

    def person_id(self, row: int) -> str:
        return self.doc.portfolio.stakeholders[row].id


class RelationshipModel(QAbstractTableModel):
    """One row per relationship (read-only here; add and remove through the map's buttons)."""

    HEADERS = ("From", "Relationship", "To")

    def __init__(self, doc: Document, parent: Any = None) -> None:
        super().__init__(parent)
        self.doc = doc
        doc.changed.connect(
            lambda changes: changes.stakeholders and (self.beginResetModel(), self.endResetModel())
        )

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.doc.portfolio.relationships)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 3

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        r = self.doc.portfolio.relationships[index.row()]
        names = {s.id: s.name for s in self.doc.portfolio.stakeholders}
        return (names.get(r.source, r.source), r.kind.value.replace("_", " "), names.get(r.target, r.target))[
            index.column()
        ]

    def remove_rows(self, rows: list[int]) -> None:
        """Remove these relationships as one undoable step."""
        after = self.doc.portfolio
        for row in sorted(set(rows), reverse=True):
            r = self.doc.portfolio.relationships[row]
            after = graph_edits.remove_relationship(after, r.source, r.target, r.kind)
        if rows:
            self.doc.push(people_command(self.doc, f"Remove {len(set(rows))} relationship(s)", after))
