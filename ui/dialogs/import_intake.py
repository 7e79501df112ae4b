"""File ▸ Import intake workbook…: ``import_intake(parent, doc) -> Job | None`` (menu action entry).

It asks for the .xlsx, reads it in a worker (`planner.intake.workbook.read_intake`, which refuses zip
bombs and never raises for a bad file), then shows `IntakePreview`. With problems, the preview lists each one
(sheet, cell, column, what is wrong) and nothing can be imported. Otherwise it shows what would change
— merge into the open portfolio (the default: update by id, add new, report conflicts) or replace its
content — and Import applies all of it as ONE undoable command ("Import intake"); undo restores the
exact portfolio. The template to fill in is written by `ui.dialogs.intake_template`.

Wire-up::

    action.triggered.connect(lambda: import_intake(window, window.doc))
"""

from __future__ import annotations

from pathlib import Path
from typing import cast

from pydantic import BaseModel, ValidationError
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from planner.errors import format_validation_error
from planner.intake.workbook import IntakeProblem, IntakeResult, merge, read_intake
from planner.model import Portfolio
from ui import prompts, worker
from ui.commands import EditCommand
from ui.document import Changes, Document

IMPORT_TITLE = "Import intake workbook"
FILTER = "Excel workbook (*.xlsx)"
KEPT = ("method", "snapshots", "scenarios", "plan")  # the workshop's, not carried by an intake workbook
SETTINGS = ("name", "organisation", "currency", "as_of", "finance")
LISTS = (
    ("pilots", "pilot"),
    ("stakeholders", "stakeholder"),
    ("enablers", "enabler"),
    ("user_groups", "user group"),
)


def replaced(current: Portfolio, imported: Portfolio) -> tuple[Portfolio | None, str]:
    """`imported` in place of `current`'s content, keeping `current`'s weights, snapshots, funding
    scenarios and plan settings; (None, why) when the result would not be a valid portfolio.

    Funding scenarios forget the pilots that are gone (forced in/out, alternatives), as they would if
    those pilots were deleted; `differences` lists every scenario that changed so.
    """
    data = dict(imported)
    data.update({key: getattr(current, key) for key in KEPT})
    ids = {p.id for p in imported.pilots}
    data["scenarios"] = [
        s.model_copy(
            update={
                "forced_in": {k: v for k, v in s.forced_in.items() if k in ids},
                "forced_out": {k: v for k, v in s.forced_out.items() if k in ids},
                "exclusive": [
                    g for g in ([p for p in group if p in ids] for group in s.exclusive) if len(g) > 1
                ],
            }
        )
        for s in current.scenarios
    ]
    try:
        return Portfolio.model_validate(data), ""
    except ValidationError as exc:
        return None, format_validation_error(exc)


def changed_fields(before: object, after: object) -> list[str]:
    """Names of the top-level fields that differ between two versions of the same item."""
    a, b = dict(before), dict(after)  # type: ignore[call-overload]
    return [key.replace("_", " ") for key in b if a.get(key) != b[key]]


def differences(current: Portfolio, after: Portfolio) -> list[tuple[str, str, str, str]]:
    """(change, kind, id, detail) for every pilot, person, enabler and user group added, updated or
    removed going from `current` to `after`, pilots first, each list in `after`'s order."""
    rows: list[tuple[str, str, str, str]] = []
    for attr, kind in LISTS:
        old = {item.id: item for item in getattr(current, attr)}
        new = {item.id: item for item in getattr(after, attr)}
        for item_id, item in new.items():
            if item_id not in old:
                rows.append(("Added", kind, item_id, item.name))
            elif old[item_id] != item:
                rows.append(
                    (
                        "Updated",
                        kind,
                        item_id,
                        f"{item.name}: {', '.join(changed_fields(old[item_id], item))}",
                    )
                )
        rows += [("Removed", kind, i, item.name) for i, item in old.items() if i not in new]
    before = {s.name: s for s in current.scenarios}
    for scenario in after.scenarios:
        old_scenario = before.get(scenario.name)
        if old_scenario is not None and old_scenario != scenario:
            rows.append(
                (
                    "Updated",
                    "funding scenario",
                    "",
                    f"{scenario.name}: {', '.join(changed_fields(old_scenario, scenario))}",
                )
            )
    for key in SETTINGS:
        if getattr(current, key) != getattr(after, key):
            rows.append(("Updated", "setting", "", f"{key.replace('_', ' ')}: {_shown(getattr(after, key))}"))
    for attr, label in (("relationships", "relationships"), ("dependencies", "dependencies")):
        gained = len(getattr(after, attr)) - len(getattr(current, attr))
        if getattr(after, attr) != getattr(current, attr):
            detail = f"{abs(gained):,} {'more' if gained >= 0 else 'fewer'}" if gained else "changed"
            rows.append(("Updated", label, "", detail))
    return rows


