from planner import formatting
from planner.formatting import money, number, percent, short_amount, signed


def test_short_amounts() -> None:
    assert short_amount(950) == "950"
    assert short_amount(1234) == "1.2k"
    assert short_amount(16_700_000) == "16.7M"
    assert short_amount(-2_500_000_000) == "\u22122.5bn"


def test_money_has_its_currency_three_figures_and_no_trailing_zeros() -> None:
    assert money(70_000, "EUR") == "EUR 70 k"  # not "EUR 70.0 k"
    assert money(180_000, "EUR") == "EUR 180 k"
    assert money(1_500_000, "EUR") == "EUR 1.5 M"
    assert money(-1_450_000, "EUR") == "\u2212EUR 1.45 M"
    assert money(2_100_000, "USD") == "USD 2.1 M"
    assert money(950, "EUR") == "EUR 950"
    assert money(47_200_000_000, "EUR") == "EUR 47.2 bn"
    # 999,999 rounds to 1,000 k: it is written as the next unit
    assert money(999_999, "EUR") == "EUR 1 M"
    # small amounts (a KPI of 2.5 EUR per basket) keep their figures
    assert money(2.5, "EUR") == "EUR 2.5"
    assert money(12.345, "EUR") == "EUR 12.3"
    # a negative amount that rounds to nothing carries no sign
    assert money(-0.001, "EUR") == "EUR 0"


def test_number_abbreviates_millions_and_groups_the_rest() -> None:
    assert number(8_400_000) == "8.4 M"
    assert number(7_800) == "7,800"
    assert number(12.5) == "12.5"
    assert number(0.873) == "0.87"
    assert number(-30) == "\u221230"


def test_percent_spacing_and_minus() -> None:
    assert percent(5.66) == "5.7 %"
    assert percent(-6, 0) == "\u22126 %"
    assert percent(15, 0) == "15 %"


def test_signed_changes() -> None:
    assert signed(2.26) == "+2.3"
    assert signed(-3) == "\u22123.0"
    assert signed(-0.04) == "0.0"
    assert signed(7, 0) == "+7"


def test_scores_read_with_one_decimal() -> None:
    assert formatting.score(61.54) == "61.5"
    assert formatting.score(70) == "70.0"
    assert formatting.score(99.96) == "100.0"


def test_days_read_the_same_everywhere_in_the_chosen_language() -> None:
    from datetime import date

    assert formatting.day(date(2027, 2, 15)) == "15 Feb 2027"
    assert formatting.day(date(2026, 8, 20), "fr") == "20 août 2026"
    assert formatting.day(date(2026, 3, 1), "de") == "1 März 2026"
    assert formatting.day(date(2026, 3, 1), "xx") == "1 Mar 2026"
    assert formatting.month(date(2026, 12, 31)) == "Dec 2026"


def test_counts_hours_ratios_and_ratings_have_one_format_each() -> None:
    assert formatting.count(66110) == "66,110"
    assert formatting.count(3) == "3"
    assert formatting.count(-1200) == "\u22121,200"
    # hours: grouped, at most one decimal, no ".0" on whole hours
    assert [formatting.hours(h) for h in (1.0, 1.5, 48.0, 66110.0, 25925.5, 0.0)] == [
        "1",
        "1.5",
        "48",
        "66,110",
        "25,925.5",
        "0",
    ]
    assert formatting.ratio(9.694) == "9.7" and formatting.ratio(1234.56) == "1,234.6"
    assert formatting.ratio(-0.25) == "\u22120.2"  # round half to even: 0.25 → 0.2
    assert [formatting.rating(r) for r in (4, 3.9667, 2.0, 0)] == ["4", "4", "2", "0"]
    assert formatting.rating(2.64) == "2.6"
