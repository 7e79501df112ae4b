"""Which plan, graph and funding sheets the scorecard workbook gets.

``plans``/``graphs`` may be dicts or objects with ``rollout``/``training`` and
``stakeholders``/``dependencies``; when they are None the plans and analyses are computed here, and
one that cannot be made (a dependency cycle, say) leaves its sheet out rather than failing the
export. An empty dict means "no such sheets". ``stakeholders`` may be a full
`planner.graphs.stakeholders.StakeholderAnalysis` or just its ``people`` mapping.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from planner.errors import LiftoffError
from planner.export.xlsx.book import Book
from planner.export.xlsx.funding import scenario_rows, solve_scenarios, write_scenarios
from planner.export.xlsx.graphs import write_dependencies, write_stakeholders
from planner.export.xlsx.plans import write_rollout, write_sessions, write_training
from planner.method import Method
from planner.model import Portfolio
from planner.triage.scoring import Scores

Tick = Callable[[], None]


@dataclass(frozen=True, slots=True)
class OptionalSheet:
    name: str
    rows: int  # rows it writes, for progress
    write: Callable[[Book, Tick], None]


def _get(container: Any, key: str) -> Any:
    if container is None:
        return None
    if isinstance(container, dict):
        return container.get(key)
    return getattr(container, key, None)


def optional_sheets(
    portfolio: Portfolio,
    scores: Scores,
    method: Method,
    plans: Any,
    graphs: Any,
    sessions: bool = False,
    checkpoint: Tick = lambda: None,
) -> list[OptionalSheet]:
    """The sheets for every plan or analysis at hand, in workbook order.

    The funding scenarios are solved first: their integer programmes take the most memory for a
    while, which is then free for the plans and the sheets."""
    solved = solve_scenarios(portfolio, scores, checkpoint)
    rollout, training = _get(plans, "rollout"), _get(plans, "training")
    if plans is None:
        rollout, training = _compute_plans(portfolio, scores, method)
    people = _get(graphs, "stakeholders")
    people = getattr(people, "people", people)
    deps = _get(graphs, "dependencies")
    if graphs is None:
        people, deps = _compute_graphs(portfolio)
    out: list[OptionalSheet] = []
    if rollout is not None:
        rows = sum(len(p.phases) for p in rollout.pilots)
        out.append(OptionalSheet("Rollout", rows, lambda book, tick: write_rollout(book, rollout, tick)))
    if training is not None:
        cohorts = len({(s.pilot, s.phase) for s in training.sessions})
        out.append(
            OptionalSheet(
                "Training", cohorts, lambda book, tick: write_training(book, training, rollout, tick)
            )
        )
        if sessions:
            out.append(
                OptionalSheet(
                    "Sessions",
                    len(training.sessions),
                    lambda book, tick: write_sessions(book, training, tick),
                )
            )
    if people is not None:
        out.append(
            OptionalSheet(
                "Stakeholders",
                len(portfolio.stakeholders),
                lambda book, tick: write_stakeholders(book, portfolio, people, tick),
            )
        )
    if deps is not None:
        out.append(
            OptionalSheet(
                "Dependencies",
                len(deps.wave_of),
                lambda book, tick: write_dependencies(book, portfolio, deps, tick),
            )
        )
    if solved:
        out.append(
            OptionalSheet(
                "Scenario",
                scenario_rows(portfolio),
                lambda book, tick: write_scenarios(book, portfolio, scores, solved, tick),
            )
        )
    return out


def _compute_plans(portfolio: Portfolio, scores: Scores, method: Method) -> tuple[Any, Any]:
    from planner.plans.rollout import plan_rollout
    from planner.plans.training import plan_training

    try:
        rollout = plan_rollout(portfolio, scores, method)
    except LiftoffError:
        return None, None
    try:
        training = plan_training(portfolio, rollout)
    except LiftoffError:
        training = None
    return rollout, training


def _compute_graphs(portfolio: Portfolio) -> tuple[Any, Any]:
    from planner.graphs.dependencies import analyse_dependencies
    from planner.graphs.stakeholders import analyse_people

    people = deps = None
    with contextlib.suppress(LiftoffError):
        people = analyse_people(portfolio)
    with contextlib.suppress(LiftoffError):
        deps = analyse_dependencies(portfolio)
    return people, deps
