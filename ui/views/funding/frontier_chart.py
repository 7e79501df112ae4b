"""The efficient frontier chart: the best objective against budget, with the scenario's budget marked.

Points come from `planner.funding.scenarios.frontier`; clicking a point emits its budget so the funding
panel can show that portfolio.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtWidgets import QWidget

from planner.formatting import short_amount
from planner.funding import scenarios as funding
from ui.theme import scheme


class FrontierChart(QWidget):
    """Best objective against budget; the current budget is marked; click a point to go there."""

    point_clicked = Signal(float)  # budget

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.points: list[funding.FrontierPoint] = []
        self.current: float | None = None
        self.unit = ""
        self.setMinimumSize(320, 220)
        self.setMouseTracking(True)

    def show_points(self, points: list[funding.FrontierPoint], current: float | None, unit: str) -> None:
        self.points, self.current, self.unit = points, current, unit
        self.update()

    def _plot_rect(self) -> QRectF:
        return QRectF(64, 16, max(10, self.width() - 84), max(10, self.height() - 56))

    def _scale(self) -> tuple[float, float, float, float]:
        budgets = [p.budget for p in self.points]
        values = [p.selection.objective for p in self.points]
        low = min(0.0, *values)
        return min(budgets), max(budgets) or 1.0, low, (max(values) if max(values) > low else low + 1)

    def _to_screen(self, budget: float, value: float) -> QPointF:
        rect = self._plot_rect()
        b0, b1, v0, v1 = self._scale()
        x = rect.left() + (budget - b0) / ((b1 - b0) or 1) * rect.width()
        y = rect.bottom() - (value - v0) / ((v1 - v0) or 1) * rect.height()
        return QPointF(x, y)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = self._plot_rect()
        text = self.palette().windowText().color()
        painter.setPen(QPen(text, 1))
        painter.drawLine(rect.bottomLeft(), rect.bottomRight())
        painter.drawLine(rect.bottomLeft(), rect.topLeft())
        if not self.points:
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, "Computing the frontier…")
            return
        b0, b1, v0, v1 = self._scale()
        painter.drawText(
            QRectF(rect.left(), rect.bottom() + 4, rect.width(), 18),
            Qt.AlignmentFlag.AlignLeft,
            short_amount(b0),
        )
        painter.drawText(
            QRectF(rect.left(), rect.bottom() + 4, rect.width(), 18),
            Qt.AlignmentFlag.AlignRight,
            short_amount(b1),
        )
        painter.drawText(
            QRectF(rect.left(), rect.bottom() + 20, rect.width(), 18),
            Qt.AlignmentFlag.AlignCenter,
            f"budget ({self.unit})",
        )
        painter.drawText(
            QRectF(0, rect.top() - 8, rect.left() - 6, 18), Qt.AlignmentFlag.AlignRight, short_amount(v1)
        )
        painter.drawText(
            QRectF(0, rect.bottom() - 10, rect.left() - 6, 18), Qt.AlignmentFlag.AlignRight, short_amount(v0)
        )
        path = QPainterPath()
        for i, point in enumerate(self.points):
            screen = self._to_screen(point.budget, point.selection.objective)
            if i == 0:
                path.moveTo(screen)
            else:  # a step: the value holds until the next point's budget buys more
                path.lineTo(QPointF(screen.x(), path.currentPosition().y()))
                path.lineTo(screen)
        colours = scheme(self.palette())
        accent = QColor(colours.link)  # the selection colour can be too dark to see on a dark window
        painter.setPen(QPen(accent, 2))
        painter.drawPath(path)
        painter.setBrush(accent)
        for point in self.points:
            painter.drawEllipse(self._to_screen(point.budget, point.selection.objective), 3.5, 3.5)
        if self.current is not None and b0 <= self.current <= b1:
            x = self._to_screen(self.current, v0).x()
            painter.setPen(QPen(QColor(colours.critical), 1.5, Qt.PenStyle.DashLine))
            painter.drawLine(QPointF(x, rect.top()), QPointF(x, rect.bottom()))

    def nearest(self, pos: QPointF) -> funding.FrontierPoint | None:
        best, best_distance = None, 14.0
        for point in self.points:
            screen = self._to_screen(point.budget, point.selection.objective)
            distance = abs(screen.x() - pos.x()) + abs(screen.y() - pos.y()) / 4
            if distance < best_distance:
                best, best_distance = point, distance
        return best

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        point = self.nearest(event.position())
        if point is None:
            self.setToolTip("")
            return
        entering = ", ".join(point.entering) or "nothing new"
        self.setToolTip(
            f"Budget {point.budget:,.0f} {self.unit}\nBest objective {point.selection.objective:,.1f}\n"
            f"{len(point.selection.funded)} pilots funded; enters here: {entering}\n"
            f"Marginal value {point.marginal:,.3f} per unit of budget"
        )

    def mousePressEvent(self, event: QMouseEvent) -> None:
        point = self.nearest(event.position())
        if point is not None:
            self.point_clicked.emit(point.budget)
