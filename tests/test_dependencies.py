"""Dependency analyses on small hand-built graphs whose answers are worked out in each test."""

from datetime import date

import numpy_financial as npf
import pytest

from planner.errors import LiftoffError
from planner.graphs.dependencies import (
    DependencyCycleError,
    analyse_dependencies,
    dependency_graph,
    find_cycle,
    slip,
    would_create_cycle,
)
from planner.model import (
    Dependency,
    Enabler,
    EnablerStatus,
    FinanceSettings,
    Financials,
    Pilot,
    Portfolio,
    Stage,
)

TODAY = date(2026, 1, 1)


def _portfolio(
    deps: list[tuple[str, str]],
    pilots: dict[str, Stage] | None = None,
    enablers: dict[str, tuple[EnablerStatus, date | None]] | None = None,
) -> Portfolio:
    pilots = pilots or {}
    enablers = enablers or {}
    ids = {p for pair in deps for p in pair} - set(enablers)
    return Portfolio(
        as_of=TODAY,
        pilots=[Pilot(id=p, name=p, stage=pilots.get(p, Stage.PILOT)) for p in sorted(ids | set(pilots))],
        enablers=[Enabler(id=e, name=e, status=s, eta=eta) for e, (s, eta) in sorted(enablers.items())],
        dependencies=[Dependency(pilot=p, on=o) for p, o in deps],
    )


def test_a_cycle_is_named_in_depends_on_order_starting_at_the_smallest_id() -> None:
    # P-07 depends on P-03, P-09 on P-07, P-03 on P-09: reading "depends on" from P-03 gives
    # P-03 → P-09 → P-07 → P-03.
    portfolio = _portfolio([("P-07", "P-03"), ("P-09", "P-07"), ("P-03", "P-09")])
    with pytest.raises(DependencyCycleError) as caught:
        analyse_dependencies(portfolio, npv={})
    assert caught.value.cycle == ("P-03", "P-09", "P-07", "P-03")
    assert "P-03 → P-09 → P-07 → P-03" in str(caught.value)
    assert isinstance(caught.value, LiftoffError)
    with pytest.raises(DependencyCycleError):
        slip(
            _portfolio([("A", "B"), ("B", "A"), ("A", "E")], enablers={"E": (EnablerStatus.PLANNED, None)}),
            "E",
            1,
        )


def test_an_acyclic_graph_has_no_cycle() -> None:
    assert find_cycle(dependency_graph(_portfolio([("B", "A"), ("C", "A"), ("C", "B")]))) is None


def test_waves_are_topological_generations_with_enablers_first() -> None:
    # E ← A ← B, E ← C, D alone: wave 0 = {D, E} (need nothing), wave 1 = {A, C}, wave 2 = {B}.
    portfolio = _portfolio(
        [("A", "E"), ("B", "A"), ("C", "E")],
        pilots={"D": Stage.PILOT},
        enablers={"E": (EnablerStatus.READY, None)},
    )
    analysis = analyse_dependencies(portfolio, npv={})
    assert analysis.waves == (("D", "E"), ("A", "C"), ("B",))
    assert analysis.wave_of["B"] == 2
    assert analysis.kinds == {"A": "pilot", "B": "pilot", "C": "pilot", "D": "pilot", "E": "enabler"}


def test_blocked_pilots_with_root_blockers_and_the_shortest_chain() -> None:
    # E1 planned, E2 ready, A in production.
    # B needs A (ready) and E2 (ready): not blocked.
    # C needs E1: blocked by E1 (root).  D needs C and E2: blocked by C; the root behind it is E1.
    # F needs D and E3 (planned): blocked by D and E3; roots E1 and E3; shortest chain F → E3.
    portfolio = _portfolio(
        [("B", "A"), ("B", "E2"), ("C", "E1"), ("D", "C"), ("D", "E2"), ("F", "D"), ("F", "E3")],
        pilots={"A": Stage.PRODUCTION},
        enablers={
            "E1": (EnablerStatus.PLANNED, None),
            "E2": (EnablerStatus.READY, None),
            "E3": (EnablerStatus.IN_PROGRESS, None),
        },
    )
    analysis = analyse_dependencies(portfolio, npv={})
    assert set(analysis.blocked) == {"C", "D", "F"}
    assert analysis.blocked["C"].chain == ("C", "E1")
    assert analysis.blocked["D"].blocked_by == ("C",)
    assert analysis.blocked["D"].root_blockers == ("E1",)
    assert analysis.blocked["D"].chain == ("D", "C", "E1")
    assert analysis.blocked["F"].blocked_by == ("D", "E3")
    assert analysis.blocked["F"].root_blockers == ("E1", "E3")
    assert analysis.blocked["F"].chain == ("F", "E3")


