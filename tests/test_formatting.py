from planner.formatting import short_amount


def test_short_amounts() -> None:
    assert short_amount(950) == "950"
    assert short_amount(1234) == "1.2k"
    assert short_amount(16_700_000) == "16.7M"
    assert short_amount(-2_500_000_000) == "-2.5bn"
