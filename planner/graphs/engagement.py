"""Portfolio stakeholder risks and the engagement actions that answer them.

Computed from a stakeholder analysis (`planner.graphs.stakeholders`); every action says who meets whom,
why, and by when, dated from the portfolio's ``as_of`` date:

==========================================  =========================  =======================  =======
finding                                     who                        whom                     within
==========================================  =========================  =======================  =======
high-influence resister near a pilot        the supporter to route     the resister             14 days
                                            through (else the sponsor,
                                            else the owner)
key broker who resists                      their most influential     the broker               14 days
                                            supportive contact
pilot with no path to an executive          the sponsor (else owner)   the most influential     30 days
                                                                       executive
sponsor of more than 3 active pilots        the portfolio office       the sponsor              30 days
manage-closely person short of the desired  their most influential     the person               28 days
stance (not already targeted above)         supportive contact
==========================================  =========================  =======================  =======

Active pilots are those not yet in production and not retired. One action per (who, whom) pair:
a meeting that serves several pilots lists them all.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

import networkx as nx

from planner.graphs.stakeholder_types import Action, PersonAnalysis, PilotCoalition, Risk, RiskKind
from planner.model import Portfolio, Stage, Stance

SPONSOR_LOAD_LIMIT = 3
ACTIVE_STAGES = frozenset({Stage.IDEA, Stage.POC, Stage.PILOT, Stage.SCALING})
RESISTER_DAYS = 14
BROKER_DAYS = 14
EXECUTIVE_DAYS = 30
OVERLOAD_DAYS = 30
GAP_DAYS = 28
_BELOW_NEUTRAL = frozenset({Stance.UNAWARE, Stance.RESISTANT})
_BACKERS = frozenset({Stance.SUPPORTIVE, Stance.LEADING})


@dataclass(slots=True)
class _Draft:
    why: str
    days: int
    kind: str
    pilots: list[str] = field(default_factory=list)


def portfolio_risks(
    portfolio: Portfolio, coalitions: Mapping[str, PilotCoalition], brokers: Sequence[str]
) -> list[Risk]:
    """Sponsor overload, active pilots with no path to an executive, and brokers who resist."""
    people = {s.id: s for s in portfolio.stakeholders}
    active = [p for p in portfolio.pilots if p.stage in ACTIVE_STAGES]
    risks: list[Risk] = []

    sponsored: dict[str, list[str]] = {}
    for pilot in active:
        if pilot.sponsor is not None:
            sponsored.setdefault(pilot.sponsor, []).append(pilot.id)
    for sponsor in sorted(sponsored):
        pilots = sorted(sponsored[sponsor])
        if len(pilots) > SPONSOR_LOAD_LIMIT:
            risks.append(
                Risk(
                    RiskKind.SPONSOR_OVERLOAD,
                    sponsor,
                    tuple(pilots),
                    f"{people[sponsor].name} ({sponsor}) sponsors {len(pilots)} active pilots, more than "
                    f"{SPONSOR_LOAD_LIMIT}: their attention is spread thin",
                )
            )

    for pilot in active:
        found = coalitions[pilot.id]
        if not found.executive_reachable:
            reason = (
                "nobody is linked to it"
                if not found.members
                else "no one linked to it is, or is in contact with, an executive (influence 5)"
            )
            risks.append(Risk(RiskKind.NO_EXECUTIVE_PATH, pilot.id, (pilot.id,), f"{pilot.id}: {reason}"))

    for broker in brokers:
        person = people[broker]
        if person.stance in _BELOW_NEUTRAL:
            linked = tuple(sorted(p.id for p in active if broker in coalitions[p.id].members))
            risks.append(
                Risk(
                    RiskKind.BROKER_RESISTER,
                    broker,
                    linked,
                    f"{person.name} ({broker}) links otherwise distant people and is {person.stance.value}",
                )
            )
    return risks


def engagement_actions(
    portfolio: Portfolio,
    people: Mapping[str, PersonAnalysis],
    coalitions: Mapping[str, PilotCoalition],
    risks: Sequence[Risk],
    contact: nx.Graph,
    influence_order: Sequence[str],
) -> list[Action]:
    """One action per finding (see the module table), without repeating the same meeting; by date."""
    persons = {s.id: s for s in portfolio.stakeholders}
    rank = {p: i for i, p in enumerate(influence_order)}
    today = portfolio.as_of
    # One action per (who, whom): later findings for the same meeting only add their pilots.
    found: dict[tuple[str | None, str], _Draft] = {}

    def add(who: str | None, whom: str, why: str, days: int, pilot: str | None, kind: str) -> None:
        draft = found.setdefault((who, whom), _Draft(why, days, kind))
        if pilot is not None and pilot not in draft.pilots:
            draft.pilots.append(pilot)

    def best_backer(person: str) -> str | None:
        backers = [n for n in contact.adj[person] if persons[n].stance in _BACKERS]
        return min(backers, key=lambda n: (rank[n], n)) if backers else None

    def label(person: str) -> str:
        s = persons[person]
        return f"{s.name} ({person}, influence {s.influence}, {s.stance.value})"

    targeted: set[str] = set()
    for pilot in portfolio.pilots:
        if pilot.stage not in ACTIVE_STAGES:
            continue
        for route in coalitions[pilot.id].resisters:
            targeted.add(route.resister)
            verb = "brief" if persons[route.resister].stance == Stance.UNAWARE else "win over"
            if route.through is not None:
                via = persons[route.through].name
                why = f"{verb} {label(route.resister)}; {via} is the nearest supporter in contact with them"
                add(route.through, route.resister, why, RESISTER_DAYS, pilot.id, "route to resister")
            else:
                who = next(
                    (p for p in (pilot.sponsor, pilot.owner) if p is not None and p != route.resister), None
                )
                why = f"{verb} {label(route.resister)}; no supportive contact reaches them"
                add(who, route.resister, why, RESISTER_DAYS, pilot.id, "meet resister")

    executives = [p for p in influence_order if people[p].executive]
    top = executives[0] if executives else (influence_order[0] if influence_order else None)
    for risk in risks:
        if risk.kind == RiskKind.BROKER_RESISTER:
            targeted.add(risk.subject)
            why = f"{label(risk.subject)} is a key broker between groups; bring them on side"
            add(best_backer(risk.subject), risk.subject, why, BROKER_DAYS, None, "win over broker")
        elif risk.kind == RiskKind.NO_EXECUTIVE_PATH and top is not None:
            pilot = portfolio.pilot(risk.subject)
            who = pilot.sponsor if pilot.sponsor is not None else pilot.owner
            why = f"no executive backing in reach; ask {persons[top].name} ({top}) for a hearing or a contact"
            add(who, top, why, EXECUTIVE_DAYS, pilot.id, "reach executive")
        elif risk.kind == RiskKind.SPONSOR_OVERLOAD:
            why = f"{risk.message}; agree a co-sponsor for some of {', '.join(risk.pilots)}"
            add(None, risk.subject, why, OVERLOAD_DAYS, None, "share sponsorship")

    for person in influence_order:
        analysis = people[person]
        if person in targeted or analysis.stance_gap == 0 or analysis.quadrant.value != "manage closely":
            continue
        wanted = persons[person].desired_stance.value
        steps = analysis.stance_gap
        why = f"{label(person)}, one to manage closely, should be {wanted} ({steps} step(s) to go)"
        add(best_backer(person), person, why, GAP_DAYS, None, "close stance gap")

    actions = []
    for (who, whom), draft in found.items():
        pilots = tuple(sorted(draft.pilots))
        prefix = f"{', '.join(pilots)}: " if pilots else ""
        # an as_of within a month of the calendar's end (year 9999) must not overflow the date
        days = timedelta(days=draft.days)
        by = today + days if today <= date.max - days else date.max
        actions.append(Action(who, whom, prefix + draft.why, by, pilots, draft.kind, draft.why))
    actions.sort(key=lambda a: (a.by, a.whom, a.who or "", a.pilots))
    return actions
