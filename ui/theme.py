"""Colours, labels and palettes shared by every view (decision colours, light/dark, presentation).

Views never pick a colour themselves: they ask `scheme(palette)` for the colours of the palette in
force. Neutral colours (canvas, text, grid) are mixed from the palette itself, so the projector
palette stays pure black on white; meaning colours (decisions, errors, the critical path) come as a
light/dark pair chosen by `is_dark`, tuned so text on them stays readable (WCAG contrast ≥ 4.5).
Views redraw on ``QEvent.PaletteChange`` and ask again; labels coloured with `set_tone` follow on
their own.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QColor, QFont, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QWidget

from planner.model import Decision, Stance
from planner.triage.labels import DECISION_LABELS as DECISION_LABELS  # the views read the names from here

# Colour-blind-safe hues (Okabe–Ito), pale enough for dark text on a table badge.
DECISION_COLORS: dict[Decision, str] = {
    Decision.SCALE: "#9fd8b5",
    Decision.FIX_THEN_SCALE: "#9cc9ef",
    Decision.SECURE_SPONSOR: "#f6d28b",
    Decision.PIVOT: "#d9b8e6",
    Decision.STOP: "#f2a7a0",
}

# The same hues, deep enough for light text on a dark palette.
DECISION_COLORS_DARK: dict[Decision, str] = {
    Decision.SCALE: "#1f6b4e",
    Decision.FIX_THEN_SCALE: "#1d5a8a",
    Decision.SECURE_SPONSOR: "#7a5a12",
    Decision.PIVOT: "#6e3f7e",
    Decision.STOP: "#8a3a1c",
}

# Marks that read on either canvas: stances on the stakeholder map, rollout phases on the Gantt.
STANCE_COLORS: dict[Stance, str] = {
    Stance.UNAWARE: "#9aa3b0",
    Stance.RESISTANT: "#d55e00",
    Stance.NEUTRAL: "#f0c05a",
    Stance.SUPPORTIVE: "#56b4e9",
    Stance.LEADING: "#009e73",
}
PHASE_COLORS = ["#8fb8de", "#5b9bd5", "#3f7fbf", "#2a6099", "#1d4673", "#7fb77e", "#a9c9a4", "#c9b27c"]
REMEDIATION_COLOR = "#c8c8c8"
GATE_COLOR = "#f6d28b"  # a gate diamond's fill
GATE_MARK = "#c98a00"  # the diamond in a legend, as text on the window

# Change-management stages of a training session (calendar cells), light and dark.
TRAINING_STAGES: dict[str, tuple[str, str]] = {
    "awareness": ("#fde9c8", "#6b4f1d"),
    "desire": ("#f9d3a0", "#7a4a12"),
    "knowledge": ("#cfe3f5", "#27506f"),
    "ability": ("#9cc9ef", "#1d5a8a"),
    "reinforcement": ("#c9e7d3", "#285f3e"),
}


def is_dark(palette: QPalette) -> bool:
    """True when the palette's window colour is dark (the system is in dark mode)."""
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def mix(a: QColor, b: QColor, t: float) -> QColor:
    """`a` moved a fraction `t` (0–1) of the way towards `b`."""
    return QColor.fromRgbF(
        a.redF() + (b.redF() - a.redF()) * t,
        a.greenF() + (b.greenF() - a.greenF()) * t,
        a.blueF() + (b.blueF() - a.blueF()) * t,
    )


@dataclass(frozen=True)
class Scheme:
    """The colours views draw with under one palette; hex strings, usable in rich text too."""

    dark: bool
    canvas: str  # scene and chart background
    plot: str  # a plotting area on the canvas
    grid: str  # grid lines, row rules
    frame: str  # plot frames, soft connectors
    text: str  # labels drawn in scenes
    muted: str  # ticks, headers, secondary text
    faint: str  # placeholders, values being recomputed (contrast 3:1 and more, not 4.5)
    watermark: str  # big quadrant names behind the marks (#AARRGGBB)
    line: str  # threshold lines, arrows
    outline: str  # the ring that separates a mark from the canvas
    good: str  # rank up, an acceptable result
    bad: str  # errors, blocked, rank down
    critical: str  # the critical path
    highlight: str  # coalition routes, critical enablers
    link: str  # influence arrows, a link being drawn
    today: str  # the "today" line
    badge_text: str  # text on a decision badge
    badges: dict[Decision, str]
    notice: str  # background of a warning banner
    notice_text: str
    enabler: str  # enabler boxes (light text on them)
    enabler_ready: str
    empty: str  # a box with nothing to show (no score yet)

    def badge(self, decision: Decision) -> QColor:
        return QColor(self.badges[decision])

    def training_stage(self, stage: str) -> QColor:
        pair = TRAINING_STAGES.get(stage)
        return QColor(pair[1] if self.dark else pair[0]) if pair else QColor(self.empty)

    def rating_fill(self, score: int) -> QColor:
        """A cell rated `score` (0–5): the better the rating, the greener (text stays readable)."""
        if self.dark:
            return mix(QColor(self.canvas), QColor("#2e8b57"), score * 0.11)
        shade = 255 - score * 18
        return QColor(shade, 245, shade)


