"""The scoring method as data: its types, what a valid method is, and its words for every surface.

A method is a JSON document: a consultancy's own, a file a colleague exported, or one shipped in
``templates/methods/``. It is untrusted input like any other file: `Method` validation checks every
reference, bound and rule, and each problem names its JSON path
(``criteria[4].inputs: derived criteria form a cycle: fit → reach → fit``); reading files is
``planner.method_files``.

This module sits below ``planner.model`` because a project file carries the method it is scored
with (``planner.model.MethodChoice.definition``). ``planner.method`` re-exports everything here and
adds what needs the portfolio (the weights in force, ``method_of``).

**Dimensions are renamed, not redefined.** A method has exactly three dimensions with the ids
``value``, ``readiness`` and ``sponsorship``: those ids are the roles the decision rules read
(a weak case is stopped or pivoted, an unready one fixed, an unsponsored one given a sponsor). A
method names and describes them as it likes ("Payoff", "Runnability", "Backing") and puts any
criteria under them; every surface shows its names. A fourth dimension, or two with one role,
would have no decision rule to feed, so it is refused.

**What every surface reads** (the one vocabulary, so nothing prints "Value" under a method that
calls it "Payoff"):

- ``method.dimension_name(id)`` — a dimension's name as a title: table headers, axes, legends;
- ``method.dimension_term(id)`` — the same name inside a sentence or a lower-case column heading
  ("value", "payoff", "AI readiness": `term_of`);
- ``method.dimension_names`` — id → name, in ``DIMENSIONS`` order (the order of every score array);
- ``method.criterion_names`` — id → name in the method's order; ``criteria_of(dimension)``;
- ``method.gate_names`` — id → name in the method's order;
- ``method.combined_text(criterion)`` — how a mean/lowest criterion is computed, in words;
- ``method.threshold_name(key)`` — a decision threshold in the method's words ("payoff of a strong
  case"), ``DIMENSION_ROLES`` — what each dimension does in the rules;
- ``method.obligations_for(tier)`` — the AI Act obligations a risk tier brings, each with its gates;
- ``planner.triage.labels.quadrants(method)`` — the matrix's quadrant names built from these.

**Derived criteria** are computed, never typed: ``benefit`` from the financials, ``sponsor_recency``
from the sponsor's last touchpoint, ``stakeholder_support`` from the stakeholder map, and
``mean``/``lowest`` of other criteria (`Criterion.inputs`), which may themselves be derived; a
chain of those that comes back to where it started is refused.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import ConfigDict, Field, StringConstraints, model_validator

from planner.fields import Id, Model, Name, RiskTier, Text

DIMENSIONS = ("value", "readiness", "sponsorship")
THRESHOLD_KEYS = (
    "stop_value",  # value below this: stop
    "stale_months",  # months in pilot after which a weak case is stopped
    "stale_value",  # value below this after stale_months: stop
    "value",  # value at or above this counts as a strong case
    "readiness",  # readiness at or above this counts as technically sound
    "sponsorship",  # sponsorship below this: secure a sponsor
)
# what each dimension does in the decision rules, whatever a method calls it
DIMENSION_ROLES = {
    "value": "the case: a weak one is stopped or re-scoped (pivot)",
    "readiness": "the engineering: an unready pilot is fixed before it scales",
    "sponsorship": "the backing: without enough, a sponsor is secured first",
}
DEFAULT_METHOD = "pilot-to-production"
# A method is a page of criteria, not a database: these bounds keep every surface (a column per
# criterion in the workbook, a row per gate in the pack) and every engine usable, and make a forged
# file fail fast. The shipped method has 19 criteria, 12 gates, 10 failure modes and 20 remedies.
MAX_METHOD_BYTES = 2 * 1024 * 1024
MAX_CRITERIA = 200
MAX_ITEMS = 200  # gates, failure modes, remedies, obligations, benefit bands
MAX_REFERENCES = 50  # criteria of one gate, signals of one failure mode, inputs of a derived criterion


def threshold_limit(key: str) -> float:
    """The highest value a decision threshold can take (the lowest is 0): 120 months, or a 0–100 score."""
    return 120.0 if key == "stale_months" else 100.0


def term_of(name: str) -> str:
    """A name as it reads inside a sentence: each word in lower case unless it holds two capitals.

    "Value" → "value", "Business case" → "business case", "AI readiness" → "AI readiness",
    "McKinsey fit" → "McKinsey fit".
    """
    return " ".join(w if sum(ch.isupper() for ch in w) >= 2 else w.lower() for w in name.split(" "))


class Derivation(StrEnum):
    """How a derived criterion's rating is computed instead of typed."""

    BENEFIT = "benefit"  # from the financials: benefit-to-investment bands
    SPONSOR_RECENCY = "sponsor_recency"  # from days since the sponsor's last touchpoint
    STAKEHOLDER_SUPPORT = "stakeholder_support"  # from the stakeholder map
    MEAN = "mean"  # the mean of its input criteria's ratings (those assessed)
    LOWEST = "lowest"  # the lowest of its input criteria's ratings (those assessed)


