"""The PDF steering-committee pack: everything an executive sees of Liftoff, short and exact.

``build_pack(out, portfolio, scores, method, PackOptions(...)) -> PackReport`` writes the pack and
reports what it left out and why, and any text the fonts could not draw (pilot, field). Options are
checked before any work (a missing or corrupt logo, an unknown snapshot or section is a one-line
`LiftoffError`). Sections whose inputs are missing (no stakeholders, an engine not in this build…)
are left out with a line saying why, listed on the contents page and in the report.

Layout runs once (see `doc`): contents, links, outline, "Page X of Y" and the marking are drawn
when the canvas is saved. With ``invariant=True`` the same input gives byte-identical files.
"""

from __future__ import annotations

import io
import os
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import IO

from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.utils import ImageReader
from reportlab.platypus import Flowable, PageBreak

from planner.atomic import publish
from planner.errors import LiftoffError
from planner.export.pdf import change as pdf_change
from planner.export.pdf import front as pdf_front
from planner.export.pdf import graphs as pdf_graphs
from planner.export.pdf import pilot as pdf_pilot
from planner.export.pdf import plans as pdf_plans
from planner.export.pdf import sensitivity as pdf_sensitivity
from planner.export.pdf.common import DECISION_ORDER, Ctx, LeftOut
from planner.export.pdf.doc import (
    TOC_ROW,
    TOC_TITLE,
    Decor,
    PackCancelled,
    PackCanvas,
    PackDoc,
    ReservedPage,
    load_style,
    paragraph_styles,
)
from planner.export.pdf.fonts import FontSet, GlyphFinding, TextKit, find_fonts
from planner.method import Method, effective_weights
from planner.model import Portfolio
from planner.triage.scoring import Scores
from planner.triage.snapshots import taken_order

SECTIONS: dict[str, str] = {
    "cover": "Cover",
    "contents": "Contents",
    "summary": "Executive summary",
    "triage": "Triage matrix",
    "scorecard": "Ranked scorecard",
    "changes": "Changes since the last committee",
    "funding": "Funding",
    "pilots": "Pilots under decision",
    "roadmap": "Rollout roadmap",
    "dependencies": "Dependency map",
    "stakeholders": "Stakeholders and engagement",
    "training": "Training and change",
    "risks": "Risks",
    "method": "Appendix: the method",
}
PAPERS = {"a4": A4, "letter": LETTER}

Progress = Callable[[float, str], None]
Cancel = Callable[[], bool]


@dataclass(frozen=True)
class PackOptions:
    """What goes into a pack and how it looks. Every field has a sensible default."""

    sections: Sequence[str] | None = None  # ids from SECTIONS, in any order; None = all
    paper: str = "a4"  # "a4" or "letter"
    organisation: str | None = None  # None = the portfolio's organisation
    logo: Path | None = None  # PNG or JPEG shown on the cover
    accent: str | None = None  # "#RRGGBB"; None = the style's accent
    marking: str = ""  # confidentiality marking, e.g. "CONFIDENTIAL — board only"
    anonymise: bool = False  # stakeholder names replaced by "Stakeholder N (role)"
    compare: str | None = None  # snapshot id; None = the most recent snapshot, if any
    invariant: bool = False  # byte-identical output for identical input
    committee_date: date | None = None  # None = the portfolio's as-of date
    pilots: Sequence[str] | None = None  # pilot ids under decision; None = chosen from the decisions
    max_pilot_pages: int | None = 25  # cap on pilot pages when `pilots` is None; None = no cap
    font: Path | None = None  # a TrueType font to use instead of the shipped/system one
    font_bold: Path | None = None
    style: str = "default"  # a pack style in templates/styles


@dataclass
class PackReport:
    """What a pack contains, what it left out and why, and text it could not draw."""

    pages: int
    bytes: int
    sections: list[str]  # ids of the sections drawn, in order
    left_out: list[tuple[str, str]]  # (section id, reason)
    glyphs: list[GlyphFinding]
    pilot_pages: list[str]  # pilot ids with a page
    seconds: float
    fonts: list[str] = field(default_factory=list)  # font files used

    def lines(self) -> list[str]:
        """The report as plain lines for a console or a dialog."""
        out = [f"{self.pages} pages, {len(self.pilot_pages)} pilot pages, {self.seconds:.2f} s"]
        out += [f"left out {SECTIONS.get(s, s).lower()}: {why}" for s, why in self.left_out]
        out += [g.describe() for g in self.glyphs]
        return out


def check_logo(path: Path) -> str:
    """The logo path as a string once it is known to be a readable image; LiftoffError otherwise."""
    if not path.is_file():
        raise LiftoffError(f"logo {path}: file not found")
    try:
        width, height = ImageReader(str(path)).getSize()
    except Exception as exc:
        raise LiftoffError(f"logo {path}: not a readable PNG or JPEG image ({type(exc).__name__})") from None
    if width <= 0 or height <= 0:
        raise LiftoffError(f"logo {path}: the image is empty")
    return str(path)


