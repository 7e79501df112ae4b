"""Rich text without markup: spans of plain text, wrapped and drawn straight onto the canvas.

A reportlab `Paragraph` parses markup, builds fragments and breaks lines fragment by fragment; for
the pack's many short mixed bold/regular texts (a pilot page has a dozen) that costs far more than
the text itself. A `TextBlock` takes the text as `Span`s instead, so it never parses anything (user
text cannot be read as markup) and it wraps with plain width measurements.

`text_flowable` chooses: a `TextBlock` when the main faces draw every character left to right, else
a `Paragraph` of the same spans as escaped markup, so fallback fonts, right-to-left shaping and the
missing-glyph report work exactly as everywhere else in the pack.

Example: ``[Span("Sponsor: ", bold=True), Span(name, where="stakeholder S1", fld="name")]`` draws
"Sponsor:" in the bold face, then the name, wrapped at the width the frame gives it.
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Sequence
from functools import lru_cache
from typing import NamedTuple

from reportlab.lib.colors import Color, HexColor
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.rl_accel import escapePDF, fp_str
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfdoc import PDFDocument
from reportlab.pdfbase.pdfmetrics import getFont, stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph

from planner.export.pdf.fonts import TextKit, is_rtl


@lru_cache(maxsize=16384)
def text_width(text: str, font: str, size: float) -> float:
    """`stringWidth`, remembered: the pack measures the same labels and values on every page."""
    return stringWidth(text, font, size)


@lru_cache(maxsize=256)
def _fill_op(red: float, green: float, blue: float) -> str:
    return f"{fp_str(red, green, blue)} rg"


@lru_cache(maxsize=256)
def _font_op(subset: str, size: float) -> str:
    return f"{subset} {fp_str(size)} Tf"


_ENCODED: weakref.WeakKeyDictionary[PDFDocument, dict[tuple[str, str], list[tuple[str, str]]]] = (
    weakref.WeakKeyDictionary()
)


class Pen:
    """Writes one-line strings in registered TrueType faces as a single PDF text object.

    reportlab's text objects re-encode every string character by character into the font's subsets
    (`TTFont.splitString`) and re-derive the colour and position operators on each call; the pack
    draws the same labels and figures on hundreds of pages. A Pen encodes each distinct (face,
    string) once per document, which is safe because a character keeps its subset code for the
    whole document, and writes only the operators that change. Its output is wrapped in q/Q so the
    canvas's own graphics state is untouched. Use: ``pen = Pen(canv)``, `text` calls, then `close`.
    """

    def __init__(self, canv: Canvas) -> None:
        self.canv = canv
        self._doc = canv._doc
        encoded = _ENCODED.get(self._doc)
        if encoded is None:
            encoded = _ENCODED[self._doc] = {}
        self._encoded = encoded
        self._ops: list[str] = ["q BT"]
        self._font: tuple[str, float] | None = None  # (PDF subset name, size) in effect
        self._colour: Color | None = None

    def text(self, x: float, y: float, text: str, font: str, size: float, colour: Color) -> None:
        """`text` with its baseline starting at (x, y)."""
        self._ops.append(f"1 0 0 1 {fp_str(x, y)} Tm")
        self.follow(text, font, size, colour)

    def move(self, x: float, y: float) -> None:
        """The next text starts at (x, y)."""
        self._ops.append(f"1 0 0 1 {fp_str(x, y)} Tm")

    def follow(self, text: str, font: str, size: float, colour: Color) -> None:
        """`text` right after the previous one."""
        ops = self._ops
        if colour is not self._colour:
            ops.append(_fill_op(colour.red, colour.green, colour.blue))
            self._colour = colour
        parts = self._encoded.get((font, text)) or self._encode(text, font)
        for subset, shown in parts:
            if self._font != (subset, size):
                ops.append(_font_op(subset, size))
                self._font = (subset, size)
            ops.append(shown)

    def right(self, x: float, y: float, text: str, font: str, size: float, colour: Color) -> None:
        """`text` ending at x."""
        self.text(x - text_width(text, font, size), y, text, font, size, colour)

    def close(self) -> None:
        """Adds everything written to the canvas."""
        if len(self._ops) > 1:
            self._ops.append("ET Q")
            self.canv.addLiteral(" ".join(self._ops))
        self._ops = ["q BT"]
        self._font, self._colour = None, None

    def _encode(self, text: str, font: str) -> list[tuple[str, str]]:
        """(PDF subset font name, show-text operator) per subset the text's characters fall in."""
        face = getFont(font)
        parts = [
            (face.getSubsetInternalName(subset, self._doc), f"({escapePDF(chunk)}) Tj")
            for subset, chunk in face.splitString(text, self._doc)
        ]
        self._encoded[(font, text)] = parts
        return parts


