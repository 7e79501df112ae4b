"""Views and dialogs loaded on first use, so start-up pays only for what is visible.

The graph, plan and funding views pull in networkx, the planners and scipy; the export dialogs pull
in openpyxl and reportlab. None of that is needed to paint the portfolio table.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget


class LazyTab(QWidget):
    """A tab holding `module.name(*args)`, built the first time the tab is shown (or `ensure()`d)."""

    def __init__(self, module: str, name: str, *args: Any) -> None:
        super().__init__()
        self._target = (module, name, args)
        self.view: QWidget | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

    def ensure(self) -> QWidget:
        """The view, built now if it was not yet."""
        if self.view is None:
            module, name, args = self._target
            self.view = getattr(importlib.import_module(module), name)(*args)
            self.layout().addWidget(self.view)
            self.view.setGeometry(self.rect())  # its full size before it shows: views fit content on show
            self.view.show()  # now, not on the next event loop pass, so a tab being shown shows it
        return self.view

    def showEvent(self, event: QShowEvent) -> None:
        self.ensure()
        super().showEvent(event)


def call_later_imported(module: str, function: str, *args: Any) -> Any:
    """Import `module` now (on first use) and call its `function` with `args`."""
    return getattr(importlib.import_module(module), function)(*args)


class AfterFirstPaint(QObject):
    """Calls `then` once `widget` has painted, queued so the painted frame reaches the screen first."""

    def __init__(self, widget: QWidget, then: Callable[[], None]) -> None:
        super().__init__(widget)
        self._then = then
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self._then)
        return False
