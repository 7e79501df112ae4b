"""Where a workshop's raters disagree, and which decisions their disagreement would flip.

For every pilot the method's decision rules are applied to several versions of its ratings:

- the **consensus** (what scoring reads, see ``planner.triage.consensus``);
- each **rater's own view**: the consensus with that rater's values in place wherever they rated;
- the **low end** of the spread (every criterion the raters rated at its lowest rater value, the
  rest at the consensus) and the **high end** (the highest values).

A pilot is **contested** when those decisions are not all the same (raters who rated nothing of the
pilot have no view of it). The **discussion queue** lists contested pilots by the value at stake,
most first: the pilot's NPV at scale as an amount, since a wrong "scale" on a losing case loses it
and a wrong "stop" on a winning one forgoes it; ties go by name, then id. For a contested pilot,
`flips` names each criterion whose low or high end alone (everything else at the consensus)
changes the decision: where the room's discussion should start.

These are the method's decisions; a committee's override of a pilot's decision stands whatever the
room rated, and is not part of this analysis.

Example, with the default thresholds (a value of 60 is a strong case): three raters give a value
criterion 2, 3 and 4, so the consensus is 3 and the pilot's value is 62 — fix then scale. Under the
rater who gave 2 the value is 55 — pivot. The pilot is contested, and that criterion flips it at its
low end.

Everything is computed at once for all pilots and raters with numpy (one matrix product per view)
from the raters' values scoring's ``prepare`` already laid out (``Prepared.panel``);
`Disagreement.pilot(id)` builds one pilot's detail on demand.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
import numpy.typing as npt

from planner.method import Method, Weights, effective_weights
from planner.model import Decision, Portfolio
from planner.triage.consensus import (
    FloatArray,
    IntArray,
    Source,
    SpreadArrays,
    consensus_source,
    spread_arrays,
)
from planner.triage.decisions import RULE_DECISION, decision_rules
from planner.triage.derived import pilot_npv
from planner.triage.scoring import Prepared, dimension_scores_of, prepare, weight_vectors

BoolArray = npt.NDArray[np.bool_]
DECISIONS = tuple(Decision)
# rule code → index into DECISIONS (two rules may give the same decision)
_DECISION_OF_RULE = np.array([DECISIONS.index(d) for d in RULE_DECISION], dtype=np.int64)


@dataclass(frozen=True, slots=True)
class CriterionSpread:
    """One criterion of one pilot that raters rated or the facilitator set."""

    criterion: str
    consensus: float  # the value scoring reads
    source: Source
    values: dict[str, int]  # rater id → value, in the workshop's order of raters
    low: float | None  # None when no rater rated it (only the facilitator's value is set)
    high: float | None
    q1: float | None
    q3: float | None

    @property
    def range(self) -> float:
        return 0.0 if self.low is None or self.high is None else self.high - self.low

    @property
    def iqr(self) -> float:
        return 0.0 if self.q1 is None or self.q3 is None else self.q3 - self.q1


@dataclass(frozen=True, slots=True)
class Flip:
    """Setting `criterion` alone to the `end` of its spread (`value`) would make the decision `decision`."""

    criterion: str
    end: Literal["low", "high"]
    value: float
    decision: Decision


@dataclass(frozen=True, slots=True)
class PilotDisagreement:
    pilot: str
    raters: tuple[str, ...]  # who rated at least one criterion of the pilot
    consensus: Decision  # the method's decision under the consensus
    by_rater: dict[str, Decision]  # under each of those raters' own view
    low: Decision  # at the low end of the spread
    high: Decision  # at the high end
    contested: bool
    at_stake: float  # the NPV at scale as an amount (see the module docstring)
    spreads: tuple[CriterionSpread, ...]  # method order
    flips: tuple[Flip, ...]  # empty unless contested

    @property
    def decisions(self) -> tuple[Decision, ...]:
        """Every distinct decision the views give, in the method's order (stop first)."""
        seen = {self.consensus, self.low, self.high, *self.by_rater.values()}
        return tuple(d for d in DECISIONS if d in seen)


