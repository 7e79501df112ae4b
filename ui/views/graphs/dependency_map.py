"""Dependency map: what must be production-ready before each pilot, laid out left to right.

Everything shown comes from `planner.graphs.dependencies.analyse_dependencies` (waves, blocked pilots,
critical enablers) and `planner.graphs.layout.dependency_layout`; the scene only draws and forwards edits.
Enablers are dark hexagon-ended boxes, pilots are rounded boxes in their decision colour; a blocked
pilot has a red dashed outline and critical enablers say how much value they unblock.

Editing: Shift-drag from a pilot to what it needs adds "pilot depends on that"; select an arrow and
press Delete to remove it; right-click a node for the same actions. An edit that would close a
cycle is refused with the cycle named. Clicking a pilot selects it in every view.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QKeyEvent,
    QPainter,
    QPainterPath,
    QPainterPathStroker,
    QPen,
    QPolygonF,
    QShowEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QGraphicsItem,
    QGraphicsLineItem,
    QGraphicsPathItem,
    QGraphicsPolygonItem,
    QGraphicsScene,
    QGraphicsSceneContextMenuEvent,
    QGraphicsSceneMouseEvent,
    QGraphicsSimpleTextItem,
    QGraphicsView,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from planner.formatting import short_amount
from planner.graphs import edits as graph_edits
from planner.graphs.dependencies import DependencyAnalysis, DependencyCycleError, analyse_dependencies
from planner.graphs.layout import layered_layout
from planner.model import Portfolio
from planner.portfolio.edits import EditError
from ui.commands import EditCommand
from ui.document import Changes, Document
from ui.theme import DECISION_LABELS, scheme, set_tone
from ui.views.image_export import ask_and_export

COLUMN = 330.0  # scene units between waves
ROW = 62.0  # scene units between rows
BOX_W, BOX_H = 236.0, 44.0


def dependency_command(doc: Document, text: str, after: Portfolio) -> EditCommand:
    return EditCommand(doc, text, after, Changes(dependencies=True))


def _elide(text: str, font: QFont, width: float) -> str:
    return QFontMetricsF(font).elidedText(text, Qt.TextElideMode.ElideRight, width)


class NodeItem(QGraphicsPathItem):
    """A pilot or an enabler box."""

    def __init__(self, item_id: str, kind: str) -> None:
        super().__init__()
        self.item_id = item_id
        self.kind = kind
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.setAcceptHoverEvents(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        path = QPainterPath()
        rect = QRectF(-BOX_W / 2, -BOX_H / 2, BOX_W, BOX_H)
        if kind == "enabler":
            notch = 14.0
            path.addPolygon(
                QPolygonF(
                    [
                        QPointF(rect.left() + notch, rect.top()),
                        QPointF(rect.right() - notch, rect.top()),
                        QPointF(rect.right(), rect.center().y()),
                        QPointF(rect.right() - notch, rect.bottom()),
                        QPointF(rect.left() + notch, rect.bottom()),
                        QPointF(rect.left(), rect.center().y()),
                    ]
                )
            )
            path.closeSubpath()
        else:
            path.addRoundedRect(rect, 9, 9)
        self.setPath(path)
        self.label = QGraphicsSimpleTextItem(self)
        self.detail = QGraphicsSimpleTextItem(self)

    def set_text(self, title: str, detail: str, color: QColor) -> None:
        font = QFont()
        font.setPointSizeF(9.5)
        font.setBold(True)
        small = QFont()
        small.setPointSizeF(8.0)
        self.label.setFont(font)
        self.detail.setFont(small)
        inner = BOX_W - (36 if self.kind == "enabler" else 16)
        self.label.setText(_elide(title, font, inner))
        self.detail.setText(_elide(detail, small, inner))
        for text in (self.label, self.detail):
            text.setBrush(color)
        self.label.setPos(-self.label.boundingRect().width() / 2, -BOX_H / 2 + 5)
        self.detail.setPos(-self.detail.boundingRect().width() / 2, 2)


class EdgeItem(QGraphicsPathItem):
    """`pilot` depends on `on`: a curve from `on` (left) into `pilot` (right), with an arrowhead."""

    def __init__(self, pilot: str, on: str, start: QPointF, end: QPointF, pen: QPen) -> None:
        super().__init__()
        self.pilot, self.on = pilot, on
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        path = QPainterPath(start)
        dx = max(40.0, (end.x() - start.x()) / 2)
        path.cubicTo(QPointF(start.x() + dx, start.y()), QPointF(end.x() - dx, end.y()), end)
        self.setPath(path)
        self.setPen(pen)
        self.setZValue(-1)
        head = QGraphicsPolygonItem(
            QPolygonF([end, QPointF(end.x() - 11, end.y() - 5.5), QPointF(end.x() - 11, end.y() + 5.5)]), self
        )
        head.setBrush(pen.color())
        head.setPen(QPen(pen.color(), 1))
        self.setToolTip(f"{pilot} depends on {on}\nSelect and press Delete to remove")

    def shape(self) -> QPainterPath:
        stroker = QPainterPathStroker()
        stroker.setWidth(10)
        return stroker.createStroke(self.path())


class DependencyScene(QGraphicsScene):
    """Observes the document; rebuilt whenever dependencies, stages, enablers or decisions change."""

    message = Signal(str)  # refusals and cycle notices, for the view's banner

    def __init__(self, doc: Document, parent: Any = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.nodes: dict[str, NodeItem] = {}
        self.edges: list[EdgeItem] = []
        self.analysis: DependencyAnalysis | None = None
        self.notice = ""  # why waves are not shown (a cycle), or ""
        self.cycle: tuple[str, ...] = ()  # the cycle in "depends on" order, first id repeated last
        self._link_from: NodeItem | None = None
        self._rubber: QGraphicsLineItem | None = None
        self._syncing = False
        self.show_unconnected = False
        doc.changed.connect(self._on_changed)
        doc.selection_changed.connect(self._pull_selection)
        self.selectionChanged.connect(self._push_selection)
        self.rebuild()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.PaletteChange:
            self.rebuild()
        return super().event(event)

    def _on_changed(self, changes: Changes) -> None:
        if changes.dependencies or changes.plan_inputs or changes.scores or changes.structure:
            self.rebuild()

    # --- drawing ---------------------------------------------------------------------------------------
    def rebuild(self) -> None:
        self._syncing = True
        self.clear()
        self.nodes, self.edges = {}, []
        self.colours = scheme(self.palette())
        self.setBackgroundBrush(QColor(self.colours.canvas))
        portfolio = self.doc.portfolio
        shown = self._shown(portfolio)
        edges = [(d.on, d.pilot) for d in portfolio.dependencies if d.on in shown and d.pilot in shown]
        positions = layered_layout(sorted(shown), edges)  # lays out a cycle too, to show it
        self.cycle = ()
        try:
            self.analysis = analyse_dependencies(portfolio)
            cycle_note = ""
        except DependencyCycleError as exc:
            self.analysis = None
            self.cycle = exc.cycle
            cycle_note = f"{exc}. Remove one of the red dependencies to see waves and blocked pilots."
        positions = {k: v for k, v in positions.items() if k in shown}
        self._draw_nodes(portfolio, positions)
        self._draw_edges(portfolio)
        self._draw_wave_headers(positions)
        self.setSceneRect(self.itemsBoundingRect().adjusted(-40, -40, 40, 40))
        self._syncing = False
        self._pull_selection(self.doc.selection())
        self.notice = cycle_note
        self.message.emit(cycle_note)

    def _draw_nodes(self, portfolio: Portfolio, positions: dict[str, tuple[float, float]]) -> None:
        scores = self.doc.scores()
        analysis = self.analysis
        critical = {e.enabler: e for e in analysis.critical} if analysis else {}
        values = {e.enabler: e for e in analysis.enablers} if analysis else {}
        blocked = analysis.blocked if analysis else {}
        currency = portfolio.currency
        colours = self.colours
        for enabler in portfolio.enablers:
            if enabler.id not in positions:
                continue
            node = NodeItem(enabler.id, "enabler")
            ready = enabler.status.value == "ready"
            eta = f", ETA {enabler.eta:%d %b %Y}" if enabler.eta and not ready else ""
            node.set_text(enabler.name, f"{enabler.status.value.replace('_', ' ')}{eta}", QColor("#ffffff"))
            node.setBrush(QBrush(QColor(colours.enabler_ready if ready else colours.enabler)))
            info = values.get(enabler.id)
            if enabler.id in critical:
                node.setPen(QPen(QColor(colours.highlight), 4))
            else:
                node.setPen(QPen(QColor(colours.line), 1.2))
            tip = f"{enabler.name} ({enabler.kind.value.replace('_', ' ')}): {enabler.status.value}{eta}"
            if info and info.dependents:
                tip += (
                    f"\nUnblocks {len(info.dependents)} pilot(s) worth "
                    f"{info.value_unblocked:,.0f} {currency} NPV"
                )
            node.setToolTip(tip)
            self._place(node, positions)
            if enabler.id in critical:
                badge = QGraphicsSimpleTextItem(
                    f"unblocks {short_amount(critical[enabler.id].value_unblocked)}", node
                )
                font = QFont()
                font.setPointSizeF(8.5)
                font.setBold(True)
                badge.setFont(font)
                badge.setBrush(QColor(colours.critical))
                badge.setPos(-badge.boundingRect().width() / 2, BOX_H / 2 + 2)
        for pilot in portfolio.pilots:
            if pilot.id not in positions:
                continue
            node = NodeItem(pilot.id, "pilot")
            s = scores.pilots.get(pilot.id)
            decision = DECISION_LABELS[s.decision] if s else ""
            node.set_text(pilot.name, f"{pilot.stage.value} · {decision}", QColor(colours.badge_text))
            node.setBrush(QBrush(colours.badge(s.decision) if s else QColor(colours.empty)))
            if pilot.id in blocked:
                node.setPen(QPen(QColor(colours.today), 3, Qt.PenStyle.DashLine))
                chain = " → ".join(blocked[pilot.id].chain)
                node.setToolTip(
                    f"{pilot.name}: blocked by {', '.join(blocked[pilot.id].blocked_by)}\nChain: {chain}"
                )
            else:
                node.setPen(QPen(QColor(colours.line), 1.2))
                node.setToolTip(f"{pilot.name}: {decision}, stage {pilot.stage.value}")
            self._place(node, positions)

    def _shown(self, portfolio: Portfolio) -> set[str]:
        """Ids drawn: everything, or only pilots and enablers that take part in a dependency."""
        every = {p.id for p in portfolio.pilots} | {e.id for e in portfolio.enablers}
        if self.show_unconnected:
            return every
        return {d.pilot for d in portfolio.dependencies} | {d.on for d in portfolio.dependencies}

    def set_show_unconnected(self, show: bool) -> None:
        self.show_unconnected = show
        self.rebuild()

    def _place(self, node: NodeItem, positions: dict[str, tuple[float, float]]) -> None:
        x, y = positions[node.item_id]
        node.setPos(x * COLUMN, y * ROW)
        self.addItem(node)
        self.nodes[node.item_id] = node

    def _draw_edges(self, portfolio: Portfolio) -> None:
        blocked = self.analysis.blocked if self.analysis else {}
        in_cycle = set(zip(self.cycle, self.cycle[1:], strict=False))
        for dep in portfolio.dependencies:
            source, target = self.nodes.get(dep.on), self.nodes.get(dep.pilot)
            if source is None or target is None:
                continue
            start = source.pos() + QPointF(BOX_W / 2, 0)
            end = target.pos() + QPointF(-BOX_W / 2, 0)
            hot = dep.pilot in blocked and dep.on in blocked[dep.pilot].blocked_by
            blocked_pen = QColor(self.colours.today)
            pen = QPen(blocked_pen if hot else QColor(self.colours.frame), 2 if hot else 1.4)
            if (dep.pilot, dep.on) in in_cycle:
                pen = QPen(blocked_pen, 3.5)
            edge = EdgeItem(dep.pilot, dep.on, start, end, pen)
            self.addItem(edge)
            self.edges.append(edge)

    def _draw_wave_headers(self, positions: dict[str, tuple[float, float]]) -> None:
        if not self.analysis or not positions:
            return
        top = min(y for _, y in positions.values()) * ROW - BOX_H - 30
        font = QFont()
        font.setPointSizeF(10)
        font.setBold(True)
        for wave in range(len(self.analysis.waves)):
            header = self.addSimpleText(f"Wave {wave + 1}", font)
            header.setBrush(QColor(self.colours.muted))
            header.setPos(wave * COLUMN - header.boundingRect().width() / 2, top)

    # --- selection -------------------------------------------------------------------------------------
    def _push_selection(self) -> None:
        if self._syncing:
            return
        pilots = {p.id for p in self.doc.portfolio.pilots}
        ids = [i.item_id for i in self.selectedItems() if isinstance(i, NodeItem) and i.item_id in pilots]
        if ids:
            self.doc.select(ids)

    def _pull_selection(self, ids: Any) -> None:
        self._syncing = True
        try:
            wanted = set(ids)
            for item_id, node in self.nodes.items():
                node.setSelected(item_id in wanted)
        finally:
            self._syncing = False

    # --- editing ---------------------------------------------------------------------------------------
    def add_dependency(self, pilot: str, on: str) -> bool:
        """Push "pilot depends on on"; a refusal (e.g. a cycle) goes to the banner instead."""
        try:
            after = graph_edits.add_dependency(self.doc.portfolio, pilot, on)
        except EditError as exc:
            self.message.emit(str(exc))
            return False
        self.doc.push(dependency_command(self.doc, f"{pilot} depends on {on}", after))
        return True

    def remove_dependency(self, pilot: str, on: str) -> None:
        after = graph_edits.remove_dependency(self.doc.portfolio, pilot, on)
        self.doc.push(dependency_command(self.doc, f"{pilot} no longer depends on {on}", after))

    def remove_selected_edges(self) -> None:
        pairs = [(e.pilot, e.on) for e in self.selectedItems() if isinstance(e, EdgeItem)]
        after = self.doc.portfolio
        for pilot, on in pairs:
            after = graph_edits.remove_dependency(after, pilot, on)
        if pairs:
            self.doc.push(dependency_command(self.doc, f"Remove {len(pairs)} dependency(ies)", after))

    def _node_at(self, pos: QPointF) -> NodeItem | None:
        for item in self.items(pos):
            while item is not None and not isinstance(item, NodeItem):
                item = item.parentItem()
            if isinstance(item, NodeItem):
                return item
        return None

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        node = self._node_at(event.scenePos())
        if (
            event.button() == Qt.MouseButton.LeftButton
            and event.modifiers() & Qt.KeyboardModifier.ShiftModifier
            and node is not None
            and node.kind == "pilot"
        ):
            self._link_from = node
            self._rubber = self.addLine(
                node.pos().x(),
                node.pos().y(),
                event.scenePos().x(),
                event.scenePos().y(),
                QPen(QColor(self.colours.link), 2, Qt.PenStyle.DashLine),
            )
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self._rubber is not None and self._link_from is not None:
            start = self._link_from.pos()
            self._rubber.setLine(start.x(), start.y(), event.scenePos().x(), event.scenePos().y())
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self._rubber is not None and self._link_from is not None:
            source = self._link_from
            self.removeItem(self._rubber)
            self._rubber, self._link_from = None, None
            target = self._node_at(event.scenePos())
            if target is not None and target is not source:
                self.add_dependency(source.item_id, target.item_id)
            return
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.remove_selected_edges()
            return
        super().keyPressEvent(event)

    def contextMenuEvent(self, event: QGraphicsSceneContextMenuEvent) -> None:
        node = self._node_at(event.scenePos())
        if node is None or node.kind != "pilot":
            return
        portfolio = self.doc.portfolio
        menu = QMenu()
        add = menu.addAction("Depends on…")
        current = [d.on for d in portfolio.dependencies if d.pilot == node.item_id]
        removals = {menu.addAction(f"Remove dependency on {on}"): on for on in current}
        chosen = menu.exec(event.screenPos())
        if chosen is add:
            names = {p.id: p.name for p in portfolio.pilots} | {e.id: e.name for e in portfolio.enablers}
            options = [f"{name} ({item})" for item, name in names.items() if item != node.item_id]
            choice, ok = QInputDialog.getItem(
                None, "Add dependency", f"{node.item_id} depends on:", options, 0, False
            )
            if ok and choice:
                self.add_dependency(node.item_id, choice.rsplit("(", 1)[1].rstrip(")"))
        elif chosen in removals:
            self.remove_dependency(node.item_id, removals[chosen])


class DependencyView(QGraphicsView):
    def __init__(self, scene: DependencyScene) -> None:
        super().__init__(scene)
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setDragMode(QGraphicsView.DragMode.RubberBandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            factor = 1.15 if event.angleDelta().y() > 0 else 1 / 1.15
            self.scale(factor, factor)
        else:
            super().wheelEvent(event)


class DependencyMap(QWidget):
    """The dependency map with a banner for refusals and cycles, fit and export buttons."""

    def __init__(self, doc: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.scene = DependencyScene(doc, self)
        self.view = DependencyView(self.scene)
        self._fitted = False
        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self._style_banner()
        self.banner.hide()
        hint = QLabel(
            "Shift-drag from a pilot to what it needs · Delete removes a selected arrow · Ctrl+wheel zooms"
        )
        set_tone(hint, "muted")
        unconnected = QCheckBox("Show unconnected pilots")
        unconnected.toggled.connect(self.scene.set_show_unconnected)
        fit = QPushButton("Fit")
        fit.clicked.connect(self.fit)
        export = QPushButton("Export image…")
        export.clicked.connect(lambda: ask_and_export(self, self.scene, "dependency-map.png"))
        bar = QHBoxLayout()
        bar.addWidget(hint, 1)
        bar.addWidget(unconnected)
        bar.addWidget(fit)
        bar.addWidget(export)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.banner)
        layout.addWidget(self.view, 1)
        self.scene.message.connect(self._show_message)
        self._show_message(self.scene.notice)

    def _style_banner(self) -> None:
        colours = scheme()
        self.banner.setStyleSheet(
            f"QLabel {{ background: {colours.notice}; color: {colours.notice_text};"
            " padding: 6px; border-radius: 4px; }"
        )

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._style_banner()

    def _show_message(self, text: str) -> None:
        self.banner.setText(text)
        self.banner.setVisible(bool(text))

    def fit(self) -> None:
        self.view.fitInView(self.scene.sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._fitted:  # the whole map at first sight; the user zooms from there
            self._fitted = True
            self.fit()
