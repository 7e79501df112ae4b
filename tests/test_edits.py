"""Pure edits: each returns a new portfolio, leaves its input untouched and validates what it changes."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from planner.method import load_method
from planner.model import Decision, Dependency, Evidence, Pilot, Portfolio, Stage, Stakeholder
from planner.portfolio import edits
from planner.portfolio.edits import EditError


def small() -> Portfolio:
    return Portfolio(
        name="Test",
        as_of=date(2026, 1, 31),
        stakeholders=[Stakeholder(id="S-1", name="Ana")],
        pilots=[
            Pilot(id="P-1", name="Invoice matching", ratings={"mlops": {"score": 2, "evidence": "reported"}}),
            Pilot(id="P-2", name="Churn model", sponsor="S-1"),
        ],
        dependencies=[Dependency(pilot="P-2", on="P-1")],
    )


def test_set_rating_returns_new_portfolio_and_keeps_input() -> None:
    before = small()
    frozen = before.model_dump()
    after = edits.set_rating(before, "P-1", "mlops", 4)
    assert before.model_dump() == frozen
    assert after.pilot("P-1").ratings["mlops"].score == 4
    # evidence and note carry over from the old rating when not given
    assert after.pilot("P-1").ratings["mlops"].evidence is Evidence.REPORTED
    # the untouched pilot is shared, not copied
    assert after.pilot("P-2") is before.pilot("P-2")


def test_set_rating_none_removes_and_bad_scores_are_refused() -> None:
    before = small()
    assert "mlops" not in edits.set_rating(before, "P-1", "mlops", None).pilot("P-1").ratings
    with pytest.raises(EditError, match=r"pilot 'P-1' rating 'mlops': must be a whole number 0–5, got 7"):
        edits.set_rating(before, "P-1", "mlops", 7)
    with pytest.raises(EditError, match="unknown pilot 'P-9'"):
        edits.set_rating(before, "P-9", "mlops", 1)


def test_derived_criteria_cannot_be_typed() -> None:
    method = load_method()
    with pytest.raises(EditError, match="derived"):
        edits.set_rating(small(), "P-1", "benefit_at_scale", 3, method=method)
    with pytest.raises(EditError, match="not a criterion"):
        edits.set_rating(small(), "P-1", "nonsense", 3, method=method)


def test_update_pilot_validates_fields_and_references() -> None:
    before = small()
    after = edits.update_pilot(before, "P-1", name="Invoice matching v2", business_unit="Finance")
    assert (after.pilot("P-1").name, after.pilot("P-1").business_unit) == ("Invoice matching v2", "Finance")
    with pytest.raises(EditError) as err:
        edits.update_pilot(before, "P-1", name="")
    assert str(err.value).startswith("“Invoice matching” was not changed: name: ")
    with pytest.raises(EditError, match="unknown stakeholder 'S-9'"):
        edits.update_pilot(before, "P-1", sponsor="S-9")
    with pytest.raises(EditError, match="cannot be edited"):
        edits.update_pilot(before, "P-1", id="X")


def test_override_needs_rationale() -> None:
    before = small()
    with pytest.raises(EditError) as err:
        edits.set_override(before, "P-1", Decision.SCALE, "   ")
    # the pilot by the name the user knows, not its id, and what to do about it
    assert str(err.value) == (
        "An override of “Invoice matching” needs a rationale: say why the method's decision does not apply."
    )
    after = edits.set_override(before, "P-1", Decision.SCALE, "Board mandate")
    override = after.pilot("P-1").override
    assert (
        override is not None and override.decision is Decision.SCALE and override.decided == date(2026, 1, 31)
    )
    assert edits.set_override(after, "P-1", None).pilot("P-1").override is None


def test_stage_gate_kpi_financials() -> None:
    before = small()
    after = edits.move_stage(before, "P-1", "scaling")
    assert after.pilot("P-1").stage is Stage.SCALING
    with pytest.raises(EditError, match="unknown stage 'moon'"):
        edits.move_stage(before, "P-1", "moon")
    assert edits.set_gate(before, "P-1", "kpi_baseline", True).pilot("P-1").gates == {"kpi_baseline": True}
    assert edits.set_kpi(before, "P-1", baseline=10.0, target=20.0).pilot("P-1").kpi.target == 20.0
    with pytest.raises(EditError) as err:
        edits.set_financials(before, "P-1", scale_investment=-5.0)
    assert str(err.value).startswith(
        "The finances of “Invoice matching” were not changed: scale_investment: "
    )


def test_add_and_remove_pilots_keep_references_consistent() -> None:
    before = small()
    with pytest.raises(EditError, match="already used"):
        edits.add_pilot(before, Pilot(id="P-1", name="Dup"))
    added = edits.add_pilot(before, Pilot(id="P-3", name="New"), index=0)
    assert [p.id for p in added.pilots] == ["P-3", "P-1", "P-2"]
    removed = edits.remove_pilots(before, {"P-1"})
    assert [p.id for p in removed.pilots] == ["P-2"]
    assert removed.dependencies == []  # P-2's dependency on P-1 went with it
    Portfolio.model_validate(removed.model_dump())  # still a valid portfolio
    assert edits.new_pilot_id(before) == "P-03"


def test_weights_thresholds_and_sets() -> None:
    method = load_method()
    before = small()
    after = edits.set_weight(before, method, "mlops", 20)
    assert after.method.weights == {"mlops": 20.0}
    with pytest.raises(EditError, match="above 0"):
        edits.set_weight(before, method, "mlops", 0)
    after = edits.set_threshold(after, "value", 70)
    cfo = edits.save_weight_set(after, "CFO view")
    back = edits.reset_weights(cfo)
    assert back.method.weights == {} and back.method.thresholds == {}
    assert [s.name for s in back.method.weight_sets] == ["CFO view"]
    applied = edits.apply_weight_set(back, method, "CFO view")
    assert applied.method.weights == {"mlops": 20.0} and applied.method.thresholds == {"value": 70.0}
    for refused in (
        lambda: edits.apply_weight_set(back, method, "CIO view"),
        lambda: edits.delete_weight_set(back, "CIO view"),
    ):
        with pytest.raises(EditError) as err:
            refused()
        assert str(err.value) == "there is no weight set called “CIO view”"
    with pytest.raises(EditError, match="threshold 'value': must be between 0 and 100"):
        edits.set_threshold(before, "value", 140)


@given(st.lists(st.tuples(st.sampled_from(["P-1", "P-2"]), st.integers(0, 5)), max_size=8))
def test_edits_never_mutate_their_input(changes: list[tuple[str, int]]) -> None:
    before = small()
    dump = before.model_dump()
    current = before
    for pilot_id, score in changes:
        current = edits.set_rating(current, pilot_id, "mlops", score)
    assert before.model_dump() == dump
    if changes:
        last = {pid: s for pid, s in changes}
        for pid, s in last.items():
            assert current.pilot(pid).ratings["mlops"].score == s
