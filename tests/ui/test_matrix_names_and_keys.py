"""Triage matrix: every bubble named on a 40-pilot portfolio at the size a 1920×1080 screen gives the
view (on leader lines where needed), names never on a bubble, another name or a quadrant title, the
selected pilot always named; arrow keys select the nearest bubble in their direction, Enter opens it;
the table twin lists what the bubbles show."""

from __future__ import annotations

import math

import pytest
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from bench.portfolios import realistic
from tests.ui.factory import portfolio
from ui.document import Document
from ui.views.triage.triage_matrix import TriageMatrix, TriageMatrixPanel

# the matrix view's size in the window on a 1920 × 1080 screen at first start (measured there)
FULL_HD_VIEW = (1130, 850)


def _view(qtbot: QtBot, doc: Document, size: tuple[int, int]) -> TriageMatrix:
    view = TriageMatrix(doc)
    qtbot.addWidget(view)
    view.resize(*size)
    view.show()
    QApplication.processEvents()
    return view


def _circle_meets(box: QRectF, centre: QPointF, radius: float) -> bool:
    dx = max(box.left() - centre.x(), centre.x() - box.right(), 0.0)
    dy = max(box.top() - centre.y(), centre.y() - box.bottom(), 0.0)
    return math.hypot(dx, dy) < radius - 1e-6  # a name above or below its bubble touches it


def check_names(view: TriageMatrix) -> None:
    scene = view.matrix
    names = [label.sceneBoundingRect() for label in scene.labels]
    titles = [q.sceneBoundingRect() for q in scene.quadrants]
    for i, box in enumerate(names):
        text = scene.labels[i].text()
        assert not any(box.intersects(other) for other in names[i + 1 :]), text
        assert not any(box.intersects(title) for title in titles), text
        assert QRectF(0, 0, 1000, 1000).contains(box), text
        assert not any(_circle_meets(box, b.pos(), b.radius) for b in scene.bubbles.values()), text
    for line in scene.leaders:  # each leader runs from a bubble's edge to a name's box
        start, end = line.line().p1(), line.line().p2()
        assert any(
            abs(math.hypot(*(start - b.pos()).toTuple()) - b.radius) < 0.5 for b in scene.bubbles.values()
        )
        assert any(box.adjusted(-0.5, -0.5, 0.5, 0.5).contains(end) for box in names)


def test_every_bubble_of_a_40_pilot_portfolio_is_named_at_full_hd(qtbot: QtBot) -> None:
    doc = Document(realistic(40))
    view = _view(qtbot, doc, FULL_HD_VIEW)
    scene = view.matrix
    assert sorted(label.text() for label in scene.labels) == sorted(p.name for p in doc.portfolio.pilots)
    assert scene.unlabelled.text() == ""
    assert scene.leaders  # the crowded ones hang on leader lines
    check_names(view)


def test_names_keep_clear_of_quadrant_titles_in_presentation_type(qtbot: QtBot) -> None:
    doc = Document(realistic(27))
    normal = QApplication.font()
    big = QFont(normal)
    big.setPointSizeF(normal.pointSizeF() * 1.45)  # what presentation mode does
    QApplication.setFont(big)
    try:
        view = _view(qtbot, doc, (1270, 600))  # the view on a 1280 × 720 projector
        check_names(view)
        titles = [q.sceneBoundingRect() for q in view.matrix.quadrants]
        assert not any(a.intersects(b) for i, a in enumerate(titles) for b in titles[i + 1 :])
    finally:
        QApplication.setFont(normal)


def test_the_selected_pilot_is_always_named(qtbot: QtBot) -> None:
    doc = Document(portfolio(200))  # too many to name all: the best-ranked 40 are named
    view = _view(qtbot, doc, (700, 600))
    last = doc.scores().ranking[-1]
    name = doc.portfolio.pilot(last).name
    assert name not in {label.text() for label in view.matrix.labels}
    doc.select([last])
    assert name in {label.text() for label in view.matrix.labels}


