"""Stage board: pilots as cards in columns by stage; dropping a card on a column moves its stage.

The drag carries pilot ids as ``application/x-liftoff-pilots`` (one id per line), so a drop only
needs the mime data; the move is one undo step for all dragged cards.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial

from PySide6.QtCore import QEvent, QMimeData, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QDragEnterEvent, QDragMoveEvent, QDropEvent, QFont, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from planner.model import Stage
from planner.portfolio.edits import EditError
from ui import commands
from ui.document import Changes, Document
from ui.theme import DECISION_LABELS, scheme

MIME = "application/x-liftoff-pilots"
BOARD_STAGES = (Stage.IDEA, Stage.POC, Stage.PILOT, Stage.SCALING, Stage.PRODUCTION)
ID_ROLE = Qt.ItemDataRole.UserRole
EMPTY_WIDTH = 110  # a column without cards, still wide enough to drop on
CARD_WIDTH = 300  # the widest a column grows to show its cards; longer names are shortened in the middle


def pilot_mime(pilot_ids: Sequence[str]) -> QMimeData:
    """Mime data carrying pilot ids, as the board's drags do."""
    data = QMimeData()
    data.setData(MIME, "\n".join(pilot_ids).encode("utf-8"))
    return data


class StageColumn(QListWidget):
    def __init__(self, board: StageBoard, stage: Stage) -> None:
        super().__init__()
        self.board = board
        self.stage = stage
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setSpacing(3)
        self.setWordWrap(False)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setTextElideMode(Qt.TextElideMode.ElideMiddle)  # a long name keeps its start and its end
        self.setMinimumWidth(EMPTY_WIDTH)
        self.setAccessibleName(f"{stage.value.capitalize()} stage")
        self.setToolTip(f"Pilots at the {stage.value} stage; drag a card to another column to move it")

    def sizeHint(self) -> QSize:
        return QSize(self.minimumWidth(), super().sizeHint().height())  # spare width: see StageBoard

    def fit_to_cards(self) -> None:
        """Widen to the longest card line (up to `CARD_WIDTH`)."""
        metrics = self.fontMetrics()
        lines = [line for k in range(self.count()) for line in self.item(k).text().splitlines()]
        text = max((metrics.horizontalAdvance(line) for line in lines), default=0)
        chrome = 2 * self.frameWidth() + 2 * self.spacing() + self.verticalScrollBar().sizeHint().width() + 12
        self.setMinimumWidth(min(CARD_WIDTH, max(EMPTY_WIDTH, text + chrome)))

    def mimeData(self, items: Sequence[QListWidgetItem]) -> QMimeData:
        return pilot_mime([str(item.data(ID_ROLE)) for item in items])

    def mimeTypes(self) -> list[str]:
        return [MIME]

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasFormat(MIME):
            event.acceptProposedAction()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if event.mimeData().hasFormat(MIME):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        data = event.mimeData()
        if not data.hasFormat(MIME):
            event.ignore()
            return
        ids = [s for s in bytes(data.data(MIME).data()).decode("utf-8").splitlines() if s]
        self.board.move_pilots(ids, self.stage)
        event.setDropAction(Qt.DropAction.CopyAction)  # the board rebuilds itself; nothing to delete
        event.accept()


class StageBoard(QWidget):
    """Columns idea → POC → pilot → scaling → production (retired pilots are not shown)."""

    def __init__(self, doc: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.columns: dict[Stage, StageColumn] = {}
        self.titles: dict[Stage, QLabel] = {}
        inner = QWidget()
        row = self._row = QHBoxLayout(inner)
        row.setContentsMargins(6, 6, 6, 6)
        for stage in BOARD_STAGES:
            box = QVBoxLayout()
            title = QLabel()  # no style sheet: a styled label stops following palette changes
            bold = title.font()
            bold.setWeight(QFont.Weight.DemiBold)
            title.setFont(bold)
            title.setContentsMargins(4, 4, 4, 4)
            column = StageColumn(self, stage)
            column.itemSelectionChanged.connect(lambda c=column: self._push_selection(c))
            box.addWidget(title)
            box.addWidget(column)
            row.addLayout(box, 1)
            self.columns[stage], self.titles[stage] = column, title
        scroll = QScrollArea()  # on a narrow window the board scrolls sideways instead of squeezing cards
        scroll.setAccessibleName("Stage board")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(inner)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self._stale = False
        doc.changed.connect(self._on_changed)
        doc.selection_changed.connect(self._pull_selection)
        self.rebuild()

    def _on_changed(self, changes: Changes) -> None:
        if changes.scores:
            if self.isVisible():
                self.rebuild()
            else:
                self._stale = True  # rebuilt when shown: cards for thousands of pilots are not free

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.rebuild()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:  # cards carry their colours: recolour them
            self._on_changed(Changes(all_pilots=True))

    def rebuild(self) -> None:
        """Recreate every card from the document (best rank first in each column)."""
        self._stale = False
        scores = self.doc.scores()
        colours = scheme()
        for column in self.columns.values():
            column.blockSignals(True)
            column.clear()
        order = {pid: i for i, pid in enumerate(scores.ranking)}
        for pilot in sorted(self.doc.portfolio.pilots, key=lambda p: order.get(p.id, 0)):
            target = self.columns.get(pilot.stage)
            s = scores.pilots.get(pilot.id)
            if target is None or s is None:
                continue
            item = QListWidgetItem(
                f"{pilot.name}\n#{s.rank} · {DECISION_LABELS[s.decision]} · {s.composite:.0f}"
            )
            item.setData(ID_ROLE, pilot.id)
            item.setBackground(QBrush(colours.badge(s.decision)))
            item.setForeground(QBrush(QColor(colours.badge_text)))
            item.setSizeHint(QSize(100, 46))
            item.setToolTip(f"{pilot.name}\n{DECISION_LABELS[s.decision]}: {s.decision_reason}")
            target.addItem(item)
        for index, (stage, column) in enumerate(self.columns.items()):
            column.blockSignals(False)
            column.fit_to_cards()
            self._row.setStretch(index, 1 if column.count() else 0)  # spare width goes to columns with cards
            self.titles[stage].setText(
                f"{stage.value.upper() if stage is Stage.POC else stage.value.capitalize()}"
                f"  ({column.count()})"
            )
        self._pull_selection(self.doc.selection())

    def move_pilots(self, pilot_ids: Sequence[str], stage: Stage) -> None:
        """Move these pilots to `stage` as one undo step (pilots already there are left alone)."""
        moving = [pid for pid in pilot_ids if self.doc.portfolio.pilot(pid).stage is not stage]
        if not moving:
            return
        try:
            if len(moving) == 1:
                self.doc.push(commands.move_stage(self.doc, moving[0], stage))
            else:
                makers = [partial(commands.move_stage, self.doc, pid, stage) for pid in moving]
                commands.run_macro(self.doc, f"Move {len(moving)} pilots to {stage.value}", makers)
        except EditError:
            return

    def _push_selection(self, column: StageColumn) -> None:
        ids = [str(i.data(ID_ROLE)) for i in column.selectedItems()]
        if ids:
            self.doc.select(ids)

    def _pull_selection(self, ids: tuple[str, ...]) -> None:
        wanted = set(ids)
        for column in self.columns.values():
            column.blockSignals(True)
            for k in range(column.count()):
                item = column.item(k)
                item.setSelected(str(item.data(ID_ROLE)) in wanted)
            column.blockSignals(False)
            column.viewport().update()
