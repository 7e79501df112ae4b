"""The dependency map as a table a screen reader can walk: one row per dependency, in wave order.

Each row says which pilot waits for what, whether that is a pilot or an enabler, whether it is ready,
the pilot's wave and, for a blocked pilot, what ultimately holds it up. Read from the scene's last
analysis (`planner.graphs.dependencies.analyse_dependencies`), so map and table never disagree.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from ui.document import Document

Index = QModelIndex | QPersistentModelIndex


class DependencyTableModel(QAbstractTableModel):
    HEADERS = ("Pilot", "Waits for", "Which is", "Ready", "Wave", "Blocked by")

    def __init__(self, doc: Document, analysis: Any, parent: Any = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.rows: list[tuple[str, ...]] = []
        self.ids: list[str] = []
        self.refresh(analysis)

    def refresh(self, analysis: Any) -> None:
        """Rows from the portfolio's dependencies and `analysis` (None while a cycle blocks it)."""
        portfolio = self.doc.portfolio
        names = {e.id: e.name for e in portfolio.enablers} | {p.id: p.name for p in portfolio.pilots}
        wave = analysis.wave_of if analysis else {}
        ready = analysis.ready if analysis else {}
        blocked = analysis.blocked if analysis else {}
        enablers = {e.id for e in portfolio.enablers}
        rows = []
        for dep in sorted(
            portfolio.dependencies, key=lambda d: (wave.get(d.pilot, 0), names.get(d.pilot, d.pilot))
        ):
            held = blocked.get(dep.pilot)
            rows.append(
                (
                    dep.pilot,
                    names.get(dep.pilot, dep.pilot),
                    names.get(dep.on, dep.on),
                    "enabler" if dep.on in enablers else "pilot",
                    ("yes" if ready.get(dep.on) else "no") if analysis else "–",
                    str(wave.get(dep.pilot, 0) + 1) if analysis else "–",
                    ", ".join(names.get(b, b) for b in held.root_blockers) if held else "",
                )
            )
        self.beginResetModel()
        self.ids = [row[0] for row in rows]
        self.rows = [row[1:] for row in rows]
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.UserRole:
            return self.ids[index.row()]
        return None
