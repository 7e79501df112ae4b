"""The pack's page machinery: styles, the one-pass document with contents, outline and "Page X of Y".

The usual reportlab recipe for a table of contents (`multiBuild`) lays the whole document out two or
three times. The pack instead reserves a known number of contents pages (every entry is one line,
so the count follows from the number of entries), records each heading's page while laying out once,
and draws the contents, the footers ("Page X of Y", marking) and the links onto the saved pages when
the canvas is saved. Layout therefore runs exactly once, whatever the size of the pack.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from reportlab.lib.colors import Color, HexColor, white
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Frame, PageTemplate, Paragraph
from reportlab.platypus.doctemplate import BaseDocTemplate

from planner.errors import LiftoffError
from planner.export.pdf.charts import fit_text
from planner.export.pdf.fonts import FontSet, TextKit, is_rtl
from planner.export.pdf.text import Pen, text_width
from planner.resources import templates_dir
from planner.triage.labels import DECISION_HUES

MARGIN = 48.0
HEADER_H = 20.0
FOOTER_H = 26.0
TOC_ROW = 17.0
TOC_TITLE = 54.0


class PackCancelled(LiftoffError):
    """The user cancelled the export; nothing was written."""


_HEX = re.compile(r"^#[0-9A-Fa-f]{6}$")


def parse_colour(text: str, where: str) -> Color:
    """A ``#RRGGBB`` colour; LiftoffError naming `where` otherwise."""
    if not _HEX.match(text.strip()):
        raise LiftoffError(f"{where}: {text!r} is not a colour of the form #RRGGBB")
    return HexColor(text.strip())


@dataclass(frozen=True)
class PackStyle:
    """Colours and sizes of a pack, read from ``templates/styles/<name>.json``."""

    accent: Color
    text: Color
    muted: Color
    rule: Color
    band: Color
    good: Color
    bad: Color
    decisions: dict[str, Color]
    stances: dict[str, Color]
    body_size: float
    small_size: float
    h1_size: float
    h2_size: float


def load_style(name: str = "default", accent: str | None = None) -> PackStyle:
    """The named pack style with an optional accent override; errors name the file and key."""
    path = templates_dir() / "styles" / f"{name}.json"
    try:
        data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise LiftoffError(f"unknown pack style {name!r} ({path} not found)") from None
    except (OSError, ValueError) as exc:
        raise LiftoffError(f"{path}: cannot read the pack style ({exc})") from None
    try:
        colours = {
            k: parse_colour(str(data[k]), f"{path}: {k}")
            for k in ("accent", "text", "muted", "rule", "band", "good", "bad")
        }
        # the app's decision hues unless the style chooses its own
        decisions = {d.value: HexColor(hue) for d, hue in DECISION_HUES.items()}
        decisions |= {
            k: parse_colour(str(v), f"{path}: decisions.{k}") for k, v in data.get("decisions", {}).items()
        }
        stances = {k: parse_colour(str(v), f"{path}: stances.{k}") for k, v in data["stances"].items()}
        sizes = {k: float(data[k]) for k in ("body_size", "small_size", "h1_size", "h2_size")}
    except KeyError as exc:
        raise LiftoffError(f"{path}: missing key {exc.args[0]!r}") from None
    if accent is not None:
        colours["accent"] = parse_colour(accent, "accent colour")
    return PackStyle(decisions=decisions, stances=stances, **colours, **sizes)


