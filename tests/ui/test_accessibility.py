"""Every control a keyboard can reach has a name a screen reader can say, and the keyboard reaches
every action: a test walks every widget of the main window with every view built, its docks, the
presentation overlay and the keyboard sheet.

A control's name is what Qt's accessibility gives it: its accessible name, else a button's or check
box's own text, else the text of the label whose buddy it is (a form row's label). A combo box's current
item is not a name (it changes with the choice), so combo boxes need one of the first three.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QAbstractButton, QAbstractSpinBox, QComboBox, QLabel, QMenu, QWidget

from tests.ui.factory import portfolio
from ui.main_window import MainWindow
from ui.shell.help import keyboard_sheet


def _inside(widget: QWidget, kinds: tuple[type, ...]) -> bool:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, kinds) or parent.metaObject().className() == "QComboBoxPrivateContainer":
            return True
        parent = parent.parentWidget()
    return False


def controls(root: QWidget) -> Iterator[QWidget]:
    """Widgets of `root` the keyboard can reach, leaving out the parts Qt builds inside a control
    (a spin box's line edit, a combo box's list) which speak for themselves through the control."""
    for widget in root.findChildren(QWidget):
        if widget.focusPolicy() == Qt.FocusPolicy.NoFocus or widget.focusProxy() is not None:
            continue
        if _inside(widget, (QAbstractSpinBox, QComboBox)):
            continue
        yield widget


def name_of(widget: QWidget, buddies: dict[int, str]) -> str:
    if widget.accessibleName():
        return widget.accessibleName()
    if isinstance(widget, QAbstractButton) and widget.text().replace("&", "").strip():
        return widget.text()
    return buddies.get(id(widget), "")


def nameless(root: QWidget) -> list[str]:
    buddies = {id(label.buddy()): label.text() for label in root.findChildren(QLabel) if label.buddy()}
    return sorted(
        f"{type(w).__name__} in {type(w.parentWidget()).__name__} ({w.toolTip()[:40]!r})"
        for w in controls(root)
        if not name_of(w, buddies).strip()
    )


def _built(make_window: Callable[..., MainWindow]) -> MainWindow:
    win = make_window(portfolio(6))
    win.show()
    for i in range(win.tabs.count()):  # every view, built as a user would open it
        win.tabs.setCurrentIndex(i)
    win.tabs.setCurrentIndex(0)
    win.doc.select(["P-01"])
    return win


def test_every_control_of_the_window_and_every_view_has_a_name(
    make_window: Callable[..., MainWindow],
) -> None:
    win = _built(make_window)
    assert nameless(win) == []


def test_the_keyboard_sheet_and_the_presentation_overlay_have_names_too(
    make_window: Callable[..., MainWindow],
) -> None:
    win = _built(make_window)
    sheet = keyboard_sheet(win)
    assert nameless(sheet) == []
    win.presentation_action.trigger()
    try:
        win.open_editor()
        assert nameless(win.presenter.overlay) == []
    finally:
        win.presentation_action.trigger()


def test_qt_says_the_names_we_check(make_window: Callable[..., MainWindow]) -> None:
    """The rule above is Qt's own: for a sample of controls the accessibility interface gives the
    same name a screen reader would read."""
    win = _built(make_window)
    for widget in (win.table.search, win.table.view, win.weights.sliders[("dim", "value")], win.editor.name):
        interface = QAccessible.queryAccessibleInterface(widget)
        assert interface is not None and interface.text(QAccessible.Text.Name).strip(), widget


def test_every_action_is_in_a_menu_the_keyboard_opens(make_window: Callable[..., MainWindow]) -> None:
    """Alt or F10 opens the menu bar, so an action in a menu (or a submenu) is reachable by keyboard."""
    win = _built(make_window)

    def reachable(menu: QMenu) -> set[int]:
        found = set()
        for action in menu.actions():
            found.add(id(action))
            if action.menu() is not None:
                found |= reachable(action.menu())
        return found

    in_menus: set[int] = set()
    for action in win.menuBar().actions():
        if action.menu() is not None:
            in_menus |= reachable(action.menu())
    toolbar = [a for a in win.toolbar.actions() if not a.isSeparator() and a.text()]
    missing = [a.text() for a in toolbar if id(a) not in in_menus]
    assert missing == []
    assert toolbar  # the toolbar's actions were checked
