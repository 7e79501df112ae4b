"""Workshop data: the people who rate, their own ratings, the facilitator's consensus, Delphi rounds
and everyone's pairwise (AHP) answers.

A consultant runs the triage with a room of 6–15 people. Each of them is a `Rater` (linked to the
stakeholder map when they are on it). A pilot's rating of a criterion (``planner.model.Rating``) may
then carry one `RaterRating` per rater, each with that rater's evidence and note. The consensus that
scoring reads is the median of the raters' values, unless the facilitator set a `ConsensusOverride`
with a rationale; a rating nobody rated individually is its own consensus, exactly as before
workshops existed. ``planner.triage.consensus`` computes all of it; nothing derived is stored here.

Rounds follow the Delphi pattern: round 1 is entered blind (`RoundStatus.OPEN`: nobody sees another
rater's values), then revealed and discussed (``REVEALED``), then closed (``CLOSED``), at which point
every rater's values as they stood are copied into the round so the narrowing of the spread can be
shown later. Round 2 starts from each rater's round-1 values. Only the last round can be open.

Pairwise answers (`Judgements`) are kept per rater and group of items (the dimensions, or the
criteria of one dimension); ``planner.triage.group_weights`` aggregates them.
"""

from __future__ import annotations

import math
from datetime import date
from enum import StrEnum
from typing import Annotated

from pydantic import Field, StringConstraints, model_validator

from planner.fields import Evidence, Id, Model, Name, Rationale, Text

# Saaty's scale: 1 (equal) … 9 (extremely more important) and the reciprocals 1/2 … 1/9
SAATY_VALUES = tuple(sorted({float(v) for v in range(1, 10)} | {1.0 / v for v in range(2, 10)}))
DIMENSIONS_GROUP = "dimensions"  # the group of pairwise answers that compares the dimensions


def on_saaty_scale(value: float) -> bool:
    return any(math.isclose(value, v, rel_tol=1e-6) for v in SAATY_VALUES)


class Rater(Model):
    """A person who rates in a workshop; `stakeholder` is their id on the stakeholder map, if any."""

    id: Id
    name: Name
    stakeholder: Id | None = None
    role: Annotated[str, StringConstraints(max_length=200)] = ""


class RaterRating(Model):
    """One rater's 0–5 rating of one criterion of one pilot, with their evidence and note."""

    score: int = Field(ge=0, le=5)
    evidence: Evidence = Evidence.ASSUMED
    note: Text = ""


class ConsensusOverride(Model):
    """The facilitator's value for one criterion of one pilot, used instead of the raters' median.

    The rationale is mandatory: it is what the room agreed and why the median does not say it."""

    score: int = Field(ge=0, le=5)
    rationale: Rationale
    author: Annotated[str, StringConstraints(max_length=200)] = ""
    decided: date | None = None


class RoundStatus(StrEnum):
    OPEN = "open"  # raters enter their ratings blind
    REVEALED = "revealed"  # everyone's values are shown and discussed
    CLOSED = "closed"  # the values as they stood at closing are kept in the round


# pilot id → criterion id → rater id → that rater's rating
RoundRatings = dict[Id, dict[Id, dict[Id, RaterRating]]]


class Round(Model):
    """One Delphi round. `pilots` lists the pilots the round is about (empty: all of them);
    `ratings` holds every rater's values as they stood when the round closed (history, kept)."""

    number: int = Field(ge=1)
    label: Name
    status: RoundStatus = RoundStatus.OPEN
    opened: date
    revealed: date | None = None
    closed: date | None = None
    pilots: list[Id] = Field(default_factory=list)
    ratings: RoundRatings = Field(default_factory=dict)


class Comparison(Model):
    """`first` is `value` times as important as `second`, on Saaty's scale (1/9 … 9)."""

    first: Id
    second: Id
    value: float = Field(gt=0)

    @model_validator(mode="after")
    def _check(self) -> Comparison:
        if self.first == self.second:
            raise ValueError(f"{self.first!r} cannot be compared with itself")
        if not on_saaty_scale(self.value):
            raise ValueError(f"{self.value:g} is not on Saaty's scale (1–9 or 1/2–1/9)")
        return self


class Judgements(Model):
    """One rater's pairwise answers on one group: ``"dimensions"``, or a dimension id for its criteria."""

    rater: Id
    group: Id = DIMENSIONS_GROUP
    comparisons: list[Comparison] = Field(default_factory=list)

    @model_validator(mode="after")
    def _check(self) -> Judgements:
        seen: set[frozenset[str]] = set()
        for k, c in enumerate(self.comparisons):
            pair = frozenset((c.first, c.second))
            if pair in seen:
                raise ValueError(f"comparisons[{k}]: {c.first} vs {c.second} is answered twice")
            seen.add(pair)
        return self


class Workshop(Model):
    raters: list[Rater] = Field(default_factory=list)
    rounds: list[Round] = Field(default_factory=list)
    judgements: list[Judgements] = Field(default_factory=list)

    @model_validator(mode="after")
    def _check_rounds(self) -> Workshop:
        for k, rnd in enumerate(self.rounds):
            if rnd.number != k + 1:
                raise ValueError(f"rounds[{k}].number: expected {k + 1} (rounds are numbered in order)")
            if rnd.status is not RoundStatus.CLOSED and k != len(self.rounds) - 1:
                raise ValueError(f"rounds[{k}].status: only the last round can still be {rnd.status.value}")
        return self

    @property
    def current_round(self) -> Round | None:
        """The round that is open or revealed, if any."""
        last = self.rounds[-1] if self.rounds else None
        return last if last is not None and last.status is not RoundStatus.CLOSED else None

    @property
    def blind(self) -> bool:
        """True while a round is open and not yet revealed: a rater sees only their own values."""
        current = self.current_round
        return current is not None and current.status is RoundStatus.OPEN


def workshop_problems(workshop: Workshop, people: set[str] | dict[str, str]) -> tuple[list[str], set[str]]:
    """Duplicate rater ids, unknown stakeholders and raters named in rounds and judgements, each with
    its path; and the set of rater ids (for checking the ratings that name them)."""
    problems: list[str] = []
    raters: dict[str, int] = {}
    for i, rater in enumerate(workshop.raters):
        if rater.id in raters:
            problems.append(
                f"workshop.raters[{i}].id: duplicate rater id {rater.id!r} "
                f"(also workshop.raters[{raters[rater.id]}])"
            )
        else:
            raters[rater.id] = i
        if rater.stakeholder is not None and rater.stakeholder not in people:
            problems.append(f"workshop.raters[{i}].stakeholder: unknown stakeholder {rater.stakeholder!r}")
    for k, rnd in enumerate(workshop.rounds):
        for pilot_id, by_criterion in rnd.ratings.items():
            for criterion, by_rater in by_criterion.items():
                for rater_id in by_rater:
                    if rater_id not in raters:
                        problems.append(
                            f"workshop.rounds[{k}].ratings.{pilot_id}.{criterion}.{rater_id}: "
                            f"unknown rater {rater_id!r}"
                        )
    answered: set[tuple[str, str]] = set()
    for k, judgement in enumerate(workshop.judgements):
        if judgement.rater not in raters:
            problems.append(f"workshop.judgements[{k}].rater: unknown rater {judgement.rater!r}")
        key = (judgement.rater, judgement.group)
        if key in answered:
            problems.append(
                f"workshop.judgements[{k}]: {judgement.rater!r} answered group {judgement.group!r} twice"
            )
        answered.add(key)
    return problems, set(raters)
