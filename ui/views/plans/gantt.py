"""Gantt of the rollout plan: pilots as rows, phases as bars, gates as diamonds, the critical path.

Everything drawn comes from `planner.plans.rollout.plan_rollout` (through `ui.plans.PlanResults`); the
scene only turns dates into positions. Rows are grouped by dependency wave or business unit, time
runs on calendar days (weekends and holidays show as the gaps they are), zoom switches between
week, month and quarter scales. Hovering a bar gives its dates, the people it brings live, its gate
and every reason the rollout waited; clicking selects the pilot in every view.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QEvent, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPen,
    QPolygonF,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QComboBox,
    QGraphicsItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsView,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from planner.graphs.dependencies import DependencyCycleError, analyse_dependencies
from planner.plans.rollout import PilotPlan, RolloutPlan
from ui.document import Document
from ui.plans import PlanResults
from ui.theme import GATE_COLOR, GATE_MARK, PHASE_COLORS, REMEDIATION_COLOR, scheme
from ui.views.image_export import ask_and_export

ZOOMS = {"Week": 22.0, "Month": 5.5, "Quarter": 1.9}  # pixels per calendar day
LABEL_W = 250.0
ROW_H = 28.0
HEADER_H = 46.0


def phase_color(phase_id: str, order: list[str]) -> QColor:
    if phase_id == "remediation":
        return QColor(REMEDIATION_COLOR)
    index = order.index(phase_id) if phase_id in order else len(order)
    return QColor(PHASE_COLORS[index % len(PHASE_COLORS)])


class PhaseBar(QGraphicsRectItem):
    def __init__(self, rect: QRectF, pilot_id: str) -> None:
        super().__init__(rect)
        self.pilot_id = pilot_id
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.setAcceptHoverEvents(True)


class GanttScene(QGraphicsScene):
    def __init__(self, doc: Document, parent: Any = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.plans = PlanResults.of(doc)
        self.scale = ZOOMS["Month"]
        self.group_by = "wave"
        self.today: date = date.today()
        self.rows: dict[str, float] = {}  # pilot id -> row top
        self.bars: dict[str, list[PhaseBar]] = {}
        self._syncing = False
        self.plans.updated.connect(self.rebuild)
        doc.selection_changed.connect(self._pull_selection)
        self.selectionChanged.connect(self._push_selection)
        self.rebuild()

    def x_of(self, plan: RolloutPlan, day: date) -> float:
        return (day - plan.start).days * self.scale

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.PaletteChange:
            self.rebuild()
        return super().event(event)

    def set_zoom(self, name: str) -> None:
        self.scale = ZOOMS[name]
        self.rebuild()

    def set_group_by(self, key: str) -> None:
        self.group_by = key
        self.rebuild()

    # --- layout ---------------------------------------------------------------------------------------
    def _groups(self, plan: RolloutPlan) -> list[tuple[str, list[PilotPlan]]]:
        portfolio = self.doc.portfolio
        if self.group_by == "unit":
            units = {p.id: p.business_unit or "No unit" for p in portfolio.pilots}
            key = {pp.pilot: units.get(pp.pilot, "") for pp in plan.pilots}
        else:
            try:
                waves = analyse_dependencies(portfolio).wave_of
            except DependencyCycleError:
                waves = {}
            key = {pp.pilot: f"Wave {waves.get(pp.pilot, 0) + 1}" for pp in plan.pilots}
        groups: dict[str, list[PilotPlan]] = {}
        for pp in plan.pilots:
            groups.setdefault(key[pp.pilot], []).append(pp)
        return sorted(groups.items())

    def rebuild(self) -> None:
        self._syncing = True
        self.clear()
        self.rows, self.bars = {}, {}
        self.colours = colours = scheme(self.palette())
        self.setBackgroundBrush(QColor(colours.canvas))
        plan = self.plans.rollout()
        if plan is None or not plan.pilots:
            why = self.plans.error or "No pilot is scheduled: no pilot's decision is scale or fix then scale."
            text = self.addSimpleText(why)
            text.setBrush(QColor(colours.text))
            text.setPos(10, 10)
            self._syncing = False
            return
        end = max(pp.end for pp in plan.pilots) + timedelta(days=14)
        width = self.x_of(plan, end)
        order = [p.id for p in plan.settings.phases]
        groups = self._groups(plan)
        y = HEADER_H
        font = QFont()
        font.setPointSizeF(9)
        bold = QFont(font)
        bold.setBold(True)
        for title, members in groups:
            header = self.addSimpleText(title, bold)
            header.setBrush(QColor(colours.muted))
            header.setPos(-LABEL_W + 6, y + 6)
            self.addLine(-LABEL_W, y + ROW_H - 2, width, y + ROW_H - 2, QPen(QColor(colours.grid)))
            y += ROW_H
            for pp in members:
                self.rows[pp.pilot] = y
                self._draw_row(plan, pp, y, order, font, bold)
                y += ROW_H
        self._draw_axis(plan, end, y)
        self._draw_dependencies(plan)
        self._draw_today(plan, y)
        self.setSceneRect(QRectF(-LABEL_W - 10, -4, width + LABEL_W + 30, y + 20))
        self._syncing = False
        self._pull_selection(self.doc.selection())

    def _draw_row(
        self, plan: RolloutPlan, pp: PilotPlan, y: float, order: list[str], font: QFont, bold: QFont
    ) -> None:
        name_font = bold if pp.critical else font
        text = QFontMetricsF(name_font).elidedText(
            f"{pp.rank}. {pp.name}", Qt.TextElideMode.ElideRight, LABEL_W - 24
        )
        colours = self.colours
        critical = QColor(colours.critical)
        label = self.addSimpleText(text, name_font)
        label.setBrush(critical if pp.critical else QColor(colours.text))
        label.setPos(-LABEL_W + 16, y + 6)
        label.setToolTip(_row_tip(pp))
        self.bars[pp.pilot] = []
        for phase in pp.phases:
            x0 = self.x_of(plan, phase.start)
            x1 = self.x_of(plan, phase.end + timedelta(days=1))
            bar = PhaseBar(QRectF(x0, y + 5, max(2.0, x1 - x0), ROW_H - 10), pp.pilot)
            bar.setBrush(QBrush(phase_color(phase.id, order)))
            if phase.id == "remediation":
                bar.setBrush(QBrush(QColor(REMEDIATION_COLOR), Qt.BrushStyle.BDiagPattern))
            bar.setPen(QPen(critical, 2) if pp.critical else QPen(QColor(colours.outline), 0.8))
            people = f", {phase.people:,} people go live" if phase.people else ""
            bar.setToolTip(
                f"{pp.name}: {phase.name}\n{phase.start:%d %b %Y} – {phase.end:%d %b %Y}"
                f" ({phase.live_percent:g} % live{people})"
                + (f"\nGate: {phase.gate}" if phase.gate else "")
                + _delay_text(pp)
            )
            self.addItem(bar)
            self.bars[pp.pilot].append(bar)
        for gate in pp.gates:
            x = self.x_of(plan, gate.date + timedelta(days=1))
            diamond = self.addPolygon(
                QPolygonF(
                    [
                        QPointF(x, y + 6),
                        QPointF(x + 5, y + ROW_H / 2),
                        QPointF(x, y + ROW_H - 6),
                        QPointF(x - 5, y + ROW_H / 2),
                    ]
                ),
                QPen(QColor(colours.line), 0.8),
                QBrush(QColor(GATE_COLOR)),
            )
            diamond.setZValue(2)
            diamond.setToolTip(f"Gate {gate.name} on {gate.date:%d %b %Y}\n{gate.criteria}")
        if pp.delays:  # a dotted line over the wait, from when it could have started
            remediation = [ph for ph in pp.phases if ph.id == "remediation"]
            could = remediation[-1].end + timedelta(days=1) if remediation else plan.start
            wait = self.addLine(
                self.x_of(plan, could),
                y + ROW_H / 2,
                self.x_of(plan, pp.rollout_start),
                y + ROW_H / 2,
                QPen(QColor(colours.faint), 1.5, Qt.PenStyle.DotLine),
            )
            wait.setToolTip(_delay_text(pp).strip())

    def _draw_axis(self, plan: RolloutPlan, end: date, bottom: float) -> None:
        font = QFont()
        font.setPointSizeF(8.5)
        grid = QPen(QColor(self.colours.grid))
        day = date(plan.start.year, plan.start.month, 1)
        step_months = 1 if self.scale >= ZOOMS["Month"] else 3
        while day <= end:
            x = self.x_of(plan, day)
            if x >= 0:
                self.addLine(x, HEADER_H - 8, x, bottom, grid).setZValue(-2)
                label = self.addSimpleText(day.strftime("%b %Y"), font)
                label.setBrush(QColor(self.colours.muted))
                label.setPos(x + 3, 8)
            month = day.month - 1 + step_months
            day = date(day.year + month // 12, month % 12 + 1, 1)
        if self.scale >= ZOOMS["Week"]:
            monday = plan.start - timedelta(days=plan.start.weekday())
            while monday <= end:
                x = self.x_of(plan, monday)
                if x >= 0:
                    tick = self.addSimpleText(monday.strftime("%d"), font)
                    tick.setBrush(QColor(self.colours.faint))
                    tick.setPos(x + 2, 26)
                monday += timedelta(days=7)

    def _draw_dependencies(self, plan: RolloutPlan) -> None:
        scheduled = {pp.pilot: pp for pp in plan.pilots}
        pen = QPen(QColor(self.colours.line), 1.1)
        for pp in plan.pilots:
            for before_id in pp.waits_for:
                before = scheduled.get(before_id)
                if before is None or before_id not in self.rows:
                    continue
                x0 = self.x_of(plan, before.in_production + timedelta(days=1))
                y0 = self.rows[before_id] + ROW_H / 2
                x1 = self.x_of(plan, pp.rollout_start)
                y1 = self.rows[pp.pilot] + ROW_H / 2
                path = QPainterPath(QPointF(x0, y0))
                path.lineTo(QPointF(x0 + 6, y0))
                path.lineTo(QPointF(x0 + 6, y1))
                path.lineTo(QPointF(x1, y1))
                arrow = self.addPath(path, pen)
                arrow.setZValue(3)
                arrow.setToolTip(f"{pp.name} waits for {before.name} to be in production")
                head = QPolygonF([QPointF(x1, y1), QPointF(x1 - 7, y1 - 4), QPointF(x1 - 7, y1 + 4)])
                self.addPolygon(head, pen, QBrush(pen.color())).setZValue(3)

    def _draw_today(self, plan: RolloutPlan, bottom: float) -> None:
        x = self.x_of(plan, self.today)
        if x < 0:
            return
        red = QColor(self.colours.today)
        line = self.addLine(x, HEADER_H - 10, x, bottom, QPen(red, 1.5, Qt.PenStyle.DashLine))
        line.setZValue(4)
        label = self.addSimpleText("today")
        label.setBrush(red)
        label.setPos(x + 3, HEADER_H - 14)

    # --- selection ------------------------------------------------------------------------------------
    def _push_selection(self) -> None:
        if self._syncing:
            return
        ids = list(dict.fromkeys(i.pilot_id for i in self.selectedItems() if isinstance(i, PhaseBar)))
        if ids:
            self.doc.select(ids)

    def _pull_selection(self, ids: Any) -> None:
        self._syncing = True
        try:
            wanted = set(ids)
            for pilot_id, bars in self.bars.items():
                for bar in bars:
                    bar.setSelected(pilot_id in wanted)
        finally:
            self._syncing = False


def _delay_text(pp: PilotPlan) -> str:
    if not pp.delays:
        return ""
    return "\nWaited: " + "; ".join(f"{d.reason} ({d.days} working days)" for d in pp.delays)


def _row_tip(pp: PilotPlan) -> str:
    critical = "on the critical path" if pp.critical else f"slack {pp.slack_days} working days"
    return (
        f"{pp.name} (rank {pp.rank}): {pp.start:%d %b %Y} – {pp.end:%d %b %Y}, in production "
        f"{pp.in_production:%d %b %Y}; {critical}; {pp.target_users:,} target users" + _delay_text(pp)
    )


class GanttView(QGraphicsView):
    def __init__(self, scene: GanttScene) -> None:
        super().__init__(scene)
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self._shown = False

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._shown:  # a view centres a large scene when first shown: start at the plan's start
            self._shown = True
            self.horizontalScrollBar().setValue(self.horizontalScrollBar().minimum())
            self.verticalScrollBar().setValue(self.verticalScrollBar().minimum())


class FrozenLabels(QGraphicsView):
    """The pilot-name column: the same scene, left of x = 0, scrolling only with the timeline's rows."""

    def __init__(self, scene: GanttScene, timeline: GanttView) -> None:
        super().__init__(scene)
        self.setRenderHints(QPainter.RenderHint.TextAntialiasing)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFixedWidth(int(LABEL_W) + 4)
        self.setFrameShape(QGraphicsView.Shape.NoFrame)
        timeline.verticalScrollBar().valueChanged.connect(self.verticalScrollBar().setValue)

    def wheelEvent(self, event: Any) -> None:
        event.ignore()  # the timeline scrolls; this column follows


