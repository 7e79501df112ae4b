"""Workshop edits: pure (the input is untouched), validated, and never touching another rater's values."""

from __future__ import annotations

from datetime import date

import pytest

from planner.model import Evidence, Rating, Stakeholder
from planner.portfolio.edits import EditError, set_evidence, set_rating
from planner.portfolio.workshop_edits import (
    add_rater,
    clear_consensus,
    clear_judgements,
    close_round,
    new_rater_id,
    open_round,
    remove_rater,
    reveal_round,
    set_consensus,
    set_judgements,
    set_rater_rating,
    update_rater,
)
from planner.triage.consensus import consensus_value
from planner.workshop import Rater, RaterRating, RoundStatus
from tests.factories import AS_OF, pilot, portfolio, small_method

METHOD = small_method()


def room():
    pf = portfolio(
        [pilot("A", ratings={"v_kpi": 2}), pilot("B")],
        [Stakeholder(id="s1", name="Sam")],
    )
    pf = add_rater(pf, Rater(id="ana", name="Ana", stakeholder="s1"))
    return add_rater(pf, Rater(id="ben", name="Ben"))


def test_rater_values_are_set_changed_and_removed_alone() -> None:
    before = room()
    after = set_rater_rating(before, "A", "v_kpi", "ana", 4, evidence=Evidence.VERIFIED, note="seen it")
    assert before.pilot("A").ratings["v_kpi"] == Rating(score=2)  # the input is untouched
    rating = after.pilot("A").ratings["v_kpi"]
    assert rating.score == 2 and rating.raters["ana"].score == 4
    assert (rating.raters["ana"].evidence, rating.raters["ana"].note) == (Evidence.VERIFIED, "seen it")
    after = set_rater_rating(after, "A", "v_kpi", "ben", 1)
    kept = after.pilot("A").ratings["v_kpi"].raters["ana"]
    after = set_rater_rating(after, "A", "v_kpi", "ben", 3)  # Ben changes his mind
    assert after.pilot("A").ratings["v_kpi"].raters["ana"] is kept
    assert consensus_value(after.pilot("A").ratings["v_kpi"]) == 3.5
    # a new value keeps the rater's evidence and note unless given
    again = set_rater_rating(after, "A", "v_kpi", "ana", 5).pilot("A").ratings["v_kpi"].raters["ana"]
    assert (again.score, again.evidence, again.note) == (5, Evidence.VERIFIED, "seen it")
    # removing Ben's value leaves Ana's; removing Ana's too leaves the single rating
    after = set_rater_rating(after, "A", "v_kpi", "ben", None)
    assert list(after.pilot("A").ratings["v_kpi"].raters) == ["ana"]
    after = set_rater_rating(after, "A", "v_kpi", "ana", None)
    assert after.pilot("A").ratings["v_kpi"] == Rating(score=2)
    # a rater's value on an unrated criterion creates a rating holding only it; removing it removes it
    only = set_rater_rating(room(), "B", "r_data", "ben", 3)
    assert only.pilot("B").ratings["r_data"].score is None
    assert "r_data" not in set_rater_rating(only, "B", "r_data", "ben", None).pilot("B").ratings


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("A", "v_kpi", "zoe", 3), "unknown rater 'zoe'"),
        (("Z", "v_kpi", "ana", 3), "unknown pilot 'Z'"),
        (("A", "v_kpi", "ana", 6), "must be a whole number 0–5, got 6"),
        (("A", "v_kpi", "ana", True), "must be a whole number 0–5, got True"),
        (("A", "v_benefit", "ana", 3), "derived from other data"),
        (("A", "nope", "ana", 3), "not a criterion of method 'small'"),
    ],
)
def test_bad_rater_values_are_refused_by_name(args: tuple, message: str) -> None:
    with pytest.raises(EditError, match=message):
        set_rater_rating(room(), *args, method=METHOD)


def test_the_single_rating_edits_keep_the_workshop() -> None:
    pf = set_rater_rating(room(), "A", "v_kpi", "ana", 4)
    pf = set_consensus(pf, "A", "v_kpi", 3, "agreed after the demo")
    changed = set_rating(pf, "A", "v_kpi", 5, note="desk")
    rating = changed.pilot("A").ratings["v_kpi"]
    assert rating.score == 5 and rating.note == "desk" and rating.raters["ana"].score == 4
    assert rating.consensus is not None and rating.consensus.score == 3
    cleared = set_rating(changed, "A", "v_kpi", None).pilot("A").ratings["v_kpi"]
    assert cleared.score is None and cleared.raters and cleared.consensus is not None
    assert (
        set_evidence(changed, "A", "v_kpi", Evidence.VERIFIED).pilot("A").ratings["v_kpi"].raters
        == rating.raters
    )
    with pytest.raises(EditError, match="rate it before setting its evidence"):
        set_evidence(set_rating(changed, "A", "v_kpi", None), "A", "v_kpi", Evidence.VERIFIED)


