"""The scorecard's Scenario sheet: each saved scenario's funded set and frontier, as the engine says."""

from pathlib import Path

import openpyxl
import pytest

from planner.export.xlsx.book import Book
from planner.export.xlsx.funding import solve_scenarios, write_scenarios
from planner.funding import scenarios as funding
from planner.model import FundingScenario, Portfolio
from planner.portfolio.store import load
from planner.resources import templates_dir
from planner.triage.scoring import score


def _write(portfolio: Portfolio, path: Path) -> None:
    book = Book(path)
    scores = score(portfolio)
    write_scenarios(book, portfolio, scores, solve_scenarios(portfolio, scores), lambda: None)
    book.close()


def test_sheet_lists_the_optimum_of_every_saved_scenario(tmp_path: Path) -> None:
    demo = load(templates_dir() / "demo" / "demo.liftoff")
    assert len(demo.scenarios) >= 2
    _write(demo, tmp_path / "s.xlsx")
    ws = openpyxl.load_workbook(tmp_path / "s.xlsx")["Scenario"]
    values = [[c.value for c in row] for row in ws.iter_rows()]
    scores = score(demo)
    for scenario in demo.scenarios:
        expected = funding.fund(demo, scores, scenario)
        start = next(i for i, row in enumerate(values) if row[0] == scenario.name)
        assert values[start + 1][1] == scenario.budget
        assert values[start + 2][1] == expected.selection.cost
        assert values[start + 2][5] == pytest.approx(
            expected.selection.objective, rel=1e-15
        )  # 16 digits kept
        ids = []
        for row in values[start + 4 :]:
            if row[0] is None:
                break
            ids.append(row[0])
        assert ids == [*expected.selection.funded, *expected.selection.enablers]
    assert set(ws.tables) == {f"Funded{i}" for i in (1, 2)} | {f"Frontier{i}" for i in (1, 2)}


def test_no_sheet_without_scenarios_and_infeasible_scenarios_say_why(tmp_path: Path) -> None:
    demo = load(templates_dir() / "demo" / "demo.liftoff")
    pilot = demo.pilots[0].id
    broken = FundingScenario(name="Impossible", budget=0, forced_in={pilot: "board"})
    portfolio = demo.model_copy(update={"scenarios": [broken]})
    _write(portfolio, tmp_path / "i.xlsx")
    ws = openpyxl.load_workbook(tmp_path / "i.xlsx")["Scenario"]
    texts = [str(c.value) for row in ws.iter_rows() for c in row if c.value]
    assert any(t.startswith("No feasible portfolio:") for t in texts)


def test_scorecard_workbook_carries_the_scenario_sheet_before_the_method(tmp_path: Path) -> None:
    from planner.export.xlsx.workbook import write_scorecard
    from planner.method import load_method

    demo = load(templates_dir() / "demo" / "demo.liftoff")
    write_scorecard(tmp_path / "sc.xlsx", demo, score(demo), load_method())
    names = openpyxl.load_workbook(tmp_path / "sc.xlsx", read_only=True).sheetnames
    assert names[-2:] == ["Scenario", "Method"]
    write_scorecard(
        tmp_path / "none.xlsx", demo.model_copy(update={"scenarios": []}), score(demo), load_method()
    )
    assert "Scenario" not in openpyxl.load_workbook(tmp_path / "none.xlsx", read_only=True).sheetnames
