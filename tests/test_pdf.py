"""The PDF steering-committee pack, read back with pypdf.

Scores are mostly built by hand here (the pack must print what it is given, exactly), so the
expected text is worked out in each test, not copied from the pack.
"""

from __future__ import annotations

import dataclasses
import io
import re
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pypdf
import pytest

from bench.bench_pdf import synthetic_portfolio
from planner.errors import LiftoffError
from planner.export.pdf import fonts as fonts_module
from planner.export.pdf.fonts import FontError, TextKit, find_fonts
from planner.export.pdf.pack import SECTIONS, PackCancelled, PackOptions, build_pack
from planner.method import load_method
from planner.model import (
    Decision,
    Dependency,
    Enabler,
    Financials,
    Kpi,
    Override,
    Pilot,
    Portfolio,
    Snapshot,
    SnapshotEntry,
    Stage,
    Stakeholder,
)
from planner.triage.scoring import PilotScore, Scores, score

METHOD = load_method()


def hand_scores(rows: list[tuple[str, float, float, float, float, Decision, int]]) -> Scores:
    """Scores from (pilot, value, readiness, sponsorship, composite, decision, gates passed), best first."""
    pilots = {}
    tally: dict[Decision, int] = {}
    for rank, (pid, v, r, s, c, d, g) in enumerate(rows, start=1):
        pilots[pid] = PilotScore(
            pilot=pid,
            value=v,
            readiness=r,
            sponsorship=s,
            composite=c,
            rank=rank,
            gates_passed=g,
            gates_total=len(METHOD.gates),
            computed_decision=d,
            decision=d,
            overridden=False,
            decision_reason=f"rule for {d.value}",
            blocked=False,
            blocked_by=(),
            months_in_pilot=10.0,
        )
        tally[d] = tally.get(d, 0) + 1
    return Scores(pilots=pilots, ranking=tuple(p[0] for p in rows), tally=tally)


def three_pilots() -> Portfolio:
    return Portfolio(
        name="Test portfolio",
        organisation="Acme",
        as_of=date(2026, 6, 1),
        pilots=[
            Pilot(id="A", name="Alpha routing", financials=Financials(scale_investment=1_200_000)),
            Pilot(id="B", name="Beta claims", financials=Financials(scale_investment=600_000)),
            Pilot(id="C", name="Gamma forecast", financials=Financials(scale_investment=50_000)),
        ],
    )


THREE = [
    ("A", 81.0, 72.5, 66.0, 74.3, Decision.SCALE, 12),
    ("B", 70.0, 65.0, 55.0, 71.3, Decision.SCALE, 12),
    ("C", 30.0, 20.0, 10.0, 22.8, Decision.STOP, 3),
]


def build(portfolio: Portfolio, scores: Scores | None = None, **options: Any) -> tuple[pypdf.PdfReader, Any]:
    out = io.BytesIO()
    report = build_pack(out, portfolio, scores or score(portfolio, METHOD), METHOD, PackOptions(**options))
    return pypdf.PdfReader(io.BytesIO(out.getvalue())), report


def page_texts(reader: pypdf.PdfReader) -> list[str]:
    return [p.extract_text() or "" for p in reader.pages]


def outline_titles(reader: pypdf.PdfReader) -> list[tuple[int, str]]:
    out: list[tuple[int, str]] = []

    def walk(items: Any, level: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, level + 1)
            else:
                out.append((level, item.title))

    walk(reader.outline, 0)
    return out


@pytest.fixture(scope="module")
def synthetic() -> tuple[pypdf.PdfReader, object, Portfolio]:
    portfolio = synthetic_portfolio(12, seed=3)
    reader, report = build(portfolio, max_pilot_pages=None, marking="INTERNAL")
    return reader, report, portfolio


def test_every_drawn_section_has_its_title_an_outline_entry_and_a_contents_line(synthetic):
    reader, report, _ = synthetic
    texts = page_texts(reader)
    everything = "\n".join(texts)
    drawn = [s for s in report.sections if s not in ("cover", "contents")]
    # the synthetic portfolio has people, enablers, dependencies, groups and a snapshot: nothing is left out
    assert report.left_out == [("funding", "no funding scenario is saved in the project")]
    assert set(drawn) == set(SECTIONS) - {"cover", "contents", "funding"}
    titles = {s: SECTIONS[s] for s in drawn}
    titles["changes"] = "Changes since Q3 committee"  # the snapshot's label
    top = [t for level, t in outline_titles(reader) if level == 0]
    assert top == [titles[s] for s in drawn]  # the cover is page 1, not a contents entry
    for title in titles.values():
        assert title in everything
        assert title in texts[1]  # the contents page lists it


