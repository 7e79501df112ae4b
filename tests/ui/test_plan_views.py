"""Gantt, training calendar and plan settings: they show the planner's plans and edit its settings."""

from datetime import date
from typing import Any

import pytest

from planner.model import Dependency, Pilot, Portfolio, Stage, UserGroup
from planner.plans.rollout import plan_rollout
from planner.triage.scoring import score
from tests.factories import all_gates, good_kpi, pilot, portfolio, small_method
from ui.document import Document
from ui.plans import PlanResults
from ui.views.plans.gantt import Gantt, PhaseBar
from ui.views.plans.plan_settings import PlanSettingsPanel
from ui.views.plans.training_calendar import TrainingCalendar

RATED = {"v_kpi": 5, "r_data": 5, "r_ops": 5, "s_exec": 5}


def _scale(pilot_id: str, **fields: Any) -> Pilot:
    """A pilot the small method scales: every rating 5, every gate ticked, an engaged sponsor."""
    return pilot(
        pilot_id,
        ratings=RATED,
        gates=all_gates(),
        kpi=good_kpi(),
        sponsor="S1",
        sponsor_last_touchpoint=date(2025, 12, 20),
        user_groups=["G1"],
        **fields,
    )


def _portfolio() -> Portfolio:
    from planner.model import Stakeholder

    return portfolio(
        [_scale("A", name="Alpha"), _scale("B", name="Beta"), pilot("C", name="Gamma", stage=Stage.PILOT)],
        [Stakeholder(id="S1", name="Sponsor", stance="supportive")],
        user_groups=[UserGroup(id="G1", name="Planners", headcount=40)],
        dependencies=[Dependency(pilot="B", on="A")],
    )


@pytest.fixture
def doc(monkeypatch: pytest.MonkeyPatch) -> Document:
    document = Document(_portfolio())
    monkeypatch.setattr(document, "_method", small_method())
    return document


def test_gantt_draws_the_planners_phases(doc: Document, qtbot: Any) -> None:
    gantt = Gantt(doc)
    qtbot.addWidget(gantt)
    expected = plan_rollout(doc.portfolio, score(doc.portfolio, small_method()), small_method())
    assert {p.pilot for p in expected.pilots} == {"A", "B"}
    for pp in expected.pilots:
        bars = gantt.scene.bars[pp.pilot]
        assert len(bars) == len(pp.phases)
        first, last = bars[0].rect(), bars[-1].rect()
        assert first.left() == pytest.approx(gantt.scene.x_of(expected, pp.phases[0].start))
        assert last.right() == pytest.approx(gantt.scene.x_of(expected, pp.end) + gantt.scene.scale)
    # B waits for A: it starts after A is in production, drawn to the right
    assert gantt.scene.bars["B"][0].rect().left() > gantt.scene.bars["A"][0].rect().left()
    assert "Gamma" in "\n".join(gantt.unscheduled.item(i).text() for i in range(gantt.unscheduled.count()))


def test_gantt_zoom_and_selection(doc: Document, qtbot: Any) -> None:
    gantt = Gantt(doc)
    qtbot.addWidget(gantt)
    month_width = gantt.scene.bars["A"][0].rect().width()
    gantt.zoom.setCurrentText("Week")
    assert gantt.scene.bars["A"][0].rect().width() == pytest.approx(month_width * 22.0 / 5.5)
    bar: PhaseBar = gantt.scene.bars["B"][0]
    bar.setSelected(True)
    assert doc.selection() == ("B",)
    doc.select(["A"])
    assert all(b.isSelected() for b in gantt.scene.bars["A"])
    assert not any(b.isSelected() for b in gantt.scene.bars["B"])


def test_settings_edit_regenerates_the_plan_and_undo_restores_it(doc: Document, qtbot: Any) -> None:
    panel = PlanSettingsPanel(doc)
    gantt = Gantt(doc)
    qtbot.addWidget(panel)
    qtbot.addWidget(gantt)
    before = PlanResults.of(doc).rollout()
    assert before is not None
    panel.phases.item(0, 1).setText("8")  # shadow run 4 → 8 weeks
    assert doc.portfolio.plan.phases[0].weeks == 8
    after = PlanResults.of(doc).rollout()
    assert after is not None and after.end is not None and before.end is not None
    assert after.end > before.end
    assert gantt.scene.bars["A"][0].rect().width() > 0
    doc.undo_stack.undo()
    assert doc.portfolio.plan.phases[0].weeks == 4
    assert PlanResults.of(doc).rollout().end == before.end  # type: ignore[union-attr]


def test_bad_setting_is_refused_by_name_and_the_plan_stays(doc: Document, qtbot: Any) -> None:
    panel = PlanSettingsPanel(doc)
    qtbot.addWidget(panel)
    before = doc.portfolio
    panel.phases.item(1, 1).setText("-3")
    assert doc.portfolio is before
    assert "plan.phases[1].weeks" in panel.error.text()
    assert panel.phases.item(1, 1).text() == "4"  # the table shows the setting in force again
    panel.holidays.setText("2027-02-30")
    panel.holidays.editingFinished.emit()
    assert doc.portfolio is before
    assert "plan.holidays[0]" in panel.error.text()


def test_training_calendar_totals_and_models(doc: Document, qtbot: Any, qtmodeltester: Any) -> None:
    view = TrainingCalendar(doc)
    qtbot.addWidget(view)
    plan = PlanResults.of(doc).training()
    assert plan is not None and plan.sessions
    assert f"{plan.totals.sessions:,}</b> sessions" in view.totals.text()
    cells = sum(
        int(view.calendar_model.data(view.calendar_model.index(r, c)) or 0)
        for r in range(view.calendar_model.rowCount())
        for c in range(view.calendar_model.columnCount())
    )
    assert cells == sum(s.count for s in plan.sessions)
    assert view.session_model.rowCount() == len(plan.sessions)
    qtmodeltester.check(view.calendar_model)
    qtmodeltester.check(view.session_model)


def test_large_portfolios_are_replanned_in_the_background(doc: Document, qtbot: Any) -> None:
    """With the threshold lowered to every portfolio, a settings edit keeps the last plan on screen
    until the new one arrives from the pool, then the Gantt redraws with it."""
    plans = PlanResults.of(doc)
    plans.background_from = 0
    gantt = Gantt(doc)
    qtbot.addWidget(gantt)
    before = plans.rollout()
    assert before is not None
    panel = PlanSettingsPanel(doc)
    qtbot.addWidget(panel)
    with qtbot.waitSignal(plans.updated, timeout=10_000):
        panel.phases.item(0, 1).setText("8")  # shadow run 4 → 8 weeks
        assert plans.rollout() is before  # still the last plan while the new one is computed
    after = plans.rollout()
    assert after is not None and after is not before and after.end > before.end  # type: ignore[operator]
    assert gantt.scene.bars["A"][0].rect().width() > 0
