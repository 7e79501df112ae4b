"""Chart geometry for the pack, checked by hand and by properties."""

from __future__ import annotations

import math
from datetime import date
from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.graphics.shapes import Circle, Drawing, Line, Path, Rect, String
from reportlab.lib.colors import HexColor
from reportlab.pdfbase.pdfmetrics import stringWidth

from planner.export.pdf import charts
from planner.export.pdf import maps as pdf_maps
from planner.export.pdf.charts import INK
from planner.export.pdf.fonts import find_fonts
from planner.triage.labels import QUADRANTS

FONT = find_fonts().regular.name
BOLD = find_fonts().bold.name
RED = HexColor("#C62828")


def shapes(drawing: Drawing, kind: type) -> list:
    out = []

    def walk(node: object) -> None:
        for child in getattr(node, "contents", []):
            if isinstance(child, kind):
                out.append(child)
            walk(child)

    walk(drawing)
    return out


def test_scale_maps_linearly_and_clamps():
    assert charts.scale(25, 0, 100, 10, 210) == 60  # 10 + 0.25 × 200
    assert charts.scale(-5, 0, 100, 10, 210) == 10
    assert charts.scale(150, 0, 100, 10, 210) == 210
    assert charts.scale(3, 3, 3, 0, 10) == 5  # a degenerate range maps to the middle


def test_bubble_area_is_proportional_to_amount():
    # a quarter of the largest amount → a quarter of the area → half the radius
    assert charts.bubble_radius(25, 100, 1, 40) == 20
    assert charts.bubble_radius(100, 100, 1, 40) == 40
    assert charts.bubble_radius(0, 100, 3, 40) == 3  # never below the minimum
    assert charts.bubble_radius(0.01, 100, 3, 40) == 3
    assert charts.bubble_radius(5, 0, 3, 40) == 3


def test_place_labels_prefers_the_right_of_the_bubble_and_avoids_obstacles():
    # a label 10 × 4 beside a circle at (50, 50) of radius 5: right side first, with a 1.5 gap
    spots = charts.place_labels([(50, 50, 5)], [(10, 4)], (0, 0, 100, 100))
    assert spots == [(56.5, 48.0)]
    # an obstacle on the right pushes it to the left: x = 50 − 5 − 1.5 − 10 = 33.5
    spots = charts.place_labels([(50, 50, 5)], [(10, 4)], (0, 0, 100, 100), obstacles=[(55, 40, 70, 60)])
    assert spots == [(33.5, 48.0)]
    # no room anywhere inside the area → None
    assert charts.place_labels([(5, 5, 5)], [(50, 50)], (0, 0, 10, 10)) == [None]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(st.floats(0, 300), st.floats(0, 300), st.floats(1, 20), st.floats(3, 60), st.floats(3, 12)),
        min_size=1,
        max_size=40,
    )
)
def test_placed_labels_never_overlap_and_stay_inside(points):
    anchors = [(x, y, r) for x, y, r, _, _ in points]
    sizes = [(w, h) for _, _, _, w, h in points]
    area = (0.0, 0.0, 300.0, 300.0)
    spots = charts.place_labels(anchors, sizes, area)
    boxes = [
        (x, y, x + w, y + h) for spot, (w, h) in zip(spots, sizes, strict=True) if spot for x, y in [spot]
    ]
    for b in boxes:
        assert area[0] <= b[0] and area[1] <= b[1] and b[2] <= area[2] and b[3] <= area[3]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3])


def test_place_labels_sees_obstacles_and_labels_spanning_many_grid_cells():
    # a 200-point obstacle covers every spot around a bubble at its centre; far from it the label
    # goes right of the bubble: x = 300 + 5 + 1.5, y = 300 - 5 / 2
    spots = charts.place_labels(
        [(100, 100, 5), (300, 300, 5)], [(10, 5), (10, 5)], (0, 0, 400, 400), obstacles=[(0, 0, 200, 200)]
    )
    assert spots == [None, (306.5, 297.5)]
    # a 150-point-wide label right of the first bubble (22.5..172.5 × 40..60) covers all six spots
    # around the second bubble at x = 100, so that one is left out
    spots = charts.place_labels([(20, 50, 1), (100, 50, 1)], [(150, 20), (4, 4)], (0, 0, 400, 400))
    assert spots == [(22.5, 40.0), None]


