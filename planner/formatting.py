"""Numbers as people read them: amounts with their currency, plain quantities and percentages.

One house style for every text Liftoff writes (the pack, decision reasons, gate reasons): a true minus
sign (−), a space before "%" and before k / M / bn, and at most three significant figures for
abbreviated amounts, without trailing zeros ("EUR 70 k", "EUR 1.5 M", "−EUR 1.45 M").
`short_amount` is the compact form for chart axes and map labels ("16.7M").
"""

from __future__ import annotations

MINUS = "\u2212"
_SCALES = ((1e9, "bn"), (1e6, "M"), (1e3, "k"))


def short_amount(value: float) -> str:
    """1234 → "1.2k", 16_700_000 → "16.7M", 2.5e9 → "2.5bn", 950 → "950"; the sign is kept."""
    for limit, suffix in _SCALES:
        if abs(value) >= limit:
            return _signed(f"{abs(value) / limit:,.1f}{suffix}", value)
    return _signed(f"{abs(value):,.0f}", value)


def _signed(text: str, value: float) -> str:
    """`text` (a magnitude) with a true minus when `value` is negative and the text is not zero."""
    return MINUS + text if value < 0 and any(ch in "123456789" for ch in text) else text


def _three_figures(value: float) -> str:
    """A non-negative number below 1000 to three significant figures, trailing zeros dropped."""
    text = f"{value:.0f}" if value >= 99.95 else f"{value:.1f}" if value >= 9.995 else f"{value:.2f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def money(amount: float, currency: str) -> str:
    """An amount with its currency, abbreviated: 70_000 → "EUR 70 k", −1_450_000 → "−EUR 1.45 M";
    small amounts keep three figures too: 950 → "EUR 950", 2.5 → "EUR 2.5"."""
    a = abs(amount)
    for limit, suffix in _SCALES:
        if round(a / limit, 2) >= 1:
            return _signed(f"{currency} {_three_figures(a / limit)} {suffix}".strip(), amount)
    return _signed(f"{currency} {_three_figures(a)}".strip(), amount)


def number(value: float) -> str:
    """A quantity: millions and more abbreviated ("8.4 M"), else grouped with at most two decimals
    ("7,800", "12.5", "0.87"); true minus."""
    a = abs(value)
    for limit, suffix in _SCALES[:2]:
        if round(a / limit, 2) >= 1:
            return _signed(f"{_three_figures(a / limit)} {suffix}", value)
    text = f"{a:,.2f}".rstrip("0").rstrip(".")
    return _signed(text, value)


def signed(value: float, digits: int = 1) -> str:
    """A change with its sign: 2.26 → "+2.3" (digits=1), −3 → "−3.0"; no sign when it rounds to 0."""
    text = f"{abs(value):.{digits}f}"
    if not any(ch in "123456789" for ch in text):
        return text
    return ("+" if value > 0 else MINUS) + text


def percent(value: float, digits: int = 1) -> str:
    """A percentage already on the 0–100 scale: 5.66 → "5.7 %", −6 → "−6 %" (digits=0)."""
    return _signed(f"{abs(value):.{digits}f} %", value)
