"""The dock layout: set for the window's width, steady while views change, back after presentation
mode, reset on demand and when a saved layout no longer fits; the tab strip or a view menu."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.ui.factory import portfolio
from ui.main_window import MainWindow
from ui.shell import layout

Make = Callable[..., MainWindow]


def settle(rounds: int = 10) -> None:
    for _ in range(rounds):
        QApplication.processEvents()


def shown(make_window: Make, width: int, height: int = 860) -> MainWindow:
    win = make_window(portfolio(6))
    win.resize(width, height)
    win.show()
    settle()
    layout.reset(win)  # the first start's layout, for this width
    settle()
    return win


def widths(win: MainWindow) -> list[int]:
    return [d.width() for d in layout.docks(win)]


@pytest.mark.parametrize("width", [1280, 1366, 1600, 1920, 2560])
def test_the_central_view_gets_at_least_60_percent_at_first_start(make_window: Make, width: int) -> None:
    win = shown(make_window, width)
    assert layout.central_share(win) >= 0.6
    area = win.dockWidgetArea(win.weights_dock)
    left, right = layout.Qt.DockWidgetArea.LeftDockWidgetArea, layout.Qt.DockWidgetArea.RightDockWidgetArea
    assert area == (left if width >= layout.SIDE_BY_SIDE else right)  # narrow: every dock on the right
    assert win.dockWidgetArea(win.editor_dock) == right


@pytest.mark.parametrize("width", [1280, 1920])
def test_switching_views_never_resizes_the_docks(make_window: Make, width: int) -> None:
    win = shown(make_window, width)
    before = widths(win)
    for i in [*range(win.tabs.count()), 0]:  # each view built as it is first shown
        win.tabs.setCurrentIndex(i)
        settle()
        assert widths(win) == before, win.tabs.tabText(i)


def test_presentation_mode_gives_the_docks_back_at_their_widths(make_window: Make) -> None:
    win = shown(make_window, 790, 700)  # narrower than the test screen (800 × 800), so its width comes back
    win.resizeDocks([win.editor_dock], [300], layout.Qt.Orientation.Horizontal)  # the user's own width
    settle()
    before, size = widths(win), win.width()
    win.presentation_action.trigger()
    settle()
    assert win.presenter.active and win.width() != size  # full screen meanwhile
    win.presentation_action.trigger()
    settle()
    assert win.width() == size
    assert widths(win) == before
    assert win.editor_dock.widget() is win.editor_panel


def test_reset_layout_brings_every_panel_back(make_window: Make) -> None:
    win = shown(make_window, 1920)
    win.weights_dock.toggleViewAction().trigger()  # hidden from the toolbar
    win.editor_dock.setFloating(True)
    settle()
    assert not win.weights_dock.isVisible()
    reset = next(a for a in win.actions() if a.text() == "Reset &layout")
    reset.trigger()
    settle()
    assert all(d.toggleViewAction().isChecked() and not d.isFloating() for d in layout.docks(win))
    assert layout.central_share(win) >= 0.6


def test_the_toolbar_toggles_the_weights_and_the_pilot_editor(make_window: Make) -> None:
    win = shown(make_window, 1920)
    toolbar = [a.text() for a in win.toolbar.actions()]
    assert {"Weights", "Pilot"} <= set(toolbar)
    for dock in (win.weights_dock, win.editor_dock):
        dock.toggleViewAction().trigger()
        settle()
        assert not dock.isVisible()
        dock.toggleViewAction().trigger()
        settle()
        assert dock.isVisible()


def _saved(tmp_path, screen: str, window: MainWindow) -> QSettings:  # type: ignore[no-untyped-def]
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    settings.setValue("window/geometry", window.saveGeometry())
    settings.setValue("window/state", window.saveState(layout.LAYOUT_VERSION))
    settings.setValue("window/screen", screen)
    settings.sync()
    return settings


def test_a_layout_saved_on_another_screen_is_not_restored(make_window: Make, tmp_path) -> None:  # type: ignore[no-untyped-def]
    first = shown(make_window, 1920)
    first.resizeDocks([first.weights_dock, first.editor_dock], [700, 700], layout.Qt.Orientation.Horizontal)
    settle()
    assert layout.central_share(first) < 0.6  # a layout that left the centre little room
    _saved(tmp_path, "2560x1440", first)  # ... saved on a bigger screen
    second = make_window(portfolio(6))
    second.show()
    settle()
    assert layout.central_share(second) >= 0.6


def test_a_saved_layout_that_squeezes_the_centre_is_reset_once_shown(make_window: Make, tmp_path) -> None:  # type: ignore[no-untyped-def]
    first = shown(make_window, 800, 800)  # the test screen's size
    first.resizeDocks([first.editor_dock], [620], layout.Qt.Orientation.Horizontal)
    settle()
    assert layout.central_share(first) < layout.SAVED_SHARE_FLOOR
    _saved(tmp_path, layout.screen_key(first), first)  # same screen: restored, then found too tight
    second = make_window(portfolio(6))
    second.show()
    settle()
    assert layout.central_share(second) >= 0.6


def test_a_tab_strip_that_does_not_fit_becomes_a_view_menu(make_window: Make, qtbot: QtBot) -> None:
    win = shown(make_window, 1280)
    assert win.tabs.tabBar().isVisible() and not win.switcher.action.isVisible()
    font = QFont(QApplication.font())
    normal = QFont(font)
    font.setPointSizeF(font.pointSizeF() * 2.2)  # type so large the strip no longer fits
    QApplication.setFont(font)
    try:
        settle()
        assert not win.switcher.fits()
        assert not win.tabs.tabBar().isVisible() and win.switcher.action.isVisible()
        assert win.switcher.button.text() == "View: Portfolio ▾"
        funding = next(a for a in win.switcher.menu.actions() if a.text() == "Funding")
        funding.trigger()
        assert win.tabs.currentWidget() is win.funding
        assert win.switcher.button.text() == "View: Funding ▾"
    finally:
        QApplication.setFont(normal)
        settle()
    layout.reset(win)  # the docks grew with the type; the default layout leaves the strip room again
    settle()
    assert win.switcher.fits() and win.tabs.tabBar().isVisible() and not win.switcher.action.isVisible()