def test_triage_matrix_puts_value_across_and_readiness_up_like_the_app():
    bubbles = [
        charts.Bubble("1", "Alpha", value=80, readiness=90, investment=400, color=RED, font=FONT),
        charts.Bubble("2", "Beta", value=20, readiness=10, investment=100, color=RED, font=FONT),
        charts.Bubble("3", "Gamma", value=30, readiness=70, investment=100, color=RED, font=FONT),
    ]
    drawing, unplaced = charts.triage_matrix(bubbles, 60, 60, QUADRANTS, 400, 300, FONT, BOLD, names=True)
    assert unplaced == []
    circles = {(round(c.cx, 3), round(c.cy, 3)): c for c in shapes(drawing, Circle)}
    # plot area: x from 34 to 392 (358 wide), y from 30 to 292 (262 high); value across, readiness up
    alpha = circles[(round(34 + 0.80 * 358, 3), round(30 + 0.90 * 262, 3))]
    beta = circles[(round(34 + 0.20 * 358, 3), round(30 + 0.10 * 262, 3))]
    assert (round(34 + 0.30 * 358, 3), round(30 + 0.70 * 262, 3)) in circles
    # areas follow investment: 100 is a quarter of 400, so the radius is half (unless clamped at the minimum)
    assert math.isclose(beta.r, alpha.r / 2) or beta.r == 6.0
    labels = {s.text: s for s in shapes(drawing, String)}
    assert "1 Alpha" in labels and "2 Beta" in labels
    assert labels["Value (0–100)"].textAnchor == "middle"  # the horizontal axis title, under the plot
    assert labels["Value (0–100)"].y < 30
    # the app's quadrant names: high readiness but low value (Gamma's corner) is "Pivot", top left
    assert labels[QUADRANTS.top_left].x < 200 and labels[QUADRANTS.top_left].y > 250
    assert labels["Scale candidates"].x > 200 and labels["Scale candidates"].y > 250
    assert labels["Fix then scale"].x > 200 and labels["Fix then scale"].y < 50
    assert labels["Stop or re-think"].x < 200 and labels["Stop or re-think"].y < 50


def test_gantt_clips_bars_to_the_window_and_marks_today_and_gates():
    row = pdf_maps.GanttRow(
        "Pilot",
        FONT,
        (pdf_maps.GanttBar(date(2026, 12, 1), date(2027, 3, 31), RED),),
        gates=(date(2027, 2, 1),),
    )
    window = (date(2027, 1, 1), date(2027, 1, 31))  # 30 days wide
    drawing = pdf_maps.gantt([row], *window, today=date(2027, 1, 16), width=230, font=FONT, label_width=130)
    bars = [p for p in shapes(drawing, Path) if p.fillColor == RED]
    assert len(bars) == 1
    # the bar starts before the window and ends after it: it covers the whole 100-point timeline
    xs = bars[0].points[0::2]
    assert math.isclose(min(xs), 130) and math.isclose(max(xs), 230)
    # today is 15 days into a 30-day window: halfway
    today = [ln for ln in shapes(drawing, Line) if ln.strokeColor == HexColor("#C62828")]
    assert len(today) == 1 and math.isclose(today[0].x1, 180)
    assert [p for p in shapes(drawing, Path) if p.fillColor == INK] == []  # the gate (1 Feb) is outside


def test_gantt_draws_one_path_per_bar_colour_and_one_for_all_gates():
    # two rows with a red and a blue bar each and a gate each: 2 bar paths of 2 boxes, 1 gate path of
    # 2 diamonds; a window from 1 to 31 January has one month start, so one grid line
    blue = HexColor("#1565C0")
    bars = (pdf_maps.GanttBar(date(2027, 1, 2), date(2027, 1, 9), RED),)
    bars += (pdf_maps.GanttBar(date(2027, 1, 10), date(2027, 1, 20), blue),)
    rows = [pdf_maps.GanttRow(f"Pilot {i}", FONT, bars, gates=(date(2027, 1, 15),)) for i in (1, 2)]
    drawing = pdf_maps.gantt(rows, date(2027, 1, 1), date(2027, 1, 31), today=None, width=230, font=FONT)
    paths = shapes(drawing, Path)
    by_fill = {p.fillColor.hexval() if p.fillColor else None: p for p in paths}
    assert by_fill[RED.hexval()].operators.count(3) == 2  # closePath once per box
    assert by_fill[blue.hexval()].operators.count(3) == 2
    assert by_fill[INK.hexval()].operators.count(3) == 2  # the two gate diamonds
    assert by_fill[None].operators.count(0) == 1  # the one month line (moveTo)
    assert [s.text for s in shapes(drawing, String)] == ["Jan 2027", "Pilot 1", "Pilot 2"]


