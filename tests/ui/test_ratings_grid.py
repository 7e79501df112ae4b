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
