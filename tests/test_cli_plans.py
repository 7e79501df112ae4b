"""`liftoff plan` and `liftoff training` end to end, on a project file written by the test."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from planner.cli import main
from planner.model import Decision, Override, Pilot, Portfolio, UserGroup
from planner.plan_settings import PhaseSetting, PlanSettings


def _project(tmp_path: Path) -> Path:
    """A is overridden to scale (40 people in group G), B to stop. Phases: shadow 1 week, full 1 week."""
    portfolio = Portfolio(
        as_of=date(2026, 11, 2),
        user_groups=[UserGroup(id="G", name="Adjusters", headcount=40, business_unit="Claims")],
        pilots=[
            Pilot(
                id="A",
                name="Claims triage",
                user_groups=["G"],
                override=Override(decision=Decision.SCALE, rationale="steering committee decision"),
            ),
            Pilot(
                id="B",
                name="Chatbot",
                override=Override(decision=Decision.STOP, rationale="no business case"),
            ),
        ],
        plan=PlanSettings(
            phases=[
                PhaseSetting(
                    id="shadow", name="Shadow run", weeks=1, live_percent=0, gate="matches the desk"
                ),
                PhaseSetting(id="full", name="Full rollout", weeks=1, live_percent=100, gate="KPI on target"),
            ]
        ),
    )
    path = tmp_path / "claims.liftoff"
    path.write_text(portfolio.model_dump_json(indent=2), encoding="utf-8")
    return path


def test_plan_json_with_a_start_date(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Start Monday 2027-03-01: shadow 1–5 March, full rollout 8–12 March bringing all 40 live."""
    path = _project(tmp_path)
    assert main(["plan", str(path), "--start", "2027-03-01", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    (pilot,) = data["pilots"]
    phases = [(p["id"], p["start"], p["end"], p["people"]) for p in pilot["phases"]]
    assert phases == [("shadow", "2027-03-01", "2027-03-05", 0), ("full", "2027-03-08", "2027-03-12", 40)]
    assert pilot["in_production"] == "2027-03-12" and pilot["slack_days"] == 0
    assert [g["criteria"] for g in pilot["gates"]] == ["matches the desk", "KPI on target"]
    assert data["unscheduled"][0]["pilot"] == "B"
    assert data["unscheduled"][0]["reason"].startswith("decision is stop")
    assert [step["id"] for step in data["critical_path"]] == ["A"]
    assert data["end"] == "2027-03-12"


def test_plan_table(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _project(tmp_path)
    assert main(["plan", str(path), "--start", "2027-03-01"]) == 0
    out = capsys.readouterr().out
    assert "Rollout plan from 1 Mar 2027 to 12 Mar 2027" in out  # days as people read them
    assert "Full rollout" in out and "Not scheduled" in out and "Critical path" in out
    # the phases: shadow for the first week with nobody live, then all 40 people at 100 %
    phases = [line.split("  ") for line in out.splitlines() if line.startswith("A  ")][:2]
    assert [[x.strip() for x in row if x.strip()][1:] for row in phases] == [
        ["Shadow run", "1 Mar 2027", "5 Mar 2027", "0", "0.0 %", "yes"],
        ["Full rollout", "8 Mar 2027", "12 Mar 2027", "40", "100.0 %", "yes"],
    ]


def test_training_json_and_table(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _project(tmp_path)
    assert main(["training", str(path), "--start", "2027-03-01", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["totals"]["people"] == 40
    assert data["totals"]["covered"] + data["totals"]["uncovered"] == 40
    before = [s for s in data["sessions"] if s["go_live"] == "2027-03-08" and s["date"] < "2027-03-08"]
    assert before, "sessions are held before the go-live of 8 March"
    assert data["change_budget"]["portfolio_share_percent"] is None
    assert main(["training", str(path), "--start", "2027-03-01"]) == 0
    out = capsys.readouterr().out
    assert "Totals:" in out and "cannot check the 15–20 % guideline" in out


def test_bad_inputs_give_one_line_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _project(tmp_path)
    with pytest.raises(SystemExit) as info:
        main(["plan", str(path), "--start", "2027-02-30"])
    assert info.value.code == 2
    assert "not a date (YYYY-MM-DD): '2027-02-30'" in capsys.readouterr().err

    data = json.loads(path.read_text(encoding="utf-8"))
    data["plan"]["phases"][0]["weeks"] = -2
    path.write_text(json.dumps(data), encoding="utf-8")
    assert main(["plan", str(path)]) == 1
    err = capsys.readouterr().err
    assert "plan.phases[0].weeks" in err and len(err.strip().splitlines()) == 1

    assert main(["training", str(tmp_path / "missing.liftoff")]) == 1
    assert "missing.liftoff" in capsys.readouterr().err
