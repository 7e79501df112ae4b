"""The triage matrix's names: which bubbles are named, where, and how names follow a weight drag.

Placed by `ui.views.triage.matrix_labels` for the selected pilots first, then by rank: on a matrix of up
to `NAME_ALL` pilots every bubble gets its name (on a leader line where no place beside it is free), on a
larger one the best-ranked `MAX_LABELS` that fit beside their bubbles. While a weight is being dragged
the names ride along with their bubbles and are placed afresh once the weights rest for
`NAMES_SETTLE_MS`, so a drag stays smooth on thousands of pilots.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from PySide6.QtCore import QPointF, QRectF, QTimer
from PySide6.QtGui import QColor, QFont, QPen
from PySide6.QtWidgets import QGraphicsLineItem, QGraphicsSimpleTextItem

from ui.views.triage.matrix_labels import LABEL_GAP, SIZE, label_box, leader_box, leader_line

MAX_LABELS = 40  # names placed beside their bubbles on a large matrix
NAME_ALL = 60  # up to this many pilots, every bubble is named (on a leader line where needed)
NAMES_SETTLE_MS = 150  # names are placed afresh this long after a weight stops moving
R_MAX = 34.0  # the largest bubble's radius, in scene units (as the scene draws them)


class MatrixNames:
    """The names of one `TriageScene` (`scene.labels`, `scene.leaders`)."""

    def __init__(self, scene: Any) -> None:
        self.scene = scene
        self.labels: list[QGraphicsSimpleTextItem] = []
        self.leaders: list[QGraphicsLineItem] = []
        self.named: list[Any] = []  # (pilot id, label, offset from its bubble, leader or None)
        self._placed_for: tuple[str, ...] | None = None  # the pilots the names were last placed for
        self._sizes_font = QFont()
        self._sizes: dict[str, tuple[float, float]] = {}
        self._timer = QTimer(scene)
        self._timer.setSingleShot(True)
        self._timer.setInterval(NAMES_SETTLE_MS)
        self._timer.timeout.connect(self.place)

    def update(self, later: bool = False) -> None:
        """Place the names now, or (`later`, a weight being dragged) move them with their bubbles and
        place them once the weights rest."""
        if later and self._placed_for == self.scene.ids:  # names placed for these pilots: they follow
            self.follow()
            self._timer.start()
        else:
            self.place()

    def follow(self) -> None:
        """Move each name and leader line with its bubble (cheap; placed afresh once the drag rests)."""
        s = self.scene
        for pid, label, (dx, dy), leader in self.named:
            i = s.index.get(pid)
            if i is None:
                continue
            x, y = float(s.xs[i]), float(s.ys[i])
            label.setPos(x + dx, y + dy)
            if leader is not None:
                start, end = leader[0]
                leader[1].setLine(x + start[0], y + start[1], x + end[0], y + end[1])

    def _size(self, name: str, font: QFont) -> tuple[float, float]:
        """A name's box in the names' font (measured once per name and font)."""
        if self._sizes_font != font:
            self._sizes_font, self._sizes = QFont(font), {}
        size = self._sizes.get(name)
        if size is None:
            box = QGraphicsSimpleTextItem(name)
            box.setFont(font)
            size = self._sizes[name] = (box.boundingRect().width(), box.boundingRect().height())
        return size

    def place(self) -> None:
        """Names for the selected pilots first, then by rank (see the module docstring)."""
        s = self.scene
        self._timer.stop()
        self._placed_for = s.ids
        for item in [*self.labels, *self.leaders]:
            s.removeItem(item)
        self.labels, self.leaders, self.named = [], [], []
        arrays = s.doc.arrays()
        pilots = s.doc.portfolio.pilots
        taken = [q.sceneBoundingRect() for q in s.quadrants]
        name_all = len(pilots) <= NAME_ALL
        font = s._font(9)
        xs = arrays.value * (SIZE / 100)
        ys = SIZE - arrays.readiness * (SIZE / 100)
        everything = np.vstack((xs, ys, s.radii)) if len(pilots) else np.empty((3, 0))
        by_x = np.argsort(xs, kind="stable")
        # x, y, radius of every bubble, sorted by x, so a strip around one bubble is a slice
        strip = np.column_stack((xs, ys, s.radii))[by_x]
        sorted_x = strip[:, 0].copy()
        slot = np.empty(len(by_x), dtype=int)
        slot[by_x] = np.arange(len(by_x))
        ranking = s.doc.scores().ranking
        order = [p for p in ranking if p in s.selected] + list(
            ranking if name_all else ranking[: 3 * MAX_LABELS]
        )
        placed: set[str] = set()
        segments: list[tuple[QPointF, QPointF]] = []
        for pid in order:
            chosen = pid in s.selected
            if pid in placed or (not chosen and not name_all and len(self.labels) >= MAX_LABELS):
                continue
            i = arrays.index.get(pid)
            if i is None or pid not in s.bubbles:
                continue
            w, h = self._size(pilots[i].name, font)
            x, y, r = strip[slot[i]].tolist()
            # only bubbles this near can touch a label box or come as close to it as its own bubble
            reach_x, reach_y = w + 2 * (2 * R_MAX + 2 * LABEL_GAP), h + 2 * (2 * R_MAX + 2 * LABEL_GAP)
            first, last = sorted_x.searchsorted((x - reach_x, x + reach_x)).tolist()
            near = np.abs(strip[first:last, 1] - y) <= reach_y
            near[slot[i] - first] = False  # not its own bubble
            box = label_box((x, y, r), (w, h), strip[first:last][near].T, taken)
            leader = None
            if box is None and (name_all or chosen):
                box = leader_box((x, y, r), (w, h), everything, taken, segments)
                if box is None and chosen:  # the selected pilot is always named, on top if need be
                    box = QRectF(min(x + r + LABEL_GAP, SIZE - w), y - h / 2, w, h)
                if box is not None:
                    leader = leader_line((x, y, r), box)
            if box is None:
                continue
            label = QGraphicsSimpleTextItem(pilots[i].name)
            label.setFont(font)
            label.setPos(box.topLeft())
            label.setBrush(QColor(s.colours.text))
            label.setZValue(3.5 if chosen else 3)
            s.addItem(label)
            self.labels.append(label)
            taken.append(box)
            placed.add(pid)
            ride = None  # how the leader sits relative to the bubble, to follow it during a drag
            if leader is not None:
                segments.append(leader)
                line = QGraphicsLineItem(leader[0].x(), leader[0].y(), leader[1].x(), leader[1].y())
                line.setPen(QPen(QColor(s.colours.muted), 1))
                line.setZValue(1.5)
                s.addItem(line)
                self.leaders.append(line)
                ends = ((leader[0].x() - x, leader[0].y() - y), (leader[1].x() - x, leader[1].y() - y))
                ride = (ends, line)
            self.named.append((pid, label, (box.left() - x, box.top() - y), ride))
        hidden = len(s.bubbles) - len(self.labels)
        s.unlabelled.setText(
            f"{hidden} bubble{'s' if hidden != 1 else ''} without a name: point at one to see its card"
            if hidden
            else ""
        )
        s.unlabelled.setPos(SIZE - s.unlabelled.boundingRect().width(), s._below_axis)
