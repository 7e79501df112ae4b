"""File ▸ Export ▸ Excel scorecard…: ``export_scorecard(parent, doc) -> Job | None``.

Connect it to a menu action: ``action.triggered.connect(lambda: export_scorecard(window, window.doc))``.

It asks for the .xlsx to write, then runs `planner.export.xlsx.workbook.write_scorecard` in a worker (see
`ui.worker`) on a snapshot of the open portfolio, with progress and Cancel. The engine writes beside the
target and moves the file into place, so a cancelled or failed export leaves an existing file as it
was. On success the status bar says so and a dialog offers to open the folder.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWidget

from planner.export.xlsx import workbook as xlsx
from ui import worker
from ui.document import Document

TITLE = "Export Excel scorecard"
FILTER = "Excel workbook (*.xlsx)"


def export_scorecard(parent: QWidget | None, doc: Document, path: Path | None = None) -> worker.Job | None:
    """Ask for a file (unless `path` is given) and start the export; None when the user backed out."""
    folder = doc.path.parent if doc.path is not None else None
    if path is None:
        path = worker.ask_save_path(
            parent, TITLE, worker.suggested_path(folder, f"{doc.portfolio.name} scorecard", ".xlsx"), FILTER
        )
        if path is None:
            return None
    portfolio, method = doc.portfolio, doc.method
    scores, prepared = doc.scores(), doc.prepared()
    target = path

    def work(report: worker.Report, cancelled: worker.Cancelled) -> Path:
        xlsx.write_scorecard(
            target,
            portfolio,
            scores,
            method,
            prepared=prepared,
            progress=lambda done, total: report(done / max(total, 1), f"writing row {done:,} of {total:,}"),
            cancel=cancelled,
        )
        return target

    def done(written: Path) -> None:
        worker.notify(parent, f"Scorecard written to {written}")
        message = f"The scorecard of {len(portfolio.pilots):,} pilots was written to\n{written}"
        if worker.offer_folder(parent, TITLE, message, []):
            worker.open_folder(written)

    return worker.start(parent, TITLE, f"Writing {path.name}…", work, done, subject=path)
