"""Every question the app asks the user, in one place (tests replace these functions)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QInputDialog, QMessageBox, QWidget


def show_error(parent: QWidget, title: str, message: str) -> None:
    """A plain error dialog: what file, what is wrong, where."""
    QMessageBox.warning(parent, title, message)


def ask_save(parent: QWidget, path: Path | None) -> str:
    """'save', 'discard' or 'cancel' for a document with unsaved changes."""
    name = path.name if path else "this new project"
    buttons = QMessageBox.StandardButton
    answer = QMessageBox.question(
        parent,
        "Unsaved changes",
        f"Save the changes to {name} before closing it?",
        buttons.Save | buttons.Discard | buttons.Cancel,
        buttons.Save,
    )
    return {buttons.Save: "save", buttons.Discard: "discard"}.get(answer, "cancel")


def ask_read_only(parent: QWidget, path: Path, holder: str = "another Liftoff window") -> bool:
    """True when the user wants a project that another instance has open, read-only."""
    buttons = QMessageBox.StandardButton
    answer = QMessageBox.question(
        parent,
        "Project in use",
        f"{path.name} is open in {holder}. Open it read-only?",
        buttons.Open | buttons.Cancel,
        buttons.Open,
    )
    return answer == buttons.Open


def ask_recover(parent: QWidget, descriptions: list[str]) -> int | None:
    """Index of the crashed session to restore, or None to start without recovery."""
    if len(descriptions) == 1:
        buttons = QMessageBox.StandardButton
        answer = QMessageBox.question(
            parent,
            "Recover unsaved work",
            f"Liftoff did not close properly last time.\n{descriptions[0]}\nRestore it?",
            buttons.Yes | buttons.No,
            buttons.Yes,
        )
        return 0 if answer == buttons.Yes else None
    item, ok = QInputDialog.getItem(
        parent, "Recover unsaved work", "Restore which session?", descriptions, 0, False
    )
    return descriptions.index(item) if ok else None


def ask_remove(parent: QWidget, count: int) -> bool:
    """Confirm removing pilots (undo can bring them back)."""
    buttons = QMessageBox.StandardButton
    what = "this pilot" if count == 1 else f"these {count} pilots"
    answer = QMessageBox.question(parent, "Remove pilots", f"Remove {what}? (Undo brings them back.)")
    return answer == buttons.Yes
