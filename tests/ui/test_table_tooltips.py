"""Portfolio table tooltips explain the scores, and dependencies are named (review items 9, 10)."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from planner.method import Derivation, load_method
from planner.model import (
    Dependency,
    Enabler,
    EnablerStatus,
    Financials,
    Pilot,
    Portfolio,
    Stage,
    Stakeholder,
)
from ui.document import Document
from ui.models.pilots import COL, PilotTableModel

METHOD = load_method()
TYPED = [c.id for c in METHOD.criteria if c.derived is None]


def _portfolio() -> Portfolio:
    """A: every typed rating 5 but MLOps 0, waiting for an enabler and for pilot B; B: every typed 2."""
    a_ratings = {c: {"score": 5} for c in TYPED} | {"mlops": {"score": 0}}
    return Portfolio(
        as_of=date(2026, 3, 1),
        pilots=[
            Pilot(
                id="A",
                name="Invoice matching",
                business_unit="Finance",
                pilot_start=date(2025, 3, 1),
                ratings=a_ratings,
                financials=Financials(scale_investment=100_000, annual_benefit=150_000),
            ),
            Pilot(
                id="B",
                name="Vendor master clean-up",
                stage=Stage.POC,
                ratings={c: {"score": 2} for c in TYPED},
            ),
        ],
        enablers=[
            Enabler(
                id="EN-INT", name="Integration layer", status=EnablerStatus.IN_PROGRESS, eta=date(2027, 3, 15)
            )
        ],
        dependencies=[Dependency(pilot="A", on="EN-INT"), Dependency(pilot="A", on="B")],
    )


def _tip(model: PilotTableModel, pilot_id: str, key: str) -> str:
    return str(model.index(model.row_of(pilot_id), COL[key]).data(Qt.ItemDataRole.ToolTipRole))


def test_blocked_column_names_the_dependencies_and_the_tooltip_gives_their_state() -> None:
    model = PilotTableModel(Document(_portfolio()))
    cell = model.index(model.row_of("A"), COL["blocked"])
    assert cell.data() == "Integration layer, Vendor master clean-up"
    assert _tip(model, "A", "blocked") == (
        "Waiting for dependencies that are not production-ready:\n"
        "• Integration layer (enabler, in progress, expected 15 Mar 2027)\n"
        "• Vendor master clean-up (pilot, at poc stage)"
    )


def test_score_tooltips_give_the_sum_and_the_largest_gaps() -> None:
    doc = Document(_portfolio())
    model = PilotTableModel(doc)
    s = doc.scores().pilots["A"]
    # readiness: nine criteria weighted 12, 11, 12, 11 × 5 and 10 (sum 100); MLOps (12) at 0, the rest
    # at 5 → 100 · 88 / 100 = 88.0
    assert s.readiness == pytest.approx(88.0)
    composite = _tip(model, "A", "composite")
    assert composite.splitlines()[0] == (
        f"Composite {s.composite:.1f} = Value {s.value:.0f} × 40% + Readiness 88 × 35%"
        f" + Sponsorship {s.sponsorship:.0f} × 25%"
    )
    assert composite.splitlines()[1] == "Rank 1 of 2"
    # MLOps at 5 would add 100 · 12 / 100 = 12 readiness points, × 35 % = 4.2 composite points
    assert "• MLOps: 4.2" in composite.splitlines()
    assert _tip(model, "A", "rank") == composite
    readiness = _tip(model, "A", "readiness").splitlines()
    assert readiness[0].startswith("Readiness 88.0 of 100")
    assert "• MLOps: rated 0, +0.0 · gap 12.0" in readiness
    assert "• Production data pipelines: rated 5, +12.0 · gap 0.0" in readiness
    assert len(readiness) == 1 + 9


def test_a_derived_rating_is_shown_to_one_decimal() -> None:
    recency = next(c for c in METHOD.criteria if c.derived is Derivation.SPONSOR_RECENCY)
    pilot = Pilot(
        id="A",
        name="Invoice matching",
        sponsor="S-1",
        sponsor_last_touchpoint=date(2025, 12, 29),  # 62 days before 1 Mar 2026
        ratings={c: {"score": 3} for c in TYPED},
    )
    portfolio = Portfolio(
        as_of=date(2026, 3, 1), stakeholders=[Stakeholder(id="S-1", name="Ana")], pilots=[pilot]
    )
    model = PilotTableModel(Document(portfolio))
    tip = _tip(model, "A", recency.dimension).splitlines()
    # 5 up to 30 days, 0 from 180, linear between: 5 · (180 − 62) / 150 = 3.9333 → "3.9"
    assert any(line.startswith(f"• {recency.name}: rated 3.9, +") for line in tip)
    assert any(": rated 3, +" in line for line in tip)  # a typed rating stays a whole number


def test_months_stage_and_name_have_tips() -> None:
    model = PilotTableModel(Document(_portfolio()))
    # 1 Mar 2025 to 1 Mar 2026: 365 days, just under 12 months of 30.4 days
    assert _tip(model, "A", "months").startswith(
        "In pilot 12 months, since 01 Mar 2025; a weak case is stopped after"
    )
    assert _tip(model, "B", "months") == "No pilot start date: months in pilot are unknown"
    assert "Double-click" in _tip(model, "B", "stage")
    assert _tip(model, "A", "name").startswith("Invoice matching (A) · Finance")
