"""Funding selection: exact optimum (checked against brute force), closure, infeasibility."""

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planner.errors import LiftoffError
from planner.funding.scenarios import InfeasibleScenario, Item, Problem, Selection, budget_steps, solve
from planner.model import Portfolio


def brute_force(problem: Problem) -> float | None:
    """The best objective by trying every subset: independent of the solver."""
    items = problem.items
    best: float | None = None
    for mask in itertools.product((0, 1), repeat=len(items)):
        chosen = {item.id for item, bit in zip(items, mask, strict=True) if bit}
        if sum(item.cost for item in items if item.id in chosen) > problem.budget + 1e-6:
            continue
        pilots = sum(1 for item in items if item.pilot and item.id in chosen)
        if problem.capacity is not None and pilots > problem.capacity:
            continue
        if any(p in chosen and n not in chosen for p, needs in problem.requires.items() for n in needs):
            continue
        if any(f not in chosen for f in problem.forced_in) or any(f in chosen for f in problem.forced_out):
            continue
        if any(sum(1 for i in group if i in chosen) > 1 for group in problem.exclusive):
            continue
        spent = {y: 0.0 for y in problem.yearly}
        for item in items:
            if item.id in chosen and problem.year_of.get(item.id) in spent:
                spent[problem.year_of[item.id]] += item.cost
        if any(spent[y] > problem.yearly[y] + 1e-6 for y in spent):
            continue
        value = sum(item.value for item in items if item.id in chosen)
        best = value if best is None else max(best, value)
    return best


@st.composite
def problems(draw: st.DrawFn) -> Problem:
    n_pilots = draw(st.integers(1, 11))
    n_enablers = draw(st.integers(0, 3))
    pilots = [
        Item(f"P{i}", f"Pilot {i}", draw(st.integers(0, 100)), draw(st.integers(-20, 120)))
        for i in range(n_pilots)
    ]
    enablers = [
        Item(f"E{i}", f"Enabler {i}", draw(st.integers(0, 60)), -draw(st.integers(0, 60)), pilot=False)
        for i in range(n_enablers)
    ]
    requires: dict[str, tuple[str, ...]] = {}
    for i in range(n_pilots):
        # only on earlier pilots, so the graph is acyclic
        options = [f"P{j}" for j in range(i)] + [e.id for e in enablers]
        needs = draw(st.lists(st.sampled_from(options), unique=True, max_size=2)) if options else []
        if needs:
            requires[f"P{i}"] = tuple(needs)
    ids = [p.id for p in pilots]
    exclusive = ()
    if n_pilots >= 3 and draw(st.booleans()):
        exclusive = (tuple(draw(st.lists(st.sampled_from(ids), unique=True, min_size=2, max_size=3))),)
    forced_out = {pid: "committee" for pid in draw(st.lists(st.sampled_from(ids), unique=True, max_size=1))}
    year_of = {item.id: draw(st.sampled_from([2027, 2028])) for item in pilots + enablers}
    yearly = draw(st.one_of(st.just({}), st.fixed_dictionaries({2027: st.integers(0, 200)})))
    return Problem(
        items=tuple(pilots + enablers),
        requires=requires,
        budget=draw(st.integers(0, 400)),
        capacity=draw(st.one_of(st.none(), st.integers(0, n_pilots))),
        forced_out=forced_out,
        exclusive=exclusive,
        yearly=yearly,
        year_of=year_of,
    )


@settings(max_examples=120, deadline=None)
@given(problems())
def test_solver_agrees_with_brute_force(problem: Problem) -> None:
    expected = brute_force(problem)
    assert expected is not None  # the empty set is always feasible without forced-in pilots
    selection = solve(problem)
    assert selection.objective == pytest.approx(expected)
    chosen = set(selection.funded) | set(selection.enablers)
    assert selection.cost <= problem.budget + 1e-6
    for pilot, needs in problem.requires.items():
        if pilot in chosen:
            assert set(needs) <= chosen