def test_month_starts_within_a_window():
    assert pdf_maps.month_starts(date(2026, 11, 15), date(2027, 2, 1)) == [
        date(2026, 12, 1),
        date(2027, 1, 1),
        date(2027, 2, 1),
    ]
    assert pdf_maps.month_starts(date(2027, 3, 1), date(2027, 3, 31)) == [date(2027, 3, 1)]


def map_parts(
    drawing: Drawing,
) -> tuple[list[Rect], list[tuple[float, float]], list[list[tuple[float, float]]]]:
    """Boxes, arrow tips and wires (each a polyline) of a layered map."""
    boxes = [r for r in shapes(drawing, Rect) if r.fillColor == RED]
    heads = next(p for p in shapes(drawing, Path) if p.fillColor is not None)
    wires = next(p for p in shapes(drawing, Path) if p.fillColor is None)
    tips = list(zip(heads.points[0::6], heads.points[1::6], strict=True))
    lines: list[list[tuple[float, float]]] = []
    for op, (x, y) in zip(
        wires.operators, zip(wires.points[0::2], wires.points[1::2], strict=True), strict=True
    ):
        if op == 0:  # moveTo starts the next wire
            lines.append([])
        lines[-1].append((x, y))
    return boxes, tips, lines


def test_layered_map_puts_columns_left_to_right_and_draws_each_edge():
    nodes = [
        pdf_maps.MapNode("E1", "Data platform", FONT, 0, RED, emphasis=True),
        pdf_maps.MapNode("P1", "Pilot one", FONT, 1, RED),
        pdf_maps.MapNode("P2", "Pilot two", FONT, 2, RED),
    ]
    drawing = pdf_maps.layered_map(nodes, [("E1", "P1"), ("P1", "P2")], 450, ["W1", "W2", "W3"], FONT)
    boxes, tips, wires = map_parts(drawing)
    assert [b.x for b in boxes] == [6, 156, 306]  # column width 450 / 3 = 150, inset 6
    assert len(tips) == 2 and len(wires) == 2  # one arrowhead per edge
    assert sorted(x for x, _ in tips) == [156, 306]  # on the left edge of P1 and P2
    assert max(b.strokeWidth for b in boxes) == 1.6  # the critical enabler is emphasised


def test_an_edge_skipping_a_wave_never_runs_through_a_box():
    # E feeds P in wave 3 and both pilots of wave 2: the long edge must pass wave 2 between boxes
    nodes = [
        pdf_maps.MapNode("E", "Enabler", FONT, 0, RED),
        pdf_maps.MapNode("M1", "Middle one", FONT, 1, RED),
        pdf_maps.MapNode("M2", "Middle two", FONT, 1, RED),
        pdf_maps.MapNode("P", "Last", FONT, 2, RED),
    ]
    edges = [("E", "M1"), ("E", "P"), ("E", "M2")]
    drawing = pdf_maps.layered_map(nodes, edges, 450, ["W1", "W2", "W3"], FONT)
    boxes, tips, wires = map_parts(drawing)
    assert len(tips) == 3
    for wire in wires:
        for (x0, y0), (x1, y1) in pairwise(wire):
            for t in (i / 40 for i in range(41)):
                x, y = x0 + t * (x1 - x0), y0 + t * (y1 - y0)
                inside = [b for b in boxes if b.x < x < b.x + b.width and b.y < y < b.y + b.height]
                assert inside == [], f"wire {wire} runs through a box at ({x:.1f}, {y:.1f})"


