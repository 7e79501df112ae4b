"""The None guard keeps the app alive through many Qt calls that return nothing (PySide6 6.12 + 3.11)."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QGraphicsEllipseItem

import ui  # noqa: F401  (installs the guard)


def test_many_void_qt_calls_do_not_exhaust_none() -> None:
    item = QGraphicsEllipseItem()
    for _ in range(50_000):  # more than None's natural reference count in a fresh process
        item.setRect(0, 0, 1, 1)
    assert sys.getrefcount(None) > 1_000_000