def paragraph_styles(style: PackStyle, fonts: FontSet) -> dict[str, ParagraphStyle]:
    """The named paragraph styles of a pack (body, small, h1, h2, h3, cell, cell_r, cell_b, title…)."""
    reg, bold = fonts.regular.name, fonts.bold.name
    body = ParagraphStyle(
        "body",
        fontName=reg,
        fontSize=style.body_size,
        leading=style.body_size * 1.38,
        textColor=style.text,
        spaceAfter=5,
    )
    small = ParagraphStyle(
        "small",
        parent=body,
        fontSize=style.small_size,
        leading=style.small_size * 1.3,
        textColor=style.muted,
        spaceAfter=3,
    )
    out = {
        "body": body,
        "small": small,
        "title": ParagraphStyle(
            "title",
            parent=body,
            fontName=bold,
            fontSize=30,
            leading=36,
            textColor=style.accent,
            spaceAfter=10,
        ),
        "subtitle": ParagraphStyle("subtitle", parent=body, fontSize=14, leading=19, textColor=style.text),
        "h1": ParagraphStyle(
            "h1",
            parent=body,
            fontName=bold,
            fontSize=style.h1_size,
            leading=style.h1_size * 1.25,
            textColor=style.accent,
            spaceBefore=0,
            spaceAfter=10,
        ),
        "h2": ParagraphStyle(
            "h2",
            parent=body,
            fontName=bold,
            fontSize=style.h2_size,
            leading=style.h2_size * 1.3,
            textColor=style.text,
            spaceBefore=8,
            spaceAfter=5,
        ),
        "h3": ParagraphStyle(
            "h3",
            parent=body,
            fontName=bold,
            fontSize=style.body_size + 0.5,
            leading=(style.body_size + 0.5) * 1.35,
            spaceBefore=6,
            spaceAfter=3,
        ),
        "cell": ParagraphStyle("cell", parent=body, fontSize=8, leading=10, spaceAfter=0),
        "cell_b": ParagraphStyle("cell_b", parent=body, fontName=bold, fontSize=8, leading=10, spaceAfter=0),
        "cell_r": ParagraphStyle(
            "cell_r", parent=body, fontSize=8, leading=10, spaceAfter=0, alignment=TA_RIGHT
        ),
        "head": ParagraphStyle(
            "head", parent=body, fontName=bold, fontSize=7.5, leading=9.5, spaceAfter=0, textColor=white
        ),
        "head_r": ParagraphStyle(
            "head_r",
            parent=body,
            fontName=bold,
            fontSize=7.5,
            leading=9.5,
            spaceAfter=0,
            textColor=white,
            alignment=TA_RIGHT,
        ),
        "kpi_big": ParagraphStyle(
            "kpi_big",
            parent=body,
            fontName=bold,
            fontSize=17,
            leading=20,
            textColor=style.accent,
            spaceAfter=0,
        ),
        "kpi_label": ParagraphStyle("kpi_label", parent=small, spaceAfter=0),
        "gate": ParagraphStyle(
            "gate", parent=body, fontSize=7.5, leading=9.5, spaceAfter=0, leftIndent=13, firstLineIndent=-11.5
        ),
        "bullet": ParagraphStyle(
            "bullet", parent=body, fontSize=8, leading=10, spaceAfter=2, leftIndent=9, firstLineIndent=-7
        ),
        "left_out": ParagraphStyle("left_out", parent=small, textColor=style.muted, leftIndent=10),
    }
    return out


@dataclass
class TocEntry:
    level: int
    markup: str
    page: int
    key: str
    plain: str = ""  # the drawable plain title (the outline's), used when the main face draws it all


@dataclass
class Decor:
    """What the canvas draws on every page once the page count is known."""

    kit: TextKit
    style: PackStyle
    pstyles: dict[str, ParagraphStyle]
    marking: str  # plain text, already drawable
    org: str  # plain text, already drawable
    title: str
    toc_rows_first: int = 0
    toc_rows_next: int = 0
    toc_pages: list[int] = field(default_factory=list)
    entries: list[TocEntry] = field(default_factory=list)
    cover_pages: set[int] = field(default_factory=set)
    notes: list[str] = field(default_factory=list)  # plain lines drawn after the contents entries
    bookmarks: dict[int, list[tuple[str, float]]] = field(default_factory=dict)  # page -> (key, top)
    total_pages: int = 0

    def footer_left(self, width: float) -> str:
        """The organisation (else the title) cut to `width` points for the running footer."""
        return fit_text(self.org or self.title, self.kit.fonts.regular.name, 7.5, width)

    def toc_page_count(self, entries: int) -> int:
        """Contents pages needed for `entries` one-line entries (at least one)."""
        if entries <= self.toc_rows_first:
            return 1
        return 1 + math.ceil((entries - self.toc_rows_first) / max(self.toc_rows_next, 1))


