"""A light table for short cells: rows of one or a few lines, drawn straight onto the canvas.

reportlab's `Table` is general (spans, wrapping cells, per-cell style commands) and pays for it on
every row; most of the pack's tables are rows of one-line text. `Grid` draws those directly, splits
across pages in time linear in its rows, and repeats its header on every page it spans.
A cell is plain text (lines split at "\n"; the row grows by one line step per extra line), or a
flowable (a Paragraph) for the rare text that needs a fallback font or shaping.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TypeAlias

from reportlab.lib.colors import Color, white
from reportlab.platypus import Flowable

from planner.export.pdf.text import Pen

Cell: TypeAlias = str | Flowable


@dataclass(frozen=True)
class GridStyle:
    """Colours and fonts of a grid."""

    font: str
    bold: str
    size: float
    text: Color
    header_bg: Color | None  # None: no header row
    band: Color | None
    rule: Color
    padding: float = 4.0


@dataclass
class GridSpec:
    widths: Sequence[float]
    row_height: float  # of a row whose cells are all one line
    style: GridStyle
    header: Sequence[str] | None = None
    right: frozenset[int] = frozenset()  # right-aligned columns
    bold_cols: frozenset[int] = frozenset()
    cell_colours: dict[tuple[int, int], Color] = field(default_factory=dict)  # (row, column) in `rows`
    bold_rows: frozenset[int] = frozenset()


def line_step(style: GridStyle) -> float:
    """Distance between the baselines of a multi-line cell."""
    return style.size * 1.2


class Grid(Flowable):
    """Rows of short cells; `first` is the index of rows[0] in the whole table (for colours)."""

    def __init__(self, rows: Sequence[Sequence[Cell]], spec: GridSpec, first: int = 0) -> None:
        super().__init__()
        self.rows = rows
        self.spec = spec
        self.first = first
        self.width = float(sum(spec.widths))
        step = line_step(spec.style)
        self.heights = [spec.row_height] * len(rows)
        for i, row in enumerate(rows):
            for c in row:
                if isinstance(c, str) and "\n" in c:
                    self.heights[i] = max(self.heights[i], spec.row_height + step * c.count("\n"))
        self.height = self._header_height() + sum(self.heights)

    def _header_height(self) -> float:
        return self.spec.row_height + 2 if self.spec.header is not None else 0.0

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        return self.width, self.height

    def split(self, aw: float, ah: float) -> list[Flowable]:
        room, fit = ah - self._header_height(), 0
        while fit < len(self.rows) and self.heights[fit] <= room:
            room -= self.heights[fit]
            fit += 1
        if fit < 1 or fit >= len(self.rows):
            return []
        return [
            Grid(self.rows[:fit], self.spec, self.first),
            Grid(self.rows[fit:], self.spec, self.first + fit),
        ]

    def draw(self) -> None:
        c = self.canv
        s = self.spec
        st = s.style
        pad = st.padding
        xs = [0.0]
        for w in s.widths:
            xs.append(xs[-1] + w)
        # backgrounds first, then every plain-text cell in one text object (far cheaper than one
        # drawString per cell), then the few flowable cells
        y = self.height
        lines: list[tuple[float, float, Sequence[Cell], int]] = []
        pen = Pen(c)

        def put(value: str, col: int, base: float, font: str, colour: Color) -> None:
            if col in s.right:
                pen.right(xs[col + 1] - pad, base, value, font, st.size, colour)
            else:
                pen.text(xs[col] + pad, base, value, font, st.size, colour)

        if s.header is not None and st.header_bg is not None:
            h = self._header_height()
            y -= h
            c.setFillColor(st.header_bg)
            c.rect(0, y, self.width, h, stroke=0, fill=1)
            base = y + (h - st.size) / 2 + 1
            for col, head in enumerate(s.header):
                if head:
                    put(head, col, base, st.bold, white)
        for i, row in enumerate(self.rows):
            index = self.first + i
            h = self.heights[i]
            y -= h
            if st.band is not None and index % 2 == 1:
                c.setFillColor(st.band)
                c.rect(0, y, self.width, h, stroke=0, fill=1)
            lines.append((y, h, row, index))
        paragraphs: list[tuple[Flowable, float, float, float, float]] = []
        step = line_step(st)
        for y, h, row, index in lines:
            for col, cell in enumerate(row):
                if isinstance(cell, Flowable):
                    paragraphs.append((cell, s.widths[col] - 2 * pad, xs[col] + pad, y, h))
                elif cell:
                    bold = col in s.bold_cols or index in s.bold_rows
                    parts = cell.split("\n")
                    # the cell's lines centred in the row, like a one-line cell in a one-line row
                    base = y + (h - st.size) / 2 + 1.2 + step * (len(parts) - 1) / 2
                    for k, part in enumerate(parts):
                        put(
                            part,
                            col,
                            base - k * step,
                            st.bold if bold else st.font,
                            s.cell_colours.get((index, col), st.text),
                        )
        pen.close()
        for para, width, x, y, h in paragraphs:
            _, ph = para.wrap(width, h)
            para.drawOn(c, x, y + (h - ph) / 2)
        c.setStrokeColor(st.rule)
        c.setLineWidth(0.5)
        c.line(0, 0, self.width, 0)
