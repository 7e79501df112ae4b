"""The Help menu: the keyboard sheet, the guided first run again, and About.

The sheet's first part is read from the window's own actions (so it can never miss or misstate a
shortcut of a menu command); the second lists the keys views handle themselves.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QMenu,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

MainWindow = Any  # ui.main_window.MainWindow, which sits on the floor above and imports this module

VIEW_KEYS: tuple[tuple[str, str, str], ...] = (
    # where, keys, what they do
    ("Portfolio table", "F2", "Rename the pilot, edit its unit or stage in place"),
    ("Portfolio table", "Enter", "Edit the selected pilot"),
    ("Portfolio table", "Type a letter", "Jump to a pilot whose name starts with it"),
    ("Ratings", "0 – 5", "Rate the current cell"),
    ("Ratings", "Enter", "Next typed criterion of the pilot, then the next pilot"),
    ("Ratings", "Delete", "Clear the rating"),
    ("Triage matrix", "Arrow keys", "Select the nearest pilot in that direction"),
    ("Triage matrix", "Enter", "Edit the selected pilot"),
    ("Maps and matrix", "0 or Home", "Show the whole map again"),
    ("Maps and matrix", "+ / −, Ctrl+wheel", "Zoom in and out"),
    ("Dependency map", "Delete", "Remove the selected dependency arrows"),
    ("Presentation mode", "Esc", "Close the pilot editor, then leave presentation mode"),
    ("Everywhere", "Tab / Shift+Tab", "Move between controls; Alt or F10 opens the menus"),
)


def build(window: MainWindow, menu: QMenu, action: Callable[..., QAction]) -> None:
    """Fill the Help menu; `action` makes a menu action (`ui.shell.menus.action`)."""
    action(
        window,
        menu,
        "&Keyboard shortcuts",
        lambda: keyboard_sheet(window).exec(),
        QKeySequence.StandardKey.HelpContents,
        "Every key Liftoff answers to",
    )
    action(window, menu, "&Guided tour", window.start_tour, tip="Five short steps through the demo portfolio")
    menu.addSeparator()
    action(window, menu, "&About Liftoff", lambda: about(window), tip="What Liftoff is")


def shortcuts(window: QWidget) -> list[tuple[str, str, str]]:
    """(where, keys, what) for every window action with a shortcut, then the keys of the views."""
    rows = []
    for act in window.actions():
        keys = act.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        if keys:
            rows.append(("Menus and toolbar", keys, act.text().replace("&", "").rstrip("…")))
    return rows + list(VIEW_KEYS)


def keyboard_sheet(window: QWidget) -> QDialog:
    """A dialog listing `shortcuts(window)` as a table a screen reader can walk row by row."""
    dialog = QDialog(window)
    dialog.setWindowTitle("Keyboard shortcuts")
    rows = shortcuts(window)
    table = QTableWidget(len(rows), 3, dialog)
    table.setAccessibleName("Keyboard shortcuts")
    table.setAccessibleDescription("One row per shortcut: where it works, the keys, what they do")
    table.setHorizontalHeaderLabels(["Where", "Keys", "What it does"])
    table.verticalHeader().hide()
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    for row, cells in enumerate(rows):
        for col, text in enumerate(cells):
            table.setItem(row, col, QTableWidgetItem(text))
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(True)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(table)
    layout.addWidget(buttons)
    screen = window.screen().availableGeometry()
    dialog.resize(min(760, screen.width() - 40), min(640, screen.height() - 40))
    return dialog


def about(window: QWidget) -> None:
    QMessageBox.about(
        window,
        "About Liftoff",
        "<b>Liftoff</b> gets stuck AI pilots into production: it scores a portfolio on value, readiness"
        " and sponsorship, says why each pilot is stuck and what to do, maps the people and the"
        " dependencies behind those decisions, plans rollout and training, and writes the committee"
        " pack. It works offline; your projects stay on this computer.",
    )
