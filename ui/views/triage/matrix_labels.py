"""Where the triage matrix writes each pilot's name, in scene units (the plot is `SIZE` wide and high).

A name goes beside its bubble when one of the four places there is free and unambiguous
(`label_box`). Otherwise, on a matrix small enough to name every bubble, it goes farther out, on the
nearest free spot in one of sixteen directions, and a leader line joins it to its bubble
(`leader_box`). A name never covers a bubble, another name or a reserved box (the quadrant titles),
and never leaves the plot.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np
from PySide6.QtCore import QPointF, QRectF

SIZE = 1000.0  # scene units for 100 points on either axis
LABEL_GAP = 4.0  # scene units between a bubble and its label
LABEL_CLEAR = 4.0  # every other bubble is at least this much farther from a label than its own bubble
LEADER_STEP = 10.0  # scene units between the rings of places tried for a name on a leader line
LEADER_REACH = 320.0  # farthest a name on a leader line sits from its bubble's edge
DIRECTIONS = 16


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


def _unit_vectors() -> np.ndarray:
    # right, left, up, down first, then the diagonals and the rest: the nearest ring wins, ties go in
    # this order
    order = [0, 8, 12, 4, 14, 2, 10, 6, 15, 1, 9, 7, 13, 3, 11, 5]
    angles = [2 * math.pi * k / DIRECTIONS for k in order]
    return np.array([[math.cos(a), math.sin(a)] for a in angles])


UNITS = _unit_vectors()


def leader_box(
    bubble: tuple[float, float, float],
    size: tuple[float, float],
    bubbles: Any,
    taken: list[QRectF],
    leaders: Sequence[tuple[QPointF, QPointF]] = (),
) -> QRectF | None:
    """The nearest free place for a label of `size` away from `bubble`, for a leader line; None when
    none lies within `LEADER_REACH`.

    Free: inside the plot, `LABEL_GAP` clear of every bubble in `bubbles` (rows: x, y, radius arrays,
    its own included) and of every box in `taken`. The nearest place whose leader crosses no other
    leader and no label, and whose box no leader crosses, wins; failing one, the nearest free place.
    """
    x, y, r = bubble
    w, h = size
    bx, by, brad = bubbles
    boxes = np.array([[o.left(), o.top(), o.right(), o.bottom()] for o in taken]).reshape(-1, 4)
    lines = np.array([[a.x(), a.y(), b.x(), b.y()] for a, b in leaders]).reshape(-1, 4)
    # the distance from a box's centre to its edge along each direction (the rectangle's support)
    reach = np.abs(UNITS[:, 0]) * w / 2 + np.abs(UNITS[:, 1]) * h / 2
    distance = r + 2 * LABEL_GAP
    fallback: QRectF | None = None
    while distance <= r + LEADER_REACH:
        cx = x + UNITS[:, 0] * (distance + reach)
        cy = y + UNITS[:, 1] * (distance + reach)
        left, top = cx - w / 2, cy - h / 2
        inside = (left >= 0) & (left + w <= SIZE) & (top >= 0) & (top + h <= SIZE)
        dx = np.maximum(np.maximum(left[:, None] - bx, bx - (left[:, None] + w)), 0.0)
        dy = np.maximum(np.maximum(top[:, None] - by, by - (top[:, None] + h)), 0.0)
        off_bubbles = (np.hypot(dx, dy) - brad > LABEL_GAP).all(axis=1)
        off_boxes = ~_overlaps(left, top, w, h, boxes, LABEL_GAP)
        free = inside & off_bubbles & off_boxes
        if free.any():
            tidy = free & ~_crossings((x, y, r), left, top, w, h, boxes, lines)
            if tidy.any():
                return _box(left, top, w, h, int(np.flatnonzero(tidy)[0]))
            if fallback is None:
                fallback = _box(left, top, w, h, int(np.flatnonzero(free)[0]))
        distance += LEADER_STEP
    return fallback


def _box(left: np.ndarray, top: np.ndarray, w: float, h: float, k: int) -> QRectF:
    return QRectF(float(left[k]), float(top[k]), w, h)


def _overlaps(left: np.ndarray, top: np.ndarray, w: float, h: float, boxes: np.ndarray, gap: float) -> Any:
    """For each candidate box (left, top, w, h): does it come within `gap` of any of `boxes`?"""
    return (
        (left[:, None] < boxes[:, 2] + gap)
        & (left[:, None] + w > boxes[:, 0] - gap)
        & (top[:, None] < boxes[:, 3] + gap)
        & (top[:, None] + h > boxes[:, 1] - gap)
    ).any(axis=1)


def _crossings(
    bubble: tuple[float, float, float],
    left: np.ndarray,
    top: np.ndarray,
    w: float,
    h: float,
    boxes: np.ndarray,
    lines: np.ndarray,
) -> Any:
    """For each candidate box: would its leader cross another leader or a label, or another leader
    cross the box? Segments are checked at a few points along them, enough at label scale."""
    x, y, r = bubble
    nx = np.clip(x, left, left + w)
    ny = np.clip(y, top, top + h)
    length = np.maximum(np.hypot(nx - x, ny - y), 1e-9)
    sx, sy = x + (nx - x) / length * r, y + (ny - y) / length * r
    t = np.linspace(0.05, 0.95, 9)
    px = sx[:, None] + (nx - sx)[:, None] * t  # candidates × samples
    py = sy[:, None] + (ny - sy)[:, None] * t
    through_label = (
        (px[:, :, None] > boxes[:, 0])
        & (px[:, :, None] < boxes[:, 2])
        & (py[:, :, None] > boxes[:, 1])
        & (py[:, :, None] < boxes[:, 3])
    ).any(axis=(1, 2))
    if not len(lines):
        return through_label
    ax, ay, bx2, by2 = lines.T
    crosses = _segments_cross(sx[:, None], sy[:, None], nx[:, None], ny[:, None], ax, ay, bx2, by2).any(
        axis=1
    )
    lx = ax[:, None] + (bx2 - ax)[:, None] * t  # leaders × samples
    ly = ay[:, None] + (by2 - ay)[:, None] * t
    covers = (
        (lx[None] > left[:, None, None])
        & (lx[None] < (left + w)[:, None, None])
        & (ly[None] > top[:, None, None])
        & (ly[None] < (top + h)[:, None, None])
    ).any(axis=(1, 2))
    return through_label | crosses | covers


def _segments_cross(ax: Any, ay: Any, bx: Any, by: Any, cx: Any, cy: Any, dx: Any, dy: Any) -> Any:
    """Do segments AB and CD cross (strictly, by orientation tests), element-wise."""

    def side(px: Any, py: Any, qx: Any, qy: Any, rx: Any, ry: Any) -> Any:
        return np.sign((qx - px) * (ry - py) - (qy - py) * (rx - px))

    return (side(ax, ay, bx, by, cx, cy) * side(ax, ay, bx, by, dx, dy) < 0) & (
        side(cx, cy, dx, dy, ax, ay) * side(cx, cy, dx, dy, bx, by) < 0
    )


def leader_line(bubble: tuple[float, float, float], box: QRectF) -> tuple[QPointF, QPointF]:
    """From the bubble's edge towards the box to the box's point nearest the bubble's centre."""
    x, y, r = bubble
    near = QPointF(min(max(x, box.left()), box.right()), min(max(y, box.top()), box.bottom()))
    length = math.hypot(near.x() - x, near.y() - y) or 1.0
    start = QPointF(x + (near.x() - x) / length * r, y + (near.y() - y) / length * r)
    return start, near