def test_the_facilitators_consensus_needs_a_rationale_and_can_be_cleared() -> None:
    pf = set_rater_rating(room(), "A", "v_kpi", "ana", 4)
    for rationale in ("", "   "):
        with pytest.raises(EditError, match="needs a rationale"):
            set_consensus(pf, "A", "v_kpi", 3, rationale)
    with pytest.raises(EditError, match="must be a whole number 0–5, got 9"):
        set_consensus(pf, "A", "v_kpi", 9, "why")
    decided = set_consensus(pf, "A", "v_kpi", 3, " One site only ", author="Fac")
    override = decided.pilot("A").ratings["v_kpi"].consensus
    assert override is not None
    assert (override.score, override.rationale, override.author, override.decided) == (
        3,
        "One site only",
        "Fac",
        AS_OF,
    )
    assert consensus_value(decided.pilot("A").ratings["v_kpi"]) == 3
    assert (
        clear_consensus(decided, "A", "v_kpi").pilot("A").ratings["v_kpi"] == pf.pilot("A").ratings["v_kpi"]
    )
    # on a criterion nobody rated, the facilitator's value is the rating
    only = set_consensus(pf, "B", "r_ops", 2, "room agreed")
    assert consensus_value(only.pilot("B").ratings["r_ops"]) == 2
    assert "r_ops" not in clear_consensus(only, "B", "r_ops").pilot("B").ratings


def test_raters_are_added_renamed_and_refused_when_wrong() -> None:
    pf = room()
    assert new_rater_id(pf) == "R-03"
    with pytest.raises(EditError, match="rater id 'ana' is already used"):
        add_rater(pf, Rater(id="ana", name="Another"))
    with pytest.raises(EditError, match="unknown stakeholder 'ghost'"):
        add_rater(pf, Rater(id="cy", name="Cy", stakeholder="ghost"))
    renamed = update_rater(pf, "ben", name="Benedict", role="CFO")
    assert [(r.id, r.name, r.role) for r in renamed.workshop.raters][1] == ("ben", "Benedict", "CFO")
    with pytest.raises(EditError, match="field 'id' cannot be edited"):
        update_rater(pf, "ben", id="b2")
    with pytest.raises(EditError, match="was not changed"):
        update_rater(pf, "ben", name="")
    first = add_rater(pf, Rater(id="cy", name="Cy"), index=0)
    assert [r.id for r in first.workshop.raters] == ["cy", "ana", "ben"]


def test_removing_a_rater_removes_their_values_everywhere_and_nothing_else() -> None:
    pf = set_rater_rating(room(), "A", "v_kpi", "ana", 4)
    pf = set_rater_rating(pf, "A", "v_kpi", "ben", 2)
    pf = set_rater_rating(pf, "B", "r_ops", "ben", 5)  # only Ben rated it
    pf = close_round(reveal_round(open_round(pf)))
    pf = set_judgements(pf, "ben", "dimensions", {("value", "readiness"): 3})
    pf = set_judgements(pf, "ana", "dimensions", {("value", "readiness"): 1 / 2})
    after = remove_rater(pf, "ben")
    assert [r.id for r in after.workshop.raters] == ["ana"]
    a = after.pilot("A").ratings["v_kpi"]
    assert a.score == 2 and a.raters == {"ana": pf.pilot("A").ratings["v_kpi"].raters["ana"]}
    assert "r_ops" not in after.pilot("B").ratings
    assert after.workshop.rounds[0].ratings == {"A": {"v_kpi": {"ana": a.raters["ana"]}}}
    assert [j.rater for j in after.workshop.judgements] == ["ana"]
    with pytest.raises(EditError, match="unknown rater 'ben'"):
        remove_rater(after, "ben")


