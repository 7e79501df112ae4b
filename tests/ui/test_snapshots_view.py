"""Snapshots: recording is undoable; the comparison shows score moves and decision changes."""

from __future__ import annotations

from collections.abc import Callable

from planner.model import Decision
from tests.ui.factory import portfolio
from ui import commands
from ui.main_window import MainWindow


def test_record_then_compare_shows_decision_change(make_window: Callable[..., MainWindow]) -> None:
    win = make_window(portfolio(6))
    doc = win.doc
    view = win.snapshots.ensure()
    win.show()
    win.tabs.setCurrentWidget(win.snapshots)
    view.record("March committee")
    assert [s.label for s in doc.portfolio.snapshots] == ["March committee"]
    assert "0 decisions changed, 0 pilots differ" in view.summary.text()

    before = doc.scores().pilots["P-04"].decision
    target = Decision.STOP if before is not Decision.STOP else Decision.SCALE
    doc.push(commands.set_override(doc, "P-04", target, "Budget withdrawn"))
    assert "1 decision changed, 1 pilot differs" in view.summary.text()
    name = doc.portfolio.pilot("P-04").name
    assert view.table.item(0, 0).text() == name  # decision changes come first
    from ui.theme import DECISION_LABELS

    assert view.table.horizontalHeaderItem(1).text() == "Decision"  # right after the name
    assert view.table.item(0, 1).text() == f"{DECISION_LABELS[before]} → {DECISION_LABELS[target]}"

    doc.undo_stack.undo()  # the override
    doc.undo_stack.undo()  # the recording
    assert doc.portfolio.snapshots == []
    assert "No snapshot yet" in view.summary.text()


def test_every_column_shows_its_text_in_full(make_window: Callable[..., MainWindow]) -> None:
    from ui.main_window import demo_path

    win = make_window()
    win.open_path(demo_path(), as_template=True)  # the demo has a recorded committee
    win.resize(1500, 900)
    win.show()
    view = win.snapshots.ensure()
    win.tabs.setCurrentWidget(win.snapshots)
    table = view.table
    assert table.rowCount() > 5
    metrics = table.fontMetrics()
    for column in range(table.columnCount()):
        cells = [table.item(r, column) for r in range(table.rowCount())]
        widest = max(metrics.horizontalAdvance(c.text()) for c in cells if c is not None)
        assert table.columnWidth(column) >= widest  # names, numbers and decisions show in full
