"""Text blocks, the simple-markup reader and the Pen (planner/export/pdf/text.py)."""

from __future__ import annotations

import io

import pypdf
import pytest
from reportlab.lib.colors import HexColor
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph, SimpleDocTemplate

from planner.export.pdf.fonts import TextKit, find_fonts
from planner.export.pdf.text import Pen, Span, TextBlock, markup_spans, text_flowable

FONTS = find_fonts()
REG, BOLD = FONTS.regular.name, FONTS.bold.name


def style(**kw: object) -> ParagraphStyle:
    return ParagraphStyle("t", fontName=REG, fontSize=10, leading=12, **kw)


def lines(block: TextBlock) -> list[str]:
    return ["".join(text for text, _, _ in line) for line in block.lines]


def test_words_wrap_at_spaces_within_the_width():
    width = stringWidth("alpha beta", REG, 10)  # exactly room for the first two words
    block = text_flowable(TextKit(FONTS), [Span("alpha beta gamma")], style())
    assert isinstance(block, TextBlock)
    _, height = block.wrap(width, 1000)
    assert lines(block) == ["alpha beta", "gamma"]
    assert height == 24  # two lines of 12 points


def test_a_word_runs_across_spans_and_is_never_split_at_a_span_boundary():
    # "25" and " count," are one word "count," after the space: the line breaks before "count,"
    # as a whole, never between "count" and ","
    spans = [Span("target "), Span("25"), Span(" count"), Span(", latest 22")]
    width = stringWidth("target 25 count", REG, 10) - 1
    block = text_flowable(TextKit(FONTS), spans, style())
    block.wrap(width, 1000)
    assert lines(block) == ["target 25", "count, latest", "22"]


def test_newlines_force_breaks_and_bold_spans_use_the_bold_face():
    block = text_flowable(TextKit(FONTS), [Span("Owner: ", bold=True), Span("Ana\nSecond")], style())
    block.wrap(400, 1000)
    assert lines(block) == ["Owner: Ana", "Second"]
    assert [font for _, font, _ in block.lines[0]] == [BOLD, REG]


def test_a_long_word_is_broken_so_that_no_line_is_wider_than_the_frame():
    name = "x" * 500
    block = text_flowable(TextKit(FONTS), [Span(name)], style())
    block.wrap(100, 10_000)
    assert "".join(lines(block)) == name
    assert all(stringWidth(line, REG, 10) <= 100 for line in lines(block))
    assert len(lines(block)) > 1


def test_a_word_too_long_for_any_line_starts_on_the_current_line_as_in_a_paragraph():
    spans = [Span("Sponsor: ", bold=True), Span("N" * 120)]
    block = text_flowable(TextKit(FONTS), spans, style())
    block.wrap(200, 10_000)
    first = lines(block)[0]
    assert first.startswith("Sponsor: N")  # the name is not pushed below its label
    assert "".join(lines(block)) == "Sponsor: " + "N" * 120
    for line in block.lines:
        assert sum(stringWidth(text, font, 10) for text, font, _ in line) <= 200


def test_wrapping_matches_a_paragraph_for_plain_sentences():
    text = (
        "The committee reviewed the pilot portfolio and its readiness for production, "
        "then asked for a short list of decisions with owners and dates."
    )
    for width in (90, 150, 233, 400):
        para = Paragraph(text, style())
        para.wrap(width, 1000)
        expected = [" ".join(words) for _, words in para.blPara.lines]
        block = text_flowable(TextKit(FONTS), [Span(text)], style())
        block.wrap(width, 1000)
        assert lines(block) == expected


def test_text_the_main_face_cannot_draw_goes_to_a_paragraph_with_fallback_markup():
    kit = TextKit(FONTS)
    assert isinstance(text_flowable(kit, [Span("Plain text")], style()), TextBlock)
    arabic = text_flowable(kit, [Span("مرحبا", where="pilot P1", fld="name")], style())
    assert isinstance(arabic, Paragraph)
    emoji = text_flowable(kit, [Span("Launch \U0001f680", where="pilot P3", fld="name")], style())
    assert isinstance(emoji, Paragraph)
    private = text_flowable(kit, [Span("Launch \U0010fffd", where="pilot P2", fld="name")], style())
    assert isinstance(private, Paragraph)
    assert ("pilot P2", "name") in kit.findings  # a glyph no font has is reported against its origin


