"""Dependency map: nodes and arrows follow the document, edits are undoable, cycles are refused."""

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from planner.model import Dependency, Enabler, EnablerStatus, Pilot, Portfolio, Stage
from ui.document import Document
from ui.views.graphs.dependency_map import DependencyMap, EdgeItem
from ui.views.image_export import export_scene


def _portfolio() -> Portfolio:
    """E (planned) ← A ← B; C is in production; D has no dependencies."""
    return Portfolio(
        pilots=[
            Pilot(id="A", name="Alpha"),
            Pilot(id="B", name="Beta"),
            Pilot(id="C", name="Gamma", stage=Stage.PRODUCTION),
            Pilot(id="D", name="Delta"),
        ],
        enablers=[Enabler(id="E", name="Platform", status=EnablerStatus.PLANNED)],
        dependencies=[Dependency(pilot="A", on="E"), Dependency(pilot="B", on="A")],
    )


@pytest.fixture
def view(qtbot: Any) -> DependencyMap:
    widget = DependencyMap(Document(_portfolio()))
    qtbot.addWidget(widget)
    return widget


def test_shows_connected_items_with_blocked_pilots_marked(view: DependencyMap) -> None:
    scene = view.scene
    assert set(scene.nodes) == {"A", "B", "E"}  # C and D take part in no dependency
    assert {(e.pilot, e.on) for e in scene.edges} == {("A", "E"), ("B", "A")}
    assert scene.nodes["A"].pen().style() == Qt.PenStyle.DashLine  # blocked by E
    assert scene.nodes["E"].x() < scene.nodes["A"].x() < scene.nodes["B"].x()  # left to right
    view.scene.set_show_unconnected(True)
    assert set(scene.nodes) == {"A", "B", "C", "D", "E"}


def test_add_and_undo_a_dependency(view: DependencyMap) -> None:
    doc = view.scene.doc
    assert view.scene.add_dependency("D", "C")
    assert ("D", "C") in {(d.pilot, d.on) for d in doc.portfolio.dependencies}
    assert "D" in view.scene.nodes and "C" in view.scene.nodes
    doc.undo_stack.undo()
    assert doc.portfolio == _portfolio()
    assert "D" not in view.scene.nodes


def test_cycle_is_refused_and_named(view: DependencyMap) -> None:
    doc = view.scene.doc
    assert not view.scene.add_dependency("A", "B")
    assert doc.portfolio == _portfolio()
    assert not view.banner.isHidden()
    assert "A → B → A" in view.banner.text()


def test_delete_selected_arrow(view: DependencyMap, qtbot: Any) -> None:
    doc = view.scene.doc
    (edge,) = [e for e in view.scene.edges if (e.pilot, e.on) == ("B", "A")]
    edge.setSelected(True)
    view.scene.remove_selected_edges()
    assert [(d.pilot, d.on) for d in doc.portfolio.dependencies] == [("A", "E")]
    assert all(isinstance(e, EdgeItem) for e in view.scene.edges) and len(view.scene.edges) == 1
    doc.undo_stack.undo()
    assert len(doc.portfolio.dependencies) == 2


def test_selection_is_shared(view: DependencyMap) -> None:
    doc = view.scene.doc
    view.scene.nodes["B"].setSelected(True)
    assert doc.selection() == ("B",)
    doc.select(["A"])
    assert view.scene.nodes["A"].isSelected() and not view.scene.nodes["B"].isSelected()


def test_export_png_and_svg(view: DependencyMap, tmp_path: Path) -> None:
    png = export_scene(view.scene, tmp_path / "map.png")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    svg = export_scene(view.scene, tmp_path / "map.svg")
    text = svg.read_text(encoding="utf-8")
    assert "<svg" in text and "Alpha" in text
    with pytest.raises(Exception, match=r"export as \.png or \.svg"):
        export_scene(view.scene, tmp_path / "map.bmp")


def test_a_file_with_a_cycle_opens_and_says_so(qtbot: Any) -> None:
    portfolio = _portfolio().model_copy(
        update={"dependencies": [*_portfolio().dependencies, Dependency(pilot="A", on="B")]}
    )
    widget = DependencyMap(Document(portfolio))
    qtbot.addWidget(widget)
    assert "dependency cycle: A → B → A" in widget.banner.text()
    assert widget.scene.analysis is None


def test_cycle_edges_are_drawn_in_red(qtbot: Any) -> None:
    portfolio = _portfolio().model_copy(
        update={"dependencies": [*_portfolio().dependencies, Dependency(pilot="A", on="B")]}
    )
    widget = DependencyMap(Document(portfolio))
    qtbot.addWidget(widget)
    assert widget.scene.cycle == ("A", "B", "A")
    wide = {(e.pilot, e.on) for e in widget.scene.edges if e.pen().widthF() == 3.5}
    assert wide == {("A", "B"), ("B", "A")}
    assert set(widget.scene.nodes) == {"A", "B", "E"}  # laid out, not a fallback grid
