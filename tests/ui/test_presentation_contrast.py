"""Presentation mode passes WCAG AA for every text: each text colour of the projector palette, and each
text colour views draw with under it, has a contrast of at least 4.5:1 with its background (contrast
worked out from the sRGB definition in `test_dark_mode`). Disabled text stays readable, yet visibly
differs from enabled text."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from planner.model import Decision
from tests.ui.test_dark_mode import contrast, over
from ui import theme

R, G = QPalette.ColorRole, QPalette.ColorGroup
AA = 4.5


@pytest.fixture
def presenting(qapp: QApplication) -> Iterator[QPalette]:
    font, palette = qapp.font(), qapp.palette()
    theme.set_presentation(qapp, True, font, palette)
    yield qapp.palette()
    theme.set_presentation(qapp, False, font, palette)


def palette_pairs(palette: QPalette) -> list[tuple[str, QColor, QColor]]:
    active = [
        (R.WindowText, R.Window),
        (R.Text, R.Base),
        (R.Text, R.AlternateBase),
        (R.ButtonText, R.Button),
        (R.HighlightedText, R.Highlight),
        (R.ToolTipText, R.ToolTipBase),
        (R.PlaceholderText, R.Base),
        (R.Link, R.Base),
        (R.LinkVisited, R.Base),
        (R.BrightText, R.Window),
    ]
    disabled = [
        (R.WindowText, R.Window),
        (R.Text, R.Base),
        (R.ButtonText, R.Button),
        (R.PlaceholderText, R.Base),
    ]
    pairs = [
        (f"{t.name} on {b.name}", palette.color(G.Active, t), palette.color(G.Active, b)) for t, b in active
    ]
    pairs += [
        (f"disabled {t.name} on {b.name}", palette.color(G.Disabled, t), palette.color(G.Disabled, b))
        for t, b in disabled
    ]
    return pairs


def scheme_pairs(palette: QPalette) -> list[tuple[str, QColor, QColor]]:
    c = theme.scheme(palette)
    window = palette.color(R.Window)
    pairs = []
    for ground_name, ground in (("canvas", QColor(c.canvas)), ("plot", QColor(c.plot)), ("window", window)):
        for name in ("text", "muted", "faint", "good", "bad", "critical", "link", "today"):
            pairs.append((f"{name} on {ground_name}", QColor(getattr(c, name)), ground))
        pairs.append((f"watermark on {ground_name}", over(QColor(c.watermark), ground), ground))
    pairs += [(f"badge text on {d.value}", QColor(c.badge_text), c.badge(d)) for d in Decision]
    pairs.append(("notice text", QColor(c.notice_text), QColor(c.notice)))
    pairs += [
        ("enabler label", QColor("#ffffff"), QColor(c.enabler)),
        ("ready enabler", QColor("#ffffff"), QColor(c.enabler_ready)),
    ]
    pairs += [(f"training {s}", palette.color(R.Text), c.training_stage(s)) for s in theme.TRAINING_STAGES]
    return pairs


def test_every_text_colour_of_presentation_mode_passes_aa(presenting: QPalette) -> None:
    low = [
        f"{what}: {contrast(text, ground):.2f}"
        for what, text, ground in palette_pairs(presenting) + scheme_pairs(presenting)
        if contrast(text, ground) < AA
    ]
    assert low == []


def test_disabled_text_looks_disabled(presenting: QPalette) -> None:
    enabled = presenting.color(G.Active, R.ButtonText)
    disabled = presenting.color(G.Disabled, R.ButtonText)
    assert contrast(enabled, disabled) >= 2.5  # visibly lighter than enabled text, still AA on its ground


def test_the_check_would_catch_the_normal_scheme_s_watermark(qapp: QApplication) -> None:
    """Outside presentation mode the matrix's quadrant names are a watermark meant to recede behind the
    bubbles; on the same white that would fail AA, which is why presentation mode darkens them."""
    c = theme.scheme(theme.print_palette())
    assert contrast(over(QColor(c.watermark), QColor(c.plot)), QColor(c.plot)) < AA
