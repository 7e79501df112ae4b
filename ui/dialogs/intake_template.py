"""File ▸ Write intake template…: ``write_intake_template(parent, doc) -> Job | None`` (menu action entry).

Asks whether to pre-fill the template with the open portfolio (not asked when it has no pilots), asks
for the .xlsx, and writes it with `planner.intake.workbook.write_template` in a worker. The file is written
beside the target and moved into place, so a failure never leaves a half-written template over an
existing one. Teams fill it in; `ui.dialogs.import_intake` brings it back.

Wire-up::

    action.triggered.connect(lambda: write_intake_template(window, window.doc))
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

from planner.atomic import publish
from planner.intake.workbook import write_template
from planner.method import Method
from planner.model import Portfolio
from ui import worker
from ui.document import Document

TEMPLATE_TITLE = "Write intake template"
FILTER = "Excel workbook (*.xlsx)"


def ask_prefill(parent: QWidget | None, pilots: int) -> bool | None:
    """True for a template holding the open portfolio, False for an empty one, None to cancel."""
    box = QMessageBox(parent)
    box.setWindowTitle(TEMPLATE_TITLE)
    box.setIcon(QMessageBox.Icon.Question)
    box.setText("Write the intake template with this portfolio's pilots filled in, or empty?")
    box.setInformativeText(
        f"A pre-filled template holds all {pilots:,} pilots, people and dependencies for teams to "
        "review and complete; an empty one has only the examples in the header notes."
    )
    filled = box.addButton("Pre-filled", QMessageBox.ButtonRole.AcceptRole)
    empty = box.addButton("Empty", QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(filled)
    box.exec()
    clicked = box.clickedButton()
    return True if clicked is filled else False if clicked is empty else None


def save_template(path: Path, portfolio: Portfolio | None, method: Method) -> None:
    """Write the template beside `path` and move it into place, so a failure leaves `path` as it was."""
    fd, temp = tempfile.mkstemp(prefix=".liftoff-", suffix=".xlsx", dir=path.parent)
    os.close(fd)
    try:
        write_template(Path(temp), portfolio, method)
        publish(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def write_intake_template(
    parent: QWidget | None, doc: Document, path: Path | None = None, prefilled: bool | None = None
) -> worker.Job | None:
    """Ask (unless given) whether to pre-fill and where, then write the template in a worker."""
    portfolio, method = doc.portfolio, doc.method
    if prefilled is None:
        prefilled = ask_prefill(parent, len(portfolio.pilots)) if portfolio.pilots else False
        if prefilled is None:
            return None
    if path is None:
        folder = doc.path.parent if doc.path is not None else None
        path = worker.ask_save_path(
            parent, TEMPLATE_TITLE, worker.suggested_path(folder, f"{portfolio.name} intake", ".xlsx"), FILTER
        )
        if path is None:
            return None
    target, content = path, portfolio if prefilled else None

    def work(report: worker.Report, cancelled: worker.Cancelled) -> Path:
        save_template(target, content, method)
        return target

    def done(written: Path) -> None:
        worker.notify(parent, f"Intake template written to {written}")
        what = f"pre-filled with {len(portfolio.pilots):,} pilots" if content is not None else "empty"
        if worker.offer_folder(
            parent, TEMPLATE_TITLE, f"The intake template ({what}) was written to\n{written}", []
        ):
            worker.open_folder(written)

    return worker.start(
        parent,
        TEMPLATE_TITLE,
        f"Writing {path.name}…",
        work,
        done,
        subject=path,
        cancellable=False,
        busy=True,
    )
