"""Parsing one intake cell into a model value, or a readable reason why it cannot be one.

A number a person typed is read as they meant it or refused, never changed by an order of magnitude.
Number cells are exact. Numbers typed as text (pasted from elsewhere) follow `parse_number`: a
decimal comma is a decimal ("0,45" is 0.45), thousands separators must group by three ("1,234,567",
"1.234.567,5", "1 234 567"), and a text that could be read either way ("1,234", "1.500") is refused
with the two readings named. Ids are text: a true/false, fractional or infinite number is refused.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
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


_SPACES = "\u0020\u00a0\u202f\u2009'\u2019"  # thousands separators besides "," and "."
_GROUPED = re.compile(r"[1-9]\d{0,2}(?:S\d{3})+")
_PLAIN = re.compile(r"\d+(?:\.\d*)?|\.\d+")


def _grouped(digits: str, separator: str) -> bool:
    return _GROUPED.fullmatch(digits.replace(separator, "S")) is not None


def parse_number(text: str) -> float:
    """The number a person meant by `text` (see the module docstring); CellError when it is not one
    or could be read two ways."""
    body = text.strip()
    sign = ""
    if body[:1] in "+-−":
        sign, body = ("-" if body[0] in "-−" else ""), body[1:].strip()
    for space in _SPACES:
        if space in body:
            if not _grouped(body.split(",")[0].split(".")[0], space) and len(body.split(space)) > 1:
                raise CellError(f"expected a number, got {_shown(text)}")
            body = body.replace(space, "")
    commas, dots = body.count(","), body.count(".")
    if commas and dots:  # the last separator is the decimal one, the other groups thousands
        decimal = "," if body.rfind(",") > body.rfind(".") else "."
        thousands = "." if decimal == "," else ","
        whole, _, fraction = body.rpartition(decimal)
        if body.count(decimal) > 1 or not _grouped(whole, thousands) or not fraction.isdigit():
            raise CellError(f"expected a number, got {_shown(text)}")
        body = whole.replace(thousands, "") + "." + fraction
    elif commas > 1 or dots > 1:  # only thousands separators
        separator = "," if commas else "."
        if not _grouped(body, separator):
            raise CellError(f"expected a number, got {_shown(text)}")
        body = body.replace(separator, "")
    elif commas or dots:
        separator = "," if commas else "."
        whole, _, fraction = body.partition(separator)
        if len(fraction) == 3 and _grouped(body, separator):
            grouped, decimal = whole + fraction, whole + "." + fraction
            raise CellError(
                f"{_shown(text)} could be {grouped} or {decimal}: type the number without a thousands "
                "separator, or enter it as a number cell"
            )
        body = whole + "." + fraction
    if _PLAIN.fullmatch(body):
        return float(sign + body)
    try:
        number = float(sign + body)  # scientific notation (1e6); "inf" and "nan" are caught below
    except ValueError:
        raise CellError(f"expected a number, got {_shown(text)}") from None
    if not math.isfinite(number):
        raise CellError(f"expected a finite number, got {_shown(text)}")
    return number


def _as_id(value: Any) -> str:
    """An id cell as text: text as it is, a whole number as its digits; anything else refused."""
    if isinstance(value, str):
        return value
    whole = isinstance(value, int | float) and math.isfinite(value) and float(value).is_integer()
    if whole and not isinstance(value, bool):
        return str(int(value))
    shown = ("TRUE" if value else "FALSE") if isinstance(value, bool) else value
    raise CellError(f"an id must be text, got {_shown(shown)}")


def _as_text(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return YES if value else NO
    if isinstance(value, float) and not math.isfinite(value):
        raise CellError(f"expected text, got the number {_shown(value)}")
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
        return _as_id(value).strip()
    if kind == "ids":
        return [part.strip() for part in _SPLIT.split(_as_id(value)) if part.strip()]
    if kind in ("int", "score"):
        if isinstance(value, bool):
            raise CellError(f"expected a whole number, got {_shown(value)}")
        if isinstance(value, int):
            return value
        if isinstance(value, float) and value.is_integer():
            return int(value)
        if isinstance(value, str) and re.fullmatch(r"\s*[+-]?[\d\s.,'\u00a0\u202f\u2009\u2019]+\s*", value):
            number = parse_number(value)  # "1,000" or "1 000"; an ambiguous "1.000" is refused
            if number.is_integer():
                return int(number)
        raise CellError(f"expected a whole number, got {_shown(value)}")
    if kind == "float":
        if isinstance(value, int | float) and not isinstance(value, bool):
            number = float(value)
        elif isinstance(value, str):
            number = parse_number(value)
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


_WORDS: dict[tuple[str, str | None, str], tuple[bool, Any]] = {}  # closed-list words already parsed


def _parse_word(column: Column, value: str) -> Any:
    """`parse_cell` for a word of a closed list or a yes/no: a few distinct words met thousands of times."""
    key = (column.kind, column.choices, value)
    known = _WORDS.get(key)
    if known is None:
        try:
            known = (True, parse_cell(column, value))
        except CellError as exc:
            known = (False, str(exc))
        if len(_WORDS) < 10_000:
            _WORDS[key] = known
    if not known[0]:
        raise CellError(known[1])
    return known[1]


def read_row(
    columns: Sequence[tuple[int, Column]], row: Sequence[Any]
) -> tuple[dict[str, Any], list[tuple[str, str]]] | None:
    """The values of one record row read through `columns` (index in the row, column), and the
    problems as (column key, message); None when every one of those cells is blank.

    The same as `parse_cell` on each non-blank cell, with the commonest cells (text in a text or id
    column, a finite number in a number column, a closed-list word) taken without a call: an intake
    has millions.
    """
    width = len(row)
    values: dict[str, Any] = {}
    problems: list[tuple[str, str]] = []
    missing: list[str] = []
    for index, column in columns:
        value = row[index] if index < width else None
        kind = column.kind
        if type(value) is str:
            if not value or value.isspace():
                if column.required:
                    missing.append(column.key)
                continue
            if kind == "text":
                values[column.key] = value
                continue
            if kind == "id":
                values[column.key] = value.strip()
                continue
            if kind == "enum" or kind == "bool":
                try:
                    values[column.key] = _parse_word(column, value)
                except CellError as exc:
                    problems.append((column.key, str(exc)))
                continue
        elif type(value) is float and math.isfinite(value):
            if kind == "float":
                values[column.key] = value
                continue
            if (kind == "int" or kind == "score") and value.is_integer():
                values[column.key] = int(value)
                continue
        elif value is None:
            if column.required:
                missing.append(column.key)
            continue
        try:
            values[column.key] = parse_cell(column, value)
        except CellError as exc:
            problems.append((column.key, str(exc)))
    if not values and not problems:
        return None
    problems += [(key, "missing required value") for key in missing]
    return values, problems
