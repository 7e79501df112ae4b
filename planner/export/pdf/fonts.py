"""Fonts for the PDF pack: a Unicode TrueType face, per-script fallbacks, and safe markup.

reportlab's built-in Helvetica draws boxes for anything outside Latin-1, and reportlab has no font
fallback of its own. This module therefore

- finds a Unicode TrueType font: a TTF the user chose, else the DejaVu Sans shipped in
  ``templates/fonts`` (so every machine produces the same pack), else the platform's own fonts;
- finds a fallback face for any character the main face lacks through the system's font
  configuration (``planner.export.pdf.system_fonts``: fontconfig on Linux, the font folders on
  Windows and macOS), so Chinese, Japanese, Korean, Devanagari or emoji draw with whatever
  installed font covers them; reportlab embeds only the glyphs used (subsets);
- turns user text into reportlab markup (`TextKit.markup`): escaped, newlines as breaks, runs the main
  face cannot draw wrapped in ``<font name=...>`` of a fallback that can, and characters no face can
  draw replaced by a visible placeholder *and recorded* (which pilot, which field) so the pack's
  report can list them instead of the reader seeing silent boxes.

Right-to-left text is shaped by reportlab when ``uharfbuzz`` is importable (`FontSet.shaping`).
"""

from __future__ import annotations

import os
import re
import sys
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from planner.errors import LiftoffError
from planner.export.pdf import system_fonts
from planner.resources import templates_dir

PLACEHOLDER = "?"
MAX_TRIES = 40  # font files read to find one character's face (a font folder may hold hundreds)


def _to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """reportlab's ToUnicode map, with characters past U+FFFF written as UTF-16 (a surrogate pair).

    reportlab writes every code as four hex digits, so U+1F680 (🚀) became ``<1F680>``, which PDF
    readers take as U+1F68: the glyph drew, but copying or searching the text gave the wrong letter.
    """
    lines = [
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        f"/CIDSystemInfo\n<< /Registry ({fontname})\n/Ordering ({fontname})\n/Supplement 0\n>> def",
        f"/CMapName /{fontname} def",
        "/CMapType 2 def",
        "1 begincodespacerange",
        f"<00> <{len(subset) - 1:02X}>",
        "endcodespacerange",
        f"{len(subset)} beginbfchar",
        *(
            f"<{i:02X}> <{chr(v).encode('utf-16-be', 'surrogatepass').hex().upper()}>"
            for i, v in enumerate(subset)
        ),
        "endbfchar",
        "endcmap",
        "CMapName currentdict /CMap defineresource pop",
        "end",
        "end",
    ]
    return "\n".join(lines)


ttfonts.makeToUnicodeCMap = _to_unicode_cmap


class FontError(LiftoffError):
    """No usable Unicode font, or a user-chosen font file that cannot be used."""


@dataclass(frozen=True, slots=True)
class Face:
    """One registered TrueType face and the code points it can draw."""

    name: str  # the reportlab font name it is registered under
    path: str
    chars: frozenset[str]  # the characters it draws, plus the ones that need no glyph (spaces, joiners)

    def covers(self, char: str) -> bool:
        return char in self.chars


@dataclass(frozen=True)
class FontSet:
    """The faces a pack is drawn with: a regular and bold main face, then fallbacks in order.

    Fallback faces (a CJK font can be 17 MB) are only looked up and read the first time a character
    the main face lacks is met (`face_for`); `fallbacks` are the ones found so far.
    """

    regular: Face
    bold: Face
    shaping: bool  # right-to-left and complex scripts are shaped (uharfbuzz is importable)
    _found: list[Face] = field(default_factory=list, repr=False, compare=False)

    @property
    def fallbacks(self) -> tuple[Face, ...]:
        return tuple(self._found)

    def face_for(self, char: str) -> Face | None:
        """A fallback face that draws `char`: one already in use, else the system's first choice."""
        for face in self._found:
            if face.covers(char):
                return face
        for path, index in system_fonts.candidates(char)[:MAX_TRIES]:
            if (str(path), index) in _unusable or path.name == Path(self.regular.path).name:
                continue
            try:
                face = _register(path, index)
            except FontError:
                _unusable.add((str(path), index))  # CFF outlines, bitmap-only emoji, damaged files
                continue
            if face.covers(char):
                if face not in self._found:
                    self._found.append(face)
                return face
        return None


