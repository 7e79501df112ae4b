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
    QKeyEvent,
    QPen,
    QTransform,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QGraphicsLineItem,
    QGraphicsScene,
    QGraphicsSceneContextMenuEvent,
    QGraphicsSceneMouseEvent,
    QGraphicsSimpleTextItem,
    QGraphicsView,
    QInputDialog,
    QLabel,
    QMenu,
    QPushButton,
    QStackedWidget,
    QTableView,
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
from ui.views.graphs.dependency_items import BOX_H, BOX_W, EdgeItem, NodeItem
from ui.views.graphs.dependency_table import DependencyTableModel
from ui.views.image_export import ask_and_export
from ui.views.widgets import FittedView, flow_row

COLUMN = 330.0  # scene units between waves
ROW = 62.0  # scene units between rows


def dependency_command(doc: Document, text: str, after: Portfolio) -> EditCommand:
    return EditCommand(doc, text, after, Changes(dependencies=True))


class DependencyScene(QGraphicsScene):
    """Observes the document; rebuilt whenever dependencies, stages, enablers or decisions change."""

    message = Signal(str)  # refusals and cycle notices, for the view's banner
    rebuilt = Signal()  # drawn afresh: the analysis may have changed

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
        self.rebuilt.emit()

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


class DependencyView(FittedView):
    """Opens fitted, but never smaller than names can be read at: a large map then opens at its
    first waves (enablers) and scrolls; Fit shows the whole of it."""

    READABLE = 0.8  # the boxes' 9.5-point names stay at about 8 points or more on screen

    def __init__(self, scene: DependencyScene) -> None:
        super().__init__(scene)
        self.setDragMode(QGraphicsView.DragMode.RubberBandDrag)
        self.setAccessibleName("Dependency map")
        self.setAccessibleDescription(
            "What each pilot waits for, left to right by wave; “As a table” lists the same"
            " dependencies. Delete removes a selected arrow."
        )
        self.whole = False  # True once the user asked for the whole map (Fit), however small

    def fit(self) -> None:
        super().fit()
        if not self.whole and self.transform().m11() < self.READABLE:
            self.setTransform(QTransform.fromScale(self.READABLE, self.READABLE))
            rect = self.scene().sceneRect()
            self.ensureVisible(QRectF(rect.left(), rect.top(), 1, 1), 0, 0)


class DependencyMap(QWidget):
    """The dependency map with a banner for refusals and cycles, fit and export buttons."""

    def __init__(self, doc: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.scene = DependencyScene(doc, self)
        self.view = DependencyView(self.scene)
        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self._style_banner()
        self.banner.hide()
        hint = QLabel(
            "Shift-drag from a pilot to what it needs · Delete removes a selected arrow · Ctrl+wheel zooms"
        )
        hint.setWordWrap(True)
        set_tone(hint, "muted")
        unconnected = QCheckBox("Show unconnected pilots")
        unconnected.toggled.connect(self.scene.set_show_unconnected)
        fit = QPushButton("Fit")
        fit.clicked.connect(self.fit)
        export = QPushButton("Export image…")
        export.clicked.connect(lambda: ask_and_export(self, self.scene, "dependency-map.png"))
        unconnected.setToolTip("Draw pilots that neither wait for anything nor are waited for")
        fit.setToolTip("Show the whole map, however small (0 or Home shows it at a readable size)")
        export.setToolTip("Save the map as a PNG or SVG image, black on white")
        self.table_model = DependencyTableModel(doc, self.scene.analysis, self)
        self.table = QTableView()
        self.table.setModel(self.table_model)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setAccessibleName("Dependencies as a table")
        self.table.setAccessibleDescription("One row per dependency: the pilot, what it waits for, its wave")
        self.scene.rebuilt.connect(lambda: self.table_model.refresh(self.scene.analysis))
        self.stack = QStackedWidget()
        self.stack.addWidget(self.view)
        self.stack.addWidget(self.table)
        as_table = QPushButton("As a table")
        as_table.setCheckable(True)
        as_table.setToolTip("List the dependencies as a table (for a screen reader, or to read them all)")
        as_table.toggled.connect(lambda on: self.stack.setCurrentWidget(self.table if on else self.view))
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(flow_row(unconnected, fit, as_table, export))
        layout.addWidget(self.banner)
        layout.addWidget(self.stack, 1)
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
        """The whole map, however small (the Fit button)."""
        self.view.whole = True
        self.view.fit()
