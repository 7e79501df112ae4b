"""`liftoff fund` and `liftoff frontier` end to end on the demo portfolio."""

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from planner.cli import main


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    path = tmp_path / "demo.liftoff"
    assert main(["demo", str(path)]) == 0
    return path


def test_fund_json_respects_budget_capacity_and_forced_choices(
    demo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert main(["fund", str(demo), "--scenario", "2027 scale budget", "--format", "json"]) == 0
    result = json.loads(capsys.readouterr().out)
    scenario = result["scenario"]
    assert result["cost"] <= scenario["budget"]
    assert result["capacity_used"] <= scenario["capacity"]
    assert set(scenario["forced_in"]) <= set(result["funded"])
    assert not set(scenario["forced_out"]) & set(result["funded"])


def test_frontier_never_loses_value_as_the_budget_grows(
    demo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert (
        main(["frontier", str(demo), "--from", "0", "--to", "20000000", "--steps", "5", "--format", "json"])
        == 0
    )
    points = json.loads(capsys.readouterr().out)
    assert [p["budget"] for p in points] == [0, 5_000_000, 10_000_000, 15_000_000, 20_000_000]
    values = [p["objective"] for p in points]
    assert values == sorted(values)
    assert all(p["cost"] <= p["budget"] + 1e-6 for p in points)


def test_errors_are_one_line(demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["fund", str(demo), "--scenario", "nope"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no scenario named 'nope'" in err and "2027 scale budget" in err
    assert main(["fund", str(demo)]) == 1
    assert "give a --budget" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exit_info:
        main(["fund", str(demo), "--budget", "-5"])
    assert exit_info.value.code == 2


def test_a_yearly_budget_caps_that_years_spend(demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from planner.funding.scenarios import spend_years
    from planner.portfolio.store import load
    from planner.triage.scoring import score

    capsys.readouterr()
    args = ["fund", str(demo), "--budget", "12000000", "--year-budget", "2026=1000000", "--format", "json"]
    assert main(args) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["scenario"]["yearly_budgets"] == {"2026": 1000000.0}
    portfolio = load(demo)
    years = spend_years(portfolio, score(portfolio))
    cost = {p.id: p.financials.scale_investment for p in portfolio.pilots} | {
        e.id: e.cost for e in portfolio.enablers
    }
    spent_2026 = sum(cost[i] for i in result["funded"] + result["enablers"] if years[i] == 2026)
    assert spent_2026 <= 1_000_000
    assert main(["fund", str(demo), "--budget", "12000000", "--format", "json"]) == 0
    unconstrained = json.loads(capsys.readouterr().out)
    assert (
        sum(cost[i] for i in unconstrained["funded"] + unconstrained["enablers"] if years[i] == 2026)
        > 1_000_000
    )


def test_a_budget_beyond_every_cost_funds_every_candidate_worth_funding(
    demo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # any budget above the total cost funds the same set as the unconstrained optimum, up to the
    # largest budget a project holds (1e18); beyond it is a usage error, not an overflow (issue 13)
    capsys.readouterr()
    funded = []
    for budget in ("1e9", "1e16", "1e18"):
        assert main(["fund", str(demo), "--budget", budget, "--format", "json"]) == 0
        funded.append(json.loads(capsys.readouterr().out)["funded"])
    assert funded[0] == funded[1] == funded[2] and funded[0]
    with pytest.raises(SystemExit) as usage:
        main(["fund", str(demo), "--budget", "1e300"])
    assert usage.value.code == 2 and "at most 1e+18" in capsys.readouterr().err


def test_a_negative_capacity_is_a_usage_error_not_a_traceback(
    demo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # --capacity -1 reached FundingScenario validation and escaped as a pydantic ValidationError
    fund = ["fund", str(demo), "--budget", "100"]
    frontier = ["frontier", str(demo), "--from", "0", "--to", "9"]
    for command in (fund, frontier):
        capsys.readouterr()
        with pytest.raises(SystemExit) as stop:
            main([*command, "--capacity", "-1"])
        assert stop.value.code == 2
        assert "argument --capacity: must be 0 or more, got '-1'" in capsys.readouterr().err


def test_the_solver_debug_line_stays_out_of_the_command_line_output() -> None:
    """HiGHS prints a debug line on the C stdout for some problems; `--format json` must stay clean."""
    code = (
        "from bench.bench_funding import synthetic\n"
        "from planner.cli.common import solver_output_hidden\n"
        "from planner.funding.scenarios import Problem, solve\n"
        "p = synthetic()\n"
        "total = sum(i.cost for i in p.items)\n"
        "problem = Problem(p.items, p.requires, total * 13 / 49, p.capacity)\n"  # seen to trigger it
        "with solver_output_hidden():\n"
        "    solve(problem)\n"
        "print('after')\n"
        "solve(problem)\n"
    )
    root = Path(__file__).resolve().parent.parent
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=root, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    # hidden inside the block, and stdout works again after it: the second, bare solve prints the line
    assert result.stdout.startswith("after\n")
    assert "tmpSolver.run()" in result.stdout


@pytest.mark.parametrize(
    ("start", "stop", "steps", "step", "budgets"),
    [
        # 20 M over 18 gaps is 1,111,111: a committee discusses whole millions, 0 to 20 M
        (0, 20_000_000, 19, 1_000_000, [k * 1_000_000 for k in range(21)]),
        # 4 budgets over 5 M are 1.67 M apart → 2 M, then the 5 M asked for
        (0, 5_000_000, 4, 2_000_000, [0, 2_000_000, 4_000_000, 5_000_000]),
        # 5 M / 9 = 555,556 → the nearest 10 k, 560 k; nine multiples fit below 5 M (9 × 560 k = 5.04 M)
        (0, 5_000_000, 10, 560_000, [k * 560_000 for k in range(9)] + [5_000_000]),
        # a start off the grid is kept as asked: 150 k, then the multiples of 950 k, then 3 M
        (150_000, 3_000_000, 4, 950_000, [150_000, 950_000, 1_900_000, 2_850_000, 3_000_000]),
        # a range smaller than 10 k: the two ends only
        (0, 100, 5, 10_000, [0, 100]),
        # 1.6 M rounds to 2 M
        (0, 8_000_000, 6, 2_000_000, [0, 2_000_000, 4_000_000, 6_000_000, 8_000_000]),
    ],
)
def test_frontier_budgets_step_by_a_round_amount(start, stop, steps, step, budgets) -> None:
    from planner.funding.scenarios import round_budget_steps

    assert round_budget_steps(start, stop, steps) == (budgets, step)


def test_frontier_budgets_never_exceed_the_step_limit() -> None:
    from planner.funding.scenarios import MAX_FRONTIER_STEPS, round_budget_steps

    # 1 bn in 500 budgets: 2.004 M → 2 M would give 501; the step grows to 3 M: 0, 3 M … 999 M, 1 bn
    budgets, step = round_budget_steps(0, 1e9, MAX_FRONTIER_STEPS)
    assert step == 3_000_000 and len(budgets) == 335 <= MAX_FRONTIER_STEPS
    assert budgets[:3] == [0, 3e6, 6e6] and budgets[-2:] == [999e6, 1e9]


def test_frontier_table_says_its_step_and_prints_money_in_the_house_format(
    demo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert main(["frontier", str(demo), "--from", "0", "--to", "20000000", "--steps", "19"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == (
        "Budgets from EUR 0 to EUR 20 M in round steps of EUR 1 M "
        "(19 evenly spaced budgets would be EUR 1.11 M apart)"
    )
    money = re.compile(r"EUR [\d.]+(?: [kM])?")
    rows = [money.findall(line) for line in out[3:24]]  # budget, objective, cost in each row
    assert [r[0] for r in rows] == ["EUR 0"] + [f"EUR {k} M" for k in range(1, 21)]
    assert all(len(r) == 3 for r in rows)
    # the first row funds nothing: EUR 0 of objective and cost, no marginal yet, no pilot
    assert out[3].split() == ["EUR", "0", "EUR", "0", "EUR", "0", "–", "0"]
    assert "0.0" not in "\n".join(out)
