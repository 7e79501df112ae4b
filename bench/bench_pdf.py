"""Benchmark: the steering-committee pack against a bare reportlab document of the same page count.

Run: ``.venv/bin/python bench/bench_pdf.py [30 300 ...]``. For each size it builds a synthetic
portfolio, scores it, and after one warm-up pack builds the pack (every pilot given a page) and a
plain reportlab document with the same number of pages of plain paragraphs in the same font, the two
interleaved (best of five each). It prints both times, the ratio (target ≤ 2×) and pages per second.
`synthetic_portfolio` is also used by the tests.
"""

from __future__ import annotations

import io
import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from planner.method import load_method
from planner.model import (
    Enabler,
    EnablerStatus,
    Financials,
    Kpi,
    Pilot,
    Portfolio,
    Rating,
    RelationKind,
    Relationship,
    Snapshot,
    SnapshotEntry,
    Stage,
    Stakeholder,
    Stance,
    UserGroup,
)

WORDS = (
    "claims",
    "churn",
    "forecast",
    "triage",
    "invoice",
    "routing",
    "fraud",
    "demand",
    "pricing",
    "quality",
    "vision",
    "assistant",
    "matching",
    "scheduling",
    "maintenance",
    "document",
    "risk",
    "yield",
    "energy",
)
UNITS = ("Retail", "Operations", "Finance", "Supply chain", "Customer service", "HR", "Risk")


REPEATS = 5  # best of five, both sides, interleaved: the machine is shared and timings are noisy


