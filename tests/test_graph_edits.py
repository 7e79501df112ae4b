"""Graph edits: people, relationships and dependencies, refused when they would break the file."""

import pytest

from planner.graphs.edits import (
    add_dependency,
    add_person,
    add_relationship,
    new_person_id,
    remove_dependency,
    remove_people,
    remove_relationship,
    set_positions,
    update_person,
)
from planner.model import Dependency, Enabler, Pilot, Portfolio, Relationship, Stakeholder
from planner.portfolio.edits import EditError


def _portfolio() -> Portfolio:
    people = [Stakeholder(id=f"S{i}", name=f"Person {i}") for i in range(1, 5)]
    return Portfolio(
        stakeholders=people,
        relationships=[
            Relationship(source="S1", target="S2", kind="reports_to"),
            Relationship(source="S3", target="S1", kind="influences"),
            Relationship(source="S3", target="S4", kind="collaborates"),
        ],
        pilots=[
            Pilot(id="A", name="A", sponsor="S1", owner="S2", approvers=["S1", "S3"], affected=["S1"]),
            Pilot(id="B", name="B", sponsor="S4"),
        ],
        enablers=[Enabler(id="E", name="Platform", owner="S1")],
        dependencies=[Dependency(pilot="B", on="A"), Dependency(pilot="A", on="E")],
    )


def test_removing_a_person_removes_relationships_and_references_in_one_edit() -> None:
    before = _portfolio()
    after = remove_people(before, ["S1"])
    assert [s.id for s in after.stakeholders] == ["S2", "S3", "S4"]
    assert [(r.source, r.target) for r in after.relationships] == [("S3", "S4")]
    a = after.pilot("A")
    assert (a.sponsor, a.owner, a.approvers, a.affected) == (None, "S2", ["S3"], [])
    assert after.enablers[0].owner is None
    assert after.pilot("B").sponsor == "S4"
    # the input is untouched, so keeping it is an exact undo
    assert before == _portfolio()
    assert Portfolio.model_validate_json(after.model_dump_json()) == after


def test_remove_unknown_person_is_refused() -> None:
    with pytest.raises(EditError, match="unknown stakeholder 'S9'"):
        remove_people(_portfolio(), ["S9"])


def test_relationship_rules() -> None:
    p = _portfolio()
    with pytest.raises(EditError, match="themselves"):
        add_relationship(p, "S2", "S2", "influences")
    with pytest.raises(EditError, match="already reports to"):
        add_relationship(p, "S1", "S2", "reports_to")
    with pytest.raises(EditError, match="unknown stakeholder 'S7'"):
        add_relationship(p, "S1", "S7", "influences")
    with pytest.raises(EditError, match="relationship"):
        add_relationship(p, "S1", "S4", "likes")
    added = add_relationship(p, "S4", "S1", "conflicts")
    assert added.relationships[-1] == Relationship(source="S4", target="S1", kind="conflicts")
    assert remove_relationship(added, "S4", "S1", "conflicts") == p
    with pytest.raises(EditError, match="no relationship"):
        remove_relationship(p, "S4", "S1", "conflicts")


def test_dependency_that_closes_a_cycle_is_refused_with_the_cycle() -> None:
    p = _portfolio()  # B depends on A
    with pytest.raises(EditError, match=r"A cannot depend on B: it would close the cycle A → B → A"):
        add_dependency(p, "A", "B")
    with pytest.raises(EditError, match="itself"):
        add_dependency(p, "A", "A")
    with pytest.raises(EditError, match="already depends"):
        add_dependency(p, "B", "A")
    with pytest.raises(EditError, match="unknown pilot or enabler 'Z'"):
        add_dependency(p, "B", "Z")
    added = add_dependency(p, "B", "E")
    assert (added.dependencies[-1].pilot, added.dependencies[-1].on) == ("B", "E")
    assert remove_dependency(added, "B", "E") == p


def test_people_fields_and_positions() -> None:
    p = _portfolio()
    changed = update_person(p, "S2", influence=5, stance="resistant")
    assert changed.stakeholders[1].influence == 5 and changed.stakeholders[1].stance == "resistant"
    with pytest.raises(EditError, match="influence"):
        update_person(p, "S2", influence=9)
    with pytest.raises(EditError, match="'id' cannot be edited"):
        update_person(p, "S2", id="S9")
    moved = set_positions(p, {"S1": (1, 2), "S3": None})
    assert moved.stakeholders[0].position == (1.0, 2.0)
    with pytest.raises(EditError, match="unknown stakeholder"):
        set_positions(p, {"nobody": (0, 0)})
    new_id = new_person_id(p)
    assert new_id == "S-005"
    assert add_person(p, Stakeholder(id=new_id, name="New")).stakeholders[-1].id == new_id
    with pytest.raises(EditError, match="already exists"):
        add_person(p, Stakeholder(id="S1", name="Dup"))
