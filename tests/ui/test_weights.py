"""Weights panel extras: pairwise (AHP) weighting, sensitivity beside the sliders, named sets."""

from __future__ import annotations

from collections.abc import Callable
from types import SimpleNamespace

import pytest

from planner.portfolio import edits
from planner.portfolio.edits import EditError
from planner.triage.ahp import ahp
from planner.triage.sensitivity import Bound, Stability, sensitivity
from planner.triage.sensitivity_words import joint, what_holds
from tests.ui.conftest import Prompts
from tests.ui.factory import portfolio
from ui import commands
from ui.dialogs.ahp_dialog import AhpDialog
from ui.main_window import MainWindow
from ui.views.triage import weights_panel
from ui.views.triage.weight_sensitivity import describe, interval_text


def test_pairwise_dialog_sets_dimension_weights_keeping_their_total(
    make_window: Callable[..., MainWindow],
    qtbot,  # type: ignore[no-untyped-def]
) -> None:
    win = make_window(portfolio(6))
    doc = win.doc
    dialog = AhpDialog(doc, win)
    qtbot.addWidget(dialog)
    # value vs readiness 2, readiness vs sponsorship 2, value vs sponsorship 4: consistent,
    # so the weights are 4/7, 2/7, 1/7 of the current total 40 + 35 + 25 = 100.
    dialog.set_answer("value", "readiness", 2)
    dialog.set_answer("readiness", "sponsorship", 2)
    dialog.set_answer("value", "sponsorship", 4)
    assert "Consistency ratio 0.000" in dialog.summary.text()
    steps = doc.undo_stack.count()
    dialog.apply()
    dims = doc.weights().dimensions
    assert dims["value"] == pytest.approx(400 / 7)
    assert dims["readiness"] == pytest.approx(200 / 7)
    assert dims["sponsorship"] == pytest.approx(100 / 7)
    assert doc.undo_stack.count() == steps + 1  # one undo step for the three weights
    doc.undo_stack.undo()
    assert doc.weights().dimensions == {"value": 40.0, "readiness": 35.0, "sponsorship": 25.0}


def test_pairwise_dialog_names_the_comparison_to_revisit(
    make_window: Callable[..., MainWindow],
    qtbot,  # type: ignore[no-untyped-def]
) -> None:
    win = make_window(portfolio(4))
    dialog = AhpDialog(win.doc, win)
    qtbot.addWidget(dialog)
    dialog.set_answer("value", "readiness", 9)
    dialog.set_answer("readiness", "sponsorship", 9)
    dialog.set_answer("value", "sponsorship", 1 / 9)
    expected = ahp(
        ["value", "readiness", "sponsorship"],
        {("value", "readiness"): 9, ("readiness", "sponsorship"): 9, ("value", "sponsorship"): 1 / 9},
    )
    assert not expected.acceptable and expected.revisit is not None
    text = dialog.summary.text()
    assert f"Consistency ratio {expected.consistency_ratio:.3f}" in text
    assert "Revisit" in text


def test_sensitivity_labels_show_the_engine_intervals(make_window: Callable[..., MainWindow]) -> None:
    win = make_window(portfolio(8))
    doc = win.doc
    win.weights.sensitivity.refresh()
    expected = {w.key: w for w in sensitivity(doc.prepared(), doc.weights()).weights if w.kind == "criterion"}
    label = win.weights.stability[("crit", "mlops")]
    ws = expected["mlops"]
    assert label.text() == interval_text(joint(ws))  # where the top and every decision both hold
    assert label.toolTip().startswith(what_holds(ws, 5) + ".\n\n" + f"{ws.name} = {ws.current:g}\nTop of")


def test_sensitivity_labels_and_tooltips_use_the_planner_wording() -> None:
    def bound(weight: float | None) -> Bound:
        return Bound(weight, "" if weight is None else "the top 5 changes")

    def interval(low: float | None, high: float | None) -> Stability:
        return Stability(bound(low), bound(high))  # the sliders' range, 1 to 100

    # whole numbers, each end rounded toward the current weight so every value shown changes nothing
    assert interval_text(interval(5.6, 64.7)) == "6–64"
    assert interval_text(interval(47, None)) == "47–max"  # holds up to the maximum
    assert interval_text(interval(None, 23)) == "1–23"
    assert interval_text(interval(None, None)) == "any"
    assert interval_text(interval(5.2, 5.8)) == "5.2–5.8"  # no whole step fits: tenths, inward too
    ws = SimpleNamespace(
        name="MLOps",
        current=12.0,
        ranking=interval(None, None),
        decisions=interval(6.3, 99.5),
    )
    assert describe(ws).splitlines() == [
        "MLOps = 12",
        "Top of the ranking holds from 1 up to the maximum (100)",
        "Every decision holds from 7 to 99",
        "  below 6.3: the top 5 changes",
        "  above 99.5: the top 5 changes",
    ]


def test_named_weight_sets_round_trip(make_window: Callable[..., MainWindow], monkeypatch) -> None:  # type: ignore[no-untyped-def]
    win = make_window(portfolio(5))
    doc = win.doc
    panel = win.weights
    panel.sliders[("crit", "mlops")].setValue(40)
    monkeypatch.setattr(weights_panel, "ask_text", lambda *_a: "CIO view")
    panel._save_set()
    panel.reset.click()
    assert doc.weights().criteria["mlops"] == doc.method.criterion("mlops").weight
    panel.sets.setCurrentText("CIO view")
    panel.apply_set.click()
    assert doc.weights().criteria["mlops"] == 40.0
    assert panel.sliders[("crit", "mlops")].value() == 40


