"""Stakeholder support for one pilot: how far the people around it back it, on the 0–5 rating scale.

A pilot's *coalition* is everyone linked to it: its sponsor, its owner, its approvers and the people
it affects. Each person counts once, however many roles they hold. Their stances are mapped onto the
rating scale and averaged, weighted by influence (1–5), so one influential resister weighs more than
several bystanders::

    stance      rating   why
    resistant   0        works against the change
    unaware     1        no opinion yet: not opposed, but no support to draw on either
    neutral     2.5      the middle of the scale
    supportive  4        backs the change
    leading     5        drives the change

Example: a supportive sponsor of influence 5 and a resistant approver of influence 3 give
(5·4 + 3·0) / (5 + 3) = 2.5.
"""

from __future__ import annotations

from collections.abc import Mapping

from planner.model import Pilot, Portfolio, Stakeholder, Stance

STANCE_RATING: dict[Stance, float] = {
    Stance.UNAWARE: 1.0,
    Stance.RESISTANT: 0.0,
    Stance.NEUTRAL: 2.5,
    Stance.SUPPORTIVE: 4.0,
    Stance.LEADING: 5.0,
}


def coalition(portfolio: Portfolio, pilot: Pilot) -> list[Stakeholder]:
    """The distinct stakeholders linked to `pilot` (sponsor, owner, approvers, affected), in that order.

    Ids that do not resolve to a stakeholder are skipped (a validated portfolio has none).
    """
    return coalition_in({s.id: s for s in portfolio.stakeholders}, pilot)


def coalition_in(people: Mapping[str, Stakeholder], pilot: Pilot) -> list[Stakeholder]:
    """`coalition` with the stakeholders already indexed by id (for scoring many pilots)."""
    ids: list[str] = []
    for ref in [pilot.sponsor, pilot.owner, *pilot.approvers, *pilot.affected]:
        if ref is not None and ref in people and ref not in ids:
            ids.append(ref)
    return [people[ref] for ref in ids]


def support_rating(portfolio: Portfolio, pilot: Pilot) -> float | None:
    """Influence-weighted mean stance rating (0–5) of the pilot's coalition; None if nobody is linked."""
    return support_rating_in({s.id: s for s in portfolio.stakeholders}, pilot)


def support_rating_in(people: Mapping[str, Stakeholder], pilot: Pilot) -> float | None:
    """`support_rating` with the stakeholders already indexed by id (for scoring many pilots)."""
    members = coalition_in(people, pilot)
    if not members:
        return None
    total = sum(s.influence for s in members)
    return sum(s.influence * STANCE_RATING[s.stance] for s in members) / total
