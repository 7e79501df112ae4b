"""Keyboard-first rating: select a cell, type 0–5 (it is recorded at once), Enter moves on.

Rows are in rank order, and the grid follows the shared selection: a pilot picked in any view
becomes the grid's current row (keeping the criterion column), so it is never hunted for by eye.

Enter/Return moves to the next typed criterion of the same pilot, wrapping to the next pilot;
Delete/Backspace clears a rating. The criterion's anchors are the column tooltips and are shown in
the status line below the grid for the current cell.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QLabel, QTableView, QVBoxLayout, QWidget

from ui.document import Document
from ui.models.ratings import PILOT_ID_ROLE, RatingsModel


class RatingsTable(QTableView):
    """A table view where digit keys rate the current cell and Enter advances."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        index = self.currentIndex()
        model = self.model()
        text = event.text()
        digit = index.isValid() and len(text) == 1 and text in "012345"
        if digit and model.setData(index, text, Qt.ItemDataRole.EditRole):
            return
        if index.isValid() and event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            model.setData(index, "", Qt.ItemDataRole.EditRole)
            return
        if index.isValid() and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.setCurrentIndex(self._next_editable(index))
            return
        super().keyPressEvent(event)

    def _next_editable(self, index: QModelIndex) -> QModelIndex:
        model = self.model()
        rows, cols = model.rowCount(), model.columnCount()
        row, col = index.row(), index.column()
        for _ in range(rows * cols):
            col += 1
            if col >= cols:
                col, row = 1, (row + 1) % rows
            candidate = model.index(row, col)
            if model.flags(candidate) & Qt.ItemFlag.ItemIsEditable:
                return candidate
        return index


class RatingsGrid(QWidget):
    """Ratings of every pilot against every criterion, with the anchors of the current criterion."""

    def __init__(self, doc: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.model = RatingsModel(doc, self)
        self.view = RatingsTable()
        self.view.setModel(self.model)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.verticalHeader().hide()
        self._fit_to_font()
        self.view.installEventFilter(self)
        self.model.modelReset.connect(self._fit_to_font)  # another method: other criteria columns
        self.anchors = QLabel()
        self.anchors.setWordWrap(True)
        self.anchors.setTextFormat(Qt.TextFormat.PlainText)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.anchors)
        self._pulling = False
        self.view.selectionModel().currentChanged.connect(self._current_changed)
        self.model.layoutChanged.connect(lambda: self.view.scrollTo(self.view.currentIndex()))
        doc.selection_changed.connect(self._pull_selection)
        self._pull_selection(doc.selection())

    def _fit_to_font(self) -> None:
        """Rows and columns sized by the font (larger on a projector), for the method's criteria."""
        metrics = self.view.fontMetrics()
        self.view.verticalHeader().setDefaultSectionSize(metrics.height() + 10)
        self.view.setColumnWidth(0, metrics.horizontalAdvance("M") * 20)
        for col in range(1, self.model.columnCount()):
            self.view.setColumnWidth(col, metrics.horizontalAdvance("0") * 10)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.view and event.type() == QEvent.Type.FontChange:
            self._fit_to_font()
        return super().eventFilter(watched, event)

    def _pull_selection(self, ids: tuple[str, ...]) -> None:
        """Make the first selected pilot the current row (the grid selects one pilot at a time)."""
        row = self.model.row_of(ids[0]) if ids else -1
        current = self.view.currentIndex()
        if row < 0 or (current.isValid() and current.row() == row):
            return
        self._pulling = True  # the document's selection may hold several pilots: keep it as it is
        try:
            self.view.setCurrentIndex(self.model.index(row, max(current.column(), 0)))
            self.view.scrollTo(self.view.currentIndex())
        finally:
            self._pulling = False

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            return
        pilot_id = current.data(PILOT_ID_ROLE)
        if pilot_id and not self._pulling:
            self.doc.select([str(pilot_id)])
        if current.column() == 0:
            self.anchors.setText("")
            return
        crit = self.doc.method.criteria[current.column() - 1]
        a = crit.anchors
        if crit.derived is not None:
            self.anchors.setText(f"{crit.name}: derived from other data, not typed.")
        else:
            self.anchors.setText(f"{crit.name} — 0: {a.a0}   1: {a.a1}   3: {a.a3}   5: {a.a5}")
