"""Training plan: a calendar of weeks × audiences, a sortable session table, totals and the budget flag.

The plan comes from `planner.plans.training.plan_training` (through `ui.plans.PlanResults`). The calendar
cell for an audience and a week shows how many sessions run then, tinted by the stage of change they
serve (awareness → desire → knowledge → ability → reinforcement); its tooltip lists them.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QListWidget,
    QSizePolicy,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from planner.plans.training_types import Session, TrainingPlan
from ui.document import Document
from ui.plans import PlanResults
from ui.theme import scheme

_Index = QModelIndex | QPersistentModelIndex


def audience_label(plan_names: dict[str, str], session: Session) -> str:
    group = plan_names.get(session.group, session.group) if session.group else "Executives"
    return f"{group} · {session.audience.value.replace('_', ' ')}"


class CalendarModel(QAbstractTableModel):
    """Rows: audiences (group · audience type); columns: weeks from the first session to the last."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[str] = []
        self.weeks: list[date] = []
        self.cells: dict[tuple[int, int], list[Session]] = {}

    def reset(self, plan: TrainingPlan | None, names: dict[str, str]) -> None:
        self.beginResetModel()
        self.rows, self.weeks, self.cells = [], [], {}
        if plan is not None and plan.sessions:
            self.rows = sorted({audience_label(names, s) for s in plan.sessions})
            first = min(s.week for s in plan.sessions)
            last = max(s.week for s in plan.sessions)
            self.weeks = [date.fromordinal(d) for d in range(first.toordinal(), last.toordinal() + 1, 7)]
            row_of = {label: i for i, label in enumerate(self.rows)}
            column_of = {week: i for i, week in enumerate(self.weeks)}
            for s in plan.sessions:
                key = (row_of[audience_label(names, s)], column_of[s.week])
                self.cells.setdefault(key, []).append(s)
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.weeks)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.weeks[section].strftime("%d %b\n%Y") if 0 <= section < len(self.weeks) else None
        return self.rows[section] if 0 <= section < len(self.rows) else None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        sessions = self.cells.get((index.row(), index.column()))
        if not sessions:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return str(sum(s.count for s in sessions))
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.BackgroundRole:
            return scheme().training_stage(sessions[0].stage)
        if role == Qt.ItemDataRole.ForegroundRole:
            return QColor(scheme().text)
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join(
                f"{s.day:%a %d %b}: {s.count} × {s.module_name} ({s.format.value.replace('_', ' ')}, "
                f"{s.learners} learners, {s.stage}) for {s.pilot}, go-live {s.go_live:%d %b}"
                for s in sessions
            )
        return None


class SessionModel(QAbstractTableModel):
    HEADERS = (
        "Date",
        "Pilot",
        "Phase",
        "Audience",
        "Module",
        "Stage",
        "Format",
        "Sessions",
        "Learners",
        "Learner h",
        "Trainer h",
        "Go-live",
    )

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.sessions: list[Session] = []
        self.names: dict[str, str] = {}

    def reset(self, plan: TrainingPlan | None, names: dict[str, str]) -> None:
        self.beginResetModel()
        self.sessions = list(plan.sessions) if plan else []
        self.names = names
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.sessions)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return None

    def _values(self, s: Session) -> tuple[Any, ...]:
        return (
            s.day,
            self.names.get(s.pilot, s.pilot),
            s.phase,
            audience_label(self.names, s),
            s.module_name,
            s.stage,
            s.format.value.replace("_", " "),
            s.count,
            s.learners,
            s.learner_hours,
            s.trainer_hours,
            s.go_live,
        )

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        value = self._values(self.sessions[index.row()])[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            if isinstance(value, date):
                return value.strftime("%d %b %Y")
            if isinstance(value, float):
                return f"{value:,.1f}"
            return str(value)
        if role == Qt.ItemDataRole.UserRole:  # the sort key
            return value.toordinal() if isinstance(value, date) else value
        if role == Qt.ItemDataRole.TextAlignmentRole and isinstance(value, int | float):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class TrainingCalendar(QWidget):
    def __init__(self, doc: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.plans = PlanResults.of(doc)
        self.totals = QLabel()
        self.totals.setWordWrap(True)
        self.totals.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Minimum)
        self.calendar_model = CalendarModel(self)
        self.calendar = QTableView()
        self.calendar.setModel(self.calendar_model)
        self.calendar.setAccessibleName("Training calendar")
        self.calendar.setAccessibleDescription("Audiences down, weeks across: the sessions each audience has")
        self.calendar.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.calendar.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.session_model = SessionModel(self)
        proxy = QSortFilterProxyModel(self)
        proxy.setSourceModel(self.session_model)
        proxy.setSortRole(Qt.ItemDataRole.UserRole)
        self.sessions = QTableView()
        self.sessions.setModel(proxy)
        self.sessions.setAccessibleName("Training sessions")
        self.sessions.setSortingEnabled(True)
        self.sessions.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.sessions.verticalHeader().hide()
        self.sessions.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.gaps = QListWidget()
        self.gaps.setToolTip("People not trained before their go-live, and why")
        self.gaps.setAccessibleName("Training gaps")
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.calendar)
        split.addWidget(self.sessions)
        split.addWidget(self.gaps)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 3)
        split.setStretchFactor(2, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.totals)
        layout.addWidget(split, 1)
        self.plans.updated.connect(self.refresh)
        self.refresh()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:  # the totals carry their colours in rich text
            self.refresh()

    def refresh(self) -> None:
        plan = self.plans.training()
        rollout = self.plans.rollout()
        names = dict(rollout.group_names) if rollout else {}
        names |= {p.id: p.name for p in self.doc.portfolio.pilots}
        self.calendar_model.reset(plan, names)
        self.session_model.reset(plan, names)
        self.gaps.clear()
        if plan is None:
            self.totals.setText(f"<b>No training plan:</b> {self.plans.error or 'nothing is scheduled'}")
            return
        for gap in (*plan.gaps, *plan.unplaced):
            group = names.get(gap.group, gap.group) or "executives"
            self.gaps.addItem(
                f"{names.get(gap.pilot, gap.pilot)} · {group}: {gap.people} people, {gap.reason}"
            )
        t = plan.totals
        bad = scheme().bad
        currency = self.doc.portfolio.currency
        low, high = plan.guideline
        share = (
            "no project budget"
            if plan.portfolio_share_percent is None
            else f"{plan.portfolio_share_percent:.1f} %"
        )
        flag = (
            f"<span style='color:{bad}'><b>below the {low:g}–{high:g} % guideline</b></span>"
            if plan.under_guideline
            else f"within the {low:g}–{high:g} % guideline"
        )
        under = [b.name for b in plan.budget if b.under_guideline]
        self.totals.setText(
            f"<b>{t.sessions:,}</b> sessions · <b>{t.learner_hours:,.0f}</b> learner hours · "
            f"<b>{t.trainer_hours:,.0f}</b> trainer hours · cost <b>{t.cost:,.0f} {currency}</b> · "
            f"{t.covered:,} of {t.people:,} people trained before go-live"
            + (f" (<span style='color:{bad}'>{t.uncovered:,} not covered</span>)" if t.uncovered else "")
            + f"<br>Change budget {share} of the scale investment: {flag}"
            + (f". Under the guideline: {', '.join(under)}" if under else "")
        )