def test_edges_into_one_box_each_have_their_own_arrowhead_in_the_order_of_their_sources():
    nodes = [
        pdf_maps.MapNode("E1", "First enabler", FONT, 0, RED),
        pdf_maps.MapNode("E2", "Second enabler", FONT, 0, RED),
        pdf_maps.MapNode("P", "Pilot", FONT, 1, RED),
    ]
    drawing = pdf_maps.layered_map(nodes, [("E2", "P"), ("E1", "P")], 450, ["W1", "W2"], FONT)
    boxes, tips, wires = map_parts(drawing)
    pilot = next(b for b in boxes if b.x > 100)
    # two edges in: the box is at least 5.5 × 3 = 16.5 high and the tips sit at a third and two thirds
    assert pilot.height == 16.5
    top = pilot.y + pilot.height
    assert sorted(y for _, y in tips) == [top - 11, top - 5.5]
    # the wire from the upper enabler (E1) ends at the upper arrowhead, so the two do not cross
    e1 = next(b for b in boxes if b.x < 100 and b.y == max(b.y for b in boxes if b.x < 100))
    from_e1 = next(w for w in wires if e1.y < w[0][1] < e1.y + e1.height)
    assert from_e1[-1][1] == top - 5.5


def test_order_columns_uncrosses_two_parallel_edges():
    order = pdf_maps.order_columns([["E1", "E2"], ["P2", "P1"]], [("E1", "P1"), ("E2", "P2")])
    assert order == [["E1", "E2"], ["P1", "P2"]]


def test_wrap_text_breaks_at_spaces_and_cuts_only_the_last_line():
    text = "Clinical integration gateway (HL7 FHIR)"
    width = stringWidth("Clinical integration gateway", FONT, 7)
    assert charts.wrap_text(text, FONT, 7, width, 2) == ["Clinical integration gateway", "(HL7 FHIR)"]
    assert charts.wrap_text("Short", FONT, 7, width, 2) == ["Short"]
    three = charts.wrap_text(text + " " + text, FONT, 7, width, 2)
    assert three[0] == "Clinical integration gateway" and three[1].endswith("…")
    assert stringWidth(three[1], FONT, 7) <= width


def test_stakeholder_grid_splits_quadrants_between_3_and_4():
    people = [pdf_maps.Person("S1", 5, 5, RED, BOLD), pdf_maps.Person("S2", 1, 1, RED, BOLD)]
    drawing = pdf_maps.stakeholder_grid(people, ("ks", "mc", "mo", "ki"), 206, FONT, BOLD)
    # side = 206 − 26 − 6 = 174, five cells of 34.8; "high" starts at 4, so the split is 3 cells in
    dashed = [ln for ln in shapes(drawing, Line) if ln.strokeDashArray]
    assert any(math.isclose(ln.x1, 26 + 3 * 34.8) and ln.x1 == ln.x2 for ln in dashed)
    assert any(math.isclose(ln.y1, 22 + 3 * 34.8) and ln.y1 == ln.y2 for ln in dashed)
    centres = sorted((c.cx, c.cy) for c in shapes(drawing, Circle))
    assert math.isclose(centres[0][0], 26 + 0.5 * 34.8) and math.isclose(centres[1][0], 26 + 4.5 * 34.8)


def test_fit_text_cuts_with_an_ellipsis_to_the_width():
    text = "A rather long pilot name that will not fit"
    cut = charts.fit_text(text, FONT, 8, 60)
    assert cut.endswith("…") and stringWidth(cut, FONT, 8) <= 60
    assert text.startswith(cut[:-1])
    assert charts.fit_text("short", FONT, 8, 60) == "short"


def test_stacked_bar_widths_follow_the_amounts():
    drawing = charts.stacked_bar([("a", 1, RED), ("b", 3, RED), ("c", 0, RED)], 200, FONT)
    widths = [r.width for r in shapes(drawing, Rect)]
    assert widths == [50, 150]  # 1/4 and 3/4 of 200; zero parts are not drawn


def test_a_bar_part_too_narrow_for_its_text_shows_its_amount_or_nothing():
    parts = [("Secure sponsor 1", 1, RED), ("Scale 18", 18, RED), ("Stop 1", 1, RED)]
    drawing = charts.stacked_bar(parts, 100, FONT)
    # 5, 90 and 5 points wide: "Scale 18" fits its 90; "Secure sponsor 1" does not fit 5 points and
    # neither does "1" (about 5 points of text plus 6 of margin), so the narrow parts stay blank
    assert [s.text for s in shapes(drawing, String)] == ["Scale 18"]
    drawing = charts.stacked_bar(parts, 400, FONT)
    # 20, 360 and 20 points: "1" fits 20 points where "Secure sponsor 1" and "Stop 1" do not
    assert [s.text for s in shapes(drawing, String)] == ["1", "Scale 18", "1"]