def test_shared_enabler_cost_is_counted_once() -> None:
    """Two pilots need the same platform (cost 50). Budget 150.

    A: cost 40, value 100; B: cost 40, value 90; C: cost 100, value 150 (no platform).
    A+B+platform = 130 ≤ 150, value 100 + 90 − 50 = 140. C alone: 150, but C+A needs 190 > 150.
    Counting the platform twice (180) would make A+B infeasible; counted once it fits, and the
    optimum is C (150) over A+B (140). Drop C's value to 120 and A+B (140) wins.
    """
    platform = Item("EN", "Data platform", 50, -50, pilot=False)
    a = Item("A", "A", 40, 100)
    b = Item("B", "B", 40, 90)
    requires = {"A": ("EN",), "B": ("EN",)}
    c = Item("C", "C", 100, 150)
    best = solve(Problem((a, b, c, platform), requires, budget=150))
    assert best.funded == ("C",) and best.objective == 150
    c = Item("C", "C", 100, 120)
    best = solve(Problem((a, b, c, platform), requires, budget=150))
    assert best.funded == ("A", "B")
    assert best.enablers == ("EN",)
    assert best.cost == 130
    assert best.objective == 140


def test_funding_a_pilot_funds_what_it_depends_on() -> None:
    """B (value 100, cost 10) needs A (value −5, cost 10): with budget 20 both are funded."""
    a = Item("A", "A", 10, -5)
    b = Item("B", "B", 10, 100)
    best = solve(Problem((a, b), {"B": ("A",)}, budget=20))
    assert best.funded == ("A", "B") and best.objective == 95
    assert solve(Problem((a, b), {"B": ("A",)}, budget=15)).funded == ()


def test_forced_in_depending_on_forced_out_names_both() -> None:
    a = Item("A", "Fraud model", 10, 5)
    b = Item("B", "Claims triage", 10, 5)
    problem = Problem((a, b), {"B": ("A",)}, budget=100, forced_in={"B": "board"}, forced_out={"A": "risk"})
    with pytest.raises(
        InfeasibleScenario, match=r"Claims triage \(B\) is forced in but depends on Fraud model \(A\)"
    ):
        solve(problem)


def test_forced_in_over_budget_says_the_cost() -> None:
    problem = Problem(
        (Item("A", "A", 80, 5), Item("B", "B", 50, 5)), {}, budget=100, forced_in={"A": "", "B": ""}
    )
    with pytest.raises(InfeasibleScenario, match=r"cost 130, more than the budget of 100"):
        solve(problem)


def test_forced_alternatives_conflict() -> None:
    problem = Problem(
        (Item("A", "Vendor model", 1, 5), Item("B", "In-house model", 1, 5)),
        {},
        budget=100,
        forced_in={"A": "", "B": ""},
        exclusive=(("A", "B"),),
    )
    with pytest.raises(InfeasibleScenario, match="alternatives"):
        solve(problem)


def test_capacity_limits_the_number_of_pilots() -> None:
    items = tuple(Item(f"P{i}", f"P{i}", 1, 10 + i) for i in range(5))
    best = solve(Problem(items, {}, budget=100, capacity=2))
    assert best.funded == ("P3", "P4") and best.capacity_used == 2


def test_budget_steps() -> None:
    assert budget_steps(0, 100, 5) == [0, 25, 50, 75, 100]
    with pytest.raises(Exception, match="at least 2 steps"):
        budget_steps(0, 100, 1)


def test_budget_steps_are_capped_before_any_work() -> None:
    # 100,000,000 steps used to allocate 800 MB of budgets and then solve for hours
    with pytest.raises(LiftoffError, match="a frontier takes at most 500 steps, got 100000000"):
        budget_steps(0, 100, 100_000_000)
    # 500 steps from 0 to 499: one unit apart
    steps = budget_steps(0, 499, 500)
    assert len(steps) == 500 and steps[1] == 1 and steps[-1] == 499


