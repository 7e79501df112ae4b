"""PySide6 6.12.0 on Python 3.11 drops a reference to None on every Qt call that returns nothing,
and the interpreter aborts after a few thousand such calls ("none_dealloc: deallocating None").
pyproject.toml excludes that release; this test fails if a release with the same bug is installed."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QGraphicsEllipseItem


def test_void_qt_calls_keep_none_referenced() -> None:
    item = QGraphicsEllipseItem()
    before = sys.getrefcount(None)
    for i in range(1_000):  # few enough not to crash even on the buggy release
        item.setRect(0, 0, i, i)
    assert sys.getrefcount(None) >= before - 10  # a little slack for unrelated None references
