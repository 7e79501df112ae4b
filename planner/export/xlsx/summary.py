"""The Summary sheet: what the workbook says, before its tables.

The content is plain data (`SummaryContent`: a title, a subtitle and blocks of rows, each cell a
value with its style, or a live formula with its result) made by one function, `summary_content`;
`write_summary` only lays it out. A future source of the content (the committee brief) replaces that
one function. A block marked ``chart="decisions"`` gets the decision chart beside it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from xlsxwriter.utility import quote_sheetname

from planner.export.xlsx.book import Sheet, text_width
from planner.export.xlsx.charts import decision_chart
from planner.export.xlsx.context import FIRST, SCORECARD, Context, col, quoted
from planner.export.xlsx.scorecard import C
from planner.export.xlsx.style import DECISIONS
from planner.formatting import day
from planner.triage.labels import DECISION_LABELS

Value = str | float | int | date | None


@dataclass(frozen=True, slots=True)
class Cell:
    """A value in a `style` of `planner.export.xlsx.book.STYLES`; with `formula`, a live formula whose
    result is `value`."""

    value: Value
    style: str = "plain"
    formula: str | None = None


@dataclass(frozen=True, slots=True)
class Block:
    """A small table: its header row and its rows."""

    columns: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    chart: str | None = None


@dataclass(frozen=True, slots=True)
class SummaryContent:
    title: str
    subtitle: str
    blocks: tuple[Block, ...]


def summary_content(ctx: Context) -> SummaryContent:
    """The headline figures, the live decision tally and the top of the ranking, over the Scorecard."""
    p = ctx.portfolio
    sc = quote_sheetname(SCORECARD)

    def rng(name: str) -> str:
        letter = col(C[name])
        return f"{sc}!${letter}${FIRST}:${letter}${ctx.last}"

    pilots = [p.pilots[i] for i in ctx.order]
    ids = [p.id for p in pilots]
    scored = [ctx.scores.pilots[pid] for pid in ids]
    npv = sum(ctx.finance[pid].npv for pid in ids)
    composites = [s.composite for s in scored]
    passing = sum(1 for s in scored if s.gates_passed == s.gates_total)
    headline = Block(
        ("Headline", ""),
        (
            (Cell("Pilots"), Cell(len(pilots), "int")),
            (
                Cell(f"Scale investment, all pilots ({p.currency})"),
                Cell(sum(pl.financials.scale_investment for pl in pilots), "money"),
            ),
            (Cell(f"NPV, all pilots ({p.currency})"), Cell(npv, "money", f"=SUM({rng('NPV')})")),
            (
                Cell("Average composite"),
                Cell(
                    sum(composites) / len(composites) if composites else 0,
                    "score",
                    f"=IFERROR(AVERAGE({rng('Composite')}),0)",
                ),
            ),
            (
                Cell("Pilots passing every gate check"),
                Cell(passing, "int", f"=COUNTIF({rng('Gates passed')},gates_total)"),
            ),
            (Cell("Pilots blocked by a dependency"), Cell(sum(1 for s in scored if s.blocked), "int")),
        ),
    )
    tally = Block(
        ("Decision", "Pilots"),
        tuple(
            (
                Cell(DECISION_LABELS[d]),
                Cell(
                    ctx.scores.tally.get(d, 0),
                    "int",
                    f"=COUNTIF({rng('Decision')},{quoted(DECISION_LABELS[d])})",
                ),
            )
            for d in DECISIONS
        ),
        chart="decisions",
    )
    names = {pl.id: pl.name for pl in pilots}
    top = []
    for k, s in enumerate(sorted(scored, key=lambda s: s.rank)[:5], start=1):
        match = f"MATCH({k},{rng('Rank')},0)"
        top.append(
            (
                Cell(
                    f"{k}. {names[s.pilot]}", "plain", f'=IFERROR("{k}. "&INDEX({rng("Pilot")},{match}),"")'
                ),
                Cell(DECISION_LABELS[s.decision], "plain", f'=IFERROR(INDEX({rng("Decision")},{match}),"")'),
                Cell(s.composite, "score", f'=IFERROR(INDEX({rng("Composite")},{match}),"")'),
            )
        )
    ranking = Block(("Top of the ranking", "Decision", "Composite"), tuple(top))
    subtitle = " · ".join(x for x in (p.organisation, f"as of {day(p.as_of)}", ctx.method.name) if x)
    return SummaryContent(f"Portfolio scorecard — {p.name}", subtitle, (headline, tally, ranking))


def write_summary(sheet: Sheet, content: SummaryContent) -> None:
    """Lay `content` out on `sheet`, the Summary."""
    sheet.title(content.title)
    sheet.text(1, 0, content.subtitle, "note")
    row = 3
    beside = max((len(b.columns) for b in content.blocks), default=1) + 1  # the chart's column
    for block in content.blocks:
        sheet.header(row, block.columns)
        first = row + 1
        for cells in block.rows:
            row += 1
            for k, cell in enumerate(cells):
                _write(sheet, row, k, cell)
        if block.chart == "decisions" and block.rows:
            decision_chart(sheet, first, row, (3, beside))
        row += 2
    sheet.layout(repeat=None, caps={0: 50, 1: 40})


def _write(sheet: Sheet, row: int, column: int, cell: Cell) -> None:
    value = cell.value
    if cell.formula is not None:
        sheet.formula(row, column, cell.formula, "" if value is None else value, cell.style)
        shown = (
            value if isinstance(value, str) else f"{value:,.1f}" if isinstance(value, float) else str(value)
        )
        sheet.fit(column, text_width(shown))
    elif isinstance(value, str):
        sheet.text(row, column, value, cell.style)
        sheet.fit(column, text_width(value))
    elif isinstance(value, date):
        sheet.date(row, column, value)
        sheet.fit(column, 11)
    elif value is not None:
        sheet.number(row, column, value, cell.style)
        sheet.fit(column, len(f"{value:,.0f}") + 1)
