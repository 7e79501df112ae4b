"""The pilot editor's small parts: fields a scroll wheel leaves alone, compact tabs, scrolling pages,
a rating's anchor in words, and the diagnosis page's text."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QComboBox, QProxyStyle, QScrollArea, QSpinBox, QStyle, QStyleOption, QWidget

from ui.document import Document
from ui.theme import DECISION_LABELS


class _WheelOnceFocused:
    """The mouse wheel changes the widget only once it has focus, so scrolling the page never re-rates
    (unfocused, the event goes on to the scroll area behind)."""

    def wheelEvent(self, event: QWheelEvent) -> None:
        if self.hasFocus():  # type: ignore[attr-defined]
            super().wheelEvent(event)  # type: ignore[misc]
        else:
            event.ignore()


class ScrollSafeSpinBox(_WheelOnceFocused, QSpinBox):
    def __init__(self) -> None:
        super().__init__()
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)


class ScrollSafeComboBox(_WheelOnceFocused, QComboBox):
    def __init__(self) -> None:
        super().__init__()
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)


def scroll(widget: QWidget, name: str = "") -> QScrollArea:
    area = QScrollArea()
    area.setAccessibleName(name)
    area.setWidgetResizable(True)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setWidget(widget)
    return area


class CompactTabs(QProxyStyle):
    """Narrow tab padding, so the six tabs fit the dock (a style sheet would stop palette changes)."""

    def pixelMetric(
        self, metric: QStyle.PixelMetric, option: QStyleOption | None = None, widget: QWidget | None = None
    ) -> int:
        padding = {QStyle.PixelMetric.PM_TabBarTabHSpace: 14, QStyle.PixelMetric.PM_TabBarTabVSpace: 8}
        return padding.get(metric) or super().pixelMetric(metric, option, widget)


def anchor_text(anchors: Any, score: int | None) -> str:
    texts = {0: anchors.a0, 1: anchors.a1, 3: anchors.a3, 5: anchors.a5}
    if score is None:
        return "Not rated. 0: " + anchors.a0 + "  ·  5: " + anchors.a5
    if score in texts:
        return f"{score}: {texts[score]}"
    return f"{score} lies between {score - 1}: {texts[score - 1]}  and  {score + 1}: {texts[score + 1]}"


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def diagnosis_html(doc: Document, pilot_id: str) -> str:
    """Largest gaps, failure modes and remedies ranked by expected uplift, from `planner.triage.explain`."""
    exp = doc.explain(pilot_id)
    parts: list[str] = ["<h4>Largest gaps (composite points)</h4><ul>"]
    parts.extend(f"<li>{_esc(g.name)}: {g.composite_gap:.1f}</li>" for g in exp.largest_gaps[:6])
    parts.append("</ul><h4>Why it is stuck</h4>")
    if exp.failure_modes:
        parts.append("<ul>")
        parts.extend(f"<li><b>{_esc(m.name)}</b> — {_esc(m.description)}</li>" for m in exp.failure_modes)
        parts.append("</ul>")
    else:
        parts.append("<p>No failure mode shows in the ratings.</p>")
    if exp.remedies:
        parts.append("<h4>Remedies, by expected uplift</h4><ol>")
        for r in exp.remedies:
            turn = f"; decision becomes {DECISION_LABELS[r.decision_after]}" if r.changes_decision else ""
            parts.append(f"<li><b>{_esc(r.name)}</b>: +{r.uplift:.1f} composite, {r.weeks} weeks{turn}</li>")
        parts.append("</ol>")
    return "".join(parts)
