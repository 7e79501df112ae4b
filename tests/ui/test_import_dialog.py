"""Intake in the app: template writing, import preview with located problems, one-step undoable import."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from pytestqt.qtbot import QtBot

from planner.intake.workbook import read_intake, write_template
from planner.model import Pilot, Portfolio, Stakeholder
from planner.portfolio.store import load
from tests.ui.factory import portfolio
from ui import prompts, worker
from ui.dialogs import import_intake as intake_dialog
from ui.dialogs import intake_template
from ui.dialogs.import_intake import IntakePreview, import_intake
from ui.dialogs.intake_template import write_intake_template
from ui.document import Document

DEMO = Path(__file__).resolve().parents[2] / "templates" / "demo" / "demo.liftoff"


class Seen:
    def __init__(self, monkeypatch: pytest.MonkeyPatch, accept: bool) -> None:
        self.accept = accept
        self.previews: list[IntakePreview] = []
        self.errors: list[str] = []
        self.offers: list[str] = []

        def show(preview: IntakePreview) -> bool:
            self.previews.append(preview)
            return self.accept

        monkeypatch.setattr(intake_dialog, "show_preview", show)
        monkeypatch.setattr(worker, "notify", lambda _p, _m: None)
        monkeypatch.setattr(worker, "offer_folder", lambda _p, _t, m, _d: self.offers.append(m) or False)
        monkeypatch.setattr(prompts, "show_error", lambda _p, _t, m: self.errors.append(m))


def finish(qtbot: QtBot, job: worker.Job | None) -> str:
    assert job is not None
    with qtbot.waitSignal(job.finished, timeout=60_000) as blocker:
        pass
    assert blocker.args is not None
    return str(blocker.args[0])


def rows(preview: IntakePreview) -> list[tuple[str, ...]]:
    table = preview.table
    return [
        tuple(table.item(r, c).text() for c in range(table.columnCount())) for r in range(table.rowCount())
    ]


def workbook(tmp_path: Path, content: Portfolio, edits: dict[tuple[str, str], object] | None = None) -> Path:
    path = tmp_path / "intake.xlsx"
    write_template(path, content, Document(content).method)
    if edits:
        wb = openpyxl.load_workbook(path)
        for (sheet, ref), value in edits.items():
            wb[sheet][ref].value = value
        wb.save(path)
    return path


def test_problems_are_listed_by_cell_and_nothing_changes(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    seen = Seen(monkeypatch, accept=True)  # even an "accept" must not import a workbook with problems
    doc = Document(portfolio(4))
    before = doc.portfolio
    # Pilots sheet: row 1 is the header, so the 2nd pilot is on row 3; B is Name, C is Stage
    path = workbook(tmp_path, portfolio(4), {("Pilots", "B3"): None, ("Pilots", "C4"): "pilott"})
    assert finish(qtbot, import_intake(None, doc, path)) == "result"
    [preview] = seen.previews
    assert preview.import_button is None  # no way to import from this preview
    assert [r[:3] for r in rows(preview)] == [("Pilots", "B3", "Name"), ("Pilots", "C4", "Stage")]
    assert rows(preview)[0][3] == "missing required value"
    assert rows(preview)[1][3].startswith("unknown value 'pilott'")
    assert "2 problems in intake.xlsx" in preview.headline.text()
    assert doc.portfolio is before and doc.undo_stack.count() == 0


def test_not_a_workbook_is_a_located_problem_not_a_crash(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    seen = Seen(monkeypatch, accept=True)
    path = tmp_path / "notes.xlsx"
    path.write_text("just text", encoding="utf-8")
    doc = Document(portfolio(2))
    assert finish(qtbot, import_intake(None, doc, path)) == "result"
    [(sheet, cell, column, message)] = rows(seen.previews[0])
    assert (sheet, cell, column) == ("(file)", "—", "—") and message.startswith(
        "notes.xlsx: not an Excel workbook"
    )
    assert doc.undo_stack.count() == 0 and seen.errors == []


def test_accepted_merge_is_one_undo_step_and_undo_restores_the_exact_portfolio(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    seen = Seen(monkeypatch, accept=True)
    current = portfolio(4)
    doc = Document(current)
    # The workshop's workbook: P-02 moved to another unit, a new pilot P-09 with a new sponsor
    p2 = current.pilot("P-02").model_copy(update={"business_unit": "Legal"})
    new = Pilot(id="P-09", name="Contract triage", sponsor="S-2")
    sent = current.model_copy(
        update={
            "pilots": [current.pilots[0], p2, *current.pilots[2:], new],
            "stakeholders": [*current.stakeholders, Stakeholder(id="S-2", name="Ines Okafor")],
        }
    )
    path = workbook(tmp_path, sent)
    assert finish(qtbot, import_intake(None, doc, path)) == "result"
    [preview] = seen.previews
    assert not preview.replacing()  # merge is the default
    assert rows(preview) == [  # in the merged portfolio's order: pilots, then people
        ("Updated", "pilot", "P-02", "Pilot B: business unit"),
        ("Added", "pilot", "P-09", "Contract triage"),
        ("Added", "stakeholder", "S-2", "Ines Okafor"),
    ]
    # by hand: P-02 replaced in place, P-09 appended, S-2 appended, everything else as it was
    expected_ids = ["P-01", "P-02", "P-03", "P-04", "P-09"]
    after = doc.portfolio
    assert [p.id for p in after.pilots] == expected_ids
    assert after.pilot("P-02").business_unit == "Legal"
    assert after.pilot("P-01") == current.pilot("P-01")
    assert [s.id for s in after.stakeholders] == ["S-1", "S-2"]
    assert (after.name, after.as_of, after.method) == (current.name, current.as_of, current.method)
    assert doc.undo_stack.count() == 1 and doc.undo_stack.undoText() == "Import intake"
    assert doc.scores().pilots.keys() == set(expected_ids)  # the new pilot is scored
    doc.undo_stack.undo()
    assert doc.portfolio == current and doc.portfolio is current
    doc.undo_stack.redo()
    assert doc.portfolio == after


def test_cancelled_preview_changes_nothing(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    seen = Seen(monkeypatch, accept=False)
    doc = Document(portfolio(3))
    before = doc.portfolio
    path = workbook(tmp_path, portfolio(5))
    assert finish(qtbot, import_intake(None, doc, path)) == "result"
    assert seen.previews[0].import_button is not None and seen.previews[0].import_button.isEnabled()
    assert doc.portfolio is before and doc.undo_stack.count() == 0


def test_merge_conflict_blocks_the_import_until_replace_is_chosen(qtbot: QtBot, tmp_path: Path) -> None:
    current = portfolio(3)
    renamed = current.model_copy(
        update={
            "pilots": [current.pilots[0].model_copy(update={"name": "Something else"}), *current.pilots[1:]]
        }
    )
    path = workbook(tmp_path, renamed)
    doc = Document(current)
    preview = IntakePreview(doc, path, read_intake(path, doc.method))
    qtbot.addWidget(preview)
    assert preview.import_button is not None
    assert rows(preview) == [
        ("Conflict", "pilot", "P-01", "named 'Pilot A' in the project but 'Something else' in the import")
    ]
    assert not preview.import_button.isEnabled()
    preview.set_replace(True)
    assert rows(preview) == [("Updated", "pilot", "P-01", "Something else: name")]
    assert preview.import_button.isEnabled()


def test_replace_keeps_weights_snapshots_and_scenarios_of_the_demo(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    seen = Seen(monkeypatch, accept=True)
    demo = load(DEMO)
    doc = Document(demo)
    small = portfolio(3)
    path = workbook(tmp_path, small)

    def choose_replace(preview: IntakePreview) -> bool:
        seen.previews.append(preview)
        preview.set_replace(True)
        return True

    monkeypatch.setattr(intake_dialog, "show_preview", choose_replace)
    assert finish(qtbot, import_intake(None, doc, path)) == "result"
    changes = rows(seen.previews[0])
    removed = {r[2] for r in changes if r[:2] == ("Removed", "pilot")}
    assert removed == {p.id for p in demo.pilots}  # the demo's ids (FIN-01…) share nothing with P-01…
    # the demo's scenarios: "2027 scale budget" forces FIN-02 in, "Lean year" forces LOG-04 out; both
    # pilots are gone with the replace, so are those choices
    scenario_rows = [r[3] for r in changes if r[1] == "funding scenario"]
    assert scenario_rows == ["2027 scale budget: forced in", "Lean year (budget cut by half): forced out"]
    after = doc.portfolio
    assert [p.id for p in after.pilots] == ["P-01", "P-02", "P-03"]
    assert after.name == small.name and after.stakeholders == small.stakeholders
    assert (after.snapshots, after.method, after.plan) == (demo.snapshots, demo.method, demo.plan)
    assert [(s.name, s.budget, s.objective) for s in after.scenarios] == [
        (s.name, s.budget, s.objective) for s in demo.scenarios
    ]
    assert all(not s.forced_in and not s.forced_out and not s.exclusive for s in after.scenarios)
    doc.undo_stack.undo()
    assert doc.portfolio is demo


def test_same_workbook_changes_nothing_so_import_is_disabled(qtbot: QtBot, tmp_path: Path) -> None:
    current = portfolio(3)
    path = workbook(tmp_path, current)
    preview = IntakePreview(Document(current), path, read_intake(path, Document(current).method))
    qtbot.addWidget(preview)
    assert rows(preview) == []
    assert preview.import_button is not None and not preview.import_button.isEnabled()
    assert "would change nothing" in preview.note.text()


def test_template_is_prefilled_or_empty_and_imports_back(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    seen = Seen(monkeypatch, accept=False)
    asked: list[int] = []
    monkeypatch.setattr(intake_template, "ask_prefill", lambda _p, n: asked.append(n) or True)
    doc = Document(portfolio(5))
    filled = tmp_path / "filled.xlsx"
    assert finish(qtbot, write_intake_template(None, doc, filled)) == "result"
    assert asked == [5]
    back = read_intake(filled, doc.method).portfolio
    assert back is not None and back.pilots == doc.portfolio.pilots
    assert "pre-filled with 5 pilots" in seen.offers[0]

    empty_doc = Document(Portfolio(name="New"))  # no pilots: nothing to ask
    empty = tmp_path / "empty.xlsx"
    assert finish(qtbot, write_intake_template(None, empty_doc, empty)) == "result"
    assert asked == [5]
    back = read_intake(empty, doc.method).portfolio
    assert back is not None and back.pilots == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty.xlsx", "filled.xlsx"]  # no temp files


def test_template_write_failure_leaves_the_old_file(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    seen = Seen(monkeypatch, accept=False)
    target = tmp_path / "intake.xlsx"
    target.write_bytes(b"old template")

    def broken(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(intake_template, "write_template", broken)
    assert (
        finish(qtbot, write_intake_template(None, Document(portfolio(2)), target, prefilled=True)) == "error"
    )
    assert seen.errors == [f"{target}: No space left on device"]
    assert target.read_bytes() == b"old template"
    assert [p.name for p in tmp_path.iterdir()] == ["intake.xlsx"]


def test_read_only_project_refuses_the_import_up_front(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    seen = Seen(monkeypatch, accept=True)
    asked: list[str] = []
    monkeypatch.setattr(worker, "ask_open_path", lambda *_a: asked.append("asked") or tmp_path / "x.xlsx")
    doc = Document(portfolio(2), path=tmp_path / "board.liftoff")
    doc.set_read_only(True)
    assert import_intake(None, doc) is None
    assert seen.errors == ["board.liftoff is open read-only; nothing can be imported into it"]
    assert asked == [] and doc.undo_stack.count() == 0
