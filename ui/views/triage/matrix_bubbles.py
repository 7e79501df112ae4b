"""The triage matrix's bubbles, drawn by one item from the scene's arrays.

A graphics item per pilot makes Qt walk, re-index and paint thousands of items on every re-rank; one
layer that paints every bubble from the score arrays (centres, radii, decisions), each as a small
pre-rendered sprite at the view's scale, repaints 5,000 pilots in a few milliseconds. `Bubble` is a
handle on one pilot's entry of those arrays (position, radius, pen) for the scene's code and tests;
`BubbleLayer.hit` finds the bubble under a point, and its tooltip is the pilot's card.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QGraphicsItem, QGraphicsSceneHoverEvent, QStyleOptionGraphicsItem, QWidget

from planner.model import Decision
from planner.triage.labels import DECISION_HUES

DECISIONS = tuple(Decision)


def _brush(decision: Decision) -> QBrush:
    color = QColor(DECISION_HUES[decision])
    color.setAlpha(200)
    return QBrush(color)


BRUSHES = {d: _brush(d) for d in Decision}


class Bubble:
    """One pilot's bubble: a handle on entry `index` of the scene's arrays (they move with the scores)."""

    __slots__ = ("index", "pilot_id", "scene")

    def __init__(self, scene: Any, pilot_id: str, index: int) -> None:
        self.scene, self.pilot_id, self.index = scene, pilot_id, index

    def pos(self) -> QPointF:
        return QPointF(float(self.scene.xs[self.index]), float(self.scene.ys[self.index]))

    def setPos(self, x: float, y: float) -> None:
        """Draw the bubble at (x, y) until the scores move it again."""
        self.scene.xs[self.index], self.scene.ys[self.index] = x, y
        self.scene.layer.update()

    @property
    def radius(self) -> float:
        return float(self.scene.radii[self.index])

    @property
    def decision(self) -> Decision:
        return DECISIONS[int(self.scene.codes[self.index])]

    def scene_rect(self) -> QRectF:
        """The bubble's circle in scene coordinates (its centre is the pilot's value/readiness)."""
        c, r = self.pos(), self.radius
        return QRectF(c.x() - r, c.y() - r, 2 * r, 2 * r)

    def pen(self) -> QPen:
        return self.scene.selected_pen if self.pilot_id in self.scene.selected else self.scene.normal_pen


class BubbleLayer(QGraphicsItem):
    """Every bubble of the scene, painted from its arrays; see the module docstring."""

    def __init__(self, scene: Any) -> None:
        super().__init__()
        self.matrix = scene
        self.sprites: dict[tuple[int, int, bool], QPixmap] = {}
        self.setAcceptHoverEvents(True)
        self.setZValue(2)

    def boundingRect(self) -> QRectF:
        return QRectF(-60, -60, 1120, 1120)  # the plot and the largest bubble beyond its edge

    def forget_sprites(self) -> None:
        """The colours or pens changed: draw the sprites again."""
        self.sprites.clear()
        self.update()

    def _sprite(self, code: int, radius: int, selected: bool, ratio: float) -> QPixmap:
        key = (code, radius, selected)
        sprite = self.sprites.get(key)
        if sprite is None:
            pen = QPen(self.matrix.selected_pen if selected else self.matrix.normal_pen)
            width = pen.widthF()
            side = 2 * radius + int(width) + 4
            sprite = QPixmap(round(side * ratio), round(side * ratio))
            sprite.setDevicePixelRatio(ratio)
            sprite.fill(Qt.GlobalColor.transparent)
            painter = QPainter(sprite)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(pen)
            painter.setBrush(BRUSHES[DECISIONS[code]])
            painter.drawEllipse(QPointF(side / 2, side / 2), radius, radius)
            painter.end()
            if len(self.sprites) > 4000:  # a long zoom session: start afresh
                self.sprites.clear()
            self.sprites[key] = sprite
        return sprite

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        scene = self.matrix
        if not len(scene.xs):
            return
        t = painter.worldTransform()
        px = scene.xs * t.m11() + t.dx()
        py = scene.ys * t.m22() + t.dy()
        pr = np.maximum(1, np.rint(scene.radii * t.m11())).astype(int)
        room = painter.viewport() if widget is None else widget.rect()
        seen = (
            (px + pr >= room.left())
            & (px - pr <= room.right())
            & (py + pr >= room.top())
            & (py - pr <= room.bottom())
        )
        selected = np.zeros(len(px), dtype=bool)
        for pid in scene.selected:
            i = scene.index.get(pid)
            if i is not None:
                selected[i] = True
        ratio = painter.device().devicePixelRatioF() if painter.device() is not None else 1.0
        painter.save()
        painter.resetTransform()
        for chosen in (False, True):  # the selected on top
            for i in np.flatnonzero(seen & (selected == chosen)).tolist():
                sprite = self._sprite(int(scene.codes[i]), int(pr[i]), chosen, ratio)
                half = sprite.width() / ratio / 2
                painter.drawPixmap(QPointF(px[i] - half, py[i] - half), sprite)
        painter.restore()

    def hit(self, point: QPointF) -> Bubble | None:
        """The bubble under a scene point (a selected one first, then the last drawn)."""
        scene = self.matrix
        if not len(scene.xs):
            return None
        inside = np.flatnonzero(np.hypot(scene.xs - point.x(), scene.ys - point.y()) <= scene.radii)
        if not len(inside):
            return None
        ids = scene.ids
        chosen = [i for i in inside.tolist() if ids[i] in scene.selected]
        i = chosen[-1] if chosen else int(inside[-1])
        return scene.bubbles.get(ids[i])

    def tip_at(self, point: QPointF) -> str:
        """The card of the pilot under a scene point, or "" between bubbles."""
        bubble = self.hit(point)
        return self.matrix.card(bubble.pilot_id) if bubble is not None else ""

    def hoverMoveEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        self.setToolTip(self.tip_at(event.pos()))
        super().hoverMoveEvent(event)