COMBINED = frozenset({Derivation.MEAN, Derivation.LOWEST})  # derivations that read other criteria


class Anchors(Model):
    """What a rating of 0, 1, 3 and 5 means for one criterion (2 and 4 lie between)."""

    model_config = ConfigDict(
        extra="forbid",
        allow_inf_nan=False,
        validate_by_alias=True,
        validate_by_name=True,
        serialize_by_alias=True,
    )

    a0: Text = Field(alias="0")
    a1: Text = Field(alias="1")
    a3: Text = Field(alias="3")
    a5: Text = Field(alias="5")


References = Annotated[list[Id], Field(max_length=MAX_REFERENCES)]


class Criterion(Model):
    """One rated criterion. `guidance` says what evidence backs a rating; `inputs` are the criteria a
    ``mean`` or ``lowest`` derivation reads (empty for every other kind)."""

    id: Id
    dimension: Id
    name: Name
    description: Text
    weight: float = Field(gt=0, le=100)
    anchors: Anchors
    guidance: Text = ""
    derived: Derivation | None = None
    inputs: References = Field(default_factory=list)


class Dimension(Model):
    id: Id
    name: Name
    description: Text
    weight: float = Field(gt=0, le=100)


class GateRule(StrEnum):
    """A condition computed from the data that a gate check also needs, beyond the user's tick."""

    SPONSOR_WITHIN_DAYS = "sponsor_within_days"  # a named sponsor, touched within `parameter` days
    CHANGE_BUDGET_SHARE = "change_budget_share"  # change budget >= `parameter` x scale investment
    KPI_BASELINE = "kpi_baseline"  # KPI has a name, a baseline and a target


class GateCheck(Model):
    """One production-gate check: passed when ticked and its rule (if any) holds.

    `criteria` are the ratings that evidence it, so a failed check can point at what to fix.
    """

    id: Id
    name: Name
    description: Text
    criteria: References = Field(default_factory=list)
    rule: GateRule | None = None
    parameter: float = Field(default=0.0, ge=0, le=1e6)


class Signal(Model):
    """A failure mode shows when this criterion is rated at or below `at_most`."""

    criterion: Id
    at_most: int = Field(ge=0, le=5)


class FailureMode(Model):
    """A named reason pilots get stuck; it applies when `min_signals` of its signals show."""

    id: Id
    name: Name
    description: Text
    signals: list[Signal] = Field(min_length=1, max_length=MAX_REFERENCES)
    min_signals: int = Field(default=1, ge=1)
    remedies: References = Field(min_length=1)


class Remedy(Model):
    """An action that lifts criteria ratings to at least the given level, taking `weeks`.

    The criteria it lifts are what it works on (and so the dimensions it moves): a remedy must lift
    at least one.
    """

    id: Id
    name: Name
    description: Text
    lifts: dict[Id, int] = Field(default_factory=dict, max_length=MAX_REFERENCES)
    weeks: int = Field(ge=0, le=260)
    owner_role: Annotated[str, StringConstraints(max_length=200)] = ""


class BenefitBand(Model):
    """A benefit rating applies when NPV / scale investment reaches `min_ratio`."""

    min_ratio: float
    score: int = Field(ge=0, le=5)


class Derivations(Model):
    """Parameters of the derived criteria."""

    benefit_bands: list[BenefitBand] = Field(min_length=1, max_length=MAX_ITEMS)
    sponsor_full_days: int = Field(default=30, ge=0, le=36_500)
    sponsor_zero_days: int = Field(default=180, ge=1, le=36_500)


class Obligation(Model):
    """What a risk tier under the EU AI Act requires before a system goes live, and the production
    gate checks that evidence it: a pilot of one of `tiers` cannot be scaled while any of `gates` fails.
    (The unacceptable tier has no obligations: a prohibited practice is stopped, see
    ``planner.triage.governance``.)"""

    id: Id
    name: Name
    description: Text = ""
    gates: References = Field(min_length=1)
    tiers: list[RiskTier] = Field(default_factory=lambda: [RiskTier.HIGH], min_length=1, max_length=3)


