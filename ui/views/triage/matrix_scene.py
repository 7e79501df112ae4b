"""Triage matrix: value (x) against readiness (y), bubble area = scale investment, colour = decision.

The scene only observes the document: it keeps one bubble per pilot id and moves, recolours, adds or
removes bubbles when `Document.changed` says scores changed. Clicking a bubble selects the pilot in
every view. Threshold lines and quadrant labels follow the thresholds in force. Labels are placed for
the best-ranked pilots first, and only where they overlap no earlier label and sit nearer their own
bubble than any other (see `label_box`).
"""

from __future__ import annotations

from typing import Any

import numpy as np
from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QKeyEvent, QMouseEvent, QPainter, QPen, QWheelEvent
from PySide6.QtWidgets import (
    QGraphicsEllipseItem,
    QGraphicsItem,
    QGraphicsLineItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsSceneHoverEvent,
    QGraphicsSceneMouseEvent,
    QGraphicsSimpleTextItem,
    QGraphicsView,
    QToolButton,
    QToolTip,
    QWidget,
)

from planner import formatting
from planner.model import Decision
from planner.triage.labels import DECISION_HUES, QUADRANTS
from ui.document import Changes, Document
from ui.theme import DECISION_LABELS, scheme

SIZE = 1000.0  # scene units for 100 points on either axis
R_MIN, R_MAX = 7.0, 34.0
MAX_LABELS = 40
LABEL_GAP = 4.0  # scene units between a bubble and its label
LABEL_CLEAR = 4.0  # every other bubble is at least this much farther from a label than its own bubble
SMOOTH_LIMIT = 1500  # above this many bubbles, draw without antialiasing (≈ 4× faster to paint)
DRAG_START = 8.0  # scene units the pointer must travel before a press becomes a drag


def to_scene(value: float, readiness: float) -> QPointF:
    """Scene position of a (value, readiness) pair; readiness grows upwards."""
    return QPointF(value / 100 * SIZE, SIZE - readiness / 100 * SIZE)


def from_scene(point: QPointF) -> tuple[float, float]:
    """(value, readiness) at a scene position, clamped to 0–100."""
    value = min(100.0, max(0.0, point.x() / SIZE * 100))
    readiness = min(100.0, max(0.0, (SIZE - point.y()) / SIZE * 100))
    return value, readiness


def label_box(
    bubble: tuple[float, float, float],
    size: tuple[float, float],
    others: Any,
    taken: list[QRectF],
) -> QRectF | None:
    """Where a label of `size` (w, h) goes beside `bubble` (x, y, radius): right of it, else left, else
    above, else below; None when no place is unambiguous.

    A place is skipped when it leaves the plot, overlaps a label in `taken`, or is not clearly nearer
    its own bubble than every one of the `others` (rows: x, y and radius arrays), by `LABEL_CLEAR`: a
    reader pairs a label with the nearest bubble, so it must never sit as near another one (or on it).
    """
    x, y, r = bubble
    w, h = size
    ox, oy, orad = others
    lefts = np.array([x + r + LABEL_GAP, x - r - LABEL_GAP - w, x - w / 2, x - w / 2])
    tops = np.array([y - h / 2, y - h / 2, y - r - h, y + r])
    own = np.array([LABEL_GAP, LABEL_GAP, 0.0, 0.0])  # each place's distance from its own bubble's edge
    # distance from each place (rows) to each other bubble's edge (columns), all at once
    dx = np.maximum(np.maximum(lefts[:, None] - ox, ox - (lefts[:, None] + w)), 0.0)
    dy = np.maximum(np.maximum(tops[:, None] - oy, oy - (tops[:, None] + h)), 0.0)
    clear = (np.hypot(dx, dy) - orad > own[:, None] + LABEL_CLEAR).all(axis=1)
    for k in range(len(own)):
        box = QRectF(float(lefts[k]), float(tops[k]), w, h)
        if clear[k] and box.left() >= 0 and box.right() <= SIZE and not any(box.intersects(o) for o in taken):
            return box
    return None


def _brush(decision: Decision) -> QBrush:
    color = QColor(DECISION_HUES[decision])
    color.setAlpha(200)
    return QBrush(color)


