"""Measure the workspace on the demo at one screen size, in normal and presentation mode; print JSON.

Run by `test_workspace_sizes` in a fresh process whose offscreen screen has the size under test
(``QT_QPA_PLATFORM=offscreen:configfile=…``): the app starts as a user's would (`start_window`, demo,
first start) and every text is measured against its column with QFontMetrics, not by eye:

- ``share``: the central view's share of the window's width;
- ``table``: key columns of the portfolio table (rank, pilot, decision, the scores) that are not whole
  in sight, headers or cells whose text does not fit its column (a decision inside its badge);
- ``ratings``: criterion headers that do not fit wrapped in their header, pilot names cut;
- ``tabs``: whether the tab strip fits, or the view menu stands in for it.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QSettings, Qt
from PySide6.QtWidgets import QApplication, QStyle

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


def pump(rounds: int = 20) -> None:
    for _ in range(rounds):
        QCoreApplication.processEvents()


def table_problems(table: Any) -> list[str]:
    from ui.models.pilots import COL, KEY_COLUMNS

    view, model = table.view, table.model
    style, header = view.style(), view.horizontalHeader()
    margin = style.pixelMetric(QStyle.PixelMetric.PM_HeaderMargin)
    mark = style.pixelMetric(QStyle.PixelMetric.PM_HeaderMarkSize)
    cell_pad = 2 * (style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 1)
    text_metrics, header_metrics = view.fontMetrics(), header.fontMetrics()
    room = view.viewport().width()
    problems = []
    for key in KEY_COLUMNS:
        col = COL[key]
        left, width = view.columnViewportPosition(col), view.columnWidth(col)
        if left < 0 or left + width > room:
            problems.append(f"{key}: not whole in sight ({left}+{width} of {room})")
        title = str(model.headerData(col, Qt.Orientation.Horizontal))
        needed = header_metrics.horizontalAdvance(title) + 2 * margin
        if header.sortIndicatorSection() == col:
            needed += mark + margin
        if needed > width:
            problems.append(f"{key}: header “{title}” needs {needed}, has {width}")
        if key == "name":
            continue
        for row in range(min(model.rowCount(), 40)):
            text = str(model.index(row, col).data())
            if key == "decision":
                badge = view.visualRect(model.index(row, col)).adjusted(4, 3, -4, -3)
                fits = text_metrics.horizontalAdvance(text) + badge.height() <= badge.width()
            else:
                fits = text_metrics.horizontalAdvance(text) + cell_pad <= width
            if not fits:
                problems.append(f"{key}: “{text}” does not fit {width}")
    return problems


def ratings_problems(grid: Any) -> list[str]:
    from ui.views.triage.ratings_grid import HEADER_MARGIN, wrapped

    header, view, model = grid.view.horizontalHeader(), grid.view, grid.model
    metrics = header.fontMetrics()
    problems = []
    for col in range(1, model.columnCount()):
        title, width = header.title(col), view.columnWidth(col)
        inner = width - 2 * HEADER_MARGIN
        if any(metrics.horizontalAdvance(word) > inner for word in title.split()):
            problems.append(f"“{title}”: a word is wider than its column ({width})")
        if wrapped(title, inner, metrics).height() > header.height() - 2 * HEADER_MARGIN:
            problems.append(
                f"“{title}”: {wrapped(title, inner, metrics).height()} high in a {header.height()} header"
            )
        for row in range(min(model.rowCount(), 40)):
            text = str(model.index(row, col).data() or "")
            if view.fontMetrics().horizontalAdvance(text) + 6 > width:
                problems.append(f"“{title}”: “{text}” does not fit {width}")
    names = view.verticalHeader()
    for row in range(model.rowCount()):
        name = model.row_name(row)
        if names.fontMetrics().horizontalAdvance(name) + 8 > names.width():
            problems.append(f"pilot name “{name}” cut at {names.width()}")
    return problems


def measure(window: Any) -> dict[str, Any]:
    from ui.shell import layout

    window.tabs.setCurrentWidget(window.ratings)
    pump()
    grid = window.ratings.ensure()
    window.tabs.setCurrentWidget(window.table)
    pump()
    switcher = window.switcher
    return {
        "window": [window.width(), window.height()],
        "share": layout.central_share(window),
        "table": table_problems(window.table),
        "ratings": ratings_problems(grid),
        "tabs": {
            "fit": switcher.fits(),
            "bar": window.tabs.tabBar().isVisible(),
            "menu": switcher.action.isVisible(),
        },
    }


def main() -> None:
    home = Path(tempfile.mkdtemp())
    os.environ["LIFTOFF_RECOVERY_DIR"] = str(home / "recovery")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(home))
    from ui.app import make_app, start_window

    make_app()
    window = start_window([])
    if window.tour is not None:
        window.tour.dismiss()
    window.show()
    pump(40)
    normal = measure(window)
    window.presentation_action.trigger()
    pump(40)
    presenting = measure(window)
    presenting["overlay_shown"] = window.presenter.overlay.isVisible()
    print(json.dumps({"normal": normal, "presentation": presenting}))
    window.presentation_action.trigger()
    window.guard.close()
    QApplication.processEvents()


if __name__ == "__main__":
    main()
