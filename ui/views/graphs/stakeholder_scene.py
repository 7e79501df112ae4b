"""The stakeholder scene: people and relationships drawn on the power/interest grid or the network.

See `ui.views.graphs.stakeholder_map` for what the two modes show. The scene observes the document and
turns drags into undoable edits; positions come from `planner.graphs.layout`, analyses from
`planner.graphs.stakeholders`.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QPointF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainterPath, QPen, QPolygonF
from PySide6.QtWidgets import (
    QGraphicsEllipseItem,
    QGraphicsItem,
    QGraphicsScene,
    QGraphicsSceneMouseEvent,
    QGraphicsSimpleTextItem,
)

from planner.graphs import edits as graph_edits
from planner.graphs.layout import force_layout, place_node
from planner.graphs.stakeholders import StakeholderAnalysis, analyse_stakeholders
from planner.model import RelationKind
from planner.portfolio.edits import EditError
from ui.background import BackgroundError, Latest
from ui.document import Changes, Document
from ui.models.people import people_command
from ui.theme import STANCE_COLORS, Scheme, scheme

EDGE_STYLES: dict[RelationKind, tuple[Callable[[Scheme], str], Qt.PenStyle, bool]] = {
    RelationKind.REPORTS_TO: (lambda c: c.line, Qt.PenStyle.SolidLine, True),
    RelationKind.INFLUENCES: (lambda c: c.link, Qt.PenStyle.DashLine, True),
    RelationKind.COLLABORATES: (lambda c: c.frame, Qt.PenStyle.SolidLine, False),
    RelationKind.CONFLICTS: (lambda c: c.today, Qt.PenStyle.DotLine, False),
}
CELL = 240.0  # grid: scene units per rating step (up; across, `StakeholderScene.cell_w`)
NET = 85.0  # network: scene units per layout unit
GRID_R = 11.0  # grid: every dot the same size (influence is already the height)
FRESH_LAYOUT_MISSING = 8  # more people than this without a position: a fresh layout in a worker


def edge_style(kind: RelationKind, colours: Scheme) -> tuple[QColor, Qt.PenStyle, bool]:
    """How a relationship of `kind` is drawn under `colours`: pen colour, pen style, arrowhead."""
    colour, style, arrow = EDGE_STYLES[kind]
    return QColor(colour(colours)), style, arrow


def _fit_name(name: str, font: QFont, width: float) -> str:
    """The name on one line if it fits `width`, else on two (at a space), each line shortened with
    an ellipsis only when it still does not fit."""
    metrics = QFontMetricsF(font)
    if metrics.horizontalAdvance(name) <= width or " " not in name:
        return metrics.elidedText(name, Qt.TextElideMode.ElideRight, width)
    first, rest = name.split(" ", 1)
    elide = Qt.TextElideMode.ElideRight
    return f"{metrics.elidedText(first, elide, width)}\n{metrics.elidedText(rest, elide, width)}"


def radius(influence: int) -> float:
    return 9.0 + 3.5 * influence


class PersonItem(QGraphicsEllipseItem):
    def __init__(self, scene: StakeholderScene, person_id: str, r: float) -> None:
        super().__init__(-r, -r, 2 * r, 2 * r)
        self.map = scene
        self.person_id = person_id
        self.setFlags(
            QGraphicsItem.GraphicsItemFlag.ItemIsSelectable
            | QGraphicsItem.GraphicsItemFlag.ItemIsMovable
            | QGraphicsItem.GraphicsItemFlag.ItemSendsGeometryChanges
        )
        self.setCursor(Qt.CursorShape.OpenHandCursor)
        self.setZValue(2)
        self.label = QGraphicsSimpleTextItem(self)

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        moved = [i for i in self.map.selectedItems() if isinstance(i, PersonItem)] or [self]
        self.map.dropped(moved)


class StakeholderScene(QGraphicsScene):
    message = Signal(str)

    def __init__(self, doc: Document, parent: Any = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.mode = "grid"
        self.pilot_filter: str | None = None
        self.department: str | None = None
        self.people: dict[str, PersonItem] = {}
        self.analysis: StakeholderAnalysis | None = None
        self.computed: dict[str, tuple[float, float]] = {}  # layout positions not (yet) stored
        self._background = Latest(self)
        self._layout_pending = False
        self._syncing = False
        self.view_scale = 1.0  # screen pixels per scene unit, as the view last said
        self.cell_w = CELL  # grid: a cell's width, wider than high on a wide view (names get room)
        doc.changed.connect(self._on_changed)
        doc.selection_changed.connect(lambda _ids: self.rebuild())
        self.rebuild()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.PaletteChange:
            self.rebuild()
        return super().event(event)

    def _on_changed(self, changes: Changes) -> None:
        if changes.stakeholders or changes.structure or changes.all_pilots or changes.pilots:
            self.rebuild()

    def set_view_scale(self, scale: float) -> None:
        """The view shows the scene at `scale`: draw the words at their screen size (within 5 %)."""
        if scale > 0 and abs(scale - self.view_scale) > 0.05 * self.view_scale:
            self.view_scale = scale
            self.rebuild()

    def set_view_room(self, width: int, height: int) -> None:
        """The view's size: on a wide view the grid's cells grow wider (up to 2.4 × their height),
        so the map fills it and the names beside each other get room."""
        wanted = CELL * min(2.4, max(1.0, width / max(1, height)))
        if abs(wanted - self.cell_w) > 0.05 * self.cell_w:
            self.cell_w = wanted
            if self.mode == "grid":
                self.rebuild()

    def _font(self, points: float, bold: bool = False) -> QFont:
        """`points` on screen at the usual 9-point UI font, scaled with it, in scene units."""
        font = QFont()
        font.setPointSizeF(points * QFont().pointSizeF() / 9 / self.view_scale)
        font.setBold(bold)
        return font

    def set_mode(self, mode: str) -> None:
        self.mode = mode
        self.rebuild()

    def set_filters(self, pilot: str | None, department: str | None) -> None:
        self.pilot_filter, self.department = pilot, department
        self.rebuild()

    def focus_pilot(self) -> str | None:
        """The pilot whose coalition is highlighted: the filter, else the shared selection."""
        return self.pilot_filter or self.doc.current_pilot()

    # --- positions -------------------------------------------------------------------------------------
    def network_positions(self) -> dict[str, tuple[float, float]]:
        portfolio = self.doc.portfolio
        stored = {s.id: s.position for s in portfolio.stakeholders if s.position is not None}
        known = stored | {k: v for k, v in self.computed.items() if k not in stored}
        missing = [s.id for s in portfolio.stakeholders if s.id not in known]
        if len(missing) > FRESH_LAYOUT_MISSING:
            self._start_layout()
            return known  # the others appear when the worker is done
        contacts: dict[str, list[str]] = {}
        for r in portfolio.relationships:
            contacts.setdefault(r.source, []).append(r.target)
            contacts.setdefault(r.target, []).append(r.source)
        for person_id in missing:
            known[person_id] = place_node(known, contacts.get(person_id, []), node=person_id)
            self.computed[person_id] = known[person_id]
        return known

    def _start_layout(self) -> None:
        """Place everyone without a position by a warm-started layout, off the GUI thread (once)."""
        if self._layout_pending:
            return
        self._layout_pending = True
        portfolio = self.doc.portfolio
        nodes = [s.id for s in portfolio.stakeholders]
        edges = [(r.source, r.target) for r in portfolio.relationships]
        initial = {s.id: s.position for s in portfolio.stakeholders if s.position}
        self._background.run(lambda: force_layout(nodes, edges, seed=7, initial=initial), self._layout_done)
        self.message.emit("Laying out the network…")

    def _layout_done(self, result: object) -> None:
        self._layout_pending = False
        if isinstance(result, BackgroundError):
            self.message.emit(result.message)
            return
        self.computed = dict(result)  # type: ignore[call-overload]
        self.message.emit("")
        if self.mode == "network":
            self.rebuild()

    def relayout(self) -> None:
        """A fresh force layout, stored as one undoable step when it arrives."""
        portfolio = self.doc.portfolio
        nodes = [s.id for s in portfolio.stakeholders]
        edges = [(r.source, r.target) for r in portfolio.relationships]
        self._layout_pending = True
        self._background.run(lambda: force_layout(nodes, edges, seed=7), self._store_layout)
        self.message.emit("Laying out the network…")

    def _store_layout(self, result: object) -> None:
        self._layout_pending = False
        if isinstance(result, BackgroundError):
            self.message.emit(result.message)
            return
        self.message.emit("")
        after = graph_edits.set_positions(self.doc.portfolio, result)  # type: ignore[arg-type]
        self.doc.push(people_command(self.doc, "Lay out the stakeholder network", after))

    def wait_for_layout(self, timeout_ms: int = 20_000) -> bool:
        return Latest.wait(timeout_ms)

    # --- drawing ---------------------------------------------------------------------------------------
    def visible(self) -> list[str]:
        portfolio = self.doc.portfolio
        ids = [s.id for s in portfolio.stakeholders]
        if self.department:
            ids = [s.id for s in portfolio.stakeholders if s.department == self.department]
        if self.pilot_filter and self.analysis:
            coalition = self.analysis.coalitions.get(self.pilot_filter)
            if coalition:
                around = set(coalition.members)
                for route in coalition.resisters:
                    around |= {route.resister, *route.path}
                ids = [i for i in ids if i in around]
        return ids

    def rebuild(self) -> None:
        self._syncing = True
        selected = {i.person_id for i in self.selectedItems() if isinstance(i, PersonItem)}
        self.clear()
        self.people = {}
        self.colours = colours = scheme(self.palette())
        self.setBackgroundBrush(QColor(colours.canvas))
        portfolio = self.doc.portfolio
        self.analysis = analyse_stakeholders(portfolio) if portfolio.stakeholders else None
        shown = self.visible()
        if self.mode == "grid":
            self._draw_grid()
            where = self._grid_positions(shown)
        else:
            every = self.network_positions()
            where = {k: QPointF(v[0] * NET, v[1] * NET) for k, v in every.items() if k in shown}
            self._draw_edges(where)
        people = {s.id: s for s in portfolio.stakeholders}
        coalition = self.analysis.coalitions.get(self.focus_pilot() or "") if self.analysis else None
        members = set(coalition.members) if coalition else set()
        resisters = {r.resister for r in coalition.resisters} if coalition else set()
        font = self._font(8.5)
        for person_id in shown:
            if person_id not in where:
                continue
            person = people[person_id]
            r = GRID_R if self.mode == "grid" else radius(person.influence)
            item = PersonItem(self, person_id, r)
            item.setBrush(QBrush(QColor(STANCE_COLORS[person.stance])))
            if person_id in resisters:
                item.setPen(QPen(QColor(colours.bad), 4))
            elif person_id in members:
                item.setPen(QPen(QColor(colours.highlight), 4))
            else:
                item.setPen(QPen(QColor(colours.outline), 1.5))
            item.label.setFont(font)
            item.label.setBrush(QColor(colours.text))
            width = (
                self.cell_w / self._columns(self._cell_size(person_id)) - 6 if self.mode == "grid" else 160
            )
            item.label.setText(_fit_name(person.name, font, width))
            item.label.setPos(-item.label.boundingRect().width() / 2, r + 1)
            item.setToolTip(self._card(person_id))
            item.setPos(where[person_id])
            item.setSelected(person_id in selected)
            self.addItem(item)
            self.people[person_id] = item
        if self.mode == "network" and coalition:
            self._draw_routes(coalition.resisters, where)
        self.setSceneRect(self.itemsBoundingRect().adjusted(-60, -60, 60, 60))
        self._syncing = False

    def _columns(self, people: int) -> int:
        """Columns for `people` sharing a cell: about as many as keeps each one's place square."""
        return min(people, math.ceil(math.sqrt(max(1, people) * self.cell_w / CELL)))

    def _cell_size(self, person_id: str) -> int:
        """How many shown people share this person's grid cell."""
        people = {s.id: s for s in self.doc.portfolio.stakeholders}
        me = people[person_id]
        return sum(
            1
            for i in self.visible()
            if (people[i].interest, people[i].influence) == (me.interest, me.influence)
        )

    def _card(self, person_id: str) -> str:
        person = next(s for s in self.doc.portfolio.stakeholders if s.id == person_id)
        lines = [f"{person.name}: {person.role or 'no role'}, {person.department or 'no department'}"]
        lines.append(
            f"Influence {person.influence}, interest {person.interest}; stance {person.stance.value}"
            f" (wanted: {person.desired_stance.value})"
        )
        if self.analysis and person_id in self.analysis.people:
            a = self.analysis.people[person_id]
            lines.append(
                f"{a.quadrant.value.capitalize()}; influence rank {a.influence_rank}"
                + ("; broker" if a.broker else "")
                + ("; executive" if a.executive else "")
            )
        return "\n".join(lines)

    def _grid_positions(self, shown: list[str]) -> dict[str, QPointF]:
        """Each rating pair is a cell; people sharing one sit in a small grid inside it."""
        people = {s.id: s for s in self.doc.portfolio.stakeholders}
        cells: dict[tuple[int, int], list[str]] = {}
        for person_id in shown:
            p = people[person_id]
            cells.setdefault((p.interest, p.influence), []).append(person_id)
        where: dict[str, QPointF] = {}
        for (interest, influence), ids in cells.items():
            columns = self._columns(len(ids))
            rows = math.ceil(len(ids) / columns)
            step_x, step_y = self.cell_w / columns, CELL / max(rows, 1)
            left, top = (interest - 1) * self.cell_w, (5 - influence) * CELL
            for k, person_id in enumerate(sorted(ids, key=lambda i: people[i].name)):
                row, column = divmod(k, columns)
                where[person_id] = QPointF(left + (column + 0.5) * step_x, top + (row + 0.4) * step_y)
        return where

    def _draw_grid(self) -> None:
        colours = self.colours
        pen = QPen(QColor(colours.grid))
        text = QColor(colours.muted)
        small = self._font(9)
        big = self._font(11, bold=True)
        for i in range(6):
            self.addLine(i * self.cell_w, 0, i * self.cell_w, 5 * CELL, pen)
            self.addLine(0, i * CELL, 5 * self.cell_w, i * CELL, pen)
        mid = QPen(QColor(colours.frame), 2, Qt.PenStyle.DashLine)
        self.addLine(3 * self.cell_w, 0, 3 * self.cell_w, 5 * CELL, mid)  # "high" starts at 4
        self.addLine(0, 2 * CELL, 5 * self.cell_w, 2 * CELL, mid)
        gap = 6 / self.view_scale
        widest = 0.0
        for n in range(1, 6):
            t = self.addSimpleText(str(n), small)
            t.setBrush(text)
            t.setPos((n - 0.5) * self.cell_w - t.boundingRect().width() / 2, 5 * CELL + gap)
            tick_height = t.boundingRect().height()
            t = self.addSimpleText(str(n), small)
            t.setBrush(text)
            t.setPos(-gap - t.boundingRect().width(), (5.5 - n) * CELL - t.boundingRect().height() / 2)
            widest = max(widest, t.boundingRect().width())
        for label, x, y in (
            ("Keep satisfied", 0.1, 0.1),
            ("Manage closely", 3.1, 0.1),
            ("Monitor", 0.1, 2.1),
            ("Keep informed", 3.1, 2.1),
        ):
            q = self.addSimpleText(label, big)
            q.setBrush(QColor(colours.watermark))
            q.setPos(x * self.cell_w, y * CELL)
        axis = self.addSimpleText("Interest →", big)
        axis.setBrush(QColor(colours.text))
        axis.setPos(2.5 * self.cell_w - axis.boundingRect().width() / 2, 5 * CELL + 2 * gap + tick_height)
        power = self.addSimpleText("Influence →", big)
        power.setBrush(QColor(colours.text))
        power.setRotation(-90)
        power.setPos(
            -2 * gap - widest - power.boundingRect().height(), 2.5 * CELL + power.boundingRect().width() / 2
        )

    def _draw_edges(self, where: dict[str, QPointF]) -> None:
        for r in self.doc.portfolio.relationships:
            if r.source not in where or r.target not in where:
                continue
            color, style, arrow = edge_style(r.kind, self.colours)
            a, b = where[r.source], where[r.target]
            line = self.addLine(a.x(), a.y(), b.x(), b.y(), QPen(color, 1.4, style))
            line.setZValue(0)
            line.setToolTip(f"{r.source} {r.kind.value.replace('_', ' ')} {r.target}")
            if arrow:
                self._arrowhead(a, b, color)

    def _arrowhead(self, a: QPointF, b: QPointF, color: QColor) -> None:
        dx, dy = b.x() - a.x(), b.y() - a.y()
        length = math.hypot(dx, dy) or 1.0
        ux, uy = dx / length, dy / length
        tip = QPointF(b.x() - ux * 24, b.y() - uy * 24)
        left = QPointF(tip.x() - ux * 9 - uy * 4.5, tip.y() - uy * 9 + ux * 4.5)
        right = QPointF(tip.x() - ux * 9 + uy * 4.5, tip.y() - uy * 9 - ux * 4.5)
        self.addPolygon(QPolygonF([tip, left, right]), QPen(color), QBrush(color)).setZValue(1)

    def _draw_routes(self, routes: Any, where: dict[str, QPointF]) -> None:
        for route in routes:
            points = [where[p] for p in route.path if p in where]
            if len(points) < 2:
                continue
            path = QPainterPath(points[0])
            for point in points[1:]:
                path.lineTo(point)
            highlight = QColor(self.colours.highlight)
            item = self.addPath(path, QPen(highlight, 5, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
            item.setOpacity(0.55)
            item.setZValue(1)
            item.setToolTip(f"Route to {route.resister} through {route.through}")

    # --- edits -----------------------------------------------------------------------------------------
    def dropped(self, items: list[PersonItem]) -> None:
        if self._syncing:
            return
        portfolio = self.doc.portfolio
        try:
            if self.mode == "grid":
                after = portfolio
                for item in items:
                    interest = min(5, max(1, math.floor(item.pos().x() / self.cell_w) + 1))
                    influence = min(5, max(1, 5 - math.floor(item.pos().y() / CELL)))
                    after = graph_edits.update_person(
                        after, item.person_id, interest=interest, influence=influence
                    )
                text = "Re-rate on the grid"
            else:
                moves = {i.person_id: (i.pos().x() / NET, i.pos().y() / NET) for i in items}
                after = graph_edits.set_positions(portfolio, moves)
                text = "Move on the network"
        except EditError as exc:
            self.message.emit(str(exc))
            self.rebuild()
            return
        if after == portfolio:
            self.rebuild()  # snapped back into its own cell
            return
        self.doc.push(people_command(self.doc, text, after))
