"""Pure edits of the two graphs: people and their relationships, and the dependencies between work.

Like `planner.portfolio.edits`, each function takes a `Portfolio` and returns a new one, leaving its input
untouched, so an undo command restores the exact state by keeping the portfolio from before.
Edits that would make the file invalid are refused with an `EditError` in one plain sentence:
a self-loop, a duplicate edge, a reference to someone who is not there, or a dependency that would
close a cycle (the message names the cycle in order).

Removing a person removes their relationships and every reference to them (pilot sponsor, owner,
approvers, affected; enabler owner; committee action owner; the link of their sign-offs, which keep
the signer's name) in the same edit, so one undo brings all of it back.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from planner.graphs.dependencies import would_create_cycle
from planner.model import Dependency, Portfolio, RelationKind, Relationship, Stakeholder
from planner.portfolio.edits import EditError, _check_references, _rebuild

EDITABLE_PERSON_FIELDS = frozenset(
    {"name", "role", "department", "influence", "interest", "stance", "desired_stance", "notes", "position"}
)


def _person_index(portfolio: Portfolio, person_id: str) -> int:
    for i, person in enumerate(portfolio.stakeholders):
        if person.id == person_id:
            return i
    raise EditError(f"unknown stakeholder {person_id!r}")


def new_person_id(portfolio: Portfolio, prefix: str = "S-") -> str:
    """The first free id of the form S-001, S-002, …"""
    taken = {s.id for s in portfolio.stakeholders}
    number = len(taken) + 1
    while f"{prefix}{number:03d}" in taken:
        number += 1
    return f"{prefix}{number:03d}"


def add_person(portfolio: Portfolio, person: Stakeholder) -> Portfolio:
    if any(s.id == person.id for s in portfolio.stakeholders):
        raise EditError(f"a stakeholder with id {person.id!r} already exists")
    return portfolio.model_copy(update={"stakeholders": [*portfolio.stakeholders, person]})


def update_person(portfolio: Portfolio, person_id: str, **changes: Any) -> Portfolio:
    """The portfolio with these fields of one person replaced (validated; the id cannot change)."""
    index = _person_index(portfolio, person_id)
    unknown = sorted(set(changes) - EDITABLE_PERSON_FIELDS)
    if unknown:
        raise EditError(f"stakeholder {person_id!r}: field {unknown[0]!r} cannot be edited this way")
    data = dict(portfolio.stakeholders[index]) | changes
    person = _rebuild(Stakeholder, data, f"stakeholder {person_id!r}")
    people = list(portfolio.stakeholders)
    people[index] = person
    return portfolio.model_copy(update={"stakeholders": people})


def set_positions(portfolio: Portfolio, positions: Mapping[str, tuple[float, float] | None]) -> Portfolio:
    """The portfolio with these people's map positions replaced (e.g. after a drag or a layout)."""
    people = []
    for person in portfolio.stakeholders:
        if person.id in positions:
            where = positions[person.id]
            position = None if where is None else (float(where[0]), float(where[1]))
            person = person.model_copy(update={"position": position})
        people.append(person)
    missing = sorted(set(positions) - {s.id for s in portfolio.stakeholders})
    if missing:
        raise EditError(f"unknown stakeholder {missing[0]!r}")
    return portfolio.model_copy(update={"stakeholders": people})


def remove_people(portfolio: Portfolio, person_ids: Iterable[str]) -> Portfolio:
    """Remove people with their relationships and every reference to them, in one edit."""
    gone = set(person_ids)
    for person_id in gone:
        _person_index(portfolio, person_id)
    pilots = []
    for pilot in portfolio.pilots:
        changes: dict[str, Any] = {}
        if pilot.owner in gone:
            changes["owner"] = None
        if pilot.sponsor in gone:
            changes["sponsor"] = None
        for field in ("approvers", "affected"):
            kept = [ref for ref in getattr(pilot, field) if ref not in gone]
            if len(kept) != len(getattr(pilot, field)):
                changes[field] = kept
        pilots.append(pilot.model_copy(update=changes) if changes else pilot)
    enablers = [e.model_copy(update={"owner": None}) if e.owner in gone else e for e in portfolio.enablers]
    committees = [
        c.model_copy(
            update={
                "actions": [
                    a.model_copy(update={"owner": None}) if a.owner in gone else a for a in c.actions
                ],
                "sign_offs": [
                    s.model_copy(update={"stakeholder": None}) if s.stakeholder in gone else s
                    for s in c.sign_offs
                ],
            }
        )
        for c in portfolio.committees
    ]
    return portfolio.model_copy(
        update={
            "committees": committees,
            "stakeholders": [s for s in portfolio.stakeholders if s.id not in gone],
            "relationships": [
                r for r in portfolio.relationships if r.source not in gone and r.target not in gone
            ],
            "pilots": pilots,
            "enablers": enablers,
        }
    )


def add_relationship(portfolio: Portfolio, source: str, target: str, kind: RelationKind | str) -> Portfolio:
    relationship = _rebuild(Relationship, {"source": source, "target": target, "kind": kind}, "relationship")
    if source == target:
        raise EditError("a person cannot have a relationship with themselves")
    for person_id in (source, target):
        _person_index(portfolio, person_id)
    if relationship in portfolio.relationships:
        raise EditError(f"{source!r} already {relationship.kind.value.replace('_', ' ')} {target!r}")
    return portfolio.model_copy(update={"relationships": [*portfolio.relationships, relationship]})


def remove_relationship(
    portfolio: Portfolio, source: str, target: str, kind: RelationKind | str
) -> Portfolio:
    kind = RelationKind(kind)
    kept = [r for r in portfolio.relationships if (r.source, r.target, r.kind) != (source, target, kind)]
    if len(kept) == len(portfolio.relationships):
        raise EditError(f"there is no relationship {source!r} {kind.value} {target!r}")
    return portfolio.model_copy(update={"relationships": kept})


def add_dependency(portfolio: Portfolio, pilot: str, on: str, note: str = "") -> Portfolio:
    """`pilot` depends on `on` (a pilot or an enabler); refused when it would close a cycle."""
    if pilot == on:
        raise EditError(f"pilot {pilot!r} cannot depend on itself")
    if any(d.pilot == pilot and d.on == on for d in portfolio.dependencies):
        raise EditError(f"{pilot!r} already depends on {on!r}")
    dependency = _rebuild(Dependency, {"pilot": pilot, "on": on, "note": note}, "dependency")
    after = _check_references(
        portfolio.model_copy(update={"dependencies": [*portfolio.dependencies, dependency]})
    )
    cycle = would_create_cycle(portfolio, pilot, on)
    if cycle:
        raise EditError(f"{pilot} cannot depend on {on}: it would close the cycle {' → '.join(cycle)}")
    return after


def remove_dependency(portfolio: Portfolio, pilot: str, on: str) -> Portfolio:
    kept = [d for d in portfolio.dependencies if (d.pilot, d.on) != (pilot, on)]
    if len(kept) == len(portfolio.dependencies):
        raise EditError(f"{pilot!r} does not depend on {on!r}")
    return portfolio.model_copy(update={"dependencies": kept})
