"""Errors as values a user can read: one line, naming the place and the problem."""

from __future__ import annotations

import re

from pydantic import ValidationError

# Characters a terminal may act on instead of showing: C0 controls (ESC starts escape sequences that
# retitle windows or clear screens), DEL, C1 controls (0x9B is a one-byte CSI) and the bidirectional
# overrides and isolates that reorder what is shown (U+202A–202E, U+2066–2069).
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")
_UNSAFE_KEEP_LINES = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")
MAX_MESSAGE = 2_000  # characters of one error line; anything longer is cut and its size stated


def _escaped(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x80 else f"\\u{code:04x}"


def terminal_safe(text: str) -> str:
    """`text` with every character a terminal could act on shown escaped (ESC as ``\\x1b``,
    U+202E as ``\\u202e``), newlines and tabs kept: for multi-line output such as tables."""
    return _UNSAFE_KEEP_LINES.sub(_escaped, text) if _UNSAFE_KEEP_LINES.search(text) else text


def safe_text(text: str, limit: int = MAX_MESSAGE) -> str:
    """`text` as one safe line: control characters (newlines too) shown escaped, and at most about
    `limit` characters, a longer text cut with its full size stated (``… (52,428,800 characters)``)."""
    if len(text) > limit:
        text = f"{text[: max(limit - 40, 1)]}… ({len(text):,} characters)"
    return _UNSAFE.sub(_escaped, text) if _UNSAFE.search(text) else text


class LiftoffError(Exception):
    """Any failure a user should see as a plain message rather than a traceback."""


def format_validation_error(exc: ValidationError, limit: int = 5) -> str:
    """One clause per problem, ``path.to.field: message``, at most `limit` of them."""
    errors = exc.errors()
    lines = []
    for err in errors[:limit]:
        path = "".join(f"[{p}]" if isinstance(p, int) else f".{safe_text(str(p), 80)}" for p in err["loc"])
        path = path.lstrip(".")
        message = safe_text(err["msg"].removeprefix("Value error, "), 400)
        lines.append(f"{path}: {message}" if path else message)
    if len(errors) > limit:
        lines.append(f"and {len(errors) - limit} more problem(s)")
    return "; ".join(lines)
