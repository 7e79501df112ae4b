"""Group weights from a workshop's pairwise answers: the room's weights, and each person's own.

A group of items is ``"dimensions"`` (compare the method's dimensions) or a dimension id (compare its
criteria), as in the app's pairwise dialog. Every rater who answered every pair of a group counts;
the group's weights come from the geometric mean of their answers (``planner.triage.ahp.group_ahp``).
A rater whose answers are incomplete or contradictory is left out and listed in `skipped` with the
reason, so one unfinished sheet does not stop the room.

To use the group's weights, scale them to the total the group's weights have now and set them with
``planner.portfolio.edits.set_weights`` (criteria) or ``set_dimension_weight`` (dimensions).
"""

from __future__ import annotations

from dataclasses import dataclass

from planner.method import Method
from planner.model import Portfolio
from planner.triage.ahp import AhpError, AhpResult, GroupAhp, ahp, group_ahp
from planner.workshop import DIMENSIONS_GROUP


@dataclass(frozen=True, slots=True)
class GroupWeights:
    group: str  # "dimensions" or a dimension id
    items: tuple[str, ...]  # the ids compared, in the method's order
    names: dict[str, str]  # id → name
    result: GroupAhp | None  # None when nobody answered the whole group
    skipped: dict[str, str]  # rater id → why their answers were left out

    @property
    def people(self) -> dict[str, AhpResult]:
        """Each counted rater's own weights and consistency, in the workshop's order of raters."""
        return {} if self.result is None else dict(self.result.people)


def group_items(method: Method, group: str) -> dict[str, str]:
    """The items a group compares, id → name in the method's order; AhpError for an unknown group."""
    if group == DIMENSIONS_GROUP:
        return {d.id: d.name for d in method.dimensions}
    if group in {d.id for d in method.dimensions}:
        return {c.id: c.name for c in method.criteria_of(group)}
    raise AhpError(f"AHP group {group!r}: neither 'dimensions' nor a dimension of method {method.id!r}")


def answered_groups(portfolio: Portfolio, method: Method) -> tuple[str, ...]:
    """The groups someone answered, dimensions first, then in the method's order of dimensions."""
    asked = {j.group for j in portfolio.workshop.judgements}
    order = [DIMENSIONS_GROUP, *(d.id for d in method.dimensions)]
    return tuple(g for g in order if g in asked) + tuple(sorted(asked - set(order)))


def group_weights(portfolio: Portfolio, method: Method, group: str) -> GroupWeights:
    """The group's weights and each rater's own for one group of items (see the module docstring)."""
    items = group_items(method, group)
    labels = tuple(items)
    answers = {j.rater: j for j in portfolio.workshop.judgements if j.group == group}
    counted: dict[str, dict[tuple[str, str], float]] = {}
    skipped: dict[str, str] = {}
    for rater in (r.id for r in portfolio.workshop.raters):
        judgement = answers.get(rater)
        if judgement is None:
            continue
        comparisons = {(c.first, c.second): c.value for c in judgement.comparisons}
        try:
            ahp(labels, comparisons)
        except AhpError as exc:
            skipped[rater] = str(exc)
            continue
        counted[rater] = comparisons
    result = group_ahp(labels, counted) if counted else None
    return GroupWeights(group=group, items=labels, names=items, result=result, skipped=skipped)