def _system_candidates() -> list[tuple[Path, Path | None]]:
    """(regular, bold) main-face candidates for this platform, best first."""
    shipped = templates_dir() / "fonts"
    out: list[tuple[Path, Path | None]] = [(shipped / "DejaVuSans.ttf", shipped / "DejaVuSans-Bold.ttf")]
    if sys.platform.startswith("win"):
        fonts = Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"
        out += [(fonts / "segoeui.ttf", fonts / "segoeuib.ttf"), (fonts / "arial.ttf", fonts / "arialbd.ttf")]
    elif sys.platform == "darwin":
        sup = Path("/System/Library/Fonts/Supplemental")
        out += [(sup / "Arial Unicode.ttf", None), (sup / "Arial.ttf", sup / "Arial Bold.ttf")]
    for base in (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/TTF")):
        out.append((base / "DejaVuSans.ttf", base / "DejaVuSans-Bold.ttf"))
    out.append(
        (
            Path("/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf"),
            Path("/usr/share/fonts/truetype/liberation2/LiberationSans-Bold.ttf"),
        )
    )
    return out


_registered: dict[tuple[str, int], Face] = {}
_unusable: set[tuple[str, int]] = set()


def _register(path: Path, subfont: int = 0) -> Face:
    """Register a TTF/TTC face with reportlab once per process; FontError when it cannot be used."""
    key = (str(path.resolve()), subfont)
    if key in _registered:
        return _registered[key]
    name = f"Liftoff-{path.stem}-{subfont}".replace(" ", "")
    taken = {face.name for face in _registered.values()}
    suffix = 1
    while name in taken:  # another file with the same name: never replace a registered font
        suffix += 1
        name = f"Liftoff-{path.stem}-{subfont}-{suffix}".replace(" ", "")
    try:
        font = TTFont(name, str(path), subfontIndex=subfont)
    except (TTFError, OSError, ValueError, KeyError, IndexError) as exc:
        raise FontError(f"{path}: not a usable TrueType font ({exc})") from None
    pdfmetrics.registerFont(font)
    chars = frozenset(chr(c) for c in font.face.charToGlyph if c < 0xD800 or 0xDFFF < c <= 0x10FFFF)
    face = Face(name=name, path=str(path), chars=chars | _NO_GLYPH)
    _registered[key] = face
    return face


def _shaping_available() -> bool:
    try:
        import uharfbuzz  # noqa: F401
    except ImportError:
        return False
    return True


def find_fonts(user_font: Path | None = None, user_bold: Path | None = None) -> FontSet:
    """The pack's fonts: the user's TTF when given (errors name it), else the first usable candidate.

    Raises FontError when no Unicode TrueType font can be found at all; the pack never silently
    falls back to Helvetica, which cannot draw non-Latin text.
    """
    if user_font is not None:
        if not user_font.is_file():
            raise FontError(f"{user_font}: font file not found")
        regular = _register(user_font)
        bold = _register(user_bold) if user_bold is not None else regular
    else:
        found: tuple[Face, Face] | None = None
        for reg_path, bold_path in _system_candidates():
            if not reg_path.is_file():
                continue
            try:
                face = _register(reg_path)
            except FontError:
                continue
            strong = face
            if bold_path is not None and bold_path.is_file():
                try:
                    strong = _register(bold_path)
                except FontError:
                    strong = face
            found = (face, strong)
            break
        if found is None:
            raise FontError(
                "no Unicode TrueType font found (looked for DejaVu Sans in templates/fonts and the system "
                "fonts); choose a .ttf file with the font option"
            )
        regular, bold = found
    family = regular.name + "-family"
    if family not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFontFamily(
            regular.name, normal=regular.name, bold=bold.name, italic=regular.name, boldItalic=bold.name
        )
    return FontSet(regular=regular, bold=bold, shaping=_shaping_available())


_NO_GLYPH = frozenset(" \t\n\u200b\u200c\u200d\u200e\u200f\ufe0f\ufe0e")
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff\U00010800-\U00010fff\U0001e800-\U0001efff]")


def _drawable_without_glyph(char: str) -> bool:
    """Characters that need no glyph of their own: spaces, joiners, variation selectors, marks."""
    return char in _NO_GLYPH or unicodedata.category(char) in ("Cc", "Cf")


def is_rtl(text: str) -> bool:
    """True when the text contains right-to-left letters (Hebrew, Arabic, Syriac, Thaana, N'Ko…)."""
    return _RTL.search(text) is not None