class PackCanvas(Canvas):
    """A canvas that keeps every page until save, then draws footers, contents and links on them."""

    def __init__(self, *args: Any, decor: Decor, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._decor = decor
        self._pages: list[dict[str, Any]] = []

    def showPage(self) -> None:
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        self._decor.total_pages = total
        for number, state in enumerate(self._pages, start=1):
            self.__dict__.update(state)
            # destinations must be made while the real page is current, i.e. now, not during layout
            for key, top in self._decor.bookmarks.get(number, []):
                self.bookmarkHorizontalAbsolute(key, top)
            self._draw_contents(number)
            self._draw_footer(number, total)
            Canvas.showPage(self)
        Canvas.save(self)

    def _draw_footer(self, number: int, total: int) -> None:
        decor = self._decor
        width, _ = self._pagesize
        font, bold = decor.kit.fonts.regular.name, decor.kit.fonts.bold.name
        pen = Pen(self)
        if number not in decor.cover_pages:
            self.saveState()
            self.setStrokeColor(decor.style.rule)
            self.setLineWidth(0.5)
            self.line(MARGIN, FOOTER_H + 6, width - MARGIN, FOOTER_H + 6)
            self.restoreState()
            pen.text(MARGIN, FOOTER_H - 4, decor.footer_left(width / 3), font, 7.5, decor.style.muted)
            pen.right(width - MARGIN, FOOTER_H - 4, f"Page {number} of {total}", font, 7.5, decor.style.muted)
        if decor.marking:
            marking = fit_text(decor.marking, bold, 7.5, width / 3)
            pen.text(
                (width - text_width(marking, bold, 7.5)) / 2,
                FOOTER_H - 4,
                marking,
                bold,
                7.5,
                decor.style.bad,
            )
        pen.close()

    def _draw_contents(self, number: int) -> None:
        decor = self._decor
        if number not in decor.toc_pages:
            return
        index = decor.toc_pages.index(number)
        first = decor.toc_rows_first
        lo = 0 if index == 0 else first + (index - 1) * decor.toc_rows_next
        hi = first if index == 0 else lo + decor.toc_rows_next
        width, height = self._pagesize
        top = height - MARGIN - HEADER_H
        if index == 0:
            title = Paragraph("Contents", decor.pstyles["h1"])
            title.wrapOn(self, width - 2 * MARGIN, TOC_TITLE)
            title.drawOn(self, MARGIN, top - title.height)
            top -= TOC_TITLE
        bold = decor.kit.fonts.bold.name
        pen = Pen(self)
        for row, entry in enumerate(decor.entries[lo:hi]):
            y = top - (row + 1) * TOC_ROW
            indent = 16.0 * entry.level
            style = decor.pstyles["cell_b" if entry.level == 0 else "cell"]
            avail = width - 2 * MARGIN - indent - 40
            size = 9 if entry.level == 0 else 8.5
            font = bold if entry.level == 0 else decor.kit.fonts.regular.name
            if (
                entry.plain
                and decor.kit.fonts.regular.chars.issuperset(entry.plain)
                and not is_rtl(entry.plain)
            ):
                pen.text(
                    MARGIN + indent,
                    y + 5,
                    fit_text(entry.plain, font, size, avail),
                    font,
                    size,
                    decor.style.text,
                )
            else:  # fallback fonts or right-to-left text: a (slower) paragraph
                para = Paragraph(entry.markup, ParagraphStyle("toc", parent=style, fontSize=size, leading=11))
                para.wrapOn(self, avail, TOC_ROW)
                para.drawOn(self, MARGIN + indent, y + 3)
            pen.right(width - MARGIN, y + 5, str(entry.page), font, size, decor.style.text)
            self.saveState()
            self.setStrokeColor(decor.style.rule)
            self.setLineWidth(0.3)
            self.line(MARGIN + indent, y, width - MARGIN, y)
            self.restoreState()
            self.linkRect(
                "",
                entry.key,
                (MARGIN, y, width - MARGIN, y + TOC_ROW),
                relative=0,
                thickness=0,
                name=f"toc-{entry.key}",
            )
        pen.close()
        if index == len(decor.toc_pages) - 1 and decor.notes:
            row = len(decor.entries[lo:hi]) + 1
            note_style = decor.pstyles["small"]
            for n, note in enumerate(
                ["<b>Left out of this pack</b>", *(decor.kit.markup(x) for x in decor.notes)]
            ):
                y = top - (row + n + 1) * TOC_ROW
                para = Paragraph(note, note_style)
                para.wrapOn(self, width - 2 * MARGIN, TOC_ROW)
                para.drawOn(self, MARGIN, y + 4)


class Heading(Paragraph):
    """A paragraph that is also a contents entry, an outline entry and a link target."""

    def __init__(
        self, markup: str, style: ParagraphStyle, level: int, toc_markup: str, outline: str, key: str
    ) -> None:
        super().__init__(markup, style)
        self.toc = (level, toc_markup, outline, key)


class Anchor(Flowable):
    """An invisible contents/outline entry at the current position (for entries without a heading)."""

    def __init__(self, level: int, toc_markup: str, outline: str, key: str) -> None:
        super().__init__()
        self.toc = (level, toc_markup, outline, key)

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        pass


class ReservedPage(Flowable):
    """Takes a whole frame and records its page number: the contents are drawn there later."""

    def __init__(self, decor: Decor) -> None:
        super().__init__()
        self._decor = decor

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        return aw, ah - 1

    def draw(self) -> None:
        self._decor.toc_pages.append(self.canv.getPageNumber())


class CoverMark(Flowable):
    """Marks the current page as a cover (no running footer, only the marking)."""

    def __init__(self, decor: Decor) -> None:
        super().__init__()
        self._decor = decor

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self._decor.cover_pages.add(self.canv.getPageNumber())


class PackDoc(BaseDocTemplate):
    """One portrait page template; headings become contents, outline and link targets as laid out."""

    def __init__(self, stream: Any, decor: Decor, tick: Callable[[], None], **kwargs: Any) -> None:
        super().__init__(
            stream,
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=MARGIN + HEADER_H,
            bottomMargin=MARGIN,
            **kwargs,
        )
        self.decor = decor
        self._tick = tick
        frame = Frame(
            self.leftMargin,
            self.bottomMargin,
            self.width,
            self.height,
            id="body",
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )
        self.addPageTemplates([PageTemplate(id="body", frames=[frame], onPage=self._band)])

    def _band(self, canv: Canvas, doc: BaseDocTemplate) -> None:
        """A thin accent band at the top of every page."""
        canv.saveState()
        width, height = self.pagesize
        canv.setFillColor(self.decor.style.accent)
        canv.rect(0, height - 8, width, 8, stroke=0, fill=1)
        canv.restoreState()

    def afterFlowable(self, flowable: Flowable) -> None:
        self._tick()
        toc = getattr(flowable, "toc", None)
        if toc is None:
            return
        level, markup, outline, key = toc
        page = self.canv.getPageNumber()
        top = self.frame._y + getattr(flowable, "height", 0) + 4
        self.decor.bookmarks.setdefault(page, []).append((key, top))
        self.canv.addOutlineEntry(outline, key, level=level, closed=level > 0)
        self.decor.entries.append(TocEntry(level, markup, page, key, outline))
