"""Numbers as people read them on charts and maps: short, with k / M / bn."""

from __future__ import annotations


def short_amount(value: float) -> str:
    """1234 → "1.2k", 16_700_000 → "16.7M", 2.5e9 → "2.5bn", 950 → "950"; the sign is kept."""
    for limit, suffix in ((1e9, "bn"), (1e6, "M"), (1e3, "k")):
        if abs(value) >= limit:
            return f"{value / limit:,.1f}{suffix}"
    return f"{value:,.0f}"
