"""`liftoff stakeholders` and `liftoff dependencies` end to end, on small project files."""

import json
from datetime import date
from pathlib import Path

import pytest

from planner.cli import main
from planner.model import (
    Dependency,
    Enabler,
    EnablerStatus,
    Pilot,
    Portfolio,
    Relationship,
    Stage,
    Stakeholder,
    Stance,
)


def _write(tmp_path: Path, portfolio: Portfolio, name: str = "p.liftoff") -> str:
    path = tmp_path / name
    path.write_text(portfolio.model_dump_json(), encoding="utf-8")
    return str(path)


def _people() -> Portfolio:
    # Sponsor S (supportive) – B (supportive) – X (influence 5, resistant): route to X through B.
    return Portfolio(
        as_of=date(2026, 3, 2),
        stakeholders=[
            Stakeholder(id="S", name="Sam", influence=5, interest=5, stance=Stance.SUPPORTIVE),
            Stakeholder(id="B", name="Bo", influence=2, interest=4, stance=Stance.SUPPORTIVE),
            Stakeholder(id="X", name="Xia", influence=5, interest=2, stance=Stance.RESISTANT),
        ],
        relationships=[
            Relationship(source="S", target="B", kind="collaborates"),
            Relationship(source="X", target="B", kind="influences"),
        ],
        pilots=[
            Pilot(id="P1", name="Churn", sponsor="S", approvers=["X"]),
            Pilot(id="P2", name="Claims", sponsor="B"),
        ],
    )


def test_stakeholders_table_shows_quadrants_routes_and_dated_actions(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["stakeholders", _write(tmp_path, _people())]) == 0
    out = capsys.readouterr().out
    assert "manage closely" in out and "keep satisfied" in out and "keep informed" in out
    assert "X via B" in out
    assert "16 Mar 2026" in out  # as_of + 14 days for the resister meeting, as people read a day
    assert "P1, P2: win over Xia" in out  # one meeting serves both pilots


def test_stakeholders_json_for_one_pilot(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stakeholders", _write(tmp_path, _people()), "--pilot", "P1", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert list(data["coalitions"]) == ["P1"]
    (route,) = data["coalitions"]["P1"]["resisters"]
    assert route == {"resister": "X", "path": ["S", "B", "X"], "through": "B"}
    # Support: S (influence 5, supportive = 4) and X (influence 5, resistant = 0): 2 → 40 of 100.
    assert data["coalitions"]["P1"]["support"] == pytest.approx(40.0)
    # the people around P1: its sponsor S and approver X, and B, the supporter on the route to X
    assert set(data["people"]) == {"S", "B", "X"}
    assert data["influence_order"] == [p for p in data["influence_order"] if p in {"S", "B", "X"}]
    assert data["people"]["X"]["quadrant"] == "keep satisfied"
    assert [a["by"] for a in data["actions"]] == ["2026-03-16"]  # machine formats keep ISO dates


def test_with_a_pilot_every_section_is_about_that_pilot(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # the meeting B → X serves P1 and P2 (X resists both: approver of P1, influencing B, P2's sponsor)
    assert main(["stakeholders", _write(tmp_path, _people()), "--pilot", "P2"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("People around P2 (most influential first)")
    actions = out.split("\nActions\n", 1)[1].splitlines()
    assert actions[2].split("  ")[0] == "16 Mar 2026"
    assert actions[2].endswith(
        "win over Xia (X, influence 5, resistant); Bo is the nearest supporter in contact with them; "
        "the same meeting serves 1 other pilot"
    )
    assert "P1" not in out


def test_an_unknown_pilot_is_a_one_line_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stakeholders", _write(tmp_path, _people()), "--pilot", "NOPE"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("liftoff stakeholders: --pilot: unknown pilot 'NOPE'") and err.count("\n") == 1


def _deps(cycle: bool = False) -> Portfolio:
    deps = [Dependency(pilot="A", on="E"), Dependency(pilot="B", on="A")]
    if cycle:
        deps.append(Dependency(pilot="A", on="B"))
    return Portfolio(
        as_of=date(2026, 1, 1),
        pilots=[
            Pilot(id="A", name="A"),
            Pilot(id="B", name="B"),
            Pilot(id="C", name="C", stage=Stage.PRODUCTION),
        ],
        enablers=[
            Enabler(id="E", name="Data platform", status=EnablerStatus.IN_PROGRESS, eta=date(2026, 5, 1))
        ],
        dependencies=deps,
    )


def test_dependencies_json_has_waves_chains_and_critical_enablers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["dependencies", _write(tmp_path, _deps()), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["waves"] == [["C", "E"], ["A"], ["B"]]
    assert data["blocked"]["B"]["chain"] == ["B", "A", "E"]
    assert [e["enabler"] for e in data["critical"]] == ["E"]
    assert data["critical"][0]["dependents"] == ["A", "B"]
    assert data["earliest"]["B"] == "2026-05-01"


def test_dependencies_table(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["dependencies", _write(tmp_path, _deps())]) == 0
    out = capsys.readouterr().out
    assert "B → A → E" in out and "1 May 2026" in out


def test_a_cycle_exits_non_zero_naming_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["dependencies", _write(tmp_path, _deps(cycle=True))]) == 1
    assert "dependency cycle: A → B → A" in capsys.readouterr().err


def test_a_broken_file_names_the_place(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = json.loads(_people().model_dump_json())
    data["relationships"].append({"source": "S", "target": "GHOST", "kind": "influences"})
    path = tmp_path / "bad.liftoff"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert main(["stakeholders", str(path)]) == 1
    assert "relationships[2].target: unknown stakeholder 'GHOST'" in capsys.readouterr().err