def test_arrow_keys_select_the_nearest_bubble_that_way_and_enter_opens_it(qtbot: QtBot) -> None:
    doc = Document(portfolio(5))
    view = _view(qtbot, doc, (700, 600))
    scene = view.matrix
    a, b, c, d, e = (doc.portfolio.pilots[i].id for i in range(5))
    # bubbles placed by hand (scene y grows downwards): A in the middle, B to its right, C above it,
    # D down and to the left, E far up and right
    for pid, x, y in ((a, 500, 500), (b, 700, 520), (c, 520, 300), (d, 300, 900), (e, 900, 100)):
        scene.bubbles[pid].setPos(x, y)
    doc.select([a])
    view.setFocus()
    opened: list[str] = []
    doc.open_requested.connect(opened.append)
    # right: B (200 on, 20 across) beats E (400 on, 400 across, cost 1200)
    qtbot.keyClick(view, Qt.Key.Key_Right)
    assert doc.selection() == (b,)
    doc.select([a])
    qtbot.keyClick(view, Qt.Key.Key_Up)  # C: 200 up, 20 across; E: 400 up, 400 across
    assert doc.selection() == (c,)
    doc.select([a])
    qtbot.keyClick(view, Qt.Key.Key_Down)  # D: 400 down, 200 across, within the cone
    assert doc.selection() == (d,)
    qtbot.keyClick(view, Qt.Key.Key_Down)  # nothing below D: the selection stays
    assert doc.selection() == (d,)
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert opened == [d]


def test_enter_on_a_bubble_opens_the_pilot_editor_in_the_window(make_window, qtbot: QtBot) -> None:  # type: ignore[no-untyped-def]
    win = make_window(portfolio(4))
    win.show()
    win.editor_dock.hide()
    win.tabs.setCurrentWidget(win.matrix)
    view = win.matrix.ensure().view
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Right)  # nothing selected: the best-ranked pilot
    assert win.doc.selection() == (win.doc.scores().ranking[0],)
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert (
        win.editor_dock.isVisible()
        and win.editor.name.text() == win.doc.portfolio.pilot(win.doc.scores().ranking[0]).name
    )


def test_the_table_twin_lists_every_bubble_and_follows_the_selection(qtbot: QtBot) -> None:
    doc = Document(portfolio(6))
    panel = TriageMatrixPanel(doc)
    qtbot.addWidget(panel)
    panel.show()
    panel.as_table.setChecked(True)
    assert panel.stack.currentWidget() is panel.table
    model = panel.model
    assert model.ids == list(doc.scores().ranking)
    first = doc.scores().pilots[model.ids[0]]
    thresholds = doc.weights().thresholds
    quadrant = model.rows[0][5]
    strong, sound = first.value >= thresholds["value"], first.readiness >= thresholds["readiness"]
    expected = {
        (True, True): "Scale candidates",
        (True, False): "Fix then scale",
        (False, True): "Pivot: sound tech, weak case",
        (False, False): "Stop or re-think",
    }[(strong, sound)]
    assert quadrant == expected
    assert model.rows[0][2] == f"{first.value:.0f}" and model.rows[0][3] == f"{first.readiness:.0f}"
    doc.select([model.ids[3]])
    assert panel.table.currentIndex().row() == 3
    panel.table.selectRow(1)
    assert doc.selection() == (model.ids[1],)


def test_names_ride_with_their_bubbles_while_a_weight_moves_then_are_placed_afresh(qtbot: QtBot) -> None:
    from ui import commands
    from ui.views.triage.matrix_names import NAMES_SETTLE_MS

    doc = Document(portfolio(12))
    view = _view(qtbot, doc, (900, 800))
    scene = view.matrix

    def offsets() -> dict[str, tuple[float, float]]:
        return {
            pid: (
                label.pos().x() - scene.bubbles[pid].pos().x(),
                label.pos().y() - scene.bubbles[pid].pos().y(),
            )
            for pid, label, _offset, _leader in scene.names.named
        }

    before = offsets()
    centres = {pid: scene.bubbles[pid].pos() for pid in before}
    doc.push(commands.set_weight(doc, "mlops", 60.0))  # a slider step
    assert any(scene.bubbles[pid].pos() != centres[pid] for pid in before)  # the bubbles moved ...
    after = offsets()
    for pid in before:  # ... and each name kept its place beside its own bubble
        assert after[pid] == pytest.approx(before[pid]), pid
    qtbot.wait(NAMES_SETTLE_MS + 100)  # the weights rest: the names are placed afresh
    check_names(view)
    assert len(scene.labels) == len(doc.portfolio.pilots)
