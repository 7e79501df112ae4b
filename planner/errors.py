"""Errors as values a user can read: one line, naming the place and the problem."""

from __future__ import annotations

from pydantic import ValidationError


class LiftoffError(Exception):
    """Any failure a user should see as a plain message rather than a traceback."""


def format_validation_error(exc: ValidationError, limit: int = 5) -> str:
    """One clause per problem, ``path.to.field: message``, at most `limit` of them."""
    errors = exc.errors()
    lines = []
    for err in errors[:limit]:
        path = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in err["loc"]).lstrip(".")
        message = err["msg"].removeprefix("Value error, ")
        lines.append(f"{path}: {message}" if path else message)
    if len(errors) > limit:
        lines.append(f"and {len(errors) - limit} more problem(s)")
    return "; ".join(lines)
