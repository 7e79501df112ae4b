"""The pack's funding section: the first saved scenario's optimum, as the funding engine computes it."""

from __future__ import annotations

import io

import pypdf

from planner import funding
from planner.export.pdf import PackOptions, build_pack
from planner.method import load_method
from planner.resources import templates_dir
from planner.scoring import score
from planner.store import load


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
