"""Where the docks go and how wide they start, for the screen the window is on.

At first start, and on View → Reset layout, the central view gets most of the width (at least
`CENTRAL_SHARE`):

- a window at least `SIDE_BY_SIDE` pixels wide has the weights (with the plan settings) on the left
  and the pilot editor (with the history) on the right, each about `DOCK_SHARE` of the width;
- a narrower window (a laptop, a 1280×720 projector) keeps every dock in one column on the right,
  the pilot editor in front and the weights one tab away, about 30 % of the width.

The layout a user leaves is saved with the screen it was made on. It comes back only on a screen of
that size, inside it, and while it leaves the central view at least `SAVED_SHARE_FLOOR` of the width;
otherwise the default comes back. `LAYOUT_VERSION` marks the set of docks: a layout saved for another
set is not restored.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QByteArray, QSize, Qt
from PySide6.QtWidgets import QApplication, QDockWidget

MainWindow = Any  # ui.main_window.MainWindow, which sits on the floor above and imports this module

LAYOUT_VERSION = 2
CENTRAL_SHARE = 0.6
DOCK_SHARE = 0.18
COLUMN_SHARE = 0.3  # the one dock column of a narrow window
DOCK_MIN, DOCK_MAX = 280, 440
SIDE_BY_SIDE = 1500
SAVED_SHARE_FLOOR = 0.45
FIRST_SIZE = QSize(1440, 880)


def first_size() -> QSize:
    """Most of the screen, at least `FIRST_SIZE` where the screen has room for it."""
    screen = QApplication.primaryScreen()
    if screen is None:
        return FIRST_SIZE
    room = screen.availableGeometry().size()
    wanted = QSize(max(FIRST_SIZE.width(), int(room.width() * 0.94)), max(880, int(room.height() * 0.92)))
    return wanted.boundedTo(room).expandedTo(QSize(800, 600))


def screen_key(window: MainWindow) -> str:
    """The size of the screen the window is on, as saved beside the layout."""
    screen = window.screen() or QApplication.primaryScreen()
    room = screen.availableGeometry().size() if screen is not None else FIRST_SIZE
    return f"{room.width()}x{room.height()}"


def dock_width(window_width: int, share: float) -> int:
    return max(DOCK_MIN, min(DOCK_MAX, round(window_width * share)))


def dock(window: MainWindow, title: str, widget: Any, area: Qt.DockWidgetArea) -> QDockWidget:
    """A dock named `title` holding `widget`, added to the window in `area`."""
    made = QDockWidget(title, window)
    made.setObjectName(f"dock-{title.lower()}")
    made.setWidget(widget)
    window.addDockWidget(area, made)
    return made


def docks(window: MainWindow) -> tuple[QDockWidget, ...]:
    return (window.weights_dock, window.plan_dock, window.editor_dock, window.history_dock)


def reset(window: MainWindow) -> None:
    """The default layout for the window's width (see the module docstring); every dock shown.

    Qt leaves stray tab bars on screen when docks are tabified in a hidden window or tabified again
    where they stand, so a hidden window is arranged when it is first shown (`arrange_pending`) and a
    shown one has its docks taken out and laid out afresh.
    """
    if not window.isVisible():
        window.layout_pending = True
        return
    window.layout_pending = False
    left, right = Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea
    weights, plan, editor, history = docks(window)
    for dock in docks(window):
        window.removeDockWidget(dock)
    window.layout().activate()
    width = window.width()
    wide = width >= SIDE_BY_SIDE
    for dock, area in ((weights, left), (plan, left), (editor, right), (history, right)):
        window.addDockWidget(area if wide else right, dock)
        dock.setFloating(False)
        dock.show()
    if wide:
        window.tabifyDockWidget(weights, plan)
        window.tabifyDockWidget(editor, history)
        each = dock_width(width, DOCK_SHARE)
        window.resizeDocks([weights, editor], [each, each], Qt.Orientation.Horizontal)
    else:
        for dock in (weights, plan, history):
            window.tabifyDockWidget(editor, dock)
        window.resizeDocks([editor], [dock_width(width, COLUMN_SHARE)], Qt.Orientation.Horizontal)
    weights.raise_()
    editor.raise_()


def arrange_pending(window: MainWindow) -> None:
    """Lay out the default now that the window is shown, if `reset` was asked for while it was hidden."""
    if getattr(window, "layout_pending", False):
        reset(window)


def central_share(window: MainWindow) -> float:
    """The central view's share of the window's width, as laid out now."""
    return window.centralWidget().width() / max(1, window.width())


def restore_geometry(window: MainWindow) -> bool:
    """Put the window where it was, if that was on a screen of this size and fits inside it."""
    geometry = window.settings.value("window/geometry")
    if window.settings.value("window/screen") != screen_key(window) or not isinstance(geometry, QByteArray):
        return False
    if not window.restoreGeometry(geometry):
        return False
    screen = window.screen()
    room = screen.availableGeometry() if screen is not None else None
    if room is not None and (window.width() > room.width() or window.height() > room.height()):
        window.resize(first_size())
        return False
    return True


def restore_state(window: MainWindow) -> bool:
    """Restore the saved docks (same screen size, same set of docks); else lay out the default."""
    state = window.settings.value("window/state")
    same_screen = window.settings.value("window/screen") == screen_key(window)
    if window.isVisible():
        window.layout().activate()  # the docks just added take their place before the saved sizes apply
    if same_screen and isinstance(state, QByteArray) and window.restoreState(state, LAYOUT_VERSION):
        return True
    reset(window)
    return False


def check_fit(window: MainWindow) -> None:
    """Once shown: a restored layout that squeezes the central view goes back to the default."""
    if central_share(window) < SAVED_SHARE_FLOOR:
        reset(window)


def save(window: MainWindow, geometry: QByteArray, state: QByteArray) -> None:
    window.settings.setValue("window/geometry", geometry)
    window.settings.setValue("window/state", state)
    window.settings.setValue("window/screen", screen_key(window))