def test_one_page_per_pilot_under_decision_in_the_outline_and_on_its_own_page(synthetic):
    reader, report, portfolio = synthetic
    names = {p.id: p.name for p in portfolio.pilots}
    active = [p.id for p in portfolio.pilots if p.stage != Stage.PRODUCTION]
    assert sorted(report.pilot_pages) == sorted(active)
    nested = [t for level, t in outline_titles(reader) if level == 1]
    assert nested == [names[p] for p in report.pilot_pages]
    texts = page_texts(reader)

    def flat(items: list[object]) -> list[object]:
        return [y for x in items for y in (flat(x) if isinstance(x, list) else [x])]

    pages = [reader.get_destination_page_number(i) for i in flat(reader.outline) if i.title in nested]
    assert len(set(pages)) == len(pages)  # one page each
    for title, page in zip(nested, pages, strict=True):
        assert title in texts[page]
        assert f"Rank {report_rank(report, portfolio, title)} of {len(portfolio.pilots)}" in texts[page]


def report_rank(report: object, portfolio: Portfolio, name: str) -> int:
    pid = next(p.id for p in portfolio.pilots if p.name == name)
    return score(portfolio, METHOD).pilots[pid].rank


def test_page_x_of_y_marking_and_metadata(synthetic):
    reader, _, portfolio = synthetic
    n = len(reader.pages)
    for i, text in enumerate(page_texts(reader)[1:], start=2):
        assert f"Page {i} of {n}" in text
        assert "INTERNAL" in text
    meta = reader.metadata
    assert meta.title == f"{portfolio.name} — steering committee pack"
    assert meta.author == portfolio.organisation
    assert "steering committee" in meta.subject
    assert "AI pilots" in meta["/Keywords"]


def test_contents_entries_link_to_the_pages_the_outline_points_at(synthetic):
    reader, _, _ = synthetic
    page_of = {p.indirect_reference.idnum: i for i, p in enumerate(reader.pages)}
    links = [a.get_object() for a in reader.pages[1].get("/Annots", [])]
    targets = [page_of[(link["/Dest"] if "/Dest" in link else link["/A"]["/D"])[0].idnum] for link in links]

    def flat(items: list[object]) -> list[object]:
        return [y for x in items for y in (flat(x) if isinstance(x, list) else [x])]

    outline_pages = [reader.get_destination_page_number(item) for item in flat(reader.outline)]
    assert len(links) == len(outline_pages) >= 10  # every entry fits on the one contents page here
    assert targets == outline_pages
    assert outline_pages == sorted(outline_pages)
    # every section and pilot starts a page, except the first pilot, on the page of its section's title
    assert len(set(outline_pages)) == len(outline_pages) - 1
    contents = reader.pages[1].extract_text()
    for item, page in zip(flat(reader.outline), outline_pages, strict=True):
        assert re.search(rf"{re.escape(item.title)}\s+{page + 1}\b", contents)  # printed number = target


def test_hand_made_scores_appear_exactly_in_scorecard_and_summary():
    portfolio = three_pilots()
    reader, _ = build(portfolio, hand_scores(THREE), sections=["cover", "summary", "scorecard"])
    text = "\n".join(page_texts(reader))
    # scorecard rows: rank, name, value/readiness/sponsorship rounded to whole points, composite to 0.1
    assert re.search(r"1\s+Alpha routing\s+81\s+72\s+66\s+74\.3\s+12/12", text)  # 72.5 rounds to even: 72
    assert re.search(r"2\s+Beta claims\s+70\s+65\s+55\s+71\.3\s+12/12", text)
    assert re.search(r"3\s+Gamma forecast\s+30\s+20\s+10\s+22\.8\s+3/12", text)
    # two pilots to scale: 1,200,000 + 600,000 = 1,800,000 → "EUR 1.8 M" (no trailing zero)
    assert "EUR 1.8 M" in text and "EUR 1.80 M" not in text
    assert "Approve scale-up of 2: Alpha routing and Beta claims" in text.replace("\n", " ")
    assert "Stop 1: Gamma forecast" in text.replace("\n", " ")


def test_numbers_on_a_pilot_page_match_the_finance_engine():
    from planner.triage.finance import evaluate

    portfolio = three_pilots()
    reader, _ = build(portfolio, hand_scores(THREE), sections=["pilots"], pilots=["A"])
    text = "\n".join(page_texts(reader))
    npv = evaluate(portfolio.pilots[0].financials, portfolio.finance).npv
    # no benefit and no run cost: the only cash flow is the investment at month 0, so NPV = −1,200,000
    assert npv == pytest.approx(-1_200_000)
    flat = " ".join(text.split())
    assert "NPV −EUR 1.2 M" in flat
    assert "Risk-adjusted NPV −EUR 1.2 M" in flat  # p × 0 − investment
    # 1,200,000 → 1.2 M (at most three significant figures, trailing zeros dropped)
    assert "Scale investment EUR 1.2 M" in flat
    assert "Decision: Scale" in text


