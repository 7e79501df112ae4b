"""Parsing one intake cell into a model value, or a readable reason why it cannot be one."""

from __future__ import annotations

import math
import re
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from planner.intake.layout import ENUM_LISTS, NO, YES, Column


class CellError(ValueError):
    """A cell that cannot become the value its column needs; the message is for the user."""


_TRUE = {YES, "y", "true", "1", "x"}
_FALSE = {NO, "n", "false", "0"}
_SPLIT = re.compile(r"[,;\n]")


def is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _shown(value: Any) -> str:
    text = str(value)
    return repr(text if len(text) <= 40 else text[:37] + "...")


def _as_text(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return YES if value else NO
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
    return str(value)


def parse_cell(column: Column, value: Any) -> Any:
    """The value of a non-blank cell for `column`; CellError saying what was expected otherwise."""
    kind = column.kind
    if kind == "text":
        return _as_text(value)
    if kind == "id":
        return _as_text(value).strip()
    if kind == "ids":
        return [part.strip() for part in _SPLIT.split(_as_text(value)) if part.strip()]
    if kind in ("int", "score"):
        if isinstance(value, bool):
            raise CellError(f"expected a whole number, got {_shown(value)}")
        if isinstance(value, int):
            return value
        if isinstance(value, float) and value.is_integer():
            return int(value)
        if isinstance(value, str) and re.fullmatch(r"\s*[+-]?\d+\s*", value):
            return int(value)
        raise CellError(f"expected a whole number, got {_shown(value)}")
    if kind == "float":
        if isinstance(value, int | float) and not isinstance(value, bool):
            number = float(value)
        elif isinstance(value, str):
            try:
                number = float(value.strip().replace(",", ""))
            except ValueError:
                raise CellError(f"expected a number, got {_shown(value)}") from None
        else:
            raise CellError(f"expected a number, got {_shown(value)}")
        if not math.isfinite(number):
            raise CellError(f"expected a finite number, got {_shown(value)}")
        return number
    if kind == "date":
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        if isinstance(value, str):
            try:
                return date.fromisoformat(value.strip())
            except ValueError:
                pass
        raise CellError(f"expected a date (YYYY-MM-DD), got {_shown(value)}")
    if kind == "bool":
        if isinstance(value, bool):
            return value
        text = _as_text(value).strip().lower()
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
        raise CellError(f"expected yes or no, got {_shown(value)}")
    if kind == "enum":
        assert column.choices is not None
        enum: type[StrEnum] = ENUM_LISTS[column.choices]
        text = _as_text(value).strip().lower().replace(" ", "_").replace("-", "_")
        try:
            return enum(text)
        except ValueError:
            allowed = ", ".join(m.value for m in enum)
            raise CellError(f"unknown value {_shown(value)}; expected one of {allowed}") from None
    raise AssertionError(f"unknown column kind {kind!r}")
