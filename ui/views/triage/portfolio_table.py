"""The portfolio table: filter bar, sortable multi-select table, decision badges, in-place editing."""

from __future__ import annotations

from functools import partial
from typing import Any

from PySide6.QtCore import (
    QEvent,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    QRectF,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QMenu,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from planner.model import Decision, Stage
from ui import commands
from ui.document import Changes, Document
from ui.models.pilots import COL, DECISION_ROLE, KEY_COLUMNS, PILOT_ID_ROLE, PilotTableModel
from ui.theme import DECISION_LABELS, scheme
from ui.views.widgets import EmptyState

Index = QModelIndex | QPersistentModelIndex


class BadgeDelegate(QStyledItemDelegate):
    """Paints the decision as a rounded coloured badge."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        decision = index.data(DECISION_ROLE)
        if decision is None:
            super().paint(painter, option, index)
            return
        rect = option.rect
        if option.state & option.state.State_Selected:
            painter.fillRect(rect, option.palette.highlight())
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        badge = QRectF(rect.adjusted(4, 3, -4, -3))
        painter.setPen(Qt.PenStyle.NoPen)
        colours = scheme()
        painter.setBrush(colours.badge(Decision(decision)))
        painter.drawRoundedRect(badge, badge.height() / 2, badge.height() / 2)
        painter.setPen(QColor(colours.badge_text))
        painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, str(index.data(Qt.ItemDataRole.DisplayRole)))
        painter.restore()


class StageDelegate(QStyledItemDelegate):
    """Edits the stage with a combo box of the known stages."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        combo = QComboBox(parent)
        combo.addItems([s.value for s in Stage])
        return combo

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        editor.setCurrentText(str(index.data(Qt.ItemDataRole.EditRole)))

    def setModelData(self, editor: QWidget, model: Any, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentText(), Qt.ItemDataRole.EditRole)


NAME_EMS = 6  # the pilot column never gets narrower than this many "M"s; it takes any spare width
WIDEST = {"unit": 160, "blocked": 260}  # text columns fitted to their contents up to this width


class PortfolioTable(QWidget):
    """The centre of the workspace; its selection is the document's selection.

    Columns: rank, pilot, decision and the scores first (`KEY_COLUMNS`), each fitted to its header
    and contents, so on a narrow screen or a projector they stay whole and in sight and the rest
    scrolls. The pilot column gets the width its names need when that leaves the key columns in
    sight, and any width spare after every column. Enter opens the current pilot in the editor.
    """

    problem = Signal(str)  # an edit was refused; the message says why

    def __init__(self, doc: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.model = PilotTableModel(doc, self)

        self.search = QLineEdit(placeholderText="Search pilots (name, id, unit)…")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Search pilots")
        self.search.setToolTip("Show only pilots whose name, id or unit contains this text (Ctrl+F)")
        self.decision = QComboBox()
        self.decision.setAccessibleName("Filter by decision")
        self.decision.setToolTip("Show only pilots with this decision")
        self.decision.addItem("All decisions", None)
        for d, label in DECISION_LABELS.items():
            self.decision.addItem(label, d.value)
        self.stage = QComboBox()
        self.stage.setAccessibleName("Filter by stage")
        self.stage.setToolTip("Show only pilots at this stage")
        self.stage.addItem("All stages", None)
        for s in Stage:
            self.stage.addItem(s.value.capitalize(), s.value)
        self.unit = QComboBox()
        self.unit.setAccessibleName("Filter by business unit")
        self.unit.setToolTip("Show only pilots of this business unit")
        self._fill_units()
        bar = QHBoxLayout()
        bar.addWidget(self.search, 3)
        for combo in (self.decision, self.unit, self.stage):
            bar.addWidget(combo, 1)

        self._name_wanted = 0  # the width the pilots' names need (measured with the columns)
        self.view = QTableView()
        self.view.setAccessibleName("Pilots")
        self.view.setAccessibleDescription(
            "The portfolio ranked by composite score: decision, scores, gates, unit, stage and NPV per"
            " pilot. F2 edits a name, Enter opens the pilot in the editor."
        )
        self.view.setModel(self.model)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(COL["rank"], Qt.SortOrder.AscendingOrder)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setAlternatingRowColors(True)
        # no type-to-edit: a digit typed on a name must not rename the pilot (F2 or double-click edits)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.view.verticalHeader().hide()
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._context_menu)
        self.view.setItemDelegateForColumn(COL["decision"], BadgeDelegate(self.view))
        self.view.setItemDelegateForColumn(COL["stage"], StageDelegate(self.view))
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.setResizeContentsPrecision(100)  # fit columns to 100 rows: ≈ 60 ms at 5,000 pilots, not 1 s
        self.view.viewport().installEventFilter(self)
        self.view.installEventFilter(self)
        self._fit_columns()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(bar)
        layout.addWidget(self.view)
        self.empty = EmptyState(self.view, "", lambda: self.model.rowCount() == 0)

        self.search.textChanged.connect(lambda t: self.model.set_filters(text=t))
        self.decision.currentIndexChanged.connect(
            lambda _i: self.model.set_filters(decision=self.decision.currentData())
        )
        self.stage.currentIndexChanged.connect(
            lambda _i: self.model.set_filters(stage=self.stage.currentData())
        )
        self.unit.currentIndexChanged.connect(lambda _i: self.model.set_filters(unit=self.unit.currentData()))
        self.view.selectionModel().selectionChanged.connect(self._push_selection)
        doc.selection_changed.connect(self._pull_selection)
        doc.changed.connect(self._on_changed)
        self._syncing = False
        self.model.modelReset.connect(lambda: self._pull_selection(self.doc.selection()))
        self.model.modelReset.connect(self._say_if_empty)
        self.model.problem.connect(self.problem)
        self._say_if_empty()

    def _say_if_empty(self) -> None:
        """No rows: say why and what to do (no pilots at all, or none through these filters)."""
        self.empty.set_text(
            "No pilot matches these filters: clear the search or choose “All” in the lists above."
            if self.doc.portfolio.pilots
            else "No pilots yet. Add one with Edit → Add pilot (Ctrl+Shift+N), import an intake workbook"
            " (File → Import intake workbook), or open the demo (File → New from demo)."
        )
        self.empty.refresh()

    def _fit_columns(self) -> None:
        """Rows as tall as the font needs; every column but the pilot's fitted to its header and
        contents, then the pilot given the rest (again when the font changes, e.g. for a projector)."""
        self.view.verticalHeader().setDefaultSectionSize(self.view.fontMetrics().height() + 10)
        for key, col in COL.items():
            if key != "name":
                self.view.resizeColumnToContents(col)
                if key in WIDEST:
                    self.view.setColumnWidth(col, min(self.view.columnWidth(col), WIDEST[key]))
        metrics = self.view.fontMetrics()
        badge_height = self.view.verticalHeader().defaultSectionSize() - 6
        widest_badge = max(metrics.horizontalAdvance(label + " *") for label in DECISION_LABELS.values())
        badge = COL["decision"]  # the badge's text, its round ends and its margins, for every decision
        self.view.setColumnWidth(badge, max(self.view.columnWidth(badge), widest_badge + badge_height + 12))
        self._name_wanted = self.view.sizeHintForColumn(COL["name"])
        self._fit_name_column()

    def _fit_name_column(self) -> None:
        view = self.view
        room = view.viewport().width()
        others = {key: view.columnWidth(col) for key, col in COL.items() if key != "name"}
        key_others = sum(w for key, w in others.items() if key in KEY_COLUMNS)
        spare = room - sum(others.values())
        narrowest = view.fontMetrics().horizontalAdvance("M") * NAME_EMS
        wanted = self._name_wanted or narrowest
        width = spare if spare >= wanted else min(wanted, room - key_others)
        view.setColumnWidth(COL["name"], max(narrowest, width))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.view.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_name_column()
        if watched is self.view and event.type() == QEvent.Type.FontChange:
            self._fit_columns()
        if watched is self.view and event.type() == QEvent.Type.KeyPress:
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.doc.current_pilot():
                self.doc.open_requested.emit(self.doc.current_pilot())
                return True
            if self._searches_numbers(event):  # type-to-find only in the pilot and unit columns:
                return True  # "3" on a score must not jump rows
        return super().eventFilter(watched, event)

    def _searches_numbers(self, event: Any) -> bool:
        typed = event.text()
        plain = not event.modifiers() & (
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
        )
        column = self.view.currentIndex().column()
        return bool(typed) and typed.isprintable() and plain and column not in (COL["name"], COL["unit"])

    def _fill_units(self) -> None:
        current = self.unit.currentData()
        self.unit.blockSignals(True)
        self.unit.clear()
        self.unit.addItem("All units", None)
        for unit in sorted({p.business_unit for p in self.doc.portfolio.pilots if p.business_unit}):
            self.unit.addItem(unit, unit)
        found = self.unit.findData(current)
        self.unit.setCurrentIndex(max(found, 0))
        self.unit.blockSignals(False)

    def _on_changed(self, changes: Changes) -> None:
        if changes.structure or changes.pilots or changes.all_pilots:
            self._fill_units()
        if changes.structure:
            self._pull_selection(self.doc.selection())
            self._fit_columns()

    def _context_menu(self, pos: QPoint) -> None:
        ids = self.selected_ids()
        if not ids or self.doc.read_only:
            return
        menu = QMenu(self)
        stages = menu.addMenu(f"Move {len(ids)} pilot(s) to stage")
        for stage in Stage:
            stages.addAction(stage.value.capitalize(), partial(self.move_selected, stage))
        menu.exec(self.view.viewport().mapToGlobal(pos))

    def move_selected(self, stage: Stage) -> None:
        """Move every selected pilot to `stage` as one undo step."""
        ids = [pid for pid in self.selected_ids() if self.doc.portfolio.pilot(pid).stage is not stage]
        if ids:
            makers = [partial(commands.move_stage, self.doc, pid, stage) for pid in ids]
            commands.run_macro(self.doc, f"Move {len(ids)} pilot(s) to {stage.value}", makers)

    def selected_ids(self) -> list[str]:
        rows = self.view.selectionModel().selectedRows()
        return [str(i.data(PILOT_ID_ROLE)) for i in sorted(rows, key=lambda i: i.row())]

    def _push_selection(self, *_args: Any) -> None:
        if not self._syncing:
            self._syncing = True
            self.doc.select(self.selected_ids())
            self._syncing = False

    def _pull_selection(self, ids: tuple[str, ...]) -> None:
        if self._syncing:
            return
        self._syncing = True
        selection = QItemSelection()
        for pid in ids:
            row = self.model.row_of(pid)
            if row >= 0:
                index = self.model.index(row, 0)
                selection.select(index, index)
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        self.view.selectionModel().select(selection, flags)
        if ids:
            row = self.model.row_of(ids[0])
            if row >= 0:
                self.view.scrollTo(self.model.index(row, 0))
        self._syncing = False
