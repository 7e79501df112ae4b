"""Keyboard-first rating: select a cell, type 0–5 (it is recorded at once), Enter moves on.

Rows are in rank order, and the grid follows the shared selection: a pilot picked in any view
becomes the grid's current row (keeping the criterion column), so it is never hunted for by eye.
The pilots' names are the rows' headers, so they stay in sight however far right the grid scrolls;
the criteria's names wrap onto up to three lines in the column headers, never cut.

Enter/Return moves to the next typed criterion of the same pilot, wrapping to the next pilot;
Delete/Backspace clears a rating. A strip above the grid names the current pilot and criterion and
gives the criterion's anchors, the current rating's in bold.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QEvent, QModelIndex, QObject, QRect, QSize, Qt
from PySide6.QtGui import QKeyEvent, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHeaderView,
    QLabel,
    QStyle,
    QStyleOptionHeader,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ui.document import Document
from ui.models.ratings import PILOT_ID_ROLE, RatingsModel

HEADER_LINES = 3  # a criterion's name wraps onto at most this many lines
HEADER_MARGIN = 4
NAMES_SHARE = 0.4  # the pilots' names take at most this share of the grid's width


def wrapped(text: str, width: int, metrics: object) -> QRect:
    """The rectangle `text` needs wrapped at word boundaries into `width` pixels."""
    flags = int(Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignCenter)
    return metrics.boundingRect(QRect(0, 0, width, 10_000), flags, text)  # type: ignore[attr-defined]


def column_width(text: str, metrics: object, narrowest: int) -> int:
    """The narrowest width (at least `narrowest`) at which `text` wraps onto `HEADER_LINES` lines or
    fewer with every word whole."""
    longest = max((metrics.horizontalAdvance(w) for w in text.split()), default=0)  # type: ignore[attr-defined]
    line = metrics.lineSpacing()  # type: ignore[attr-defined]
    width = max(narrowest, longest + 2 * HEADER_MARGIN)
    while wrapped(text, width - 2 * HEADER_MARGIN, metrics).height() > HEADER_LINES * line:
        width += 4
    return width


class WrapHeader(QHeaderView):
    """Column titles drawn wrapped at word boundaries; the header is as tall as its tallest title."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)

    def title(self, section: int) -> str:
        model = self.model()
        text = model.headerData(section, Qt.Orientation.Horizontal) if model is not None else None
        return str(text or "")

    def needed_height(self) -> int:
        heights = [
            wrapped(self.title(s), self.sectionSize(s) - 2 * HEADER_MARGIN, self.fontMetrics()).height()
            for s in range(self.count())
            if not self.isSectionHidden(s)
        ]
        return max(heights, default=self.fontMetrics().height()) + 2 * HEADER_MARGIN + 2

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        return QSize(hint.width(), self.needed_height())

    def paintSection(self, painter: QPainter, rect: QRect, section: int) -> None:
        option = QStyleOptionHeader()
        self.initStyleOption(option)
        option.rect = rect
        option.section = section
        option.text = ""
        self.style().drawControl(QStyle.ControlElement.CE_Header, option, painter, self)
        painter.save()
        painter.setPen(self.palette().buttonText().color())
        flags = int(Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignCenter)
        painter.drawText(
            rect.adjusted(HEADER_MARGIN, HEADER_MARGIN, -HEADER_MARGIN, -HEADER_MARGIN),
            flags,
            self.title(section),
        )
        painter.restore()


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
        self.view.setHorizontalHeader(WrapHeader(self.view))
        self.view.setModel(self.model)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setAccessibleName("Ratings")
        self.view.setAccessibleDescription(
            "One row per pilot, best rank first, one column per criterion. Type 0 to 5 to rate the"
            " current cell, Enter moves to the next criterion, Delete clears."
        )
        names = self.view.verticalHeader()
        names.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        names.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self._fit_to_font()
        self.view.installEventFilter(self)
        self.model.modelReset.connect(self._fit_to_font)  # another method: other criteria columns
        self.anchors = QLabel()
        self.anchors.setWordWrap(True)
        self.anchors.setTextFormat(Qt.TextFormat.RichText)
        self.anchors.setAccessibleName("Current criterion and its anchors")
        self.anchors.setMargin(6)
        strip = QFrame()
        strip.setFrameShape(QFrame.Shape.StyledPanel)
        strip.setBackgroundRole(self.anchors.palette().ColorRole.AlternateBase)
        strip.setAutoFillBackground(True)
        QVBoxLayout(strip).addWidget(self.anchors)
        strip.layout().setContentsMargins(0, 0, 0, 0)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(strip)
        layout.addWidget(self.view, 1)
        self._pulling = False
        self.view.selectionModel().currentChanged.connect(self._current_changed)
        self.model.layoutChanged.connect(lambda: self.view.scrollTo(self.view.currentIndex()))
        self.model.dataChanged.connect(lambda *_: self._describe(self.view.currentIndex()))
        doc.selection_changed.connect(self._pull_selection)
        self._pull_selection(doc.selection())
        self._describe(self.view.currentIndex())

    def _fit_to_font(self) -> None:
        """Rows, columns and headers sized by the font (larger on a projector), for the method's criteria:
        every criterion's name whole in its header, every pilot's name whole up to `NAMES_SHARE`."""
        view, metrics = self.view, self.view.fontMetrics()
        view.setColumnHidden(0, True)  # the names are the rows' headers, which do not scroll away
        view.verticalHeader().setDefaultSectionSize(metrics.height() + 10)
        header = view.horizontalHeader()
        assert isinstance(header, WrapHeader)
        narrowest = metrics.horizontalAdvance("5.0") + 24
        for col in range(1, self.model.columnCount()):
            view.setColumnWidth(col, column_width(header.title(col), header.fontMetrics(), narrowest))
        header.setFixedHeight(header.needed_height())
        self._fit_names()

    def _fit_names(self) -> None:
        metrics = self.view.verticalHeader().fontMetrics()
        rows = range(min(self.model.rowCount(), 500))
        widest = max((metrics.horizontalAdvance(self.model.row_name(r)) for r in rows), default=80)
        room = max(120, int(self.width() * NAMES_SHARE))
        self.view.verticalHeader().setFixedWidth(min(widest + 24, room))

    def resizeEvent(self, event: object) -> None:
        super().resizeEvent(event)  # type: ignore[arg-type]
        self._fit_names()

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
            self.view.setCurrentIndex(self.model.index(row, max(current.column(), 1)))
            self.view.scrollTo(self.view.currentIndex())
        finally:
            self._pulling = False

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            return
        pilot_id = current.data(PILOT_ID_ROLE)
        if pilot_id and not self._pulling:
            self.doc.select([str(pilot_id)])
        self._describe(current)

    def _describe(self, current: QModelIndex) -> None:
        """The strip: which pilot and criterion the current cell is, and what each rating means."""
        if not current.isValid() or current.column() == 0:
            self.anchors.setText(
                "Select a cell to see its criterion's anchors; type 0–5 to rate it."
                if self.model.rowCount()
                else "No pilots to rate yet: Edit → Add pilot (Ctrl+Shift+N)."
            )
            return
        crit = self.doc.method.criteria[current.column() - 1]
        pilot = escape(self.model.row_name(current.row()))
        dimension = next(
            (d.name for d in self.doc.method.dimensions if d.id == crit.dimension), crit.dimension
        )
        head = f"<b>{pilot}</b> · <b>{escape(crit.name)}</b> ({escape(dimension)})"
        if crit.derived is not None:
            self.anchors.setText(f"{head}: derived from other data, not typed.")
            return
        rating = self.doc.portfolio.pilot(str(current.data(PILOT_ID_ROLE))).ratings.get(crit.id)
        score = rating.score if rating else None
        a = crit.anchors
        parts = [
            f"<b>{n}: {escape(text)}</b>" if n == score else f"{n}: {escape(text)}"
            for n, text in ((0, a.a0), (1, a.a1), (3, a.a3), (5, a.a5))
        ]
        now = "not rated" if score is None else f"rated {score}"
        self.anchors.setText(f"{head} — {now}<br>" + " &nbsp;·&nbsp; ".join(parts))
