"""Triage matrix view: connections made once, a colour key, and a way back to the whole matrix."""

from __future__ import annotations

from PySide6.QtCore import SIGNAL, QEvent, QPoint, Qt
from PySide6.QtWidgets import QGraphicsSceneHoverEvent, QGraphicsSimpleTextItem
from pytestqt.qtbot import QtBot

from tests.ui.factory import portfolio
from ui.document import Document
from ui.theme import DECISION_LABELS
from ui.views.triage_matrix import TriageMatrix


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
    view = _matrix(qtbot, pilots=60)  # more pilots than labels fit without overlapping
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
    bubble = scene.bubbles[hidden[0]]
    bubble.hoverEnterEvent(QGraphicsSceneHoverEvent(QEvent.Type.GraphicsSceneHoverEnter))
    assert f"<b>{names[hidden[0]]}</b>" in bubble.toolTip()


def test_text_grows_with_the_application_font_without_overlapping(qtbot: QtBot) -> None:
    from PySide6.QtGui import QFont
    from PySide6.QtWidgets import QApplication

    view = _matrix(qtbot, pilots=12)
    scene = view.matrix

    def texts() -> dict[str, QGraphicsSimpleTextItem]:
        return {i.text(): i for i in scene.items() if isinstance(i, QGraphicsSimpleTextItem)}

    before = {text: item.font().pointSizeF() for text, item in texts().items()}
    normal = QApplication.font()
    bigger = QFont(normal)
    bigger.setPointSizeF(normal.pointSizeF() * 1.5)  # what presentation mode does (×1.45)
    QApplication.setFont(bigger)
    try:
        QApplication.processEvents()
        titles = texts()
        for text in ("Value →", "Readiness →", "Scale", scene.labels[0].text()):
            assert titles[text].font().pointSizeF() == before[text] * 1.5, text
        axis = titles["Value →"].sceneBoundingRect()
        cue = scene.unlabelled.sceneBoundingRect()
        assert not scene.unlabelled.text() or not axis.intersects(cue)
        readiness = titles["Readiness →"].sceneBoundingRect()
        ticks = [titles[t].sceneBoundingRect() for t in ("0", "100") if t in titles]
        assert all(not readiness.intersects(t) for t in ticks)
        assert scene.sceneRect().contains(axis) and scene.sceneRect().contains(readiness)
    finally:
        QApplication.setFont(normal)
