"""Invariants of the scoring engine, checked on generated pilots and weights (hypothesis)."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from planner.method import DIMENSIONS, Weights, effective_weights
from planner.model import Financials, Stakeholder, Stance
from planner.triage.scoring import prepare, rescore
from tests.factories import pilot, portfolio, small_method

METHOD = small_method()
TYPED = [c.id for c in METHOD.criteria if c.derived is None]
DIMENSION_OF = {c.id: c.dimension for c in METHOD.criteria}

rating_sets = st.dictionaries(st.sampled_from(TYPED), st.integers(0, 5))
positive_weights = st.floats(min_value=0.01, max_value=100, allow_nan=False)
criterion_weights = st.fixed_dictionaries({c.id: positive_weights for c in METHOD.criteria})
dimension_weights = st.fixed_dictionaries({d: positive_weights for d in DIMENSIONS})
finance = st.builds(
    Financials,
    scale_investment=st.floats(0, 1e6),
    annual_benefit=st.floats(0, 1e6),
    annual_run_cost=st.floats(0, 1e5),
)
stances = st.lists(st.sampled_from(list(Stance)), max_size=3)


def build(ratings_list, fin_list, stance_list):
    people, pilots = [], []
    for k, (ratings, fin, linked) in enumerate(zip(ratings_list, fin_list, stance_list, strict=False)):
        ids = []
        for m, stance in enumerate(linked):
            people.append(Stakeholder(id=f"S{k}-{m}", name="x", stance=stance, influence=1 + m))
            ids.append(f"S{k}-{m}")
        pilots.append(pilot(f"P{k}", ratings=ratings, financials=fin, approvers=ids))
    return portfolio(pilots, people)


def weights_of(pf, crit, dims):
    base = effective_weights(METHOD, pf)
    return Weights(criteria=crit, dimensions=dims, thresholds=base.thresholds)


@settings(max_examples=150, deadline=None)
@given(
    ratings=rating_sets,
    fin=finance,
    linked=stances,
    crit=criterion_weights,
    dims=dimension_weights,
    criterion=st.sampled_from(TYPED),
    raise_by=st.integers(1, 5),
)
def test_raising_a_rating_never_lowers_its_dimension_score(
    ratings, fin, linked, crit, dims, criterion, raise_by
):
    before = build([ratings], [fin], [linked])
    raised = dict(ratings)
    raised[criterion] = min(5, ratings.get(criterion, 0) + raise_by)
    after = build([raised], [fin], [linked])
    dim = DIMENSION_OF[criterion]
    old = getattr(rescore(prepare(before, METHOD), weights_of(before, crit, dims)).pilots["P0"], dim)
    new = getattr(rescore(prepare(after, METHOD), weights_of(after, crit, dims)).pilots["P0"], dim)
    assert new >= old - 1e-9


@settings(max_examples=100, deadline=None)
@given(
    ratings_list=st.lists(rating_sets, min_size=1, max_size=6),
    fin_list=st.lists(finance, min_size=6, max_size=6),
    stance_list=st.lists(stances, min_size=6, max_size=6),
    crit=criterion_weights,
    dims=dimension_weights,
    factor=st.floats(min_value=0.01, max_value=1000),
)
def test_scaling_every_weight_leaves_scores_unchanged(
    ratings_list, fin_list, stance_list, crit, dims, factor
):
    pf = build(ratings_list, fin_list, stance_list)
    prepared = prepare(pf, METHOD)
    base = rescore(prepared, weights_of(pf, crit, dims))
    scaled = rescore(
        prepared,
        weights_of(pf, {k: v * factor for k, v in crit.items()}, {k: v * factor for k, v in dims.items()}),
    )
    for pid, s in base.pilots.items():
        t = scaled.pilots[pid]
        for part in ("value", "readiness", "sponsorship", "composite"):
            assert abs(getattr(s, part) - getattr(t, part)) < 1e-9
        assert s.computed_decision is t.computed_decision
    assert base.tally == scaled.tally


@settings(max_examples=100, deadline=None)
@given(
    ratings_list=st.lists(rating_sets, min_size=1, max_size=6),
    fin_list=st.lists(finance, min_size=6, max_size=6),
    stance_list=st.lists(stances, min_size=6, max_size=6),
    crit=criterion_weights,
    dims=dimension_weights,
)
def test_scores_stay_within_0_and_100_and_ranking_is_a_permutation(
    ratings_list, fin_list, stance_list, crit, dims
):
    pf = build(ratings_list, fin_list, stance_list)
    scores = rescore(prepare(pf, METHOD), weights_of(pf, crit, dims))
    for s in scores.pilots.values():
        for part in ("value", "readiness", "sponsorship", "composite"):
            assert 0.0 <= getattr(s, part) <= 100.0
    assert sorted(scores.ranking) == sorted(p.id for p in pf.pilots)
    composites = [scores.pilots[p].composite for p in scores.ranking]
    assert all(a >= b - 1e-9 for a, b in itertools.pairwise(composites))
    assert sum(scores.tally.values()) == len(pf.pilots)
