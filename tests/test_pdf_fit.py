"""Pack text is shown whole where there is room, and a pilot page fits one page on A4 and Letter."""

from __future__ import annotations

import io
import re

import pypdf
import pytest
from reportlab.lib.colors import black, white

from planner.export.pdf.grid import Grid, GridSpec, GridStyle
from planner.export.pdf.pack import PackOptions, build_pack
from planner.method import load_method
from planner.model import Portfolio
from planner.portfolio.store import load
from planner.resources import templates_dir
from planner.triage.scoring import score

METHOD = load_method()


def demo() -> Portfolio:
    return load(templates_dir() / "demo" / "demo.liftoff")


def pages(paper: str) -> list[str]:
    """The demo pack's pages as text, line by line as pypdf reads them."""
    portfolio = demo()
    out = io.BytesIO()
    build_pack(out, portfolio, score(portfolio, METHOD), METHOD, PackOptions(paper=paper))
    reader = pypdf.PdfReader(io.BytesIO(out.getvalue()))
    return [p.extract_text() or "" for p in reader.pages]


def flat(text: str) -> str:
    """Every run of whitespace (line breaks and no-break spaces too) made one space."""
    return " ".join(text.split())


@pytest.fixture(scope="module")
def a4() -> list[str]:
    return pages("a4")


def page_of(texts: list[str], title: str) -> str:
    return next(flat(t) for t in texts if t.startswith(title))


def test_grid_rows_grow_a_line_step_per_extra_line_and_split_between_rows():
    style = GridStyle(
        font="Helvetica", bold="Helvetica-Bold", size=8, text=black, header_bg=white, band=None, rule=black
    )
    spec = GridSpec(widths=[50.0, 50.0], row_height=14, style=style, header=["A", "B"])
    grid = Grid([["one\ntwo", "x"], ["three", "y"], ["four", "z"]], spec)
    # a line step is 1.2 × 8 = 9.6: rows of 23.6, 14 and 14 under a header of 14 + 2
    assert grid.heights == [23.6, 14, 14]
    assert grid.wrap(100, 500) == (100, 16 + 23.6 + 28)
    # room for the header and the two-line row, not the next row: the split falls after row 1
    first, rest = grid.split(100, 16 + 23.6 + 13)
    assert (first.rows, rest.rows) == ([["one\ntwo", "x"]], [["three", "y"], ["four", "z"]])
    assert rest.first == 1  # banding and colours continue from the right row


def test_scorecard_shows_every_pilot_name_and_unit_whole(a4):
    card = page_of(a4, "Ranked scorecard")
    for pilot in demo().pilots:
        assert pilot.name in card
        assert pilot.business_unit in card
    assert "…" not in card


def test_pilot_pages_show_passed_gates_and_remedy_owners_whole(a4):
    # Markdown price optimisation passes all 12 checks, the longest among them included
    markdown = page_of(a4, "Markdown price optimisation")
    assert "12 of 12 checks pass" in markdown
    for gate in METHOD.gates:
        assert gate.name in markdown
    # the compliance review remedy is owned by the method's longest owner role
    aml = page_of(a4, "AML alert triage")
    assert "Model risk and compliance officer" in aml
    assert "Complete the compliance review and model documentation" in aml


def test_stakeholder_roles_and_departments_are_shown_whole(a4):
    start = next(i for i, t in enumerate(a4) if t.startswith("Stakeholders and engagement"))
    text = flat(" ".join(a4[start : start + 3]))
    for s in demo().stakeholders:
        assert ", ".join(x for x in (s.role, s.department) if x) in text


def test_enabler_names_are_whole_in_the_critical_enabler_table(a4):
    deps = page_of(a4, "Dependency map")
    table = deps[deps.index("Critical enablers") :]
    assert "Clinical integration gateway (HL7 FHIR)" in table
    assert "Integration layer (API gateway and events)" in table
    # the group lakehouse feeds two pilots directly, and a third through one of them
    assert (
        "3: Spare-parts demand forecast, Replenishment demand forecasting; through them: Multi-echelon "
        "inventory optimisation" in table
    )


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_every_pilot_page_fits_one_page(paper, a4):
    texts = [flat(t) for t in (a4 if paper == "a4" else pages("letter"))]
    first = next(i for i, t in enumerate(texts) if t.startswith("Pilots under decision"))
    last = next(i for i, t in enumerate(texts) if t.startswith("Rollout roadmap"))
    names = {p.name for p in demo().pilots}
    # 25 of the demo's 27 pilots await a decision: one page each, the first under the section's intro
    assert last - first == 25
    assert texts[first].startswith("Pilots under decision 25 pilots follow")
    for text in texts[first + 1 : last]:
        assert any(text.startswith(name) for name in names), text[:60]


def test_no_line_of_running_text_breaks_inside_an_amount(a4):
    # e.g. "... holds back 3 pilots worth EUR" with "16.7 M" on the next line, or "EUR 16.7" and "M"
    for page in a4:
        assert not re.search(r"EUR *\n", page), page[:40]
        assert not re.search(r"\d *\n *(k|M|bn)\b", page), page[:40]
    assert "holds back 3 pilots worth EUR 16.7 M" in page_of(a4, "Executive summary")
