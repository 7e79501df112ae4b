"""Colours, labels and palettes shared by every view (decision colours, light/dark, presentation)."""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication

from planner.model import Decision

DECISION_LABELS: dict[Decision, str] = {
    Decision.SCALE: "Scale",
    Decision.FIX_THEN_SCALE: "Fix then scale",
    Decision.SECURE_SPONSOR: "Secure sponsor",
    Decision.PIVOT: "Pivot",
    Decision.STOP: "Stop",
}

# Colour-blind-safe hues (Okabe–Ito), pale enough for dark text on a table badge.
DECISION_COLORS: dict[Decision, str] = {
    Decision.SCALE: "#9fd8b5",
    Decision.FIX_THEN_SCALE: "#9cc9ef",
    Decision.SECURE_SPONSOR: "#f6d28b",
    Decision.PIVOT: "#d9b8e6",
    Decision.STOP: "#f2a7a0",
}

# Saturated versions for bubbles and chart marks.
DECISION_STRONG: dict[Decision, str] = {
    Decision.SCALE: "#009e73",
    Decision.FIX_THEN_SCALE: "#0072b2",
    Decision.SECURE_SPONSOR: "#e69f00",
    Decision.PIVOT: "#cc79a7",
    Decision.STOP: "#d55e00",
}


def is_dark(palette: QPalette) -> bool:
    """True when the palette's window colour is dark (the system is in dark mode)."""
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def presentation_palette() -> QPalette:
    """High-contrast palette for a projector: pure black on white, strong selection."""
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


def set_presentation(app: QApplication, on: bool, normal_font: QFont, normal_palette: QPalette) -> None:
    """Switch the whole application to projector settings (larger font, high contrast) or back."""
    if on:
        font = QFont(normal_font)
        font.setPointSizeF(max(normal_font.pointSizeF(), 9.0) * 1.45)
        app.setFont(font)
        app.setPalette(presentation_palette())
    else:
        app.setFont(normal_font)
        app.setPalette(normal_palette)
