"""Native charts of the scorecard workbook: the triage matrix (a bubble chart), the decision counts and
the funding frontier. They read cells, so Excel and LibreOffice redraw them when a weight changes.

XlsxWriter has no bubble chart; `BubbleChart` is its scatter chart writing ``<c:bubbleChart>``
series instead (x, y and a bubble size per point, as in ECMA-376 part 1, 21.2.2.20). Every series
carries its cached points, so a preview shows the chart as exported.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from xlsxwriter.chart_scatter import ChartScatter
from xlsxwriter.utility import quote_sheetname

from planner.export.xlsx.book import Book, Sheet
from planner.export.xlsx.context import FIRST, SCORECARD, Context, col
from planner.export.xlsx.scorecard import C, bubble_sizes
from planner.export.xlsx.style import DECISION_COLOURS, DECISIONS
from planner.triage.labels import DECISION_LABELS

MATRIX = "Triage matrix"
FONT = {"name": "Calibri", "size": 9, "color": "#404040"}


class BubbleChart(ChartScatter):
    """A bubble chart: `add_bubble_series` takes the usual scatter options plus the bubble sizes."""

    def __init__(self, scale: int = 100) -> None:
        super().__init__({"subtype": "marker_only"})
        self.bubble_scale = max(0, min(300, scale))  # % of the default size of the largest bubble

    def add_bubble_series(self, options: dict[str, Any], sizes: str, sizes_data: Sequence[float]) -> None:
        self.add_series(options)
        self.series[-1]["bubble_sizes"] = sizes
        self.series[-1]["bubble_data_id"] = self._get_data_id(sizes, list(sizes_data))

    def _write_chart_type(self, args: dict[str, Any]) -> None:
        series = (
            self._get_primary_axes_series() if args["primary_axes"] else self._get_secondary_axes_series()
        )
        if not series:
            return
        self._xml_start_tag("c:bubbleChart")
        self._xml_empty_tag("c:varyColors", [("val", 0)])
        for data in series:
            self._write_ser(data)
        self._xml_empty_tag("c:bubbleScale", [("val", self.bubble_scale)])
        self._xml_empty_tag("c:showNegBubbles", [("val", 0)])
        self._write_axis_ids(args)
        self._xml_end_tag("c:bubbleChart")

    def _write_ser(self, series: dict[str, Any]) -> None:
        index = self.series_index
        self.series_index += 1
        self._xml_start_tag("c:ser")
        self._write_idx(index)
        self._write_order(index)
        self._write_series_name(series)
        self._write_sp_pr(series)
        self._xml_empty_tag("c:invertIfNegative", [("val", 0)])
        self._write_d_lbls(series.get("labels"))
        self._write_x_val(series)
        self._write_y_val(series)
        self._xml_start_tag("c:bubbleSize")
        self._write_num_ref(series["bubble_sizes"], self.formula_data[series["bubble_data_id"]], "num")
        self._xml_end_tag("c:bubbleSize")
        self._xml_empty_tag("c:bubble3D", [("val", 0)])
        self._xml_end_tag("c:ser")


def bubble_scale(count: int) -> int:
    """Bubble scale (%) so that about a sixth of the plot is covered whatever the number of pilots.

    Excel draws the largest bubble a quarter of the plot's side across at 100 %; the pack's matrix
    gives the largest a radius of ``side × √(0.15 / n)``, between 2 % and 11 % of the side.
    """
    radius = min(max(math.sqrt(0.15 / max(count, 1)), 0.02), 1 / 9)
    return round(100 * radius / 0.125)


def write_triage_matrix(book: Book, ctx: Context) -> None:
    """A chart sheet: every pilot's value (x) against readiness (y), bubble area the scale investment,
    one series per decision in the app's colours; the axes cross at the value and readiness
    thresholds, so the four quadrants show."""
    sheet = book.wb.add_chartsheet(MATRIX)
    chart = BubbleChart(bubble_scale(len(ctx.order)))  # registered as Workbook.add_chart registers its own
    chart.embedded = True
    chart.date_1904 = book.wb.date_1904
    chart.remove_timezone = book.wb.remove_timezone
    book.wb.charts.append(chart)
    ref = quote_sheetname(SCORECARD)
    last = ctx.last

    def rng(name: str) -> str:
        c = col(C[name])
        return f"={ref}!${c}${FIRST}:${c}${last}"

    scores = [ctx.scores.pilots[ctx.prepared.pilot_ids[i]] for i in ctx.order]
    xs = [s.value for s in scores]
    sizes = bubble_sizes([ctx.portfolio.pilots[i].financials.scale_investment for i in ctx.order])
    for d in DECISIONS:
        label = DECISION_LABELS[d]
        chart.add_bubble_series(
            {
                "name": label,
                "categories": rng("Value"),
                "categories_data": xs,
                "values": rng(f"Chart: {label}"),
                "values_data": [s.readiness if s.decision is d else None for s in scores],
                "fill": {"color": DECISION_COLOURS[label], "transparency": 35},
                "border": {"color": DECISION_COLOURS[label], "width": 0.75},
            },
            rng("Bubble size"),
            sizes,
        )
    t = ctx.weights.thresholds
    names = ctx.dimension_names
    axis = {"min": 0, "max": 100, "major_unit": 20, "num_font": FONT, "label_position": "low"}
    chart.set_x_axis(
        {
            **axis,
            "name": names["value"],
            "name_font": FONT,
            "crossing": t["value"],
            "major_gridlines": _grid(),
        }
    )
    chart.set_y_axis(
        {
            **axis,
            "name": names["readiness"],
            "name_font": FONT,
            "crossing": t["readiness"],
            "major_gridlines": _grid(),
        }
    )
    chart.set_title(
        {
            "name": f"Triage matrix: {names['value'].lower()} against {names['readiness'].lower()} "
            "(bubble area: scale investment)",
            "name_font": {"name": "Calibri", "size": 12, "bold": True, "color": "#1F4E79"},
        }
    )
    chart.set_legend({"position": "bottom", "font": FONT})
    sheet.set_chart(chart)
    sheet.set_landscape()
    sheet.set_paper(9)
    sheet.set_footer("&L&8&A&C&8Page &P of &N")


def _grid() -> dict[str, Any]:
    return {"visible": True, "line": {"color": "#E3E6EA", "width": 0.5}}


def decision_chart(sheet: Sheet, first: int, last: int, anchor: tuple[int, int]) -> None:
    """A bar per decision from the tally in column A (labels) and B (counts), 0-based rows
    `first`…`last` of `sheet`, each bar in its decision's colour, placed at `anchor`."""
    chart: Any = sheet.book.wb.add_chart({"type": "bar"})
    ref = quote_sheetname(sheet.ws.name)
    labels = [DECISION_LABELS[d] for d in DECISIONS]
    chart.add_series(
        {
            "name": "Pilots",
            "categories": f"={ref}!$A${first + 1}:$A${last + 1}",
            "values": f"={ref}!$B${first + 1}:$B${last + 1}",
            "points": [{"fill": {"color": DECISION_COLOURS[label]}} for label in labels],
            "data_labels": {"value": True, "font": FONT},
            "gap": 60,
        }
    )
    chart.set_title({"name": "Decisions", "name_font": {"name": "Calibri", "size": 11, "bold": True}})
    chart.set_legend({"none": True})
    chart.set_x_axis({"name": "Pilots", "name_font": FONT, "num_font": FONT, "min": 0})
    chart.set_y_axis({"reverse": True, "crossing": "max", "num_font": FONT})
    chart.set_size({"width": 460, "height": 260})
    sheet.ws.insert_chart(*anchor, chart, {"x_offset": 10, "y_offset": 4, "object_position": 1})