def check_out(path: Path) -> None:
    """LiftoffError naming `path` when a pack cannot be written there (checked before any work).

    Without it, a folder or a missing folder failed only after the whole pack was laid out, with a
    message naming the hidden temporary file instead of the user's path.
    """
    if path.is_dir():
        raise LiftoffError(f"{path}: is a folder; name the PDF file to write")
    folder = path.parent
    if not folder.is_dir():
        problem = "is not a folder" if folder.exists() else "does not exist"
        raise LiftoffError(f"{path}: cannot write the pack: the folder {folder} {problem}")


def check_options(portfolio: Portfolio, options: PackOptions) -> tuple[list[str], str | None, str | None]:
    """(section ids in pack order, logo path, snapshot id) once every option is known to be usable."""
    logo = check_logo(options.logo) if options.logo is not None else None
    if options.paper.lower() not in PAPERS:
        raise LiftoffError(f"paper: {options.paper!r} is not one of {', '.join(PAPERS)}")
    wanted = list(SECTIONS) if options.sections is None else list(options.sections)
    unknown = [s for s in wanted if s not in SECTIONS]
    if unknown:
        raise LiftoffError(
            f"sections: unknown {', '.join(map(repr, unknown))} (known: {', '.join(SECTIONS)})"
        )
    if options.accent is not None:
        load_style(options.style, options.accent)
    snapshot = options.compare
    known = {s.id for s in portfolio.snapshots}
    if snapshot is not None and snapshot not in known:
        raise LiftoffError(
            f"compare: no snapshot {snapshot!r} in the portfolio "
            f"(available: {', '.join(sorted(known)) or 'none'})"
        )
    if snapshot is None and portfolio.snapshots:
        snapshot = max(portfolio.snapshots, key=taken_order).id
    if options.pilots is not None:
        ids = {p.id for p in portfolio.pilots}
        missing = [p for p in options.pilots if p not in ids]
        if missing:
            raise LiftoffError(f"pilots: unknown pilot {missing[0]!r}")
    if options.max_pilot_pages is not None and options.max_pilot_pages < 0:
        raise LiftoffError("max_pilot_pages: must be 0 or more")
    return [s for s in SECTIONS if s in wanted], logo, snapshot


def pilots_under_decision(
    portfolio: Portfolio, scores: Scores, options: PackOptions
) -> tuple[list[str], int]:
    """(pilot ids given a page, how many more qualified but were capped).

    Without an explicit list: the active pilots (idea to scaling), ordered by the decision asked
    (scale, secure sponsor, fix then scale, pivot, stop), then by rank.
    """
    if options.pilots is not None:
        return [p for p in options.pilots if p in scores.pilots], 0
    order = {d: i for i, d in enumerate(DECISION_ORDER)}
    active = [p.id for p in portfolio.pilots if p.stage in pdf_front.ACTIVE and p.id in scores.pilots]
    active.sort(key=lambda pid: (order[scores.pilots[pid].decision], scores.pilots[pid].rank))
    cap = options.max_pilot_pages
    if cap is None or len(active) <= cap:
        return active, 0
    return active[:cap], len(active) - cap


def _build_section(ctx: Ctx, sid: str, rollout: dict[str, str], snapshot: str | None) -> list[Flowable]:
    if sid == "summary":
        ctx.cache["risk_lines"] = pdf_plans.risk_lines(ctx)
        return pdf_front.summary(ctx, ctx.cache["risk_lines"])
    if sid == "triage":
        return pdf_front.triage(ctx)
    if sid == "scorecard":
        return pdf_front.scorecard(ctx)
    if sid == "changes":
        return pdf_change.changes(ctx, snapshot)
    if sid == "funding":
        from planner.export.pdf import (
            funding as pdf_funding,  # scipy's solver is imported only when asked for
        )

        return pdf_funding.section(ctx)
    if sid == "pilots":
        return pdf_pilot.pilots_section(ctx, rollout)
    if sid == "roadmap":
        return pdf_plans.roadmap(ctx)
    if sid == "dependencies":
        return pdf_graphs.dependencies(ctx)
    if sid == "stakeholders":
        return pdf_graphs.stakeholders(ctx)
    if sid == "training":
        return pdf_change.training(ctx)
    if sid == "risks":
        return pdf_plans.risks(ctx)
    if sid == "method":
        return pdf_front.method_appendix(ctx) + pdf_sensitivity.weights_robustness(ctx)
    raise AssertionError(sid)