def _shown(value: object) -> str:
    if isinstance(value, BaseModel):
        return ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in dict(value).items())
    return str(value)


def tally(rows: list[tuple[str, str, str, str]]) -> str:
    """'2 pilots added, 1 pilot updated…' for the rows of `differences`, or '' when there are none."""
    counts: dict[tuple[str, str], int] = {}
    for change, kind, _id, _detail in rows:
        counts[change, kind] = counts.get((change, kind), 0) + 1
    parts = []
    for (change, kind), n in counts.items():
        plural = kind if n == 1 or not _id_kind(kind) else f"{kind}s"
        parts.append(f"{n:,} {plural} {change.lower()}" if _id_kind(kind) else f"{kind} {change.lower()}")
    return "; ".join(parts)


def _id_kind(kind: str) -> bool:
    return kind in dict(LISTS).values() or kind == "setting"


def problem_cell(problem: IntakeProblem) -> str:
    """Where a problem is, as a user finds it in Excel: ``C7``, ``row 7`` or ``—`` (whole sheet)."""
    if not problem.row:
        return "—"
    return f"{problem.letter}{problem.row}" if problem.letter else f"row {problem.row}"


def _table(headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().hide()
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def _fill(table: QTableWidget, rows: list[tuple[str, ...]]) -> None:
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            item = QTableWidgetItem(text)
            item.setToolTip(text)
            table.setItem(r, c, item)
    table.resizeColumnsToContents()
    header = table.horizontalHeader()
    for c in range(table.columnCount() - 1):
        header.setSectionResizeMode(c, QHeaderView.ResizeMode.Interactive)
        table.setColumnWidth(c, min(table.columnWidth(c) + 12, 240))


class IntakePreview(QDialog):
    """What an intake workbook would do to the open portfolio, before anything is changed.

    With problems: the located problems and a Close button only. Otherwise: merge or replace, what
    changes, conflicts (which block the import); `command()` is the one undoable edit to push.
    """

    def __init__(
        self, doc: Document, path: Path, result: IntakeResult, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.doc = doc
        self.path = path
        self.intake = result
        self.current = doc.portfolio
        self.after: Portfolio | None = None
        self.setWindowTitle(f"{IMPORT_TITLE} — {path.name}")
        self.resize(780, 480)
        layout = QVBoxLayout(self)
        self.headline = QLabel()
        self.headline.setWordWrap(True)
        self.note = QLabel()
        self.note.setWordWrap(True)
        layout.addWidget(self.headline)
        self.buttons = QDialogButtonBox()
        self.import_button: QPushButton | None = None
        if result.portfolio is None:
            count = len(result.problems)
            self.headline.setText(
                f"<b>{count:,} problem{'s' if count != 1 else ''} in {_html(path.name)}.</b> "
                "Nothing was imported: correct the workbook and import it again."
            )
            self.table = _table(["Sheet", "Cell", "Column", "Problem"])
            _fill(
                self.table,
                [(p.sheet or "(file)", problem_cell(p), p.column or "—", p.message) for p in result.problems],
            )
            layout.addWidget(self.table, 1)
            self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        else:
            imported = result.portfolio
            self.merge_choice = QRadioButton(
                "Merge into the open portfolio: update items with the same id, add new ones"
            )
            self.replace_choice = QRadioButton(
                "Replace the open portfolio's pilots, people and plan inputs with the workbook's"
            )
            self.merge_choice.setChecked(True)
            group = QButtonGroup(self)
            group.addButton(self.merge_choice)
            group.addButton(self.replace_choice)
            group.buttonToggled.connect(self._mode_changed)
            layout.addWidget(self.merge_choice)
            layout.addWidget(self.replace_choice)
            self.headline.setText(
                f"<b>{_html(path.name)}</b> holds {len(imported.pilots):,} pilots, "
                f"{len(imported.stakeholders):,} stakeholders, {len(imported.enablers):,} enablers and "
                f"{len(imported.user_groups):,} user groups. Nothing changes until you press Import; "
                "Edit ▸ Undo takes the whole import back."
            )
            self.table = _table(["Change", "Kind", "ID", "Details"])
            layout.addWidget(self.table, 1)
            self.import_button = self.buttons.addButton("Import", QDialogButtonBox.ButtonRole.AcceptRole)
            self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        layout.addWidget(self.note)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        if result.portfolio is not None:
            self._mode_changed()

    def replacing(self) -> bool:
        return self.intake.portfolio is not None and self.replace_choice.isChecked()

    def set_replace(self, replace: bool) -> None:
        """Choose replace (True) or merge (False), as the radio buttons do."""
        (self.replace_choice if replace else self.merge_choice).setChecked(True)

    def _mode_changed(self, *_args: object) -> None:
        imported = self.intake.portfolio
        assert imported is not None and self.import_button is not None
        rows: list[tuple[str, str, str, str]] = []
        if self.replacing():
            self.after, why = replaced(self.current, imported)
            blocked = [("Invalid", "portfolio", "", why)] if self.after is None else []
            note = "Replace keeps this project's weights, snapshots, funding scenarios and plan settings."
        else:
            merged = merge(self.current, imported)
            self.after = merged.portfolio
            blocked = [("Conflict", c.kind, c.id, c.message) for c in merged.conflicts]
            note = "Merge keeps this project's settings, weights, snapshots and anything the workbook lacks."
        if blocked:
            rows = blocked
            note = (
                f"{len(blocked):,} conflict{'s' if len(blocked) != 1 else ''}: "
                "nothing can be imported this way. "
                + (
                    "Correct the workbook, or choose Replace."
                    if not self.replacing()
                    else "Correct the workbook."
                )
            )
        elif self.after is not None:
            rows = differences(self.current, self.after)
            if not rows and self.after == self.current:
                note = "The workbook matches the open portfolio: importing it would change nothing."
            elif rows:
                note = f"{tally(rows)[:1].upper()}{tally(rows)[1:]}. {note}"
        _fill(self.table, list(rows))
        self.note.setText(note)
        self.import_button.setEnabled(self.after is not None and self.after != self.current)

    def command(self) -> EditCommand:
        """The whole import as one undoable edit (only when Import is enabled)."""
        assert self.after is not None
        return EditCommand(self.doc, "Import intake", self.after, Changes.everything())


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def show_preview(preview: IntakePreview) -> bool:
    """Run the preview modally; True when the user pressed Import (tests replace this)."""
    return preview.exec() == QDialog.DialogCode.Accepted


def import_intake(parent: QWidget | None, doc: Document, path: Path | None = None) -> worker.Job | None:
    """Ask for the workbook (unless `path` is given), read it in a worker, preview, and import on Accept.

    A read-only project (open in another window) is refused up front with a one-line message.
    """
    if doc.read_only:
        name = doc.path.name if doc.path is not None else "This project"
        prompts.show_error(
            cast(QWidget, parent), IMPORT_TITLE, f"{name} is open read-only; nothing can be imported into it"
        )
        return None
    if path is None:
        folder = doc.path.parent if doc.path is not None else Path.home()
        path = worker.ask_open_path(parent, IMPORT_TITLE, folder, FILTER)
        if path is None:
            return None
    method, source = doc.method, path

    def work(report: worker.Report, cancelled: worker.Cancelled) -> IntakeResult:
        return read_intake(source, method)

    def done(result: IntakeResult) -> None:
        preview = IntakePreview(doc, source, result, parent)
        try:
            if show_preview(preview) and preview.after is not None and doc.portfolio is preview.current:
                doc.push(preview.command())
                worker.notify(parent, f"Imported {source.name}")
        finally:
            preview.deleteLater()

    return worker.start(
        parent, IMPORT_TITLE, f"Reading {path.name}…", work, done, subject=path, cancellable=False, busy=True
    )