class Method(Model):
    id: Id
    name: Name
    version: Annotated[str, StringConstraints(max_length=40)] = "1"
    description: Text
    dimensions: list[Dimension] = Field(max_length=len(DIMENSIONS))
    criteria: list[Criterion] = Field(max_length=MAX_CRITERIA)
    thresholds: dict[Id, float] = Field(max_length=len(THRESHOLD_KEYS))
    gates: list[GateCheck] = Field(max_length=MAX_ITEMS)
    failure_modes: list[FailureMode] = Field(max_length=MAX_ITEMS)
    remedies: list[Remedy] = Field(max_length=MAX_ITEMS)
    derivations: Derivations
    obligations: list[Obligation] = Field(default_factory=list, max_length=MAX_ITEMS)

    @model_validator(mode="after")
    def _check(self) -> Method:
        problems = method_problems(self)
        if problems:
            raise ValueError("; ".join(problems))
        return self

    # --- the method's own words, for every surface (see the module docstring) -----------------------
    def dimension(self, dimension_id: str) -> Dimension:
        for d in self.dimensions:
            if d.id == dimension_id:
                return d
        raise KeyError(f"unknown dimension {dimension_id!r}")

    def dimension_name(self, dimension_id: str) -> str:
        """The dimension's name as a title ("Value", "Payoff")."""
        return self.dimension(dimension_id).name

    def dimension_term(self, dimension_id: str) -> str:
        """The dimension's name inside a sentence or a lower-case heading ("value", "payoff")."""
        return term_of(self.dimension(dimension_id).name)

    @property
    def dimension_names(self) -> dict[str, str]:
        """Dimension id → name, in ``DIMENSIONS`` order (the columns of every score array)."""
        return {d: self.dimension_name(d) for d in DIMENSIONS}

    @property
    def dimension_terms(self) -> tuple[str, ...]:
        """`dimension_term` of value, readiness and sponsorship, in ``DIMENSIONS`` order."""
        return tuple(self.dimension_term(d) for d in DIMENSIONS)

    @property
    def criterion_names(self) -> dict[str, str]:
        """Criterion id → name, in the method's order."""
        return {c.id: c.name for c in self.criteria}

    @property
    def gate_names(self) -> dict[str, str]:
        """Gate check id → name, in the method's order."""
        return {g.id: g.name for g in self.gates}

    def combined_text(self, criterion: Criterion) -> str:
        """How a mean or lowest criterion is computed, in words; "" for any other criterion."""
        if criterion.derived not in COMBINED:
            return ""
        names = [self.criterion(ref).name for ref in criterion.inputs]
        listed = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
        how = "the lowest" if criterion.derived is Derivation.LOWEST else "the mean"
        return f"{how} of the ratings of {listed} (those assessed)."

    def threshold_name(self, key: str) -> str:
        """A decision threshold in the method's words: "stop below this payoff", "payoff of a strong case"."""
        v, r, s = self.dimension_terms
        return {
            "stop_value": f"stop below this {v}",
            "stale_months": "months in pilot before a weak case stops",
            "stale_value": f"{v} a long-running pilot needs",
            "value": f"{v} of a strong case",
            "readiness": f"{r} of a sound pilot",
            "sponsorship": f"{s} below which a sponsor is secured first",
        }.get(key, key)

    def criterion(self, criterion_id: str) -> Criterion:
        for c in self.criteria:
            if c.id == criterion_id:
                return c
        raise KeyError(f"unknown criterion {criterion_id!r}")

    def criteria_of(self, dimension: str) -> list[Criterion]:
        return [c for c in self.criteria if c.dimension == dimension]

    def obligations_for(self, tier: RiskTier | None) -> list[Obligation]:
        """The obligations a pilot of this risk tier must meet before it scales (none for no tier)."""
        return [o for o in self.obligations if tier in o.tiers]


