"""The triage matrix scene: value (x) against readiness (y), bubble area = scale investment, colour =
decision.

The scene only observes the document: it keeps one bubble per pilot id and moves, recolours, adds or
removes bubbles when `Document.changed` says scores changed. Threshold lines and quadrant titles
follow the thresholds in force.

Text keeps the size the application asks for on screen, whatever the zoom: the view tells the scene
its scale (`set_view_scale`) and the scene draws its words that much larger or smaller in scene units,
then makes its scene rectangle hold them. Names are placed by `ui.views.triage.matrix_labels`: the
selected pilots first, then by rank; on a matrix of up to `NAME_ALL` pilots every bubble gets its
name, on a leader line where no place beside it is free.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPen
from PySide6.QtWidgets import (
    QGraphicsEllipseItem,
    QGraphicsLineItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsSceneMouseEvent,
    QGraphicsSimpleTextItem,
)

from planner import formatting
from planner.triage.labels import QUADRANTS
from ui.document import Changes, Document
from ui.theme import DECISION_LABELS, scheme
from ui.views.triage.matrix_bubbles import BRUSHES, Bubble, BubbleLayer
from ui.views.triage.matrix_labels import SIZE
from ui.views.triage.matrix_names import R_MAX, MatrixNames

R_MIN = 7.0  # the smallest bubble's radius (the largest is R_MAX), in scene units
SMOOTH_LIMIT = 1500  # above this many bubbles, draw the names without antialiasing
DRAG_START = 8.0  # scene units the pointer must travel before a press becomes a drag


def to_scene(value: float, readiness: float) -> QPointF:
    """Scene position of a (value, readiness) pair; readiness grows upwards."""
    return QPointF(value / 100 * SIZE, SIZE - readiness / 100 * SIZE)


def from_scene(point: QPointF) -> tuple[float, float]:
    """(value, readiness) at a scene position, clamped to 0–100."""
    value = min(100.0, max(0.0, point.x() / SIZE * 100))
    readiness = min(100.0, max(0.0, (SIZE - point.y()) / SIZE * 100))
    return value, readiness


class TriageScene(QGraphicsScene):
    """The matrix scene. Dragging a bubble shows what moving it would take (see `what_it_takes`)."""

    what_if = Signal(str, QPoint)  # rich text, screen position

    def __init__(self, doc: Document, parent: Any = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.bubbles: dict[str, Bubble] = {}  # handles on the arrays below, by pilot id
        self.names = MatrixNames(self)
        self.selected: set[str] = set()
        self.frame: QGraphicsRectItem | None = None
        self.view_scale = 1.0  # screen pixels per scene unit, as the view last said
        # every bubble in portfolio order, kept by `refresh`: centre, radius, decision code, pilot id
        self.xs = self.ys = self.radii = np.zeros(0)
        self.codes = np.zeros(0, dtype=int)
        self.ids: tuple[str, ...] = ()
        self._sized: Any = None  # the pilots list the radii were worked out for
        self.index: dict[str, int] = {}
        self.setSceneRect(QRectF(-100, -80, SIZE + 140, SIZE + 180))
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)  # labels move on every re-rank
        self.layer: BubbleLayer | None = None
        self._take_colours()
        self.layer = BubbleLayer(self)
        self.addItem(self.layer)
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

    def px(self, pixels: float) -> float:
        """`pixels` on screen, in scene units at the view's scale."""
        return pixels / self.view_scale

    def _font(self, points: float, bold: bool = False) -> QFont:
        """`points` on screen at the usual 9-point UI font, scaled with the application's font (larger on
        a projector) and drawn in scene units at the view's scale."""
        font = QFont(self.font())
        font.setPointSizeF(points * self.font().pointSizeF() / 9 / self.view_scale)
        font.setBold(bold)
        return font

    def set_view_scale(self, scale: float, frame: bool = True) -> bool:
        """The view shows the scene at `scale`: redraw the words (and with `frame`, the frame and the
        scene rectangle) at their screen size. A change within 2 % is let go (words stay within 2 % of
        their size), so fitting settles; True when anything was redrawn."""
        if scale <= 0 or abs(scale - self.view_scale) <= 0.02 * self.view_scale:
            return False
        self.view_scale = scale
        if frame:
            self._take_colours()
        elif self.bubbles:
            self.names.place()
        return True

    def _take_colours(self) -> None:
        """Draw the frame, background and outlines in the colours of the scene's palette (and again, at
        the new size, when the application's font or the view's scale changes)."""
        self.colours = scheme(self.palette())
        self.setBackgroundBrush(QColor(self.colours.canvas))
        self.normal_pen = QPen(QColor(self.colours.outline), 1.2)
        self.selected_pen = QPen(QColor(self.colours.text), 3.5)
        if self.frame is not None:
            self.removeItem(self.frame)
        self._draw_frame()
        if self.layer is not None:
            self.layer.forget_sprites()
        if self.bubbles:
            self._place_thresholds()
            self.names.place()
        self._fit_rect()

    def _fit_rect(self) -> None:
        """The scene rectangle: the plot, its bubbles and every word around it, with a margin."""
        assert self.frame is not None
        cue_line = QRectF(0, self._below_axis, SIZE, self.unlabelled.font().pointSizeF() * 2)
        rect = (
            self.frame.mapRectToScene(self.frame.childrenBoundingRect())
            .united(QRectF(-R_MAX, -R_MAX, SIZE + 2 * R_MAX, SIZE + 2 * R_MAX))
            .united(cue_line)
        )
        pad = self.px(10)
        self.setSceneRect(rect.adjusted(-pad, -pad, pad, pad))

    def _text(self, words: str, font: QFont, colour: str) -> QGraphicsSimpleTextItem:
        item = QGraphicsSimpleTextItem(words, self.frame)
        item.setFont(font)
        item.setBrush(QColor(colour))
        return item

    def _draw_frame(self) -> None:
        """The plot area with its grid, ticks, axis names, threshold lines and quadrant names."""
        C, px = self.colours, self.px
        grid = QPen(QColor(C.grid), 1)
        self.frame = frame = QGraphicsRectItem(QRectF(0, 0, SIZE, SIZE))
        frame.setPen(QPen(QColor(C.frame), 1.5))
        frame.setBrush(QColor(C.plot))
        self.addItem(frame)
        font = self._font(9)
        widest_tick = 0.0
        for tick in range(0, 101, 20):
            x = tick / 100 * SIZE
            if 0 < tick < 100:
                QGraphicsLineItem(x, 0, x, SIZE, frame).setPen(grid)
                QGraphicsLineItem(0, SIZE - x, SIZE, SIZE - x, frame).setPen(grid)
            t = self._text(str(tick), font, C.muted)
            t.setPos(x - t.boundingRect().width() / 2, SIZE + px(4))
            tick_height = t.boundingRect().height()
            t = self._text(str(tick), font, C.muted)
            t.setPos(-t.boundingRect().width() - px(6), SIZE - x - t.boundingRect().height() / 2)
            widest_tick = max(widest_tick, t.boundingRect().width())
        bold = self._font(10, bold=True)
        xl = self._text("Value →", bold, C.text)
        xl.setPos(SIZE / 2 - xl.boundingRect().width() / 2, SIZE + px(6) + tick_height)
        self._below_axis = xl.pos().y() + xl.boundingRect().height()  # the unlabelled-bubbles cue, below
        yl = self._text("Readiness →", bold, C.text)
        yl.setRotation(-90)
        yl.setPos(
            -px(12) - widest_tick - yl.boundingRect().height(), SIZE / 2 + yl.boundingRect().width() / 2
        )
        dash = QPen(QColor(C.line), 1.5, Qt.PenStyle.DashLine)
        self.value_line = QGraphicsLineItem(frame)
        self.value_line.setPen(dash)
        self.readiness_line = QGraphicsLineItem(frame)
        self.readiness_line.setPen(dash)
        for line in (self.value_line, self.readiness_line):
            line.setZValue(1)
        quad_font = self._font(11, bold=True)
        self.quadrants: list[QGraphicsSimpleTextItem] = []
        for words in (QUADRANTS.top_right, QUADRANTS.bottom_right, QUADRANTS.top_left, QUADRANTS.bottom_left):
            q = self._text(words, quad_font, C.watermark)
            q.setZValue(0.5)
            self.quadrants.append(q)
        self._draw_legend(font)
        self.empty = self._text("", self._font(11), C.muted)  # what to do when there are no pilots

    def _draw_legend(self, font: QFont) -> None:
        """A key to the decision colours above the plot (in as many rows as the plot's width needs), and
        a cue for bubbles drawn without a name."""
        px = self.px
        dot, gap = px(12), px(18)
        entries = []
        for decision, label in DECISION_LABELS.items():
            text = self._text(label, font, self.colours.text)
            circle = QGraphicsEllipseItem(QRectF(0, 0, dot, dot), self.frame)
            circle.setPen(self.normal_pen)
            circle.setBrush(BRUSHES[decision])
            circle.setToolTip(f"Decision: {label}")
            entries.append((circle, text, dot + px(5) + text.boundingRect().width()))
        rows: list[list[tuple[QGraphicsEllipseItem, QGraphicsSimpleTextItem, float]]] = [[]]
        for entry in entries:
            used = sum(width + gap for *_, width in rows[-1])
            if rows[-1] and used + entry[2] > SIZE:
                rows.append([])
            rows[-1].append(entry)
        height = entries[0][1].boundingRect().height()
        for k, row in enumerate(rows):
            top = -px(10) - (len(rows) - k) * height
            x = 0.0
            for circle, text, width in row:
                circle.setPos(x, top + (height - dot) / 2)
                text.setPos(x + dot + px(5), top)
                x += width + gap
        self.unlabelled = self._text("", font, self.colours.muted)  # bottom right, below the axis title

    def _place_thresholds(self) -> None:
        t = self.doc.weights().thresholds
        vx = t.get("value", 60) / 100 * SIZE
        ry = SIZE - t.get("readiness", 60) / 100 * SIZE
        self.value_line.setLine(vx, 0, vx, SIZE)
        self.readiness_line.setLine(0, ry, SIZE, ry)
        pad = self.px(6)
        quadrants = (  # the four titles (top right, bottom right, top left, bottom left) and their areas
            QRectF(vx, 0, SIZE - vx, ry),
            QRectF(vx, ry, SIZE - vx, SIZE - ry),
            QRectF(0, 0, vx, ry),
            QRectF(0, ry, vx, SIZE - ry),
        )
        words = (QUADRANTS.top_right, QUADRANTS.bottom_right, QUADRANTS.top_left, QUADRANTS.bottom_left)
        for title, text, area in zip(self.quadrants, words, quadrants, strict=True):
            title.setText(_wrap(text, title.font(), area.width() - 2 * pad))
            self._corner(title, area.adjusted(pad, pad, -pad, -pad), outer_right=area.right() >= SIZE - 1)

    def _corner(self, title: QGraphicsSimpleTextItem, area: QRectF, outer_right: bool) -> None:
        """Put a quadrant's title in the corner of its quadrant that hides the fewest bubbles."""
        w, h = title.boundingRect().width(), title.boundingRect().height()
        lefts = (area.right() - w, area.left()) if outer_right else (area.left(), area.right() - w)
        spots = [QRectF(x, y, w, h) for y in (area.top(), area.bottom() - h) for x in lefts]
        xs, ys, radii = self.xs, self.ys, self.radii

        def hidden(box: QRectF) -> int:  # bubbles whose circle meets the box
            dx = np.maximum(np.maximum(box.left() - xs, xs - box.right()), 0.0)
            dy = np.maximum(np.maximum(box.top() - ys, ys - box.bottom()), 0.0)
            return int(np.count_nonzero(np.hypot(dx, dy) < radii))

        best = min(spots, key=hidden)  # the first (outer) corner wins a tie
        title.setPos(best.topLeft())

    # --- data -----------------------------------------------------------------------------------------
    def _on_changed(self, changes: Changes) -> None:
        if changes.scores:
            moving = changes.weights and not (changes.structure or changes.pilots or changes.all_pilots)
            self.refresh(names_later=moving)

    def refresh(self, names_later: bool = False) -> None:
        """Bring every bubble, line and label up to date with the document's scores.

        With `names_later` (a weight being dragged) the names ride along with their bubbles and are
        placed afresh once the weights rest for `NAMES_SETTLE_MS`."""
        pilots = self.doc.portfolio.pilots
        self.empty.setText(
            ""
            if pilots
            else "No pilots yet: Edit → Add pilot (Ctrl+Shift+N) or File → Import intake workbook"
        )
        self.empty.setPos(SIZE / 2 - self.empty.boundingRect().width() / 2, SIZE / 2)
        arrays = self.doc.arrays()
        if self._sized is not pilots:  # the money behind the bubbles' sizes changes with the pilots only
            investments = np.array([p.financials.scale_investment for p in pilots], dtype=float)
            top = investments.max(initial=0.0) or 1.0
            self.radii, self._sized = R_MIN + (R_MAX - R_MIN) * np.sqrt(investments / top), pilots
        self.xs, self.ys = arrays.value / 100 * SIZE, SIZE - arrays.readiness / 100 * SIZE
        self.codes = arrays.codes
        if self.ids != arrays.ids:  # pilots added, removed or reordered: new handles
            self.ids, self.index = arrays.ids, dict(arrays.index)
            self.bubbles = {pid: Bubble(self, pid, i) for i, pid in enumerate(self.ids)}
            self.selected &= set(self.ids)
        if self.layer is not None:
            self.layer.update()
        self._place_thresholds()
        self.names.update(later=names_later)

    @property
    def labels(self) -> list[QGraphicsSimpleTextItem]:
        """The names on the matrix (see `ui.views.triage.matrix_names`)."""
        return self.names.labels

    @property
    def leaders(self) -> list[QGraphicsLineItem]:
        return self.names.leaders

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
        return self.layer.hit(point) if self.layer is not None else None

    def nearest(self, pilot_id: str | None, dx: int, dy: int) -> str | None:
        """The pilot whose bubble is nearest `pilot_id`'s in the direction (dx, dy) (screen axes: dy = 1
        is down, towards lower readiness); the best-ranked pilot when none is selected."""
        if not self.bubbles:
            return None
        if pilot_id is None or pilot_id not in self.bubbles:
            return self.doc.scores().ranking[0]
        here = self.bubbles[pilot_id].pos()
        best, best_cost = None, float("inf")
        for pid, bubble in self.bubbles.items():
            d = bubble.pos() - here
            along = d.x() * dx + d.y() * dy
            across = abs(d.x() * dy) + abs(d.y() * dx)
            if pid == pilot_id or along <= 0 or across > 2 * along:  # ahead, within about 63° of the way
                continue
            cost = along + 2 * across
            if cost < best_cost:
                best, best_cost = pid, cost
        return best

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

    def mouseDoubleClickEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        bubble = self.bubble_at(event.scenePos())
        if bubble is not None:
            self.doc.select([bubble.pilot_id])
            self.doc.open_requested.emit(bubble.pilot_id)
            event.accept()
            return
        super().mouseDoubleClickEvent(event)

    def mouseMoveEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self._drag is None:
            super().mouseMoveEvent(event)
            return
        pilot_id, start = self._drag
        if (event.scenePos() - start).manhattanLength() < DRAG_START:
            return
        r = self.bubbles[pilot_id].radius
        if self._ghost is None:
            self._ghost = self.addEllipse(
                QRectF(-r, -r, 2 * r, 2 * r), QPen(QColor(self.colours.text), 2, Qt.PenStyle.DashLine)
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
        if wanted == self.selected:
            return
        self.selected = wanted & set(self.ids)
        if self.layer is not None:
            self.layer.update()
        if self.bubbles:
            self.names.place()  # the selected pilots are named first


def _wrap(text: str, font: QFont, width: float) -> str:
    """`text` broken into lines at spaces so that each fits `width` where a word allows."""
    metrics = QFontMetricsF(font)
    lines: list[str] = []
    for word in text.split():
        if lines and metrics.horizontalAdvance(f"{lines[-1]} {word}") <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return "\n".join(lines)


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