class Span(NamedTuple):
    """A piece of text drawn in one face and colour.

    `text` is plain text, never markup. User text names its origin (`where`, `fld`) so characters no
    face can draw are reported against it; `limit` cuts it to that many characters with an ellipsis.
    A newline starts a new line.
    """

    text: str
    bold: bool = False
    colour: Color | None = None  # None: the style's text colour
    where: str = ""
    fld: str = ""
    limit: int | None = None


Piece = tuple[str, str, Color]  # (text, font name, colour)


_TAG = re.compile(r"<(/?)([a-z]+)([^>]*)>|&(lt|gt|amp|nbsp);|([^<&]+)|(.)")
_COLOUR_ATTR = re.compile(r'^ color="(#[0-9A-Fa-f]{6})"$')
_ENTITY = {"lt": "<", "gt": ">", "amp": "&", "nbsp": "\u00a0"}
_SPACE_RUN = re.compile(r"[ \t\r\n]+")


def markup_spans(markup: str) -> list[Span] | None:
    """The pack's own simple markup as spans: ``<b>``, ``<i>`` (drawn upright: the pack's font family
    has no italic), ``<br/>``, ``<font color="#RRGGBB">`` and the entities user text is escaped with.
    None for anything else (a fallback font, a link…): that markup is left to a Paragraph.

    User text inside the markup is already escaped, so a tag here is always the pack's own.
    Whitespace runs collapse to one space, as in a Paragraph.
    """
    spans: list[Span] = []
    bold = 0
    colours: list[Color | None] = [None]
    for m in _TAG.finditer(markup):
        closing, tag, attrs, entity, text, stray = m.groups()
        if text is not None or entity is not None or tag == "br":
            if tag == "br" and (attrs != "/" or closing):
                return None
            piece = _SPACE_RUN.sub(" ", text) if text is not None else _ENTITY[entity] if entity else "\n"
            if spans and spans[-1].bold == (bold > 0) and spans[-1].colour is colours[-1]:
                spans[-1] = spans[-1]._replace(text=spans[-1].text + piece)
            else:
                spans.append(Span(piece, bold=bold > 0, colour=colours[-1]))
        elif stray is not None:
            return None
        elif tag in ("b", "i") and not attrs:
            bold += (-1 if closing else 1) if tag == "b" else 0
        elif tag == "font" and closing and len(colours) > 1:
            colours.pop()
        elif tag == "font" and not closing and (colour := _COLOUR_ATTR.match(attrs)):
            colours.append(HexColor(colour.group(1)))
        else:
            return None
    return spans


def spans_markup(kit: TextKit, spans: Sequence[Span]) -> str:
    """The spans as safe Paragraph markup: escaped, fallback fonts applied, newlines as breaks."""
    parts = []
    for s in spans:
        body = kit.markup(s.text, s.where, s.fld, s.limit)
        if s.bold:
            body = f"<b>{body}</b>"
        if s.colour is not None:
            body = f'<font color="{s.colour.hexval().replace("0x", "#")}">{body}</font>'
        parts.append(body)
    return "".join(parts)


