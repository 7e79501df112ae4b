"""Vector charts for the pack (reportlab.graphics): plain data in, a `Drawing` of a given size out.

Every chart takes already-cleaned, drawable label text (see `fonts.TextKit.plain`) and the font
name to draw it with, so the charts never see markup and never guess at fonts. Geometry is kept in
small pure helpers (`scale`, `bubble_radius`, `place_labels`) that the tests check by hand.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.graphics.shapes import Circle, Drawing, Group, Line, Rect, String
from reportlab.lib.colors import Color, HexColor, white
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from planner.export.pdf.text import Pen, text_width
from planner.triage.labels import Quadrants

Box = tuple[float, float, float, float]  # x0, y0, x1, y1

GRID = HexColor("#D1D5DB")
INK = HexColor("#1F2933")
MUTED = HexColor("#6B7280")
BAND = HexColor("#F3F5F7")


def scale(value: float, lo: float, hi: float, out_lo: float, out_hi: float) -> float:
    """Linear map of `value` from [lo, hi] to [out_lo, out_hi]; values outside are clamped."""
    if hi == lo:
        return (out_lo + out_hi) / 2
    t = min(max((value - lo) / (hi - lo), 0.0), 1.0)
    return out_lo + t * (out_hi - out_lo)


def bubble_radius(amount: float, largest: float, r_min: float, r_max: float) -> float:
    """Radius whose *area* is proportional to `amount` (largest → r_max), never below r_min."""
    if largest <= 0 or amount <= 0:
        return r_min
    return max(r_min, r_max * math.sqrt(amount / largest))


def _overlaps(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


class _Taken:
    """Boxes already used, bucketed on a square grid: a new box is checked only against the boxes
    in the cells it touches, so placing n labels takes about linear time instead of n²."""

    CELL = 24.0

    def __init__(self) -> None:
        self._cells: dict[tuple[int, int], list[Box]] = {}

    def _keys(self, box: Box) -> list[tuple[int, int]]:
        c = self.CELL
        xs = range(math.floor(box[0] / c), math.floor(box[2] / c) + 1)
        ys = range(math.floor(box[1] / c), math.floor(box[3] / c) + 1)
        return [(i, j) for i in xs for j in ys]

    def add(self, box: Box) -> None:
        for key in self._keys(box):
            self._cells.setdefault(key, []).append(box)

    def overlaps(self, box: Box) -> bool:
        return any(_overlaps(box, t) for key in self._keys(box) for t in self._cells.get(key, ()))


def place_labels(
    anchors: Sequence[tuple[float, float, float]],
    sizes: Sequence[tuple[float, float]],
    area: Box,
    obstacles: Sequence[Box] = (),
) -> list[tuple[float, float] | None]:
    """Greedy label placement: for each anchor (x, y, r) a lower-left corner for a label of (w, h).

    Tries right, left, above and below the circle; a label is placed only where it stays inside
    `area` and overlaps neither an earlier label nor an obstacle, else None (the caller shows it
    another way). Guarantees no two placed labels overlap.
    """
    taken = _Taken()
    for obstacle in obstacles:
        taken.add(obstacle)
    result: list[tuple[float, float] | None] = []
    for (x, y, r), (w, h) in zip(anchors, sizes, strict=True):
        chosen: tuple[float, float] | None = None
        gap = 1.5
        for lx, ly in (
            (x + r + gap, y - h / 2),
            (x - r - gap - w, y - h / 2),
            (x - w / 2, y + r + gap),
            (x - w / 2, y - r - gap - h),
            (x + r * 0.7 + gap, y + r * 0.7),
            (x - r * 0.7 - gap - w, y - r * 0.7 - h),
        ):
            box = (lx, ly, lx + w, ly + h)
            inside = box[0] >= area[0] and box[1] >= area[1] and box[2] <= area[2] and box[3] <= area[3]
            if inside and not taken.overlaps(box):
                chosen = (lx, ly)
                taken.add(box)
                break
        result.append(chosen)
    return result


@dataclass(frozen=True, slots=True)
class Bubble:
    key: str  # short tag drawn beside the bubble (rank number)
    label: str  # longer label, drawn when there is room
    value: float  # 0–100 (x)
    readiness: float  # 0–100 (y)
    investment: float
    color: Color
    font: str


def triage_matrix(
    bubbles: Sequence[Bubble],
    value_threshold: float,
    readiness_threshold: float,
    quadrants: Quadrants,
    width: float,
    height: float,
    font: str,
    bold: str,
    names: bool,
) -> tuple[Drawing, list[str]]:
    """Value (x) × readiness (y) bubble chart, as in the app; area ∝ investment, colour = decision.

    Returns the drawing and the keys of bubbles whose label could not be placed legibly (the caller
    lists those).
    """
    d = Drawing(width, height)
    left, bottom, right, top = 34.0, 30.0, width - 8, height - 8
    d.add(Rect(left, bottom, right - left, top - bottom, fillColor=white, strokeColor=GRID, strokeWidth=0.6))
    tx = scale(value_threshold, 0, 100, left, right)
    ty = scale(readiness_threshold, 0, 100, bottom, top)
    d.add(Rect(tx, ty, right - tx, top - ty, fillColor=HexColor("#EEF6EE"), strokeColor=None))
    for v in range(0, 101, 20):
        x = scale(v, 0, 100, left, right)
        y = scale(v, 0, 100, bottom, top)
        d.add(Line(x, bottom, x, bottom - 3, strokeColor=MUTED, strokeWidth=0.5))
        d.add(String(x, bottom - 11, str(v), fontName=font, fontSize=7, fillColor=MUTED, textAnchor="middle"))
        d.add(Line(left - 3, y, left, y, strokeColor=MUTED, strokeWidth=0.5))
        d.add(String(left - 5, y - 2.5, str(v), fontName=font, fontSize=7, fillColor=MUTED, textAnchor="end"))
    dash = dict(strokeColor=MUTED, strokeWidth=0.8, strokeDashArray=[3, 2])
    d.add(Line(tx, bottom, tx, top, **dash))
    d.add(Line(left, ty, right, ty, **dash))
    d.add(
        String(
            (left + right) / 2,
            4,
            "Value (0–100)",
            fontName=font,
            fontSize=8,
            fillColor=INK,
            textAnchor="middle",
        )
    )
    axis = String(0, 0, "Readiness (0–100)", fontName=font, fontSize=8, fillColor=INK, textAnchor="middle")
    g = Group(axis)
    g.transform = (0, 1, -1, 0, 9, (bottom + top) / 2)
    d.add(g)
    qstyle = dict(fontName=bold, fontSize=8, fillColor=HexColor("#9AA5B1"))
    tl, tr, bl, br = quadrants
    quadrant_labels = [
        (left + 5, top - 11, tl, "start"),
        (right - 5, top - 11, tr, "end"),
        (left + 5, bottom + 5, bl, "start"),
        (right - 5, bottom + 5, br, "end"),
    ]
    obstacles: list[Box] = [
        (left, top - 14, left + 8 + stringWidth(tl, bold, 8), top),
        (right - 8 - stringWidth(tr, bold, 8), top - 14, right, top),
        (left, bottom, left + 8 + stringWidth(bl, bold, 8), bottom + 14),
        (right - 8 - stringWidth(br, bold, 8), bottom, right, bottom + 14),
    ]
    largest = max((b.investment for b in bubbles), default=0.0)
    side = min(right - left, top - bottom)
    # the bubbles together cover about a sixth of the plot whatever their number
    r_max = min(max(side * math.sqrt(0.15 / max(len(bubbles), 1)), 6.0), side / 9)
    order = sorted(range(len(bubbles)), key=lambda i: -bubbles[i].investment)  # big ones underneath
    anchors: list[tuple[float, float, float]] = []
    for i in range(len(bubbles)):
        b = bubbles[i]
        anchors.append(
            (
                scale(b.value, 0, 100, left, right),
                scale(b.readiness, 0, 100, bottom, top),
                bubble_radius(b.investment, largest, 2.5, r_max),
            )
        )
    for i in order:
        x, y, r = anchors[i]
        d.add(
            Circle(
                x,
                y,
                r,
                fillColor=Color(*bubbles[i].color.rgb(), alpha=0.55),
                strokeColor=bubbles[i].color,
                strokeWidth=0.8,
            )
        )
    veil = Color(1, 1, 1, alpha=0.75)
    for qx, qy, text, anchor in quadrant_labels:  # over the bubbles, so they stay readable
        w = stringWidth(text, bold, 8)
        x0 = qx if anchor == "start" else qx - w
        d.add(Rect(x0 - 2, qy - 2.5, w + 4, 11, fillColor=veil, strokeColor=None))
        d.add(String(qx, qy, text, textAnchor=anchor, **qstyle))
    texts = [f"{b.key} {b.label}" if names and b.label else b.key for b in bubbles]
    sizes = [(stringWidth(t, b.font, 7), 7.5) for t, b in zip(texts, bubbles, strict=True)]
    spots = place_labels(anchors, sizes, (left + 1, bottom + 1, right - 1, top - 1), obstacles)
    unplaced: list[str] = []
    for text, b, spot in zip(texts, bubbles, spots, strict=True):
        if spot is None:
            unplaced.append(b.key)
            continue
        d.add(String(spot[0], spot[1] + 1.5, text, fontName=b.font, fontSize=7, fillColor=INK))
    return d, unplaced


def legend(items: Sequence[tuple[str, Color]], width: float, font: str, size: float = 7.5) -> Drawing:
    """A one-row (wrapping) legend of coloured dots with labels."""
    x, y, rows = 0.0, 0.0, [[]]  # type: ignore[var-annotated]
    placed: list[tuple[float, int, str, Color]] = []
    for text, colour in items:
        w = 12 + stringWidth(text, font, size) + 12
        if x + w > width and x > 0:
            x = 0.0
            rows.append([])
        placed.append((x, len(rows) - 1, text, colour))
        x += w
    height = len(rows) * (size + 5)
    d = Drawing(width, height)
    for x, row, text, colour in placed:
        y = height - (row + 1) * (size + 5) + 3
        d.add(Circle(x + 4, y + size / 3, 3.5, fillColor=colour, strokeColor=None))
        d.add(String(x + 11, y, text, fontName=font, fontSize=size, fillColor=INK))
    return d


class ScoreBars(Flowable):
    """Horizontal 0–100 bars, one per (label, score, threshold or None, colour), threshold ticks marked.

    Drawn straight onto the canvas (one per pilot page, so it is kept cheap).
    """

    ROW = 17.0

    def __init__(
        self, bars: Sequence[tuple[str, float, float | None, Color]], width: float, font: str, bold: str
    ) -> None:
        super().__init__()
        self.bars, self.width, self.font, self.bold = bars, width, font, bold
        self.height = self.ROW * len(bars) + 14

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        return self.width, self.height

    def geometry(self) -> tuple[float, float]:
        """(x0, x1): where 0 and 100 fall."""
        label_w = max((stringWidth(lbl, self.font, 8) for lbl, *_ in self.bars), default=40) + 8
        return label_w, self.width - 30

    def draw(self) -> None:
        c = self.canv
        x0, x1 = self.geometry()
        top = self.height - 4
        pen = Pen(c)
        c.setStrokeColor(INK)
        c.setLineWidth(1)
        for i, (lbl, score, threshold, colour) in enumerate(self.bars):
            y = top - (i + 1) * self.ROW + 4
            pen.text(0, y + 3, lbl, self.font, 8, INK)
            c.setFillColor(BAND)
            c.rect(x0, y, x1 - x0, 10, stroke=0, fill=1)
            c.setFillColor(colour)
            c.rect(x0, y, scale(score, 0, 100, 0, x1 - x0), 10, stroke=0, fill=1)
            pen.text(x1 + 4, y + 2, f"{score:.0f}", self.bold, 8, INK)
            if threshold is not None:
                tx = scale(threshold, 0, 100, x0, x1)
                c.line(tx, y - 2, tx, y + 12)
        for v in (0, 50, 100):
            pen.text(
                scale(v, 0, 100, x0, x1) - text_width(str(v), self.font, 6.5) / 2,
                0,
                str(v),
                self.font,
                6.5,
                MUTED,
            )
        pen.close()


def stacked_bar(parts: Sequence[tuple[str, float, Color]], width: float, font: str) -> Drawing:
    """One horizontal bar split into parts proportional to their amounts. Each part is labelled inside
    with its text, or with its amount when the text is too wide for it, or not at all when neither fits."""
    d = Drawing(width, 22)
    total = sum(a for _, a, _ in parts)
    x = 0.0
    for text, amount, colour in parts:
        if amount <= 0 or total <= 0:
            continue
        w = width * amount / total
        d.add(Rect(x, 4, w, 16, fillColor=colour, strokeColor=white, strokeWidth=1))
        label = next((t for t in (text, f"{amount:g}") if stringWidth(t, font, 7.5) + 6 < w), None)
        if label is not None:
            d.add(
                String(
                    x + w / 2, 9.5, label, fontName=font, fontSize=7.5, fillColor=white, textAnchor="middle"
                )
            )
        x += w
    return d


def fit_text(text: str, font: str, size: float, width: float) -> str:
    """The text cut with an ellipsis so it fits `width` points."""
    if stringWidth(text, font, size) <= width:
        return text
    lo, hi = 0, len(text)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if stringWidth(text[:mid] + "…", font, size) <= width:
            lo = mid
        else:
            hi = mid - 1
    return text[:lo].rstrip() + "…"


def wrap_text(text: str, font: str, size: float, width: float, lines: int) -> list[str]:
    """The text broken at spaces into at most `lines` lines of `width` points; only the last line
    is cut with an ellipsis, and only when the text needs more lines than that."""
    if text_width(text, font, size) <= width:
        return [text]
    out: list[str] = []
    words = text.split()
    while words and len(out) < lines - 1:
        n = 1
        while n < len(words) and text_width(" ".join(words[: n + 1]), font, size) <= width:
            n += 1
        out.append(fit_text(" ".join(words[:n]), font, size, width))
        words = words[n:]
    if words:
        out.append(fit_text(" ".join(words), font, size, width))
    return out or [""]
