"""What every pack section builder shares: the build context, safe paragraphs, tables and formats.

A section builder is ``fn(ctx) -> list[Flowable]`` or raises `LeftOut` with the reason its inputs are
missing; the pack then prints that reason in place of the section and lists it in the report.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.colors import Color, white
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, Flowable, PageBreak, Paragraph, Table, TableStyle

from planner import formatting
from planner.export.pdf import charts
from planner.export.pdf.doc import Decor, Heading, PackStyle
from planner.export.pdf.fonts import TextKit, is_rtl
from planner.export.pdf.grid import Grid, GridSpec, GridStyle
from planner.export.pdf.text import (
    Pen,
    Span,
    TextBlock,
    block_lines,
    markup_spans,
    shaped,
    spans_markup,
    text_flowable,
)
from planner.method import Method, Weights
from planner.model import Decision, Pilot, Portfolio, Stakeholder
from planner.triage.scoring import Prepared, Scores, prepare

DECISION_ORDER = (
    Decision.SCALE,
    Decision.SECURE_SPONSOR,
    Decision.FIX_THEN_SCALE,
    Decision.PIVOT,
    Decision.STOP,
)
NBSP = "\u00a0"
TABLE_CHUNK = 40  # rows per Table: reportlab splits one huge table super-linearly


class Label(Flowable):
    """One line of the pack's own (trusted, Latin) text in a paragraph style, drawn without parsing.

    Used for the many small headings of pilot pages, where a Paragraph's markup parse and line
    breaking would cost more than the whole rest of the line.
    """

    def __init__(self, text: str, style: ParagraphStyle) -> None:
        super().__init__()
        self.text = text
        self.style = style
        self.spaceBefore = style.spaceBefore
        self.spaceAfter = style.spaceAfter

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self.width = aw
        self.height = self.style.leading
        return aw, self.height

    def draw(self) -> None:
        pen = Pen(self.canv)
        st = self.style
        pen.text(0, self.height - st.fontSize, self.text, st.fontName, st.fontSize, st.textColor)
        pen.close()


class LeftOut(Exception):
    """A section cannot be drawn; the message says why, in words for the reader."""


@dataclass
class Ctx:
    """Everything a section builder reads; engine results are computed once and cached here."""

    portfolio: Portfolio
    scores: Scores
    method: Method
    weights: Weights
    kit: TextKit
    style: PackStyle
    ps: dict[str, ParagraphStyle]
    decor: Decor
    width: float  # frame width in points
    height: float  # frame height in points
    anonymise: bool
    compare: str | None
    under_decision: list[str]
    left_out_pilots: int
    cache: dict[str, Any] = field(default_factory=dict)
    pilots: dict[str, Pilot] = field(default_factory=dict)
    _keys: int = 0

    def __post_init__(self) -> None:
        self.pilots = {p.id: p for p in self.portfolio.pilots}

    def prepared(self) -> Prepared:
        """The scoring engine's prepared portfolio (for explanations and gate results), made once."""
        if "prepared" not in self.cache:
            self.cache["prepared"] = prepare(self.portfolio, self.method)
        prepared: Prepared = self.cache["prepared"]
        return prepared

    # --- text -----------------------------------------------------------------------------------
    def where(self, pilot_id: str) -> str:
        return f"pilot {pilot_id}"

    def para(
        self, text: object, style: str = "body", where: str = "", fld: str = "", limit: int | None = None
    ) -> Flowable:
        """A paragraph of untrusted text: never read as markup, font fallback, RTL shaped when possible."""
        return self.block([Span(str(text), where=where, fld=fld, limit=limit)], style)

    def block(self, spans: Sequence[Span], style: str | ParagraphStyle = "body") -> Flowable:
        """Text of mixed spans (bold, coloured, user or own words) wrapped in a paragraph style."""
        return text_flowable(self.kit, spans, self.ps[style] if isinstance(style, str) else style)

    def rich(self, markup: str, style: str | ParagraphStyle = "body") -> Flowable:
        """A paragraph of *trusted* markup built by the pack itself (user parts already escaped)."""
        base = self.ps[style] if isinstance(style, str) else style
        spans = markup_spans(markup)
        lines = block_lines(self.kit, spans, base) if spans is not None else None
        if lines is not None:
            return TextBlock(lines, base)
        return Paragraph(markup, shaped(self.kit, base, markup))

    def label(self, text: str, style: str = "h3") -> Label:
        """A one-line heading of the pack's own words (never user text: it is not escaped or shaped)."""
        return Label(text, self.ps[style])

    def m(self, text: object, where: str = "", fld: str = "", limit: int | None = None) -> str:
        """Markup for an untrusted fragment inside trusted markup."""
        return self.kit.markup(text, where, fld, limit)

    def pilot_name(self, pilot_id: str, limit: int | None = None) -> str:
        """Markup of a pilot's name (findings recorded against the pilot)."""
        return spans_markup(self.kit, [self.pilot_span(pilot_id, limit)])

    def pilot_span(self, pilot_id: str, limit: int | None = None) -> Span:
        """A pilot's name as a span (findings recorded against the pilot)."""
        pilot = self.pilots.get(pilot_id)
        return Span(pilot.name if pilot else pilot_id, where=self.where(pilot_id), fld="name", limit=limit)

    def person(self, person_id: str | None, limit: int | None = 60) -> str:
        """Markup naming a stakeholder, or their anonymised label ("Stakeholder 3") when asked."""
        return spans_markup(self.kit, self.person_spans(person_id, limit))

    def person_spans(self, person_id: str | None, limit: int | None = 60) -> list[Span]:
        """Spans naming a stakeholder, or their anonymised label ("Stakeholder 3 (CFO)") when asked."""
        if person_id is None:
            return [Span("–")]
        people = self._people()
        if person_id not in people:
            return [Span(person_id)]
        index, person = people[person_id]
        where = f"stakeholder {person_id}"
        if self.anonymise:
            if not person.role:
                return [Span(f"Stakeholder {index}")]
            return [
                Span(f"Stakeholder {index} ("),
                Span(person.role, where=where, fld="role", limit=40),
                Span(")"),
            ]
        return [Span(person.name, where=where, fld="name", limit=limit)]

    def _people(self) -> dict[str, tuple[int, Stakeholder]]:
        """Stakeholders by id with their 1-based index (the anonymised "Stakeholder N")."""
        if "people" not in self.cache:
            self.cache["people"] = {s.id: (i, s) for i, s in enumerate(self.portfolio.stakeholders, start=1)}
        people: dict[str, tuple[int, Stakeholder]] = self.cache["people"]
        return people

    def person_plain(self, person_id: str, limit: int = 40) -> str:
        """A stakeholder's drawable plain label for charts (anonymised as "S3" when asked)."""
        people = self._people()
        index, person = people[person_id]
        if self.anonymise:
            return f"S{index}"
        return self.kit.plain(person.name, f"stakeholder {person_id}", "name", limit)

    def heading(
        self,
        title: str,
        level: int = 0,
        style: str = "h1",
        key: str | None = None,
        where: str = "",
        fld: str = "",
    ) -> Flowable:
        """A heading that is a contents entry, an outline entry and a link target."""
        self._keys += 1
        toc = self.kit.markup(title, where, fld, limit=95 if level == 0 else 85)
        outline = self.kit.plain(title, where, fld, limit=120)
        entry = (level, toc, outline, key or f"k{self._keys}")
        spans = [Span(title, where=where, fld=fld)]
        lines = block_lines(self.kit, spans, self.ps[style])
        if lines is not None:
            block = TextBlock(lines, self.ps[style])
            block.toc = entry
            return block
        return Heading(spans_markup(self.kit, spans), shaped(self.kit, self.ps[style], title), *entry)

    # --- numbers --------------------------------------------------------------------------------
    def money_plain(self, amount: float | None) -> str:
        """An amount in the portfolio's currency, abbreviated (k, M, bn) to three significant figures.

        Currency, number and unit are joined by no-break spaces, so a line never breaks inside an
        amount ("EUR" at the end of one line, "2.77 M" on the next).
        """
        if amount is None:
            return "–"
        currency = self.kit.plain(self.portfolio.currency, "portfolio", "currency")
        return formatting.money(amount, currency).replace(" ", NBSP)

    def money(self, amount: float | None) -> str:
        """`money_plain` as markup (the currency is user text)."""
        return escape(self.money_plain(amount))

    def cell(
        self, text: object, width: float, style: str = "cell", where: str = "", fld: str = "", lines: int = 1
    ) -> Any:
        """A table cell of up to `lines` lines of `width` points (a `Grid` row grows to hold them).

        A plain string (fast) when the main face draws it all, wrapped at spaces, the last line cut
        with an ellipsis only if the text needs more; else a one-line Paragraph cut to fit.
        """
        raw = " ".join(self.kit.clean(str(text)).split())
        ps = self.ps[style]
        face = self.kit.fonts.bold if ps.fontName == self.kit.fonts.bold.name else self.kit.fonts.regular
        if face.chars.issuperset(raw) and not is_rtl(raw):
            return "\n".join(charts.wrap_text(raw, ps.fontName, ps.fontSize, width, lines))
        return self.rich(fit_markup(self, raw, style, width, where, fld), style)

    def decision_colour(self, decision: Decision) -> Color:
        return self.style.decisions.get(decision.value, self.style.text)


