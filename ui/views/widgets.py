"""Small widgets every view folder may use: an empty-state notice, a wrapping row of controls, and a
graphics view that opens fitted to its scene.

- `EmptyState` lays a centred sentence over a view while it has nothing to show, saying what to do
  ("No pilots yet: Edit → Add pilot…").
- `FlowRow` lays controls out left to right and wraps them onto more lines when the view is narrow
  (a projector's large type), so a view never forces the window wider than the screen.
- `FittedView` shows its whole scene when it first appears and on every resize, until the user
  zooms (Ctrl+wheel, +/−); Fit, 0 or Home fit it again. A scene with a `set_view_scale(scale)`
  method hears the scale, to draw its words at their screen size; one with `set_view_room(w, h)`
  hears the view's size first, to shape itself to it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QKeyEvent, QPainter, QWheelEvent
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QGraphicsScene,
    QGraphicsView,
    QLabel,
    QLayout,
    QLayoutItem,
    QSizePolicy,
    QWidget,
    QWidgetItem,
)

from ui.theme import set_tone


class EmptyState(QLabel):
    """A sentence centred over `view`'s viewport, shown while `is_empty()` holds (call `refresh`)."""

    def __init__(self, view: QAbstractScrollArea, text: str, is_empty: Callable[[], bool]) -> None:
        super().__init__(text, view.viewport())
        self._is_empty = is_empty
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAccessibleName("Empty view")
        set_tone(self, "muted")
        view.viewport().installEventFilter(self)
        self.refresh()

    def set_text(self, text: str) -> None:
        self.setText(text)
        self._place()

    def refresh(self) -> None:
        self.setVisible(self._is_empty())
        self._place()

    def _place(self) -> None:
        parent = self.parentWidget()
        if parent is not None:
            room = parent.rect().adjusted(24, 24, -24, -24)
            height = min(room.height(), self.heightForWidth(room.width()) + 8)
            self.setGeometry(QRect(room.left(), room.top() + room.height() // 3, room.width(), height))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self._place()
        return False


class FlowRow(QLayout):
    """Controls in reading order, wrapped onto as many lines as the width needs."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 6) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self.setSpacing(spacing)
        self.setContentsMargins(0, 0, 0, 0)

    def add(self, *widgets: QWidget) -> FlowRow:
        for widget in widgets:
            self.addWidget(widget)
        return self

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # type: ignore[override]
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # type: ignore[override]
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:
        width = sum(i.sizeHint().width() + self.spacing() for i in self._shown())
        height = max((i.sizeHint().height() for i in self._shown()), default=0)
        return QSize(width, height)

    def minimumSize(self) -> QSize:
        size = QSize()
        for item in self._shown():
            size = size.expandedTo(item.minimumSize())
        margins = self.contentsMargins()
        return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    def _shown(self) -> list[QLayoutItem]:
        return [i for i in self._items if not (isinstance(i, QWidgetItem) and i.widget().isHidden())]

    def _arrange(self, rect: QRect, move: bool) -> int:
        margins = self.contentsMargins()
        area = rect.adjusted(margins.left(), margins.top(), -margins.right(), -margins.bottom())
        x, y, line = area.x(), area.y(), 0
        for item in self._shown():
            hint = item.sizeHint()
            if x + hint.width() > area.right() + 1 and line > 0:
                x, y, line = area.x(), y + line + self.spacing(), 0
            if move:
                item.setGeometry(QRect(QPoint(x, y), QSize(min(hint.width(), area.width()), hint.height())))
            x += hint.width() + self.spacing()
            line = max(line, hint.height())
        return y + line - rect.y() + margins.bottom()


def flow_row(*widgets: QWidget) -> QWidget:
    """A widget holding `widgets` in a `FlowRow` (for a view's tool bar)."""
    holder = QWidget()
    holder.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
    FlowRow(holder).add(*widgets)
    return holder


class FittedView(QGraphicsView):
    """A graphics view that keeps its whole scene in sight until the user zooms or pans."""

    ZOOM_STEP = 1.15

    def __init__(self, scene: QGraphicsScene, parent: QWidget | None = None) -> None:
        super().__init__(scene, parent)
        self.auto_fit = True
        self._fitting = False
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        scene.sceneRectChanged.connect(lambda _r: self.auto_fit and not self._fitting and self.fit())

    def fit(self) -> None:
        """Show the whole scene; it keeps fitting on resize until the user zooms."""
        self.auto_fit = True
        rect = self.scene().sceneRect()
        if (
            self._fitting
            or not rect.isValid()
            or self.viewport().width() <= 10
            or self.viewport().height() <= 10
        ):
            return
        self._fitting = True
        try:
            room = getattr(self.scene(), "set_view_room", None)  # a scene that fills a wide view
            if room is not None:
                room(self.viewport().width(), self.viewport().height())
                rect = self.scene().sceneRect()
            self.fitInView(rect, Qt.AspectRatioMode.KeepAspectRatio)
            tell = getattr(self.scene(), "set_view_scale", None)  # a scene drawing words at screen size
            for _ in range(3):
                if tell is None:
                    break
                tell(self.transform().m11())
                if self.scene().sceneRect() == rect:
                    break
                rect = self.scene().sceneRect()
                self.fitInView(rect, Qt.AspectRatioMode.KeepAspectRatio)
        finally:
            self._fitting = False

    def zoom(self, factor: float) -> None:
        self.auto_fit = False
        self.scale(factor, factor)
        tell = getattr(self.scene(), "set_view_scale", None)
        if tell is not None:
            tell(self.transform().m11())

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        if self.auto_fit:
            self.fit()

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if self.auto_fit:
            self.fit()

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.zoom(self.ZOOM_STEP if event.angleDelta().y() > 0 else 1 / self.ZOOM_STEP)
        else:
            super().wheelEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_0, Qt.Key.Key_Home):
            self.fit()
        elif key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom(self.ZOOM_STEP)
        elif key == Qt.Key.Key_Minus:
            self.zoom(1 / self.ZOOM_STEP)
        else:
            super().keyPressEvent(event)
            return
        event.accept()
