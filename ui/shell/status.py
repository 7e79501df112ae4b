"""What the window's title and status bar say: the project, its state, the pilots and their decisions."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLabel

MainWindow = Any  # ui.main_window.MainWindow, which sits on the floor above and imports this module


def labels(window: MainWindow) -> tuple[QLabel, QLabel, QLabel]:
    """The status bar's three labels: how many pilots, the decisions' tally, the file's state."""
    count, tally, file = QLabel(), QLabel(), QLabel()
    bar = window.statusBar()
    bar.clearMessage()
    bar.addWidget(count)
    bar.addWidget(tally)
    bar.addPermanentWidget(file)
    return count, tally, file


def show(window: MainWindow, changes: Any) -> None:
    """Bring the title, the status bar and the panels' read-only state up to date after `changes`."""
    from ui import theme

    doc = window.doc
    if changes.file or changes.structure:
        name = doc.path.name if doc.path else doc.portfolio.name
        ro = " (read-only)" if doc.read_only else ""
        window.setWindowTitle(f"{name}[*]{ro} — Liftoff")
    window.setWindowModified(doc.is_modified())
    if window.panels_built:  # sliders must not move in a read-only window
        for panel in (window.weights, window.plan_dock.widget()):
            panel.setEnabled(not doc.read_only)
    window.status_file.setText(
        ("Read-only · " if doc.read_only else "")
        + ("Modified" if doc.is_modified() else ("Saved" if doc.path else "Not saved"))
    )
    if changes.scores:
        scores = doc.scores()
        window.status_count.setText(f"{len(doc.portfolio.pilots)} pilots")
        tally = [f"{theme.DECISION_LABELS[d]} {scores.tally.get(d, 0)}" for d in theme.DECISION_LABELS]
        window.status_tally.setText(" · ".join(tally))
