"""Pilot editor: typed notes are kept, and scrolling the Ratings tab never re-rates (review items 4, 5)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QFocusEvent, QWheelEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from planner.portfolio import edits
from tests.ui.conftest import Prompts
from tests.ui.factory import portfolio
from ui import commands
from ui.document import Changes
from ui.main_window import MainWindow


def _leave(widget: QWidget) -> None:
    QApplication.sendEvent(widget, QFocusEvent(QEvent.Type.FocusOut, Qt.FocusReason.TabFocusReason))


def _wheel_down(widget: QWidget) -> None:
    centre = QPointF(widget.rect().center())
    event = QWheelEvent(
        centre,
        QPointF(widget.mapToGlobal(centre)),
        QPoint(0, 0),
        QPoint(0, -120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(widget, event)


def test_notes_typed_then_another_pilot_selected_are_kept_as_one_undo_step(
    window: MainWindow, qtbot: QtBot
) -> None:
    doc, editor = window.doc, window.editor
    doc.select(["P-01"])
    before = doc.portfolio.pilot("P-01").notes
    qtbot.keyClicks(editor.notes, "Sponsor asks for a cost case")
    doc.select(["P-02"])
    assert doc.portfolio.pilot("P-01").notes == before + "Sponsor asks for a cost case"
    assert doc.undo_stack.undoText() == f"Edit notes of {doc.portfolio.pilot('P-01').name}"
    assert editor.notes.toPlainText() == doc.portfolio.pilot("P-02").notes
    doc.undo_stack.undo()
    assert doc.portfolio.pilot("P-01").notes == before
    doc.undo_stack.redo()
    doc.select(["P-01"])
    assert editor.notes.toPlainText() == before + "Sponsor asks for a cost case"


def test_notes_survive_a_score_refresh_and_are_kept_when_the_box_loses_focus(
    window: MainWindow, qtbot: QtBot
) -> None:
    doc, editor = window.doc, window.editor
    doc.select(["P-03"])
    qtbot.keyClicks(editor.notes, "half a sentence")
    weight = doc.weights().dimensions["value"]
    doc.push(commands.set_dimension_weight(doc, "value", weight + 10))
    qtbot.wait(20)  # the editor refreshes on the next turn of the event loop
    assert editor.notes.toPlainText() == "half a sentence"
    assert doc.portfolio.pilot("P-03").notes == ""  # nothing kept yet: the user is still typing
    _leave(editor.notes)
    assert doc.portfolio.pilot("P-03").notes == "half a sentence"
    steps = doc.undo_stack.count()
    _leave(editor.notes)  # nothing new typed: no second step
    assert doc.undo_stack.count() == steps


def test_wheel_over_an_unfocused_rating_or_evidence_box_changes_nothing(window: MainWindow) -> None:
    doc, editor = window.doc, window.editor
    doc.select(["P-01"])
    pilot = doc.portfolio.pilot("P-01")
    criterion = next(c for c in editor.rating_spins if c in pilot.ratings and pilot.ratings[c].score > 0)
    spin, evidence = editor.rating_spins[criterion], editor.evidence[criterion]
    assert spin.focusPolicy() == Qt.FocusPolicy.StrongFocus
    assert evidence.focusPolicy() == Qt.FocusPolicy.StrongFocus
    steps = doc.undo_stack.count()
    _wheel_down(spin)
    _wheel_down(evidence)
    assert spin.value() == pilot.ratings[criterion].score
    assert evidence.currentText() == pilot.ratings[criterion].evidence.value
    assert doc.portfolio.pilot("P-01").ratings[criterion] == pilot.ratings[criterion]
    assert doc.undo_stack.count() == steps


def test_gate_names_and_reasons_wrap_and_a_click_on_the_name_ticks_the_box(
    window: MainWindow, qtbot: QtBot
) -> None:
    doc, editor = window.doc, window.editor
    doc.select(["P-01"])
    window.resize(1280, 720)
    window.show()
    editor.setCurrentWidget(editor._gates_page)
    names = editor._gate_names
    assert len(names) == len(editor.gate_boxes)
    for label in names:
        assert label.wordWrap()
        assert label.width() <= editor.width()
    for reason in editor.gate_reasons.values():
        assert reason.wordWrap()
    gate = next(g for g, box in editor.gate_boxes.items() if not box.isChecked())
    label = next(label for label, check in names.items() if check is editor.gate_boxes[gate])
    qtbot.mouseClick(label, Qt.MouseButton.LeftButton)
    assert doc.portfolio.pilot("P-01").gates[gate] is True
    assert editor.gate_boxes[gate].isChecked()


def test_typed_notes_are_dropped_when_another_portfolio_is_opened(window: MainWindow, qtbot: QtBot) -> None:
    doc, editor = window.doc, window.editor
    doc.select(["P-01"])
    qtbot.keyClicks(editor.notes, "for the old project")
    doc.replace(portfolio(3, seed=11), None)  # P-01 exists in the new portfolio too
    doc.select(["P-02"])
    assert doc.portfolio.pilot("P-01").notes == ""
    assert doc.undo_stack.count() == 0


def test_typed_notes_survive_an_edit_that_touches_everything(window: MainWindow, qtbot: QtBot) -> None:
    doc, editor = window.doc, window.editor
    doc.select(["P-01"])
    qtbot.keyClicks(editor.notes, "keep me")
    after = edits.update_pilot(doc.portfolio, "P-05", business_unit="Legal")
    doc.push(commands.EditCommand(doc, "Import intake", after, Changes.everything()))  # as an intake import
    qtbot.wait(20)
    assert editor.notes.toPlainText() == "keep me"
    doc.select(["P-02"])
    assert doc.portfolio.pilot("P-01").notes == "keep me"


def test_notes_still_being_typed_are_kept_by_save_and_counted_on_close(
    make_window: Callable[..., MainWindow], qtbot: QtBot, tmp_path: Path, asked: Prompts
) -> None:
    from planner.portfolio.store import load

    window = make_window(portfolio(4))
    doc, editor = window.doc, window.editor
    doc.select(["P-01"])
    path = tmp_path / "p.liftoff"
    qtbot.keyClicks(editor.notes, "typed, then Ctrl+S")  # the cursor stays in the box
    assert window.save_to(path)
    assert load(path).pilot("P-01").notes == "typed, then Ctrl+S"
    qtbot.keyClicks(editor.notes, " and more")
    asked.save_answer = "cancel"
    assert not window.maybe_save()  # the typing is a change: closing asks first (and is cancelled)
    assert doc.is_modified() and doc.portfolio.pilot("P-01").notes == "typed, then Ctrl+S and more"


def test_notes_reach_the_document_after_a_pause_and_pauses_make_one_undo_step(
    window: MainWindow, qtbot: QtBot
) -> None:
    from ui.views.triage.pilot_editor import NOTES_PAUSE_MS

    doc, editor = window.doc, window.editor
    doc.select(["P-02"])
    steps = doc.undo_stack.count()
    qtbot.keyClicks(editor.notes, "first part")
    qtbot.waitUntil(lambda: doc.portfolio.pilot("P-02").notes == "first part", timeout=NOTES_PAUSE_MS + 1000)
    assert doc.is_modified()  # so the autosave runs and a crash keeps it
    qtbot.keyClicks(editor.notes, ", second part")
    qtbot.waitUntil(
        lambda: doc.portfolio.pilot("P-02").notes == "first part, second part", timeout=NOTES_PAUSE_MS + 1000
    )
    assert doc.undo_stack.count() == steps + 1
    doc.undo_stack.undo()
    assert doc.portfolio.pilot("P-02").notes == ""
