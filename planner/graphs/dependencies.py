"""The dependency graph: what must be production-ready before each pilot can go live.

Pilots depend on other pilots and on shared enablers (data platform, MLOps platform, identity…).
The graph has one node per pilot and enabler and one edge per dependency, pointing from the
dependency to the dependent (``on → pilot``), so edges follow the order in which work completes.

Readiness: a pilot is ready when its stage is ``production``; an enabler when its status is
``ready``. A pilot is *blocked* when one of its direct dependencies is not ready.

Cycles: the model accepts a file with a dependency cycle (so the app can open it and show the
cycle), and every analysis here raises `DependencyCycleError` naming the cycle in order, with
``→`` read as "depends on", e.g. ``P-03 → P-07 → P-03``.

Example: enabler E (planned, ETA 1 March) ← pilot A ← pilot B. Waves are ``[E], [A], [B]``; A and B
are blocked; B's blocking chain is ``B → A → E`` (E is the root blocker: nothing stops work on it);
if E slips by two weeks, A and B slip to 15 March.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

import networkx as nx

from planner.errors import LiftoffError
from planner.model import EnablerStatus, Portfolio, Stage

PILOT = "pilot"
ENABLER = "enabler"


class DependencyCycleError(LiftoffError):
    """The dependencies contain a cycle; `cycle` lists it in "depends on" order, first id repeated last."""

    def __init__(self, cycle: tuple[str, ...]) -> None:
        self.cycle = cycle
        super().__init__(f"dependency cycle: {' → '.join(cycle)} (→ means 'depends on')")


@dataclass(frozen=True, slots=True)
class BlockedPilot:
    """A pilot that cannot go to production yet, and why.

    ``blocked_by``: its direct dependencies that are not ready. ``root_blockers``: the not-ready items
    behind it whose own dependencies are all ready, i.e. where work can start now. ``chain``: one
    shortest path from the pilot through not-ready items to a root blocker (pilot first).
    """

    pilot: str
    blocked_by: tuple[str, ...]
    root_blockers: tuple[str, ...]
    chain: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class EnablerValue:
    """An enabler with the pilots that transitively need it and the NPV they represent."""

    enabler: str
    ready: bool
    dependents: tuple[str, ...]  # pilots depending on it directly or through other pilots, not yet live
    value_unblocked: float  # sum of the positive NPVs of those pilots


@dataclass(frozen=True, slots=True)
class DependencyAnalysis:
    """Everything the dependency map, the CLI and the plans show, computed in one pass."""

    waves: tuple[tuple[str, ...], ...]  # topological generations: wave 0 needs nothing
    wave_of: dict[str, int]
    kinds: dict[str, str]  # id -> "pilot" | "enabler"
    ready: dict[str, bool]
    blocked: dict[str, BlockedPilot]  # by pilot id, only blocked pilots
    critical: tuple[EnablerValue, ...]  # not-ready enablers with dependents, most value first
    enablers: tuple[EnablerValue, ...]  # every enabler, most value first
    earliest: dict[str, date | None]  # earliest date each item can be ready given ETAs; None = unknown/never


@dataclass(frozen=True, slots=True)
class PilotSlip:
    pilot: str
    before: date | None
    after: date | None

    @property
    def slips(self) -> bool:
        """True when the earliest date moves later (or becomes unknown)."""
        if self.before is None:
            return False
        return self.after is None or self.after > self.before

    @property
    def days(self) -> int | None:
        """Days of delay; None when a date is unknown."""
        if self.before is None or self.after is None:
            return None
        return (self.after - self.before).days


@dataclass(frozen=True, slots=True)
class SlipImpact:
    """What-if: `enabler` slips by `weeks`. ``affected`` lists every transitive dependent pilot."""

    enabler: str
    weeks: int
    affected: tuple[PilotSlip, ...]

    @property
    def slipped(self) -> tuple[PilotSlip, ...]:
        """The affected pilots whose earliest date actually moves."""
        return tuple(s for s in self.affected if s.slips)


def dependency_graph(portfolio: Portfolio) -> nx.DiGraph:
    """Nodes: every pilot and enabler (attribute ``kind``); edges ``on → pilot`` per dependency.

    The graph may contain cycles; use `check_acyclic` before relying on an order.
    """
    graph = nx.DiGraph()
    for pilot in portfolio.pilots:
        graph.add_node(pilot.id, kind=PILOT)
    for enabler in portfolio.enablers:
        graph.add_node(enabler.id, kind=ENABLER)
    graph.add_edges_from((dep.on, dep.pilot) for dep in portfolio.dependencies)
    return graph


def _rotate(cycle: list[str]) -> tuple[str, ...]:
    """The cycle started at its smallest id (so the message is stable), first id repeated last."""
    start = cycle.index(min(cycle))
    ordered = cycle[start:] + cycle[:start]
    return (*ordered, ordered[0])


def find_cycle(graph: nx.DiGraph) -> tuple[str, ...] | None:
    """One cycle of a dependency graph in "depends on" order (first id repeated last), or None."""
    if nx.is_directed_acyclic_graph(graph):  # fast path: find_cycle's edge DFS is slow on big graphs
        return None
    try:
        edges = nx.find_cycle(graph)
    except nx.NetworkXNoCycle:
        return None
    # Edges run dependency -> dependent; reading them backwards gives "depends on" order.
    return _rotate([edge[1] for edge in reversed(edges)])


def check_acyclic(graph: nx.DiGraph) -> None:
    """Raises `DependencyCycleError` naming a cycle if the graph has one."""
    cycle = find_cycle(graph)
    if cycle is not None:
        raise DependencyCycleError(cycle)


def would_create_cycle(portfolio: Portfolio, pilot: str, on: str) -> list[str] | None:
    """The cycle that "`pilot` depends on `on`" would close, in "depends on" order, or None if safe.

    E.g. with B depending on A, adding "A depends on B" returns ``["A", "B", "A"]``. Unknown ids raise
    `LiftoffError`.
    """
    graph = dependency_graph(portfolio)
    for item in (pilot, on):
        if item not in graph:
            raise LiftoffError(f"dependency: unknown pilot or enabler {item!r}")
    if pilot == on:
        return [pilot, pilot]
    try:
        path = nx.shortest_path(graph, pilot, on)  # on (transitively) depends on pilot
    except nx.NetworkXNoPath:
        return None
    return [pilot, *reversed(path)]


def readiness(portfolio: Portfolio) -> dict[str, bool]:
    """Production-ready flag per pilot (stage production) and enabler (status ready)."""
    ready = {p.id: p.stage == Stage.PRODUCTION for p in portfolio.pilots}
    ready.update({e.id: e.status == EnablerStatus.READY for e in portfolio.enablers})
    return ready


def pilot_npvs(portfolio: Portfolio, only: Collection[str] | None = None) -> dict[str, float]:
    """Each pilot's NPV at scale under the portfolio's finance settings (`planner.triage.finance.evaluate`),
    for every pilot or only those in `only`."""
    from planner.triage.finance import evaluate

    return {
        p.id: evaluate(p.financials, portfolio.finance).npv
        for p in portfolio.pilots
        if only is None or p.id in only
    }


def analyse_dependencies(portfolio: Portfolio, npv: Mapping[str, float] | None = None) -> DependencyAnalysis:
    """Waves, blocked pilots with chains, enablers ranked by value unblocked, earliest dates.

    `npv` gives each pilot's value (default: `pilot_npvs`). Pilots already in production or retired
    unblock nothing; negative NPVs count as zero. Raises `DependencyCycleError` on a cycle.
    """
    graph = dependency_graph(portfolio)
    check_acyclic(graph)
    ready = readiness(portfolio)
    kinds: dict[str, str] = dict(graph.nodes(data="kind"))

    generations = [tuple(sorted(gen)) for gen in nx.topological_generations(graph)]
    wave_of = {node: index for index, gen in enumerate(generations) for node in gen}
    order = [node for gen in generations for node in gen]

    # Dynamic programming in topological order: each not-ready item's root blockers and one
    # shortest chain to a root blocker, built from its not-ready dependencies.
    roots: dict[str, frozenset[str]] = {}
    chain: dict[str, tuple[str, ...]] = {}
    blocked: dict[str, BlockedPilot] = {}
    for node in order:
        if ready[node]:
            continue
        waiting = sorted(dep for dep in graph.predecessors(node) if not ready[dep])
        if not waiting:
            roots[node] = frozenset((node,))
            chain[node] = (node,)
            continue
        roots[node] = frozenset().union(*(roots[dep] for dep in waiting))
        best = min(waiting, key=lambda dep: (len(chain[dep]), dep))
        chain[node] = (node, *chain[best])
        if kinds[node] == PILOT:
            blocked[node] = BlockedPilot(node, tuple(waiting), tuple(sorted(roots[node])), chain[node])

    # Which enablers each item needs, directly or through other pilots, as a bitset over enablers.
    enabler_ids = [e.id for e in portfolio.enablers]
    bit = {enabler: 1 << i for i, enabler in enumerate(enabler_ids)}
    needs: dict[str, int] = {}
    for node in order:
        mask = bit.get(node, 0)
        for dep in graph.predecessors(node):
            mask |= needs[dep]
        needs[node] = mask
    live = {p.id for p in portfolio.pilots if p.stage in (Stage.PRODUCTION, Stage.RETIRED)}
    dependents_of: dict[str, list[str]] = {enabler: [] for enabler in enabler_ids}
    for pilot in sorted(p.id for p in portfolio.pilots if p.id not in live and needs[p.id]):
        mask = needs[pilot]
        for enabler in enabler_ids:
            if mask & bit[enabler]:
                dependents_of[enabler].append(pilot)
    if npv is None:
        wanted = {p for pilots in dependents_of.values() for p in pilots}
        values: Mapping[str, float] = pilot_npvs(portfolio, wanted)
    else:
        values = npv
    enablers = [
        EnablerValue(
            enabler,
            ready[enabler],
            tuple(dependents_of[enabler]),
            sum(max(0.0, float(values.get(p, 0.0))) for p in dependents_of[enabler]),
        )
        for enabler in enabler_ids
    ]
    enablers.sort(key=lambda e: (-e.value_unblocked, e.enabler))
    critical = tuple(e for e in enablers if not e.ready and e.dependents)

    earliest = _earliest_dates(portfolio, graph, order, ready, {})
    return DependencyAnalysis(
        waves=tuple(generations),
        wave_of=wave_of,
        kinds=kinds,
        ready=ready,
        blocked=blocked,
        critical=critical,
        enablers=tuple(enablers),
        earliest=earliest,
    )


def _earliest_dates(
    portfolio: Portfolio,
    graph: nx.DiGraph,
    order: list[str],
    ready: Mapping[str, bool],
    enabler_dates: Mapping[str, date | None],
) -> dict[str, date | None]:
    """Earliest ready date per item: ready items today; an enabler at max(today, ETA) (unknown
    without ETA) unless `enabler_dates` overrides it; a retired pilot never (None); another pilot
    when its last dependency is ready."""
    today = portfolio.as_of
    eta = {e.id: e.eta for e in portfolio.enablers}
    retired = {p.id for p in portfolio.pilots if p.stage == Stage.RETIRED}
    dates: dict[str, date | None] = {}
    for node in order:
        if ready[node]:
            dates[node] = today
        elif node in retired:
            dates[node] = None
        elif node in enabler_dates:
            dates[node] = enabler_dates[node]
        elif node in eta:
            known = eta[node]
            dates[node] = None if known is None else max(today, known)
        else:
            deps = [dates[dep] for dep in graph.predecessors(node)]
            if any(d is None for d in deps):
                dates[node] = None
            else:
                dates[node] = max([today, *(d for d in deps if d is not None)])
    return dates


def slip(portfolio: Portfolio, enabler_id: str, weeks: int) -> SlipImpact:
    """What-if: the enabler becomes ready `weeks` weeks later than its current expected date.

    Returns every pilot that transitively depends on it (not yet in production), with its earliest
    date before and after. A ready enabler cannot slip, so nothing moves; an enabler without an ETA
    stays unknown. Raises `LiftoffError` for an unknown enabler or negative weeks, and
    `DependencyCycleError` on a cycle.
    """
    enabler_ids = {e.id for e in portfolio.enablers}
    if enabler_id not in enabler_ids:
        raise LiftoffError(f"slip: unknown enabler {enabler_id!r}")
    if weeks < 0:
        raise LiftoffError(f"slip: weeks must be 0 or more, got {weeks}")
    graph = dependency_graph(portfolio)
    check_acyclic(graph)
    ready = readiness(portfolio)
    order = list(nx.topological_sort(graph))
    before = _earliest_dates(portfolio, graph, order, ready, {})
    current = before[enabler_id]
    try:
        moved = None if current is None else current + timedelta(weeks=weeks)
    except OverflowError:
        raise LiftoffError(f"slip: {weeks} weeks after {current} runs past the end of the calendar") from None
    after = (
        before if ready[enabler_id] else _earliest_dates(portfolio, graph, order, ready, {enabler_id: moved})
    )
    affected = sorted(n for n in nx.descendants(graph, enabler_id) if not ready[n])
    return SlipImpact(enabler_id, weeks, tuple(PilotSlip(p, before[p], after[p]) for p in affected))
