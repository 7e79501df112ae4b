"""Group AHP: the geometric mean of individual answers, checked against AHPy fed the same aggregated
judgements (AHPy has no group method of its own; aggregating individual judgements by their
geometric mean, then weighting the aggregate, is the standard group method), and each person's own
weights and consistency ratio against AHPy too."""

from __future__ import annotations

import itertools
import random

import ahpy
import pytest
from scipy.stats import gmean

from planner.portfolio.workshop_edits import add_rater, set_judgements
from planner.triage.ahp import SAATY_VALUES, AhpError, group_ahp
from planner.triage.group_weights import answered_groups, group_items, group_weights
from planner.workshop import Rater
from tests.factories import portfolio, small_method

METHOD = small_method()


def test_opposite_answers_meet_in_the_middle_by_hand() -> None:
    # one says A = 3·B, the other A = B/3: the geometric mean √(3 · 1/3) = 1 weighs them equally
    result = group_ahp(["A", "B"], {"p": {("A", "B"): 3}, "q": {("A", "B"): 1 / 3}})
    assert result.group.weights == pytest.approx({"A": 0.5, "B": 0.5})
    assert result.people["p"].weights == pytest.approx({"A": 0.75, "B": 0.25})
    assert result.matrix[0][1] == pytest.approx(1.0)
    # p: A = 2·B, B = 2·C, A = 4·C; q: A = 8·B, B = 2·C, A = 9·C → the group's A vs B is
    # √(2·8) = 4, B vs C √(2·2) = 2, A vs C √(4·9) = 6, and B vs A the reciprocal 1/4
    two = group_ahp(
        ["A", "B", "C"],
        {
            "p": {("A", "B"): 2, ("B", "C"): 2, ("A", "C"): 4},
            "q": {("A", "B"): 8, ("B", "C"): 2, ("A", "C"): 9},
        },
    )
    assert [two.matrix[0][1], two.matrix[1][2], two.matrix[0][2]] == pytest.approx([4, 2, 6])
    assert two.matrix[1][0] == pytest.approx(1 / 4)


@pytest.mark.parametrize(("size", "people"), [(3, 2), (4, 5), (5, 3), (7, 6), (9, 15)])
def test_group_and_individual_weights_match_ahpy(size: int, people: int) -> None:
    rng = random.Random(size * 100 + people)
    labels = [f"c{k}" for k in range(size)]
    for _ in range(3):
        answers = {
            f"r{p}": {pair: rng.choice(SAATY_VALUES) for pair in itertools.combinations(labels, 2)}
            for p in range(people)
        }
        ours = group_ahp(labels, answers)
        aggregated = {pair: float(gmean([answers[p][pair] for p in answers])) for pair in answers["r0"]}
        theirs = ahpy.Compare("group", aggregated, precision=8, random_index="saaty")
        assert ours.group.weights == pytest.approx(theirs.local_weights, abs=1e-6)
        assert ours.group.consistency_ratio == pytest.approx(theirs.consistency_ratio, abs=1e-6)
        for person, comparisons in answers.items():
            alone = ahpy.Compare(person, comparisons, precision=8, random_index="saaty")
            assert ours.people[person].weights == pytest.approx(alone.local_weights, abs=1e-6)
            assert ours.people[person].consistency_ratio == pytest.approx(alone.consistency_ratio, abs=1e-6)


def test_a_person_with_unusable_answers_is_named() -> None:
    with pytest.raises(AhpError, match="q: AHP comparison A vs C is missing"):
        group_ahp(["A", "B", "C"], {"p": {("A", "B"): 2, ("B", "C"): 2, ("A", "C"): 4}, "q": {("A", "B"): 2}})
    with pytest.raises(AhpError, match="nobody has answered"):
        group_ahp(["A", "B"], {})


def test_group_weights_from_the_workshop_skip_unfinished_answers() -> None:
    pf = portfolio([])
    for rid in ("ana", "ben", "cy"):
        pf = add_rater(pf, Rater(id=rid, name=rid.title()))
    full = {("value", "readiness"): 3, ("value", "sponsorship"): 5, ("readiness", "sponsorship"): 2}
    pf = set_judgements(pf, "ben", "dimensions", full)
    ana = {("value", "readiness"): 1 / 3, ("value", "sponsorship"): 1, ("readiness", "sponsorship"): 3}
    pf = set_judgements(pf, "ana", "dimensions", ana)
    pf = set_judgements(pf, "cy", "dimensions", {("value", "readiness"): 2})  # unfinished
    pf = set_judgements(pf, "cy", "readiness", {("r_data", "r_ops"): 4})
    gw = group_weights(pf, METHOD, "dimensions")
    assert gw.items == ("value", "readiness", "sponsorship")
    assert list(gw.people) == ["ana", "ben"]  # the workshop's order, not the answering order
    assert gw.skipped == {"cy": "AHP comparison value vs sponsorship is missing"}
    assert gw.result is not None
    expected = group_ahp(gw.items, {"ana": ana, "ben": full})
    assert gw.result.group.weights == pytest.approx(expected.group.weights)
    # criteria of one dimension; one answer is enough for two criteria
    crit = group_weights(pf, METHOD, "readiness")
    assert crit.result is not None and crit.result.group.weights == pytest.approx(
        {"r_data": 0.8, "r_ops": 0.2}
    )
    assert answered_groups(pf, METHOD) == ("dimensions", "readiness")
    empty = group_weights(pf, METHOD, "sponsorship")
    assert empty.result is None and empty.people == {} and empty.skipped == {}
    assert list(group_items(METHOD, "sponsorship")) == ["s_exec", "s_recency", "s_support"]
    with pytest.raises(AhpError, match="AHP group 'people': neither 'dimensions' nor a dimension"):
        group_weights(pf, METHOD, "people")