@dataclass(frozen=True, slots=True)
class GlyphFinding:
    """Text a pack could not draw: where it came from and the characters that are missing."""

    where: str  # "pilot P-7 (Churn model)", "stakeholder S-3", "portfolio"
    field: str  # "name", "kpi.name", "override.rationale"…
    characters: str  # the distinct missing characters, in order of first appearance

    def describe(self) -> str:
        codes = ", ".join(f"U+{ord(c):04X}" for c in self.characters[:8])
        more = f" and {len(self.characters) - 8} more" if len(self.characters) > 8 else ""
        return f"{self.where}, {self.field}: no font can draw {codes}{more} (shown as '{PLACEHOLDER}')"


@dataclass
class TextKit:
    """Turns untrusted strings into safe reportlab markup with font fallback, recording what is missing."""

    fonts: FontSet
    findings: dict[tuple[str, str], str] = field(default_factory=dict)
    _cache: dict[tuple[str, int | None], str] = field(default_factory=dict, repr=False)

    def runs(self, text: str, where: str = "", field_name: str = "") -> Iterator[tuple[str, str]]:
        """(face name, text) runs covering `text`; undrawable characters become the placeholder."""
        main = self.fonts.regular
        if main.chars.issuperset(text):
            if text:
                yield main.name, text
            return
        current_font = main.name
        buf: list[str] = []
        missing: list[str] = []
        for ch in text:
            if _drawable_without_glyph(ch) or main.covers(ch):
                font = main.name
            else:
                face = self.fonts.face_for(ch)
                font = face.name if face is not None else ""
                if not font:
                    if ch not in missing:
                        missing.append(ch)
                    font, ch = main.name, PLACEHOLDER
            if font != current_font and buf:
                yield current_font, "".join(buf)
                buf = []
            current_font = font
            buf.append(ch)
        if buf:
            yield current_font, "".join(buf)
        if missing and where:
            key = (where, field_name)
            known = self.findings.get(key, "")
            self.findings[key] = known + "".join(c for c in missing if c not in known)

    def clean(self, text: str) -> str:
        """Control characters (other than newline and tab) removed; CR/LF normalised to newline."""
        if text.isprintable():  # the usual case, checked in C: no control character at all
            return text
        return _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))

    def clip(self, text: str, limit: int | None) -> str:
        """`text` cut to `limit` characters, the last one an ellipsis; unchanged when it is shorter."""
        if limit is not None and len(text) > limit:
            return text[: max(limit - 1, 1)].rstrip() + "…"
        return text

    def markup(self, text: object, where: str = "", field_name: str = "", limit: int | None = None) -> str:
        """Safe paragraph markup for a user string: escaped, fallback fonts applied, newlines kept.

        `limit` truncates to that many characters with an ellipsis (for one-line places such as
        contents entries and table cells of fixed height).
        """
        key = (str(text), limit)
        if key in self._cache:
            return self._cache[key]
        raw = self.clip(self.clean(str(text)), limit)
        if self.fonts.regular.chars.issuperset(raw):  # nothing to fall back on or report: cacheable
            body = escape(raw).replace("\n", "<br/>").replace("\t", " ")
            self._cache[key] = body
            return body
        parts: list[str] = []
        for font, run in self.runs(raw, where, field_name):
            body = escape(run).replace("\n", "<br/>").replace("\t", " ")
            parts.append(body if font == self.fonts.regular.name else f'<font name="{font}">{body}</font>')
        return "".join(parts)

    def plain(self, text: object, where: str = "", field_name: str = "", limit: int | None = None) -> str:
        """The text as drawable plain characters (no markup), for chart labels and outline titles."""
        raw = self.clip(" ".join(self.clean(str(text)).split()), limit)
        return "".join(run for _, run in self.runs(raw, where, field_name))

    def label_font(self, text: str) -> str:
        """The single face best suited to draw a short label (a fallback when the main face lacks most)."""
        main = self.fonts.regular
        lacking = [ch for ch in text if not (_drawable_without_glyph(ch) or main.covers(ch))]
        if not lacking:
            return main.name
        self.fonts.face_for(lacking[0])
        for face in self.fonts.fallbacks:
            if all(face.covers(ch) for ch in lacking):
                return face.name
        return main.name

    def report(self) -> list[GlyphFinding]:
        """Every place with characters no font could draw, in the order they were met."""
        return [GlyphFinding(where, fld, chars) for (where, fld), chars in self.findings.items()]


def iter_faces(fonts: FontSet) -> Iterable[Face]:
    """Every face of the set, main faces first."""
    yield fonts.regular
    if fonts.bold is not fonts.regular:
        yield fonts.bold
    yield from fonts.fallbacks
