"""AHP: hand-worked consistent cases, the inconsistency pointer, validation, and a cross-check with AHPy."""

from __future__ import annotations

import itertools
import random

import ahpy
import numpy as np
import pytest

from planner.triage.ahp import SAATY_VALUES, AhpError, ahp, ahp_matrix


def test_consistent_comparisons_by_hand():
    # A = 2·B, B = 2·C, A = 4·C: weights proportional to 4 : 2 : 1 → 4/7, 2/7, 1/7; λmax = n = 3, CR = 0
    result = ahp(["A", "B", "C"], {("A", "B"): 2, ("B", "C"): 2, ("A", "C"): 4})
    assert result.weights == pytest.approx({"A": 4 / 7, "B": 2 / 7, "C": 1 / 7})
    assert result.lambda_max == pytest.approx(3.0)
    assert result.consistency_ratio == pytest.approx(0.0, abs=1e-9)
    assert result.acceptable and result.revisit is None
    assert result.scaled(100) == pytest.approx({"A": 400 / 7, "B": 200 / 7, "C": 100 / 7})


def test_pairs_may_be_given_in_either_order():
    forward = ahp(["A", "B", "C"], {("A", "B"): 2, ("B", "C"): 2, ("A", "C"): 4})
    backward = ahp(["A", "B", "C"], {("B", "A"): 1 / 2, ("C", "B"): 1 / 2, ("C", "A"): 1 / 4})
    assert backward.weights == pytest.approx(forward.weights)


def test_two_items_are_always_consistent():
    # A = 3·B: weights 3/4 and 1/4, no random index for n < 3
    result = ahp(["A", "B"], {("A", "B"): 3})
    assert result.weights == pytest.approx({"A": 0.75, "B": 0.25})
    assert result.consistency_ratio == 0.0 and result.revisit is None


def test_the_contradicting_comparison_is_named():
    # A = 2·B, B = 2·C, C = D, A = 4·D, B = 2·D are consistent; "A vs C = 1/5" contradicts A = 4·C
    comparisons = {
        ("A", "B"): 2,
        ("B", "C"): 2,
        ("C", "D"): 1,
        ("A", "D"): 4,
        ("B", "D"): 2,
        ("A", "C"): 1 / 5,
    }
    result = ahp(["A", "B", "C", "D"], comparisons)
    assert result.consistency_ratio > 0.10 and not result.acceptable
    revisit = result.revisit
    assert revisit is not None and (revisit.first, revisit.second) == ("A", "C")
    assert revisit.given == pytest.approx(1 / 5)
    assert str(revisit).startswith("revisit A vs C: 1/5 → ")
    # following the suggestion lowers the consistency ratio
    fixed = ahp(["A", "B", "C", "D"], {**comparisons, ("A", "C"): revisit.suggested})
    assert fixed.consistency_ratio < result.consistency_ratio


@pytest.mark.parametrize(
    ("comparisons", "message"),
    [
        ({("A", "B"): 2, ("B", "C"): 2}, "AHP comparison A vs C is missing"),
        ({("A", "B"): 2, ("B", "C"): 2, ("A", "C"): 11}, "A vs C: 11 is not on Saaty's scale"),
        ({("A", "B"): 2, ("B", "C"): 2, ("A", "C"): 2.5}, "A vs C: 2.5 is not on Saaty's scale"),
        ({("A", "B"): 2, ("B", "C"): 2, ("A", "C"): -3}, "A vs C: -3 is not a positive number"),
        ({("A", "B"): 2, ("B", "C"): 2, ("A", "Z"): 3}, "unknown item 'Z'"),
        ({("A", "B"): 2, ("B", "A"): 2, ("B", "C"): 2, ("A", "C"): 3}, "given as"),
    ],
)
def test_invalid_comparisons_are_named(comparisons, message):
    with pytest.raises(AhpError, match=message):
        ahp(["A", "B", "C"], comparisons)


def test_matrix_must_be_reciprocal():
    with pytest.raises(AhpError, match="A vs B: 3 and 3 are not reciprocal"):
        ahp_matrix(["A", "B"], [[1, 3], [3, 1]])


