"""The pack's funding section: the first saved scenario's optimum, as the funding engine computes it."""

from __future__ import annotations

import io

import pypdf

from planner.export.pdf.pack import PackOptions, build_pack
from planner.funding import scenarios as funding
from planner.method import load_method
from planner.portfolio.store import load
from planner.resources import templates_dir
from planner.triage.scoring import score


def _text(portfolio, sections):  # type: ignore[no-untyped-def]
    out = io.BytesIO()
    report = build_pack(out, portfolio, score(portfolio), load_method(), PackOptions(sections=sections))
    reader = pypdf.PdfReader(io.BytesIO(out.getvalue()))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages), report


def test_funding_section_shows_the_scenarios_optimum() -> None:
    demo = load(templates_dir() / "demo" / "demo.liftoff")
    scenario = demo.scenarios[0]
    expected = funding.fund(demo, score(demo), scenario)
    text, report = _text(demo, ["funding"])
    assert f"Funding: {scenario.name}" in text
    assert f"funds {len(expected.selection.funded)} pilots" in text
    names = {p.id: p.name for p in demo.pilots}
    for pilot_id in expected.selection.funded:
        assert names[pilot_id] in text
    assert "What more budget buys next" in text
    assert "funding" in report.sections


def test_funding_section_is_left_out_without_a_scenario() -> None:
    demo = load(templates_dir() / "demo" / "demo.liftoff").model_copy(update={"scenarios": []})
    _, report = _text(demo, ["funding"])
    assert ("funding", "no funding scenario is saved in the project") in report.left_out


def test_frontier_ticks_are_round_numbers() -> None:
    from planner.export.pdf.funding import ticks

    # 34.4 M over at most 5 ticks: steps of 2.5 M or 5 M would need 14 or 7 ticks, 10 M needs 4
    assert ticks(0, 34_400_000) == [0, 10_000_000, 20_000_000, 30_000_000]
    assert ticks(0, 47_200_000) == [0, 10_000_000, 20_000_000, 30_000_000, 40_000_000]
    assert ticks(0, 1) == [0, 0.25, 0.5, 0.75, 1]
    assert ticks(5, 5) == [5]


def test_frontier_chart_has_titled_axes_in_the_currency_from_a_budget_of_zero() -> None:
    demo = load(templates_dir() / "demo" / "demo.liftoff")
    text, _ = _text(demo, ["funding"])
    assert "Risk-adjusted NPV (EUR)" in text and "Budget (EUR)" in text
    # the budget axis starts at 0 and both axes carry the currency on round ticks
    assert "EUR 0 EUR 10 M EUR 20 M EUR 30 M" in text
