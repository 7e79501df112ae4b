"""Plan and graph charts for the pack: the rollout Gantt, the layered dependency map, the stakeholder grid.

Like `charts`, plain data in and a reportlab `Drawing` out; labels arrive already drawable (see
`fonts.TextKit.plain`), with the font to draw them in.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import pairwise

from reportlab.graphics.shapes import Circle, Drawing, Group, Line, Path, Rect, String
from reportlab.lib.colors import Color, HexColor, white

from planner.export.pdf.charts import BAND, GRID, INK, MUTED, fit_text, wrap_text


@dataclass(frozen=True, slots=True)
class GanttBar:
    start: date
    end: date
    color: Color
    label: str = ""


@dataclass(frozen=True, slots=True)
class GanttRow:
    label: str
    font: str
    bars: tuple[GanttBar, ...]
    gates: tuple[date, ...] = ()


def month_starts(start: date, end: date) -> list[date]:
    """First days of every month that begins within [start, end]."""
    out: list[date] = []
    d = date(start.year, start.month, 1)
    if d < start:
        d = date(d.year + (d.month == 12), d.month % 12 + 1, 1)
    while d <= end:
        out.append(d)
        d = date(d.year + (d.month == 12), d.month % 12 + 1, 1)
    return out


def _boxes(
    boxes: Sequence[tuple[float, float, float, float]], fill: Color, stroke: Color | None = None
) -> Path:
    """Rectangles (x, y, width, height) as one path in one fill (and a 0.4-point stroke when given)."""
    path = Path(fillColor=fill, strokeColor=stroke, strokeWidth=0.4)
    for x, y, w, h in boxes:
        path.moveTo(x, y)
        path.lineTo(x + w, y)
        path.lineTo(x + w, y + h)
        path.lineTo(x, y + h)
        path.closePath()
    return path


def gantt(
    rows: Sequence[GanttRow],
    start: date,
    end: date,
    today: date | None,
    width: float,
    font: str,
    label_width: float = 130,
) -> Drawing:
    """A Gantt window [start, end]: bars clipped to the window, month grid, gate diamonds, today line."""
    row_h = 14.0
    head = 16.0
    d = Drawing(width, head + row_h * len(rows) + 4)
    x0, x1 = label_width, width
    days = max((end - start).days, 1)

    def xof(day: date) -> float:
        return x0 + (x1 - x0) * min(max((day - start).days, 0), days) / days

    top = d.height - head
    # shapes of one look share one path: a drawing node each would cost more than the drawing itself
    if rows:
        d.add(_boxes([(0, top - (i + 1) * row_h, width, row_h) for i in range(0, len(rows), 2)], BAND))
    months = month_starts(start, end)
    grid = Path(strokeColor=GRID, strokeWidth=0.5, fillColor=None)
    for m in months:
        x = xof(m)
        grid.moveTo(x, 0)
        grid.lineTo(x, top + 2)
        text = m.strftime("%b %Y") if m.month == 1 or m == months[0] else m.strftime("%b")
        d.add(String(x + 2, top + 4, text, fontName=font, fontSize=6.5, fillColor=MUTED))
    if months:
        d.add(grid)
    bars: dict[tuple[float, float, float], tuple[Color, list[tuple[float, float, float, float]]]] = {}
    gates = Path(fillColor=INK, strokeColor=white, strokeWidth=0.4)
    for i, row in enumerate(rows):
        y = top - (i + 1) * row_h
        d.add(String(3, y + 4, row.label, fontName=row.font, fontSize=7, fillColor=INK))
        for bar in row.bars:
            if bar.end < start or bar.start > end:
                continue
            bx0, bx1 = xof(bar.start), xof(bar.end + timedelta(days=1))
            box = (bx0, y + 3, max(bx1 - bx0, 1.2), row_h - 6)
            bars.setdefault(bar.color.rgb(), (bar.color, []))[1].append(box)
        for gate in row.gates:
            if start <= gate <= end:
                gx, gy = xof(gate), y + row_h / 2
                gates.moveTo(gx, gy - 3.5)
                for px, py in ((gx + 3.5, gy), (gx, gy + 3.5), (gx - 3.5, gy)):
                    gates.lineTo(px, py)
                gates.closePath()
    for colour, boxes in bars.values():
        d.add(_boxes(boxes, colour, stroke=white))
    if gates.points:
        d.add(gates)
    if today is not None and start <= today <= end:
        tx = xof(today)
        d.add(Line(tx, 0, tx, top + 2, strokeColor=HexColor("#C62828"), strokeWidth=1.1))
        d.add(
            String(
                tx + 2,
                2,
                "today",
                fontName=font,
                fontSize=6.5,
                fillColor=HexColor("#C62828"),
            )
        )
    return d


@dataclass(frozen=True, slots=True)
class MapNode:
    key: str
    label: str
    font: str
    column: int
    fill: Color
    emphasis: bool = False  # drawn with a heavy border (critical enabler)


_LANE = "\0"  # prefix of the lanes a long edge takes through the columns it crosses


def order_columns(columns: Sequence[Sequence[str]], links: Sequence[tuple[str, str]]) -> list[list[str]]:
    """The items of each column reordered to cut edge crossings (a few barycentre sweeps).

    `links` join an item to one in the next column. Each item moves towards the mean position of
    its neighbours in the column just swept; ties keep their order, so the result is deterministic.
    """
    order = [list(c) for c in columns]
    preds: dict[str, list[str]] = {}
    succs: dict[str, list[str]] = {}
    for a, b in links:
        succs.setdefault(a, []).append(b)
        preds.setdefault(b, []).append(a)

    def sweep(c: int, ref: list[str], near: dict[str, list[str]]) -> None:
        at = {k: i for i, k in enumerate(ref)}
        here = {k: i for i, k in enumerate(order[c])}

        def centre(k: str) -> float:
            spots = [at[m] for m in near.get(k, ()) if m in at]
            return sum(spots) / len(spots) if spots else here[k] * len(ref) / max(len(here), 1)

        order[c].sort(key=centre)

    for _ in range(4):
        for c in range(1, len(order)):
            sweep(c, order[c - 1], preds)
        for c in range(len(order) - 2, -1, -1):
            sweep(c, order[c + 1], succs)
    return order


def layered_map(
    nodes: Sequence[MapNode],
    edges: Sequence[tuple[str, str]],
    width: float,
    column_titles: Sequence[str],
    font: str,
) -> Drawing:
    """Nodes in columns (waves) left to right, edges as arrows from prerequisite to dependant.

    An edge that skips columns passes through a free lane in each column it crosses, so no edge runs
    through a box; edges leave and enter a box at their own point (one arrowhead each), ordered so
    that fans do not cross at the box. Labels too long for a box wrap to a second line.
    """
    by_key = {n.key: n for n in nodes}
    columns = max((n.column for n in nodes), default=0) + 1
    col_w = width / max(columns, 1)
    box_w = min(col_w - 34, 160)
    size, lane_h, gap_y, head = 7.0, 4.0, 5.0, 18.0
    chains: list[list[str]] = []
    stacks: list[list[str]] = [[] for _ in range(columns)]
    for n in nodes:
        stacks[n.column].append(n.key)
    for i, (a, b) in enumerate(edges):
        if a not in by_key or b not in by_key:
            continue
        ca, cb = by_key[a].column, by_key[b].column
        lanes = [f"{_LANE}{i}:{c}" for c in range(ca + 1, cb)]
        for lane, c in zip(lanes, range(ca + 1, cb), strict=True):
            stacks[c].append(lane)
        chains.append([a, *lanes, b])
    links = [(u, v) for chain in chains for u, v in pairwise(chain)]
    stacks = order_columns(stacks, links)
    ins: dict[str, int] = {}
    outs: dict[str, int] = {}
    for u, v in links:
        outs[u] = outs.get(u, 0) + 1
        ins[v] = ins.get(v, 0) + 1
    lines = {n.key: wrap_text(n.label, n.font, size, box_w - 6, 2) for n in nodes}
    heights = {
        k: lane_h
        if k.startswith(_LANE)
        else max(6 + 8 * len(lines[k]), 5.5 * (max(ins.get(k, 0), outs.get(k, 0)) + 1))
        for stack in stacks
        for k in stack
    }
    height = head + max((sum(heights[k] + gap_y for k in stack) for stack in stacks), default=0)
    d = Drawing(width, height)
    top: dict[str, float] = {}  # top edge of each box or lane
    for c, stack in enumerate(stacks):
        title = column_titles[c] if c < len(column_titles) else f"Wave {c}"
        d.add(String(c * col_w + 6, height - 10, title, fontName=font, fontSize=7.5, fillColor=MUTED))
        y = height - head
        for k in stack:
            top[k] = y
            y -= heights[k] + gap_y

    def left(k: str) -> float:
        return by_key[k].column * col_w + 6 if k in by_key else int(k[1:].split(":")[1]) * col_w + 6

    def middle(k: str) -> float:
        return top[k] - heights[k] / 2

    near: dict[str, list[str]] = {}  # each item's neighbours along the edges, before and after it
    for u, v in links:
        near.setdefault(u, []).append(v)
        near.setdefault(v, []).append(u)
    ports: dict[tuple[str, str], float] = {}  # (item, neighbour) → y where their edge meets the item
    for k, others in near.items():
        for side in (True, False):  # the edges coming in on the left, then those going out on the right
            group = [m for m in others if (left(m) < left(k)) == side]
            for rank, m in enumerate(sorted(group, key=middle, reverse=True)):
                on_box = top[k] - heights[k] * (rank + 1) / (len(group) + 1)
                ports[(k, m)] = on_box if k in by_key else middle(k)
    wires = Path(strokeColor=MUTED, strokeWidth=0.6, fillColor=None)
    heads = Path(fillColor=MUTED, strokeColor=None)
    for chain in chains:
        x, y = left(chain[0]) + box_w, ports[(chain[0], chain[1])]
        wires.moveTo(x, y)
        for u, v in pairwise(chain):
            vx, vy = left(v), ports[(v, u)]
            end = vx - (5 if v in by_key else 0)
            wires.lineTo(x + 4, y)
            wires.lineTo(end - 4, vy)
            wires.lineTo(end, vy)
            if v not in by_key:  # straight across the lane
                wires.lineTo(vx + box_w, vy)
            x, y = vx + box_w, vy
        heads.moveTo(vx, vy)
        heads.lineTo(vx - 5, vy + 2.2)
        heads.lineTo(vx - 5, vy - 2.2)
        heads.closePath()
    if chains:
        d.add(wires)
        d.add(heads)
    for n in nodes:
        x, h = left(n.key), heights[n.key]
        d.add(
            Rect(
                x,
                top[n.key] - h,
                box_w,
                h,
                rx=3,
                ry=3,
                fillColor=n.fill,
                strokeColor=INK if n.emphasis else GRID,
                strokeWidth=1.6 if n.emphasis else 0.6,
            )
        )
        text_top = middle(n.key) + 4 * len(lines[n.key]) - size
        for i, line in enumerate(lines[n.key]):
            d.add(String(x + 3, text_top - 8 * i + 1.5, line, fontName=n.font, fontSize=size, fillColor=INK))
    return d


@dataclass(frozen=True, slots=True)
class Person:
    key: str
    influence: int  # 1–5 (y)
    interest: int  # 1–5 (x)
    color: Color
    font: str


def stakeholder_grid(
    people: Sequence[Person], quadrants: tuple[str, str, str, str], size: float, font: str, bold: str
) -> Drawing:
    """Power (influence) × interest grid, 1–5 on both axes; people sharing a cell are fanned out.

    `quadrants` label top-left, top-right, bottom-left, bottom-right (e.g. keep satisfied, manage
    closely, monitor, keep informed).
    """
    d = Drawing(size, size)
    left, bottom = 26.0, 22.0
    side = size - left - 6
    cell = side / 5
    d.add(Rect(left, bottom, side, side, fillColor=white, strokeColor=GRID))
    split = left + 3 * cell  # "high" influence or interest is 4 or 5
    split_y = bottom + 3 * cell
    d.add(
        Rect(
            split,
            split_y,
            left + side - split,
            bottom + side - split_y,
            fillColor=HexColor("#FDF2F2"),
            strokeColor=None,
        )
    )
    d.add(Line(split, bottom, split, bottom + side, strokeColor=MUTED, strokeDashArray=[3, 2]))
    d.add(Line(left, split_y, left + side, split_y, strokeColor=MUTED, strokeDashArray=[3, 2]))
    q = dict(fontName=bold, fontSize=7.5, fillColor=HexColor("#9AA5B1"))
    d.add(String(left + 4, bottom + side - 10, quadrants[0], **q))
    d.add(String(left + side - 4, bottom + side - 10, quadrants[1], textAnchor="end", **q))
    d.add(String(left + 4, bottom + 4, quadrants[2], **q))
    d.add(String(left + side - 4, bottom + 4, quadrants[3], textAnchor="end", **q))
    for v in range(1, 6):
        c = left + (v - 0.5) * cell
        d.add(String(c, bottom - 9, str(v), fontName=font, fontSize=7, fillColor=MUTED, textAnchor="middle"))
        m = bottom + (v - 0.5) * cell
        d.add(String(left - 5, m - 2.5, str(v), fontName=font, fontSize=7, fillColor=MUTED, textAnchor="end"))
    d.add(
        String(left + side / 2, 2, "Interest", fontName=font, fontSize=8, fillColor=INK, textAnchor="middle")
    )
    axis = String(0, 0, "Influence", fontName=font, fontSize=8, fillColor=INK, textAnchor="middle")
    g = Group(axis)
    g.transform = (0, 1, -1, 0, 8, bottom + side / 2)
    d.add(g)
    cells: dict[tuple[int, int], list[Person]] = {}
    for p in people:
        cells.setdefault((p.interest, p.influence), []).append(p)
    for (ix, iy), group in cells.items():
        cx, cy = left + (ix - 0.5) * cell, bottom + (iy - 0.5) * cell
        n = len(group)
        for k, p in enumerate(group):
            if n == 1:
                px, py = cx, cy
            else:
                ring = min(cell * 0.36, 5 + 2.2 * n)
                angle = 2 * math.pi * k / n
                px, py = cx + ring * math.cos(angle), cy + ring * math.sin(angle)
            size = 6.0 if len(p.key) <= 3 else 5.0
            d.add(Circle(px, py, 7.5, fillColor=p.color, strokeColor=white, strokeWidth=0.8))
            d.add(
                String(
                    px,
                    py - size * 0.36,
                    fit_text(p.key, p.font, size, 14),
                    fontName=p.font,
                    fontSize=size,
                    fillColor=white,
                    textAnchor="middle",
                )
            )
    return d
