"""Portfolio table and window size: fits a 1280-pixel-wide screen, and names are edited on purpose only."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView
from pytestqt.qtbot import QtBot

from planner.model import Stage
from tests.ui.factory import portfolio
from ui.document import Document
from ui.main_window import MainWindow
from ui.models.pilots import COL
from ui.views.triage.portfolio_table import PortfolioTable


def test_the_window_fits_a_1280_pixel_screen_with_the_decision_in_sight(window: MainWindow) -> None:
    # 1366x768, or 1920x1080 at 150 % scaling (1280 logical pixels), less a little window frame
    assert window.minimumSizeHint().width() <= 1200
    window.resize(1280, 720)
    window.show()
    view = window.table.view
    header = view.horizontalHeader()
    decision = COL["decision"]
    assert header.sectionViewportPosition(decision) + header.sectionSize(decision) <= view.viewport().width()
    assert header.visualIndex(decision) == header.visualIndex(COL["name"]) + 1


def test_the_pilot_column_takes_the_spare_width(qtbot: QtBot) -> None:
    table = PortfolioTable(Document(portfolio(4)))
    qtbot.addWidget(table)
    table.resize(2400, 400)
    table.show()
    view = table.view
    used = sum(view.columnWidth(c) for c in COL.values())
    assert used == view.viewport().width()  # no gap at the right, no horizontal scrolling
    assert view.columnWidth(COL["name"]) > 1000


def _table(qtbot: QtBot) -> PortfolioTable:
    table = PortfolioTable(Document(portfolio(4)))
    qtbot.addWidget(table)
    table.resize(1200, 400)
    table.show()
    return table


def test_a_digit_typed_on_a_name_does_not_rename_the_pilot(qtbot: QtBot) -> None:
    table = _table(qtbot)
    doc, view = table.doc, table.view
    index = table.model.index(0, COL["name"])
    name = index.data()
    view.setCurrentIndex(index)
    qtbot.keyClick(view, Qt.Key.Key_3)
    assert view.state() != QAbstractItemView.State.EditingState
    qtbot.keyClick(view.focusWidget() or view, Qt.Key.Key_Return)  # an editor would have the focus
    assert [p.name for p in doc.portfolio.pilots].count(name) == 1
    assert "3" not in [p.name for p in doc.portfolio.pilots]
    assert doc.undo_stack.count() == 0
    view.setCurrentIndex(index)
    qtbot.keyClick(view, Qt.Key.Key_F2)  # asking for the editor still works
    editor = view.focusWidget()
    assert editor is not view and editor.inherits("QLineEdit")


def test_an_empty_name_is_refused_with_a_reason(qtbot: QtBot) -> None:
    table = _table(qtbot)
    index = table.model.index(0, COL["name"])
    name = index.data()
    with qtbot.waitSignal(table.problem) as said:
        assert not table.model.setData(index, "  ")
    assert said.args == [f"A pilot needs a name: “{name}” keeps its name."]
    assert table.model.index(0, COL["name"]).data() == name
    assert table.doc.undo_stack.count() == 0


def test_a_name_too_long_is_refused_naming_the_pilot_once(qtbot: QtBot) -> None:
    table = _table(qtbot)
    index = table.model.index(0, COL["name"])
    name = index.data()
    with qtbot.waitSignal(table.problem) as said:
        assert not table.model.setData(index, "x" * 501)  # a name holds at most 500 characters
    message = said.args[0]
    assert message.startswith(f"“{name}” was not changed: name: ")
    assert message.count(name) == 1
    assert table.model.index(0, COL["name"]).data() == name


def test_stage_board_columns_fit_their_cards_and_scroll_rather_than_squeeze(qtbot: QtBot) -> None:
    from ui.views.triage.stage_board import CARD_WIDTH, EMPTY_WIDTH, StageBoard

    board = StageBoard(Document(portfolio(6)))  # stages POC, pilot, scaling only: idea and production empty
    qtbot.addWidget(board)
    board.resize(700, 400)
    board.show()
    assert board.minimumSizeHint().width() < 200  # the board scrolls sideways on a narrow window
    idea, pilot = board.columns[Stage.IDEA], board.columns[Stage.PILOT]
    assert idea.count() == 0 and idea.width() == EMPTY_WIDTH
    metrics = pilot.fontMetrics()
    widest = max(
        metrics.horizontalAdvance(line)
        for k in range(pilot.count())
        for line in pilot.item(k).text().splitlines()
    )
    assert pilot.viewport().width() >= min(widest, CARD_WIDTH - 40)
    assert pilot.textElideMode() == Qt.TextElideMode.ElideMiddle


def test_a_digit_on_a_score_column_does_not_jump_to_another_row_but_names_can_be_found(qtbot: QtBot) -> None:
    table = _table(qtbot)
    view = table.view
    view.setCurrentIndex(table.model.index(0, COL["composite"]))
    first_digits = {str(table.model.index(r, COL["composite"]).data())[0] for r in range(1, 4)}
    digit = next(d for d in first_digits if d != str(table.model.index(0, COL["composite"]).data())[0])
    qtbot.keyClicks(view, digit)  # another row's composite starts with this digit
    assert view.currentIndex().row() == 0
    target = table.model.index(2, COL["name"]).data()
    view.setCurrentIndex(table.model.index(0, COL["name"]))
    qtbot.keyClicks(view, target)  # type-to-find on the pilot column still works
    assert view.currentIndex().row() == 2


def test_only_the_blocked_column_is_painted_in_the_warning_colour(qtbot) -> None:  # type: ignore[no-untyped-def]
    """Qt hands one span of roles from cell to cell when the model answers them all at once: a colour
    given to one cell must not leak into the next (names and scores stay in the text colour)."""
    from PySide6.QtGui import QColor

    from planner.portfolio.store import load
    from ui.document import Document
    from ui.main_window import demo_path
    from ui.models.pilots import COL
    from ui.theme import scheme
    from ui.views.triage.portfolio_table import PortfolioTable

    doc = Document(load(demo_path()))  # the demo has pilots blocked by enablers
    table = PortfolioTable(doc)
    qtbot.addWidget(table)
    table.resize(1600, 700)
    table.show()
    bad = QColor(scheme().bad)
    image = table.view.viewport().grab().toImage()

    def warned(column: int) -> int:
        left, width = table.view.columnViewportPosition(column), table.view.columnWidth(column)
        return sum(
            1
            for x in range(max(0, left), left + width)
            for y in range(image.height())
            if image.pixelColor(x, y) == bad
        )

    assert any(doc.scores().pilots[p.id].blocked for p in doc.portfolio.pilots)  # something is red
    assert warned(COL["blocked"]) > 0
    for key in ("rank", "name", "value", "composite", "unit"):
        assert warned(COL[key]) == 0, key