def block_lines(kit: TextKit, spans: Sequence[Span], style: ParagraphStyle) -> list[list[Piece]] | None:
    """The spans as forced lines of pieces for a `TextBlock`; None when a Paragraph is needed (a
    character the main faces lack, right-to-left text, a style in another face or not left-aligned)."""
    if style.alignment != TA_LEFT:
        return None
    regular, bold = kit.fonts.regular, kit.fonts.bold
    if style.fontName not in (regular.name, bold.name):
        return None
    lines: list[list[Piece]] = [[]]
    for s in spans:
        text = kit.clip(kit.clean(s.text), s.limit).replace("\t", " ")
        face = bold if s.bold or style.fontName == bold.name else regular
        if is_rtl(text) or not face.chars.issuperset(text):
            return None
        colour = s.colour or style.textColor
        first, *rest = text.split("\n")
        if first:
            lines[-1].append((first, face.name, colour))
        for more in rest:
            lines.append([(more, face.name, colour)] if more else [])
    return lines if any(lines) else None  # nothing to draw: a Paragraph gives it no height


def shaped(kit: TextKit, style: ParagraphStyle, text: str) -> ParagraphStyle:
    """The style for a Paragraph of `text`: shaped when it has right-to-left letters and the fonts can."""
    if kit.fonts.shaping and is_rtl(text):
        return ParagraphStyle(style.name + "-rtl", parent=style, shaping=1)
    return style


def text_flowable(kit: TextKit, spans: Sequence[Span], style: ParagraphStyle) -> Flowable:
    """A `TextBlock` of the spans when the main faces draw them all left to right, else a Paragraph."""
    lines = block_lines(kit, spans, style)
    if lines is not None:
        return TextBlock(lines, style)
    return Paragraph(spans_markup(kit, spans), shaped(kit, style, "".join(s.text for s in spans)))


