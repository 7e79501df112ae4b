"""Item models over the document's pilots: the portfolio table and the ratings grid.

Rows follow ``portfolio.pilots``; sorting and filtering belong to `PilotFilterModel`. Both models
only adapt the document: `setData` pushes an undo command, and `Document.changed` drives
`dataChanged` / model resets.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QColor

from planner.edits import EditError
from planner.finance import evaluate
from planner.model import Decision, FinanceSettings, Financials, Stage
from ui import commands
from ui.document import Changes, Document
from ui.theme import DECISION_COLORS, DECISION_LABELS

PILOT_ID_ROLE = Qt.ItemDataRole.UserRole
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
DECISION_ROLE = Qt.ItemDataRole.UserRole + 2

Index = QModelIndex | QPersistentModelIndex

COLUMNS = (
    ("rank", "Rank"),
    ("name", "Pilot"),
    ("unit", "Unit"),
    ("stage", "Stage"),
    ("months", "Months"),
    ("value", "Value"),
    ("readiness", "Readiness"),
    ("sponsorship", "Sponsor"),
    ("composite", "Composite"),
    ("gates", "Gates"),
    ("decision", "Decision"),
    ("blocked", "Blocked by"),
    ("npv", "NPV"),
)
COL = {key: i for i, (key, _title) in enumerate(COLUMNS)}
EDITABLE = {COL["name"], COL["unit"], COL["stage"]}


class PilotTableModel(QAbstractTableModel):
    """One row per pilot with its scores, decision and NPV; name, unit and stage edit in place."""

    def __init__(self, doc: Document, parent: Any = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self._npv: dict[str, tuple[Financials, FinanceSettings, float]] = {}
        doc.changed.connect(self._on_changed)

    def _on_changed(self, changes: Changes) -> None:
        if changes.structure:
            self.beginResetModel()
            self.endResetModel()
        elif changes.scores and self.rowCount():
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, len(COLUMNS) - 1))

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.doc.portfolio.pilots)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            if role == Qt.ItemDataRole.DisplayRole:
                return COLUMNS[section][1]
            if role == Qt.ItemDataRole.ToolTipRole:
                return _HEADER_TIPS.get(COLUMNS[section][0])
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() in EDITABLE and not self.doc.read_only:
            base |= Qt.ItemFlag.ItemIsEditable
        return base

    def npv(self, pilot_id: str) -> float:
        """NPV of scaling the pilot (cached per financials and finance settings)."""
        pilot = self.doc.portfolio.pilot(pilot_id)
        settings = self.doc.portfolio.finance
        hit = self._npv.get(pilot_id)
        if hit is None or hit[0] is not pilot.financials or hit[1] is not settings:
            hit = (pilot.financials, settings, evaluate(pilot.financials, settings).npv)
            self._npv[pilot_id] = hit
        return hit[2]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < self.rowCount():
            return None
        pilot = self.doc.portfolio.pilots[index.row()]
        key = COLUMNS[index.column()][0]
        if role == PILOT_ID_ROLE:
            return pilot.id
        score = self.doc.scores().pilots.get(pilot.id)
        if role == DECISION_ROLE:
            return score.decision.value if score else None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole, SORT_ROLE):
            display = role == Qt.ItemDataRole.DisplayRole
            if key == "name":
                return pilot.name
            if key == "unit":
                return pilot.business_unit
            if key == "stage":
                return pilot.stage.value if not display else pilot.stage.value.capitalize()
            if key == "npv":
                npv = self.npv(pilot.id)
                return f"{npv / 1000:,.0f}k" if display else npv
            if score is None:
                return None
            if key == "rank":
                if not display:
                    return score.rank
                move = self.doc.rank_moves().get(pilot.id, 0)
                arrow = f"  ▲{move}" if move > 0 else (f"  ▼{-move}" if move < 0 else "")
                return f"{score.rank}{arrow}"
            if key in ("value", "readiness", "sponsorship", "composite"):
                number: float = getattr(score, key)
                return f"{number:.0f}" if display else number
            if key == "months":
                m = score.months_in_pilot
                return (f"{m:.0f}" if m is not None else "–") if display else (m if m is not None else -1.0)
            if key == "gates":
                return f"{score.gates_passed}/{score.gates_total}" if display else score.gates_passed
            if key == "decision":
                label = DECISION_LABELS[score.decision]
                return (label + (" *" if score.overridden else "")) if display else label
            if key == "blocked":
                return ", ".join(score.blocked_by) if display else score.blocked
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(key, pilot.id)
        if role == Qt.ItemDataRole.TextAlignmentRole and key not in (
            "name",
            "unit",
            "stage",
            "decision",
            "blocked",
        ):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and key == "blocked":
            return QColor("#b3261e")
        if role == Qt.ItemDataRole.ForegroundRole and key == "rank":
            move = self.doc.rank_moves().get(pilot.id, 0)
            if move:
                return QColor("#1a7f37") if move > 0 else QColor("#c62828")
        if role == Qt.ItemDataRole.BackgroundRole and key == "decision" and score is not None:
            return QColor(DECISION_COLORS[score.decision])
        return None

    def _tooltip(self, key: str, pilot_id: str) -> str | None:
        score = self.doc.scores().pilots.get(pilot_id)
        if score is None:
            return None
        if key in ("value", "readiness", "sponsorship", "composite", "rank"):
            return (
                f"Value {score.value:.1f} · Readiness {score.readiness:.1f}"
                f" · Sponsorship {score.sponsorship:.1f}"
                f"\nComposite {score.composite:.1f} (dimension scores weighted by the dimension weights)"
                f"\nRank {score.rank} of {len(self.doc.scores().ranking)}"
            )
        if key == "decision":
            extra = " (overridden: see the pilot's rationale)" if score.overridden else ""
            return f"{DECISION_LABELS[score.decision]}{extra}\n{score.decision_reason}"
        if key == "gates":
            return f"{score.gates_passed} of {score.gates_total} production gate checks pass"
        if key == "blocked" and score.blocked:
            return "Waiting for dependencies that are not production-ready: " + ", ".join(score.blocked_by)
        if key == "npv":
            return "Net present value of scaling, over the portfolio's horizon and discount rate"
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or index.column() not in EDITABLE:
            return False
        pilot = self.doc.portfolio.pilots[index.row()]
        key = COLUMNS[index.column()][0]
        try:
            if key == "name":
                cmd = commands.update_pilot(self.doc, pilot.id, name=str(value))
            elif key == "unit":
                cmd = commands.update_pilot(self.doc, pilot.id, business_unit=str(value))
            else:
                cmd = commands.move_stage(self.doc, pilot.id, Stage(str(value).lower()))
        except (EditError, ValueError):
            return False
        self.doc.push(cmd)
        return True

    def row_of(self, pilot_id: str) -> int:
        for i, pilot in enumerate(self.doc.portfolio.pilots):
            if pilot.id == pilot_id:
                return i
        return -1


_HEADER_TIPS = {
    "rank": "Position by composite score; arrows show places gained or lost since the last weight change",
    "months": "Months since the pilot started",
    "value": "Value dimension, 0–100: weighted mean of its criterion ratings",
    "readiness": "Readiness dimension, 0–100",
    "sponsorship": "Sponsorship dimension, 0–100",
    "composite": "Dimension scores weighted by the dimension weights",
    "gates": "Production gate checks passed",
    "decision": "Triage decision; * marks a user override",
    "npv": "Net present value of scaling, in thousands",
}


class PilotFilterModel(QSortFilterProxyModel):
    """Sorts numerically and filters by decision, unit, stage and free text (name, id, unit)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self.setDynamicSortFilter(True)
        self._text = ""
        self._decision: Decision | None = None
        self._unit: str | None = None
        self._stage: Stage | None = None

    def set_filters(
        self,
        text: str | None = None,
        decision: Decision | str | None = "",
        unit: str | None = "",
        stage: Stage | str | None = "",
    ) -> None:
        """Change some filters ("" leaves one as it is, None clears it)."""
        self.beginFilterChange()
        if text is not None:
            self._text = text.strip().lower()
        if decision != "":
            self._decision = Decision(decision) if decision is not None else None
        if unit != "":
            self._unit = unit
        if stage != "":
            self._stage = Stage(stage) if stage is not None else None
        self.endFilterChange()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        if not isinstance(model, PilotTableModel):
            return True
        pilot = model.doc.portfolio.pilots[source_row]
        if self._stage is not None and pilot.stage is not self._stage:
            return False
        if self._unit is not None and pilot.business_unit != self._unit:
            return False
        if self._decision is not None:
            score = model.doc.scores().pilots.get(pilot.id)
            if score is None or score.decision is not self._decision:
                return False
        if self._text:
            hay = f"{pilot.name} {pilot.id} {pilot.business_unit} {pilot.industry}".lower()
            if self._text not in hay:
                return False
        return True
