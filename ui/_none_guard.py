"""Work around a reference-count bug of PySide6 6.12 on Python 3.11: keep `None` alive.

On this stack every call of a Qt method that returns nothing (``setRect``, ``processEvents``…)
hands Python a `None` without counting the reference, so None's count drops by one per call. After
a few thousand calls (a re-rank of a large portfolio makes ~10,000) CPython aborts with
"none_dealloc: deallocating None". Python 3.12 made None immortal (PEP 683), which hides the bug;
here we give None the same treatment by raising its count far beyond reach. None is never freed
anyway, so this changes nothing else. Remove this module once PySide6 or Python is upgraded.
"""

from __future__ import annotations

import ctypes
import sys

_BOOST = 1 << 40  # a trillion references: more void calls than a session can ever make


def install() -> None:
    """Raise None's reference count once per process on Python < 3.12 (idempotent)."""
    if sys.version_info >= (3, 12) or getattr(sys, "_liftoff_none_guard", False):
        return
    refcount = ctypes.c_ssize_t.from_address(id(None))  # ob_refcnt is PyObject's first field
    refcount.value += _BOOST
    sys._liftoff_none_guard = True  # type: ignore[attr-defined]