class TextBlock(Flowable):
    """Lines of pieces (text, font, colour) wrapped greedily at spaces, left-aligned, in one style.

    A word wider than the line is broken between characters, so no text ever runs past its frame.
    Splits between lines when it does not fit the rest of a page. A heading's block carries its
    contents entry in `toc` (see `doc.PackDoc.afterFlowable`).
    """

    toc: tuple[int, str, str, str] | None = None

    def __init__(self, lines: list[list[Piece]], style: ParagraphStyle) -> None:
        super().__init__()
        self.source = lines  # one list of pieces per forced line, before wrapping
        self.style = style
        self.spaceBefore = style.spaceBefore
        self.spaceAfter = style.spaceAfter
        self.lines: list[list[Piece]] = []
        self.continued = False  # the tail of a split block: its first line is not indented
        self._wrapped_at: float | None = None
        self.width = 0.0
        self.height = 0.0

    @classmethod
    def _part(cls, lines: list[list[Piece]], style: ParagraphStyle, width: float) -> TextBlock:
        """A block of lines already wrapped at `width`."""
        part = cls(lines, style)
        part.lines, part._wrapped_at = lines, width
        part.width, part.height = width, style.leading * len(lines)
        return part

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        if self._wrapped_at != aw:
            self.lines = self._layout(aw)
            self._wrapped_at = aw
        self.width = aw
        self.height = self.style.leading * len(self.lines)
        return aw, self.height

    def _layout(self, aw: float) -> list[list[Piece]]:
        st = self.style
        size = st.fontSize
        full = aw - st.leftIndent - st.rightIndent
        out: list[list[Piece]] = []
        for source in self.source:
            room = full - (st.firstLineIndent if not out and not self.continued else 0)
            if sum(text_width(text, font, size) for text, font, _ in source) <= room:
                out.append(source)  # the common case: the whole line fits
                continue
            line: list[Piece] = []
            used, gaps = 0.0, 0
            for word, width, after in _words(source, size):
                if not line and width == 0:
                    continue  # no spaces at the start of a wrapped line
                # like a Paragraph, a line may run over by a twentieth of a space per word gap
                if line and used + width > room + st.spaceShrinkage * gaps * text_width(
                    " ", st.fontName, size
                ):
                    if width > full:  # too long for any line: it starts on this one, as in a Paragraph
                        head, word = _cut(word, size, room - used, least=0)
                        line += head
                        width = sum(text_width(text, font, size) for text, font, _ in word)
                    out.append(line)
                    line, used, gaps, room = [], 0.0, 0, full
                while width > room:  # a word longer than a whole line: broken between characters
                    head, word = _cut(word, size, room)
                    out.append(head)
                    width = sum(text_width(text, font, size) for text, font, _ in word)
                    room = full
                line += word
                used += width + after
                gaps += 1
            out.append(line)
        return [_merged(line) for line in out]

    def split(self, aw: float, ah: float) -> list[Flowable]:
        self.wrap(aw, ah)
        fit = int(ah // self.style.leading)
        if fit < 1 or fit >= len(self.lines):
            return []
        head = TextBlock._part(self.lines[:fit], self.style, aw)
        tail = TextBlock._part(self.lines[fit:], self.style, aw)
        head.continued, head.toc = self.continued, self.toc
        tail.continued = True
        head.spaceAfter = 0
        tail.spaceBefore = 0
        return [head, tail]

    def draw(self) -> None:
        st = self.style
        pen = Pen(self.canv)
        for i, line in enumerate(self.lines):
            x = st.leftIndent + (st.firstLineIndent if i == 0 and not self.continued else 0)
            y = self.height - st.fontSize - i * st.leading
            pen.move(x, y)
            for piece, font, colour in line:
                pen.follow(piece, font, st.fontSize, colour)
        pen.close()


def _words(source: list[Piece], size: float) -> list[tuple[list[Piece], float, float]]:
    """The line cut at its spaces: (pieces of the word and the spaces after it, width of the word
    alone, width of those spaces). A word may run across pieces ("25" then " count" then ", ")."""
    words: list[tuple[list[Piece], float, float]] = []
    pieces: list[Piece] = []
    width = after = 0.0
    for text, font, colour in source:
        space = text_width(" ", font, size)
        for i, part in enumerate(text.split(" ")):
            if i:  # a space came before this part: it trails the word so far
                after += space
                if pieces:
                    last = pieces[-1]
                    pieces[-1] = (last[0] + " ", last[1], last[2])
            if not part:
                continue
            if after:  # a new word begins after spaces
                words.append((pieces, width, after))
                pieces, width, after = [], 0.0, 0.0
            pieces.append((part, font, colour))
            width += text_width(part, font, size)
    if pieces or after:
        words.append((pieces, width, after))
    return words


def _cut(word: list[Piece], size: float, room: float, least: int = 1) -> tuple[list[Piece], list[Piece]]:
    """(the longest head of the word that fits `room` points but has at least `least` characters;
    the rest)."""
    used = 0.0
    for i, (text, font, colour) in enumerate(word):
        width = text_width(text, font, size)
        if used + width > room:
            lo, hi = 0 if i else least, len(text)
            while lo < hi:
                mid = (lo + hi + 1) // 2
                if used + text_width(text[:mid], font, size) <= room:
                    lo = mid
                else:
                    hi = mid - 1
            head = [*word[:i], (text[:lo], font, colour)] if lo else word[:i]
            return head, [(text[lo:], font, colour), *word[i + 1 :]]
        used += width
    return word, []


def _merged(line: list[Piece]) -> list[Piece]:
    """Neighbouring pieces in the same font and colour joined (one text operator each); the line's
    leading and trailing spaces dropped."""
    out: list[Piece] = []
    for text, font, colour in line:
        if not out:
            text = text.lstrip(" ")
            if not text:
                continue
        if out and out[-1][1] == font and out[-1][2] is colour:
            out[-1] = (out[-1][0] + text, font, colour)
        else:
            out.append((text, font, colour))
    if out:
        last = out[-1]
        out[-1] = (last[0].rstrip(" "), last[1], last[2])
    return out
