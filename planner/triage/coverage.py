"""Who rated what in a workshop, and how much of the work is done.

The workshop's pilots are those at least one rater rated or a round is about. Each of them has one
cell per typed criterion of the method (derived criteria are computed, not rated). A rater's
coverage is the share of those cells they rated; a pilot's is the share of its cells × raters that
hold a value. Example: 2 pilots, a method with 16 typed criteria and 3 raters: a rater who rated 8
criteria of each pilot covers 16 / 32 = 50 %.
"""

from __future__ import annotations

from dataclasses import dataclass

from planner.method import Method
from planner.model import Portfolio


@dataclass(frozen=True, slots=True)
class RaterCoverage:
    rater: str
    name: str
    stakeholder: str | None
    pilots: int  # workshop pilots with at least one of the rater's values
    ratings: int  # the rater's values on workshop pilots
    share: float  # ratings / (workshop pilots × typed criteria), 0 when there is nothing to rate


@dataclass(frozen=True, slots=True)
class PilotCoverage:
    pilot: str
    name: str
    raters: tuple[str, ...]  # who rated at least one of its criteria, in the workshop's order
    ratings: int  # raters' values on its typed criteria
    share: float  # ratings / (typed criteria × raters in the workshop)
    facilitated: int  # criteria whose consensus the facilitator set


@dataclass(frozen=True, slots=True)
class Coverage:
    criteria: tuple[str, ...]  # the typed criteria, method order
    raters: tuple[RaterCoverage, ...]  # workshop order
    pilots: tuple[PilotCoverage, ...]  # portfolio order, workshop pilots only


def workshop_pilots(portfolio: Portfolio) -> tuple[str, ...]:
    """The pilots the workshop is about (see the module docstring), in portfolio order."""
    scope = {p for rnd in portfolio.workshop.rounds for p in rnd.pilots}
    scope |= {p.id for p in portfolio.pilots if any(r.raters for r in p.ratings.values())}
    return tuple(p.id for p in portfolio.pilots if p.id in scope)


def coverage(portfolio: Portfolio, method: Method) -> Coverage:
    """Each rater's and each workshop pilot's coverage (see the module docstring)."""
    typed = tuple(c.id for c in method.criteria if c.derived is None)
    scope = set(workshop_pilots(portfolio))
    raters = portfolio.workshop.raters
    counts = {r.id: 0 for r in raters}
    pilots_of = {r.id: 0 for r in raters}
    per_pilot = []
    for pilot in portfolio.pilots:
        if pilot.id not in scope:
            continue
        rated = [pilot.ratings[c] for c in typed if c in pilot.ratings]
        who = {rater for r in rated for rater in r.raters}
        values = sum(len(r.raters) for r in rated)
        for r in rated:
            for rater in r.raters:
                counts[rater] += 1
        for rater in who:
            pilots_of[rater] += 1
        cells = len(typed) * len(raters)
        per_pilot.append(
            PilotCoverage(
                pilot=pilot.id,
                name=pilot.name,
                raters=tuple(r.id for r in raters if r.id in who),
                ratings=values,
                share=values / cells if cells else 0.0,
                facilitated=sum(r.consensus is not None for r in rated),
            )
        )
    cells = len(scope) * len(typed)
    return Coverage(
        criteria=typed,
        raters=tuple(
            RaterCoverage(
                rater=r.id,
                name=r.name,
                stakeholder=r.stakeholder,
                pilots=pilots_of[r.id],
                ratings=counts[r.id],
                share=counts[r.id] / cells if cells else 0.0,
            )
            for r in raters
        ),
        pilots=tuple(per_pilot),
    )
