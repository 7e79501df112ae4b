"""The funding panel's table: each candidate pilot, whether the optimum funds it, its forced choice."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt


class FundingModel(QAbstractTableModel):
    """Candidates with cost, triage decision, whether the optimum funds them, and forced choices."""

    HEADERS = ("Funded", "Pilot", "Triage decision", "Cost", "Choice")

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[tuple[str, str, str, float]] = []
        self.funded: set[str] = set()
        self.choice: dict[str, str] = {}

    def reset(
        self, rows: list[tuple[str, str, str, float]], funded: set[str], choice: dict[str, str]
    ) -> None:
        self.beginResetModel()
        self.rows, self.funded, self.choice = rows, funded, choice
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return None

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid():
            return None
        pilot_id, name, decision, cost = self.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                "✓" if pilot_id in self.funded else "",
                name,
                decision,
                f"{cost:,.0f}",
                self.choice.get(pilot_id, ""),
            )[column]
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (0, 3):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole:
            return pilot_id
        if role == Qt.ItemDataRole.ToolTipRole and column == 4 and pilot_id in self.choice:
            return "Right-click to change the forced choice"
        return None