BRUSHES = {d: _brush(d) for d in Decision}


class Bubble(QGraphicsEllipseItem):
    """One pilot; its hover card is built when the pointer arrives."""

    def __init__(self, matrix: TriageScene, pilot_id: str) -> None:
        super().__init__()
        self.matrix = matrix
        self.pilot_id = pilot_id
        self.decision: Decision | None = None
        self.radius = -1.0
        # a bubble's look changes rarely, its position on every re-rank: cache the painted bubble
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.setAcceptHoverEvents(True)
        self.setPen(matrix.normal_pen)

    def scene_rect(self) -> QRectF:
        """The bubble's circle in scene coordinates (its centre is the pilot's value/readiness)."""
        return self.rect().translated(self.pos())

    def hoverEnterEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        self.setToolTip(self.matrix.card(self.pilot_id))
        super().hoverEnterEvent(event)


class TriageScene(QGraphicsScene):
    """The matrix scene. Dragging a bubble shows what moving it would take (see `what_it_takes`)."""

    what_if = Signal(str, QPoint)  # rich text, screen position

    def __init__(self, doc: Document, parent: Any = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.bubbles: dict[str, Bubble] = {}
        self.labels: list[QGraphicsSimpleTextItem] = []
        self.selected: set[str] = set()
        self.frame: QGraphicsRectItem | None = None
        self._radii = np.zeros(0)  # bubble radii in portfolio order, kept by `refresh`
        self.setSceneRect(QRectF(-100, -80, SIZE + 140, SIZE + 180))  # room for the key and larger fonts
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)  # bubbles move on every re-rank
        self._take_colours()
        self._drag: tuple[str, QPointF] | None = None
        self._ghost: QGraphicsEllipseItem | None = None
        doc.changed.connect(self._on_changed)
        doc.selection_changed.connect(self._pull_selection)
        self.refresh()
        self._pull_selection(doc.selection())

    # --- static parts -------------------------------------------------------------------------------
    def event(self, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.FontChange):
            self._take_colours()
        return super().event(event)

    def _font(self, points: float, bold: bool = False) -> QFont:
        """`points` at the usual 9-point UI font, scaled with the application's (larger on a projector)."""
        font = QFont(self.font())
        font.setPointSizeF(points * self.font().pointSizeF() / 9)
        font.setBold(bold)
        return font

    def _take_colours(self) -> None:
        """Draw the frame, background and outlines in the colours of the scene's palette (and again, at
        the new size, when the application's font changes)."""
        self.colours = scheme(self.palette())
        self.setBackgroundBrush(QColor(self.colours.canvas))
        self.normal_pen = QPen(QColor(self.colours.outline), 1.2)
        self.selected_pen = QPen(QColor(self.colours.text), 3.5)
        if self.frame is not None:
            self.removeItem(self.frame)
        self._draw_frame()
        for pid, bubble in self.bubbles.items():
            bubble.setPen(self.selected_pen if pid in self.selected else self.normal_pen)
        if self.bubbles:
            self._place_thresholds()
            self._place_labels()

    def _draw_frame(self) -> None:
        """The plot area with its grid, ticks, axis names, threshold lines and quadrant names."""
        C = self.colours
        grid = QPen(QColor(C.grid), 1)
        self.frame = frame = QGraphicsRectItem(QRectF(0, 0, SIZE, SIZE))
        frame.setPen(QPen(QColor(C.frame), 1.5))
        frame.setBrush(QColor(C.plot))
        self.addItem(frame)
        font = self._font(10)

        def text(words: str, font: QFont, colour: str) -> QGraphicsSimpleTextItem:
            item = QGraphicsSimpleTextItem(words, frame)
            item.setFont(font)
            item.setBrush(QColor(colour))
            return item

        for tick in range(0, 101, 20):
            x = tick / 100 * SIZE
            if 0 < tick < 100:
                QGraphicsLineItem(x, 0, x, SIZE, frame).setPen(grid)
                QGraphicsLineItem(0, SIZE - x, SIZE, SIZE - x, frame).setPen(grid)
            t = text(str(tick), font, C.muted)
            t.setPos(x - t.boundingRect().width() / 2, SIZE + 6)
            t = text(str(tick), font, C.muted)
            t.setPos(-t.boundingRect().width() - 8, SIZE - x - t.boundingRect().height() / 2)
            widest_tick = t.boundingRect().width()  # "100", the last
        bold = self._font(12, bold=True)
        xl = text("Value →", bold, C.text)
        xl.setPos(SIZE / 2 - xl.boundingRect().width() / 2, SIZE + 30)
        self._below_axis = SIZE + 34 + xl.boundingRect().height()  # where the unlabelled-bubbles cue goes
        yl = text("Readiness →", bold, C.text)
        yl.setRotation(-90)
        yl.setPos(-16 - widest_tick - yl.boundingRect().height(), SIZE / 2 + yl.boundingRect().width() / 2)
        dash = QPen(QColor(C.line), 1.5, Qt.PenStyle.DashLine)
        self.value_line = QGraphicsLineItem(frame)
        self.value_line.setPen(dash)
        self.readiness_line = QGraphicsLineItem(frame)
        self.readiness_line.setPen(dash)
        for line in (self.value_line, self.readiness_line):
            line.setZValue(1)
        quad_font = self._font(13, bold=True)
        self.quadrants: list[QGraphicsSimpleTextItem] = []
        for words in (QUADRANTS.top_right, QUADRANTS.bottom_right, QUADRANTS.top_left, QUADRANTS.bottom_left):
            q = text(words, quad_font, C.watermark)
            q.setZValue(0.5)
            self.quadrants.append(q)
        self._draw_legend(font)

    def _draw_legend(self, font: QFont) -> None:
        """A key to the decision colours above the plot, and a cue for bubbles drawn without a name."""
        assert self.frame is not None
        x = 0.0
        for decision, label in DECISION_LABELS.items():
            dot = QGraphicsEllipseItem(QRectF(x, -62, 16, 16), self.frame)
            dot.setPen(self.normal_pen)
            dot.setBrush(BRUSHES[decision])
            dot.setToolTip(f"Decision: {label}")
            text = QGraphicsSimpleTextItem(label, self.frame)
            text.setFont(font)
            text.setBrush(QColor(self.colours.text))
            text.setPos(x + 22, -54 - text.boundingRect().height() / 2)
            x += 22 + text.boundingRect().width() + 26
        self.unlabelled = QGraphicsSimpleTextItem("", self.frame)  # bottom right, beside the axis title
        self.unlabelled.setFont(font)
        self.unlabelled.setBrush(QColor(self.colours.muted))

    def _place_thresholds(self) -> None:
        t = self.doc.weights().thresholds
        vx = t.get("value", 60) / 100 * SIZE
        ry = SIZE - t.get("readiness", 60) / 100 * SIZE
        self.value_line.setLine(vx, 0, vx, SIZE)
        self.readiness_line.setLine(0, ry, SIZE, ry)
        pad = 10.0
        top_right, bottom_right, top_left, bottom_left = self.quadrants
        top_right.setPos(SIZE - top_right.boundingRect().width() - pad, pad)
        bottom_right.setPos(SIZE - bottom_right.boundingRect().width() - pad, SIZE - 30)
        top_left.setPos(pad, pad)
        bottom_left.setPos(pad, SIZE - 30)

    # --- data -----------------------------------------------------------------------------------------
    def _on_changed(self, changes: Changes) -> None:
        if changes.scores:
            self.refresh()

    def refresh(self) -> None:
        """Bring every bubble, line and label up to date with the document's scores."""
        arrays = self.doc.arrays()
        pilots = self.doc.portfolio.pilots
        investments = np.array([p.financials.scale_investment for p in pilots], dtype=float)
        self._radii = R_MIN + (R_MAX - R_MIN) * np.sqrt(investments / (investments.max(initial=0.0) or 1.0))
        radii = self._radii.tolist()
        xs = (arrays.value / 100 * SIZE).tolist()
        ys = (SIZE - arrays.readiness / 100 * SIZE).tolist()
        bubbles = self.bubbles
        for i, pilot in enumerate(pilots):
            bubble = bubbles.get(pilot.id)
            if bubble is None:
                bubble = Bubble(self, pilot.id)
                bubble.setZValue(2)
                self.addItem(bubble)
                bubbles[pilot.id] = bubble
            r = radii[i]
            if bubble.radius != r:
                bubble.radius = r
                bubble.setRect(-r, -r, 2 * r, 2 * r)
            bubble.setPos(xs[i], ys[i])
            decision = arrays.decision[i]
            if bubble.decision is not decision:
                bubble.setBrush(BRUSHES[decision])
                bubble.decision = decision
        if len(bubbles) != len(pilots):
            alive = {p.id for p in pilots}
            for pid in [p for p in bubbles if p not in alive]:
                self.removeItem(bubbles.pop(pid))
                self.selected.discard(pid)
        self._place_thresholds()
        self._place_labels()

    def _place_labels(self) -> None:
        for label in self.labels:
            self.removeItem(label)
        self.labels = []
        taken: list[QRectF] = []
        scores = self.doc.scores()
        arrays = self.doc.arrays()
        font = self._font(9.5)
        pilots = self.doc.portfolio.pilots
        xs = arrays.value * (SIZE / 100)
        ys = SIZE - arrays.readiness * (SIZE / 100)
        by_x = np.argsort(xs, kind="stable")
        # x, y, radius of every bubble, sorted by x, so a strip around one bubble is a slice
        strip = np.column_stack((xs, ys, self._radii))[by_x]
        sorted_x = strip[:, 0].copy()
        slot = np.empty(len(by_x), dtype=int)
        slot[by_x] = np.arange(len(by_x))
        for pid in scores.ranking[: 3 * MAX_LABELS]:
            if len(self.labels) >= MAX_LABELS:
                break
            i = arrays.index.get(pid)
            if i is None or pid not in self.bubbles:
                continue
            label = QGraphicsSimpleTextItem(pilots[i].name)
            label.setFont(font)
            w, h = label.boundingRect().width(), label.boundingRect().height()
            x, y, r = strip[slot[i]].tolist()
            # only bubbles this near can touch a label box or come as close to it as its own bubble
            reach_x, reach_y = (
                w + 2 * (R_MAX + LABEL_GAP + LABEL_CLEAR),
                h + 2 * (R_MAX + LABEL_GAP + LABEL_CLEAR),
            )
            first, last = sorted_x.searchsorted((x - reach_x, x + reach_x)).tolist()
            near = np.abs(strip[first:last, 1] - y) <= reach_y
            near[slot[i] - first] = False  # not its own bubble
            box = label_box((x, y, r), (w, h), strip[first:last][near].T, taken)
            if box is not None:
                label.setPos(box.topLeft())
                label.setBrush(QColor(self.colours.text))
                label.setZValue(3)
                self.addItem(label)
                self.labels.append(label)
                taken.append(box)
        hidden = len(self.bubbles) - len(self.labels)
        self.unlabelled.setText(
            f"{hidden} bubble{'s' if hidden != 1 else ''} without a name: point at one to see its card"
            if hidden
            else ""
        )
        self.unlabelled.setPos(SIZE - self.unlabelled.boundingRect().width(), self._below_axis)

    def card(self, pilot_id: str) -> str:
        """The hover card: name, scores, decision and its reason."""
        pilot = self.doc.portfolio.pilot(pilot_id)
        s = self.doc.scores().pilots[pilot_id]
        money = formatting.money(pilot.financials.scale_investment, self.doc.portfolio.currency)
        return (
            f"<b>{_esc(pilot.name)}</b> ({pilot.id}) — rank {s.rank}<br>"
            f"Value {s.value:.0f} · Readiness {s.readiness:.0f} · Sponsorship {s.sponsorship:.0f}<br>"
            f"Decision: <b>{DECISION_LABELS[s.decision]}</b>{' (override)' if s.overridden else ''}<br>"
            f"{_esc(s.decision_reason)}<br>Scale investment {money} · gates {s.gates_passed}/{s.gates_total}"
        )

    # --- selection ------------------------------------------------------------------------------------
    def bubble_at(self, point: QPointF) -> Bubble | None:
        """The topmost bubble under a scene point, if any."""
        for item in self.items(point):
            if isinstance(item, Bubble):
                return item
        return None

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        bubble = self.bubble_at(event.scenePos())
        if bubble is None or event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        ids = list(self.doc.selection())
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            ids = (
                [i for i in ids if i != bubble.pilot_id]
                if bubble.pilot_id in ids
                else [*ids, bubble.pilot_id]
            )
        else:
            ids = [bubble.pilot_id]
        self.doc.select(ids)
        self._drag = (bubble.pilot_id, event.scenePos())
        event.accept()

    def mouseMoveEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self._drag is None:
            super().mouseMoveEvent(event)
            return
        pilot_id, start = self._drag
        if (event.scenePos() - start).manhattanLength() < DRAG_START:
            return
        bubble = self.bubbles[pilot_id]
        if self._ghost is None:
            self._ghost = self.addEllipse(
                bubble.rect(), QPen(QColor(self.colours.text), 2, Qt.PenStyle.DashLine)
            )
            self._ghost.setZValue(4)
        self._ghost.setPos(event.scenePos())
        value, readiness = from_scene(event.scenePos())
        self.what_if.emit(self.what_it_takes(pilot_id, value, readiness), event.screenPos())

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self._ghost is not None:
            self.removeItem(self._ghost)
            self._ghost = None
        if self._drag is not None:
            self._drag = None
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def what_it_takes(self, pilot_id: str, value: float, readiness: float) -> str:
        """What moving the pilot to (value, readiness) would take, in words: the gaps and the remedies.

        Dragging never rewrites ratings: a rating is a judgement against written anchors with its
        evidence, and scaling them all to fit a drop point would erase that. The drag asks instead.
        """
        s = self.doc.scores().pilots[pilot_id]
        dv, dr = value - s.value, readiness - s.readiness
        name = _esc(self.doc.portfolio.pilot(pilot_id).name)
        lines = [
            f"<b>{name}</b> to value {value:.0f}, readiness {readiness:.0f}:",
            f"value {dv:+.0f} points, readiness {dr:+.0f} points.",
        ]
        wanted = {"value"} if dv > 0 else set()
        if dr > 0:
            wanted.add("readiness")
        if wanted:
            exp = self.doc.explain(pilot_id)
            dimension = {c.id: c.dimension for c in self.doc.method.criteria}
            helpful = [r for r in exp.remedies if any(dimension.get(k) in wanted for k in r.lifts)]
            if helpful:
                lines.append("Remedies that lift those ratings, by expected uplift:")
                lines += [
                    f"• {_esc(r.name)} (+{r.uplift:.1f} composite, {r.weeks} weeks)" for r in helpful[:4]
                ]
            else:
                lines.append("No remedy in the method lifts those ratings; re-rate against the anchors.")
        return "<br>".join(lines)

    def _pull_selection(self, ids: tuple[str, ...]) -> None:
        wanted = set(ids)
        for pid in self.selected - wanted:
            bubble = self.bubbles.get(pid)
            if bubble is not None:
                bubble.setPen(self.normal_pen)
                bubble.setZValue(2)
        for pid in wanted - self.selected:
            bubble = self.bubbles.get(pid)
            if bubble is not None:
                bubble.setPen(self.selected_pen)
                bubble.setZValue(2.5)
        self.selected = wanted


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class TriageMatrix(QGraphicsView):
    """The matrix view: wheel zooms, drag on the background pans; 0, Home, a double-click on empty
    space or the "Fit all" button show the whole matrix again."""

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
        self._auto_fit = True
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
        """Show the whole matrix; it keeps fitting on resize until the user zooms."""
        self._auto_fit = True
        self.fitInView(self.matrix.sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)

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

    def wheelEvent(self, event: QWheelEvent) -> None:
        factor = 1.15 if event.angleDelta().y() > 0 else 1 / 1.15
        self._auto_fit = False
        if self.transform().m11() * factor >= self._fit_scale() * 0.9:
            self.scale(factor, factor)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_0, Qt.Key.Key_Home):
            self.fit()
            event.accept()
            return
        super().keyPressEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        if self.matrix.bubble_at(self.mapToScene(event.position().toPoint())) is None:
            self.fit()
            event.accept()
            return
        super().mouseDoubleClickEvent(event)
