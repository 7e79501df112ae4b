"""The efficient frontier chart: the best objective against budget, with the scenario's budget marked.

Points come from `planner.funding.scenarios.frontier`; clicking a point emits its budget so the funding
panel can show that portfolio. Both axes are titled and ticked at round values (`planner.formatting.
ticks`), amounts in the compact form ("12.5M") with the currency in the axis title; the margins are
measured in the widget's font, so nothing is cut on a projector either.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtWidgets import QWidget

from planner.formatting import short_amount, ticks
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
        self.objective = "Best objective"  # the y axis title
        self.money = True  # whether the objective is an amount
        self.setMinimumSize(320, 220)
        self.setMouseTracking(True)
        self.setAccessibleName("Funding frontier")
        self.setAccessibleDescription(
            "The best objective each budget can buy; click a point to use its budget"
        )

    def show_points(
        self,
        points: list[funding.FrontierPoint],
        current: float | None,
        unit: str,
        objective: str = "Best objective",
        money: bool = True,
    ) -> None:
        self.points, self.current, self.unit = points, current, unit
        self.objective, self.money = objective, money
        self.update()

    def _scale(self) -> tuple[float, float, float, float]:
        budgets = [p.budget for p in self.points] or [0.0]
        values = [p.selection.objective for p in self.points] or [0.0]
        low = min(0.0, *values)
        high = max(values) if max(values) > low else low + 1
        return 0.0, max(budgets) or 1.0, low, high

    def _value_text(self, value: float) -> str:
        return short_amount(value) if self.money else f"{value:,.0f}"

    def _plot_rect(self) -> QRectF:
        metrics = self.fontMetrics()
        line = metrics.height()
        _b0, b1, v0, v1 = self._scale()
        widest = max((metrics.horizontalAdvance(self._value_text(v)) for v in ticks(v0, v1)), default=30)
        left = line + 8 + widest + 8  # the rotated title, a gap, the tick labels, a gap
        bottom = 2 * line + 14  # tick labels, then the title
        right = metrics.horizontalAdvance(short_amount(b1)) / 2 + 8
        return QRectF(
            left, line / 2 + 4, max(10, self.width() - left - right), max(10, self.height() - bottom - line)
        )

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
        colours = scheme(self.palette())
        text = self.palette().windowText().color()
        metrics = self.fontMetrics()
        line = metrics.height()
        if not self.points:
            painter.setPen(QPen(text, 1))
            painter.drawRect(rect)
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, "Computing the frontier…")
            return
        b0, b1, v0, v1 = self._scale()
        grid, muted = QColor(colours.grid), QColor(colours.muted)
        for value in ticks(v0, v1):
            y = self._to_screen(b0, value).y()
            painter.setPen(QPen(grid, 1))
            painter.drawLine(QPointF(rect.left(), y), QPointF(rect.right(), y))
            painter.setPen(QPen(muted, 1))
            label = QRectF(0, y - line / 2, rect.left() - 6, line)
            painter.drawText(
                label, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, self._value_text(value)
            )
        for budget in ticks(b0, b1):
            x = self._to_screen(budget, v0).x()
            painter.setPen(QPen(muted, 1))
            painter.drawLine(QPointF(x, rect.bottom()), QPointF(x, rect.bottom() + 4))
            label = QRectF(x - 60, rect.bottom() + 5, 120, line)
            painter.drawText(
                label, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, short_amount(budget)
            )
        painter.setPen(QPen(text, 1))
        painter.drawLine(rect.bottomLeft(), rect.bottomRight())
        painter.drawLine(rect.bottomLeft(), rect.topLeft())
        title = QRectF(rect.left(), rect.bottom() + line + 8, rect.width(), line)
        painter.drawText(title, Qt.AlignmentFlag.AlignCenter, f"Budget ({self.unit})")
        painter.save()
        painter.translate(2, rect.center().y())
        painter.rotate(-90)
        what = f"{self.objective} ({self.unit})" if self.money else self.objective
        painter.drawText(
            QRectF(-rect.height() / 2, 0, rect.height(), line), Qt.AlignmentFlag.AlignCenter, what
        )
        painter.restore()
        path = QPainterPath()
        for i, point in enumerate(self.points):
            screen = self._to_screen(point.budget, point.selection.objective)
            if i == 0:
                path.moveTo(screen)
            else:  # a step: the value holds until the next point's budget buys more
                path.lineTo(QPointF(screen.x(), path.currentPosition().y()))
                path.lineTo(screen)
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
            painter.drawText(QPointF(x + 4, rect.top() + line), "this scenario")

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
