"""Weight sensitivity on the command line, in JSON and in the pack: ranges never pass what a person can
set, and say "up to the maximum".

Two pilots under the shipped method (value criteria kpi 20, benefit 25 derived, strategy 20, evidence
20, inaction 15; benefit is 0 without financials, sponsorship 0 for both):

- A: every typed value criterion 4 → value 100·4·75/500 = 60; every readiness criterion 0.
- B: every typed value criterion 2 → value 30; every readiness criterion 5 → readiness 100.

With value weight t, readiness r and sponsorship 25: A = 60t/(t + r + 25), B = (30t + 100r)/(t + r +
25); they tie at t = 10r/3. With r = 62 that is 206.7 — beyond the 100 a weight can reach, so B stays
ahead up to the maximum. With r = 21 the tie is at t = 70, and the range ends there.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pypdf
import pytest

from planner.cli import main
from planner.export.pdf.pack import PackOptions, build_pack
from planner.method import load_method
from planner.model import MethodChoice, Pilot, Portfolio, Rating
from planner.portfolio import store
from planner.triage.scoring import score

METHOD = load_method("pilot-to-production")


def two_pilots(readiness_weight: float) -> Portfolio:
    typed_value = [c.id for c in METHOD.criteria_of("value") if c.derived is None]
    typed_sponsor = [c.id for c in METHOD.criteria_of("sponsorship") if c.derived is None]
    readiness = [c.id for c in METHOD.criteria_of("readiness")]

    def pilot(pid: str, value: int, ready: int) -> Pilot:
        ratings = {c: Rating(score=value) for c in typed_value}
        ratings |= {c: Rating(score=ready) for c in readiness}
        ratings |= {c: Rating(score=0) for c in typed_sponsor}
        return Pilot(id=pid, name=pid, ratings=ratings)

    return Portfolio(
        name="Two pilots",
        pilots=[pilot("A", 4, 0), pilot("B", 2, 5)],
        method=MethodChoice(dimension_weights={"readiness": readiness_weight}),
    )


@pytest.mark.parametrize(("readiness_weight", "high", "holds"), [(62, 100, True), (21, 70, False)])
def test_value_weight_range_is_clipped_at_the_maximum(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], readiness_weight: float, high: float, holds: bool
) -> None:
    path = tmp_path / "two.liftoff"
    store.save(two_pilots(readiness_weight), path)
    assert main(["sensitivity", str(path), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["top_ids"] == ["B", "A"]
    value = next(w for w in data["weights"] if w["key"] == "value")
    ranking = value["ranking"]
    assert (value["minimum"], value["maximum"], value["current"]) == (1, 100, 40)
    assert ranking["to"] == pytest.approx(high) and ranking["holds_up_to_maximum"] is holds
    assert ranking["from"] == 1 and ranking["holds_down_to_minimum"]
    assert ranking["holds"] == ("from 1 up to the maximum (100)" if holds else "from 1 to 70")
    for weight in data["weights"]:
        for part in ("ranking", "decisions"):
            assert 1 <= weight[part]["from"] <= weight["current"] <= weight[part]["to"] <= 100

    assert main(["sensitivity", str(path)]) == 0
    out = capsys.readouterr().out
    row = next(line for line in out.splitlines() if line.startswith("Value "))
    # weight, now, the top's range, then the decisions' (dimension weights never move a decision)
    decisions = "from 1 up to the maximum (100)"
    assert row.split()[1:] == ["40", *ranking["holds"].split(), *decisions.split()]
    assert "206" not in out


def test_the_demo_never_reports_a_weight_beyond_100(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    demo = tmp_path / "demo.liftoff"
    assert main(["demo", str(demo)]) == 0
    capsys.readouterr()
    assert main(["sensitivity", str(demo), "--format", "json", "--top", "3"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["top"] == 3 and len(data["top_ids"]) == 3
    assert len(data["weights"]) == len(METHOD.criteria) + len(METHOD.dimensions)
    for weight in data["weights"]:
        for part in ("ranking", "decisions"):
            side = weight[part]
            assert side["to"] <= 100 and (side["above"] is None) == side["holds_up_to_maximum"]


def test_the_pack_tells_the_same_ranges_in_the_same_words() -> None:
    portfolio = two_pilots(62)
    out = io.BytesIO()
    build_pack(out, portfolio, score(portfolio, METHOD), METHOD, PackOptions(sections=["method"]))
    text = " ".join(p.extract_text() or "" for p in pypdf.PdfReader(io.BytesIO(out.getvalue())).pages)
    text = " ".join(text.split())
    assert "How far each weight can move" in text
    # the value weight's row: now 40, the top holds to the maximum, decisions never move with it
    assert "Value 40 from 1 up to the maximum (100) from 1 up to the maximum (100)" in text
    assert "206" not in text