def test_a_saved_weight_set_is_listed_at_once_and_a_second_save_says_it_replaces(
    make_window: Callable[..., MainWindow], monkeypatch: pytest.MonkeyPatch
) -> None:
    win = make_window(portfolio(5))
    doc, panel = win.doc, win.weights
    monkeypatch.setattr(weights_panel, "ask_text", lambda *_a: "CFO view")
    panel.sliders[("crit", "mlops")].setValue(40)  # the document is modified already, as in a session
    panel._save_set()
    assert [panel.sets.itemText(i) for i in range(panel.sets.count())] == ["CFO view"]
    assert panel.sets.currentText() == "CFO view"
    assert panel.apply_set.isEnabled()
    assert doc.undo_stack.undoText() == "Save weight set CFO view"
    panel.sliders[("crit", "mlops")].setValue(50)
    panel._save_set()
    assert doc.undo_stack.undoText() == "Replace weight set CFO view"
    assert [s.weights["mlops"] for s in doc.portfolio.method.weight_sets] == [50.0]
    doc.undo_stack.undo()
    assert [s.weights["mlops"] for s in doc.portfolio.method.weight_sets] == [40.0]


def test_a_refused_weight_set_is_explained_in_a_dialog(
    make_window: Callable[..., MainWindow], asked: Prompts, monkeypatch: pytest.MonkeyPatch
) -> None:
    win = make_window(portfolio(5))

    def refuse(_portfolio: object, _name: str) -> None:
        raise EditError("weight set: name: too long")

    monkeypatch.setattr(weights_panel, "ask_text", lambda *_a: "CFO view")
    monkeypatch.setattr(edits, "save_weight_set", refuse)
    win.weights._save_set()
    assert asked.errors == [
        ("Weight set not saved", "The weight set “CFO view” was not saved: weight set: name: too long")
    ]
    assert win.doc.portfolio.method.weight_sets == []


def test_pairwise_dialog_applies_only_after_a_comparison_is_changed(
    make_window: Callable[..., MainWindow],
    qtbot,  # type: ignore[no-untyped-def]
) -> None:
    win = make_window(portfolio(4))
    doc = win.doc
    doc.push(commands.set_dimension_weight(doc, "value", 50))  # 50/35/25: the start rounds to 2×, 1×, 2×
    dialog = AhpDialog(doc, win)
    qtbot.addWidget(dialog)
    assert not dialog.apply_button.isEnabled()
    assert "change one to apply" in dialog.summary.text()
    assert "(acceptable: at most 0.10)" in dialog.summary.text()
    dialog.set_answer("value", "readiness", 3)
    assert dialog.apply_button.isEnabled()
    assert "change one to apply" not in dialog.summary.text()
    dialog.set_answer("readiness", "sponsorship", 9)
    dialog.set_answer("value", "sponsorship", 1 / 9)
    assert "(too inconsistent: above 0.10)" in dialog.summary.text()


def test_each_weight_shows_its_share_of_its_group_and_a_sentence_says_what_its_range_means(
    make_window: Callable[..., MainWindow],
) -> None:
    win = make_window(portfolio(8))
    panel, doc = win.weights, win.doc
    dims = doc.weights().dimensions
    # the method's dimension weights are 40, 35 and 25: 40 % of 100, and so on
    assert (dims["value"], dims["readiness"], dims["sponsorship"]) == (40, 35, 25)
    assert panel.values[("dim", "value")].text() == "40 %"
    value_criteria = [c for c in doc.method.criteria_of("value")]
    total = sum(doc.weights().criteria[c.id] for c in value_criteria)
    kpi = doc.weights().criteria["kpi_clarity"]
    assert panel.values[("crit", "kpi_clarity")].text() == f"{round(100 * kpi / total)} %"
    panel.sliders[("dim", "value")].setValue(80)  # 80 of 80 + 35 + 25 = 140: 57 %
    assert panel.values[("dim", "value")].text() == "57 %"
    assert panel.values[("dim", "readiness")].text() == "25 %"  # 35 of 140

    panel.sensitivity.refresh()
    panel.explain(("crit", "mlops"))
    ws = next(w for w in sensitivity(doc.prepared(), doc.weights()).weights if w.key == "mlops")
    text = panel.explanation.text()
    assert text.startswith(f"MLOps: weight {doc.weights().criteria['mlops']:g}, ")
    assert text.endswith(what_holds(ws, 5) + ".")
    assert "The top five and every decision hold" in text


def test_the_sentence_for_a_range_names_its_ends_in_words() -> None:
    def bound(weight: float | None) -> Bound:
        return Bound(weight, "" if weight is None else "something changes")

    def ws(
        ranking: tuple[float | None, float | None], decisions: tuple[float | None, float | None]
    ) -> object:
        return SimpleNamespace(
            ranking=Stability(bound(ranking[0]), bound(ranking[1])),
            decisions=Stability(bound(decisions[0]), bound(decisions[1])),
        )

    # the joint range is the narrower of the two on each side: 13.2 (up to 14) and 46.5 (down to 46)
    assert what_holds(ws((13.2, 60), (8, 46.5)), 5) == (
        "The top five and every decision hold while this weight stays within 14–46"
    )
    assert what_holds(ws((20.5, None), (3, None)), 3) == (
        "The top three and every decision hold while this weight stays at 21 or above,"
        " up to the maximum (100)"
    )
    assert what_holds(ws((None, 30), (None, None)), 5).endswith("while this weight stays at 30 or below")
    assert what_holds(ws((None, None), (None, None)), 12) == (
        "The top 12 and every decision hold wherever this weight is set (1–100)"
    )
