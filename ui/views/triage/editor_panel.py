"""The pilot editor's place in the window: the editor while a pilot is selected, else what to do."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QStackedWidget, QWidget

from ui.document import Document
from ui.theme import set_tone
from ui.views.triage.pilot_editor import PilotEditor

EMPTY_TEXT = (
    "Select a pilot to edit it: click a row of the table, a bubble of the triage matrix or a card"
    " of the stage board.\n\nNo pilots yet? Edit → Add pilot (Ctrl+Shift+N) or File → Import intake"
    " workbook."
)


class EditorPanel(QStackedWidget):
    """Shows `editor` while the document has a selected pilot, and `empty` (a hint) otherwise."""

    def __init__(self, doc: Document, editor: PilotEditor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.editor = editor
        self.empty = QLabel(EMPTY_TEXT)
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setMargin(16)
        self.empty.setAccessibleName("No pilot selected")
        set_tone(self.empty, "muted")
        self.addWidget(self.empty)
        self.addWidget(editor)
        doc.selection_changed.connect(lambda _ids: self.follow())
        self.follow()

    def follow(self) -> None:
        self.setCurrentWidget(self.editor if self.doc.current_pilot() is not None else self.empty)