HOSTILE = [
    "R&D <x>",
    '<font name="Courier" size="40">big</font>',
    '<img src="/etc/passwd"/>',
    "Supercalifragilistic" * 15,
    "N" * 500,
    "Launch 🚀 now",
    "مشروع التنبؤ بالطلب",
    "需求预测试点",
]


def hostile_portfolio() -> Portfolio:
    people = [Stakeholder(id=f"S{i}", name=name, role="R&D <lead>") for i, name in enumerate(HOSTILE)]
    pilots = [
        Pilot(
            id=f"P{i}",
            name=name,
            description=name,
            business_unit=name[:200],
            sponsor=f"S{i}",
            override=Override(decision=Decision.PIVOT, rationale=f"because {name}") if i == 0 else None,
        )
        for i, name in enumerate(HOSTILE)
    ]
    return Portfolio(
        name="R&D <portfolio>",
        organisation="<b>Org</b> & co",
        currency="€&",
        as_of=date(2026, 6, 1),
        pilots=pilots,
        stakeholders=people,
    )


def test_hostile_strings_export_as_text_without_markup_interpreted():
    portfolio = hostile_portfolio()
    reader, report = build(portfolio, max_pilot_pages=None)
    text = "\n".join(page_texts(reader))
    flat = text.replace("\n", "")
    assert "R&D <x>" in text
    assert '<img src="/etc/passwd"/>' in flat
    assert '<font name="Courier" size="40">big</font>' in flat
    assert "R&D <portfolio>" in text
    assert "<b>Org</b> & co" in text
    # no image was embedded: the <img> stayed text
    for page in reader.pages:
        xobjects = page.get("/Resources", {}).get("/XObject", {})
        assert not any(x.get_object().get("/Subtype") == "/Image" for x in xobjects.values())
    # Chinese is drawn with the CJK fallback when the machine has one, else reported
    cjk = find_fonts().face_for("需") is not None
    reported = "".join(g.characters for g in report.glyphs)
    assert ("需" in reported) is not cjk
    # Arabic and the emoji are covered by DejaVu Sans: nothing reported for them
    assert "م" not in reported


def test_text_no_font_can_draw_is_reported_with_pilot_and_field():
    private = "\U0010fffd"  # a private-use code point no shipped font draws
    portfolio = three_pilots()
    portfolio.pilots[1].name = f"Beta {private} claims"
    portfolio.pilots[1].description = f"uses {private}"
    _, report = build(portfolio, hand_scores(THREE))
    places = {(g.where, g.field) for g in report.glyphs if private in g.characters}
    assert ("pilot B", "name") in places
    assert ("pilot B", "description") in places
    assert any("U+10FFFD" in g.describe() for g in report.glyphs)


def test_empty_portfolio_gives_a_short_pack_that_says_what_is_left_out():
    portfolio = Portfolio(name="Empty", as_of=date(2026, 6, 1))
    reader, report = build(portfolio)
    assert 3 <= len(reader.pages) <= 6
    left = dict(report.left_out)
    assert left["summary"] == "the portfolio has no pilots to triage"
    assert "triage" in left and "pilots" in left and "stakeholders" in left
    contents = page_texts(reader)[1]
    assert "Left out of this pack" in contents
    assert "Executive summary — left out because the portfolio has no pilots to triage." in contents


def test_one_pilot_pack_has_its_page_and_no_empty_sections():
    portfolio = Portfolio(name="Solo", as_of=date(2026, 6, 1), pilots=[Pilot(id="P1", name="Only pilot")])
    reader, report = build(portfolio)
    assert report.pilot_pages == ["P1"]
    assert [t for level, t in outline_titles(reader) if level == 1] == ["Only pilot"]
    assert 6 <= len(reader.pages) <= 14
    for _section, why in report.left_out:
        assert why  # every omission says why


@pytest.mark.parametrize("content", [None, b"not an image", b"\x89PNG\r\n\x1a\n" + b"\x00" * 20])
def test_missing_or_corrupt_logo_fails_before_any_work(tmp_path, monkeypatch, content):
    logo = tmp_path / "logo.png"
    if content is not None:
        logo.write_bytes(content)

    def no_work(*args: object, **kwargs: object) -> None:
        raise AssertionError("fonts were looked up before the logo was checked")

    monkeypatch.setattr("planner.export.pdf.pack.find_fonts", no_work)
    out = tmp_path / "pack.pdf"
    with pytest.raises(LiftoffError, match=r"logo .*logo\.png: (file not found|not a readable PNG or JPEG)"):
        build_pack(out, three_pilots(), hand_scores(THREE), METHOD, PackOptions(logo=logo))
    assert not out.exists()


