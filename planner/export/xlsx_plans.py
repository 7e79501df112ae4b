"""Plan and graph sheets of the scorecard workbook."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Writer = Callable[[Any, Any, Callable[[], None]], None]


def available(
    portfolio: Any, scores: Any, method: Any, plans: Any, graphs: Any
) -> list[tuple[str, int, Writer]]:
    return []
