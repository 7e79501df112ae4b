"""The main window's menus and toolbar. Every action lives in a menu (so the keyboard reaches it with
Alt or F10) and is added to the window too (so its shortcut works while presentation mode hides the
menu bar); the toolbar repeats the frequent ones. The undo, redo and present glyphs are drawn in the
palette's button text colour, with a greyed variant for a disabled action, and redrawn when the palette
changes."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import (
    QAction,
    QColor,
    QIcon,
    QKeySequence,
    QPainter,
    QPainterPath,
    QPalette,
    QPen,
    QPixmap,
)
from PySide6.QtWidgets import QMenu, QStyle, QToolBar

from ui.shell import help as help_menu
from ui.shell import layout

MainWindow = Any  # ui.main_window.MainWindow, which sits on the floor above and imports this module

DIALOGS = (  # the import/export dialogs load openpyxl or reportlab, so they are imported on first use
    ("&Import intake workbook…", "ui.dialogs.import_intake", "import_intake", None),
    ("Write intake &template…", "ui.dialogs.intake_template", "write_intake_template", None),
    ("Export Excel &scorecard…", "ui.dialogs.export_scorecard", "export_scorecard", "Ctrl+E"),
    ("Export PDF &pack…", "ui.dialogs.export_pack", "export_pack", "Ctrl+P"),
)


def action(
    window: MainWindow,
    menu: QMenu,
    text: str,
    slot: Callable[[], object],
    shortcut: str | QKeySequence.StandardKey | None = None,
    tip: str = "",
) -> QAction:
    """An action in `menu` and on the window, with its shortcut and a status tip (its description)."""
    made = QAction(text, window)
    if shortcut is not None:
        made.setShortcut(QKeySequence(shortcut))
    if tip:
        made.setStatusTip(tip)
        made.setToolTip(tip)
    made.triggered.connect(slot)
    menu.addAction(made)
    window.addAction(made)
    return made


def build(window: MainWindow) -> None:
    """Fill the File, Edit, View and Help menus and the toolbar of a built window."""
    file, edit, view, help_ = window.menus.values()
    w = window
    action(w, file, "&New", lambda: w.new_document(), QKeySequence.StandardKey.New, "Start an empty project")
    action(
        w,
        file,
        "New from &demo",
        w.open_demo,
        tip="Open the demo portfolio as a new, unsaved project",
    )
    w.open_action = action(w, file, "&Open…", w.open_dialog, QKeySequence.StandardKey.Open, "Open a project")
    w.recent_menu = file.addMenu("Open &recent")
    w.save_action = action(w, file, "&Save", w.save, QKeySequence.StandardKey.Save, "Save the project")
    action(
        w, file, "Save &as…", w.save_as, QKeySequence.StandardKey.SaveAs, "Save the project to another file"
    )
    file.addSeparator()
    for text, module, function, key in DIALOGS:
        action(w, file, text, partial(w.run_dialog, module, function), key, text.replace("&", "").rstrip("…"))
    file.addSeparator()
    action(w, file, "&Quit", w.close, QKeySequence.StandardKey.Quit, "Close Liftoff")

    undo = w.doc.undo_stack.createUndoAction(w, "&Undo")
    undo.setShortcut(QKeySequence.StandardKey.Undo)
    redo = w.doc.undo_stack.createRedoAction(w, "&Redo")
    redo.setShortcut(QKeySequence.StandardKey.Redo)
    edit.addActions([undo, redo])
    w.addActions([undo, redo])
    w.undo_action, w.redo_action = undo, redo
    edit.addSeparator()
    w.add_action = action(w, edit, "&Add pilot", w.add_pilot, "Ctrl+Shift+N", "Add a pilot to the portfolio")
    action(w, edit, "&Remove selected pilots", w.remove_selected, "Ctrl+Del", "Remove the selected pilots")

    views = view.addMenu("&Go to view")
    for i in range(w.tabs.count()):
        title = w.tabs.tabText(i)
        key = f"Ctrl+{(i + 1) % 10}" if i < 10 else None
        action(w, views, title, partial(w.tabs.setCurrentIndex, i), key, f"Show the {title} view")
    action(w, view, "&Find pilot", w.find_pilot, QKeySequence.StandardKey.Find, "Search the portfolio table")
    view.addSeparator()
    w.open_editor_action = action(
        w, view, "Edit selected &pilot", w.open_editor, "F4", "Show the pilot editor for the selected pilot"
    )
    for dock in layout.docks(w):
        toggle = dock.toggleViewAction()
        toggle.setStatusTip(f"Show or hide the {dock.windowTitle()} panel")
        toggle.setToolTip(toggle.statusTip())
        view.addAction(toggle)
    action(w, view, "Reset &layout", lambda: layout.reset(w), tip="Put every panel back where it starts")
    view.addSeparator()
    w.presentation_action = action(
        w,
        view,
        "&Presentation mode",
        lambda: w.presenter.set_active(w.presentation_action.isChecked()),
        "F11",
        "Large type and high contrast for a projector",
    )
    w.presentation_action.setCheckable(True)
    w.presentation_action.setIconText("Present")
    w.leave_presentation_action = QAction("Leave presentation mode", w)
    w.leave_presentation_action.setShortcut(QKeySequence("Esc"))
    w.leave_presentation_action.setEnabled(False)  # Esc stays free for editors otherwise
    w.leave_presentation_action.triggered.connect(lambda: w.presenter.escape())
    w.addAction(w.leave_presentation_action)
    help_menu.build(w, help_, action)
    _toolbar(w)
    w.refresh_recent()


def _toolbar(w: MainWindow) -> None:
    toolbar = QToolBar("Main")
    w.addToolBar(toolbar)
    w.toolbar = toolbar
    toolbar.setObjectName("toolbar-main")
    toolbar.setMovable(False)
    toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    icons = QStyle.StandardPixmap
    for act, icon in (
        (w.open_action, icons.SP_DialogOpenButton),
        (w.save_action, icons.SP_DialogSaveButton),
        (w.add_action, icons.SP_FileDialogNewFolder),
    ):
        act.setIcon(w.style().standardIcon(icon))
    draw_icons(w)
    w.undo_action.setIconText("Undo")
    w.redo_action.setIconText("Redo")
    toolbar.addActions([w.open_action, w.save_action])
    toolbar.addSeparator()
    toolbar.addActions([w.undo_action, w.redo_action, w.add_action])
    toolbar.addSeparator()
    w.dock_toggles = [w.weights_dock.toggleViewAction(), w.editor_dock.toggleViewAction()]
    toolbar.addActions(w.dock_toggles)
    toolbar.addAction(w.open_editor_action)  # shown in presentation mode, where the editor is an overlay
    w.open_editor_action.setIconText("Pilot")
    w.open_editor_action.setVisible(False)
    toolbar.addSeparator()
    toolbar.addAction(w.presentation_action)  # a visible way back out of presentation mode


def draw_icons(w: MainWindow) -> None:
    """Undo, redo, present, the weights and the pilot editor drawn in the palette's text colour (the
    style's own arrows are dark glyphs, invisible on a dark toolbar); a disabled action gets the
    palette's disabled text colour, drawn dashed."""
    palette = w.palette()
    inks = (
        (QIcon.Mode.Normal, palette.color(QPalette.ColorRole.ButtonText)),
        (QIcon.Mode.Disabled, palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText)),
    )

    def icon(*paths: QPainterPath) -> QIcon:
        made = QIcon()
        for mode, ink in inks:
            made.addPixmap(_glyph(paths, ink, faded=mode is QIcon.Mode.Disabled), mode)
        return made

    def turn(mirror: bool) -> QPainterPath:  # a hooked arrow pointing back (undo) or on (redo)
        def x(v: float) -> float:
            return 32 - v if mirror else v

        path = QPainterPath()
        path.moveTo(x(25), 25)
        path.cubicTo(x(25), 11, x(14), 9, x(8), 14)
        path.moveTo(x(7), 6)
        path.lineTo(x(7), 15)
        path.lineTo(x(16), 15)
        return path

    screen = QPainterPath()
    screen.addRect(5, 6, 22, 15)
    screen.moveTo(16, 21)
    screen.lineTo(16, 26)
    screen.moveTo(10, 26)
    screen.lineTo(22, 26)
    sliders = QPainterPath()  # three sliders: the weights
    for y, knob in ((8, 20), (16, 10), (24, 16)):
        sliders.moveTo(5, y)
        sliders.lineTo(27, y)
        sliders.addEllipse(knob - 3, y - 3, 6, 6)
    panel = QPainterPath()  # a window with a panel on its right: the pilot editor
    panel.addRect(4, 6, 24, 20)
    panel.moveTo(18, 6)
    panel.lineTo(18, 26)
    for y in (11, 16, 21):
        panel.moveTo(21, y)
        panel.lineTo(25, y)
    w.undo_action.setIcon(icon(turn(False)))
    w.redo_action.setIcon(icon(turn(True)))
    w.presentation_action.setIcon(icon(screen))
    w.weights_dock.toggleViewAction().setIcon(icon(sliders))
    for act in (w.editor_dock.toggleViewAction(), w.open_editor_action):
        act.setIcon(icon(panel))


def _glyph(paths: tuple[QPainterPath, ...], ink: QColor, faded: bool) -> QPixmap:
    pixmap = QPixmap(32, 32)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    pen = QPen(ink, 2 if faded else 3, Qt.PenStyle.DashLine if faded else Qt.PenStyle.SolidLine)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    painter.setPen(pen)
    for path in paths:
        painter.drawPath(path)
    painter.end()
    return pixmap