@dataclass(frozen=True, eq=False)
class Disagreement:
    """The analysis of one portfolio's workshop: arrays for all pilots, details on demand.

    Arrays follow the prepared pilots (rows), criteria (columns) and the workshop's raters; decisions
    are indices into `DECISIONS`.
    """

    prepared: Prepared
    weights: Weights
    raters: tuple[str, ...]
    values: FloatArray  # (pilots, criteria, raters), NaN where a rater gave no value
    spread: SpreadArrays  # (pilots, criteria)
    rated: BoolArray  # (raters, pilots): the rater rated at least one criterion of the pilot
    consensus: IntArray  # (pilots,)
    by_rater: IntArray  # (raters, pilots), meaningful where `rated`
    low: IntArray  # (pilots,)
    high: IntArray  # (pilots,)
    contested: BoolArray  # (pilots,)
    at_stake: FloatArray  # (pilots,)
    queue: tuple[str, ...]  # contested pilot ids, most value at stake first

    def pilot(self, pilot_id: str) -> PilotDisagreement:
        """One pilot's decisions, spreads and flips; KeyError naming an unknown pilot."""
        prepared = self.prepared
        i = prepared.row(pilot_id)
        pilot = prepared.portfolio.pilots[i]
        raters = tuple(r for k, r in enumerate(self.raters) if self.rated[k, i])
        spreads = []
        for j, crit in enumerate(prepared.method.criteria):
            rating = pilot.ratings.get(crit.id)
            if crit.derived is not None or rating is None or not (rating.raters or rating.consensus):
                continue
            some = bool(self.spread.count[i, j])

            def cell(a: FloatArray, j: int = j, some: bool = some) -> float | None:
                return float(a[i, j]) if some else None

            spreads.append(
                CriterionSpread(
                    criterion=crit.id,
                    consensus=float(prepared.ratings[i, j]),
                    source=consensus_source(rating),
                    values={r: rating.raters[r].score for r in self.raters if r in rating.raters},
                    low=cell(self.spread.low),
                    high=cell(self.spread.high),
                    q1=cell(self.spread.q1),
                    q3=cell(self.spread.q3),
                )
            )
        contested = bool(self.contested[i])
        return PilotDisagreement(
            pilot=pilot_id,
            raters=raters,
            consensus=DECISIONS[self.consensus[i]],
            by_rater={
                r: DECISIONS[self.by_rater[k, i]] for k, r in enumerate(self.raters) if self.rated[k, i]
            },
            low=DECISIONS[self.low[i]],
            high=DECISIONS[self.high[i]],
            contested=contested,
            at_stake=float(self.at_stake[i]),
            spreads=tuple(spreads),
            flips=self._flips(i) if contested else (),
        )

    def _flips(self, i: int) -> tuple[Flip, ...]:
        """Criteria whose low or high end alone changes pilot row `i`'s decision."""
        low, high = self.spread.low[i], self.spread.high[i]
        candidates = np.flatnonzero((self.spread.count[i] > 0) & (high > low))
        if candidates.size == 0:
            return ()
        base = self.prepared.ratings[i]
        views = np.repeat(base[None, :], 2 * candidates.size, axis=0)
        ends = np.concatenate([low[candidates], high[candidates]])
        views[np.arange(views.shape[0]), np.concatenate([candidates, candidates])] = ends
        decided = _decide(self.prepared, self.weights, views, np.full(views.shape[0], i))
        criteria = self.prepared.criteria
        flips = []
        for k, code in enumerate(decided.tolist()):
            if code != self.consensus[i]:
                j = int(candidates[k % candidates.size])
                end: Literal["low", "high"] = "low" if k < candidates.size else "high"
                flips.append(Flip(criteria[j], end, float(ends[k]), DECISIONS[code]))
        order = {c: n for n, c in enumerate(criteria)}
        return tuple(sorted(flips, key=lambda f: (order[f.criterion], f.end != "low")))


def _decide(prepared: Prepared, weights: Weights, ratings: FloatArray, rows: IntArray) -> IntArray:
    """The method's decision (index into DECISIONS) for each row of `ratings`, scored as pilot `rows`."""
    w, _dw = weight_vectors(prepared, weights)
    dims = dimension_scores_of(ratings, prepared.assessed[rows], prepared.dimension_of, w)
    codes = decision_rules(dims, prepared.months[rows], prepared.gates_ok[rows], weights.thresholds)
    decided: IntArray = _DECISION_OF_RULE[codes]
    return decided


def analyse_disagreement(prepared: Prepared, weights: Weights) -> Disagreement:
    """Each rater's decision, the decisions at the ends of the spread, contested pilots and the
    discussion queue for every pilot (see the module docstring)."""
    portfolio = prepared.portfolio
    values = prepared.panel
    spread = spread_arrays(values)
    consensus_ratings = prepared.ratings
    n, m = consensus_ratings.shape
    r = values.shape[2]
    rows = np.arange(n)
    consensus = _decide(prepared, weights, consensus_ratings, rows)

    some = spread.count > 0
    low = _decide(prepared, weights, np.where(some, spread.low, consensus_ratings), rows)
    high = _decide(prepared, weights, np.where(some, spread.high, consensus_ratings), rows)
    views = np.where(np.isnan(values), consensus_ratings[:, :, None], values)  # (pilots, criteria, raters)
    by_rater = _decide(
        prepared, weights, views.transpose(2, 0, 1).reshape(r * n, m), np.tile(rows, r)
    ).reshape(r, n)
    rated: BoolArray = np.any(~np.isnan(values), axis=1).T  # (raters, pilots)

    contested = (low != consensus) | (high != consensus) | ((by_rater != consensus) & rated).any(axis=0)
    finance = portfolio.finance
    at_stake = np.array([abs(pilot_npv(p.financials, finance)) for p in portfolio.pilots], dtype=float)
    pilots = portfolio.pilots
    queue = sorted(
        np.flatnonzero(contested).tolist(), key=lambda k: (-at_stake[k], pilots[k].name, pilots[k].id)
    )
    return Disagreement(
        prepared=prepared,
        weights=weights,
        raters=prepared.raters,
        values=values,
        spread=spread,
        rated=rated,
        consensus=consensus,
        by_rater=by_rater,
        low=low,
        high=high,
        contested=contested,
        at_stake=at_stake,
        queue=tuple(prepared.pilot_ids[k] for k in queue),
    )


def disagreement(portfolio: Portfolio, method: Method) -> Disagreement:
    """`analyse_disagreement` with the portfolio's own weights and thresholds."""
    return analyse_disagreement(prepare(portfolio, method), effective_weights(method, portfolio))
