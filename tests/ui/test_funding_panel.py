"""The funding panel: scenario edits are undoable, the table follows the optimum, the frontier
arrives from the worker thread, and forced choices need a reason."""

from typing import Any

import pytest

from planner.model import Dependency, Enabler, Financials, Portfolio
from tests.factories import pilot, portfolio, small_method
from ui.document import Document
from ui.views.funding.funding_panel import FundingPanel


def _portfolio() -> Portfolio:
    """A (value 75, cost 40) and B (value 60, cost 40) need platform DP (cost 50); C (30, cost 30)."""
    return portfolio(
        [
            pilot("A", ratings={"v_kpi": 5}, financials=Financials(scale_investment=40)),
            pilot("B", ratings={"v_kpi": 4}, financials=Financials(scale_investment=40)),
            pilot("C", ratings={"v_kpi": 2}, financials=Financials(scale_investment=30)),
        ],
        enablers=[Enabler(id="DP", name="Data platform", cost=50)],
        dependencies=[Dependency(pilot="A", on="DP"), Dependency(pilot="B", on="DP")],
    )


@pytest.fixture
def panel(qtbot: Any, monkeypatch: pytest.MonkeyPatch) -> FundingPanel:
    doc = Document(_portfolio())
    monkeypatch.setattr(doc, "_method", small_method())
    widget = FundingPanel(doc)
    qtbot.addWidget(widget)
    return widget


def funded(panel: FundingPanel) -> set[str]:
    return set(panel.model.funded)


def test_new_scenario_edit_budget_and_undo(panel: FundingPanel, qtbot: Any) -> None:
    doc = panel.doc
    panel.new_scenario()
    (scenario,) = doc.portfolio.scenarios
    assert scenario.budget == 80  # half of 40 + 40 + 30 + 50 (rounded to thousands only from 2,000)
    panel.objective.setCurrentIndex(1)  # composite: A 37.5, B 30, C 15 (see the factories' formulas)
    # 80 buys C (30) only, or nothing with the platform (A + DP = 90): C is best
    assert funded(panel) == {"C"}
    panel.budget.setValue(130)  # A + B + DP = 130: 67.5 beats A + C + DP = 120 (52.5)
    assert doc.portfolio.scenarios[0].budget == 130
    assert funded(panel) == {"A", "B"}
    doc.undo_stack.undo()
    assert doc.portfolio.scenarios[0].budget == 80
    assert funded(panel) == {"C"}
    assert panel.budget.value() == 80


def test_forced_choice_needs_a_reason_and_is_undoable(panel: FundingPanel) -> None:
    doc = panel.doc
    panel.new_scenario()
    panel.set_choice("B", "out", reason="")
    assert doc.portfolio.scenarios[0].forced_out == {}
    assert "say why" in panel.summary.text()
    panel.set_choice("B", "out", reason="vendor contract ends")
    assert doc.portfolio.scenarios[0].forced_out == {"B": "vendor contract ends"}
    doc.undo_stack.undo()
    assert doc.portfolio.scenarios[0].forced_out == {}


def test_infeasible_scenario_is_explained(panel: FundingPanel) -> None:
    panel.new_scenario()
    panel.set_choice("A", "in", reason="board")
    panel.budget.setValue(60)  # A needs DP: 90 > 60
    assert "No feasible portfolio" in panel.summary.text()
    assert "cost 90, more than the budget of 60" in panel.summary.text()


def test_frontier_comes_from_the_worker(panel: FundingPanel, qtbot: Any) -> None:
    panel.new_scenario()
    assert panel.wait_for_frontier()
    qtbot.waitUntil(lambda: bool(panel.chart.points), timeout=5000)
    budgets = [p.budget for p in panel.chart.points]
    assert budgets == sorted(budgets) and budgets[0] == 0
    values = [p.selection.objective for p in panel.chart.points]
    assert values == sorted(values)  # more budget never buys less


def test_funding_model_is_a_valid_qt_model(panel: FundingPanel, qtmodeltester: Any) -> None:
    panel.new_scenario()
    qtmodeltester.check(panel.model)


def test_per_year_budgets_are_parsed_undoable_and_refused_with_a_message(panel: FundingPanel) -> None:
    doc = panel.doc
    panel.new_scenario()
    panel.yearly.setText("2026: 1,000")
    panel.yearly.editingFinished.emit()
    assert doc.portfolio.scenarios[0].yearly_budgets == {2026: 1000.0}
    assert panel.yearly.text() == "2026: 1,000"
    panel.yearly.setText("next year: lots")
    panel.yearly.editingFinished.emit()
    assert doc.portfolio.scenarios[0].yearly_budgets == {2026: 1000.0}
    assert "write it as YEAR: AMOUNT" in panel.summary.text()
    doc.undo_stack.undo()
    assert doc.portfolio.scenarios[0].yearly_budgets == {}
