"""Properties of methods as files, for random valid methods (hypothesis).

- load → export → import is the identity: ``parse_method(method_json(m)) == m``, through a file too;
- a project carrying a method scores exactly as the same portfolio scored with that method read back
  from its exported file, and as the project saved and loaded again (the method travels in the file).

The methods drawn have 3–9 criteria (some derived, mean/lowest ones reading only earlier criteria so
no cycle arises), 1–4 gates with and without rules, failure modes, remedies, AI Act obligations,
thresholds anywhere in range and renamed dimensions.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.method import (
    DIMENSIONS,
    THRESHOLD_KEYS,
    Method,
    load_method_file,
    method_json,
    parse_method,
    threshold_limit,
)
from planner.model import (
    Decision,
    Financials,
    MethodChoice,
    Override,
    Pilot,
    Portfolio,
    Rating,
    RiskTier,
    Stakeholder,
)
from planner.portfolio import store
from planner.triage.scoring import score

ids = st.from_regex(r"[a-z][a-z0-9_.\-]{0,8}", fullmatch=True)
names = (
    st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=20)
    .map(str.strip)
    .filter(bool)
)
weights = st.floats(min_value=0.5, max_value=100, allow_nan=False)
TYPED_OR_DERIVED = st.sampled_from(
    [None, None, None, "benefit", "sponsor_recency", "stakeholder_support", "mean", "lowest"]
)


@st.composite
def methods(draw: st.DrawFn) -> Method:
    count = draw(st.integers(3, 9))
    crit_ids = draw(st.lists(ids, min_size=count, max_size=count, unique=True))
    criteria = []
    for k, cid in enumerate(crit_ids):
        derived = draw(TYPED_OR_DERIVED)
        inputs: list[str] = []
        if derived in ("mean", "lowest"):
            if k == 0:
                derived = None
            else:
                inputs = draw(st.lists(st.sampled_from(crit_ids[:k]), min_size=1, max_size=3, unique=True))
        criteria.append(
            {
                "id": cid,
                "dimension": DIMENSIONS[k] if k < 3 else draw(st.sampled_from(DIMENSIONS)),
                "name": draw(names),
                "description": draw(st.text(max_size=30)),
                "weight": draw(weights),
                "anchors": {"0": "a", "1": "b", "3": "c", "5": draw(st.text(max_size=10))},
                **({"derived": derived} if derived else {}),
                **({"inputs": inputs} if inputs else {}),
            }
        )
    gate_ids = draw(st.lists(ids, min_size=1, max_size=4, unique=True))
    gates = [
        {
            "id": gid,
            "name": draw(names),
            "description": "",
            "criteria": draw(st.lists(st.sampled_from(crit_ids), max_size=3, unique=True)),
            **draw(
                st.sampled_from(
                    [
                        {},
                        {"rule": "kpi_baseline"},
                        {"rule": "sponsor_within_days", "parameter": 90.0},
                        {"rule": "change_budget_share", "parameter": 0.15},
                    ]
                )
            ),
        }
        for gid in gate_ids
    ]
    remedy_ids = draw(st.lists(ids, min_size=1, max_size=3, unique=True))
    remedies = [
        {
            "id": rid,
            "name": draw(names),
            "description": "",
            "lifts": draw(
                st.dictionaries(st.sampled_from(crit_ids), st.integers(0, 5), min_size=1, max_size=3)
            ),
            "weeks": draw(st.integers(0, 52)),
        }
        for rid in remedy_ids
    ]
    modes = [
        {
            "id": f"fm{k}",
            "name": draw(names),
            "description": "",
            "signals": [{"criterion": draw(st.sampled_from(crit_ids)), "at_most": draw(st.integers(0, 5))}],
            "remedies": draw(st.lists(st.sampled_from(remedy_ids), min_size=1, max_size=2, unique=True)),
        }
        for k in range(draw(st.integers(0, 2)))
    ]
    obligations = [
        {
            "id": f"ob{k}",
            "name": draw(names),
            "gates": draw(st.lists(st.sampled_from(gate_ids), min_size=1, max_size=2, unique=True)),
            "tiers": draw(
                st.lists(st.sampled_from(["high", "limited", "minimal"]), min_size=1, max_size=3, unique=True)
            ),
        }
        for k in range(draw(st.integers(0, 2)))
    ]
    data: dict[str, Any] = {
        "id": draw(ids),
        "name": draw(names),
        "version": draw(st.text(max_size=5)),
        "description": draw(st.text(max_size=40)),
        "dimensions": [
            {"id": d, "name": draw(names), "description": "", "weight": draw(weights)} for d in DIMENSIONS
        ],
        "criteria": criteria,
        "thresholds": {k: draw(st.floats(0, threshold_limit(k), allow_nan=False)) for k in THRESHOLD_KEYS},
        "gates": gates,
        "failure_modes": modes,
        "remedies": remedies,
        "derivations": {
            "benefit_bands": [
                {"min_ratio": draw(st.floats(-10, 10, allow_nan=False)), "score": draw(st.integers(0, 5))}
                for _ in range(draw(st.integers(1, 4)))
            ],
            "sponsor_full_days": draw(st.integers(0, 60)),
            "sponsor_zero_days": draw(st.integers(61, 400)),
        },
        "obligations": obligations,
    }
    return Method.model_validate(data)


@settings(max_examples=150, deadline=None)
@given(method=methods())
def test_export_then_import_is_the_identity(method: Method) -> None:
    assert parse_method(method_json(method)) == method
    assert parse_method(method.model_dump_json()) == method  # the form a project file embeds


@st.composite
def portfolios(draw: st.DrawFn, method: Method) -> Portfolio:
    pilots = []
    for k in range(draw(st.integers(1, 5))):
        override = draw(st.none() | st.sampled_from(list(Decision)))
        pilots.append(
            Pilot(
                id=f"P{k}",
                name=f"Pilot {k}",
                pilot_start=draw(st.none() | st.dates(date(2020, 1, 1), date(2026, 1, 1))),
                sponsor=draw(st.none() | st.just("S1")),
                sponsor_last_touchpoint=draw(st.none() | st.dates(date(2025, 1, 1), date(2026, 1, 1))),
                financials=Financials(
                    scale_investment=draw(st.floats(0, 1e6)), annual_benefit=draw(st.floats(0, 1e6))
                ),
                ratings={
                    c.id: Rating(score=draw(st.integers(0, 5)))
                    for c in method.criteria
                    if c.derived is None and draw(st.booleans())
                },
                gates={g.id: draw(st.booleans()) for g in method.gates},
                risk_tier=draw(st.none() | st.sampled_from(list(RiskTier))),
                override=None if override is None else Override(decision=override, rationale="r"),
            )
        )
    return Portfolio(
        as_of=date(2026, 1, 1),
        method=MethodChoice(id=method.id, definition=method),
        pilots=pilots,
        stakeholders=[Stakeholder(id="S1", name="Sam")],
    )


def _results(scores: Any) -> list[tuple[Any, ...]]:
    return [
        (
            s.pilot,
            s.value,
            s.readiness,
            s.sponsorship,
            s.composite,
            s.rank,
            s.decision,
            s.decision_reason,
            s.unmet_obligations,
        )
        for s in (scores.pilots[p] for p in scores.ranking)
    ]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_the_embedded_method_scores_as_the_same_method_from_a_file(
    tmp_path: Path, data: st.DataObject
) -> None:
    method = data.draw(methods())
    portfolio = data.draw(portfolios(method))
    path = tmp_path / "method.json"
    path.write_text(method_json(method), encoding="utf-8")
    from_file = load_method_file(path)
    embedded = score(portfolio)  # the method the portfolio carries
    assert _results(embedded) == _results(score(portfolio, from_file))
    project = tmp_path / "p.liftoff"
    store.save(portfolio, project)
    assert _results(score(store.load(project))) == _results(embedded)
