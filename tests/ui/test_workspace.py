"""Workspace behaviour: edits in the table reach scores, ranks, matrix and status bar; undo is exact."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from planner.method import load_method
from planner.model import Decision, Financials, Pilot, Portfolio, Stage
from planner.triage import scoring
from ui import commands
from ui.main_window import MainWindow
from ui.theme import DECISION_LABELS
from ui.views.triage.matrix_labels import SIZE
from ui.views.triage.stage_board import pilot_mime

METHOD = load_method()
TYPED = [c.id for c in METHOD.criteria if c.derived is None]


def twin_portfolio() -> Portfolio:
    """Two pilots with identical data except the mlops rating: A has 0, B has 1, every other typed 3."""

    def pilot(pid: str, name: str, mlops: int) -> Pilot:
        ratings = {c: {"score": 3} for c in TYPED}
        ratings["mlops"] = {"score": mlops}
        return Pilot(
            id=pid,
            name=name,
            business_unit="Ops",
            pilot_start=date(2025, 6, 1),
            ratings=ratings,
            financials=Financials(scale_investment=100_000, annual_benefit=150_000),
        )

    return Portfolio(
        name="Twins", as_of=date(2026, 1, 1), pilots=[pilot("A", "Alpha", 0), pilot("B", "Beta", 1)]
    )


def test_rating_edit_in_grid_updates_score_rank_matrix_and_status(
    make_window: Callable[..., MainWindow], qtbot: QtBot
) -> None:
    win = make_window(twin_portfolio())
    doc = win.doc
    before = doc.scores().pilots["A"]
    assert doc.scores().ranking == ("B", "A")  # B's mlops 1 beats A's 0, all else equal
    tally_before = win.status_tally.text()

    model = win.ratings.ensure().model
    column = 1 + [c.id for c in METHOD.criteria].index("mlops")
    with qtbot.waitSignal(doc.changed):
        assert model.setData(model.index(model.row_of("A"), column), "5", Qt.ItemDataRole.EditRole)

    after = doc.scores().pilots["A"]
    # every readiness criterion is typed and rated, so readiness = sum(w*r)/sum(w) * 20;
    # raising mlops from 0 to 5 adds w_mlops * 5 * 20 / sum of readiness weights.
    w_ready = sum(c.weight for c in METHOD.criteria_of("readiness"))
    expected = METHOD.criterion("mlops").weight * 5 * 20 / w_ready
    assert after.readiness - before.readiness == pytest.approx(expected)
    assert after.value == pytest.approx(before.value)
    assert doc.scores().ranking == ("A", "B")
    assert win.table.model.data(win.table.model.index(0, 0)) == "1"

    bubble = win.matrix.ensure().matrix.bubbles["A"]
    assert bubble.scene_rect().center().y() == pytest.approx(SIZE - after.readiness / 100 * SIZE)
    assert bubble.scene_rect().center().x() == pytest.approx(after.value / 100 * SIZE)
    # the status bar shows the tally of the current scores
    tally = scoring.score(doc.portfolio).tally
    for decision, count in tally.items():
        assert f"{DECISION_LABELS[decision]} {count}" in win.status_tally.text()
    assert win.status_count.text() == "2 pilots"
    assert isinstance(tally_before, str)
    assert win.isWindowModified()


def test_undo_redo_restore_exact_domain_state(window: MainWindow) -> None:
    doc = window.doc
    states = [doc.portfolio.model_dump()]
    steps = [
        lambda: commands.set_rating(doc, "P-01", "mlops", 5),
        lambda: commands.move_stage(doc, "P-02", Stage.SCALING),
        lambda: commands.set_weight(doc, "mlops", 30),
        lambda: commands.set_override(doc, "P-03", Decision.STOP, "No owner after the re-org"),
        lambda: commands.add_pilot(doc),
        lambda: commands.remove_pilots(doc, ["P-01", "P-04"]),
        lambda: commands.set_threshold(doc, "value", 55),
    ]
    for make in steps:
        doc.push(make())
        states.append(doc.portfolio.model_dump())
    assert len({repr(s) for s in states}) == len(states)  # every step changed something
    for expected in reversed(states[:-1]):
        doc.undo_stack.undo()
        assert doc.portfolio.model_dump() == expected
    assert not doc.is_modified()
    for expected in states[1:]:
        doc.undo_stack.redo()
        assert doc.portfolio.model_dump() == expected
    # scores after undo are the scores of the restored portfolio, not a stale cache
    doc.undo_stack.setIndex(0)
    assert doc.scores() == scoring.score(doc.portfolio)


def test_weight_slider_reranks_live_and_merges_into_one_undo_step(
    make_window: Callable[..., MainWindow],
) -> None:
    def strong(pid: str, dim: str) -> Pilot:
        ratings = {
            c.id: {"score": 5 if c.dimension == dim else 1} for c in METHOD.criteria if c.derived is None
        }
        return Pilot(id=pid, name=pid, ratings=ratings)

    # V is strong only on value, R only on readiness; both have the same sponsorship.
    win = make_window(
        Portfolio(
            name="Dims", as_of=date(2026, 1, 1), pilots=[strong("V", "value"), strong("R", "readiness")]
        )
    )
    doc = win.doc
    value_slider = win.weights.sliders[("dim", "value")]
    ready_slider = win.weights.sliders[("dim", "readiness")]
    for v in range(ready_slider.value(), 101, 5):
        ready_slider.setValue(v)
    value_slider.setValue(1)
    value_slider.sliderReleased.emit()  # a released slider starts a new undo step next time
    assert doc.scores().ranking[0] == "R"
    steps = doc.undo_stack.count()
    for v in range(1, 101, 3):
        value_slider.setValue(v)
    assert doc.undo_stack.count() == steps + 1  # the whole drag is one undo step
    for v in range(100, 0, -7):
        ready_slider.setValue(v)
    ready_slider.setValue(1)
    assert doc.scores().ranking[0] == "V"
    assert doc.rank_moves() == {"V": 1, "R": -1}
    assert "▲1" in win.table.model.data(win.table.model.index(0, 0))
    doc.undo_stack.undo()
    assert doc.weights().dimensions["readiness"] == 100.0


def test_drop_stage_card_moves_pilot_undoably(window: MainWindow) -> None:
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QDropEvent

    doc = window.doc
    window.show()
    window.tabs.setCurrentWidget(window.board)  # the board keeps its cards current while shown
    column = window.board.ensure().columns[Stage.PRODUCTION]
    assert doc.portfolio.pilot("P-02").stage is Stage.PILOT
    mime = pilot_mime(["P-02", "P-03"])  # kept alive: the event does not own it
    event = QDropEvent(
        QPointF(5, 5),
        Qt.DropAction.MoveAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    column.dropEvent(event)
    assert doc.portfolio.pilot("P-02").stage is Stage.PRODUCTION
    assert doc.portfolio.pilot("P-03").stage is Stage.PRODUCTION
    names = [column.item(i).data(Qt.ItemDataRole.UserRole) for i in range(column.count())]
    assert set(names) == {"P-02", "P-03"}
    doc.undo_stack.undo()  # one step for both cards
    assert doc.portfolio.pilot("P-02").stage is Stage.PILOT
    assert doc.portfolio.pilot("P-03").stage is Stage.PILOT


def test_keyboard_rating_digit_then_enter_moves_on(window: MainWindow, qtbot: QtBot) -> None:
    grid = window.ratings.ensure()
    view = grid.view
    window.tabs.setCurrentWidget(window.ratings)
    first_typed = 1  # kpi_clarity is typed
    view.setCurrentIndex(grid.model.index(2, first_typed))
    pilot_id = window.doc.scores().ranking[2]  # rows are in rank order
    qtbot.keyClick(view, Qt.Key.Key_4)
    pilot = window.doc.portfolio.pilot(pilot_id)
    assert pilot.ratings["kpi_clarity"].score == 4
    qtbot.keyClick(view, Qt.Key.Key_Return)
    # the next column is benefit_at_scale, derived: Enter skips it to strategic_alignment
    assert view.currentIndex().column() == 3
    qtbot.keyClick(view, Qt.Key.Key_9)  # not a rating: ignored
    assert (
        window.doc.portfolio.pilot(pilot_id).ratings["strategic_alignment"]
        == pilot.ratings["strategic_alignment"]
    )


def test_selection_is_shared_between_table_matrix_and_editor(window: MainWindow, qtbot: QtBot) -> None:
    doc = window.doc
    view = window.matrix.ensure().view
    window.tabs.setCurrentWidget(window.matrix)
    center = view.matrix.bubbles["P-05"].scene_rect().center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.mapFromScene(center))
    assert doc.selection() == ("P-05",)
    assert window.table.selected_ids() == ["P-05"]
    assert window.editor.name.text() == doc.portfolio.pilot("P-05").name
    doc.select(["P-02"])
    assert view.matrix.selected == {"P-02"}
    assert view.matrix.bubbles["P-02"].pen().widthF() > view.matrix.bubbles["P-05"].pen().widthF()


def test_override_requires_rationale_in_editor(window: MainWindow) -> None:
    doc = window.doc
    doc.select(["P-01"])
    editor = window.editor
    editor.override.setCurrentIndex(editor.override.findData(Decision.STOP.value))
    editor.rationale.setPlainText("")
    editor._apply_override()
    assert doc.portfolio.pilot("P-01").override is None
    name = doc.portfolio.pilot("P-01").name
    assert editor.error.text().startswith(f"An override of “{name}” needs a rationale: ")
    assert "P-01" not in editor.error.text()
    editor.rationale.setPlainText("Vendor exit; the data feed ends in March")
    editor._apply_override()
    override = doc.portfolio.pilot("P-01").override
    assert override is not None and override.decision is Decision.STOP
    assert doc.scores().pilots["P-01"].decision is Decision.STOP


def test_dragging_a_bubble_asks_what_it_takes_and_changes_nothing(window: MainWindow, qtbot: QtBot) -> None:
    doc = window.doc
    view = window.matrix.ensure().view
    window.show()
    window.tabs.setCurrentWidget(window.matrix)
    before = doc.portfolio
    pid = doc.scores().ranking[-1]
    s = doc.scores().pilots[pid]
    start = view.mapFromScene(view.matrix.bubbles[pid].scene_rect().center())
    target = view.mapFromScene(SIZE * 0.95, SIZE * 0.05)  # value 95, readiness 95
    qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(view.viewport(), pos=target)
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=target)
    assert doc.portfolio is before  # no rating was rewritten
    assert doc.selection() == (pid,)
    text = view.matrix.what_it_takes(pid, 95, 95)
    assert f"value {95 - s.value:+.0f} points, readiness {95 - s.readiness:+.0f} points" in text


def test_move_selected_pilots_to_a_stage_is_one_undo_step(window: MainWindow) -> None:
    doc = window.doc
    doc.select(["P-01", "P-02", "P-05"])
    assert set(window.table.selected_ids()) == {"P-01", "P-02", "P-05"}
    before = doc.portfolio
    window.table.move_selected(Stage.PRODUCTION)
    assert {doc.portfolio.pilot(p).stage for p in ("P-01", "P-02", "P-05")} == {Stage.PRODUCTION}
    assert window.history_dock.widget() is not None
    doc.undo_stack.undo()
    assert doc.portfolio.model_dump() == before.model_dump()
