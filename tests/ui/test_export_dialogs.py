"""Excel scorecard and PDF pack exports from the app: options, worker, cancel, atomic files, logo check."""

from __future__ import annotations

import tempfile
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from pypdf import PdfReader
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QColorDialog, QPushButton
from pytestqt.qtbot import QtBot

from planner.export.pdf import pack as pdf
from planner.export.xlsx import workbook as xlsx
from planner.portfolio.store import load
from planner.resources import templates_dir
from tests.ui.factory import portfolio
from ui import prompts, worker
from ui.dialogs.export_pack import PackDialog, export_pack
from ui.dialogs.export_scorecard import export_scorecard
from ui.document import Document

DEMO = Path(__file__).resolve().parents[2] / "templates" / "demo" / "demo.liftoff"
OLD = b"an existing file the user cares about"


class Asked:
    """Every prompt the export asked, with canned answers."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, save_to: Path | None) -> None:
        self.save_to = save_to
        self.save_asked: list[str] = []
        self.offers: list[tuple[str, list[str]]] = []
        self.errors: list[str] = []
        self.notes: list[str] = []
        self.opened: list[Path] = []

        def ask_save(_p: object, title: str, suggested: Path, _f: str) -> Path | None:
            self.save_asked.append(suggested.name)
            return self.save_to

        def offer(_p: object, _t: str, message: str, details: list[str]) -> bool:
            self.offers.append((message, details))
            return True

        monkeypatch.setattr(worker, "ask_save_path", ask_save)
        monkeypatch.setattr(worker, "offer_folder", offer)
        monkeypatch.setattr(worker, "open_folder", self.opened.append)
        monkeypatch.setattr(worker, "notify", lambda _p, m: self.notes.append(m))
        monkeypatch.setattr(prompts, "show_error", lambda _p, _t, m: self.errors.append(m))


def finish(qtbot: QtBot, job: worker.Job | None) -> str:
    assert job is not None
    with qtbot.waitSignal(job.finished, timeout=120_000) as blocker:
        pass
    assert blocker.args is not None
    return str(blocker.args[0])


def gate_cancel(
    monkeypatch: pytest.MonkeyPatch, module: Any, name: str
) -> tuple[threading.Event, threading.Event]:
    """Wrap an engine so its first cancel check waits, mid-export, until the test lets it go on.

    Returns (reached, resume): `reached` is set when the engine is at its first check; the test then
    presses Cancel and sets `resume`, so the engine sees the cancel at a known point of its work.
    """
    real = getattr(module, name)
    reached, resume = threading.Event(), threading.Event()

    def wrapped(*args: Any, cancel: Callable[[], bool], **kwargs: Any) -> Any:
        def gated() -> bool:
            if not reached.is_set():
                reached.set()
                assert resume.wait(30)
            return cancel()

        return real(*args, cancel=gated, **kwargs)

    monkeypatch.setattr(module, name, wrapped)
    return reached, resume


def press_cancel(qtbot: QtBot, job: worker.Job, reached: threading.Event, resume: threading.Event) -> None:
    qtbot.waitUntil(reached.is_set, timeout=60_000)
    job.dialog.canceled.emit()  # the Cancel button's signal
    resume.set()


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


# --- Excel scorecard ---------------------------------------------------------------------------------
def test_scorecard_export_writes_the_workbook_and_offers_the_folder(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    target = tmp_path / "board.xlsx"
    asked = Asked(monkeypatch, target)
    doc = Document(portfolio(6))
    job = export_scorecard(None, doc)
    assert finish(qtbot, job) == "result"
    assert asked.save_asked == ["Test portfolio scorecard.xlsx"]
    wb = openpyxl.load_workbook(target, read_only=True)
    assert "Scorecard" in wb.sheetnames and "Weights" in wb.sheetnames
    ids = {c for row in wb["Scorecard"].iter_rows(values_only=True) for c in row if isinstance(c, str)}
    wb.close()
    assert {f"P-{i:02d}" for i in range(1, 7)} <= ids  # every pilot of the portfolio has its row
    [(message, details)] = asked.offers
    assert str(target) in message and details == []
    assert asked.opened == [target]
    assert asked.errors == []


def test_scorecard_export_backs_out_quietly_when_no_file_is_chosen(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked = Asked(monkeypatch, None)
    assert export_scorecard(None, Document(portfolio(3))) is None
    assert asked.offers == [] and asked.errors == []


@pytest.mark.parametrize("existing", [False, True])
def test_cancelled_scorecard_leaves_no_file_or_the_old_one_untouched(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, existing: bool
) -> None:
    target = tmp_path / "board.xlsx"
    if existing:
        target.write_bytes(OLD)
    asked = Asked(monkeypatch, target)
    scratch = tmp_path.parent / f"{tmp_path.name}-scratch"  # openpyxl's per-sheet temporary files
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    # 120 pilots: 3 rows each = 360 progress ticks, so the engine checks cancel at tick 200, mid-export
    reached, resume = gate_cancel(monkeypatch, xlsx, "write_scorecard")
    job = export_scorecard(None, Document(portfolio(120)))
    assert job is not None
    press_cancel(qtbot, job, reached, resume)
    assert finish(qtbot, job) == "cancelled"
    assert asked.notes == ["Export Excel scorecard cancelled; nothing was written."]
    assert asked.offers == [] and asked.errors == []
    assert leftovers(tmp_path) == (["board.xlsx"] if existing else [])  # no temporary file either
    if existing:
        assert target.read_bytes() == OLD
    assert leftovers(scratch) == []  # the engine's sheet streams were closed and deleted too


def test_failed_scorecard_export_names_the_file(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    target = tmp_path / "no such folder" / "board.xlsx"
    asked = Asked(monkeypatch, target)
    assert finish(qtbot, export_scorecard(None, Document(portfolio(3)))) == "error"
    [message] = asked.errors
    assert "no such folder" in message and "No such file or directory" in message
    assert "Traceback" not in message and asked.offers == []


# --- PDF pack ----------------------------------------------------------------------------------------
def test_pack_dialog_offers_the_engines_sections_and_the_portfolios_snapshots(qtbot: QtBot) -> None:
    doc = Document(load(DEMO))
    dialog = PackDialog(doc)
    qtbot.addWidget(dialog)
    assert list(dialog.section_boxes) == list(pdf.SECTIONS)
    assert [dialog.compare.itemData(i) for i in range(dialog.compare.count())] == [
        s.id for s in sorted(doc.portfolio.snapshots, key=lambda s: s.taken, reverse=True)
    ]
    assert dialog.organisation.text() == doc.portfolio.organisation == "Corvane Group"
    dialog.section_boxes["risks"].setChecked(False)
    dialog.paper.setCurrentIndex(dialog.paper.findData("letter"))
    dialog.set_accent("#AA3300")
    dialog.marking.setText("  Board only  ")
    dialog.anonymise.setChecked(True)
    options = dialog.options()
    assert (
        "risks" not in list(options.sections or [])
        and len(list(options.sections or [])) == len(pdf.SECTIONS) - 1
    )
    assert (options.paper, options.accent, options.marking, options.anonymise, options.logo) == (
        "letter",
        "#AA3300",
        "Board only",
        True,
        None,
    )
    assert options.compare == "SC-2026-08"


def test_pack_dialog_orders_snapshots_with_and_without_a_time_zone(qtbot: QtBot) -> None:
    # The demo's snapshot has no zone, a recorded one is UTC: sorting them raised TypeError and the
    # dialog did not open. Newest first: 22 Nov 2026 (UTC) before the demo's 20 Aug 2026.
    from datetime import UTC, datetime

    from planner.model import Snapshot

    demo = load(DEMO)
    recorded = Snapshot(id="snap-new", label="Recorded", taken=datetime(2026, 11, 22, 0, 30, tzinfo=UTC))
    dialog = PackDialog(Document(demo.model_copy(update={"snapshots": [*demo.snapshots, recorded]})))
    qtbot.addWidget(dialog)
    assert [dialog.compare.itemData(i) for i in range(dialog.compare.count())] == ["snap-new", "SC-2026-08"]


def test_pack_dialog_without_snapshots_says_so(qtbot: QtBot) -> None:
    dialog = PackDialog(Document(portfolio(3)))
    qtbot.addWidget(dialog)
    assert not dialog.compare.isEnabled() and dialog.compare.currentData() is None
    for box in dialog.section_boxes.values():
        box.setChecked(False)
    assert not dialog.export_button.isEnabled()  # a pack with no section is not offered


@pytest.mark.parametrize("logo", ["corrupt", "missing"])
def test_pack_refuses_a_bad_logo_before_any_work(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, logo: str
) -> None:
    path = tmp_path / "logo.png"
    if logo == "corrupt":
        path.write_bytes(b"\x89PNG\r\n\x1a\n this is not an image")
    asked = Asked(monkeypatch, tmp_path / "pack.pdf")
    built: list[object] = []
    monkeypatch.setattr(pdf, "build_pack", lambda *a, **k: built.append(a))
    seen: dict[str, object] = {}

    def run_dialog(dialog: PackDialog) -> int:
        qtbot.addWidget(dialog)
        dialog.logo.path.setText(str(path))
        dialog.export_button.click()
        seen["error"] = dialog.logo.error.text()
        seen["shown"] = dialog.logo.error.isVisibleTo(dialog)
        seen["result"] = dialog.result()
        return dialog.result()

    monkeypatch.setattr(PackDialog, "exec", run_dialog)
    assert export_pack(None, Document(portfolio(3))) is None
    assert seen["shown"] is True and seen["result"] == 0  # the dialog stayed open
    expected = "File not found" if logo == "missing" else "Not a readable PNG or JPEG image"
    assert str(seen["error"]).startswith(expected)
    assert asked.save_asked == [] and built == []  # no file asked for, no pack started
    assert leftovers(tmp_path) == (["logo.png"] if logo == "corrupt" else [])


@pytest.mark.parametrize("font", ["corrupt", "missing", "bold-only"])
def test_pack_refuses_a_bad_font_before_any_work(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, font: str
) -> None:
    path = tmp_path / "brand.ttf"
    if font == "corrupt":
        path.write_bytes(b"\x00\x01\x00\x00 not really a font")
    asked = Asked(monkeypatch, tmp_path / "pack.pdf")
    built: list[object] = []
    monkeypatch.setattr(pdf, "build_pack", lambda *a, **k: built.append(a))
    seen: dict[str, object] = {}

    def run_dialog(dialog: PackDialog) -> int:
        qtbot.addWidget(dialog)
        field = dialog.font_bold if font == "bold-only" else dialog.font
        field.path.setText(str(path))
        dialog.export_button.click()
        seen["error"] = field.error.text()
        seen["shown"] = field.error.isVisibleTo(dialog)
        return dialog.result()

    monkeypatch.setattr(PackDialog, "exec", run_dialog)
    assert export_pack(None, Document(portfolio(3))) is None
    assert seen["shown"] is True
    expected = {
        "corrupt": "Not a usable TrueType font",
        "missing": "Font file not found",
        "bold-only": "Choose the regular face (Font) as well",
    }[font]
    assert str(seen["error"]).startswith(expected)
    assert asked.save_asked == [] and built == []


def test_pack_dialog_passes_the_chosen_fonts_and_pilot_page_limit(qtbot: QtBot) -> None:
    fonts = templates_dir() / "fonts"
    dialog = PackDialog(Document(portfolio(3)))
    qtbot.addWidget(dialog)
    assert dialog.options().max_pilot_pages is None  # by default every pilot under decision
    assert dialog.pilot_pages.text() == "One for every pilot under decision"
    dialog.font.path.setText(str(fonts / "DejaVuSans.ttf"))
    dialog.font_bold.path.setText(str(fonts / "DejaVuSans-Bold.ttf"))
    dialog.pilot_pages.setValue(5)
    assert dialog.check_fonts()
    options = dialog.options()
    assert (options.font, options.font_bold, options.max_pilot_pages) == (
        fonts / "DejaVuSans.ttf",
        fonts / "DejaVuSans-Bold.ttf",
        5,
    )
    dialog.pilot_pages.setValue(0)
    assert dialog.options().max_pilot_pages == 0  # no pilot pages at all


def accept_with(changes: Callable[[PackDialog], None]) -> Callable[[PackDialog], int]:
    def run_dialog(dialog: PackDialog) -> int:
        changes(dialog)
        dialog.export_button.click()
        return dialog.result()

    return run_dialog


def test_pack_export_uses_the_options_and_reports_what_was_left_out(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    target = tmp_path / "pack.pdf"
    asked = Asked(monkeypatch, target)

    def choose(dialog: PackDialog) -> None:
        dialog.paper.setCurrentIndex(dialog.paper.findData("letter"))
        dialog.organisation.setText("Northwind Test Org")
        dialog.marking.setText("RESTRICTED TESTMARK")
        for sid in ("pilots", "roadmap", "training", "dependencies"):
            dialog.section_boxes[sid].setChecked(False)

    monkeypatch.setattr(PackDialog, "exec", accept_with(choose))
    # no snapshot in this portfolio: the "changes since" section cannot be drawn and must be reported
    assert finish(qtbot, export_pack(None, Document(portfolio(5)))) == "result"
    assert asked.errors == []
    reader = PdfReader(target)
    width, height = float(reader.pages[0].mediabox.width), float(reader.pages[0].mediabox.height)
    assert (round(width), round(height)) == (612, 792)  # US Letter: 8.5 × 11 in at 72 pt per inch
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Northwind Test Org" in text and "RESTRICTED TESTMARK" in text
    [(message, details)] = asked.offers
    assert f"({len(reader.pages)} pages)" in message
    assert any(line.startswith("left out changes since the last committee") for line in details)
    assert asked.opened == [target]


@pytest.mark.parametrize("existing", [False, True])
def test_cancelled_pack_leaves_no_file_or_the_old_one_untouched(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, existing: bool
) -> None:
    target = tmp_path / "pack.pdf"
    if existing:
        target.write_bytes(OLD)
    asked = Asked(monkeypatch, target)
    reached, resume = gate_cancel(monkeypatch, pdf, "build_pack")
    monkeypatch.setattr(PackDialog, "exec", accept_with(lambda d: None))
    job = export_pack(None, Document(load(DEMO)))
    assert job is not None
    press_cancel(qtbot, job, reached, resume)
    assert finish(qtbot, job) == "cancelled"
    assert asked.offers == [] and asked.errors == []
    assert leftovers(tmp_path) == (["pack.pdf"] if existing else [])
    if existing:
        assert target.read_bytes() == OLD


def test_accent_colour_comes_from_the_colour_dialog_and_resets_to_the_styles(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = PackDialog(Document(portfolio(2)))
    qtbot.addWidget(dialog)
    monkeypatch.setattr(QColorDialog, "getColor", lambda *_a: QColor(18, 52, 86))  # 0x12, 0x34, 0x56
    dialog.accent_button.click()
    assert dialog.options().accent == "#123456"
    assert dialog.accent_button.text() == "#123456"
    monkeypatch.setattr(QColorDialog, "getColor", lambda *_a: QColor())  # the user pressed Cancel
    dialog.accent_button.click()
    assert dialog.options().accent == "#123456"
    reset = [b for b in dialog.findChildren(QPushButton) if b.text() == "Default"]
    reset[0].click()
    assert dialog.options().accent is None  # the pack style's own accent
    assert dialog.accent_button.text().endswith("(style default)")
