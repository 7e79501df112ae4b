"""Method files: export, import and diff from any path, and bad method files refused by place.

A method file is untrusted: each bad one below is refused with one line naming the file and the JSON
path, by `parse_method` and by every `liftoff method` command, and the project file stays byte for
byte as it was (no backup is even written).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from planner.cli import main
from planner.method import MethodError, load_method, load_method_file, method_json, parse_method
from planner.model import Decision
from planner.portfolio import store
from planner.portfolio.edits import EditError
from planner.portfolio.methods import diff_methods, use_method
from planner.triage.method_change import decision_moves
from tests.renamed_method import renamed_method, renamed_method_data, renamed_portfolio


def _cycle(data: dict[str, Any]) -> None:
    data["criteria"].append(
        {**data["criteria"][0], "id": "fit", "name": "Fit", "derived": "mean", "inputs": ["reach"]}
    )
    data["criteria"].append(
        {**data["criteria"][0], "id": "reach", "name": "Reach", "derived": "lowest", "inputs": ["fit"]}
    )


def _ghost_rule(data: dict[str, Any]) -> None:
    data["gates"][2]["criteria"] = ["data-supply", "ghost"]


def _ghost_gate(data: dict[str, Any]) -> None:
    data["obligations"][1]["gates"] = ["g-data", "g-nowhere"]


def _many(data: dict[str, Any]) -> None:
    anchors = dict.fromkeys("0135", "-")  # short, so the file stays under the size limit
    data["criteria"] = [
        {"id": f"c{k}", "dimension": "value", "name": "C", "description": "", "weight": 1, "anchors": anchors}
        for k in range(10_000)
    ]


def _aimless_remedy(data: dict[str, Any]) -> None:
    data["remedies"][1]["lifts"] = {}


def _no_lifts(data: dict[str, Any]) -> None:
    del data["remedies"][1]["lifts"]


def _fourth_dimension(data: dict[str, Any]) -> None:
    data["dimensions"].append({"id": "fun", "name": "Fun", "description": "-", "weight": 5})


def _own_ids(data: dict[str, Any]) -> None:
    data["dimensions"][0]["id"] = "payoff"


BAD = {
    "cycle": (_cycle, "criteria[7].inputs: derived criteria form a cycle: fit → reach → fit"),
    "rule naming a missing criterion": (_ghost_rule, "gates[2].criteria[1]: unknown criterion 'ghost'"),
    "obligation naming a missing gate": (
        _ghost_gate,
        "obligations[1].gates[1]: unknown gate check 'g-nowhere'",
    ),
    "10,000 criteria": (_many, "criteria: List should have at most 200 items after validation, not 10000"),
    "remedy with no dimension": (
        _aimless_remedy,
        "remedies[1].lifts: names no criterion, so the remedy works on no dimension; "
        "a remedy lifts at least one criterion",
    ),
    "remedy without lifts": (_no_lifts, "remedies[1].lifts: names no criterion"),
    "a fourth dimension": (_fourth_dimension, "dimensions: List should have at most 3 items"),
    "dimensions redefined": (
        _own_ids,
        "dimensions: a method names the three dimensions value, readiness, sponsorship (in its own "
        "words), got payoff, readiness, sponsorship",
    ),
}


def _bad_file(tmp_path: Path, change: Any) -> Path:
    data = renamed_method_data()
    change(data)
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


@pytest.mark.parametrize("case", sorted(BAD))
def test_a_bad_method_file_is_refused_by_place_and_nothing_changes(
    case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    change, where = BAD[case]
    bad = _bad_file(tmp_path, change)
    with pytest.raises(MethodError) as err:
        load_method_file(bad)
    message = str(err.value)
    assert message.startswith(f"{bad}: ") and where in message, message
    assert "\n" not in message
    project = tmp_path / "p.liftoff"
    store.save(renamed_portfolio(), project)
    before = project.read_bytes()
    for argv in (["method", "import", str(project), str(bad)], ["method", "diff", str(project), str(bad)]):
        assert main(argv) == 1
        _out, err_text = capsys.readouterr()
        assert err_text.count("\n") == 1 and where in err_text and "Traceback" not in err_text, err_text
    assert project.read_bytes() == before
    assert not store.backup_path(project).exists()


def test_a_weight_of_nan_is_refused_by_place(tmp_path: Path) -> None:
    text = json.dumps(renamed_method_data()).replace('"weight": 2,', '"weight": NaN,', 1)
    assert "NaN" in text
    with pytest.raises(
        MethodError, match=r"^m.json: criteria\[2\]\.weight: Input should be a finite number$"
    ):
        parse_method(text, "m.json")


def test_not_json_too_big_and_not_a_method_are_refused(tmp_path: Path) -> None:
    with pytest.raises(MethodError, match=r"^x: not valid JSON"):
        parse_method("{", "x")
    with pytest.raises(MethodError, match=r"^x: larger than 2 MB"):
        parse_method(" " * (2 * 1024 * 1024 + 1), "x")
    with pytest.raises(MethodError, match=r"^x: not a method file: it holds no JSON object$"):
        parse_method("[]", "x")
    with pytest.raises(MethodError, match="is a folder"):
        load_method_file(tmp_path)


@pytest.mark.parametrize("method", [load_method(), renamed_method()], ids=["shipped", "renamed"])
def test_export_then_import_is_the_same_method(method: Any, tmp_path: Path) -> None:
    path = tmp_path / "m.json"
    path.write_text(method_json(method), encoding="utf-8")
    assert load_method_file(path) == method
    assert diff_methods(method, load_method_file(path)) == ()


def test_diff_lists_each_change_in_words() -> None:
    old = renamed_method()
    data = renamed_method_data()
    data["dimensions"][0]["name"] = "Worth"
    data["criteria"][2]["weight"] = 3
    data["thresholds"]["readiness"] = 95
    data["gates"].pop(1)
    data["remedies"].append({**data["remedies"][0], "id": "pilot-rerun", "name": "Re-run the pilot"})
    new = parse_method(json.dumps(data))
    assert [(c.section, c.item, c.text) for c in diff_methods(old, new)] == [
        ("dimensions", "value", "renamed 'Payoff' → 'Worth'"),
        ("criteria", "data-supply", "weight 2 → 3"),
        ("thresholds", "readiness", "65 → 95"),
        ("gates", "g-budget", "removed ('Run budget approved')"),
        ("remedies", "pilot-rerun", "added ('Re-run the pilot')"),
    ]


def _stricter(tmp_path: Path) -> Path:
    data = renamed_method_data()
    data["thresholds"]["readiness"] = 95
    path = tmp_path / "stricter.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_decision_moves_are_worked_by_hand(tmp_path: Path) -> None:
    # Readiness ("Runnability") of a sound pilot 65 → 95. P-1 (runnability 90) falls to fix then
    # scale; P-2 is fixed already (a gate fails), P-3 waits for a sponsor (that rule comes first),
    # P-4 is a pivot either way (payoff 37.5 < 55) and P-5 a stop (payoff 25 < 30).
    moves = decision_moves(renamed_portfolio(), load_method_file(_stricter(tmp_path)))
    assert [(m.pilot, m.before, m.after) for m in moves] == [("P-1", Decision.SCALE, Decision.FIX_THEN_SCALE)]
    assert moves[0].reason == "fix then scale: payoff 100.0 reaches 55 but runnability 90.0 is below 95"


def test_import_writes_the_project_with_its_new_method(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = tmp_path / "p.liftoff"
    store.save(renamed_portfolio(), project)
    before = project.read_bytes()
    stricter = _stricter(tmp_path)
    assert main(["method", "import", str(project), str(stricter), "--dry-run"]) == 0
    assert "1 decision move" in capsys.readouterr().out and project.read_bytes() == before
    assert main(["method", "import", str(project), str(stricter)]) == 0
    out = capsys.readouterr().out
    assert "is now scored with the method 'Field guide'" in out and "P-1" in out
    assert store.load(project).method.definition == load_method_file(stricter)
    assert store.backup_path(project).read_bytes() == before
    assert main(["score", str(project)]) == 0
    assert "fix_then_scale" in capsys.readouterr().out.splitlines()[2]  # P-1, first by composite


def test_a_method_the_weights_cannot_work_with_is_refused(tmp_path: Path) -> None:
    portfolio = renamed_portfolio()
    zeroed = portfolio.model_copy(
        update={"method": portfolio.method.model_copy(update={"weights": {"outcome": 0, "payoff-ratio": 0}})}
    )
    with pytest.raises(EditError, match=r"every criterion of the payoff dimension is weighted 0"):
        use_method(zeroed, renamed_method())
    assert use_method(portfolio, load_method()).method.definition == load_method()


def test_a_source_that_is_neither_file_nor_shipped_method_is_named(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["method", "show", "no-such-method"]) == 1
    assert capsys.readouterr().err.strip() == (
        "liftoff method: no-such-method: no such file, and no shipped method by that id "
        "(shipped: pilot-to-production)"
    )


# --- the method in the project file ---------------------------------------------------------------------


def _v2(method_id: str) -> str:
    return json.dumps({"schema_version": 2, "name": "Old", "method": {"id": method_id}, "pilots": []})


def test_an_older_file_is_given_the_shipped_method_it_names() -> None:
    portfolio = store.loads(_v2("pilot-to-production"), "old.liftoff")
    assert portfolio.method.definition == load_method()
    assert '"definition": {' in store.dumps(portfolio)  # and carries it from its next save on


def test_an_older_file_naming_a_method_not_installed_opens_without_one(tmp_path: Path) -> None:
    path = tmp_path / "old.liftoff"
    path.write_text(_v2("house-method"), encoding="utf-8")
    assert store.load(path).method.definition is None  # it opens …
    with pytest.raises(store.ProjectFileError) as refused:  # … but cannot be scored here, and says why
        store.validate(path)
    assert str(refused.value).startswith(f"{path}: method.id: unknown scoring method 'house-method'")
    assert str(refused.value).endswith("; the file does not carry its method")


def test_a_carried_method_must_be_the_one_the_file_names() -> None:
    doc = json.loads(store.dumps(renamed_portfolio()))
    doc["method"]["id"] = "other"
    with pytest.raises(
        store.ProjectFileError,
        match=r"^x: method: definition\.id: 'field-guide' is not the method's id 'other'$",
    ):
        store.loads(json.dumps(doc), "x")
    doc["method"]["id"] = "field-guide"
    doc["method"]["definition"]["gates"][0]["criteria"] = ["ghost"]
    with pytest.raises(
        store.ProjectFileError,
        match=r"method\.definition: .*gates\[0\]\.criteria\[0\]: unknown criterion 'ghost'",
    ):
        store.loads(json.dumps(doc), "x")
