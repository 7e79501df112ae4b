"""The views' tab strip while it fits the central view; a "View: …" menu button when it does not.

A strip cut at its end hides views (and QTabBar's scroll arrows are tiny on a projector), so when the
strip is wider than the central view it is hidden and the toolbar offers every view in a menu
instead, named after the view shown. Checked again whenever the view or its font changes size.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu, QTabWidget, QToolBar, QToolButton


class ViewSwitcher(QObject):
    def __init__(self, tabs: QTabWidget, toolbar: QToolBar) -> None:
        super().__init__(tabs)
        self.tabs = tabs
        self.button = QToolButton()
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.button.setAccessibleName("Views")
        self.button.setToolTip("Choose the view to show (Ctrl+1 … Ctrl+0)")
        self.menu = QMenu(self.button)
        self.button.setMenu(self.menu)
        self.group = QActionGroup(self)
        self.action = toolbar.addWidget(self.button)
        self.action.setVisible(False)
        self._pending = QTimer(self)
        self._pending.setSingleShot(True)
        self._pending.setInterval(0)
        self._pending.timeout.connect(self.update)
        for index in range(tabs.count()):
            choice = QAction(tabs.tabText(index), self.menu, checkable=True)
            choice.triggered.connect(lambda _c=False, i=index: tabs.setCurrentIndex(i))
            self.group.addAction(choice)
            self.menu.addAction(choice)
        tabs.currentChanged.connect(lambda _i: self._name_current())
        tabs.installEventFilter(self)
        self._name_current()

    def fits(self) -> bool:
        return self.tabs.tabBar().sizeHint().width() <= self.tabs.width()

    def update(self) -> None:
        fits = self.fits()
        self.tabs.tabBar().setVisible(fits)
        self.action.setVisible(not fits)

    def _name_current(self) -> None:
        index = self.tabs.currentIndex()
        self.button.setText(f"View: {self.tabs.tabText(index)} ▾")
        actions = self.menu.actions()
        if 0 <= index < len(actions):
            actions[index].setChecked(True)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.Resize, QEvent.Type.FontChange, QEvent.Type.Show):
            self._pending.start()
        return False