def test_a_valid_logo_is_drawn_on_the_cover(tmp_path):
    from PIL import Image

    logo = tmp_path / "logo.png"
    Image.new("RGB", (40, 20), (200, 30, 30)).save(logo)
    reader, _ = build(three_pilots(), hand_scores(THREE), logo=logo, sections=["cover"])
    xobjects = reader.pages[0]["/Resources"]["/XObject"]
    assert any(x.get_object()["/Subtype"] == "/Image" for x in xobjects.values())


def test_invariant_output_is_byte_identical():
    portfolio = synthetic_portfolio(6, seed=5)
    scores = score(portfolio, METHOD)
    first, second = io.BytesIO(), io.BytesIO()
    for out in (first, second):
        build_pack(out, portfolio, scores, METHOD, PackOptions(invariant=True))
    assert first.getvalue() == second.getvalue()


def test_letter_paper_and_accent_option():
    reader, _ = build(
        three_pilots(), hand_scores(THREE), paper="letter", accent="#AA0000", sections=["cover"]
    )
    box = reader.pages[0].mediabox
    assert (float(box.width), float(box.height)) == (612.0, 792.0)
    with pytest.raises(LiftoffError, match="accent colour: 'red' is not a colour of the form #RRGGBB"):
        build(three_pilots(), hand_scores(THREE), accent="red")


def test_bad_options_are_clear_errors():
    with pytest.raises(LiftoffError, match="sections: unknown 'gantt'"):
        build(three_pilots(), hand_scores(THREE), sections=["gantt"])
    with pytest.raises(LiftoffError, match="compare: no snapshot 'Q9' in the portfolio"):
        build(three_pilots(), hand_scores(THREE), compare="Q9")
    with pytest.raises(LiftoffError, match="paper: 'a3'"):
        build(three_pilots(), hand_scores(THREE), paper="a3")


def test_anonymised_pack_never_prints_stakeholder_names():
    portfolio = synthetic_portfolio(8, seed=11)
    reader, _ = build(portfolio, anonymise=True)
    text = "\n".join(page_texts(reader))
    for person in portfolio.stakeholders:
        assert person.name not in text
    assert "Stakeholder 1" in text


def test_cancel_stops_the_export_and_writes_nothing(tmp_path):
    calls = {"n": 0}

    def cancel() -> bool:
        calls["n"] += 1
        return calls["n"] > 5

    out = tmp_path / "pack.pdf"
    with pytest.raises(PackCancelled):
        build_pack(
            out,
            synthetic_portfolio(6),
            score(synthetic_portfolio(6), METHOD),
            METHOD,
            PackOptions(),
            cancel=cancel,
        )
    assert not out.exists()
    assert list(tmp_path.iterdir()) == []


def test_progress_rises_to_one():
    seen: list[float] = []
    portfolio = synthetic_portfolio(6)
    build_pack(
        io.BytesIO(),
        portfolio,
        score(portfolio, METHOD),
        METHOD,
        PackOptions(),
        progress=lambda fraction, message: seen.append(fraction),
    )
    assert seen[-1] == 1.0
    assert seen == sorted(seen)


def test_long_scorecard_is_chunked_and_repeats_its_header():
    portfolio = synthetic_portfolio(130, seed=2)
    reader, _ = build(portfolio, sections=["scorecard"])
    pages = [t for t in page_texts(reader)]
    # 130 rows of 14 pt do not fit on one A4 page (about 45 fit): at least three pages, each with the header
    assert len(pages) >= 3
    for text in pages:
        assert "Composite" in text and "Readiness" in text
    # each row reads "rank name unit value …": the rank starts its line
    ranks = [int(m) for m in re.findall(r"^(\d+) ", "\n".join(pages), flags=re.M) if int(m) <= 130]
    assert set(range(1, 131)) <= set(ranks)


def test_changes_since_snapshot_lists_decision_changes():
    portfolio = three_pilots()
    portfolio.snapshots.append(
        Snapshot(
            id="Q1",
            label="March committee",
            taken=datetime(2026, 3, 1),
            entries=[
                SnapshotEntry(
                    pilot="A",
                    name="Alpha routing",
                    value=50,
                    readiness=50,
                    sponsorship=50,
                    composite=60.0,
                    rank=2,
                    decision=Decision.FIX_THEN_SCALE,
                    gates_passed=8,
                ),
                SnapshotEntry(
                    pilot="Z",
                    name="Zeta removed",
                    value=50,
                    readiness=50,
                    sponsorship=50,
                    composite=50.0,
                    rank=3,
                    decision=Decision.STOP,
                    gates_passed=1,
                ),
            ],
        )
    )
    reader, _ = build(portfolio, hand_scores(THREE), sections=["changes"])
    text = " ".join(page_texts(reader)).replace("\n", " ")
    assert "Changes since March committee" in text
    # A: fix then scale → scale, composite 60.0 → 74.3 = +14.3, rank 2 → 1
    assert re.search(r"Alpha routing Fix then scale Scale \+14\.3 2 → 1", text)
    assert "New since then: Beta claims, Gamma forecast" in text
    assert "Removed since then: Zeta removed" in text