def random_comparisons(rng: random.Random, labels: list[str]) -> dict[tuple[str, str], float]:
    return {pair: rng.choice(SAATY_VALUES) for pair in itertools.combinations(labels, 2)}


@pytest.mark.parametrize("size", [3, 4, 5, 7, 9, 12])
def test_weights_and_consistency_ratio_match_ahpy(size):
    rng = random.Random(size)
    labels = [f"c{k}" for k in range(size)]
    for _ in range(5):
        comparisons = random_comparisons(rng, labels)
        ours = ahp(labels, comparisons)
        theirs = ahpy.Compare("x", comparisons, precision=8, random_index="saaty")
        assert ours.weights == pytest.approx(theirs.local_weights, abs=1e-6)
        assert ours.consistency_ratio == pytest.approx(theirs.consistency_ratio, abs=1e-6)
        # the principal eigenvalue as numpy computes it independently
        matrix = np.ones((size, size))
        for (a, b), v in comparisons.items():
            i, j = labels.index(a), labels.index(b)
            matrix[i, j], matrix[j, i] = v, 1 / v
        assert ours.lambda_max == pytest.approx(max(np.linalg.eigvals(matrix).real))


def test_a_judgement_already_at_the_end_of_the_scale_is_named_and_another_pair_proposed():
    # AHPy's weights for these answers: B 0.6686, A 0.1570, C 0.1438, D 0.0306. B vs D disagrees most:
    # the others imply wB/wD = 21.8 against the 9 given, but 9 is the end of the scale, so it cannot
    # move. Next comes B vs C (given 9, implied 0.6686/0.1438 = 4.65, a factor 1.94 off), whose nearest
    # scale value is 5 (|ln 4.65 − ln 5| = 0.07 < |ln 4.65 − ln 4| = 0.15).
    labels = ["A", "B", "C", "D"]
    comparisons = {("A", "B"): 1 / 5, ("A", "C"): 1, ("A", "D"): 9}
    comparisons |= {("B", "C"): 9, ("B", "D"): 9, ("C", "D"): 9}
    theirs = ahpy.Compare("x", comparisons, precision=8, random_index="saaty")
    expected = {"A": 0.157, "B": 0.6686, "C": 0.1438, "D": 0.0306}
    assert theirs.local_weights == pytest.approx(expected, abs=1e-4)
    result = ahp(labels, comparisons)
    revisit = result.revisit
    assert revisit is not None and not result.acceptable
    assert (revisit.first, revisit.second, revisit.given, revisit.suggested) == ("B", "C", 9, 5)
    assert revisit.at_scale_end == ("B", "D", 9)
    assert str(revisit) == "B vs D is already at the end of the scale (9); revisit B vs C: 9 → 5 instead"
    names = {"B": "MLOps", "C": "Monitoring", "D": "Security"}
    assert revisit.advice(names) == (
        "MLOps vs Security is already at the end of the scale (9); revisit MLOps vs Monitoring: 9 → 5 instead"
    )
    fixed = ahpy.Compare("x", {**comparisons, ("B", "C"): 5}, precision=8, random_index="saaty")
    assert fixed.consistency_ratio < theirs.consistency_ratio


@pytest.mark.parametrize("size", [3, 4, 5, 7, 9])
def test_advice_never_proposes_the_value_given_and_following_it_lowers_ahpys_ratio(size):
    rng = random.Random(100 + size)
    labels = [f"c{k}" for k in range(size)]
    for _ in range(60):
        comparisons = random_comparisons(rng, labels)
        revisit = ahp(labels, comparisons).revisit
        if revisit is None:
            continue
        assert not np.isclose(revisit.suggested, revisit.given)
        theirs = ahpy.Compare("x", comparisons, precision=8, random_index="saaty")
        w = theirs.local_weights
        if revisit.at_scale_end is not None:
            a, b, given = revisit.at_scale_end
            implied = w[a] / w[b]
            assert (given == 9 and implied > 9) or (np.isclose(given, 1 / 9) and implied < 1 / 9)
        key = (revisit.first, revisit.second)
        fixed = {**comparisons, key: revisit.suggested}
        after = ahpy.Compare("x", fixed, precision=8, random_index="saaty").consistency_ratio
        assert after < theirs.consistency_ratio
