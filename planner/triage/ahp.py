"""Pairwise (AHP) weighting for workshops: compare items two at a time, get weights and a consistency check.

The room answers "how much more important is A than B?" on Saaty's scale: 1 equal, 3 moderately,
5 strongly, 7 very strongly, 9 extremely more important (2, 4, 6, 8 in between), and the reciprocals
1/3 … 1/9 when B is the more important one. The answers form a positive reciprocal matrix M with
M[a][b] = 1 / M[b][a]. The weights are its principal eigenvector, normalised to sum to 1.

Answers are rarely perfectly consistent (A = 2·B and B = 2·C but A = 3·C). The consistency index
CI = (λmax − n)/(n − 1) measures it, where λmax ≥ n is the principal eigenvalue (λmax = n exactly when
every answer agrees). The consistency ratio CR = CI / RI compares it with the average CI of random
matrices (Saaty's random index RI, from his 2005 table: 0.52 for 3 items … 1.59 for 15). CR ≤ 0.10 is
the usual bar for acceptable answers.

The comparison most responsible for an inconsistency is the one that disagrees most with the weights
the whole matrix implies: for A vs B it is the factor between the answer M[a][b] and w_a / w_b.
Revisiting it (the suggestion is the Saaty value nearest to w_a / w_b) usually lowers CR the most.
The advice never proposes the answer already given: when that nearest value is the answer itself
(the implied ratio rounds back to it, or lies beyond the end of the scale, say 1/20 against an
answer of 1/9), the next most disagreeing comparison that can move is proposed instead, and a
judgement already at the end of the scale is named as such.

Example: A vs B = 2, B vs C = 2, A vs C = 4 is consistent: weights 4/7, 2/7, 1/7 and CR = 0.

**A group** (`group_ahp`): each person answers every pair; the group's matrix holds, for each pair,
the geometric mean of everyone's answers (the aggregation of individual judgements, the standard
group method: it keeps the matrix reciprocal, which an arithmetic mean would not). The group's
weights and consistency come from that matrix; each person's own weights and consistency ratio are
kept beside it. Example: one person says A = 3·B, another A = 1/3·B: the group's A vs B is
√(3 · 1/3) = 1, equal weights.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from numbers import Real

import numpy as np

from planner.errors import LiftoffError
from planner.workshop import SAATY_VALUES, on_saaty_scale

# Saaty, Theory and Applications of the Analytic Network Process (2005), p. 31
RANDOM_INDEX = {
    3: 0.52,
    4: 0.89,
    5: 1.11,
    6: 1.25,
    7: 1.35,
    8: 1.40,
    9: 1.45,
    10: 1.49,
    11: 1.52,
    12: 1.54,
    13: 1.56,
    14: 1.58,
    15: 1.59,
}
MAX_ITEMS = max(RANDOM_INDEX)
ACCEPTABLE_CR = 0.10


class AhpError(LiftoffError):
    """Comparisons that cannot be used; the message names the pair and the problem."""


@dataclass(frozen=True, slots=True)
class Revisit:
    """The comparison to revisit, and a different value on the scale that agrees better with the weights.

    `suggested` never equals `given`. When the comparison that disagrees most is already at the end of
    the scale (9 or 1/9) and the weights ask for more, it cannot move: `at_scale_end` names it
    (first, second, given) and this advice is about the next comparison that can move.
    """

    first: str
    second: str
    given: float  # how much more important `first` was judged than `second`
    suggested: float  # the Saaty value nearest to w_first / w_second, never `given`
    disagreement: float  # max(r, 1/r) for r = given / (w_first / w_second); 1 = full agreement
    at_scale_end: tuple[str, str, float] | None = None

    def advice(self, names: Mapping[str, str] | None = None) -> str:
        """In words, with display names: "revisit A vs C: 1/5 → 3", preceded, when the comparison
        that disagrees most cannot move, by "B vs C is already at the end of the scale (1/9); "."""

        def name(label: str) -> str:
            return names.get(label, label) if names else label

        values = f"{_saaty_text(self.given)} → {_saaty_text(self.suggested)}"
        change = f"{name(self.first)} vs {name(self.second)}: {values}"
        if self.at_scale_end is None:
            return f"revisit {change}"
        a, b, given = self.at_scale_end
        end = f"{name(a)} vs {name(b)} is already at the end of the scale ({_saaty_text(given)})"
        return f"{end}; revisit {change} instead"

    def __str__(self) -> str:
        return self.advice()


@dataclass(frozen=True, slots=True)
class AhpResult:
    labels: tuple[str, ...]
    weights: dict[str, float]  # sum to 1
    lambda_max: float
    consistency_index: float
    random_index: float  # 0 for fewer than 3 items (always consistent)
    consistency_ratio: float
    acceptable: bool  # consistency_ratio <= ACCEPTABLE_CR
    revisit: Revisit | None  # None when the comparisons are (numerically) consistent

    def scaled(self, total: float = 100.0) -> dict[str, float]:
        """The weights scaled to sum to `total` (e.g. to use as method weights)."""
        return {k: v * total for k, v in self.weights.items()}


def ahp(labels: Sequence[str], comparisons: Mapping[tuple[str, str], float]) -> AhpResult:
    """Weights and consistency from one answer per pair of `labels`.

    ``comparisons[(a, b)] = v`` says a is v times as important as b (v on Saaty's scale, 1/9 … 9).
    Each pair must be answered once, in either order (if both orders are given they must be
    reciprocal). AhpError names the pair that is missing, unknown, off the scale or contradictory.
    """
    items = tuple(labels)
    return _principal(items, _answer_matrix(items, comparisons))


def _answer_matrix(items: tuple[str, ...], comparisons: Mapping[tuple[str, str], float]) -> np.ndarray:
    """The full reciprocal matrix of one set of answers (checked as `ahp` describes)."""
    if len(set(items)) != len(items):
        raise AhpError("AHP: the items to compare must have distinct names")
    index = {label: i for i, label in enumerate(items)}
    n = len(items)
    matrix = np.ones((n, n))
    given = np.zeros((n, n), dtype=bool)
    for (a, b), value in comparisons.items():
        for label in (a, b):
            if label not in index:
                raise AhpError(f"AHP comparison {a} vs {b}: unknown item {label!r}")
        if a == b:
            raise AhpError(f"AHP comparison {a} vs {b}: an item cannot be compared with itself")
        _check_saaty(a, b, value)
        i, j = index[a], index[b]
        if given[i, j] and not np.isclose(matrix[i, j], value, rtol=1e-6):
            raise AhpError(
                f"AHP comparison {a} vs {b}: given as {_saaty_text(matrix[i, j])} and as {_saaty_text(value)}"
            )
        matrix[i, j], matrix[j, i] = value, 1.0 / value
        given[i, j] = given[j, i] = True
    for i in range(n):
        for j in range(i + 1, n):
            if not given[i, j]:
                raise AhpError(f"AHP comparison {items[i]} vs {items[j]} is missing")
    _check_size(n)
    return matrix


def ahp_matrix(labels: Sequence[str], matrix: Sequence[Sequence[float]] | np.ndarray) -> AhpResult:
    """Weights and consistency of a full reciprocal comparison matrix (rows and columns in `labels` order)."""
    items = tuple(labels)
    m = np.asarray(matrix, dtype=float)
    n = len(items)
    if m.shape != (n, n):
        raise AhpError(f"AHP matrix: expected {n}×{n} for {n} items, got {'×'.join(map(str, m.shape))}")
    _check_size(n)
    for i in range(n):
        if not np.isclose(m[i, i], 1.0):
            raise AhpError(f"AHP matrix row {items[i]}: an item compared with itself must be 1")
        for j in range(i + 1, n):
            _check_saaty(items[i], items[j], float(m[i, j]))
            if not np.isclose(m[i, j] * m[j, i], 1.0, rtol=1e-6):
                raise AhpError(
                    f"AHP matrix {items[i]} vs {items[j]}: {m[i, j]:g} and {m[j, i]:g} are not reciprocal"
                )
    return _principal(items, m)


def _check_size(n: int) -> None:
    if n == 0:
        raise AhpError("AHP: nothing to compare")
    if n > MAX_ITEMS:
        raise AhpError(f"AHP: at most {MAX_ITEMS} items can be compared (the random index table ends there)")


def _principal(items: tuple[str, ...], m: np.ndarray) -> AhpResult:
    """Weights (principal eigenvector) and consistency of a positive reciprocal matrix."""
    n = len(items)
    eigenvalues, eigenvectors = np.linalg.eig(m)
    k = int(np.argmax(eigenvalues.real))
    lam = float(eigenvalues[k].real)
    vector = np.abs(eigenvectors[:, k].real)
    weights = vector / vector.sum()
    ci = max(0.0, (lam - n) / (n - 1)) if n > 1 else 0.0
    ri = RANDOM_INDEX.get(n, 0.0)
    cr = ci / ri if ri > 0 else 0.0
    return AhpResult(
        labels=items,
        weights={label: float(w) for label, w in zip(items, weights, strict=True)},
        lambda_max=lam,
        consistency_index=ci,
        random_index=ri,
        consistency_ratio=cr,
        acceptable=cr <= ACCEPTABLE_CR,
        revisit=_revisit(items, m, weights),
    )


def _revisit(items: tuple[str, ...], m: np.ndarray, w: np.ndarray) -> Revisit | None:
    """The pair whose answer is furthest (as a factor) from what the weights imply and can move closer.

    A pair whose nearest scale value is the answer already given cannot move closer (its implied
    ratio rounds back to the answer, or lies beyond the end of the scale); the next pair is taken. None
    when no answer can move: the comparisons are consistent, or as consistent as the scale allows.
    """
    n = len(items)
    pairs = []
    for i in range(n):
        for j in range(i + 1, n):
            ratio = m[i, j] * w[j] / w[i]
            pairs.append((max(ratio, 1.0 / ratio), i, j))
    pairs.sort(key=lambda p: -p[0])  # stable: equal disagreements keep the matrix order
    stuck: tuple[str, str, float] | None = None
    for disagreement, i, j in pairs:
        if disagreement < 1.0 + 1e-9:
            return None
        given, implied = float(m[i, j]), float(w[i] / w[j])
        suggested = min(SAATY_VALUES, key=lambda v: abs(np.log(v) - np.log(implied)))
        if not np.isclose(suggested, given, rtol=1e-6):
            return Revisit(items[i], items[j], given, suggested, float(disagreement), stuck)
        at_end = (given >= SAATY_VALUES[-1] and implied > given) or (
            given <= SAATY_VALUES[0] and implied < given
        )
        if stuck is None and at_end:
            stuck = (items[i], items[j], given)
    return None


def _check_saaty(a: str, b: str, value: float) -> None:
    if isinstance(value, bool) or not isinstance(value, Real) or not np.isfinite(value) or value <= 0:
        raise AhpError(f"AHP comparison {a} vs {b}: {value!r} is not a positive number")
    if not on_saaty_scale(float(value)):
        raise AhpError(f"AHP comparison {a} vs {b}: {value:g} is not on Saaty's scale (1–9 or 1/2–1/9)")


def _saaty_text(value: float) -> str:
    """9 → "9", 0.25 → "1/4"."""
    if value >= 1:
        return f"{value:g}"
    return f"1/{1 / value:g}"


@dataclass(frozen=True, slots=True)
class GroupAhp:
    """The group's weights from everyone's answers, and each person's own (see the module docstring)."""

    labels: tuple[str, ...]
    group: AhpResult  # from the geometric mean of the answers
    people: dict[str, AhpResult]  # each person's own weights and consistency
    matrix: tuple[tuple[float, ...], ...]  # the group's comparison matrix (rows and columns: labels)


def group_ahp(labels: Sequence[str], answers: Mapping[str, Mapping[tuple[str, str], float]]) -> GroupAhp:
    """Group weights from several people's complete answers (``answers[person][(a, b)] = v``, each as
    `ahp` takes them). AhpError names the person and the pair when one set cannot be used."""
    items = tuple(labels)
    if not answers:
        raise AhpError("AHP: nobody has answered")
    if len(set(items)) != len(items):
        raise AhpError("AHP: the items to compare must have distinct names")
    people: dict[str, AhpResult] = {}
    logs = np.zeros((len(items), len(items)))
    for person, comparisons in answers.items():
        try:
            matrix = _answer_matrix(items, comparisons)
        except AhpError as exc:
            raise AhpError(f"{person}: {exc}") from None
        people[person] = _principal(items, matrix)
        logs += np.log(matrix)
    group = np.exp(logs / len(answers))
    return GroupAhp(
        labels=items,
        group=_principal(items, group),
        people=people,
        matrix=tuple(tuple(float(v) for v in row) for row in group),
    )