def test_textkit_escapes_and_falls_back():
    kit = TextKit(find_fonts())
    assert kit.markup("a<b & c>\nd") == "a&lt;b &amp; c&gt;<br/>d"
    assert kit.markup("x\x00y\x07") == "xy"
    assert kit.markup("abcdef", limit=4) == "abc…"
    cjk = kit.fonts.face_for("中")
    if cjk is not None:
        assert kit.markup("a中b") == f'a<font name="{cjk.name}">中</font>b'
    assert kit.report() == []
    # loading the fallbacks (which include another copy of DejaVu Sans) must not replace the main face's
    # bold mapping: <b> in markup still selects the bold face
    from reportlab.lib.fonts import tt2ps

    kit.fonts.face_for("中")  # loads a fallback
    assert tt2ps(kit.fonts.regular.name, 1, 0) == kit.fonts.bold.name


def test_no_unicode_font_is_a_clear_error(monkeypatch, tmp_path):
    monkeypatch.setattr(fonts_module, "_system_candidates", lambda: [(tmp_path / "none.ttf", None)])
    with pytest.raises(FontError, match="no Unicode TrueType font found"):
        find_fonts()
    with pytest.raises(FontError, match="font file not found"):
        find_fonts(tmp_path / "missing.ttf")
    bad = tmp_path / "bad.ttf"
    bad.write_bytes(b"not a font")
    with pytest.raises(FontError, match="not a usable TrueType font"):
        find_fonts(bad)


def test_cli_writes_a_pack(tmp_path, capsys):
    from planner.cli import main
    from planner.portfolio.store import save

    project = tmp_path / "p.liftoff"
    save(synthetic_portfolio(5), project)
    out = tmp_path / "pack.pdf"
    assert (
        main(["pack", str(project), str(out), "--paper", "letter", "--marking", "SECRET", "--invariant"]) == 0
    )
    reader = pypdf.PdfReader(out)
    assert "SECRET" in reader.pages[1].extract_text()
    assert f"wrote {out}" in capsys.readouterr().out
    assert main(["pack", str(project), str(out), "--logo", str(tmp_path / "nope.png")]) == 1
    assert "logo" in capsys.readouterr().err


def test_pilot_override_rationale_is_shown():
    portfolio = three_pilots()
    portfolio.pilots[2].override = Override(decision=Decision.PIVOT, rationale="Regulator asked to keep it")
    scores = hand_scores(THREE)
    c = scores.pilots["C"]
    scores.pilots["C"] = dataclasses.replace(c, decision=Decision.PIVOT, overridden=True)
    reader, _ = build(portfolio, scores, sections=["pilots"], pilots=["C"])
    text = " ".join(page_texts(reader)).replace("\n", " ")
    assert "Decision: Pivot (override; the method says stop)" in text
    assert "Rationale: Regulator asked to keep it" in text


def test_font_override_path_is_used(tmp_path):
    shipped = Path(find_fonts().regular.path)
    fonts = find_fonts(shipped)
    assert fonts.regular.path == str(shipped)


def test_an_output_path_that_cannot_be_written_is_refused_before_any_work(tmp_path):
    # these used to fail after the whole layout, naming a hidden temporary file (".pack.pdf.x1y2.tmp")
    portfolio = synthetic_portfolio(3)
    scores = score(portfolio, METHOD)
    (tmp_path / "file.txt").write_text("x")
    cases = {
        tmp_path: f"{tmp_path}: is a folder; name the PDF file to write",
        tmp_path / "missing" / "pack.pdf": f"the folder {tmp_path / 'missing'} does not exist",
        tmp_path / "file.txt" / "pack.pdf": f"the folder {tmp_path / 'file.txt'} is not a folder",
    }
    for out, message in cases.items():
        with pytest.raises(LiftoffError) as err:
            build_pack(out, portfolio, scores, METHOD, PackOptions())
        assert message in str(err.value) and ".tmp" not in str(err.value)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file.txt"]


def test_a_kpi_name_as_long_as_the_model_allows_fits_the_pilot_page():
    # Kpi.name may hold 20,000 characters; unclipped it made the pilot page's two columns 5,500 pt tall
    # and reportlab raised LayoutError. It is cut to 200 characters: 199 of the name and an ellipsis.
    portfolio = three_pilots()
    portfolio.pilots[2].kpi = Kpi(name="K" * 20_000, baseline=1, target=2)
    reader, _ = build(portfolio, hand_scores(THREE), sections=["pilots"], pilots=["C"])
    text = "".join(page_texts(reader)).replace("\n", "")
    assert "K" * 199 + "…" in text and "K" * 200 not in text