def test_critical_enablers_rank_by_the_transitive_positive_npv_they_unblock() -> None:
    # E1 ← A ← B, E1 ← C (in production, unblocks nothing), E2 ← B, E3 ready ← D.
    # NPVs: A 100, B 50, C 1000, D 70, and a negative one for G (E2 ← G) that counts as 0.
    # E1 unblocks A and B (transitively): 150. E2 unblocks B and G: 50 + 0 = 50. E3 is ready.
    portfolio = _portfolio(
        [("A", "E1"), ("B", "A"), ("C", "E1"), ("B", "E2"), ("D", "E3"), ("G", "E2")],
        pilots={"C": Stage.PRODUCTION},
        enablers={
            "E1": (EnablerStatus.PLANNED, None),
            "E2": (EnablerStatus.PLANNED, None),
            "E3": (EnablerStatus.READY, None),
        },
    )
    analysis = analyse_dependencies(portfolio, npv={"A": 100, "B": 50, "C": 1000, "D": 70, "G": -30})
    assert [(e.enabler, e.value_unblocked, e.dependents) for e in analysis.critical] == [
        ("E1", 150.0, ("A", "B")),
        ("E2", 50.0, ("B", "G")),
    ]
    assert [e.enabler for e in analysis.enablers] == ["E1", "E3", "E2"]  # E3: D's 70 though it is ready
    assert analysis.enablers[1].ready


def test_value_unblocked_defaults_to_the_npv_of_the_finance_engine() -> None:
    # One pilot: investment 1,000, benefit 1,200 a year, 1-year horizon, 10 % a year, no ramp.
    # The independent peer numpy-financial gives the NPV of the monthly flows at the monthly rate.
    portfolio = Portfolio(
        as_of=TODAY,
        finance=FinanceSettings(discount_rate=0.10, horizon_years=1, ramp_months=0),
        pilots=[
            Pilot(id="A", name="A", financials=Financials(scale_investment=1000, annual_benefit=1200)),
        ],
        enablers=[Enabler(id="E", name="E")],
        dependencies=[Dependency(pilot="A", on="E")],
    )
    expected = npf.npv(1.10 ** (1 / 12) - 1, [-1000] + [100] * 12)
    (enabler,) = analyse_dependencies(portfolio).critical
    assert enabler.value_unblocked == pytest.approx(expected)


def test_slip_moves_every_transitive_dependent_whose_date_depends_on_it() -> None:
    # E1 ETA 1 March, E2 ETA 1 April. A needs E1 → earliest 1 March. B needs A and E2 → 1 April.
    # C needs A → 1 March. E1 slips 2 weeks → 15 March: A and C move to 15 March, B stays 1 April.
    portfolio = _portfolio(
        [("A", "E1"), ("B", "A"), ("B", "E2"), ("C", "A")],
        enablers={
            "E1": (EnablerStatus.IN_PROGRESS, date(2026, 3, 1)),
            "E2": (EnablerStatus.PLANNED, date(2026, 4, 1)),
        },
    )
    impact = slip(portfolio, "E1", 2)
    by_pilot = {s.pilot: s for s in impact.affected}
    assert set(by_pilot) == {"A", "B", "C"}
    assert by_pilot["A"].before == date(2026, 3, 1) and by_pilot["A"].after == date(2026, 3, 15)
    assert by_pilot["C"].days == 14
    assert by_pilot["B"].before == by_pilot["B"].after == date(2026, 4, 1)
    assert [s.pilot for s in impact.slipped] == ["A", "C"]
    # A five-week slip (5 April) now moves B too, by 4 days.
    later = {s.pilot: s for s in slip(portfolio, "E1", 5).slipped}
    assert later["B"].after == date(2026, 4, 5) and later["B"].days == 4


