"""The desktop views with a scoring method of another shape than the shipped one.

The app starts on the shipped method (19 criteria, 12 gates); opening a project that uses the test
method (tests/custom_method.py: 7 criteria, 5 gates, hand-worked scores) must rebuild everything that
lists criteria or gates. Before, the pilot editor kept the shipped criteria and failed on the first
pilot shown, and the weights panel kept sliders for criteria the new method does not have.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from planner.method import Method, load_method, parse_method
from planner.portfolio import store
from tests.custom_method import EXPECTED, METHOD_FILE, RANKING, custom_portfolio, install_custom_method
from tests.ui.factory import portfolio
from ui.dialogs.ahp_dialog import AhpDialog
from ui.document import Document
from ui.main_window import MainWindow
from ui.models.pilots import COL, PILOT_ID_ROLE

CRITERIA = ["outcome", "payoff", "data-supply", "run.team", "controls", "champion", "champion-contact"]
GATES = ["g-outcome", "g-budget", "g-data", "g.runbook", "g-change"]


@pytest.fixture
def method(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Method:
    return install_custom_method(monkeypatch, tmp_path / "templates")


@pytest.fixture
def win(method: Method, make_window: Callable[..., MainWindow], tmp_path: Path) -> MainWindow:
    """A window that started on the shipped method, then opened a project using the test method."""
    window = make_window(portfolio(4))
    path = tmp_path / "venture.liftoff"
    store.save(custom_portfolio(), path)
    assert window.open_path(path)
    return window


def criterion_keys(window: MainWindow) -> list[str]:
    return [key for kind, key in window.weights.sliders if kind == "crit"]


def test_pilot_editor_shows_the_methods_criteria_anchors_and_gates(win: MainWindow) -> None:
    editor = win.editor
    win.doc.select(["V-3"])
    assert list(editor.rating_spins) == CRITERIA
    assert list(editor.gate_boxes) == GATES
    assert [editor.tabText(i) for i in range(editor.count())][1:3] == ["Ratings", "Gates"]
    assert editor.rating_spins["outcome"].value() == 1
    assert editor.anchor_labels["outcome"].text() == "1: An outcome is claimed from anecdotes."
    assert not editor.rating_spins["payoff"].isEnabled()  # derived
    assert editor.anchor_labels["champion-contact"].text() == "Derived: no sponsor named"
    assert (
        editor.gate_reasons["g-outcome"].text() == "not ticked; KPI lacks a name and a baseline and a target"
    )
    assert editor.scoreline.text().endswith("gates 0/5")
    # rating through the editor: run.team 1 → 4 lifts readiness to 5·(2·1 + 4 + 0) = 30
    editor.rating_spins["run.team"].setValue(4)
    assert win.doc.scores().pilots["V-3"].readiness == pytest.approx(30)
    win.doc.undo_stack.undo()
    assert win.doc.scores().pilots["V-3"].readiness == pytest.approx(15)
    # and back to a shipped-method project: the tabs follow again
    win.doc.replace(portfolio(3), None)
    win.doc.select(["P-01"])
    assert list(editor.rating_spins) == [c.id for c in load_method().criteria]
    assert len(editor.gate_boxes) == 12


def test_weights_panel_has_one_slider_per_criterion_of_the_method(win: MainWindow) -> None:
    panel = win.weights
    assert criterion_keys(win) == CRITERIA
    assert set(panel.stability) == {("crit", c) for c in CRITERIA} | {
        ("dim", d) for d in ("value", "readiness", "sponsorship")
    }
    assert panel.values[("crit", "outcome")].text() == "75 %"  # a share of its group: 3 of 3 + 1
    assert panel.values[("dim", "readiness")].text() == "50 %"  # 50 of 30 + 50 + 20
    assert panel.values[("thr", "value")].text() == "55"
    # outcome weighted 1 instead of 3: value = 100·(outcome + payoff)/10, V-4 60 → composite 60,
    # V-5 30 → composite 59, so V-4 moves up to second place
    panel.sliders[("crit", "outcome")].setValue(1)
    scores = win.doc.scores()
    assert scores.pilots["V-4"].composite == pytest.approx(60)
    assert scores.ranking[:3] == ("V-1", "V-4", "V-5")


def test_weight_sliders_never_reach_0(win: MainWindow) -> None:
    # the sliders' floor is 1: pushed to 0, every value criterion stays weighted 1 and the value
    # score is the plain mean, e.g. V-4 (outcome 4, payoff 2) → 100·(4 + 2)/10 = 60
    panel = win.weights
    for key, slider in panel.sliders.items():
        if key[0] in ("crit", "dim"):
            assert slider.minimum() == 1, key
    for crit in ("outcome", "payoff"):
        panel.sliders[("crit", crit)].setValue(0)
    weights = win.doc.weights().criteria
    assert (weights["outcome"], weights["payoff"]) == (1.0, 1.0)
    assert win.doc.scores().pilots["V-4"].value == pytest.approx(60)


def test_portfolio_table_and_ratings_grid_follow_the_method(win: MainWindow, qtmodeltester: Any) -> None:
    table = win.table.model
    qtmodeltester.check(table)
    table.sort(COL["rank"], Qt.SortOrder.AscendingOrder)
    rows = {table.index(r, 0).data(PILOT_ID_ROLE): r for r in range(table.rowCount())}
    assert tuple(sorted(rows, key=rows.__getitem__)) == RANKING
    assert table.index(rows["V-2"], COL["gates"]).data() == "4/5"
    assert table.index(rows["V-1"], COL["gates"]).data() == "5/5"
    tip = table.index(rows["V-2"], COL["gates"]).data(Qt.ItemDataRole.ToolTipRole)
    assert tip == "4 of 5 production gate checks pass"
    composite = table.index(rows["V-5"], COL["composite"]).data(Qt.ItemDataRole.EditRole)
    assert composite == pytest.approx(EXPECTED["V-5"][3])

    grid = win.ratings.ensure().model
    qtmodeltester.check(grid)
    headers = [grid.headerData(c, Qt.Orientation.Horizontal) for c in range(grid.columnCount())]
    assert headers == ["Pilot", *(c.name for c in win.doc.method.criteria)]
    row = grid.row_of("V-3")
    payoff, team = CRITERIA.index("payoff") + 1, CRITERIA.index("run.team") + 1
    assert not grid.flags(grid.index(row, payoff)) & Qt.ItemFlag.ItemIsEditable
    assert grid.index(row, payoff).data() == "0.0"
    assert grid.setData(grid.index(row, team), "4")
    assert win.doc.scores().pilots["V-3"].readiness == pytest.approx(30)


def test_triage_matrix_draws_the_methods_thresholds(win: MainWindow) -> None:
    from ui.views.triage.matrix_labels import SIZE

    scene = win.matrix.ensure().view.scene()
    assert scene.value_line.line().x1() == pytest.approx(0.55 * SIZE)  # value threshold 55
    assert scene.readiness_line.line().y1() == pytest.approx(SIZE - 0.65 * SIZE)  # readiness 65
    # dragging V-3 up and right asks what it would take: the remedies lifting value or readiness
    # criteria, best uplift first (find-champion lifts a sponsorship criterion only)
    card = scene.what_it_takes("V-3", 60, 45)
    assert "value +45 points, readiness +30 points." in card
    remedies = [line.split(" (")[0] for line in card.split("<br>") if line.startswith("•")]
    assert remedies == ["• Hand over to a run team", "• Harden the feeds", "• Run a controlled trial"]


def test_pairwise_dialog_offers_the_methods_groups(win: MainWindow, qtbot: Any) -> None:
    dialog = AhpDialog(win.doc, win)
    qtbot.addWidget(dialog)
    groups = [dialog.group.itemData(i) for i in range(dialog.group.count())]
    assert groups == ["dimensions", "value", "readiness", "sponsorship"]
    dialog.group.setCurrentIndex(1)
    assert list(dialog.combos) == [("outcome", "payoff")]
    # equally important: the group's total 3 + 1 = 4 is shared 2 and 2; V-4's value is then
    # 100·(2·4 + 2·2)/(5·4) = 60
    dialog.set_answer("outcome", "payoff", 1)
    dialog.apply()
    weights = win.doc.weights().criteria
    assert (weights["outcome"], weights["payoff"]) == pytest.approx((2, 2))
    assert win.doc.scores().pilots["V-4"].value == pytest.approx(60)


def test_funding_panel_funds_what_pays_within_the_budget(win: MainWindow) -> None:
    panel = win.funding.ensure()
    panel.new_scenario()
    # the budget starts at half of all scale investments, (100 + 200 + 100)k / 2 = 200k; only V-1 and
    # V-4 return a positive NPV and together they cost exactly 200k
    assert win.doc.portfolio.scenarios[0].budget == 200_000
    assert set(panel.model.funded) == {"V-1", "V-4"}


def test_threshold_sliders_reach_what_an_edit_allows(win: MainWindow) -> None:
    # a method may stop stale pilots after up to 120 months; the slider used to end at 60
    panel = win.weights
    assert panel.sliders[("thr", "stale_months")].maximum() == 120
    assert panel.sliders[("thr", "value")].maximum() == 100
    panel.sliders[("thr", "stale_months")].setValue(72)
    assert win.doc.weights().thresholds["stale_months"] == 72
    # V-6 (14.9 months in pilot) is no longer stale: value 45 ≥ 30, below 55 → pivot
    assert win.doc.scores().pilots["V-6"].decision.value == "pivot"


def test_pairwise_dialog_leaves_out_a_dimension_with_a_single_criterion(
    method: Method, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the test method without champion-contact: sponsorship has one criterion, nothing to compare
    data = json.loads(METHOD_FILE.read_text(encoding="utf-8"))
    data["criteria"] = [c for c in data["criteria"] if c["id"] != "champion-contact"]
    for mode in data["failure_modes"]:
        mode["signals"] = [s for s in mode["signals"] if s["criterion"] != "champion-contact"]
    doc = Document(custom_portfolio())
    monkeypatch.setattr(doc, "_method", parse_method(json.dumps(data)))
    dialog = AhpDialog(doc)
    qtbot.addWidget(dialog)
    labels = [dialog.group.itemText(i) for i in range(dialog.group.count())]
    assert labels == ["Dimensions (Payoff, Runnability, Backing)", "Payoff criteria", "Runnability criteria"]
