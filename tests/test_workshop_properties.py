"""Workshop invariants on generated portfolios (hypothesis): one rater scores exactly as a single
rating does; removing a rater never changes another rater's values; save then load is the identity."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from planner.method import effective_weights
from planner.model import Evidence, Rating
from planner.portfolio import store
from planner.portfolio.workshop_edits import (
    add_rater,
    close_round,
    open_round,
    remove_rater,
    reveal_round,
    set_consensus,
    set_judgements,
    set_rater_rating,
)
from planner.triage.consensus import consensus_value
from planner.triage.scoring import prepare, rescore
from planner.workshop import SAATY_VALUES, Rater, RaterRating, Workshop
from tests.factories import pilot, portfolio, small_method

METHOD = small_method()
TYPED = [c.id for c in METHOD.criteria if c.derived is None]
PILOTS = ["P0", "P1", "P2"]
RATERS = ["r0", "r1", "r2", "r3"]

ratings = st.lists(st.dictionaries(st.sampled_from(TYPED), st.integers(0, 5)), min_size=1, max_size=4)


def scores(pf):
    return dict(rescore(prepare(pf, METHOD), effective_weights(METHOD, pf)).pilots.items())


@settings(max_examples=150, deadline=None)
@given(ratings=ratings, desk=st.integers(0, 5), keep_desk=st.booleans())
def test_one_rater_scores_exactly_as_a_single_rating(ratings, desk, keep_desk) -> None:
    single = portfolio([pilot(f"P{k}", ratings=r) for k, r in enumerate(ratings)])
    # the same values given by one rater; the single rating is gone, or left at another value
    rated = [
        pilot(f"P{k}").model_copy(
            update={
                "ratings": {
                    c: Rating(score=desk if keep_desk else None, raters={"only": RaterRating(score=v)})
                    for c, v in r.items()
                }
            }
        )
        for k, r in enumerate(ratings)
    ]
    one = portfolio(rated, workshop=Workshop(raters=[Rater(id="only", name="Only")]))
    assert scores(one) == scores(single)


def workshop_portfolio(data: st.DataObject):
    """A portfolio with up to four raters, their values, a closed round, consensus and answers."""
    pf = portfolio(
        [
            pilot(p, ratings=data.draw(st.dictionaries(st.sampled_from(TYPED), st.integers(0, 5))))
            for p in PILOTS
        ]
    )
    for rid in RATERS[: data.draw(st.integers(1, len(RATERS)))]:
        pf = add_rater(pf, Rater(id=rid, name=rid.upper(), role=data.draw(st.sampled_from(["", "CFO"]))))
    raters = [r.id for r in pf.workshop.raters]
    values = st.tuples(
        st.sampled_from(PILOTS),
        st.sampled_from(TYPED),
        st.sampled_from(raters),
        st.integers(0, 5),
        st.sampled_from(list(Evidence)),
        st.text(max_size=5),
    )
    for p, c, r, v, e, note in data.draw(st.lists(values, max_size=25)):
        pf = set_rater_rating(pf, p, c, r, v, evidence=e, note=note)
    if data.draw(st.booleans()):
        pf = close_round(reveal_round(open_round(pf, pilots=data.draw(st.lists(st.sampled_from(PILOTS))))))
        for p, c, r, v, e, note in data.draw(st.lists(values, max_size=10)):
            pf = set_rater_rating(pf, p, c, r, v, evidence=e, note=note)
    for p, c, v in data.draw(
        st.lists(st.tuples(st.sampled_from(PILOTS), st.sampled_from(TYPED), st.integers(0, 5)), max_size=3)
    ):
        pf = set_consensus(pf, p, c, v, "agreed")
    for r in data.draw(st.lists(st.sampled_from(raters), unique=True)):
        answer = data.draw(st.sampled_from(SAATY_VALUES))
        pf = set_judgements(pf, r, "dimensions", {("value", "readiness"): answer})
    return pf


def values_of(pf, rater: str) -> tuple[dict, list]:
    """Every value `rater` holds: in the pilots' ratings and in each kept round."""
    live = {(p.id, c): r.raters[rater] for p in pf.pilots for c, r in p.ratings.items() if rater in r.raters}
    kept = [
        {
            (p, c): by_rater[rater]
            for p, by_crit in rnd.ratings.items()
            for c, by_rater in by_crit.items()
            if rater in by_rater
        }
        for rnd in pf.workshop.rounds
    ]
    return live, kept


@settings(max_examples=100, deadline=None)
@given(data=st.data())
def test_removing_a_rater_never_changes_another_raters_values(data: st.DataObject) -> None:
    pf = workshop_portfolio(data)
    raters = [r.id for r in pf.workshop.raters]
    gone = data.draw(st.sampled_from(raters))
    after = remove_rater(pf, gone)
    for other in raters:
        if other != gone:
            assert values_of(after, other) == values_of(pf, other)
    live, kept = values_of(after, gone)
    assert live == {} and all(k == {} for k in kept)
    assert gone not in {j.rater for j in after.workshop.judgements}
    # single ratings and the facilitator's values stay as they were
    for before_pilot, after_pilot in zip(pf.pilots, after.pilots, strict=True):
        for c, rating in before_pilot.ratings.items():
            if rating.score is not None or rating.consensus is not None:
                assert after_pilot.ratings[c].score == rating.score
                assert after_pilot.ratings[c].consensus == rating.consensus
    assert store.loads(store.dumps(after)) == after  # and the result is a valid project


@settings(max_examples=100, deadline=None)
@given(data=st.data())
def test_save_then_load_is_the_identity_with_raters(data: st.DataObject) -> None:
    pf = workshop_portfolio(data)
    loaded = store.loads(store.dumps(pf), "p.liftoff")
    assert loaded == pf
    assert store.dumps(loaded) == store.dumps(pf)


@settings(max_examples=100, deadline=None)
@given(data=st.data())
def test_prepare_reads_each_ratings_consensus(data: st.DataObject) -> None:
    """The vectorised medians of scoring's prepare equal `consensus_value` rating by rating, and the
    panel holds exactly the raters' values."""
    pf = workshop_portfolio(data)
    prepared = prepare(pf, METHOD)
    for i, p in enumerate(pf.pilots):
        for j, c in enumerate(METHOD.criteria):
            if c.derived is None:
                value = consensus_value(p.ratings.get(c.id))
                assert prepared.ratings[i, j] == (0.0 if value is None else value)
                rating = p.ratings.get(c.id)
                held = {
                    r: prepared.panel[i, j, k]
                    for k, r in enumerate(prepared.raters)
                    if prepared.panel[i, j, k] == prepared.panel[i, j, k]
                }
                assert held == ({} if rating is None else {r: v.score for r, v in rating.raters.items()})
