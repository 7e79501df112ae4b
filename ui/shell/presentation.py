"""Presentation mode: the view full screen for a projector, the pilot editor over it on demand.

Entering keeps the user's layout and window geometry, hides every dock and the menu and status
bars, switches the application to large type and the high-contrast palette (`ui.theme`), and moves
the pilot editor into an overlay on the right of the view, closed until asked for (F4, the toolbar's
Pilot button, Enter on a pilot). Esc closes the overlay, then leaves the mode. Leaving puts the
editor back in its dock and restores the font, the palette, the geometry and then the layout, in that
order, so the docks come back at the widths they had.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QByteArray, QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication, QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ui import theme
from ui.shell import layout

MainWindow = Any  # ui.main_window.MainWindow, which sits on the floor above and imports this module

OVERLAY_SHARE = 0.45  # of the view's width
OVERLAY_MIN, OVERLAY_MAX = 420, 760


class EditorOverlay(QFrame):
    """A framed panel over the right of `host` (the central view) that holds the pilot editor."""

    def __init__(self, host: QWidget) -> None:
        super().__init__(host)
        self.host = host
        self.setFrameShape(QFrame.Shape.Box)
        self.setLineWidth(2)
        self.setAutoFillBackground(True)
        self.setAccessibleName("Pilot editor")
        title = QLabel("Pilot")
        font = title.font()
        font.setBold(True)
        title.setFont(font)
        self.close_button = QPushButton("Close (Esc)")
        self.close_button.setToolTip("Close the pilot editor and show the whole view")
        self.close_button.clicked.connect(self.hide)
        head = QHBoxLayout()
        head.addWidget(title, 1)
        head.addWidget(self.close_button)
        self.body = QVBoxLayout(self)
        self.body.addLayout(head)
        host.installEventFilter(self)
        self.hide()

    def hold(self, widget: QWidget) -> None:
        self.body.addWidget(widget, 1)
        widget.show()

    def open(self) -> None:
        self.place()
        self.show()
        self.raise_()

    def place(self) -> None:
        room = self.host.rect()
        bar = getattr(self.host, "tabBar", None)
        top = bar().geometry().bottom() + 1 if bar is not None and bar().isVisible() else 0
        width = max(min(OVERLAY_MAX, round(room.width() * OVERLAY_SHARE)), min(OVERLAY_MIN, room.width()))
        self.setGeometry(room.right() + 1 - width, top, width, room.height() - top)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and self.isVisible():
            self.place()
        return False


class Presenter(QObject):
    """Switches `window` into and out of presentation mode; see the module docstring."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.overlay = EditorOverlay(window.tabs)
        self.active = False
        self.saved_state = QByteArray()
        self.saved_geometry = QByteArray()
        self.normal_font = QApplication.font()
        self.normal_palette = QApplication.palette()

    def set_active(self, on: bool) -> None:
        if on == self.active:
            return
        w = self.window
        app = QApplication.instance()
        if on:
            self.saved_state = w.saveState(layout.LAYOUT_VERSION)
            self.saved_geometry = w.saveGeometry()
            self.normal_font, self.normal_palette = QApplication.font(), QApplication.palette()
            for dock in layout.docks(w):
                dock.hide()
            self.overlay.hold(w.editor_panel)
        else:
            self.overlay.hide()
            w.editor_dock.setWidget(w.editor_panel)
        self.active = on
        if isinstance(app, QApplication):
            theme.set_presentation(app, on, self.normal_font, self.normal_palette)
        w.menuBar().setVisible(not on)
        w.statusBar().setVisible(not on)
        for toggle in w.dock_toggles:
            toggle.setVisible(not on)
        w.open_editor_action.setVisible(on)
        w.leave_presentation_action.setEnabled(on)
        if on:
            w.showFullScreen()
        else:
            w.showNormal()
            w.restoreGeometry(self.saved_geometry)
            QApplication.processEvents()  # the window has its size back before the docks get theirs
            w.restoreState(self.saved_state, layout.LAYOUT_VERSION)

    def show_editor(self) -> None:
        """The pilot editor in sight: over the view while presenting, else its dock, shown and raised."""
        w = self.window
        if self.active:
            self.overlay.open()
            w.editor.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        w.editor_dock.show()
        w.editor_dock.raise_()
        w.editor_panel.currentWidget().setFocus()

    def escape(self) -> None:
        """Esc: close the editor overlay if it is open, else leave presentation mode."""
        if self.overlay.isVisible():
            self.overlay.hide()
            self.window.tabs.currentWidget().setFocus()
        else:
            self.window.presentation_action.trigger()
