"""Triage matrix view: connections made once, a colour key, and a way back to the whole matrix."""

from __future__ import annotations

import math

import numpy as np
import pytest
from PySide6.QtCore import SIGNAL, QPoint, QPointF, QRectF, Qt
from PySide6.QtWidgets import QGraphicsSimpleTextItem
from pytestqt.qtbot import QtBot

from tests.ui.factory import portfolio
from ui.document import Document
from ui.theme import DECISION_LABELS
from ui.views.triage.matrix_bubbles import Bubble
from ui.views.triage.matrix_labels import LABEL_CLEAR, label_box
from ui.views.triage.triage_matrix import TriageMatrix


def _matrix(qtbot: QtBot, pilots: int = 8) -> TriageMatrix:
    view = TriageMatrix(Document(portfolio(pilots)))
    qtbot.addWidget(view)
    view.resize(600, 500)
    view.show()
    return view


def test_resizing_and_fitting_add_no_connections(qtbot: QtBot) -> None:
    view = _matrix(qtbot)
    what_if = view.matrix.receivers(SIGNAL("what_if(QString,QPoint)"))
    changed = view.matrix.doc.receivers(SIGNAL("changed(PyObject)"))
    for width in range(610, 710, 10):
        view.resize(width, 500)
        view.fit()
        qtbot.wait(1)
    assert view.matrix.receivers(SIGNAL("what_if(QString,QPoint)")) == what_if == 1
    assert view.matrix.doc.receivers(SIGNAL("changed(PyObject)")) == changed


def test_the_matrix_names_every_decision_colour(qtbot: QtBot) -> None:
    view = _matrix(qtbot)
    texts = {item.text() for item in view.matrix.items() if isinstance(item, QGraphicsSimpleTextItem)}
    assert set(DECISION_LABELS.values()) <= texts


def _empty_spot(view: TriageMatrix) -> QPoint:
    """A point of the viewport with no bubble under it."""
    for x in range(5, view.viewport().width(), 20):
        for y in range(5, view.viewport().height(), 20):
            if view.matrix.bubble_at(view.mapToScene(QPoint(x, y))) is None:
                return QPoint(x, y)
    raise AssertionError("bubbles everywhere")


def test_zoom_then_home_key_double_click_or_button_shows_the_whole_matrix(qtbot: QtBot) -> None:
    view = _matrix(qtbot)
    whole = view.transform().m11()
    for way_back in (
        lambda: qtbot.keyClick(view, Qt.Key.Key_Home),
        lambda: qtbot.keyClick(view, Qt.Key.Key_0),
        lambda: view.fit_button.click(),
        lambda: qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=_empty_spot(view)),
    ):
        view.scale(2.0, 2.0)
        view._auto_fit = False  # as after a wheel zoom
        assert view.transform().m11() == 2 * whole
        way_back()
        assert view.transform().m11() == whole


def test_bubbles_without_a_name_are_counted_and_show_their_card_on_hover(qtbot: QtBot) -> None:
    view = _matrix(qtbot, pilots=200)  # too many to name every bubble: the best-ranked are named
    scene = view.matrix
    labelled = {label.text() for label in scene.labels}
    names = {p.id: p.name for p in scene.doc.portfolio.pilots}
    hidden = [pid for pid in scene.bubbles if names[pid] not in labelled]
    assert hidden
    assert scene.unlabelled.text() == (
        f"{len(hidden)} bubbles without a name: point at one to see its card"
        if len(hidden) > 1
        else "1 bubble without a name: point at one to see its card"
    )
    # pointing at a bubble without a name shows its card (one not lying under another bubble)
    pid = next(
        p for p in hidden if scene.bubble_at(scene.bubbles[p].scene_rect().center()) is scene.bubbles[p]
    )
    assert f"<b>{names[pid]}</b>" in scene.layer.tip_at(scene.bubbles[pid].scene_rect().center())
    assert scene.layer.tip_at(QPointF(-50, -50)) == ""  # between bubbles: no card


def test_text_grows_with_the_application_font_without_overlapping(qtbot: QtBot) -> None:
    from PySide6.QtGui import QFont
    from PySide6.QtWidgets import QApplication

    view = _matrix(qtbot, pilots=12)
    scene = view.matrix

    def texts() -> dict[str, QGraphicsSimpleTextItem]:
        return {i.text(): i for i in scene.items() if isinstance(i, QGraphicsSimpleTextItem)}

    def on_screen(item: QGraphicsSimpleTextItem) -> float:  # words keep their size whatever the zoom
        return item.font().pointSizeF() * view.transform().m11()

    before = {text: on_screen(item) for text, item in texts().items()}
    normal = QApplication.font()
    bigger = QFont(normal)
    bigger.setPointSizeF(normal.pointSizeF() * 1.5)  # what presentation mode does (×1.45)
    QApplication.setFont(bigger)
    try:
        QApplication.processEvents()
        titles = texts()
        for text in ("Value →", "Readiness →", "Scale", scene.labels[0].text()):
            assert on_screen(titles[text]) == pytest.approx(before[text] * 1.5, rel=0.03), (
                text
            )  # see set_view_scale
        axis = titles["Value →"].sceneBoundingRect()
        cue = scene.unlabelled.sceneBoundingRect()
        assert not scene.unlabelled.text() or not axis.intersects(cue)
        readiness = titles["Readiness →"].sceneBoundingRect()
        ticks = [titles[t].sceneBoundingRect() for t in ("0", "100") if t in titles]
        assert all(not readiness.intersects(t) for t in ticks)
        assert scene.sceneRect().contains(axis) and scene.sceneRect().contains(readiness)
    finally:
        QApplication.setFont(normal)