def synthetic_portfolio(n: int, seed: int = 7, as_of: date = date(2026, 11, 20)) -> Portfolio:
    """A plausible portfolio of `n` pilots with people, enablers, dependencies and a snapshot."""
    rng = random.Random(seed)
    method = load_method()
    people = [
        Stakeholder(
            id=f"S{i}",
            name=f"Person {i} {rng.choice(('Ng', 'Okafor', 'Muller', 'Silva', 'Kowalski'))}",
            role=rng.choice(("CFO", "COO", "Head of data", "Ops lead", "CIO", "Works council")),
            department=rng.choice(UNITS),
            influence=rng.randint(1, 5),
            interest=rng.randint(1, 5),
            stance=rng.choice(list(Stance)),
            desired_stance=Stance.SUPPORTIVE,
        )
        for i in range(1, max(4, n // 3) + 1)
    ]
    relationships = []
    seen = set()
    for _ in range(len(people) * 2):
        a, b = rng.sample(people, 2)
        kind = rng.choice(list(RelationKind))
        if (a.id, b.id, kind) not in seen:
            seen.add((a.id, b.id, kind))
            relationships.append(Relationship(source=a.id, target=b.id, kind=kind))
    enablers = [
        Enabler(
            id=f"E{i}",
            name=name,
            status=rng.choice(list(EnablerStatus)),
            eta=as_of + timedelta(days=rng.randint(-30, 200)),
            cost=rng.randint(50, 900) * 1000.0,
        )
        for i, name in enumerate(
            ("Data platform", "Feature store", "MLOps platform", "Identity and access", "Integration layer"),
            start=1,
        )
    ]
    groups = [
        UserGroup(id=f"G{i}", name=f"{u} staff", headcount=rng.randint(20, 900))
        for i, u in enumerate(UNITS, start=1)
    ]
    pilots = []
    for i in range(1, n + 1):
        ratings = {c.id: Rating(score=rng.randint(0, 5)) for c in method.criteria if c.derived is None}
        inv = rng.randint(1, 40) * 25_000.0
        pilots.append(
            Pilot(
                id=f"P{i}",
                name=f"{rng.choice(WORDS).capitalize()} {rng.choice(WORDS)} model {i}",
                business_unit=rng.choice(UNITS),
                stage=rng.choice((Stage.POC, Stage.PILOT, Stage.PILOT, Stage.SCALING)),
                pilot_start=as_of - timedelta(days=rng.randint(60, 900)),
                owner=rng.choice(people).id,
                sponsor=rng.choice(people).id if rng.random() > 0.15 else None,
                sponsor_last_touchpoint=as_of - timedelta(days=rng.randint(0, 200)),
                user_groups=[rng.choice(groups).id],
                kpi=Kpi(
                    name="Handling time",
                    unit="min",
                    baseline=12.0,
                    target=9.0,
                    latest=10.5,
                    higher_is_better=False,
                ),
                financials=Financials(
                    scale_investment=inv,
                    annual_benefit=inv * rng.uniform(0.2, 1.6),
                    annual_run_cost=inv * rng.uniform(0.05, 0.3),
                    pilot_spend=inv * 0.2,
                    change_budget=inv * rng.uniform(0.0, 0.3),
                ),
                ratings=ratings,
                gates={g.id: rng.random() > 0.3 for g in method.gates},
            )
        )
    deps = []
    from planner.model import Dependency

    for i in range(2, n + 1):
        if rng.random() < 0.35:
            deps.append(Dependency(pilot=f"P{i}", on=rng.choice(enablers).id))
        if rng.random() < 0.15:
            j = rng.randint(1, i - 1)
            deps.append(Dependency(pilot=f"P{i}", on=f"P{j}"))
    snapshot = Snapshot(
        id="Q3",
        label="Q3 committee",
        taken=as_of - timedelta(days=90),
        entries=[
            SnapshotEntry(
                pilot=f"P{i}",
                name=f"Pilot {i}",
                value=rng.uniform(20, 90),
                readiness=rng.uniform(20, 90),
                sponsorship=rng.uniform(20, 90),
                composite=rng.uniform(20, 90),
                rank=i,
                decision=rng.choice(list(__import__("planner.model").model.Decision)),
                gates_passed=5,
            )
            for i in range(1, n + 1, 2)
        ],
    )
    return Portfolio(
        name=f"Synthetic portfolio of {n}",
        organisation="Example Holdings",
        as_of=as_of,
        pilots=pilots,
        stakeholders=people,
        relationships=relationships,
        enablers=enablers,
        dependencies=deps,
        user_groups=groups,
        snapshots=[snapshot],
    )


def bare_document(pages: int, font: str) -> tuple[float, int]:
    """(seconds, pages) to build about `pages` full pages of flowing plain paragraphs in `font`.

    The paragraph count is calibrated first (untimed) so the document fills the same number of
    pages as the pack: the baseline is reportlab's own cost per page of plain text.
    """
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    style = ParagraphStyle("p", fontName=font, fontSize=9.5, leading=13, spaceAfter=5)
    text = ("The committee reviewed the pilot portfolio and its readiness for production. " * 8).strip()

    def build(count: int) -> tuple[float, int]:
        story = [Paragraph(text, style) for _ in range(count)]
        doc = SimpleDocTemplate(io.BytesIO(), pagesize=A4)
        started = time.perf_counter()
        doc.build(story)
        return time.perf_counter() - started, doc.page

    _, sample_pages = build(200)
    per_page = 200 / sample_pages
    return build(max(1, round(per_page * pages)))


def run(n: int) -> None:
    from planner.export.pdf.pack import PackOptions, build_pack
    from planner.triage.scoring import score

    portfolio = synthetic_portfolio(n)
    method = load_method()
    scores = score(portfolio, method)
    warm = synthetic_portfolio(3)  # imports, font registration: once per process, not per pack
    build_pack(io.BytesIO(), warm, score(warm, method), method, PackOptions())
    from planner.export.pdf.fonts import find_fonts

    font = find_fonts().regular.name
    times, runs = [], []
    for _ in range(REPEATS):  # interleaved, so both sides see the same machine state
        started = time.perf_counter()
        report = build_pack(
            io.BytesIO(), portfolio, scores, method, PackOptions(max_pilot_pages=None, invariant=True)
        )
        times.append(time.perf_counter() - started)
        runs.append(bare_document(report.pages, font))
    pack = min(times)
    base, base_pages = min(runs)
    print(
        f"{n:4d} pilots: pack {report.pages} pages in {pack:.2f} s ({report.pages / pack:.0f} pages/s); "
        f"bare reportlab {base_pages} pages in {base:.2f} s ({base_pages / base:.0f} pages/s); "
        f"ratio {pack / base:.2f}x"
    )


if __name__ == "__main__":
    for arg in sys.argv[1:] or ["30", "300"]:
        run(int(arg))