_LIGHT = {
    "good": "#17703a", "bad": "#b3261e", "critical": "#b34f00", "highlight": "#e69f00",
    "today": "#c0392b", "badge_text": "#1b1b1b", "notice": "#fdecea", "notice_text": "#7b1c12",
    "enabler": "#2f3b4c", "enabler_ready": "#4d6b50", "line": "#56606e",
    "link": "#0072b2",
}  # fmt: skip
_DARK = {
    "good": "#6fcf8f", "bad": "#ff8a80", "critical": "#f0a35a", "highlight": "#e69f00",
    "today": "#ff6b5e", "badge_text": "#eef1f5", "notice": "#4a1f1c", "notice_text": "#ffd7d2",
    "enabler": "#3b4a60", "enabler_ready": "#3f6344", "line": "#aab3bf",
    "link": "#56b4e9",
}  # fmt: skip
SLATE = "#4c6a92"
_cache: dict[tuple[int, bool], Scheme] = {}
_high_contrast = False  # presentation mode: every text colour at least 4.5:1 on its background


def scheme(palette: QPalette | None = None) -> Scheme:
    """The colours for `palette` (default: the application's)."""
    pal = QGuiApplication.palette() if palette is None else palette
    key = (pal.cacheKey(), _high_contrast)
    found = _cache.get(key)
    if found is not None:
        return found
    dark = is_dark(pal)
    base = pal.color(QPalette.ColorRole.Base)
    text = pal.color(QPalette.ColorRole.Text)
    fixed = _DARK if dark else _LIGHT
    ink = mix(text, QColor(SLATE), 0.4)  # lines and fills lean slightly blue, like the marks
    watermark = mix(ink, base, 0.15)
    watermark.setAlpha(120)
    made = Scheme(
        dark=dark,
        canvas=base.name(),
        plot=mix(base, ink, 0.03).name(),
        grid=mix(base, ink, 0.16).name(),
        frame=mix(base, ink, 0.42).name(),
        text=text.name(),
        muted=mix(ink, base, 0.2).name(),
        faint=mix(ink, base, 0.35).name(),
        watermark=watermark.name(QColor.NameFormat.HexArgb),
        outline=base.name(),
        badges=DECISION_COLORS_DARK if dark else DECISION_COLORS,
        empty=mix(base, ink, 0.12).name(),
        **fixed,
    )
    if _high_contrast and not dark:  # secondary text as dark as the back row of a room needs
        strong = mix(ink, base, 0.3).name()
        made = replace(made, muted=mix(ink, base, 0.15).name(), faint=strong, watermark=strong)
    if len(_cache) > 16:
        _cache.clear()
    _cache[key] = made
    return made


class _Tones(QObject):
    """Re-colours toned widgets when the palette they inherit changes."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.PaletteChange and isinstance(watched, QWidget):
            _apply_tone(watched)
        return False


_tones = _Tones()


def _apply_tone(widget: QWidget) -> None:
    colour = QColor(getattr(scheme(), str(widget.property("tone"))))
    if widget.palette().color(QPalette.ColorRole.WindowText) == colour:
        return  # already right (this is also the change event our own setPalette causes)
    pal = QPalette()  # only the text roles: the rest still comes from the parent
    pal.setColor(QPalette.ColorRole.WindowText, colour)
    pal.setColor(QPalette.ColorRole.Text, colour)
    widget.setPalette(pal)


def set_tone(widget: QWidget, tone: str) -> None:
    """Colour a label's text by meaning ("muted", "faint", "good", "bad"), following palette changes."""
    widget.setProperty("tone", tone)
    _apply_tone(widget)
    widget.removeEventFilter(_tones)
    widget.installEventFilter(_tones)