def test_kpi_values_are_written_as_amounts_or_quantities_not_in_scientific_notation():
    portfolio = three_pilots()
    portfolio.pilots[0].kpi = Kpi(
        name="Stock value", unit="EUR", baseline=8_400_000, target=6_900_000, latest=7_800_000
    )
    portfolio.pilots[1].kpi = Kpi(name="Handling time", unit="hours", baseline=12_500, target=9_000.5)
    reader, _ = build(portfolio, hand_scores(THREE), sections=["pilots"], pilots=["A", "B"])
    flat = " ".join(" ".join(page_texts(reader)).split())
    # the unit is the portfolio's currency, so the values are money: 8,400,000 → EUR 8.4 M
    assert "baseline EUR 8.4 M, target EUR 6.9 M, latest EUR 7.8 M" in flat
    # another unit: grouped digits, at most two decimals, the unit after the number
    assert "baseline 12,500 hours, target 9,000.5 hours, latest –" in flat
    assert "e+0" not in flat


def test_training_page_counts_people_once_and_risks_name_people_not_trained_in_time():
    from tests.plan_helpers import scores
    from tests.test_training import _case

    # 25 people of a high-impact group; the shipped catalogue's required hands-on workshop lasts 4 h,
    # but trainers have 1 h a week: none of the 25 is trained before go-live. They still get the
    # self-paced quick-reference card (25 places), which is not a session.
    portfolio, _ = _case(1, trainer_hours_per_week=1)
    reader, _ = build(portfolio, scores({"T": Decision.SCALE}), sections=["training", "risks"])
    flat = " ".join(" ".join(page_texts(reader)).split())
    assert "and 25 self-paced course places" in flat
    assert "of 25 people trained before go-live" in flat
    assert "People Attendances Led sessions Self-paced places Learner hours" in flat
    assert "Learners" not in flat
    assert "25 people in 1 cohort cannot be trained" in flat
    assert (
        "25 people cannot be trained before go-live within the trainer capacity, in 1 cohort of Triage"
        in flat
    )


def _scale_pilots(n: int) -> tuple[Portfolio, Scores]:
    pilots = [Pilot(id=f"P{i}", name=f"Pilot {i}") for i in range(1, n + 1)]
    rows = [(f"P{i}", 80.0, 80.0, 80.0, 80.0, Decision.SCALE, 12) for i in range(1, n + 1)]
    return Portfolio(name="Names", as_of=date(2026, 6, 1), pilots=pilots), hand_scores(rows)


def test_a_names_list_names_a_single_leftover_instead_of_counting_it():
    # four names are shown; a fifth is named rather than written as "and 1 more"
    portfolio, scores = _scale_pilots(5)
    flat = " ".join(" ".join(page_texts(build(portfolio, scores, sections=["summary"])[0])).split())
    assert "Approve scale-up of 5: Pilot 1, Pilot 2, Pilot 3, Pilot 4 and Pilot 5" in flat
    portfolio, scores = _scale_pilots(6)
    flat = " ".join(" ".join(page_texts(build(portfolio, scores, sections=["summary"])[0])).split())
    assert "Approve scale-up of 6: Pilot 1, Pilot 2, Pilot 3, Pilot 4 and 2 more" in flat


def test_a_decision_bar_segment_too_narrow_for_its_name_shows_its_count(monkeypatch):
    from reportlab.graphics.shapes import String

    from planner.export.pdf import charts

    seen: list[list[str]] = []
    original = charts.stacked_bar

    def spy(parts, width, font):
        drawing = original(parts, width, font)
        seen.append([shape.text for shape in drawing.contents if isinstance(shape, String)])
        return drawing

    monkeypatch.setattr(charts, "stacked_bar", spy)
    portfolio, _ = _scale_pilots(30)
    rows = [(f"P{i}", 80.0, 80.0, 80.0, 80.0, Decision.SCALE, 12) for i in range(1, 26)]
    rows.append(("P26", 80.0, 80.0, 20.0, 70.0, Decision.SECURE_SPONSOR, 12))
    rows += [(f"P{i}", 10.0, 10.0, 10.0, 10.0, Decision.STOP, 0) for i in range(27, 31)]
    build(portfolio, hand_scores(rows), sections=["summary"])
    # A4 frame about 500 pt wide: 1 of 30 pilots gets about 17 pt, too narrow for "Secure sponsor 1"
    # (about 60 pt in 7.5-pt bold), so it shows "1"; "Scale 25" and "Stop 4" (about 67 pt) fit; the
    # empty segments have no width (and are not drawn)
    assert seen == [["Scale 25", "1", "Stop 4"]]


