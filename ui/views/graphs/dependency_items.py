"""The dependency map's items: a pilot or enabler box, and a "depends on" arrow."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainterPath, QPainterPathStroker, QPen, QPolygonF
from PySide6.QtWidgets import QGraphicsItem, QGraphicsPathItem, QGraphicsPolygonItem, QGraphicsSimpleTextItem

BOX_W, BOX_H = 236.0, 44.0


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
