"""Numbers and dates as people read them: amounts with their currency, counts, hours, quantities,
percentages, scores and days — one format per kind of quantity, wherever a person reads it.

One house style for every text Liftoff writes (the pack, decision reasons, gate reasons): a true minus
sign (−), a space before "%" and before k / M / bn, and at most three significant figures for
abbreviated amounts, without trailing zeros ("EUR 70 k", "EUR 1.5 M", "−EUR 1.45 M").
`short_amount` is the compact form for chart axes and map labels ("16.7M"). Scores read with one
decimal ("61.5"), counts as grouped whole numbers ("66,110"), hours with at most one decimal ("1.5",
"48") and days as "15 Feb 2027" (month names in the reader's language) wherever a person reads them:
the pack, the workbook, the app and the command line's tables. Machine formats (JSON, CSV) keep ISO
dates and full precision.
"""

from __future__ import annotations

import math
from datetime import date

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


def count(value: int) -> str:
    """How many of something (people, sessions, pilots): a whole number, grouped: 66110 → "66,110"."""
    return _signed(f"{abs(int(value)):,d}", value)


def hours(value: float) -> str:
    """A duration in hours, grouped with at most one decimal: 1.0 → "1", 1.5 → "1.5", 66110 → "66,110"."""
    text = f"{abs(value):,.1f}".removesuffix(".0")
    return _signed(text, value)


def ratio(value: float) -> str:
    """A factor or a rate (NPV per unit of budget, a consistency ratio…) with one decimal: 9.694 → "9.7"."""
    return _signed(f"{abs(value):,.1f}", value)


def signed(value: float, digits: int = 1) -> str:
    """A change with its sign: 2.26 → "+2.3" (digits=1), −3 → "−3.0"; no sign when it rounds to 0."""
    text = f"{abs(value):.{digits}f}"
    if not any(ch in "123456789" for ch in text):
        return text
    return ("+" if value > 0 else MINUS) + text


def percent(value: float, digits: int = 1) -> str:
    """A percentage already on the 0–100 scale: 5.66 → "5.7 %", −6 → "−6 %" (digits=0)."""
    return _signed(f"{abs(value):.{digits}f} %", value)


def score(value: float) -> str:
    """A 0–100 score with one decimal: 61.54 → "61.5", 70 → "70.0"."""
    return f"{value:.1f}"


def rating(value: float) -> str:
    """A 0–5 rating with at most one decimal: typed 4 → "4", derived 2.64 → "2.6", 3.97 → "4"."""
    return f"{value:.1f}".removesuffix(".0")


# Abbreviated month names by language (ISO 639-1); the pack and the deck offer these.
MONTHS: dict[str, tuple[str, ...]] = {
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
    "de": ("Jan.", "Feb.", "März", "Apr.", "Mai", "Juni", "Juli", "Aug.", "Sep.", "Okt.", "Nov.", "Dez."),
    "fr": ("janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."),
    "es": ("ene.", "feb.", "mar.", "abr.", "may.", "jun.", "jul.", "ago.", "sept.", "oct.", "nov.", "dic."),
    "nl": ("jan.", "feb.", "mrt.", "apr.", "mei", "jun.", "jul.", "aug.", "sep.", "okt.", "nov.", "dec."),
}


def day(value: date, language: str = "en") -> str:
    """A day as "15 Feb 2027" ("15 févr. 2027" in French); an unknown language falls back to English."""
    months = MONTHS.get(language, MONTHS["en"])
    return f"{value.day} {months[value.month - 1]} {value.year}"


def month(value: date, language: str = "en") -> str:
    """A month as "Feb 2027", for time axes."""
    months = MONTHS.get(language, MONTHS["en"])
    return f"{months[value.month - 1]} {value.year}"


def ticks(low: float, high: float, most: int = 5) -> list[float]:
    """Round tick values from `low` to `high`: multiples of 1, 2, 2.5 or 5 × 10^k, at most `most` of
    them. Examples: 0 to 34.4 M → 0, 10 M, 20 M, 30 M; 0 to 47.2 M → 0, 10 M, … 40 M."""
    span = high - low
    if span <= 0:
        return [low]
    if not math.isfinite(span):  # bounds near the float limit: the ends alone, never an overflow
        return [v for v in (low, high) if math.isfinite(v)]
    magnitude = 10 ** math.floor(math.log10(span / (most - 1)))
    step = next(
        m * magnitude for m in (1, 2, 2.5, 5, 10) if math.floor(span / (m * magnitude) + 1e-9) + 1 <= most
    )
    first = math.ceil(low / step - 1e-9) * step
    count = math.floor((high - first) / step + 1e-9) + 1
    return [first + k * step for k in range(count)]
