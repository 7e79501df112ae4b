"""Why a pilot scores as it does, why it is stuck, and which remedies lift it most.

``explain(prepared, weights, pilot_id)`` gives, for one pilot:

- every criterion's contribution: its rating (None when a derived rating cannot be assessed), the
  evidence behind it, its share of its dimension's weight, the points it adds to the dimension score
  and the points it leaves on the table (the gap to a 5), also in composite points;
- the largest gaps, by composite points;
- the failure modes present: a mode applies when at least ``min_signals`` of its signals show, a signal
  being its criterion rated at or below ``at_most`` (a derived rating that is not assessed never signals);
- the remedies of those modes, and the remedies of the failed production gate checks (a remedy that
  lifts a criterion of a failed check above its rating, the rule `planner.triage.remediation` plans with),
  ranked by expected uplift: how many composite points the pilot gains if the remedy's lifts are
  applied (each lifted rating becomes max(rating, level)), with weeks, owner role and the decision the
  pilot would then get;
- the production gate results, and the failed checks that no remedy of the method addresses;
- the large gaps (a rating of LARGE_GAP_RATING or less) that no ranked remedy lifts, so that a reader
  is told plainly where the method has no fix (benefit at scale, for one, is the case's economics).

``gate_remedy(explanation, gate)`` is the best-ranked remedy for one failed check, for a checklist
that names the fix beside each failing check.

Example: a dimension with criteria weighted 3 and 1 rated 4 and 2 scores 100·(3·4 + 1·2)/(5·4) = 70;
the first contributes 100·3·4/20 = 60 points and leaves 100·3·(5−4)/20 = 15 on the table.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from planner.method import DIMENSIONS, Weights
from planner.model import Decision, Rating
from planner.triage.remediation import gate_remedies
from planner.triage.scoring import (
    RULE_DECISION,
    FloatArray,
    GateResult,
    Prepared,
    composite_scores,
    decision_rules,
    dimension_scores_of,
    weight_vectors,
)

LARGE_GAP_RATING = 2.0  # a criterion rated this low or lower is a large gap the reader must see answered


@dataclass(frozen=True, slots=True)
class Contribution:
    criterion: str
    name: str
    dimension: str
    rating: float | None  # None: a derived rating that could not be assessed
    # "assumed" / "reported" / "verified", "missing", "derived: <how>", or for a workshop's consensus
    # "median of N raters" / "one rater" / "set by the facilitator" (the note is then its rationale)
    evidence: str
    note: str
    weight_share: float  # share of the dimension's assessed weight, 0–1 (0 when not assessed)
    points: float  # points this rating adds to the dimension score (0–100 scale)
    gap: float  # dimension points missing to a rating of 5
    composite_points: float  # `points` as composite points
    composite_gap: float  # `gap` as composite points


@dataclass(frozen=True, slots=True)
class FailureModeHit:
    mode: str
    name: str
    description: str
    signals: tuple[str, ...]  # criteria whose ratings signal this mode


@dataclass(frozen=True, slots=True)
class RemedyOption:
    remedy: str
    name: str
    description: str
    weeks: int
    owner_role: str
    modes: tuple[str, ...]  # failure modes present that this remedy addresses
    gates: tuple[str, ...]  # failed gate checks that this remedy addresses
    lifts: dict[str, int]
    uplift: float  # expected composite increase in points
    decision_after: Decision  # computed decision with the lifted ratings
    changes_decision: bool


@dataclass(frozen=True, slots=True)
class Explanation:
    pilot: str
    value: float
    readiness: float
    sponsorship: float
    composite: float
    decision: Decision  # computed by the method's rules (overrides are not applied here)
    contributions: tuple[Contribution, ...]  # in method order
    largest_gaps: tuple[Contribution, ...]  # positive composite gaps, largest first
    failure_modes: tuple[FailureModeHit, ...]
    remedies: tuple[RemedyOption, ...]  # best expected uplift first
    gates: tuple[GateResult, ...]
    unremedied_gates: tuple[str, ...]  # ids of failed gate checks no remedy of the method addresses
    unremedied_gaps: tuple[Contribution, ...]  # rated ≤ LARGE_GAP_RATING and lifted by no ranked remedy


def explain(prepared: Prepared, weights: Weights, pilot_id: str, top_gaps: int = 5) -> Explanation:
    """The explanation of one pilot under these weights; KeyError if the pilot is unknown."""
    i = prepared.row(pilot_id)
    method = prepared.method
    w, dw = weight_vectors(prepared, weights)
    ratings = prepared.ratings[i : i + 1]
    assessed = prepared.assessed[i : i + 1]
    dims = dimension_scores_of(ratings, assessed, prepared.dimension_of, w)
    composite = float(composite_scores(dims, dw)[0])
    months = prepared.months[i : i + 1]
    gates_ok = prepared.gates_ok[i : i + 1]
    code = int(decision_rules(dims, months, gates_ok, weights.thresholds)[0])
    decision = RULE_DECISION[code]

    dim_weight_share = dw / dw.sum() if dw.sum() > 0 else np.zeros_like(dw)
    pilot = prepared.portfolio.pilots[i]
    contributions: list[Contribution] = []
    # plain Python values once: indexing numpy arrays element by element is slow
    dimension_of = prepared.dimension_of.tolist()
    assessed_row, ratings_row, weight = assessed[0].tolist(), ratings[0].tolist(), w.tolist()
    dim_total = [0.0] * len(DIMENSIONS)
    for j, d in enumerate(dimension_of):
        if assessed_row[j]:
            dim_total[d] += weight[j]
    for j, crit in enumerate(method.criteria):
        d = dimension_of[j]
        total_w = dim_total[d]
        is_assessed = assessed_row[j]
        rating = float(ratings_row[j]) if is_assessed else None
        share = weight[j] / total_w if is_assessed and total_w > 0 else 0.0
        points = 100.0 * share * (rating or 0.0) / 5.0
        gap = 100.0 * share * (5.0 - (rating or 0.0)) / 5.0 if is_assessed else 0.0
        if crit.derived is not None:
            evidence, note = f"derived: {prepared.notes[i].get(crit.id, crit.derived.value)}", ""
        elif crit.id in pilot.ratings:
            evidence, note = _evidence(pilot.ratings[crit.id])
        else:
            evidence, note = "missing", ""
        contributions.append(
            Contribution(
                criterion=crit.id,
                name=crit.name,
                dimension=DIMENSIONS[d],
                rating=rating,
                evidence=evidence,
                note=note,
                weight_share=share,
                points=points,
                gap=gap,
                composite_points=points * float(dim_weight_share[d]),
                composite_gap=gap * float(dim_weight_share[d]),
            )
        )
    gaps = sorted(
        (c for c in contributions if c.composite_gap > 1e-12),
        key=lambda c: (-c.composite_gap, c.criterion),
    )

    column = {c: j for j, c in enumerate(prepared.criteria)}
    hits: list[FailureModeHit] = []
    for mode in method.failure_modes:
        signals = tuple(
            s.criterion
            for s in mode.signals
            if assessed[0, column[s.criterion]] and ratings[0, column[s.criterion]] <= s.at_most
        )
        if len(signals) >= mode.min_signals:
            hits.append(FailureModeHit(mode.id, mode.name, mode.description, signals))

    addressed: dict[str, list[str]] = {}
    for hit in hits:
        for rid in next(m for m in method.failure_modes if m.id == hit.mode).remedies:
            addressed.setdefault(rid, []).append(hit.mode)
    pilot_ratings = {c: (float(ratings[0, j]) if assessed[0, j] else None) for c, j in column.items()}
    failed = [g.gate for g in prepared.gates[i] if not g.passed]
    for_gates = gate_remedies(method, pilot_ratings, failed)
    remedies_by_id = {r.id: r for r in method.remedies}
    options: list[RemedyOption] = []
    rids = [r.id for r in method.remedies if r.id in addressed or r.id in for_gates]
    # every remedy's lifted ratings as one row each: scored and decided in one pass
    lifted = np.vstack(
        [_lift(ratings, assessed, remedies_by_id[rid].lifts, column) for rid in rids] or [ratings]
    )
    many = np.repeat(assessed, len(lifted), axis=0)
    new_dims = dimension_scores_of(lifted, many, prepared.dimension_of, w)
    new_composites = composite_scores(new_dims, dw)
    new_codes = decision_rules(
        new_dims, np.repeat(months, len(lifted)), np.repeat(gates_ok, len(lifted)), weights.thresholds
    )
    for k, rid in enumerate(rids):
        remedy = remedies_by_id[rid]
        new_composite = float(new_composites[k])
        after = RULE_DECISION[int(new_codes[k])]
        options.append(
            RemedyOption(
                remedy=rid,
                name=remedy.name,
                description=remedy.description,
                weeks=remedy.weeks,
                owner_role=remedy.owner_role,
                modes=tuple(addressed.get(rid, ())),
                gates=for_gates.get(rid, ()),
                lifts=dict(remedy.lifts),
                uplift=max(0.0, new_composite - composite),
                decision_after=after,
                changes_decision=after is not decision,
            )
        )
    options.sort(key=lambda o: (-round(o.uplift, 9), o.weeks, o.remedy))
    return Explanation(
        pilot=pilot_id,
        value=float(dims[0, 0]),
        readiness=float(dims[0, 1]),
        sponsorship=float(dims[0, 2]),
        composite=composite,
        decision=decision,
        contributions=tuple(contributions),
        largest_gaps=tuple(gaps[:top_gaps]),
        failure_modes=tuple(hits),
        remedies=tuple(options),
        gates=prepared.gates[i],
        unremedied_gates=tuple(g for g in failed if not any(g in gs for gs in for_gates.values())),
        unremedied_gaps=tuple(
            c
            for c in contributions
            if c.rating is not None
            and c.rating <= LARGE_GAP_RATING
            and not any(o.lifts.get(c.criterion, 0) > c.rating for o in options)
        ),
    )


def gate_remedy(explanation: Explanation, gate: str) -> RemedyOption | None:
    """The best-ranked remedy that addresses the failed gate check `gate`; None when none does."""
    return next((r for r in explanation.remedies if gate in r.gates), None)


def _lift(
    ratings: FloatArray, assessed: np.ndarray, lifts: dict[str, int], column: dict[str, int]
) -> FloatArray:
    """Ratings with each lifted criterion raised to at least its level; not-assessed ones stay out."""
    out = ratings.copy()
    for crit, level in lifts.items():
        j = column[crit]
        if assessed[0, j]:
            out[0, j] = max(out[0, j], float(level))
    return out


def _evidence(rating: Rating) -> tuple[str, str]:
    """The evidence and note behind a typed rating's consensus, in words."""
    if rating.consensus is not None:
        return "set by the facilitator", rating.consensus.rationale
    if rating.raters:
        count = len(rating.raters)
        return ("one rater" if count == 1 else f"median of {count} raters"), ""
    return rating.evidence.value, rating.note
