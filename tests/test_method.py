"""The shipped default method: complete, consistent, and refused with a located error when corrupted.

Expected ids, weights and thresholds are the defaults written in DESIGN.md (copied here by hand), so a
careless edit of the method file fails here rather than silently changing every score.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from planner.method import (
    DIMENSIONS,
    THRESHOLD_KEYS,
    GateRule,
    Method,
    MethodError,
    load_method,
    load_method_file,
    parse_method,
)
from planner.resources import templates_dir
from planner.triage.scoring import benefit_rating

METHOD_PATH = templates_dir() / "methods" / "pilot-to-production.json"

CRITERIA_BY_DIMENSION = {
    "value": ["kpi_clarity", "benefit_at_scale", "strategic_alignment", "pilot_evidence", "cost_of_inaction"],
    "readiness": [
        "data_pipelines",
        "integration",
        "mlops",
        "monitoring",
        "security",
        "compliance",
        "operations",
        "change_readiness",
        "performance",
    ],
    "sponsorship": [
        "exec_sponsor",
        "sponsor_engagement",
        "scale_budget",
        "business_buy_in",
        "stakeholder_support",
    ],
}
DERIVED = {
    "benefit_at_scale": "benefit",
    "sponsor_engagement": "sponsor_recency",
    "stakeholder_support": "stakeholder_support",
}
GATES = [
    "kpi_baseline",
    "sponsor_engaged",
    "budget_approved",
    "data_pipelines",
    "integration_tested",
    "access_governance",
    "load_validated",
    "human_oversight",
    "monitoring_drift",
    "incident_rollback",
    "compliance_docs",
    "change_plan",
]
# The ten "why it is stuck" modes named in DESIGN.md.
FAILURE_MODES = {
    "misaligned_objective": "misaligned objective",
    "no_transition_plan": "no transition plan",
    "data_debt": "data infrastructure debt",
    "mlops_gap": "mlops capability gap",
    "sponsor_disengaged": "sponsor disengaged after poc approval",
    "unclear_results": "unclear results",
    "overreach": "overreach",
    "demo_effect": "demo effect",
    "missing_buy_in": "missing cross-functional buy-in",
    "change_underestimated": "underestimated change management",
}


@pytest.fixture(scope="module")
def method() -> Method:
    # Read the file afresh (not load_method's cache) so this tests what is on disk.
    return load_method_file(METHOD_PATH)


def raw() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(METHOD_PATH.read_text(encoding="utf-8"))
    return data


# --------------------------------------------------------------------------------------------------
# the shipped method


def test_shipped_method_loads_by_id_and_from_file(method: Method) -> None:
    assert load_method("pilot-to-production").id == method.id == "pilot-to-production"
    assert method.name == "Pilot-to-production triage"


def test_dimensions_criteria_and_default_weights_are_the_designed_ones(method: Method) -> None:
    assert [d.id for d in method.dimensions] == list(DIMENSIONS)
    assert {d.id: d.weight for d in method.dimensions} == {"value": 40, "readiness": 35, "sponsorship": 25}
    for dim, ids in CRITERIA_BY_DIMENSION.items():
        assert [c.id for c in method.criteria_of(dim)] == ids
    assert {c.id: c.derived.value for c in method.criteria if c.derived is not None} == DERIVED
    weights = {c.id: c.weight for c in method.criteria}
    # value: 20 + 25 + 20 + 20 + 15 = 100; sponsorship: 25 + 20 + 20 + 20 + 15 = 100
    assert [weights[c] for c in CRITERIA_BY_DIMENSION["value"]] == [20, 25, 20, 20, 15]
    assert [weights[c] for c in CRITERIA_BY_DIMENSION["sponsorship"]] == [25, 20, 20, 20, 15]
    # readiness: pipelines and MLOps 12 each, performance under load 10 (the sources say least about it,
    # and its gate check catches a pilot that fails it), the six others 11: 24 + 66 + 10 = 100
    assert [weights[c] for c in CRITERIA_BY_DIMENSION["readiness"]] == [12, 11, 12, 11, 11, 11, 11, 11, 10]


@pytest.mark.parametrize("path", sorted((templates_dir() / "methods").glob("*.json")), ids=lambda p: p.stem)
def test_every_shipped_method_prints_weights_that_add_up_to_100(path: Path) -> None:
    # weights are normalised, so no score depends on this, but the method sheet is read by people
    shipped = load_method_file(path)
    assert sum(d.weight for d in shipped.dimensions) == 100
    for d in shipped.dimensions:
        assert sum(c.weight for c in shipped.criteria_of(d.id)) == 100, d.id


def test_thresholds_are_the_designed_defaults(method: Method) -> None:
    assert method.thresholds == {
        "stop_value": 40,
        "stale_months": 18,
        "stale_value": 60,
        "value": 60,
        "readiness": 60,
        "sponsorship": 50,
    }
    assert set(method.thresholds) == set(THRESHOLD_KEYS)


def test_twelve_gates_keep_their_ids_rules_and_parameters(method: Method) -> None:
    assert [g.id for g in method.gates] == GATES
    rules = {g.id: (g.rule, g.parameter) for g in method.gates if g.rule is not None}
    assert rules == {
        "kpi_baseline": (GateRule.KPI_BASELINE, 0),
        "sponsor_engaged": (GateRule.SPONSOR_WITHIN_DAYS, 90),
        "change_plan": (GateRule.CHANGE_BUDGET_SHARE, 0.15),
    }
    for gate in method.gates:
        assert gate.criteria, f"gate {gate.id} points at no criterion"
        assert len(gate.description) >= 60, f"gate {gate.id} has a placeholder description"


def test_every_criterion_has_four_distinct_written_anchors(method: Method) -> None:
    for c in method.criteria:
        anchors = [c.anchors.a0, c.anchors.a1, c.anchors.a3, c.anchors.a5]
        assert all(len(a.strip()) >= 15 for a in anchors), f"{c.id}: an anchor is empty or a stub"
        assert len(set(anchors)) == 4, f"{c.id}: two anchors say the same thing"
        assert len(c.description) >= 60, f"{c.id}: description is a placeholder"


def test_no_placeholder_descriptions_remain(method: Method) -> None:
    texts = [method.description] + [d.description for d in method.dimensions]
    texts += [f.description for f in method.failure_modes] + [r.description for r in method.remedies]
    assert all(len(t) >= 60 for t in texts)


def test_all_ten_failure_modes_are_named(method: Method) -> None:
    names = {f.id: f.name.lower().replace("-", " ") for f in method.failure_modes}
    assert set(names) == set(FAILURE_MODES)
    for mode_id, words in FAILURE_MODES.items():
        assert words.replace("-", " ") in names[mode_id], f"{mode_id}: {names[mode_id]!r}"


def test_failure_mode_signals_and_remedies_resolve(method: Method) -> None:
    criteria = {c.id for c in method.criteria}
    remedies = {r.id: r for r in method.remedies}
    for mode in method.failure_modes:
        assert 1 <= mode.min_signals <= len(mode.signals)
        for signal in mode.signals:
            assert signal.criterion in criteria
            assert 0 <= signal.at_most < 5, f"{mode.id}: a signal at 5 would fire on every pilot"
        for ref in mode.remedies:
            assert ref in remedies
        # at least one remedy of the mode lifts a criterion the mode signals on
        signalled = {s.criterion for s in mode.signals}
        assert any(signalled & set(remedies[r].lifts) for r in mode.remedies), mode.id


def test_a_large_gap_on_any_gated_criterion_alone_shows_a_failure_mode_with_a_remedy(method: Method) -> None:
    """A criterion a gate checks, rated 2 while everything else is fine, must name a cause and a fix:
    some failure mode fires on that one signal and carries a remedy lifting it above 2."""
    remedies = {r.id: r for r in method.remedies}
    for criterion in sorted({c for g in method.gates for c in g.criteria}):
        answered = [
            mode.id
            for mode in method.failure_modes
            if mode.min_signals == 1
            and any(s.criterion == criterion and s.at_most >= 2 for s in mode.signals)
            and any(remedies[r].lifts.get(criterion, 0) > 2 for r in mode.remedies)
        ]
        assert answered, f"a rating of 2 on {criterion} shows no failure mode with a remedy for it"


def test_every_typed_criterion_is_lifted_by_some_remedy(method: Method) -> None:
    lifted = {c for r in method.remedies for c in r.lifts}
    for c in method.criteria:
        assert c.derived is not None or c.id in lifted, f"no remedy lifts {c.id}"


def test_remedy_catalogue_is_usable_by_the_planner(method: Method) -> None:
    assert len(method.remedies) >= 14
    assert len({r.id for r in method.remedies}) == len(method.remedies)
    used = {ref for f in method.failure_modes for ref in f.remedies}
    assert used == {r.id for r in method.remedies}, "every remedy belongs to some failure mode"
    for r in method.remedies:
        assert 2 <= r.weeks <= 26, f"{r.id}: {r.weeks} weeks is not a realistic remediation phase"
        assert r.owner_role.strip()
        assert all(1 <= level <= 5 for level in r.lifts.values())


def test_benefit_bands_are_ordered_and_map_ratios_as_designed(method: Method) -> None:
    bands = method.derivations.benefit_bands
    ratios = [b.min_ratio for b in bands]
    scores = [b.score for b in bands]
    assert ratios == sorted(ratios) and scores == sorted(scores)
    assert scores[0] == 0 and scores[-1] == 5
    # NPV / investment → rating, read off the bands by hand:
    # -0.3 → 0 (loses money); 0.2 → 1; 0.7 → 2; 1.5 → 3; 3.0 → 4; 4.0 → 5 (band starts at 4)
    for npv, expected in [(-300, 0), (200, 1), (700, 2), (1500, 3), (3000, 4), (4000, 5)]:
        assert benefit_rating(npv, 1000, method, "EUR")[0] == expected, npv


def test_sponsor_recency_window_brackets_the_gate(method: Method) -> None:
    d = method.derivations
    gate = next(g for g in method.gates if g.id == "sponsor_engaged")
    assert d.sponsor_full_days < gate.parameter < d.sponsor_zero_days
    assert (d.sponsor_full_days, d.sponsor_zero_days) == (30, 180)


# --------------------------------------------------------------------------------------------------
# corrupted method files give a located MethodError


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "broken.json"
    path.write_text(text, encoding="utf-8")
    return path


def test_bad_json_names_the_file(tmp_path: Path) -> None:
    path = write(tmp_path, METHOD_PATH.read_text(encoding="utf-8")[:500])
    with pytest.raises(MethodError) as err:
        load_method_file(path)
    message = str(err.value)
    assert str(path) in message and "not valid JSON" in message
    assert "\n" not in message


def test_unknown_criterion_in_a_signal_names_the_path(tmp_path: Path) -> None:
    data = raw()
    index = next(i for i, f in enumerate(data["failure_modes"]) if f["id"] == "demo_effect")
    data["failure_modes"][index]["signals"][1]["criterion"] = "load_testing"
    path = write(tmp_path, json.dumps(data))
    with pytest.raises(MethodError) as err:
        load_method_file(path)
    message = str(err.value)
    assert str(path) in message
    assert f"failure_modes[{index}].signals[1].criterion: unknown criterion 'load_testing'" in message


def test_unknown_remedy_in_a_failure_mode_names_the_path() -> None:
    data = raw()
    position = len(data["failure_modes"][0]["remedies"])
    data["failure_modes"][0]["remedies"].append("hire_a_wizard")
    with pytest.raises(MethodError) as err:
        parse_method(json.dumps(data), "custom.json")
    assert f"custom.json: failure_modes[0].remedies[{position}]: unknown remedy 'hire_a_wizard'" in str(
        err.value
    )


def test_missing_threshold_is_named(tmp_path: Path) -> None:
    data = raw()
    del data["thresholds"]["stale_months"]
    path = write(tmp_path, json.dumps(data))
    with pytest.raises(MethodError) as err:
        load_method_file(path)
    assert str(err.value) == f"{path}: thresholds: missing stale_months"


def test_remedy_lifting_an_unknown_criterion_is_named() -> None:
    data = raw()
    data["remedies"][0]["lifts"]["kpi_clarty"] = 4
    with pytest.raises(
        MethodError, match=r"custom\.json: remedies\[0\]\.lifts\.kpi_clarty: unknown criterion"
    ):
        parse_method(json.dumps(data), "custom.json")


def test_missing_anchor_is_named() -> None:
    data = raw()
    del data["criteria"][2]["anchors"]["3"]
    with pytest.raises(MethodError, match=r"custom\.json: criteria\[2\]\.anchors\.3: Field required"):
        parse_method(json.dumps(data), "custom.json")


def test_unreadable_file_is_named(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.json"
    with pytest.raises(MethodError, match=r"nowhere\.json: cannot read"):
        load_method_file(missing)


def test_deeply_nested_or_huge_number_json_is_a_method_error_not_a_crash() -> None:
    # json.loads raises RecursionError / ValueError (4300-digit limit) here, which escaped as tracebacks
    with pytest.raises(MethodError, match=r"^m\.json: not a method file: the JSON is nested too deeply$"):
        parse_method("[" * 100_000 + "]" * 100_000, "m.json")
    with pytest.raises(MethodError, match=r"^m\.json: not valid JSON \(Exceeds the limit"):
        parse_method("7" * 5000, "m.json")


def test_a_method_id_cannot_name_a_file_outside_the_methods_folder(tmp_path: Path) -> None:
    # a valid method written outside templates/methods, reached by a relative or absolute "id"
    outside = write(tmp_path, METHOD_PATH.read_text(encoding="utf-8"))
    relative = Path("..", "..", *[".."] * len(templates_dir().parts), *outside.with_suffix("").parts[1:])
    for method_id in (str(relative), str(outside.with_suffix(""))):
        with pytest.raises(MethodError, match="unknown scoring method"):
            load_method(method_id)


def test_weight_shares_are_each_weight_over_its_group() -> None:
    from planner.method import Weights, load_method, weight_shares

    method = load_method()
    value = [c.id for c in method.criteria_of("value")]
    criteria = {c.id: 1.0 for c in method.criteria}
    criteria[value[0]] = 3.0  # 3 of 3 + 1 × (the other value criteria)
    weights = Weights(
        criteria=criteria, dimensions={"value": 2, "readiness": 1, "sponsorship": 1}, thresholds={}
    )
    shares = weight_shares(method, weights)
    assert shares["dimensions"] == {"value": 0.5, "readiness": 0.25, "sponsorship": 0.25}
    assert shares["criteria"][value[0]] == 3 / (3 + len(value) - 1)
    assert shares["criteria"][value[1]] == 1 / (3 + len(value) - 1)
    readiness = [c.id for c in method.criteria_of("readiness")]
    assert shares["criteria"][readiness[0]] == 1 / len(readiness)
    zero = Weights(criteria=dict.fromkeys(criteria, 0.0), dimensions=weights.dimensions, thresholds={})
    assert set(weight_shares(method, zero)["criteria"].values()) == {0.0}