def test_rounds_open_reveal_close_and_keep_their_values() -> None:
    pf = set_rater_rating(room(), "A", "v_kpi", "ana", 1)
    pf = set_rater_rating(pf, "B", "v_kpi", "ana", 2)
    with pytest.raises(EditError, match="cannot reveal: no round is open"):
        reveal_round(pf)
    one = open_round(pf, pilots=["B", "A"], on=date(2026, 1, 5))
    assert one.workshop.blind and one.workshop.current_round is not None
    rnd = one.workshop.rounds[0]
    assert (rnd.number, rnd.label, rnd.status, rnd.opened, rnd.pilots) == (
        1,
        "Round 1",
        RoundStatus.OPEN,
        date(2026, 1, 5),
        ["A", "B"],
    )
    with pytest.raises(EditError, match="round 1 is still open: close it first"):
        open_round(one)
    with pytest.raises(EditError, match="cannot close: round 1 is open"):
        close_round(one)
    shown = reveal_round(one)
    assert not shown.workshop.blind and shown.workshop.rounds[0].revealed == AS_OF
    closed = close_round(shown)
    kept = closed.workshop.rounds[0]
    assert kept.status is RoundStatus.CLOSED and kept.closed == AS_OF
    assert kept.ratings == {
        "A": {"v_kpi": {"ana": RaterRating(score=1)}},
        "B": {"v_kpi": {"ana": RaterRating(score=2)}},
    }
    # round 2 about A only: Ana revises A; the kept round 1 does not move
    two = set_rater_rating(open_round(closed, "After the break", pilots=["A"]), "A", "v_kpi", "ana", 3)
    two = close_round(reveal_round(two))
    assert [r.label for r in two.workshop.rounds] == ["Round 1", "After the break"]
    assert two.workshop.rounds[0].ratings == kept.ratings
    assert two.workshop.rounds[1].ratings == {"A": {"v_kpi": {"ana": RaterRating(score=3)}}}
    assert two.workshop.current_round is None and not two.workshop.blind
    with pytest.raises(EditError, match="unknown pilot 'Z'"):
        open_round(two, pilots=["Z"])


def test_pairwise_answers_are_validated_replaced_and_cleared() -> None:
    pf = set_judgements(room(), "ana", "dimensions", {("value", "readiness"): 3, ("value", "sponsorship"): 5})
    pf = set_judgements(pf, "ana", "dimensions", {("value", "readiness"): 2})
    assert [(c.first, c.second, c.value) for c in pf.workshop.judgements[0].comparisons] == [
        ("value", "readiness", 2.0)
    ]
    with pytest.raises(EditError, match=r"2\.5 is not on Saaty.s scale"):
        set_judgements(pf, "ana", "dimensions", {("value", "readiness"): 2.5})
    with pytest.raises(EditError, match="'value' cannot be compared with itself"):
        set_judgements(pf, "ana", "dimensions", {("value", "value"): 1})
    with pytest.raises(EditError, match=r"comparisons\[1\]: readiness vs value is answered twice"):
        set_judgements(pf, "ana", "dimensions", {("value", "readiness"): 2, ("readiness", "value"): 1 / 2})
    with pytest.raises(EditError, match="unknown rater 'zoe'"):
        set_judgements(pf, "zoe", "dimensions", {})
    assert clear_judgements(pf, "ana", "dimensions").workshop.judgements == []


def test_an_intake_merge_changes_single_ratings_and_keeps_the_raters_values() -> None:
    from planner.intake.workbook import merge
    from planner.portfolio.workshop_edits import without_workshop

    pf = set_rater_rating(room(), "A", "v_kpi", "ana", 4)
    pf = set_rater_rating(pf, "A", "r_data", "ben", 1)  # no single rating here
    pf = set_consensus(pf, "B", "r_ops", 3, "agreed")
    desk = without_workshop(pf)
    assert desk.pilot("A").ratings == {"v_kpi": Rating(score=2)} and desk.pilot("B").ratings == {}
    assert desk.workshop.raters == [] and pf.workshop.raters  # the input is untouched
    # the pilot team's workbook brings a new single rating for A and nothing else
    imported = set_rating(desk, "A", "v_kpi", 5)
    merged = merge(pf, imported)
    assert merged.portfolio is not None and merged.updated == ("A",)
    a = merged.portfolio.pilot("A").ratings
    assert a["v_kpi"].score == 5 and a["v_kpi"].raters == pf.pilot("A").ratings["v_kpi"].raters
    assert a["r_data"] == pf.pilot("A").ratings["r_data"]
    assert merged.portfolio.pilot("B") == pf.pilot("B") and merged.portfolio.workshop == pf.workshop
    # the unchanged desk view merged back changes nothing
    assert merge(pf, desk).updated == ()