def test_each_failing_gate_names_its_remedy_or_says_the_method_has_none():
    from planner.model import Rating

    # every criterion rated 5 except security 3; every check ticked except integration and access.
    # Integration is rated 5: no remedy lifts it higher, so the method has none for that check.
    # Security 3: only "Put access behind corporate identity" lifts it (to 4).
    portfolio = three_pilots()
    ratings = {c.id: Rating(score=5) for c in METHOD.criteria if c.derived is None}
    ratings["security"] = Rating(score=3)
    gates = {g.id: True for g in METHOD.gates} | {"integration_tested": False, "access_governance": False}
    portfolio.pilots[0] = portfolio.pilots[0].model_copy(update={"ratings": ratings, "gates": gates})
    reader, _ = build(portfolio, hand_scores(THREE), sections=["pilots"], pilots=["A"])
    flat = " ".join(" ".join(page_texts(reader)).split())
    assert "Integration with production systems tested — not ticked → no remedy in the method" in flat
    assert (
        "Access governance and authentication in place — not ticked → Put access behind corporate identity"
        in flat
    )


def test_roadmap_windows_are_balanced_and_at_most_eight_months():
    from planner.export.pdf.plans import roadmap_windows

    assert roadmap_windows(21) == (3, 7)  # not 6 + 6 + 6 and a last window of 3
    assert roadmap_windows(8) == (1, 8)
    assert roadmap_windows(17) == (3, 6)  # ceil(17 / 8) = 3 windows, ceil(17 / 3) = 6 months
    assert roadmap_windows(25) == (4, 7)
    assert roadmap_windows(1) == (1, 1)


def test_a_roadmap_row_shows_in_a_window_only_with_a_bar_or_gate_in_it():
    from reportlab.lib.colors import black

    from planner.export.pdf.maps import GanttBar, GanttRow
    from planner.export.pdf.plans import shows_in

    # remediation Nov–Feb, then blocked until a rollout in Sep–Oct with its gate on 1 Oct
    row = GanttRow(
        "1. Blocked",
        "Helvetica",
        (
            GanttBar(date(2026, 11, 2), date(2027, 2, 26), black),
            GanttBar(date(2027, 9, 1), date(2027, 10, 29), black),
        ),
        (date(2027, 10, 1),),
    )
    assert not shows_in(row, date(2027, 4, 1), date(2027, 7, 31))  # the gap between the bars
    assert shows_in(row, date(2027, 2, 1), date(2027, 3, 31))
    assert shows_in(
        GanttRow("2. Gate", "Helvetica", (), (date(2027, 5, 3),)), date(2027, 5, 1), date(2027, 5, 31)
    )


