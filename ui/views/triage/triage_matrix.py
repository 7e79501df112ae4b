"""The triage matrix view (see `matrix_scene` for what it draws), its keyboard and its table twin.

`TriageMatrix` opens fitted to its view and keeps fitting on resize until the user zooms; wheel zooms,
drag on the background pans; 0, Home, a double-click on empty space or "Fit all" show the whole matrix
again. Arrow keys move the selection to the nearest bubble in that direction, Enter (or a double-click
on a bubble) opens the pilot in the editor; a ring round the view shows it has the keyboard.

`TriageMatrixPanel` is the tab: the matrix, or the same pilots as a table a screen reader can walk
(rank, name, value, readiness, decision, quadrant), one "As a table" toggle apart.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QRectF, Qt
from PySide6.QtGui import QKeyEvent, QMouseEvent, QPainter, QPen, QWheelEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGraphicsView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTableView,
    QToolButton,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from planner import formatting
from planner.triage.labels import quadrant
from ui.document import Changes, Document
from ui.theme import DECISION_LABELS, set_tone
from ui.views.triage.matrix_scene import SMOOTH_LIMIT, TriageScene

ARROWS = {Qt.Key.Key_Left: (-1, 0), Qt.Key.Key_Right: (1, 0), Qt.Key.Key_Up: (0, -1), Qt.Key.Key_Down: (0, 1)}


class TriageMatrix(QGraphicsView):
    """The matrix, fitted to the view until the user zooms; keyboard-driven (see the module docstring)."""

    def __init__(self, doc: Document, parent: QWidget | None = None) -> None:
        self.matrix = TriageScene(doc)
        super().__init__(self.matrix, parent)
        self.matrix.setParent(self)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        # thousands of bubbles move at once on a re-rank: repainting the viewport beats merging their regions
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.FullViewportUpdate)
        self.setFrameShape(QGraphicsView.Shape.NoFrame)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName("Triage matrix")
        self.setAccessibleDescription(
            "Pilots by value (across) and readiness (up). Arrow keys select the nearest pilot in that"
            " direction, Enter opens it. The same pilots are listed by “As a table”."
        )
        self._auto_fit = True
        self._fitting = False
        self.matrix.sceneRectChanged.connect(lambda _r: self._auto_fit and not self._fitting and self.fit())
        self.matrix.doc.changed.connect(self._level_of_detail)
        self._level_of_detail(Changes(structure=True))
        self.matrix.what_if.connect(lambda text, pos: QToolTip.showText(pos, text, self))
        self.fit_button = QToolButton(self)
        self.fit_button.setText("Fit all")
        self.fit_button.setToolTip(
            "Show the whole matrix again (keys 0 or Home, or double-click empty space)"
        )
        self.fit_button.clicked.connect(self.fit)

    def _level_of_detail(self, changes: Changes) -> None:
        if changes.structure:
            smooth = len(self.matrix.doc.portfolio.pilots) <= SMOOTH_LIMIT
            self.setRenderHint(QPainter.RenderHint.Antialiasing, smooth)

    def fit(self) -> None:
        """Show the whole matrix with its words at their screen size; keeps fitting until the user zooms."""
        self._auto_fit = True
        room = self.viewport().rect().adjusted(2, 2, -2, -2)
        if room.width() < 20 or room.height() < 20 or self._fitting:
            return
        self._fitting = True
        try:
            for _ in range(4):  # the words' room depends on the scale and the scale on that room: settle
                rect = self.matrix.sceneRect()
                scale = min(room.width() / rect.width(), room.height() / rect.height())
                if not self.matrix.set_view_scale(scale):
                    break
            self.fitInView(self.matrix.sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)
        finally:
            self._fitting = False

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        self.fit_button.adjustSize()
        self.fit_button.move(self.viewport().width() - self.fit_button.width() - 8, 8)
        if self._auto_fit:
            self.fit()

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if self._auto_fit:
            self.fit()

    def _fit_scale(self) -> float:
        rect = self.matrix.sceneRect()
        vp = self.viewport().rect()
        return min(vp.width() / rect.width(), vp.height() / rect.height())

    def zoom(self, factor: float) -> None:
        self._auto_fit = False
        if self.transform().m11() * factor >= self._fit_scale() * 0.9:
            self.scale(factor, factor)
            self.matrix.set_view_scale(self.transform().m11(), frame=False)  # names stay readable

    def wheelEvent(self, event: QWheelEvent) -> None:
        self.zoom(1.15 if event.angleDelta().y() > 0 else 1 / 1.15)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        doc = self.matrix.doc
        if key in (Qt.Key.Key_0, Qt.Key.Key_Home):
            self.fit()
        elif key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal, Qt.Key.Key_Minus):
            self.zoom(1 / 1.15 if key == Qt.Key.Key_Minus else 1.15)
        elif key in ARROWS:
            target = self.matrix.nearest(doc.current_pilot(), *ARROWS[key])
            if target is not None:
                doc.select([target])
                self.ensureVisible(self.matrix.bubbles[target].scene_rect(), 40, 40)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and doc.current_pilot() is not None:
            doc.open_requested.emit(doc.current_pilot())
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        if self.matrix.bubble_at(self.mapToScene(event.position().toPoint())) is None:
            self.fit()
            event.accept()
            return
        super().mouseDoubleClickEvent(event)

    def focusInEvent(self, event: Any) -> None:
        super().focusInEvent(event)
        self.viewport().update()

    def focusOutEvent(self, event: Any) -> None:
        super().focusOutEvent(event)
        self.viewport().update()

    def drawForeground(self, painter: QPainter, rect: QRectF) -> None:
        """A ring round the view while it has the keyboard (focus is visible)."""
        if self.hasFocus():
            painter.save()
            painter.resetTransform()
            painter.setPen(QPen(self.palette().highlight().color(), 3))
            painter.drawRect(self.viewport().rect().adjusted(1, 1, -2, -2))
            painter.restore()


class MatrixTableModel(QAbstractTableModel):
    """The matrix's pilots as rows, best rank first: what each bubble shows, in words."""

    HEADERS = ("Rank", "Pilot", "Value", "Readiness", "Decision", "Quadrant", "Scale investment")

    def __init__(self, doc: Document, parent: Any = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.rows: list[tuple[str, ...]] = []
        self.ids: list[str] = []
        self.refresh()
        doc.changed.connect(lambda changes: changes.scores and self.refresh())

    def refresh(self) -> None:
        doc = self.doc
        scores, thresholds = doc.scores(), doc.weights().thresholds
        rows, ids = [], []
        for pid in scores.ranking:
            s, pilot = scores.pilots[pid], doc.portfolio.pilot(pid)
            money = formatting.money(pilot.financials.scale_investment, doc.portfolio.currency)
            where = quadrant(s.value, s.readiness, thresholds)
            rows.append(
                (
                    str(s.rank),
                    pilot.name,
                    f"{s.value:.0f}",
                    f"{s.readiness:.0f}",
                    DECISION_LABELS[s.decision],
                    where,
                    money,
                )
            )
            ids.append(pid)
        self.beginResetModel()
        self.rows, self.ids = rows, ids
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
        if role == Qt.ItemDataRole.DisplayRole:
            return self.rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.UserRole:
            return self.ids[index.row()]
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in (0, 2, 3, 6):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class MatrixTable(QTableView):
    """The table twin: Enter opens the current pilot, as in the matrix."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        index = self.currentIndex()
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and index.isValid():
            self.model().doc.open_requested.emit(index.data(Qt.ItemDataRole.UserRole))  # type: ignore[attr-defined]
            return
        super().keyPressEvent(event)


class TriageMatrixPanel(QWidget):
    """The Triage matrix tab: the matrix or its table (see the module docstring)."""

    def __init__(self, doc: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.view = TriageMatrix(doc)
        self.matrix = self.view.matrix
        self.model = MatrixTableModel(doc, self)
        self.table = MatrixTable()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setAccessibleName("Triage matrix as a table")
        self.table.setAccessibleDescription(
            "One row per pilot: rank, value, readiness, decision and quadrant"
        )
        self.table.selectionModel().currentRowChanged.connect(self._push_selection)
        self._pulling = False
        doc.selection_changed.connect(self._pull_selection)
        self.model.modelReset.connect(lambda: self._pull_selection(doc.selection()))
        self.stack = QStackedWidget()
        self.stack.addWidget(self.view)
        self.stack.addWidget(self.table)
        self.as_table = QPushButton("As a table")
        self.as_table.setCheckable(True)
        self.as_table.setToolTip(
            "Show the matrix's pilots as a table (for a screen reader, or to read exact scores)"
        )
        self.as_table.toggled.connect(self.show_table)
        hint = QLabel("Arrow keys move between pilots · Enter opens one · wheel zooms, 0 fits")
        set_tone(hint, "muted")
        bar = QHBoxLayout()
        bar.addWidget(hint, 1)
        bar.addWidget(self.as_table)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(bar)
        layout.addWidget(self.stack, 1)
        self.setFocusProxy(self.view)

    def show_table(self, on: bool) -> None:
        self.stack.setCurrentWidget(self.table if on else self.view)
        self.setFocusProxy(self.table if on else self.view)
        if on:
            self.table.resizeColumnsToContents()
            self._pull_selection(self.doc.selection())

    def _push_selection(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid() and not self._pulling:
            self.doc.select([current.data(Qt.ItemDataRole.UserRole)])

    def _pull_selection(self, ids: tuple[str, ...]) -> None:
        """The table's current row follows the pilot selected in any view."""
        if not ids or ids[0] not in self.model.ids:
            return
        self._pulling = True
        try:
            self.table.selectRow(self.model.ids.index(ids[0]))
        finally:
            self._pulling = False

    def fit(self) -> None:
        self.view.fit()