def presentation_palette() -> QPalette:
    """High contrast for a projector: black on white, every text role at least 4.5:1 (WCAG AA) against
    its background, disabled text clearly grey yet still readable, a deep blue selection."""
    pal = print_palette()
    roles, disabled = QPalette.ColorRole, QPalette.ColorGroup.Disabled
    for role, colour in (
        (roles.PlaceholderText, "#595959"),  # 7.0:1 on white
        (roles.ToolTipBase, "#ffffdd"),
        (roles.ToolTipText, "#000000"),
        (roles.Link, "#0033aa"),
        (roles.LinkVisited, "#5b1a8a"),
        (roles.BrightText, "#b00020"),
        (roles.Light, "#ffffff"),
        (roles.Midlight, "#d0d0d0"),
        (roles.Mid, "#8a8a8a"),
        (roles.Dark, "#4d4d4d"),
        (roles.Shadow, "#000000"),
    ):
        pal.setColor(role, QColor(colour))
    for role in (roles.WindowText, roles.Text, roles.ButtonText, roles.PlaceholderText):
        pal.setColor(disabled, role, QColor(DISABLED_TEXT))
    for role in (roles.Button, roles.Window, roles.Base):
        pal.setColor(disabled, role, QColor("#f2f2f2"))  # a disabled field also looks greyed out
    pal.setColor(disabled, roles.Highlight, QColor("#8a8a8a"))
    return pal


DISABLED_TEXT = "#666666"  # 5.7:1 on white, 5.2:1 on the disabled grey: readable, visibly not black


def print_palette() -> QPalette:
    """Pure black on white with a strong selection: for exported images (and the projector's base)."""
    pal = QPalette()
    white, black = QColor("#ffffff"), QColor("#000000")
    for role in (QPalette.ColorRole.Window, QPalette.ColorRole.Base, QPalette.ColorRole.Button):
        pal.setColor(role, white)
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText):
        pal.setColor(role, black)
    pal.setColor(QPalette.ColorRole.AlternateBase, QColor("#eeeeee"))
    pal.setColor(QPalette.ColorRole.Highlight, QColor("#0033aa"))
    pal.setColor(QPalette.ColorRole.HighlightedText, white)
    return pal


def dark_palette() -> QPalette:
    """A dark palette for the Fusion style (what a system in dark mode gives, for screenshots and tests)."""
    roles = QPalette.ColorRole
    pal = QPalette()
    for role, colour in (
        (roles.Window, "#2b2e33"),
        (roles.WindowText, "#e6e9ee"),
        (roles.Base, "#1e2126"),
        (roles.AlternateBase, "#262a30"),
        (roles.ToolTipBase, "#31353b"),
        (roles.ToolTipText, "#e6e9ee"),
        (roles.PlaceholderText, "#8b929c"),
        (roles.Text, "#e6e9ee"),
        (roles.Button, "#353940"),
        (roles.ButtonText, "#e6e9ee"),
        (roles.BrightText, "#ff8a80"),
        (roles.Light, "#4a4f57"),
        (roles.Midlight, "#3d4148"),
        (roles.Mid, "#5b616b"),
        (roles.Dark, "#1a1c20"),
        (roles.Shadow, "#101114"),
        (roles.Highlight, "#2f65b5"),
        (roles.HighlightedText, "#ffffff"),
        (roles.Link, "#7ab8ff"),
        (roles.LinkVisited, "#c39cf0"),
    ):
        pal.setColor(role, QColor(colour))
    for role in (roles.Text, roles.WindowText, roles.ButtonText):
        pal.setColor(QPalette.ColorGroup.Disabled, role, QColor("#7a808a"))
    pal.setColor(QPalette.ColorGroup.Disabled, roles.Highlight, QColor("#454a52"))
    return pal


def set_presentation(app: QApplication, on: bool, normal_font: QFont, normal_palette: QPalette) -> None:
    """Switch the whole application to projector settings (larger font, high contrast) or back.

    Back from the projector, an application that followed the system's palette follows it again
    (the system may have switched between light and dark meanwhile); a palette that was set on
    purpose (e.g. `dark_palette`) is restored.
    """
    global _high_contrast
    _high_contrast = on
    if on:
        font = QFont(normal_font)
        font.setPointSizeF(max(normal_font.pointSizeF(), 9.0) * 1.45)
        app.setFont(font)
        app.setPalette(presentation_palette())
    else:
        app.setFont(normal_font)
        app.setPalette(QPalette() if normal_palette.resolveMask() == 0 else normal_palette)