def test_demo_roadmap_rows_are_in_rank_order_with_whole_names_in_balanced_windows():
    from planner.portfolio.store import load
    from planner.resources import templates_dir

    portfolio = load(templates_dir() / "demo" / "demo.liftoff")
    reader, _ = build(portfolio, sections=["roadmap"])
    text = "\n".join(page_texts(reader))
    span = re.search(r"scheduled from (\d{4})-(\d\d)-\d\d to (\d{4})-(\d\d)", text)
    y0, m0, y1, m1 = (int(x) for x in span.groups())
    months = (y1 - y0) * 12 + m1 - m0 + 1  # the demo: Nov 2026 to Jul 2028, 21 months → 3 windows of 7
    windows = -(-months // 8)
    assert f"shown in {windows} windows of {-(-months // windows)} months" in text
    titles = list(re.finditer(r"^[A-Z][a-z]{2} \d{4} – [A-Z][a-z]{2} \d{4}$", text, re.M))
    assert len(titles) == windows
    names = {p.name for p in portfolio.pilots}
    for i, title in enumerate(titles):
        body = text[title.end() : titles[i + 1].start() if i + 1 < len(titles) else len(text)]
        rows = re.findall(r"^(\d+)\. (.+?)\s*$", body, re.M)
        assert rows and all(name in names for _, name in rows), rows  # whole names, none cut off
        ranks = [int(r) for r, _ in rows]
        assert ranks == sorted(ranks)


def test_demo_contents_on_letter_paper_with_a_long_pilot_name_fit_one_page():
    from planner.portfolio.store import load
    from planner.resources import templates_dir

    portfolio = load(templates_dir() / "demo" / "demo.liftoff")
    portfolio.pilots[0] = portfolio.pilots[0].model_copy(update={"name": "Supercalifragilistic" * 10})
    reader, _ = build(portfolio, paper="letter")
    texts = page_texts(reader)
    assert texts[1].startswith("Contents")
    assert "Cover" not in texts[1]
    assert texts[2].startswith("Executive summary")  # no second contents page


def test_method_appendix_says_when_months_in_pilot_count():
    reader, _ = build(three_pilots(), hand_scores(THREE), sections=["method"])
    flat = " ".join(" ".join(page_texts(reader)).split())
    assert "while it is still an idea, proof of concept or pilot" in flat


def test_a_pilot_blocked_by_many_items_names_ten_and_counts_the_rest():
    # 400 blocking enablers made the decision box 5,300 pt tall and reportlab raised LayoutError.
    # With 30: the first 10 are named (Gate 00 … Gate 09) and the other 30 - 10 = 20 are counted.
    portfolio = three_pilots()
    portfolio.enablers = [Enabler(id=f"E{i:02}", name=f"Gate {i:02}") for i in range(30)]
    portfolio.dependencies = [Dependency(pilot="C", on=f"E{i:02}") for i in range(30)]
    reader, _ = build(portfolio, sections=["pilots"], pilots=["C"])
    text = " ".join(page_texts(reader)).replace("\n", " ")
    assert "Gate 09, and 20 more" in text and "Gate 00" in text and "Gate 10" not in text


def test_the_latest_snapshot_is_found_among_times_with_and_without_a_zone(tmp_path, capsys):
    # `liftoff snapshot` on the demo adds a UTC time beside the demo's zone-less one; the pack then
    # raised TypeError while picking the latest snapshot to compare with.
    from planner.cli import main
    from planner.portfolio.store import save

    portfolio = three_pilots()
    portfolio.snapshots.append(Snapshot(id="OLD", label="Old committee", taken=datetime(2026, 3, 1, 9, 0)))
    project = tmp_path / "p.liftoff"
    save(portfolio, project)
    assert main(["snapshot", str(project), "--label", "New committee"]) == 0
    assert main(["pack", str(project), str(tmp_path / "pack.pdf"), "--sections", "changes"]) == 0
    text = " ".join(page_texts(pypdf.PdfReader(tmp_path / "pack.pdf"))).replace("\n", " ")
    assert "New committee" in text and "Old committee" not in text


def test_method_appendix_numbers_every_gate_check_on_one_line():
    # the method has 12 gate checks; "10." to "12." used to break after the digits in a narrow column
    reader, _ = build(three_pilots(), hand_scores(THREE), sections=["method"])
    words = "\n".join(page_texts(reader)).split()
    assert all(f"{n}." in words for n in range(1, 13))


def test_large_gaps_no_remedy_lifts_are_named_under_the_remedies():
    from planner.model import Rating

    # Alpha has every typed criterion at 5 but security 3 and a scale investment with no benefit: its
    # NPV is negative, so the derived "benefit at scale" rates 0, a large gap that no remedy of the
    # method lifts (remedies lift typed criteria and sponsor engagement only).
    portfolio = three_pilots()
    ratings = {c.id: Rating(score=5) for c in METHOD.criteria if c.derived is None}
    ratings["security"] = Rating(score=3)
    gates = {g.id: True for g in METHOD.gates} | {"access_governance": False}
    portfolio.pilots[0] = portfolio.pilots[0].model_copy(update={"ratings": ratings, "gates": gates})
    reader, _ = build(portfolio, hand_scores(THREE), sections=["pilots"], pilots=["A"])
    flat = " ".join(" ".join(page_texts(reader)).split())
    note = flat.index("Remedies The method has no remedy for the large gap: Benefit at scale (rated 0.0).")
    assert note < flat.index("Remedy (best expected uplift first)")  # under the heading, above the table


def test_every_demo_pilot_page_fits_one_a4_page():
    from planner.portfolio.store import load
    from planner.resources import templates_dir

    portfolio = load(templates_dir() / "demo" / "demo.liftoff")
    reader, _ = build(portfolio, sections=["pilots"], max_pilot_pages=None)
    texts = page_texts(reader)
    names = {p.name for p in portfolio.pilots}
    pages = texts[1:]  # after the section's own introduction page
    firsts = [t.split("\n", 1)[0].strip() for t in pages]
    assert all(first in names for first in firsts), [f for f in firsts if f not in names]
    assert len(firsts) == len(set(firsts))  # one page each, none continued on a second


def test_pack_decision_colours_are_the_apps_colour_blind_safe_hues():
    from planner.export.pdf.doc import load_style

    # Okabe–Ito: bluish green, blue, orange, reddish purple, vermilion (as in the app's matrix)
    expected = {
        "scale": "0x009e73",
        "fix_then_scale": "0x0072b2",
        "secure_sponsor": "0xe69f00",
        "pivot": "0xcc79a7",
        "stop": "0xd55e00",
    }
    assert {k: c.hexval() for k, c in load_style().decisions.items()} == expected