# --- label placement, with bubbles placed by hand ------------------------------------------------------
# Own bubble at (500, 500), radius 10; label 100 × 20. With the 4-unit gap the four places are
# right (514–614, 490–510) and left (386–486, 490–510), each 4 from the own bubble's edge, then above
# (450–550, 470–490) and below (450–550, 510–530), each touching it (0). Every other bubble must be at
# least 4 farther from a place than the own bubble: beyond 8 for a side place, beyond 4 above or below.
OWN = (500.0, 500.0, 10.0)
LABEL = (100.0, 20.0)


def _place(*others: tuple[float, float, float], taken: list[QRectF] | None = None) -> QRectF | None:
    rows = np.array(others, dtype=float).reshape(-1, 3).T  # x, y and radius rows
    return label_box(OWN, LABEL, rows, taken or [])


def test_a_label_goes_right_of_its_bubble_when_nothing_is_near() -> None:
    assert _place() == QRectF(514, 490, 100, 20)


def test_a_label_that_would_end_as_near_another_bubble_moves_to_the_next_place() -> None:
    # B's edge 3 past the right place's end (centre 614 + 3 + 10): nearer than the own bubble's 4
    assert _place((627, 500, 10)) == QRectF(386, 490, 100, 20)
    # 7 past it: farther than 4, but not clearly (not beyond 8): still left
    assert _place((631, 500, 10)) == QRectF(386, 490, 100, 20)
    # 9 past it: clearly farther, so the label stays on the right
    assert _place((633, 500, 10)) == QRectF(514, 490, 100, 20)
    # B on the right place: left instead
    assert _place((600, 505, 10)) == QRectF(386, 490, 100, 20)
    # the reviewer's case: a label on the left would end 2 from bubble C (centre 386 − 2 − 8) and
    # the right is taken by B: the label goes above (B and C are over 70 away from it)
    assert _place((627, 500, 10), (376, 500, 8)) == QRectF(450, 470, 100, 20)


def test_above_and_below_need_every_other_bubble_4_clear_or_there_is_no_label() -> None:
    sides = ((627.0, 500.0, 10.0), (376.0, 500.0, 8.0))  # right and left taken, as above
    # D touches the place above from above (centre 470 − 12); E the place below from below (530 + 12)
    assert _place(*sides, (500, 458, 12)) == QRectF(450, 510, 100, 20)
    assert _place(*sides, (500, 458, 12), (500, 542, 12)) is None
    # D 5 clear of the place above (centre 470 − 5 − 12): the label goes above again
    assert _place(*sides, (500, 453, 12), (500, 542, 12)) == QRectF(450, 470, 100, 20)


def test_a_label_stays_inside_the_plot_and_off_other_labels() -> None:
    near_right_edge = label_box((950.0, 500.0, 10.0), LABEL, np.empty((3, 0)), [])
    assert near_right_edge == QRectF(836, 490, 100, 20)  # right would end at 1064, past the plot
    assert _place(taken=[QRectF(520, 480, 30, 30)]) == QRectF(386, 490, 100, 20)


def test_every_label_on_a_crowded_matrix_is_nearest_its_own_bubble(qtbot: QtBot) -> None:
    view = _matrix(qtbot, pilots=200)
    scene = view.matrix
    names = {p.name: p.id for p in scene.doc.portfolio.pilots}
    assert scene.labels
    for label in scene.labels:
        box = label.sceneBoundingRect()
        own = scene.bubbles[names[label.text()]]
        mine = _gap(box, own)
        clear = max(mine, 0.0) + LABEL_CLEAR - 1e-6
        assert all(_gap(box, b) > clear for b in scene.bubbles.values() if b is not own), label.text()


def _gap(box: QRectF, bubble: Bubble) -> float:
    """Distance from a label's box to a bubble's edge, worked out one bubble at a time."""
    c, r = bubble.scene_rect().center(), bubble.radius
    dx = max(box.left() - c.x(), c.x() - box.right(), 0.0)
    dy = max(box.top() - c.y(), c.y() - box.bottom(), 0.0)
    return math.hypot(dx, dy) - r


def test_hover_card_writes_the_scale_investment_in_the_house_money_format(qtbot: QtBot) -> None:
    view = _matrix(qtbot, pilots=3)
    pilot = view.matrix.doc.portfolio.pilots[0]
    assert pilot.financials.scale_investment == 100_000  # the factory's first pilot
    assert "Scale investment EUR 100 k ·" in view.matrix.card(pilot.id)