def stacked_height(flowables: list[Flowable], width: float) -> float:
    """The height the flowables take one under the other in a frame `width` wide.

    Measuring is cheap here: text blocks keep the layout for the width they were last wrapped at,
    so the frame's own wrap later costs nothing more.
    """
    total = 0.0
    for f in flowables:
        if isinstance(f, PageBreak | CondPageBreak):
            continue
        _, h = f.wrap(width, 10_000)
        total += h + f.getSpaceBefore() + f.getSpaceAfter()
    return total


def pct(value: float | None, digits: int = 0) -> str:
    """A ratio (0.057) as a percentage in the house style ("5.7 %" with digits=1); "–" when None."""
    return "–" if value is None else formatting.percent(value * 100, digits)


def table_style(style: PackStyle, header: bool = True) -> TableStyle:
    """House table look: accent header row, banded body, hairline rules."""
    cmds: list[tuple[Any, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ("ROWBACKGROUNDS", (0, 1 if header else 0), (-1, -1), [white, style.band]),
        ("LINEBELOW", (0, -1), (-1, -1), 0.5, style.rule),
    ]
    if header:
        cmds += [("BACKGROUND", (0, 0), (-1, 0), style.accent), ("VALIGN", (0, 0), (-1, 0), "BOTTOM")]
    return TableStyle(cmds)


def fit_markup(ctx: Ctx, text: str, style: str, width: float, where: str = "", fld: str = "") -> str:
    """Markup of `text` cut with an ellipsis so it fits one line of `width` points in `style`."""
    ps = ctx.ps[style]
    raw = " ".join(ctx.kit.clean(text).split())
    runs = list(ctx.kit.runs(raw, where, fld))

    def measure(n: int) -> float:
        total, left = 0.0, n
        for font, run in runs:
            piece = run[:left]
            total += stringWidth(
                piece, font if font != ctx.kit.fonts.regular.name else ps.fontName, ps.fontSize
            )
            left -= len(piece)
            if left <= 0:
                break
        return total

    if measure(len(raw)) <= width:
        return ctx.kit.markup(raw)
    lo, hi = 0, len(raw)
    ell = stringWidth("…", ps.fontName, ps.fontSize)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if measure(mid) + ell <= width:
            lo = mid
        else:
            hi = mid - 1
    return ctx.kit.markup(raw[:lo].rstrip() + "…")


def names_list(ctx: Ctx, ids: Sequence[str], most: int = 4) -> str:
    """Markup "A, B, C and 4 more" for a list of pilot ids; one name left over is named, not counted."""
    shown = [ctx.pilot_name(i, limit=60) for i in ids[: most + 1 if len(ids) == most + 1 else most]]
    rest = len(ids) - len(shown)
    if rest > 0:
        return ", ".join(shown) + f" and {rest} more"
    if len(shown) > 1:
        return ", ".join(shown[:-1]) + " and " + shown[-1]
    return shown[0] if shown else "none"


def data_table(
    ctx: Ctx,
    headers: Sequence[str] | None,
    rows: Sequence[Sequence[Any]],
    widths: Sequence[float],
    numeric: Sequence[int] = (),
    highlight: Sequence[int] = (),
    row_height: float | None = None,
    valign: str = "MIDDLE",
    colours: dict[tuple[int, int], Color] | None = None,
    bold_cols: Sequence[int] = (),
    bold_rows: Sequence[int] = (),
) -> list[Flowable]:
    """A house-style table: header in white bold on the accent, banded rows, hairline below.

    With a `row_height` the table is a `Grid` (a row grows a line step for each extra line of a
    `Ctx.cell`), drawn directly and split across pages in linear time; without one, cells may
    wrap and the table is reportlab's `Table` in chunks of TABLE_CHUNK rows. `numeric` columns are
    right-aligned; rows in `highlight` are drawn in the warning colour; `colours` sets single cells
    ((row, column) with rows indexed in `rows`). No header when `headers` is None.
    """
    cell_colours = dict(colours or {})
    for i in highlight:
        for c in range(len(widths)):
            cell_colours.setdefault((i, c), ctx.style.bad)
    reg, bold = ctx.kit.fonts.regular.name, ctx.kit.fonts.bold.name
    if row_height is not None:
        spec = GridSpec(
            widths=list(widths),
            row_height=row_height,
            style=GridStyle(
                font=reg,
                bold=bold,
                size=8,
                text=ctx.style.text,
                header_bg=ctx.style.accent if headers is not None else None,
                band=ctx.style.band,
                rule=ctx.style.rule,
            ),
            header=headers,
            right=frozenset(numeric),
            bold_cols=frozenset(bold_cols),
            cell_colours=cell_colours,
            bold_rows=frozenset(bold_rows),
        )
        return [Grid([list(r) for r in rows], spec)]
    out: list[Flowable] = []
    for start in range(0, max(len(rows), 1), TABLE_CHUNK):
        body = [list(r) for r in rows[start : start + TABLE_CHUNK]]
        table = Table(
            ([list(headers)] if headers is not None else []) + body,
            colWidths=list(widths),
            repeatRows=1 if headers is not None else 0,
        )
        top = 1 if headers is not None else 0
        cmds: list[tuple[Any, ...]] = list(table_style(ctx.style, header=headers is not None).getCommands())
        cmds += [
            ("FONT", (0, 0), (-1, -1), reg, 8),
            ("TEXTCOLOR", (0, 0), (-1, -1), ctx.style.text),
            ("VALIGN", (0, 0), (-1, -1), valign),
        ]
        if headers is not None:
            cmds += [("FONT", (0, 0), (-1, 0), bold, 7.5), ("TEXTCOLOR", (0, 0), (-1, 0), white)]
        cmds += [("ALIGN", (c, 0), (c, -1), "RIGHT") for c in numeric]
        cmds += [("FONT", (c, top), (c, -1), bold, 8) for c in bold_cols]
        cmds += [
            ("TEXTCOLOR", (c, r - start + top), (c, r - start + top), colour)
            for (r, c), colour in cell_colours.items()
            if start <= r < start + len(body)
        ]
        cmds += [
            ("FONT", (0, r - start + top), (-1, r - start + top), bold, 8)
            for r in bold_rows
            if start <= r < start + len(body)
        ]
        table.setStyle(TableStyle(cmds))
        out.append(table)
    return out


def kpi_tiles(ctx: Ctx, tiles: list[tuple[str, str]]) -> Table:
    """A band of headline figures: (big figure markup, label markup) per tile, side by side."""
    cells = [[ctx.rich(big, "kpi_big") for big, _ in tiles], [ctx.rich(lbl, "kpi_label") for _, lbl in tiles]]
    table = Table(cells, colWidths=[ctx.width / len(tiles)] * len(tiles))
    table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, -1), ctx.style.band),
                ("LINEBEFORE", (1, 0), (-1, -1), 2, white),
                ("TOPPADDING", (0, 0), (-1, 0), 9),
                ("BOTTOMPADDING", (0, -1), (-1, -1), 9),
                ("LEFTPADDING", (0, 0), (-1, -1), 9),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return table