def test_markup_spans_reads_the_packs_own_tags_and_refuses_anything_else():
    spans = markup_spans('<b>R&amp;D</b> &lt;x&gt;<br/>next&nbsp;line <font color="#FF0000">red</font>')
    assert spans is not None
    assert [(s.text, s.bold) for s in spans] == [
        ("R&D", True),
        (" <x>\nnext\u00a0line ", False),
        ("red", False),
    ]
    assert spans[-1].colour == HexColor("#FF0000")
    assert markup_spans('<font name="WQY">中文</font>') is None  # a fallback face: left to a Paragraph
    assert markup_spans('<img src="x"/>') is None
    assert markup_spans("a < b") is None  # an unescaped bracket is not the pack's markup


def test_user_text_that_looks_like_markup_is_drawn_literally():
    block = text_flowable(TextKit(FONTS), [Span("<b>not bold</b> & <img src=x>")], style())
    block.wrap(400, 100)
    assert lines(block) == ["<b>not bold</b> & <img src=x>"]
    assert block.lines[0][0][1] == REG


def test_a_block_splits_between_lines_and_the_tail_is_marked_as_continued():
    text = "one two three four five"
    width = stringWidth("three", REG, 10)  # one word a line: "one two" is wider than "three"
    block = text_flowable(TextKit(FONTS), [Span(text)], style())
    block.wrap(width, 1000)
    assert lines(block) == ["one", "two", "three", "four", "five"]
    head, tail = block.split(width, 25)  # room for two 12-point lines
    assert (lines(head), lines(tail)) == (["one", "two"], ["three", "four", "five"])
    assert not head.continued and tail.continued


def pdf_text(draw) -> str:  # type: ignore[no-untyped-def]
    out = io.BytesIO()
    canv = Canvas(out)
    draw(canv)
    canv.showPage()
    canv.save()
    return pypdf.PdfReader(io.BytesIO(out.getvalue())).pages[0].extract_text()


def test_the_pen_writes_text_that_a_reader_extracts():
    def draw(canv: Canvas) -> None:
        pen = Pen(canv)
        pen.text(50, 700, "Scale investment", REG, 8, HexColor("#000000"))
        pen.right(300, 680, "EUR 1.25 M", BOLD, 8, HexColor("#FF0000"))
        pen.close()

    text = pdf_text(draw)
    assert "Scale investment" in text
    assert "EUR 1.25 M" in text


def test_the_pen_encodes_each_string_once_per_document(monkeypatch: pytest.MonkeyPatch):
    from reportlab.pdfbase.ttfonts import TTFont

    calls: list[str] = []
    original = TTFont.splitString

    def counting(self, text, doc, encoding="utf-8"):  # type: ignore[no-untyped-def]
        calls.append(text)
        return original(self, text, doc, encoding)

    monkeypatch.setattr(TTFont, "splitString", counting)

    def draw(canv: Canvas) -> None:
        for y in (700, 680, 660):
            pen = Pen(canv)
            pen.text(50, y, "Payback", REG, 8, HexColor("#000000"))
            pen.close()

    assert pdf_text(draw).count("Payback") == 3
    assert calls.count("Payback") == 1
    calls.clear()
    assert pdf_text(draw).count("Payback") == 3  # a new document encodes it afresh
    assert calls.count("Payback") == 1


def test_text_blocks_in_a_document_keep_their_characters_across_subsets():
    # more distinct characters than one 256-code subset holds: the Pen must switch subset fonts
    chars = [chr(c) for c in range(0x100, 0x250) if chr(c) in FONTS.regular.chars]  # Latin Extended
    assert len(chars) > 256
    text = " ".join(chars)
    out = io.BytesIO()
    doc = SimpleDocTemplate(out)
    kit = TextKit(FONTS)
    doc.build(
        [text_flowable(kit, [Span("Plain words first")], style()), text_flowable(kit, [Span(text)], style())]
    )
    extracted = "".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(out.getvalue())).pages)
    assert "Plain words first" in extracted
    assert all(ch in extracted for ch in text.replace(" ", ""))
