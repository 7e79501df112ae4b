"""`liftoff consensus` and `liftoff raters` on the demo's workshop (scripts/demo_workshop.py), with the
expected figures worked by hand from its tables.

The demo's value criteria weigh kpi_clarity 20, strategic_alignment 20, pilot_evidence 20,
cost_of_inaction 15 (and derived benefit 25); a point on a weight-20 criterion moves value by 4, on
cost of inaction by 3. HLT-02 (radiology) has value 44 at the desk ratings, a pivot (40 ≤ value < 60).
After round 2, with kpi_clarity held at 4 by the facilitator:

- Rafael Mendes: strategic alignment 1, pilot evidence 1 → 44 − 4 − 8 = 32: stop;
- Dr Anna Berg: kpi 5, strategic 4, evidence 4, cost of inaction 2 → 44 + 4 + 8 + 4 + 3 = 63, a
  strong case with failing gates: fix then scale;
- Mei-Lin Zhou (kpi 5 → 48), Jonas Lindqvist (kpi 3 → 40), Tom Ashworth (kpi 5, inaction 2 → 51): pivot;
- low end: kpi 3, strategic 1, evidence 1, inaction 1 → 28: stop; high end: 63: fix then scale;
- pilot evidence alone at its low end, 1: 36, stop; no criterion alone at its high end reaches 60.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from planner.cli import main
from planner.portfolio import store
from tests.factories import pilot, portfolio
from tests.test_cli_formats import FORMATS, tables


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.liftoff"
    assert main(["demo", str(path)]) == 0
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    capsys.readouterr()
    assert main(list(argv)) == 0
    return capsys.readouterr().out


def test_consensus_json_names_the_contested_pilot_and_each_view(demo: Path, capsys) -> None:
    data = json.loads(run(capsys, "consensus", str(demo), "--format", "json"))
    assert [r["id"] for r in data["raters"]] == ["R-zhou", "R-mendes", "R-berg", "R-lindqvist", "R-ashworth"]
    assert data["queue"] == ["HLT-02"]
    pilots = {p["pilot"]: p for p in data["pilots"]}
    assert len(pilots) == 27 and sum(p["contested"] for p in pilots.values()) == 1
    hlt = pilots["HLT-02"]
    assert hlt["consensus_decision"] == "pivot"
    assert hlt["by_rater"] == {
        "R-zhou": "pivot",
        "R-mendes": "stop",
        "R-berg": "fix_then_scale",
        "R-lindqvist": "pivot",
        "R-ashworth": "pivot",
    }
    assert (hlt["low_end"], hlt["high_end"]) == ("stop", "fix_then_scale")
    assert hlt["flips"] == [{"criterion": "pilot_evidence", "end": "low", "value": 1.0, "decision": "stop"}]
    criteria = {c["criterion"]: c for c in hlt["criteria"]}
    # pilot evidence 3, 1, 4, 3, 3: sorted 1 3 3 3 4 → median 3, range 3, Q1 = Q3 = 3
    evidence = criteria["pilot_evidence"]
    assert (evidence["consensus"], evidence["source"], evidence["low"], evidence["high"]) == (
        3,
        "median",
        1,
        4,
    )
    assert (evidence["range"], evidence["iqr"]) == (3, 0)
    # KPI clarity 5, 4, 5, 3, 5 has median 5, but the facilitator holds it at 4
    kpi = criteria["kpi_clarity"]
    assert (kpi["consensus"], kpi["source"], kpi["values"]["R-lindqvist"]) == (4, "facilitator", 3)
    for agreed in ("SUP-03", "MFG-04"):
        assert not pilots[agreed]["contested"] and len(pilots[agreed]["raters"]) == 5
    assert pilots["FIN-01"]["raters"] == [] and pilots["FIN-01"]["criteria"] == []
    # the pairwise answers on the dimensions: Mendes alone gives value 3/5 (3, 3, 1 are consistent)
    dims = data["weights"]["dimensions"]
    assert dims["people"]["R-mendes"]["weights"] == pytest.approx(
        {"value": 0.6, "readiness": 0.2, "sponsorship": 0.2}
    )
    assert dims["people"]["R-mendes"]["consistency_ratio"] == pytest.approx(0, abs=1e-9)
    assert sum(dims["group"]["weights"].values()) == pytest.approx(1)


def test_consensus_text_starts_with_the_discussion_queue(demo: Path, capsys) -> None:
    out = run(capsys, "consensus", str(demo))
    assert "round 2 “After discussion” closed 12 Nov 2026" in out
    assert "Discussion queue: 1 contested pilot, most value at stake first" in out
    assert "1. HLT-02 Radiology worklist prioritisation" in out
    assert "Rafael Mendes: stop · Dr Anna Berg: fix then scale" in out
    assert "would flip on: Pilot evidence at 1 (low) → stop" in out
    assert "HLT-02 Radiology worklist prioritisation: contested" in out
    assert "SUP-03 Contract clause extraction: agreed" not in out  # details only for contested pilots
    detail = run(capsys, "consensus", str(demo), "--pilot", "SUP-03")
    assert "SUP-03 Contract clause extraction: agreed" in detail
    assert "SUP-03 Contract clause extraction: agreed" in run(capsys, "consensus", str(demo), "--all")
    one = json.loads(run(capsys, "consensus", str(demo), "--pilot", "SUP-03", "--format", "json"))
    assert [p["pilot"] for p in one["pilots"]] == ["SUP-03"] and one["queue"] == ["HLT-02"]


def test_raters_reports_coverage_and_how_the_rounds_narrowed(demo: Path, capsys) -> None:
    data = json.loads(run(capsys, "raters", str(demo), "--format", "json"))
    cov = {r["id"]: r for r in data["raters"]}
    # 3 workshop pilots × 16 typed criteria = 48 cells; Zhou rated 11 of each pilot's, the others 8
    assert (cov["R-zhou"]["ratings"], cov["R-zhou"]["coverage"]) == (33, round(33 / 48, 4))
    assert (cov["R-mendes"]["ratings"], cov["R-mendes"]["coverage"]) == (24, 0.5)
    assert cov["R-ashworth"]["stakeholder"] is None and cov["R-berg"]["stakeholder"] == "berg"
    hlt = next(p for p in data["pilots"] if p["pilot"] == "HLT-02")
    assert (hlt["ratings"], hlt["coverage"], hlt["facilitated"]) == (43, round(43 / 80, 4), 1)
    one, two = data["rounds"]
    assert (one["label"], one["status"], one["cells"], two["cells"]) == ("Blind rating", "closed", 24, 16)
    # round 2's ranges: HLT-02 2+3+3+1+1+2+2+2 = 16, SUP-03 1+1+1+2+1+2+0+2 = 10 → 26 / 16 cells;
    # 9 cells still 2 or more apart
    assert (two["mean_range"], two["wide"]) == (round(26 / 16, 2), 9)
    text = run(capsys, "raters", str(demo))
    assert "5 raters; 3 workshop pilots × 16 typed criteria" in text
    assert "By pilot: mean range / mean IQR in each round" in text


def test_a_project_without_a_workshop(tmp_path: Path, capsys) -> None:
    path = tmp_path / "plain.liftoff"
    store.save(portfolio([pilot("A", ratings={"kpi_clarity": 3})]), path)
    assert "no raters yet" in run(capsys, "raters", str(path))
    out = run(capsys, "consensus", str(path))
    assert "No rater has rated any pilot yet" in out and "Discussion queue: 0 contested pilots" in out
    data = json.loads(run(capsys, "consensus", str(path), "--format", "json"))
    assert data["queue"] == [] and data["pilots"][0]["by_rater"] == {} and data["weights"] == {}


def test_an_unknown_pilot_is_one_line(demo: Path, capsys) -> None:
    assert main(["consensus", str(demo), "--pilot", "NOPE"]) == 1
    assert capsys.readouterr().err == f"liftoff consensus: {demo}: no pilot 'NOPE'\n"


RATING = re.compile(r"[0-5](?:\.\d)?")
PERCENT = re.compile(r"\d{1,3}(?:\.\d)? %")
CRITERIA = {"consensus": RATING, "low": RATING, "high": RATING, "range": RATING, "IQR": RATING}


@pytest.mark.parametrize(
    ("command", "first", "columns"),
    [
        (("consensus", "--all"), "criterion", CRITERIA),
        (("consensus",), "pilot", {"widest": RATING, "raters": FORMATS["count"]}),
        (("consensus",), "item", {"group": PERCENT, "R-zhou": PERCENT}),
        (("raters",), "rater", {"coverage": PERCENT, "ratings": FORMATS["count"]}),
        (("raters",), "round", {"mean range": RATING, "mean IQR": RATING, "opened": FORMATS["day"]}),
    ],
)
def test_workshop_tables_use_the_house_formats(command, first, columns, demo: Path, capsys) -> None:
    out = run(capsys, command[0], str(demo), *command[1:])
    found = [(headers, rows) for headers, rows in tables(out) if headers[0] == first]
    assert found
    for headers, rows in found:
        for column, pattern in columns.items():
            i = headers.index(column)
            cells = [row[i] for row in rows if row[i] not in ("", "–") and row[0] != "consistency ratio"]
            assert cells and all(pattern.fullmatch(c) for c in cells), (column, cells)