def test_slip_of_an_overdue_enabler_counts_from_today_and_unknown_dates_stay_unknown() -> None:
    # E1's ETA (1 Dec 2025) has passed: it is expected today (1 Jan 2026); a 1-week slip → 8 Jan.
    # E2 has no ETA: its dependent's date is unknown and cannot slip.
    portfolio = _portfolio(
        [("A", "E1"), ("B", "E2")],
        enablers={"E1": (EnablerStatus.PLANNED, date(2025, 12, 1)), "E2": (EnablerStatus.PLANNED, None)},
    )
    (a,) = slip(portfolio, "E1", 1).affected
    assert (a.before, a.after) == (TODAY, date(2026, 1, 8))
    (b,) = slip(portfolio, "E2", 3).affected
    assert b.before is None and b.after is None and not b.slips


def test_a_slip_past_the_end_of_the_calendar_is_a_plain_error() -> None:
    # ETA 1 Dec 9999 + 5 weeks = 5 Jan 10000, past date.max: this used to raise OverflowError
    portfolio = _portfolio([("A", "E")], enablers={"E": (EnablerStatus.PLANNED, date(9999, 12, 1))})
    past_the_end = "slip: 5 weeks after 9999-12-01 runs past the end of the calendar"
    with pytest.raises(LiftoffError, match=past_the_end):
        slip(portfolio, "E", 5)
    with pytest.raises(LiftoffError, match="slip: 1000000000000 weeks after"):
        slip(portfolio, "E", 10**12)
    # 4 weeks = 29 Dec 9999 still fits
    (a,) = slip(portfolio, "E", 4).affected
    assert a.after == date(9999, 12, 29)


def test_a_ready_enabler_cannot_slip_and_bad_requests_are_refused() -> None:
    portfolio = _portfolio([("A", "E")], enablers={"E": (EnablerStatus.READY, None)})
    impact = slip(portfolio, "E", 4)
    assert [(s.pilot, s.before, s.after) for s in impact.affected] == [("A", TODAY, TODAY)]
    assert impact.slipped == ()
    with pytest.raises(LiftoffError, match="unknown enabler 'X'"):
        slip(portfolio, "X", 1)
    with pytest.raises(LiftoffError, match="weeks must be 0 or more"):
        slip(portfolio, "E", -1)


def test_would_create_cycle_names_the_cycle_the_new_edge_would_close() -> None:
    # B depends on A, C depends on B. "A depends on C" closes A → C → B → A.
    portfolio = _portfolio([("B", "A"), ("C", "B")], enablers={"E": (EnablerStatus.PLANNED, None)})
    assert would_create_cycle(portfolio, "A", "C") == ["A", "C", "B", "A"]
    assert would_create_cycle(portfolio, "A", "A") == ["A", "A"]
    assert would_create_cycle(portfolio, "C", "A") is None  # a shortcut, not a cycle
    assert would_create_cycle(portfolio, "A", "E") is None
    with pytest.raises(LiftoffError, match="unknown pilot or enabler 'Z'"):
        would_create_cycle(portfolio, "A", "Z")


def test_a_retired_pilot_never_becomes_ready_so_its_dependents_have_no_date() -> None:
    # A is retired; B depends on A; C depends only on the enabler E (ETA 1 June).
    portfolio = _portfolio(
        [("B", "A"), ("C", "E")],
        pilots={"A": Stage.RETIRED},
        enablers={"E": (EnablerStatus.PLANNED, date(2026, 6, 1))},
    )
    earliest = analyse_dependencies(portfolio, npv={}).earliest
    assert earliest["A"] is None and earliest["B"] is None
    assert earliest["C"] == date(2026, 6, 1)
    assert analyse_dependencies(portfolio, npv={}).blocked["B"].chain == ("B", "A")
