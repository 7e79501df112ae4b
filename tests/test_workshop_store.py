"""Workshop data in the project file: bad input refused with its JSON path, old files as they were,
stable output."""

from __future__ import annotations

import json
from typing import Any

import pytest

from planner.model import SCHEMA_VERSION, Portfolio
from planner.portfolio import store
from planner.portfolio.migrations import MIGRATIONS
from planner.portfolio.store import ProjectFileError
from planner.portfolio.workshop_edits import add_rater, set_rater_rating
from planner.triage.consensus import Source, consensus_source, consensus_value
from planner.workshop import Rater
from tests.factories import pilot, portfolio
from tests.test_store import FIXTURES


def document(**workshop: Any) -> dict[str, Any]:
    """A current-version document: one pilot with one rating rated by R1, plus `workshop` fields."""
    return {
        "schema_version": SCHEMA_VERSION,
        "pilots": [
            {
                "id": "A",
                "name": "a",
                "ratings": {"kpi_clarity": {"score": 3, "raters": {"R1": {"score": 4}}}},
            }
        ],
        "workshop": {"raters": [{"id": "R1", "name": "Ana"}], **workshop},
    }


def refused(doc: dict[str, Any]) -> str:
    with pytest.raises(ProjectFileError) as err:
        store.loads(json.dumps(doc), "f.liftoff")
    return str(err.value)


def test_a_good_workshop_document_loads() -> None:
    p = store.loads(json.dumps(document()), "f.liftoff")
    rating = p.pilot("A").ratings["kpi_clarity"]
    assert rating.raters["R1"].score == 4 and consensus_value(rating) == 4


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda d: d["pilots"][0]["ratings"]["kpi_clarity"]["raters"]["R1"].update(score=6),
            "f.liftoff: pilots[0].ratings.kpi_clarity.raters.R1.score: "
            "Input should be less than or equal to 5",
        ),
        (
            lambda d: d["pilots"][0]["ratings"]["kpi_clarity"]["raters"].update(R9={"score": 2}),
            "f.liftoff: pilots[0].ratings.kpi_clarity.raters.R9: unknown rater 'R9'",
        ),
        (
            lambda d: d["pilots"][0]["ratings"]["kpi_clarity"].update(consensus={"score": 2}),
            "f.liftoff: pilots[0].ratings.kpi_clarity.consensus.rationale: Field required",
        ),
        (
            lambda d: d["pilots"][0]["ratings"]["kpi_clarity"].update(
                consensus={"score": 2, "rationale": "  "}
            ),
            "f.liftoff: pilots[0].ratings.kpi_clarity.consensus.rationale: "
            "String should have at least 1 character",
        ),
        (
            lambda d: d["pilots"][0]["ratings"].update(mlops={}),
            "f.liftoff: pilots[0].ratings.mlops: a rating needs a score, a rater's value or a consensus",
        ),
        (
            lambda d: d["workshop"]["raters"].append({"id": "R1", "name": "Again", "stakeholder": "nobody"}),
            "f.liftoff: workshop.raters[1].id: duplicate rater id 'R1' (also workshop.raters[0]); "
            "workshop.raters[1].stakeholder: unknown stakeholder 'nobody'",
        ),
        (
            lambda d: d["workshop"].update(
                judgements=[
                    {"rater": "R1", "comparisons": [{"first": "value", "second": "readiness", "value": 2.5}]}
                ]
            ),
            "f.liftoff: workshop.judgements[0].comparisons[0]: 2.5 is not on Saaty's scale (1–9 or 1/2–1/9)",
        ),
        (
            lambda d: d["workshop"].update(judgements=[{"rater": "R7", "comparisons": []}]),
            "f.liftoff: workshop.judgements[0].rater: unknown rater 'R7'",
        ),
        (
            lambda d: d["workshop"].update(
                rounds=[
                    {"number": 1, "label": "One", "opened": "2026-01-01"},
                    {"number": 2, "label": "Two", "opened": "2026-01-02"},
                ]
            ),
            "f.liftoff: workshop: rounds[0].status: only the last round can still be open",
        ),
        (
            lambda d: d["workshop"].update(rounds=[{"number": 2, "label": "Two", "opened": "2026-01-02"}]),
            "f.liftoff: workshop: rounds[0].number: expected 1 (rounds are numbered in order)",
        ),
        (
            lambda d: d["workshop"].update(
                rounds=[
                    {
                        "number": 1,
                        "label": "One",
                        "status": "closed",
                        "opened": "2026-01-01",
                        "ratings": {"A": {"kpi_clarity": {"R5": {"score": 1}}}},
                    }
                ]
            ),
            "f.liftoff: workshop.rounds[0].ratings.A.kpi_clarity.R5: unknown rater 'R5'",
        ),
    ],
)
def test_bad_workshop_input_is_refused_with_its_path(change: Any, message: str) -> None:
    doc = document()
    change(doc)
    assert refused(doc) == message


def test_a_version_1_file_opens_with_its_ratings_as_the_consensus_and_no_raters() -> None:
    assert MIGRATIONS[1]({"schema_version": 1, "pilots": []}) == {"schema_version": 1, "pilots": []}
    p = store.load(FIXTURES / "project-v1.liftoff")
    assert p.schema_version == SCHEMA_VERSION and p.workshop.raters == []
    rating = p.pilot("P-ROUTE").ratings["kpi_clarity"]
    assert rating.score == 4 and rating.raters == {} and rating.consensus is None
    assert consensus_source(rating) is Source.SINGLE and consensus_value(rating) == 4


def test_ratings_outside_a_workshop_are_written_as_before_and_raters_in_order() -> None:
    pf = portfolio([pilot("A", ratings={"kpi_clarity": 3})])
    text = store.dumps(pf)
    assert '"raters"' not in text.split('"workshop"')[0] and '"consensus"' not in text
    pf = add_rater(add_rater(pf, Rater(id="zed", name="Zed")), Rater(id="amy", name="Amy"))
    pf = set_rater_rating(set_rater_rating(pf, "A", "kpi_clarity", "zed", 1), "A", "kpi_clarity", "amy", 2)
    saved = json.loads(store.dumps(pf))
    assert list(saved["pilots"][0]["ratings"]["kpi_clarity"]["raters"]) == ["amy", "zed"]
    assert [r["id"] for r in saved["workshop"]["raters"]] == ["zed", "amy"]  # the list keeps its order
    assert store.loads(store.dumps(pf)) == Portfolio.model_validate(saved)
