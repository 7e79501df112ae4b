"""Help: the keyboard sheet lists every shortcut, the guided first run shows once on the demo and never
again once closed; empty views say what to do."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSettings
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QTableWidget
from pytestqt.qtbot import QtBot

from planner.model import Portfolio
from tests.ui.factory import portfolio
from ui import app
from ui.main_window import MainWindow
from ui.shell import tour
from ui.shell.help import VIEW_KEYS, keyboard_sheet, shortcuts
from ui.theme import DECISION_LABELS
from ui.views.triage.editor_panel import EMPTY_TEXT

Make = Callable[..., MainWindow]


def test_the_keyboard_sheet_lists_every_shortcut_of_the_window_and_the_views(make_window: Make) -> None:
    win = make_window(portfolio(3))
    rows = shortcuts(win)
    with_keys = [a for a in win.actions() if not a.shortcut().isEmpty()]
    assert len(rows) == len(with_keys) + len(VIEW_KEYS)
    native = QKeySequence.SequenceFormat.NativeText
    assert ("Menus and toolbar", QKeySequence("Ctrl+Shift+N").toString(native), "Add pilot") in rows
    assert ("Menus and toolbar", "F11", "Presentation mode") in rows
    assert ("Menus and toolbar", "F4", "Edit selected pilot") in rows
    assert ("Triage matrix", "Arrow keys", "Select the nearest pilot in that direction") in rows
    sheet = keyboard_sheet(win)
    table = sheet.findChild(QTableWidget)
    assert table is not None and table.rowCount() == len(rows)
    assert [table.item(0, c).text() for c in range(3)] == list(rows[0])
    help_menu = win.menus["&Help"]
    assert [a.text() for a in help_menu.actions() if a.text()] == [
        "&Keyboard shortcuts",
        "&Guided tour",
        "&About Liftoff",
    ]


def test_the_guided_tour_runs_on_the_demo_once_and_never_again_once_closed(
    own_settings_home: object, qtbot: QtBot
) -> None:
    first = app.start_window([])  # a first start: the demo opens, with the tour
    qtbot.addWidget(first)
    first.show()
    guide = first.tour
    assert guide is not None and guide.isVisible() and guide.step == 0
    doc = first.doc
    tally = doc.scores().tally
    assert guide.body.text().startswith(f"{len(doc.portfolio.pilots)} pilots, ranked")
    assert (
        ", ".join(f"{label} {tally.get(d, 0)}" for d, label in DECISION_LABELS.items()) in guide.body.text()
    )
    guide.next.click()  # step 2 picks a pilot with a diagnosis and shows it in the editor
    picked = doc.current_pilot()
    assert picked is not None and doc.explain(picked).failure_modes
    assert first.editor.name.text() == doc.portfolio.pilot(picked).name
    assert doc.portfolio.pilot(picked).name in guide.body.text()
    guide.next.click()
    guide.next.click()  # step 4 shows the triage matrix
    assert first.tabs.currentWidget() is first.matrix
    guide.next.click()
    assert guide.next.text() == "Done" and guide.count.text() == "Step 5 of 5"
    guide.close_button.click()
    assert not guide.isVisible() and not tour.due(first)
    first.guard.close()

    second = app.start_window([])  # the next start, same settings
    qtbot.addWidget(second)
    assert second.tour is None
    assert QSettings().value(tour.DONE_KEY) in (True, "true")
    second.start_tour()  # Help → Guided tour still shows it
    assert second.tour is not None and second.tour.step == 0
    second.guard.close()


def test_empty_views_say_what_to_do(make_window: Make) -> None:
    win = make_window(Portfolio())
    win.show()
    assert win.table.empty.isVisible() and win.table.empty.text().startswith("No pilots yet.")
    assert "Edit → Add pilot" in win.table.empty.text()
    assert win.editor_panel.currentWidget() is win.editor_panel.empty
    assert win.editor_panel.empty.text() == EMPTY_TEXT and EMPTY_TEXT.startswith("Select a pilot to edit it")
    matrix = win.matrix.ensure().matrix
    assert matrix.empty.text().startswith("No pilots yet")

    win.doc.replace(portfolio(3), None)
    assert not win.table.empty.isVisible()
    assert matrix.empty.text() == ""
    win.doc.select(["P-02"])
    assert win.editor_panel.currentWidget() is win.editor
    win.table.search.setText("no such pilot")
    assert win.table.empty.isVisible() and win.table.empty.text().startswith("No pilot matches these filters")
    win.doc.select([])
    assert win.editor_panel.currentWidget() is win.editor_panel.empty
