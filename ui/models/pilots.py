"""The portfolio table model: one row per visible pilot, sorted and filtered by the model itself.

Sorting and filtering live here rather than in a QSortFilterProxyModel because a proxy re-reads
every row through Python ``data()`` calls on each re-rank (≈ 100k calls for 5,000 pilots); here the
sort keys come from the document's score arrays and a re-rank is one Python sort plus
``layoutChanged``. The model only adapts the document: `setData` pushes an undo command.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor

from planner.model import Decision, Enabler, FinanceSettings, Financials, Pilot, Portfolio, Stage
from planner.portfolio.edits import EditError
from planner.triage.finance import evaluate
from ui import commands
from ui.document import Changes, Document
from ui.models.pilot_tips import HEADER_TIPS, tooltip
from ui.theme import DECISION_LABELS, scheme

PILOT_ID_ROLE = Qt.ItemDataRole.UserRole
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
DECISION_ROLE = Qt.ItemDataRole.UserRole + 2

Index = QModelIndex | QPersistentModelIndex

COLUMNS = (  # what a committee reads first comes first: it stays in sight on a narrow screen
    ("rank", "Rank"),
    ("name", "Pilot"),
    ("decision", "Decision"),
    ("value", "Value"),
    ("readiness", "Readiness"),
    ("sponsorship", "Sponsorship"),
    ("composite", "Composite"),
    ("gates", "Gates"),
    ("unit", "Unit"),
    ("stage", "Stage"),
    ("months", "Months"),
    ("blocked", "Blocked by"),
    ("npv", "NPV"),
)
KEY_COLUMNS = ("rank", "name", "decision", "value", "readiness", "sponsorship", "composite")
COL = {key: i for i, (key, _title) in enumerate(COLUMNS)}
EDITABLE = {COL["name"], COL["unit"], COL["stage"]}
_ROLES = frozenset(
    {
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.EditRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.TextAlignmentRole,
        Qt.ItemDataRole.ForegroundRole,
        Qt.ItemDataRole.BackgroundRole,
        PILOT_ID_ROLE,
        SORT_ROLE,
        DECISION_ROLE,
    }
)
_COLOURED = {"rank", "decision", "blocked"}  # the only columns with colour roles
_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_EDITABLE_FLAGS = _FLAGS | Qt.ItemFlag.ItemIsEditable
_LEFT = {"name", "unit", "stage", "decision", "blocked"}
_ALIGN = [
    None if key in _LEFT else int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    for key, _ in COLUMNS
]


class PilotTableModel(QAbstractTableModel):
    """Visible pilots with their scores, decision and NPV; name, unit and stage edit in place."""

    problem = Signal(str)  # an edit in the table was refused; the message says why, in plain words

    def __init__(self, doc: Document, parent: Any = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self._npv: dict[str, tuple[Financials, FinanceSettings, float]] = {}
        self._sort_column = COL["rank"]
        self._sort_order = Qt.SortOrder.AscendingOrder
        self._text = ""
        self._decision: Decision | None = None
        self._unit: str | None = None
        self._stage: Stage | None = None
        self._rows: list[int] = []  # view row -> index into portfolio.pilots
        self._row_of: dict[str, int] | None = None  # built on demand after each re-sort
        self._dependencies: tuple[Portfolio, dict[str, Pilot | Enabler]] | None = None
        self._texts: dict[int, tuple[str | None, ...]] = {}  # each shown pilot's cell texts, until a change
        self._rows = self._visible_rows()
        self._index_rows()
        doc.changed.connect(self._on_changed)

    # --- rows: filter and sort ----------------------------------------------------------------------
    def _visible_rows(self) -> list[int]:
        pilots = self.doc.portfolio.pilots
        if not pilots:
            return []
        arrays = self.doc.arrays()
        key = COLUMNS[self._sort_column][0]
        unfiltered = self._stage is None and self._unit is None and self._decision is None and not self._text
        if unfiltered and key in ("value", "readiness", "sponsorship", "composite", "rank"):
            order = np.argsort(getattr(arrays, key), kind="stable")
            if self._sort_order == Qt.SortOrder.DescendingOrder:
                order = order[::-1]
            return list(order.tolist())
        rows = []
        text = self._text
        for i, pilot in enumerate(pilots):
            if self._stage is not None and pilot.stage is not self._stage:
                continue
            if self._unit is not None and pilot.business_unit != self._unit:
                continue
            if self._decision is not None and arrays.decision[i] is not self._decision:
                continue
            if text and text not in f"{pilot.name} {pilot.id} {pilot.business_unit} {pilot.industry}".lower():
                continue
            rows.append(i)
        keys = self._sort_keys()
        rows.sort(key=keys.__getitem__, reverse=self._sort_order == Qt.SortOrder.DescendingOrder)
        return rows

    def _sort_keys(self) -> list[Any]:
        key = COLUMNS[self._sort_column][0]
        pilots = self.doc.portfolio.pilots
        arrays = self.doc.arrays()
        if key in ("value", "readiness", "sponsorship", "composite", "rank"):
            return list(getattr(arrays, key).tolist())
        if key == "name":
            return [p.name.lower() for p in pilots]
        if key == "unit":
            return [p.business_unit.lower() for p in pilots]
        if key == "stage":
            stage_order = {s: k for k, s in enumerate(Stage)}
            return [stage_order[p.stage] for p in pilots]
        prepared = self.doc.prepared()
        if key == "months":
            return [-1.0 if m != m else m for m in prepared.months.tolist()]
        if key == "gates":
            return list(prepared.gates_passed.tolist())
        if key == "decision":
            decision_order = {d: k for k, d in enumerate(DECISION_LABELS)}
            return [decision_order[d] for d in arrays.decision]
        if key == "blocked":
            return [len(b) for b in prepared.blocked_by]
        return [self.npv(p) for p in pilots]

    def _index_rows(self) -> None:
        self._row_of = None

    def _rows_by_id(self) -> dict[str, int]:
        if self._row_of is None:
            pilots = self.doc.portfolio.pilots
            self._row_of = {pilots[i].id: row for row, i in enumerate(self._rows)}
        return self._row_of

    def _relayout(self) -> None:
        """Re-filter and re-sort; a pure reorder keeps selections (persistent indexes follow the pilots)."""
        new_rows = self._visible_rows()
        if len(new_rows) != len(self._rows) or set(new_rows) != set(self._rows):
            self.beginResetModel()
            self._rows = new_rows
            self._index_rows()
            self.endResetModel()
            return
        if new_rows == self._rows:
            return
        self.layoutAboutToBeChanged.emit()
        old_persistent = self.persistentIndexList()
        old_rows = self._rows
        self._rows = new_rows
        self._index_rows()
        if old_persistent:
            position = {p: row for row, p in enumerate(new_rows)}
            moved = [self.index(position[old_rows[idx.row()]], idx.column()) for idx in old_persistent]
            self.changePersistentIndexList(old_persistent, moved)
        self.layoutChanged.emit()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if 0 <= column < len(COLUMNS):
            self._sort_column, self._sort_order = column, order
            self._relayout()

    def set_filters(
        self,
        text: str | None = None,
        decision: Decision | str | None = "",
        unit: str | None = "",
        stage: Stage | str | None = "",
    ) -> None:
        """Change some filters ("" leaves one as it is, None clears it)."""
        if text is not None:
            self._text = text.strip().lower()
        if decision != "":
            self._decision = Decision(decision) if decision is not None else None
        if unit != "":
            self._unit = unit
        if stage != "":
            self._stage = Stage(stage) if stage is not None else None
        self._relayout()

    def _on_changed(self, changes: Changes) -> None:
        self._texts = {}
        if changes.structure:
            self.beginResetModel()
            self._rows = self._visible_rows()
            self._index_rows()
            self.endResetModel()
        elif changes.scores or changes.pilots:
            self._relayout()
            if self._rows:
                self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(COLUMNS) - 1))

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            if role == Qt.ItemDataRole.DisplayRole:
                return COLUMNS[section][1]
            if role == Qt.ItemDataRole.ToolTipRole:
                return HEADER_TIPS.get(COLUMNS[section][0])
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if index.column() in EDITABLE and not self.doc.read_only:
            return _EDITABLE_FLAGS
        return _FLAGS

    def npv(self, pilot: Pilot) -> float:
        """NPV of scaling the pilot (cached per financials and finance settings)."""
        pilot_id = pilot.id
        settings = self.doc.portfolio.finance
        hit = self._npv.get(pilot_id)
        if hit is None or hit[0] is not pilot.financials or hit[1] is not settings:
            hit = (pilot.financials, settings, evaluate(pilot.financials, settings).npv)
            self._npv[pilot_id] = hit
        return hit[2]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # a painted cell asks for a dozen roles: answer the ones never given at once, the text from a cache
        if role not in _ROLES or not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        column = index.column()
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _ALIGN[column]
        i = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            texts = self._texts.get(i)
            if texts is None:
                texts = self._texts[i] = self._row_texts(i)
            return texts[column]
        pilot = self.doc.portfolio.pilots[i]
        key = COLUMNS[column][0]
        if role == PILOT_ID_ROLE:
            return pilot.id
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip(self, key, pilot.id)
        arrays = self.doc.arrays()
        decision = arrays.decision[i] if arrays.ids and arrays.ids[i] == pilot.id else None
        if role == DECISION_ROLE:
            return decision.value if decision is not None else None
        if role in (Qt.ItemDataRole.EditRole, SORT_ROLE):
            return self._value(pilot, key)
        if role == Qt.ItemDataRole.ForegroundRole:
            if key == "blocked":
                return QColor(scheme().bad)
            if key == "rank":
                move = self.doc.rank_move(pilot.id)
                return QColor(scheme().good if move > 0 else scheme().bad) if move else None
            if key == "decision" and decision is not None:
                return QColor(scheme().badge_text)
        if role == Qt.ItemDataRole.BackgroundRole and key == "decision" and decision is not None:
            return scheme().badge(decision)
        return None

    def multiData(self, index: Index, roleDataSpan: Any) -> None:
        """All the roles a painted cell asks for in one call from Qt (one crossing into Python per cell,
        not one per role: the table paints several times faster). Every role is written, None included:
        Qt hands the same span from cell to cell, so a role left alone keeps the last cell's value."""
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            for role_data in roleDataSpan:
                role_data.setData(None)
            return
        column = index.column()
        i = self._rows[index.row()]
        texts = self._texts.get(i)
        if texts is None:
            texts = self._texts[i] = self._row_texts(i)
        painted = {
            Qt.ItemDataRole.DisplayRole: texts[column],
            Qt.ItemDataRole.TextAlignmentRole: _ALIGN[column],
        }
        coloured = COLUMNS[column][0] in _COLOURED
        for role_data in roleDataSpan:
            role = role_data.role()
            role_data.setData(
                painted.get(role) if role in painted else (self.data(index, role) if coloured else None)
            )

    def _row_texts(self, i: int) -> tuple[str | None, ...]:
        """Every column's text for the pilot at `i` (portfolio order)."""
        pilot = self.doc.portfolio.pilots[i]
        score = self.doc.scores().pilots.get(pilot.id)
        texts: list[str | None] = []
        for key, _title in COLUMNS:
            if key == "name":
                texts.append(pilot.name)
            elif key == "unit":
                texts.append(pilot.business_unit)
            elif key == "stage":
                texts.append(pilot.stage.value.capitalize())
            elif key == "npv":
                texts.append(f"{self.npv(pilot) / 1000:,.0f}k")
            elif score is None:
                texts.append(None)
            elif key == "rank":
                move = self.doc.rank_move(pilot.id)
                arrow = f"  ▲{move}" if move > 0 else (f"  ▼{-move}" if move < 0 else "")
                texts.append(f"{score.rank}{arrow}")
            elif key in ("value", "readiness", "sponsorship", "composite"):
                texts.append(f"{getattr(score, key):.0f}")
            elif key == "months":
                m = score.months_in_pilot
                texts.append(f"{m:.0f}" if m is not None else "–")
            elif key == "gates":
                texts.append(f"{score.gates_passed}/{score.gates_total}")
            elif key == "decision":
                texts.append(DECISION_LABELS[score.decision] + (" *" if score.overridden else ""))
            else:  # blocked
                texts.append(", ".join(self.dependency_name(d) for d in score.blocked_by))
        return tuple(texts)

    def _value(self, pilot: Pilot, key: str) -> Any:
        """The value behind a cell, for editing and sorting."""
        if key == "name":
            return pilot.name
        if key == "unit":
            return pilot.business_unit
        if key == "stage":
            return pilot.stage.value
        if key == "npv":
            return self.npv(pilot)
        score = self.doc.scores().pilots.get(pilot.id)
        if score is None:
            return None
        if key == "months":
            return score.months_in_pilot if score.months_in_pilot is not None else -1.0
        if key == "gates":
            return score.gates_passed
        if key == "decision":
            return DECISION_LABELS[score.decision]
        if key == "blocked":
            return score.blocked
        return score.rank if key == "rank" else getattr(score, key)

    def dependency(self, item_id: str) -> Pilot | Enabler | None:
        """The pilot or enabler a dependency points at (looked up once per portfolio state)."""
        portfolio = self.doc.portfolio
        if self._dependencies is None or self._dependencies[0] is not portfolio:
            items: dict[str, Pilot | Enabler] = {e.id: e for e in portfolio.enablers}
            items.update((p.id, p) for p in portfolio.pilots)
            self._dependencies = (portfolio, items)
        return self._dependencies[1].get(item_id)

    def dependency_name(self, item_id: str) -> str:
        item = self.dependency(item_id)
        return item.name if item is not None else item_id

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or index.column() not in EDITABLE:
            return False
        pilot = self.doc.portfolio.pilots[self._rows[index.row()]]
        key = COLUMNS[index.column()][0]
        if key == "name" and not str(value).strip():
            self.problem.emit(f"A pilot needs a name: “{pilot.name}” keeps its name.")
            return False
        try:
            if key == "name":
                cmd = commands.update_pilot(self.doc, pilot.id, name=str(value))
            elif key == "unit":
                cmd = commands.update_pilot(self.doc, pilot.id, business_unit=str(value))
            else:
                cmd = commands.move_stage(self.doc, pilot.id, Stage(str(value).lower()))
        except EditError as exc:
            self.problem.emit(str(exc))  # it names the pilot already
            return False
        except ValueError as exc:
            self.problem.emit(f"“{pilot.name}” was not changed: {exc}")
            return False
        self.doc.push(cmd)
        return True

    def row_of(self, pilot_id: str) -> int:
        """The view row showing this pilot, or -1 when it is filtered out or unknown."""
        return self._rows_by_id().get(pilot_id, -1)