def build_pack(
    out: str | Path | IO[bytes],
    portfolio: Portfolio,
    scores: Scores,
    method: Method,
    options: PackOptions,
    *,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> PackReport:
    """Write the pack to `out` (a path, written atomically, or a binary stream) and report on it.

    Guarantees: options are validated before any work; on cancel (`cancel()` returning True) a
    `PackCancelled` is raised and nothing is written; user text never reaches reportlab unescaped.
    """
    started = time.perf_counter()
    order, logo, snapshot = check_options(portfolio, options)
    if isinstance(out, str | Path):
        check_out(Path(out))
    report = progress or (lambda fraction, message: None)
    stop = cancel or (lambda: False)
    fonts: FontSet = find_fonts(options.font, options.font_bold)
    style = load_style(options.style, options.accent)
    kit = TextKit(fonts)
    pstyles = paragraph_styles(style, fonts)
    pagesize = PAPERS[options.paper.lower()]
    org = options.organisation if options.organisation is not None else portfolio.organisation
    decor = Decor(
        kit=kit,
        style=style,
        pstyles=pstyles,
        marking=kit.plain(options.marking, "options", "marking"),
        org=kit.plain(org, "options", "organisation", 80),
        title=kit.plain(portfolio.name, "portfolio", "name", 80),
    )
    buffer = io.BytesIO()
    ticks = [0, 1]

    def tick() -> None:
        ticks[0] += 1
        if stop():
            raise PackCancelled("export cancelled")
        if ticks[0] % 25 == 0:
            report(0.3 + 0.65 * min(ticks[0] / ticks[1], 1.0), "laying out pages")

    doc = PackDoc(
        buffer,
        decor,
        tick,
        pagesize=pagesize,
        invariant=1 if options.invariant else 0,
        title=f"{decor.title} — steering committee pack",
        author=decor.org or "Liftoff",
        subject="Portfolio triage of AI pilots and the decisions asked of the steering committee",
        keywords="AI pilots, triage, steering committee, rollout, Liftoff",
        creator="Liftoff",
        producer="Liftoff (reportlab)",
        initialFontName=fonts.regular.name,
    )
    under, capped = pilots_under_decision(portfolio, scores, options)
    ctx = Ctx(
        portfolio=portfolio,
        scores=scores,
        method=method,
        weights=effective_weights(method, portfolio),
        kit=kit,
        style=style,
        ps=pstyles,
        decor=decor,
        width=doc.width,
        height=doc.height,
        anonymise=options.anonymise,
        compare=snapshot,
        under_decision=under,
        left_out_pilots=capped,
    )

    story: list[Flowable] = []
    drawn: list[str] = []
    left_out: list[tuple[str, str]] = []
    rollout = pdf_plans.rollout_lines(ctx) if "pilots" in order else {}
    body = [s for s in order if s not in ("cover", "contents")]
    for i, sid in enumerate(body):
        if stop():
            raise PackCancelled("export cancelled")
        report(0.3 * i / max(len(body), 1), f"preparing {SECTIONS[sid].lower()}")
        try:
            flowables = _build_section(ctx, sid, rollout, snapshot)
        except LeftOut as why:
            left_out.append((sid, str(why)))
            continue
        drawn.append(sid)
        story += [PageBreak(), *flowables]
    notes = [f"{SECTIONS[s]} — left out because {why}." for s, why in left_out]
    front: list[Flowable] = []
    if "cover" in order:
        front += pdf_front.cover(
            ctx, decor.org, logo, options.marking, options.committee_date or portfolio.as_of
        )
    if "contents" in order:
        entries = sum(1 for f in story if getattr(f, "toc", None) is not None)
        usable = doc.height - 4
        decor.toc_rows_first = int((usable - TOC_TITLE) // TOC_ROW)
        decor.toc_rows_next = int(usable // TOC_ROW)
        decor.notes = notes
        rows = entries + (len(notes) + 1 if notes else 0)
        pages = decor.toc_page_count(rows)
        for k in range(pages):
            if front or k:
                front.append(PageBreak())
            front.append(ReservedPage(decor))
    elif notes:
        front += [
            PageBreak(),
            ctx.rich("Left out of this pack", "h2"),
            *[ctx.rich(ctx.m(n), "small") for n in notes],
        ]
    story = front + (story if front else story[1:])
    if not story:
        story = [ctx.rich("This pack has no sections.", "body")]
    ticks[1] = max(len(story), 1)
    report(0.3, "laying out pages")
    doc.build(story, canvasmaker=lambda *a, **k: PackCanvas(*a, decor=decor, **k))
    data = buffer.getvalue()
    if stop():
        raise PackCancelled("export cancelled")
    _write(out, data)
    report(1.0, "done")
    pages = decor.total_pages
    return PackReport(
        pages=pages,
        bytes=len(data),
        sections=[s for s in order if s in ("cover", "contents")] + drawn,
        left_out=left_out,
        glyphs=kit.report(),
        pilot_pages=under if "pilots" in drawn else [],
        seconds=time.perf_counter() - started,
        fonts=[f.path for f in (fonts.regular, fonts.bold)],
    )


def _write(out: str | Path | IO[bytes], data: bytes) -> None:
    """Write to a path atomically (temp file beside it, fsync, replace) or to a binary stream."""
    if isinstance(out, str | Path):
        target = Path(out)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent or ".")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            publish(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    else:
        out.write(data)
