"""Ratings grid: rows in rank order, and it follows the pilot picked in any other view (review item 7)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.ui.factory import portfolio
from ui import commands
from ui.document import Document
from ui.models.ratings import PILOT_ID_ROLE
from ui.views.triage.ratings_grid import RatingsGrid


def _grid(qtbot: QtBot) -> RatingsGrid:
    grid = RatingsGrid(Document(portfolio(8)))
    qtbot.addWidget(grid)
    grid.resize(900, 400)
    grid.show()
    return grid


def _ids(grid: RatingsGrid) -> list[str]:
    return [grid.model.index(row, 0).data(PILOT_ID_ROLE) for row in range(grid.model.rowCount())]


def test_rows_follow_the_ranking_and_the_current_cell_stays_on_its_pilot(qtbot: QtBot) -> None:
    grid = _grid(qtbot)
    doc = grid.doc
    assert _ids(grid) == list(doc.scores().ranking)
    last = doc.scores().ranking[-1]
    grid.view.setCurrentIndex(grid.model.index(7, 1))
    # lift the last pilot to the top: every typed rating 5
    typed = [c.id for c in doc.method.criteria if c.derived is None]
    commands.run_macro(doc, "all fives", [lambda c=c: commands.set_rating(doc, last, c, 5) for c in typed])
    assert _ids(grid) == list(doc.scores().ranking)
    assert _ids(grid).index(last) < 7
    assert grid.view.currentIndex().data(PILOT_ID_ROLE) == last
    assert grid.view.currentIndex().column() == 1


def test_a_pilot_selected_elsewhere_becomes_the_current_row_keeping_the_column(qtbot: QtBot) -> None:
    grid = _grid(qtbot)
    doc = grid.doc
    grid.view.setCurrentIndex(grid.model.index(0, 3))
    target = doc.scores().ranking[5]
    doc.select([target, doc.scores().ranking[6]])  # e.g. two rows picked in the portfolio table
    current = grid.view.currentIndex()
    assert (current.data(PILOT_ID_ROLE), current.row(), current.column()) == (target, 5, 3)
    assert doc.selection() == (target, doc.scores().ranking[6])  # the grid did not narrow it
    qtbot.keyClick(grid.view, Qt.Key.Key_2)  # keyboard rating goes to the followed pilot
    criterion = doc.method.criteria[2].id
    assert doc.portfolio.pilot(target).ratings[criterion].score == 2


def test_the_pilot_names_stay_in_sight_however_far_the_grid_scrolls(qtbot: QtBot) -> None:
    grid = _grid(qtbot)
    view, model = grid.view, grid.model
    names = view.verticalHeader()
    assert view.isColumnHidden(0) and names.isVisible()  # the names head the rows, which never scroll
    assert [model.headerData(r, Qt.Orientation.Vertical) for r in range(model.rowCount())] == [
        grid.doc.portfolio.pilot(pid).name for pid in grid.doc.scores().ranking
    ]
    view.setCurrentIndex(model.index(0, model.columnCount() - 1))  # the last criterion, far right
    view.scrollTo(view.currentIndex())
    assert view.horizontalScrollBar().value() > 0 and names.isVisible()
    assert names.x() == view.frameWidth()  # still at the left edge


def test_criterion_names_wrap_whole_in_their_headers(qtbot: QtBot) -> None:
    from ui.views.triage.ratings_grid import HEADER_LINES, HEADER_MARGIN, wrapped

    grid = _grid(qtbot)
    header = grid.view.horizontalHeader()
    metrics = header.fontMetrics()
    for col in range(1, grid.model.columnCount()):
        title = grid.doc.method.criteria[col - 1].name
        assert header.title(col) == title  # the full name, never shortened
        inner = grid.view.columnWidth(col) - 2 * HEADER_MARGIN
        assert max(metrics.horizontalAdvance(word) for word in title.split()) <= inner, title
        height = wrapped(title, inner, metrics).height()
        assert height <= HEADER_LINES * metrics.lineSpacing() and height <= header.height(), title


def test_the_strip_above_the_grid_names_the_cell_and_its_anchors(qtbot: QtBot) -> None:
    grid = _grid(qtbot)
    doc = grid.doc
    kpi = doc.method.criterion("kpi_clarity")
    column = 1 + [c.id for c in doc.method.criteria].index("kpi_clarity")
    grid.view.setCurrentIndex(grid.model.index(2, column))
    pilot = doc.portfolio.pilot(doc.scores().ranking[2])
    score = pilot.ratings["kpi_clarity"].score
    text = grid.anchors.text()
    assert text.startswith(f"<b>{pilot.name}</b> · <b>{kpi.name}</b> (Value) — rated {score}<br>")
    for n, anchor in ((0, kpi.anchors.a0), (1, kpi.anchors.a1), (3, kpi.anchors.a3), (5, kpi.anchors.a5)):
        shown = f"<b>{n}: {anchor}</b>" if n == score else f"{n}: {anchor}"
        assert shown in text
    derived = 1 + [c.id for c in doc.method.criteria].index("benefit_at_scale")
    grid.view.setCurrentIndex(grid.model.index(2, derived))
    assert grid.anchors.text().endswith("derived from other data, not typed.")