class Gantt(QWidget):
    """The Gantt with zoom and grouping, the critical path in words, and the unscheduled pilots."""

    def __init__(self, doc: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.scene = GanttScene(doc, self)
        self.view = GanttView(self.scene)
        self.labels = FrozenLabels(self.scene, self.view)
        self.zoom = QComboBox()
        self.zoom.addItems(list(ZOOMS))
        self.zoom.setCurrentText("Month")
        self.zoom.currentTextChanged.connect(self.scene.set_zoom)
        self.zoom.setAccessibleName("Zoom")
        self.zoom.setToolTip("How much time one screen of the plan shows")
        self.view.setAccessibleName("Rollout timeline")
        self.view.setAccessibleDescription("Each pilot's rollout phases, gates and waits over time")
        self.labels.setAccessibleName("Rollout rows")
        self.labels.setAccessibleDescription("The pilots of the plan, one row each, beside the timeline")
        self.group = QComboBox()
        self.group.addItem("Group by wave", "wave")
        self.group.addItem("Group by unit", "unit")
        self.group.currentIndexChanged.connect(lambda _i: self.scene.set_group_by(self.group.currentData()))
        self.group.setAccessibleName("Group the rows")
        self.group.setToolTip("Group the plan's rows by wave or by business unit")
        export = QPushButton("Export image…")
        export.clicked.connect(lambda: ask_and_export(self, self.scene, "rollout-gantt.png"))
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.legend = QLabel()
        self.legend.setWordWrap(True)
        for label in (self.summary, self.legend):  # long texts must not widen the whole window
            label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Minimum)
        self.unscheduled = QListWidget()
        self.unscheduled.setToolTip("Pilots the plan does not schedule, and why")
        self.unscheduled.setAccessibleName("Pilots not scheduled")
        export.setToolTip("Save the plan as a PNG or SVG image, black on white")
        bar = QHBoxLayout()
        bar.addWidget(QLabel("Zoom"))
        bar.addWidget(self.zoom)
        bar.addWidget(self.group)
        bar.addStretch(1)
        bar.addWidget(export)
        chart = QWidget()
        row = QHBoxLayout(chart)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(self.labels)
        row.addWidget(self.view, 1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(chart)
        split.addWidget(self.unscheduled)
        split.setStretchFactor(0, 5)
        split.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.summary)
        layout.addWidget(self.legend)
        layout.addWidget(split, 1)
        self.scene.plans.updated.connect(self.refresh_text)
        self.scene.sceneRectChanged.connect(self._split_scene)
        self.refresh_text()
        self._split_scene()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:  # the legend and summary carry colours
            self.refresh_text()

    def _split_scene(self) -> None:
        rect = self.scene.sceneRect()
        self.labels.setSceneRect(QRectF(rect.left(), rect.top(), -rect.left(), rect.height()))
        self.view.setSceneRect(QRectF(0, rect.top(), rect.right(), rect.height()))
        self.view.horizontalScrollBar().setValue(self.view.horizontalScrollBar().minimum())

    def refresh_text(self) -> None:
        plan = self.scene.plans.rollout()
        self.unscheduled.clear()
        if plan is None:
            self.summary.setText(f"<b>The plan could not be made:</b> {self.scene.plans.error}")
            return
        for item in plan.unscheduled:
            self.unscheduled.addItem(f"{item.name}: {item.reason}")
        colours = scheme()
        order = [p.id for p in plan.settings.phases]
        swatches = [("remediation", "Remediation")] + [(p.id, p.name) for p in plan.settings.phases]
        self.legend.setText(
            "&nbsp;&nbsp;".join(
                f"<span style='background:{phase_color(pid, order).name()}'>{'&nbsp;' * 4}</span> {name}"
                for pid, name in swatches
            )
            + f"&nbsp;&nbsp;<span style='color:{GATE_MARK}'>◆</span> gate&nbsp;&nbsp;"
            f"<span style='color:{colours.critical}'>▭</span> critical path&nbsp;&nbsp;┈ waiting"
        )
        path = " → ".join(f"{s.name}" for s in plan.critical_path)
        ends = f"ends {plan.end:%d %b %Y}" if plan.end else "has no end date"
        error = f"<br><b>Settings not applied:</b> {self.scene.plans.error}" if self.scene.plans.error else ""
        self.summary.setText(
            f"{len(plan.pilots)} rollouts from {plan.start:%d %b %Y}; the plan {ends}. "
            f"<span style='color:{colours.critical}'><b>Critical path:</b></span> {path or 'none'}{error}"
        )