def method_problems(method: Method) -> list[str]:
    """Every reference, bound and rule of `method` that does not hold, each with its JSON path."""
    problems = _dimension_problems(method) + _threshold_problems(method)
    criteria = {c.id for c in method.criteria}
    gates = {g.id for g in method.gates}
    remedies = {r.id for r in method.remedies}
    for kind, ids in (
        ("criterion", [c.id for c in method.criteria]),
        ("gate", [g.id for g in method.gates]),
        ("failure mode", [f.id for f in method.failure_modes]),
        ("remedy", [r.id for r in method.remedies]),
        ("obligation", [o.id for o in method.obligations]),
    ):
        seen: set[str] = set()
        for i, item in enumerate(ids):
            if item in seen:
                field = {"criterion": "criteria", "failure mode": "failure_modes"}.get(kind, kind + "s")
                problems.append(f"{field}[{i}].id: duplicate {kind} id {item!r}")
            seen.add(item)
    problems += _derivation_problems(method, criteria)
    for i, g in enumerate(method.gates):
        for j, ref in enumerate(g.criteria):
            if ref not in criteria:
                problems.append(f"gates[{i}].criteria[{j}]: unknown criterion {ref!r}")
    for i, r in enumerate(method.remedies):
        if not r.lifts:
            problems.append(
                f"remedies[{i}].lifts: names no criterion, so the remedy works on no dimension; "
                "a remedy lifts at least one criterion"
            )
        for ref, level in r.lifts.items():
            if ref not in criteria:
                problems.append(f"remedies[{i}].lifts.{ref}: unknown criterion")
            if not 0 <= level <= 5:
                problems.append(f"remedies[{i}].lifts.{ref}: level must be 0–5, got {level}")
    for i, fm in enumerate(method.failure_modes):
        for j, s in enumerate(fm.signals):
            if s.criterion not in criteria:
                where = f"failure_modes[{i}].signals[{j}].criterion"
                problems.append(f"{where}: unknown criterion {s.criterion!r}")
        for j, ref in enumerate(fm.remedies):
            if ref not in remedies:
                problems.append(f"failure_modes[{i}].remedies[{j}]: unknown remedy {ref!r}")
        if fm.min_signals > len(fm.signals):
            problems.append(f"failure_modes[{i}].min_signals: more than its {len(fm.signals)} signals")
    for i, ob in enumerate(method.obligations):
        for j, ref in enumerate(ob.gates):
            if ref not in gates:
                problems.append(f"obligations[{i}].gates[{j}]: unknown gate check {ref!r}")
        if RiskTier.UNACCEPTABLE in ob.tiers:
            problems.append(
                f"obligations[{i}].tiers: 'unacceptable' brings no obligations to meet: a prohibited "
                "practice is stopped"
            )
    return problems


def _dimension_problems(method: Method) -> list[str]:
    dims = [d.id for d in method.dimensions]
    if sorted(dims) != sorted(DIMENSIONS):
        return [
            f"dimensions: a method names the three dimensions {', '.join(DIMENSIONS)} (in its own words), "
            f"got {', '.join(dims) or 'none'}"
        ]
    problems = []
    for i, c in enumerate(method.criteria):
        if c.dimension not in DIMENSIONS:
            problems.append(f"criteria[{i}].dimension: unknown dimension {c.dimension!r}")
    for dim in DIMENSIONS:
        if not any(c.dimension == dim for c in method.criteria):
            problems.append(f"criteria: dimension {dim!r} has no criterion")
    return problems


def _threshold_problems(method: Method) -> list[str]:
    missing = [k for k in THRESHOLD_KEYS if k not in method.thresholds]
    problems = [f"thresholds: missing {', '.join(missing)}"] if missing else []
    for key, value in method.thresholds.items():
        if key not in THRESHOLD_KEYS:
            problems.append(f"thresholds.{key}: unknown threshold")
        elif not 0 <= value <= threshold_limit(key):
            top = threshold_limit(key)
            problems.append(f"thresholds.{key}: must be between 0 and {top:g}, got {value:g}")
    return problems


def _derivation_problems(method: Method, criteria: set[str]) -> list[str]:
    """Inputs only on mean/lowest criteria, known and not the criterion itself, and no cycle among them."""
    problems = []
    at = {c.id: i for i, c in enumerate(method.criteria)}
    for i, c in enumerate(method.criteria):
        if c.derived in COMBINED and not c.inputs:
            problems.append(f"criteria[{i}].inputs: a {c.derived.value} criterion names what it reads")
        if c.inputs and c.derived not in COMBINED:
            problems.append(f"criteria[{i}].inputs: only a mean or lowest criterion reads other criteria")
        for j, ref in enumerate(c.inputs):
            if ref not in criteria:
                problems.append(f"criteria[{i}].inputs[{j}]: unknown criterion {ref!r}")
    reads = {c.id: [r for r in c.inputs if r in at] for c in method.criteria if c.derived in COMBINED}
    cycle = _cycle(reads)
    if cycle:
        where = f"criteria[{at[cycle[0]]}].inputs"
        problems.append(f"{where}: derived criteria form a cycle: {' → '.join(cycle)}")
    return problems


def _cycle(reads: dict[str, list[str]]) -> list[str]:
    """One cycle of the graph criterion → the criteria it reads, as a closed path; [] when none."""
    state: dict[str, int] = {}  # 1 on the current path, 2 done
    for start in reads:
        if start in state:
            continue
        path, stack = [start], [iter(reads[start])]
        state[start] = 1
        while stack:
            nxt = next(stack[-1], None)
            if nxt is None:
                state[path.pop()] = 2
                stack.pop()
            elif state.get(nxt) == 1:
                return [*path[path.index(nxt) :], nxt]
            elif nxt not in state:
                state[nxt] = 1
                path.append(nxt)
                stack.append(iter(reads.get(nxt, [])))
    return []
