"""Numbers near the float limit are refused at load, naming the JSON path; numbers at the bounds
that load go through every export (issue 13: a scenario budget near 1.8e308 crashed the pack's
chart ticks and the funding frontier)."""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path

import pytest

from bench.portfolios import realistic
from planner.cli import main
from planner.export.pdf.funding import ticks
from planner.model import MAX_AMOUNT, MAX_BUDGET
from planner.portfolio import store

FLOAT_MAX = 1.7976931348623157e308


def run(*argv: str) -> tuple[int, str]:
    err = io.StringIO()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):
        code = main(list(argv))
    return code, err.getvalue()


@pytest.mark.parametrize(
    ("where", "value", "path"),
    [
        (("scenarios", 0, "budget"), FLOAT_MAX, "scenarios[0].budget"),
        (("scenarios", 0, "yearly_budgets"), {"2027": 1e300}, "scenarios[0].yearly_budgets.2027"),
        (("pilots", 0, "kpi", "target"), 1e308, "pilots[0].kpi.target"),
        (("pilots", 0, "kpi", "baseline"), -1e308, "pilots[0].kpi.baseline"),
        (("stakeholders", 0, "position"), [1e308, 0], "stakeholders[0].position[0]"),
    ],
)
def test_numbers_near_the_float_limit_are_refused_naming_the_path(
    tmp_path: Path, where: tuple[object, ...], value: object, path: str
) -> None:
    doc = json.loads(store.dumps(realistic(3)))
    node = doc
    for step in where[:-1]:
        node = node[step]  # type: ignore[index]
    node[where[-1]] = value  # type: ignore[index]
    file = tmp_path / "huge.liftoff"
    file.write_text(json.dumps(doc), encoding="utf-8")
    for command in ("validate", "score", "pack"):
        code, err = run(command, str(file), *([str(tmp_path / "p.pdf")] if command == "pack" else []))
        assert code == 1 and f"{file}: {path}: Input should be" in err, err


def test_the_largest_numbers_that_load_go_through_every_export(tmp_path: Path) -> None:
    portfolio = realistic(3)
    scenario = portfolio.scenarios[0].model_copy(
        update={"budget": MAX_BUDGET, "yearly_budgets": {2027: MAX_BUDGET}}
    )
    pilot = portfolio.pilots[0]
    kpi = pilot.kpi.model_copy(update={"baseline": -MAX_AMOUNT, "target": MAX_AMOUNT, "latest": MAX_AMOUNT})
    huge = portfolio.model_copy(
        update={
            "scenarios": [scenario],
            "pilots": [pilot.model_copy(update={"kpi": kpi}), *portfolio.pilots[1:]],
        }
    )
    file = tmp_path / "largest.liftoff"
    store.save(huge, file)
    for argv in (
        ["validate", str(file)],
        ["pack", str(file), str(tmp_path / "p.pdf")],
        ["scorecard", str(file), str(tmp_path / "s.xlsx")],
        ["fund", str(file), "--scenario", scenario.name],
        ["frontier", str(file), "--from", "0", "--to", str(MAX_BUDGET)],
        ["plan", str(file)],
    ):
        code, err = run(*argv)
        assert code == 0, (argv[0], err)


def test_chart_ticks_survive_any_finite_bounds() -> None:
    assert ticks(-FLOAT_MAX, FLOAT_MAX) == [-FLOAT_MAX, FLOAT_MAX]
    assert ticks(0.0, 1e18) == [0.0, 2.5e17, 5e17, 7.5e17, 1e18]
