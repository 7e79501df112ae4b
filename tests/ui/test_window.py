"""Main window behaviour: close prompt, recent files, dropping a project file, presentation mode."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from planner.portfolio import store
from tests.ui.conftest import Prompts
from tests.ui.factory import portfolio
from ui import commands
from ui.main_window import MainWindow

Make = Callable[..., MainWindow]


def test_close_with_unsaved_changes_asks_and_cancel_keeps_window(make_window: Make, asked: Prompts) -> None:
    win = make_window(portfolio(3))
    win.show()
    win.doc.push(commands.set_rating(win.doc, "P-01", "mlops", 3))
    asked.save_answer = "cancel"
    assert not win.close()
    assert win.isVisible() and win.doc.is_modified()
    asked.save_answer = "discard"
    assert win.close()


def test_recent_files_and_drop_open(make_window: Make, tmp_path: Path) -> None:
    first, second = tmp_path / "a.liftoff", tmp_path / "b.liftoff"
    store.save(portfolio(2), first)
    store.save(portfolio(4), second)
    win = make_window()
    assert win.open_path(first)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(second))])
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)  # fmt: skip
    win.dropEvent(event)
    assert win.doc.path == second and len(win.doc.portfolio.pilots) == 4
    assert [a.text() for a in win.recent_menu.actions()] == [str(second), str(first)]


def test_presentation_mode_enlarges_fonts_hides_chrome_and_opens_the_editor_on_demand(
    make_window: Make, qtbot: QtBot
) -> None:
    from PySide6.QtCore import Qt

    win = make_window(portfolio(3))
    win.show()
    with qtbot.waitActive(win):
        win.activateWindow()
    size = QApplication.font().pointSizeF()
    win.doc.select(["P-02"])
    win.presentation_action.trigger()
    assert QApplication.font().pointSizeF() > size * 1.3
    assert not win.menuBar().isVisible() and not win.statusBar().isVisible()
    docks = (win.weights_dock, win.plan_dock, win.history_dock, win.editor_dock)
    assert [d.isVisible() for d in docks] == [False] * 4
    overlay = win.presenter.overlay
    assert not overlay.isVisible() and win.open_editor_action.isVisible()  # closed until asked for
    qtbot.keyClick(win, Qt.Key.Key_F4)
    assert (
        overlay.isVisible()
        and win.editor.isVisible()
        and win.editor.name.text() == win.doc.portfolio.pilot("P-02").name
    )
    assert overlay.geometry().right() == win.tabs.rect().right()  # over the right of the view
    qtbot.keyClick(win, Qt.Key.Key_Escape)  # Esc closes the overlay first ...
    assert not overlay.isVisible() and win.presentation_action.isChecked()
    qtbot.keyClick(win, Qt.Key.Key_Escape)  # ... then leaves the mode
    assert not win.presentation_action.isChecked()
    assert QApplication.font().pointSizeF() == size
    assert win.menuBar().isVisible() and win.editor_dock.widget() is win.editor_panel
    assert win.editor.isVisible()


def test_presentation_keys_work_without_the_menu_bar_and_the_layout_comes_back(
    make_window: Make, qtbot: QtBot
) -> None:
    from PySide6.QtCore import Qt

    win = make_window(portfolio(3))
    win.show()
    with qtbot.waitActive(win):  # shortcuts go to the active window
        win.activateWindow()
    win.plan_dock.raise_()  # a layout of the user's own: plan settings in front of the weights
    docks = (win.editor_dock, win.weights_dock, win.plan_dock, win.history_dock)
    shown = [d.isVisible() for d in docks]
    for leave in (Qt.Key.Key_F11, Qt.Key.Key_Escape):
        qtbot.keyClick(win, Qt.Key.Key_F11)
        assert win.presentation_action.isChecked() and not win.menuBar().isVisible()
        qtbot.keyClick(win, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)  # a view shortcut
        assert win.tabs.currentIndex() == 2
        qtbot.keyClick(win, leave)
        assert not win.presentation_action.isChecked() and win.menuBar().isVisible()
        assert [d.isVisible() for d in docks] == shown
    win.tabs.setCurrentIndex(0)
    qtbot.keyClick(win.table, Qt.Key.Key_Escape)  # outside presentation mode Esc does nothing here
    assert not win.presentation_action.isChecked() and win.tabs.currentIndex() == 0


def test_tabs_other_than_the_table_are_built_when_first_shown(make_window: Make) -> None:
    from ui.lazy import LazyTab

    win = make_window(portfolio(3))
    win.show()
    titles = [win.tabs.tabText(i) for i in range(win.tabs.count())]
    assert win.tabs.currentWidget() is win.table
    expected = {
        "Ratings": "RatingsGrid",
        "Triage matrix": "TriageMatrixPanel",
        "Stage board": "StageBoard",
        "Snapshots": "SnapshotsView",
        "Stakeholders": "StakeholderMap",
        "Dependencies": "DependencyMap",
        "Rollout": "Gantt",
        "Training": "TrainingCalendar",
        "Funding": "FundingPanel",
    }
    for title, view_class in expected.items():
        tab = win.tabs.widget(titles.index(title))
        assert isinstance(tab, LazyTab) and tab.view is None
        win.tabs.setCurrentIndex(titles.index(title))
        assert type(tab.view).__name__ == view_class  # built when shown


def test_export_and_import_actions_call_their_dialogs_with_the_window_and_document(
    make_window: Make, monkeypatch: object
) -> None:
    import ui.dialogs.export_pack
    import ui.dialogs.export_scorecard
    import ui.dialogs.import_intake
    import ui.dialogs.intake_template

    calls: list[tuple[str, object, object, int]] = []
    for module, name in (
        (ui.dialogs.export_pack, "export_pack"),
        (ui.dialogs.export_scorecard, "export_scorecard"),
        (ui.dialogs.import_intake, "import_intake"),
        (ui.dialogs.intake_template, "write_intake_template"),
    ):
        monkeypatch.setattr(  # type: ignore[attr-defined]
            module, name, lambda *args, n=name: calls.append((n, args[0], args[1], len(args)))
        )
    win = make_window(portfolio(2))
    file_menu = win.menuBar().actions()[0].menu()
    actions = {a.text(): a for a in file_menu.actions()}
    for text in ("Export PDF &pack…", "Export Excel &scorecard…", "&Import intake workbook…",
                 "Write intake &template…"):  # fmt: skip
        actions[text].trigger()
    assert [c[0] for c in calls] == [
        "export_pack",
        "export_scorecard",
        "import_intake",
        "write_intake_template",
    ]
    assert all(parent is win and doc is win.doc and count == 2 for _, parent, doc, count in calls)


def test_refused_edits_are_said_in_the_status_bar(make_window: Make) -> None:
    from ui.models.pilots import COL

    win = make_window(portfolio(3))
    win.show()
    index = win.table.model.index(0, COL["name"])
    name = index.data()
    assert not win.table.model.setData(index, "  ")  # a pilot needs a name
    assert win.statusBar().currentMessage() == f"A pilot needs a name: “{name}” keeps its name."
    win.weights.problem.emit("Weights not changed: for example")  # what the weights panel reports
    assert win.statusBar().currentMessage() == "Weights not changed: for example"


def test_presentation_font_resizes_rows_and_columns_so_headers_are_not_clipped(make_window: Make) -> None:
    from PySide6.QtCore import Qt

    win = make_window(portfolio(4))
    win.show()
    grid = win.ratings.ensure()
    table = win.table.view
    rows_before = table.verticalHeader().defaultSectionSize()
    criteria_before = grid.view.columnWidth(1)
    win.presentation_action.trigger()
    QApplication.processEvents()  # the application font reaches the widgets as posted events
    try:
        metrics = table.fontMetrics()
        assert table.verticalHeader().defaultSectionSize() >= metrics.height()
        assert table.verticalHeader().defaultSectionSize() > rows_before
        model = table.model()
        for col in range(model.columnCount()):
            title = str(model.headerData(col, Qt.Orientation.Horizontal))
            assert table.columnWidth(col) >= metrics.horizontalAdvance(title), title
        assert grid.view.columnWidth(1) > criteria_before
    finally:
        win.presentation_action.trigger()


def test_a_lazily_built_view_has_its_tabs_full_size_when_it_first_shows(make_window: Make) -> None:
    from PySide6.QtGui import QShowEvent

    win = make_window(portfolio(4))
    win.show()
    sizes: dict[str, tuple[int, int]] = {}
    for tab in (win.stakeholders, win.dependencies, win.matrix):
        module, name, _args = tab._target
        view_class = getattr(__import__(module, fromlist=[name]), name)
        original = view_class.showEvent

        def record(view: QWidget, event: QShowEvent, original=original, name=name) -> None:
            sizes.setdefault(name, (view.width(), view.height()))
            original(view, event)

        view_class.showEvent = record
        try:
            win.tabs.setCurrentWidget(tab)
        finally:
            view_class.showEvent = original
        assert sizes[name] == (tab.width(), tab.height()), name  # fitted to the whole tab, not a corner


def test_closing_while_presenting_keeps_the_normal_layout_for_the_next_start(make_window: Make) -> None:
    first = make_window(portfolio(3))
    first.show()
    first.presentation_action.trigger()
    assert not first.weights_dock.isVisible()
    first.close()
    QApplication.processEvents()
    if first.presentation_action.isChecked():  # closing does not end the mode: put the app font back
        first.presentation_action.trigger()
    second = make_window()  # the next start, same settings
    second.show()
    assert second.weights_dock.toggleViewAction().isChecked() and not second.isFullScreen()


def test_toolbar_glyphs_follow_the_palette(make_window: Make) -> None:
    from PySide6.QtGui import QPalette

    from ui import theme

    def ink(action: object) -> float:
        image = action.icon().pixmap(32, 32).toImage()  # type: ignore[attr-defined]
        inked = [
            image.pixelColor(x, y).lightness()
            for x in range(32)
            for y in range(32)
            if image.pixelColor(x, y).alpha() > 200
        ]
        assert inked  # something is drawn
        return sum(inked) / len(inked)

    win = make_window(portfolio(2))
    win.show()
    light = QApplication.palette()
    try:
        assert ink(win.undo_action) < 80 and ink(win.presentation_action) < 80  # dark ink on light
        QApplication.setPalette(theme.dark_palette())
        QApplication.processEvents()
        assert win.palette().color(QPalette.ColorRole.Window).lightness() < 100
        assert (
            ink(win.undo_action) > 170 and ink(win.redo_action) > 170 and ink(win.presentation_action) > 170
        )
    finally:
        QApplication.setPalette(light)
