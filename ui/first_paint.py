"""The app's start, timed to the first paint of portfolio rows in the table, then exit.

With ``LIFTOFF_FIRST_PAINT_REPORT=FILE`` set, ``liftoff`` (or the bundled app) starts as usual, and
the moment the portfolio table paints rows it notes the time, builds every other view once (the
ones built on first use), writes one JSON object to FILE and exits 0 (1 when no rows are painted
within a minute). The bundle's smoke test and the start-up benchmarks use it, as a frozen app cannot
be probed with injected code. The report says when the rows were painted, how many, which views
failed to build, whether the app ran frozen and where ``ui`` was loaded from, so a check can tell a
bundle that runs on its own from one that misses a module or leaks a Python environment.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, QTimer

import ui
from ui.app import launch, make_app
from ui.lazy import LazyTab

TIMEOUT_MS = 60_000


class _RowsPainted(QObject):
    def __init__(self, report: Path) -> None:
        super().__init__()
        self.report = report
        self.window: Any = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self.window is not None and self.window.built:
            table = self.window.table
            if watched is table.view.viewport() and table.model.rowCount():
                self.finish({"rows": table.model.rowCount(), "painted_at": time.time()} | self.views(), 0)
        return False

    def views(self) -> dict[str, Any]:
        built, failed = 0, []
        for tab in self.window.findChildren(LazyTab):
            try:
                tab.ensure()
                built += 1
            except Exception as exc:  # reported, not raised: the report names every view that failed
                failed.append(f"{tab.objectName() or type(tab).__name__}: {type(exc).__name__}: {exc}")
        return {"views": built, "view_errors": failed}

    def finish(self, result: dict[str, Any], code: int) -> None:
        result |= {
            "frozen": bool(getattr(sys, "frozen", False)),
            "ui": os.path.dirname(ui.__file__ or ""),
        }
        self.report.write_text(json.dumps(result), encoding="utf-8")
        os._exit(code)  # at once, without a closeEvent: nothing is written to the user's settings


def run(args: Sequence[str]) -> int:
    app = make_app()
    probe = _RowsPainted(Path(os.environ["LIFTOFF_FIRST_PAINT_REPORT"]))
    app.installEventFilter(probe)
    probe.window = launch(args)
    QTimer.singleShot(TIMEOUT_MS, lambda: probe.finish({"rows": 0, "error": "no rows painted"}, 1))
    return app.exec()
