"""Weight overrides that leave a dimension (or the composite) with nothing to average are refused.

A project file may weight a criterion 0 (that drops it), but with every criterion of a dimension at 0
the dimension score used to show as 0, silently. Now the file is refused on load with the field path
and the dimension named, and no edit can reach that state.

The shipped method's value criteria are kpi_clarity, benefit_at_scale, strategic_alignment,
pilot_evidence and cost_of_inaction; its readiness criteria start with data_pipelines.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from planner.cli import main
from planner.method import load_method
from planner.model import MethodChoice, Portfolio, WeightSet
from planner.portfolio import edits, store
from planner.portfolio.edits import EditError
from planner.portfolio.store import ProjectFileError
from planner.triage.scoring import score
from tests.custom_method import custom_portfolio, install_custom_method

VALUE = ("kpi_clarity", "benefit_at_scale", "strategic_alignment", "pilot_evidence", "cost_of_inaction")


def document(method: dict[str, object]) -> str:
    return json.dumps({"schema_version": 1, "name": "Zeros", "method": method})


def test_a_file_weighting_every_value_criterion_0_is_refused_naming_the_path_and_the_dimension() -> None:
    text = document({"weights": dict.fromkeys(VALUE, 0)})
    with pytest.raises(ProjectFileError) as err:
        store.loads(text, "zeros.liftoff")
    assert str(err.value) == (
        "zeros.liftoff: method.weights: every criterion of the value dimension is weighted 0 "
        "(kpi_clarity, benefit_at_scale, strategic_alignment, pilot_evidence, cost_of_inaction), "
        "so no value score can be computed; give at least one of them a weight above 0"
    )


def test_a_weight_set_and_the_dimension_weights_are_checked_too() -> None:
    readiness = [c.id for c in load_method().criteria_of("readiness")]
    text = document(
        {
            "weight_sets": [
                {"name": "CFO view", "weights": {"kpi_clarity": 0}},
                {"name": "Broken", "weights": dict.fromkeys(readiness, 0)},
            ],
            "dimension_weights": {"value": 0, "readiness": 0, "sponsorship": 0},
        }
    )
    with pytest.raises(ProjectFileError) as err:
        store.loads(text, "sets.liftoff")
    message = str(err.value)
    assert message.startswith(
        "sets.liftoff: method.dimension_weights: every dimension is weighted 0, so no composite score"
    )
    assert (
        "; method.weight_sets[1].weights: every criterion of the readiness dimension is weighted 0" in message
    )
    assert "weight_sets[0]" not in message  # one criterion at 0 is allowed


def test_the_fast_path_for_files_written_by_dumps_checks_the_weights_as_well(tmp_path: Path) -> None:
    pf = Portfolio(name="Zeros", method=MethodChoice(weights=dict.fromkeys(VALUE, 0.0)))
    path = tmp_path / "zeros.liftoff"
    path.write_text(store.dumps(pf), encoding="utf-8")  # dumps does not score: the state is writable
    with pytest.raises(
        ProjectFileError, match=r"zeros\.liftoff: method\.weights: every criterion of the value"
    ):
        store.load(path)
    assert main(["validate", str(path)]) == 1


def test_one_criterion_at_0_still_loads_and_drops_only_that_criterion(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # the test method's value is 100·(3·outcome + 1·payoff)/20; with outcome weighted 0 it is
    # 100·payoff/5: V-1 (payoff 5) → 100, V-4 (payoff 2) → 40, V-2 (payoff 0) → 0
    install_custom_method(monkeypatch, tmp_path)
    pf = custom_portfolio()
    pf = pf.model_copy(update={"method": MethodChoice(id=pf.method.id, weights={"outcome": 0})})
    loaded = store.loads(store.dumps(pf), "one-zero.liftoff")
    values = {pid: s.value for pid, s in score(loaded).pilots.items()}
    assert values["V-1"] == pytest.approx(100) and values["V-4"] == pytest.approx(40)
    assert values["V-2"] == pytest.approx(0)
    # and the same with both value criteria at 0 is refused, naming the test method's ids
    pf = pf.model_copy(update={"method": MethodChoice(id=pf.method.id, weights={"outcome": 0, "payoff": 0})})
    with pytest.raises(ProjectFileError, match=r"payoff dimension is weighted 0 \(outcome, payoff\)"):
        store.loads(store.dumps(pf), "two-zeros.liftoff")


def test_a_project_naming_a_method_not_installed_still_loads() -> None:
    # the weights cannot be checked without the method; `validate` and the app report the method
    text = document({"id": "not-installed", "weights": dict.fromkeys(VALUE, 0)})
    assert store.loads(text, "elsewhere.liftoff").method.id == "not-installed"


def test_no_edit_reaches_a_dimension_weighted_0() -> None:
    method = load_method()
    broken = WeightSet(name="Broken", weights=dict.fromkeys(VALUE, 0.0))
    fine = WeightSet(name="Fine", weights={"kpi_clarity": 0.0}, dimension_weights={"value": 10.0})
    pf = Portfolio(method=MethodChoice(weight_sets=[broken, fine]))
    with pytest.raises(EditError) as err:
        edits.apply_weight_set(pf, method, "Broken")
    assert str(err.value).startswith(
        "the weight set “Broken” cannot be used: "
        "weights: every criterion of the value dimension is weighted 0"
    )
    applied = edits.apply_weight_set(pf, method, "Fine")
    assert applied.method.weights == {"kpi_clarity": 0.0}
    assert applied.method.dimension_weights == {"value": 10.0}
    for weight in (0, -1):
        with pytest.raises(EditError, match="must be above 0"):
            edits.set_weight(pf, method, "kpi_clarity", weight)
        with pytest.raises(EditError, match="must be above 0"):
            edits.set_dimension_weight(pf, method, "value", weight)
        with pytest.raises(EditError, match="must be above 0"):
            edits.set_weights(pf, method, {"kpi_clarity": 5, "pilot_evidence": weight})