def test_a_solve_in_a_thread_leaves_other_threads_output_alone(
    monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    """The desktop app solves in a worker thread; the GUI thread's output must not vanish meanwhile."""
    import threading

    from planner.funding import solver as funding_solver

    inside, printed = threading.Event(), threading.Event()
    real_milp = funding_solver.milp

    def milp_waiting_for_a_print(*args: object, **kwargs: object) -> object:
        inside.set()
        assert printed.wait(10)
        return real_milp(*args, **kwargs)

    monkeypatch.setattr(funding_solver, "milp", milp_waiting_for_a_print)
    problem = Problem((Item("A", "A", 1.0, 2.0, True),), {}, budget=1.0, capacity=None)
    results: list[Selection] = []
    worker = threading.Thread(target=lambda: results.append(solve(problem)))
    worker.start()
    assert inside.wait(10)
    print("printed while the solver runs", flush=True)
    printed.set()
    worker.join(10)
    assert results[0].funded == ("A",)
    assert "printed while the solver runs" in capfd.readouterr().out


def _portfolio_with_platform() -> Portfolio:
    """Three pilots; A and B need the (unready) data platform DP (cost 50); B also needs pilot A;
    C needs the identity service ID, which is ready; L is already in production."""
    from planner.model import Dependency, Enabler, EnablerStatus, Financials, Stage
    from tests.factories import pilot, portfolio

    def fin(cost: float) -> Financials:
        return Financials(scale_investment=cost)

    return portfolio(
        [
            pilot("A", ratings={"v_kpi": 5}, financials=fin(40)),  # value 15·5 = 75
            pilot("B", ratings={"v_kpi": 4}, financials=fin(40)),  # value 60
            pilot("C", ratings={"v_kpi": 2}, financials=fin(30)),  # value 30
            pilot("L", ratings={"v_kpi": 5}, financials=fin(99), stage=Stage.PRODUCTION),
        ],
        enablers=[
            Enabler(id="DP", name="Data platform", cost=50),
            Enabler(id="ID", name="Identity", cost=70, status=EnablerStatus.READY),
        ],
        dependencies=[
            Dependency(pilot="A", on="DP"),
            Dependency(pilot="B", on="DP"),
            Dependency(pilot="B", on="A"),
            Dependency(pilot="C", on="ID"),
            Dependency(pilot="A", on="L"),
        ],
    )


def test_problem_from_a_portfolio() -> None:
    from planner.funding.scenarios import build_problem
    from planner.model import FundingScenario, Objective
    from planner.triage.scoring import score
    from tests.factories import small_method

    p = _portfolio_with_platform()
    scores = score(p, small_method())
    scenario = FundingScenario(name="s", budget=100, objective=Objective.COMPOSITE)
    problem = build_problem(p, scores, scenario)
    # L is in production (not a candidate, constrains nothing); ID is ready (not an item)
    assert [i.id for i in problem.items] == ["A", "B", "C", "DP"]
    assert problem.requires == {"A": ("DP",), "B": ("DP", "A")}
    assert [i.cost for i in problem.items] == [40, 40, 30, 50]
    # composite objective: the enabler is paid from the budget but not charged against the score
    assert problem.items[3].value == 0
    npv = build_problem(p, scores, scenario.model_copy(update={"objective": Objective.RISK_ADJUSTED_NPV}))
    assert npv.items[3].value == -50


def test_fund_a_portfolio_by_composite() -> None:
    """Budget 100: A+DP = 90 (composite of A) or C alone = 30 or A+B+DP = 130 (too much).
    With composite value 0.5·value (readiness and sponsorship are 0 here): A 37.5, B 30, C 15.
    Best within 100: A + C? 40 + 50 + 30 = 120 > 100. So A with its platform (37.5) beats C (15)."""
    from planner.funding.scenarios import fund
    from planner.model import FundingScenario, Objective
    from planner.triage.scoring import score
    from tests.factories import small_method

    p = _portfolio_with_platform()
    scores = score(p, small_method())
    assert scores.pilots["A"].composite == pytest.approx(37.5)
    result = fund(p, scores, FundingScenario(name="s", budget=100, objective=Objective.COMPOSITE))
    assert result.selection.funded == ("A",)
    assert result.selection.enablers == ("DP",)
    assert result.selection.cost == 90
    scenario = FundingScenario(
        name="s", budget=200, objective=Objective.COMPOSITE, forced_out={"A": "ethics"}
    )
    result = fund(p, scores, scenario)
    assert result.selection.funded == ("C",)  # B needs A, which is forced out


def test_forcing_a_pilot_in_production_is_explained() -> None:
    from planner.funding.scenarios import build_problem
    from planner.model import FundingScenario
    from planner.triage.scoring import score
    from tests.factories import small_method

    p = _portfolio_with_platform()
    scenario = FundingScenario(name="board", budget=100, forced_in={"L": "flagship"})
    with pytest.raises(InfeasibleScenario, match=r"pilot 'L' is forced in or out but is production"):
        build_problem(p, score(p, small_method()), scenario)


def test_force_needs_a_reason_and_moves_a_pilot_between_sides() -> None:
    from planner.funding.scenarios import force
    from planner.model import FundingScenario

    scenario = FundingScenario(name="s", budget=10, forced_in={"A": "board"})
    with pytest.raises(Exception, match="say why B is forced out"):
        force(scenario, "B", "out", "  ")
    moved = force(scenario, "A", "out", "risk")
    assert moved.forced_in == {} and moved.forced_out == {"A": "risk"}
    assert force(moved, "A", None).forced_out == {}
    assert scenario.forced_in == {"A": "board"}  # the input is untouched


def test_frontier_skips_budgets_below_the_forced_in_cost() -> None:
    from planner.funding.scenarios import frontier
    from planner.model import FundingScenario, Objective
    from planner.triage.scoring import score
    from tests.factories import small_method

    p = _portfolio_with_platform()
    scenario = FundingScenario(name="s", budget=0, objective=Objective.COMPOSITE, forced_in={"C": "board"})
    points = frontier(p, score(p, small_method()), scenario, [0, 20, 30, 120, 130])
    # C costs 30: budgets 0 and 20 are infeasible; 120 buys C + A + DP (120); at 130 adding B
    # would cost 160, so the selection stays C + A + DP
    assert [pt.budget for pt in points] == [30, 120, 130]
    assert points[0].selection.funded == ("C",)
    assert points[1].selection.funded == ("A", "C") and points[1].entering == ("A",)


def test_next_step_is_relative_to_the_scenarios_own_portfolio() -> None:
    """Frontier at 0/50/100/150: {} → {A} → {A, B} → {C, D}. A scenario at 60 funds {A}: the next
    change is at 100 (adds B), not the step at 50 that already happened."""
    from planner.funding.scenarios import FrontierPoint, next_step

    def point(budget: float, funded: tuple[str, ...], value: float) -> FrontierPoint:
        return FrontierPoint(budget, Selection(funded, (), value, budget, len(funded)), 0.0, (), ())

    points = [point(0, (), 0), point(50, ("A",), 10), point(100, ("A", "B"), 18), point(150, ("C", "D"), 30)]
    current = Selection(("A",), (), 10, 40, 1)
    step = next_step(current, 60, points)
    assert step is not None
    assert (step.budget, step.extra_budget, step.extra_value) == (100, 40, 8)
    assert step.added == ("B",) and step.dropped == ()
    later = next_step(Selection(("A", "B"), (), 18, 90, 2), 100, points)
    assert later is not None and later.added == ("C", "D") and later.dropped == ("A", "B")
    assert next_step(Selection(("C", "D"), (), 30, 150, 2), 150, points) is None


def test_yearly_budget_moves_spend_to_the_next_year() -> None:
    """A (2027, cost 60, value 10) and B (2027, cost 50, value 9), C (2028, cost 50, value 5).
    Total budget 200 fits all three (160), but 2027 allows only 60: A alone in 2027, plus C."""
    a, b, c = Item("A", "A", 60, 10), Item("B", "B", 50, 9), Item("C", "C", 50, 5)
    years = {"A": 2027, "B": 2027, "C": 2028}
    best = solve(Problem((a, b, c), {}, budget=200, yearly={2027: 60}, year_of=years))
    assert best.funded == ("A", "C") and best.objective == 15
    with pytest.raises(InfeasibleScenario, match=r"cost 110 in 2027, more than that year's budget of 60"):
        solve(
            Problem((a, b, c), {}, budget=200, forced_in={"A": "", "B": ""}, yearly={2027: 60}, year_of=years)
        )


def test_spend_years_follow_the_rollout_plan() -> None:
    from planner.funding.scenarios import spend_years
    from planner.plans.rollout import plan_rollout
    from planner.portfolio.store import load
    from planner.resources import templates_dir
    from planner.triage.scoring import score

    demo = load(templates_dir() / "demo" / "demo.liftoff")
    scores = score(demo)
    years = spend_years(demo, scores)
    plan = plan_rollout(demo, scores)
    for pp in plan.pilots:
        assert years[pp.pilot] == pp.rollout_start.year
    unscheduled = {u.pilot for u in plan.unscheduled}
    assert all(years[p] == plan.start.year for p in unscheduled)
    assert all(years[e.id] == (e.eta or demo.as_of).year for e in demo.enablers)


def test_parse_yearly_budgets() -> None:
    from planner.funding.scenarios import format_yearly_budgets, parse_yearly_budgets

    assert parse_yearly_budgets("2027: 5,000,000; 2028=7000000\n") == {2027: 5e6, 2028: 7e6}
    assert parse_yearly_budgets("  ") == {}
    assert format_yearly_budgets({2028: 7e6, 2027: 5e6}) == "2027: 5,000,000; 2028: 7,000,000"
    for bad in ("2027", "twenty: 5", "2027: lots", "2027: -5", "3000: 1", "2027: inf"):
        with pytest.raises(Exception, match="write it as YEAR: AMOUNT"):
            parse_yearly_budgets(bad)
