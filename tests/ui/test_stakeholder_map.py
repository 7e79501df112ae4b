"""Stakeholder map and tables: drags re-rate or move people undoably, removals take their links along."""

from typing import Any

import pytest
from PySide6.QtCore import QPointF

from planner.model import Pilot, Portfolio, Relationship, Stakeholder
from ui.document import Document
from ui.views.graphs.stakeholder_map import StakeholderMap
from ui.views.graphs.stakeholder_scene import CELL, NET


def _portfolio() -> Portfolio:
    return Portfolio(
        stakeholders=[
            Stakeholder(id="S1", name="Sponsor", influence=5, interest=5, stance="supportive"),
            Stakeholder(id="S2", name="Broker", influence=3, interest=3, stance="supportive"),
            Stakeholder(id="S3", name="Blocker", influence=4, interest=2, stance="resistant"),
            Stakeholder(id="S4", name="Outsider", influence=1, interest=1, department="Legal"),
        ],
        relationships=[
            Relationship(source="S1", target="S2", kind="collaborates"),
            Relationship(source="S2", target="S3", kind="collaborates"),
            Relationship(source="S3", target="S4", kind="reports_to"),
        ],
        pilots=[Pilot(id="P", name="Pilot", sponsor="S1", approvers=["S3"])],
    )


@pytest.fixture
def view(qtbot: Any) -> StakeholderMap:
    widget = StakeholderMap(Document(_portfolio()))
    qtbot.addWidget(widget)
    return widget


def test_grid_places_people_by_their_ratings(view: StakeholderMap) -> None:
    sponsor = view.scene.people["S1"].pos()  # interest 5, influence 5: top-right cell
    wide = view.scene.cell_w  # cells are as high as CELL and may be wider on a wide view
    assert 4 * wide < sponsor.x() < 5 * wide and 0 < sponsor.y() < CELL
    outsider = view.scene.people["S4"].pos()  # 1, 1: bottom-left cell
    assert 0 < outsider.x() < wide and 4 * CELL < outsider.y() < 5 * CELL


def test_dropping_in_another_cell_rerates_and_undo_restores(view: StakeholderMap) -> None:
    doc = view.doc
    item = view.scene.people["S4"]
    item.setPos(QPointF(2.5 * view.scene.cell_w, 1.5 * CELL))  # interest 3, influence 4
    view.scene.dropped([item])
    person = doc.portfolio.stakeholders[3]
    assert (person.interest, person.influence) == (3, 4)
    doc.undo_stack.undo()
    assert doc.portfolio == _portfolio()


def test_dragging_on_the_network_stores_the_position(view: StakeholderMap) -> None:
    doc = view.doc
    view.mode.setCurrentIndex(1)  # network: four people, no stored positions -> placed at once
    assert set(view.scene.people) == {"S1", "S2", "S3", "S4"}
    item = view.scene.people["S2"]
    item.setPos(QPointF(3 * NET, -2 * NET))
    view.scene.dropped([item])
    assert doc.portfolio.stakeholders[1].position == pytest.approx((3.0, -2.0))
    doc.undo_stack.undo()
    assert doc.portfolio.stakeholders[1].position is None


def test_relayout_runs_in_a_worker_and_is_one_undo_step(view: StakeholderMap, qtbot: Any) -> None:
    doc = view.doc
    view.mode.setCurrentIndex(1)
    view.scene.relayout()
    qtbot.waitUntil(lambda: all(s.position is not None for s in doc.portfolio.stakeholders), timeout=10_000)
    doc.undo_stack.undo()
    assert all(s.position is None for s in doc.portfolio.stakeholders)


def test_removing_a_person_takes_relationships_and_roles_in_one_step(view: StakeholderMap) -> None:
    doc = view.doc
    view.scene.people["S3"].setSelected(True)
    view.remove_selected()
    assert [s.id for s in doc.portfolio.stakeholders] == ["S1", "S2", "S4"]
    assert [(r.source, r.target) for r in doc.portfolio.relationships] == [("S1", "S2")]
    assert doc.portfolio.pilots[0].approvers == []
    doc.undo_stack.undo()
    assert doc.portfolio == _portfolio()


def test_link_selected_refuses_a_duplicate(view: StakeholderMap) -> None:
    view.relation.setCurrentIndex(2)  # collaborates
    view.link_selected(["S1", "S2"])
    assert "already collaborates" in view.status.text()
    view.link_selected(["S1", "S4"])
    assert view.doc.portfolio.relationships[-1] == Relationship(source="S1", target="S4", kind="collaborates")


def test_pilot_filter_shows_its_coalition_and_resisters(view: StakeholderMap) -> None:
    view.pilot.setCurrentIndex(1)  # the pilot
    # coalition: S1 (sponsor), S3 (approver, a high-influence resister, reached through S2)
    assert set(view.scene.people) == {"S1", "S2", "S3"}
    view.department.setCurrentIndex(1)  # Legal
    assert set(view.scene.people) == set()


def test_people_table_edits_and_refuses(view: StakeholderMap, qtmodeltester: Any) -> None:
    model = view.people_model
    qtmodeltester.check(model)
    qtmodeltester.check(view.relations_model)
    assert model.setData(model.index(1, 3), 5)  # influence of S2
    assert view.doc.portfolio.stakeholders[1].influence == 5
    assert not model.setData(model.index(1, 3), 9)
    assert "influence" in model.last_error
    assert model.setData(model.index(1, 5), "Leading")
    assert view.doc.portfolio.stakeholders[1].stance == "leading"
    view.relations_model.remove_rows([0, 1])
    assert len(view.doc.portfolio.relationships) == 1
    view.doc.undo_stack.undo()
    assert len(view.doc.portfolio.relationships) == 3
