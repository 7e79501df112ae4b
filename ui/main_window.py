"""The main window: portfolio table in the centre, pilot editor and weights as docks, files and recovery.

Menus and the status bar live here; every view observes the one `Document`. Dialogs that ask the
user something go through the small `ask_*`/`show_error` functions of `ui.prompts`, which
tests replace.

Start-up paints first. At load time this module imports only the few Qt classes the frame needs, so
`MainWindow(build=False)` puts its frame on screen before numpy, pydantic and the planner load (and
before PySide6 builds its large `Qt` enum namespace); `build()` then imports them and fills the frame
(`build_after_first_paint` chains the two). Methods import the heavy modules where they use them;
Python caches each import after the first.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QEvent, QObject, QSettings, QSize, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QTabWidget,
    QWidget,
)

from planner.resources import templates_dir
from ui import prompts
from ui.lazy import LazyTab, call_later_imported

if TYPE_CHECKING:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent

    from planner.model import Decision
    from ui.document import Changes, Document
    from ui.files import FileGuard
    from ui.views.triage.pilot_editor import PilotEditor
    from ui.views.triage.portfolio_table import PortfolioTable
    from ui.views.triage.weights_panel import WeightsPanel

FILE_FILTER = "Liftoff projects (*.liftoff);;All files (*)"
MAX_RECENT = 8


def demo_path() -> Path:
    return templates_dir() / "demo" / "demo.liftoff"


class _AfterFirstPaint(QObject):
    """Calls `then` once `widget` has painted, queued so the painted frame reaches the screen first."""

    def __init__(self, widget: QWidget, then: Callable[[], None]) -> None:
        super().__init__(widget)
        self._then = then
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self._then)
        return False


class MainWindow(QMainWindow):
    doc: Document
    guard: FileGuard
    table: PortfolioTable
    ratings: LazyTab
    matrix: LazyTab
    board: LazyTab
    snapshots: LazyTab
    stakeholders: LazyTab
    dependencies: LazyTab
    gantt: LazyTab
    training: LazyTab
    funding: LazyTab
    editor: PilotEditor
    weights: WeightsPanel

    def __init__(self, recovery_dir: Path, settings: QSettings | None = None, *, build: bool = True) -> None:
        """The window's frame; with `build` (the default) also its views and an empty document."""
        super().__init__()
        self.settings = settings or QSettings()
        self.recovery_dir = recovery_dir
        self.built = False
        self.setAcceptDrops(True)
        self.setDockNestingEnabled(True)
        self.setWindowTitle("Liftoff")
        self.menus = {name: self.menuBar().addMenu(name) for name in ("&File", "&Edit", "&View")}
        self.statusBar().showMessage("Loading the portfolio…")
        self.resize(self._first_size())
        geometry = self.settings.value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        if build:
            self.build()

    def build_after_first_paint(self, then: Callable[[], None]) -> None:
        """Once the frame (menus and a "loading" status) is painted, `build()` and then call `then`."""

        def finish() -> None:
            if not self.isVisible():  # closed in the moment after the first paint: nothing to open
                return
            self.build()
            then()

        _AfterFirstPaint(self, finish)

    def build(self) -> None:
        """Load the planner and fill the frame: document, views, docks, menus, toolbar, status bar."""
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QUndoView

        from ui.document import Changes, Document
        from ui.files import FileGuard
        from ui.views.plans.plan_settings import PlanSettingsPanel
        from ui.views.triage.pilot_editor import PilotEditor
        from ui.views.triage.portfolio_table import PortfolioTable
        from ui.views.triage.weights_panel import WeightsPanel

        self.doc = Document(parent=self)
        self.guard = FileGuard(self.doc, self.recovery_dir, self)
        self.table = PortfolioTable(self.doc)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        # every tab but the table is built when first shown (`ensure()` builds one now)
        self.ratings = LazyTab("ui.views.triage.ratings_grid", "RatingsGrid", self.doc)
        self.matrix = LazyTab("ui.views.triage.triage_matrix", "TriageMatrix", self.doc)
        self.board = LazyTab("ui.views.triage.stage_board", "StageBoard", self.doc)
        self.snapshots = LazyTab("ui.views.triage.snapshots_view", "SnapshotsView", self.doc)
        self.stakeholders = LazyTab("ui.views.graphs.stakeholder_map", "StakeholderMap", self.doc)
        self.dependencies = LazyTab("ui.views.graphs.dependency_map", "DependencyMap", self.doc)
        self.gantt = LazyTab("ui.views.plans.gantt", "Gantt", self.doc)
        self.training = LazyTab("ui.views.plans.training_calendar", "TrainingCalendar", self.doc)
        self.funding = LazyTab("ui.views.funding.funding_panel", "FundingPanel", self.doc)
        for widget, title in (
            (self.table, "Portfolio"),
            (self.ratings, "Ratings"),
            (self.matrix, "Triage matrix"),
            (self.board, "Stage board"),
            (self.stakeholders, "Stakeholders"),
            (self.dependencies, "Dependencies"),
            (self.gantt, "Rollout"),
            (self.training, "Training"),
            (self.funding, "Funding"),
            (self.snapshots, "Snapshots"),
        ):
            self.tabs.addTab(widget, title)
        self.setCentralWidget(self.tabs)

        self.editor = PilotEditor(self.doc)
        self.weights = WeightsPanel(self.doc)
        self.editor_dock = self._dock("Pilot", self.editor, Qt.DockWidgetArea.RightDockWidgetArea)
        self.weights_dock = self._dock("Weights", self.weights, Qt.DockWidgetArea.LeftDockWidgetArea)
        self.history_dock = self._dock(
            "History", QUndoView(self.doc.undo_stack), Qt.DockWidgetArea.RightDockWidgetArea
        )
        self.tabifyDockWidget(self.editor_dock, self.history_dock)
        self.editor_dock.raise_()
        self.plan_dock = self._dock(
            "Plan settings", PlanSettingsPanel(self.doc), Qt.DockWidgetArea.LeftDockWidgetArea
        )
        self.tabifyDockWidget(self.weights_dock, self.plan_dock)
        self.weights_dock.raise_()

        self.status_count = QLabel()
        self.status_tally = QLabel()
        self.status_file = QLabel()
        self.statusBar().clearMessage()
        for w in (self.status_count, self.status_tally):
            self.statusBar().addWidget(w)
        self.statusBar().addPermanentWidget(self.status_file)

        self.resizeDocks([self.weights_dock, self.editor_dock], [335, 370], Qt.Orientation.Horizontal)
        self._build_menus()
        self.doc.changed.connect(self._on_changed)
        self.guard.autosave_failed.connect(lambda msg: self.statusBar().showMessage(msg, 8000))
        for source in (self.doc.refused, self.editor.problem, self.table.problem, self.weights.problem):
            source.connect(lambda msg: self.statusBar().showMessage(msg, 8000))  # a refused edit, said
        self._normal_font = QApplication.font()
        self._normal_palette = QApplication.palette()
        state = self.settings.value("window/state")
        if isinstance(state, QByteArray):
            self.restoreState(state)
        self.built = True
        self._on_changed(Changes.everything())

    def _first_size(self) -> QSize:
        """Most of the screen (the table, the weights and the editor side by side), at least 1440×880."""
        screen = QApplication.primaryScreen()
        if screen is None:
            return QSize(1440, 880)
        room = screen.availableGeometry()
        return (
            QSize(max(1440, int(room.width() * 0.94)), max(880, int(room.height() * 0.92)))
            .boundedTo(room.size())
            .expandedTo(QSize(800, 600))
        )

    def _dock(self, title: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(f"dock-{title.lower()}")
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        return dock

    def _action(
        self,
        menu: QMenu,
        text: str,
        slot: Callable[[], object],
        shortcut: str | QKeySequence.StandardKey | None = None,
        tip: str = "",
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if tip:
            action.setStatusTip(tip)
        action.triggered.connect(slot)
        menu.addAction(action)
        self.addAction(action)  # its shortcut then works while the menu bar is hidden (presentation)
        return action

    def _run_dialog(self, module: str, function: str) -> None:
        self.editor.commit_notes()  # an export shows what is being typed too
        call_later_imported(module, function, self, self.doc)

    def _build_menus(self) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QStyle

        file, edit, view = self.menus.values()
        self._action(file, "&New", lambda: self.new_document(), QKeySequence.StandardKey.New)
        self._action(file, "New from &demo", lambda: self.open_path(demo_path(), as_template=True))
        self.open_action = self._action(file, "&Open…", self.open_dialog, QKeySequence.StandardKey.Open)
        self.recent_menu = file.addMenu("Open &recent")
        self.save_action = self._action(file, "&Save", self.save, QKeySequence.StandardKey.Save)
        self._action(file, "Save &as…", self.save_as, QKeySequence.StandardKey.SaveAs)
        file.addSeparator()
        # the import/export dialogs load openpyxl or reportlab, so they are imported on first use
        for text, module, function, key in (
            ("&Import intake workbook…", "ui.dialogs.import_intake", "import_intake", None),
            ("Write intake &template…", "ui.dialogs.intake_template", "write_intake_template", None),
            ("Export Excel &scorecard…", "ui.dialogs.export_scorecard", "export_scorecard", "Ctrl+E"),
            ("Export PDF &pack…", "ui.dialogs.export_pack", "export_pack", "Ctrl+P"),
        ):
            self._action(file, text, lambda *_, m=module, f=function: self._run_dialog(m, f), key)
        file.addSeparator()
        self._action(file, "&Quit", self.close, QKeySequence.StandardKey.Quit)
        undo = self.doc.undo_stack.createUndoAction(self, "&Undo")
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = self.doc.undo_stack.createRedoAction(self, "&Redo")
        redo.setShortcut(QKeySequence.StandardKey.Redo)
        edit.addActions([undo, redo])
        self.addActions([undo, redo])
        edit.addSeparator()
        self.add_action = self._action(edit, "&Add pilot", self.add_pilot, "Ctrl+Shift+N")
        self._action(edit, "&Remove selected pilots", self.remove_selected, "Ctrl+Del")
        for i in range(self.tabs.count()):
            self._action(
                view,
                self.tabs.tabText(i),
                partial(self.tabs.setCurrentIndex, i),
                f"Ctrl+{(i + 1) % 10}" if i < 10 else None,
            )
        self._action(view, "&Find pilot", self._find, QKeySequence.StandardKey.Find)
        view.addSeparator()
        view.addAction(self.editor_dock.toggleViewAction())
        view.addAction(self.weights_dock.toggleViewAction())
        view.addAction(self.history_dock.toggleViewAction())
        view.addAction(self.plan_dock.toggleViewAction())
        self.presentation_action = self._action(view, "&Presentation mode", self.toggle_presentation, "F11")
        self.presentation_action.setCheckable(True)
        self.presentation_action.setIconText("Present")
        self.leave_presentation_action = QAction("Leave presentation mode", self)
        self.leave_presentation_action.setShortcut(QKeySequence("Esc"))
        self.leave_presentation_action.setEnabled(False)  # Esc stays free for editors otherwise
        self.leave_presentation_action.triggered.connect(self.presentation_action.trigger)
        self.addAction(self.leave_presentation_action)
        toolbar = self.addToolBar("Main")
        toolbar.setObjectName("toolbar-main")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        style = self.style()
        icons = QStyle.StandardPixmap
        for action, icon in (
            (self.open_action, icons.SP_DialogOpenButton),
            (self.save_action, icons.SP_DialogSaveButton),
            (self.add_action, icons.SP_FileDialogNewFolder),
        ):
            action.setIcon(style.standardIcon(icon))
        self.undo_action, self.redo_action = undo, redo
        self._draw_icons()
        undo.setIconText("Undo")
        redo.setIconText("Redo")
        toolbar.addActions([self.open_action, self.save_action])
        toolbar.addSeparator()
        toolbar.addActions([undo, redo, self.add_action])
        toolbar.addSeparator()
        toolbar.addAction(self.presentation_action)  # a visible way back out of presentation mode
        self._refresh_recent()

    def _draw_icons(self) -> None:
        """Undo, redo and present drawn in the palette's text colour: the style's own arrows are dark
        glyphs, invisible on a dark toolbar. Redrawn when the palette changes."""
        from PySide6.QtCore import Qt
        from PySide6.QtGui import QIcon, QPainter, QPainterPath, QPalette, QPen, QPixmap

        ink = self.palette().color(QPalette.ColorRole.ButtonText)

        def icon(*paths: QPainterPath) -> QIcon:
            pixmap = QPixmap(32, 32)
            pixmap.fill(Qt.GlobalColor.transparent)
            painter = QPainter(pixmap)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            pen = QPen(ink, 3)
            pen.setCapStyle(Qt.PenCapStyle.RoundCap)
            pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
            painter.setPen(pen)
            for path in paths:
                painter.drawPath(path)
            painter.end()
            return QIcon(pixmap)

        def turn(mirror: bool) -> QPainterPath:  # a hooked arrow pointing back (undo) or on (redo)
            def x(v: float) -> float:
                return 32 - v if mirror else v

            path = QPainterPath()
            path.moveTo(x(25), 25)
            path.cubicTo(x(25), 11, x(14), 9, x(8), 14)
            path.moveTo(x(7), 6)
            path.lineTo(x(7), 15)
            path.lineTo(x(16), 15)
            return path

        screen = QPainterPath()
        screen.addRect(5, 6, 22, 15)
        screen.moveTo(16, 21)
        screen.lineTo(16, 26)
        screen.moveTo(10, 26)
        screen.lineTo(22, 26)
        self.undo_action.setIcon(icon(turn(False)))
        self.redo_action.setIcon(icon(turn(True)))
        self.presentation_action.setIcon(icon(screen))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange and self.built:
            self._draw_icons()
        super().changeEvent(event)

    # --- state shown ----------------------------------------------------------------------------------
    def _on_changed(self, changes: Changes) -> None:
        from ui import theme

        doc = self.doc
        if changes.file or changes.structure:
            name = doc.path.name if doc.path else doc.portfolio.name
            ro = " (read-only)" if doc.read_only else ""
            self.setWindowTitle(f"{name}[*]{ro} — Liftoff")
        self.setWindowModified(doc.is_modified())
        for panel in (self.weights, self.plan_dock.widget()):  # sliders must not move in a read-only window
            panel.setEnabled(not doc.read_only)
        self.status_file.setText(
            ("Read-only · " if doc.read_only else "")
            + ("Modified" if doc.is_modified() else ("Saved" if doc.path else "Not saved"))
        )
        if changes.scores:
            scores = doc.scores()
            self.status_count.setText(f"{len(doc.portfolio.pilots)} pilots")
            tally = [f"{theme.DECISION_LABELS[d]} {scores.tally.get(d, 0)}" for d in theme.DECISION_LABELS]
            self.status_tally.setText(" · ".join(tally))

    # --- files ------------------------------------------------------------------------------------------
    def new_document(self) -> None:
        from planner.model import Portfolio

        if self.maybe_save():
            self.guard.release_project()
            self.guard.clean()
            self.doc.set_read_only(False)
            self.doc.replace(Portfolio(), None)

    def open_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Open project", str(Path.home()), FILE_FILTER)
        if path:
            self.open_path(Path(path))

    def open_path(self, path: Path, as_template: bool = False) -> bool:
        """Open a project; on any problem show it and keep the current document. True when opened."""
        from ui.files import FileProblem, load_portfolio

        if not self.maybe_save():
            return False
        try:
            portfolio = load_portfolio(path)
        except FileProblem as exc:
            prompts.show_error(self, exc.title, exc.message)
            return False
        read_only = False
        if not as_template and (held := self.guard.lock_project(path)) is not None:
            if not prompts.ask_read_only(self, path, held):
                return False
            read_only = True
        if as_template or read_only:
            self.guard.release_project()
        self.guard.clean()
        self.doc.replace(portfolio, None if as_template else path)
        self.doc.set_read_only(read_only)
        if not as_template:
            self._remember(path)
        return True

    def save(self) -> bool:
        if self.doc.path is None or self.doc.read_only:
            return self.save_as()
        return self.save_to(self.doc.path)

    def save_as(self) -> bool:
        """Ask for a name and save there; a project another instance holds is refused by name and
        another name offered, until the user saves or cancels."""
        from ui.files import free_name

        start = self.doc.path or Path.home() / f"{self.doc.portfolio.name}.liftoff"
        if self.doc.read_only:
            start = free_name(start)
        while True:
            path, _ = QFileDialog.getSaveFileName(self, "Save project", str(start), FILE_FILTER)
            if not path:
                return False
            target = Path(path) if path.endswith(".liftoff") else Path(path + ".liftoff")
            if self.save_to(target):
                return True
            if self.guard.holds(target):
                return False  # it was ours: the save itself failed, and the error was shown
            start = free_name(target)

    def save_to(self, path: Path) -> bool:
        """Save; on failure show why, keep the document modified and return False. A project that
        another instance holds is never written: its lock is taken before the file is touched."""
        from ui.files import FileProblem, save_portfolio

        self.editor.commit_notes()  # Save must not miss notes still being typed
        previous = None if self.doc.read_only else self.doc.path
        held = self.guard.lock_project(path)
        if held is not None:
            prompts.show_error(
                self,
                "Project in use",
                f"{path} is open in {held}, so it cannot be saved over. Choose another name.",
            )
            return False
        try:
            save_portfolio(self.doc.portfolio, path)
        except FileProblem as exc:
            prompts.show_error(self, exc.title, exc.message)
            if previous is not None:
                self.guard.lock_project(previous)  # keep writing the project we had
            else:
                self.guard.release_project()
            return False
        self.doc.set_read_only(False)
        self.doc.mark_saved(path)
        self.guard.clean()
        self._remember(path)
        self.statusBar().showMessage(f"Saved {path}", 4000)
        return True

    def maybe_save(self) -> bool:
        """True when it is fine to drop the current document (saved, discarded, or unmodified)."""
        self.editor.commit_notes()  # notes still being typed count as a change
        if not self.doc.is_modified():
            return True
        answer = prompts.ask_save(self, self.doc.path)
        if answer == "save":
            return self.save()
        return answer == "discard"

    def offer_recovery(self) -> bool:
        """Offer to restore what a crashed session left; True when something was restored."""
        from ui.files import FileProblem, discard_recovery, find_recoverable, load_portfolio

        items = find_recoverable(self.guard.recovery_dir)
        if not items:
            return False
        choice = prompts.ask_recover(self, [i.describe() for i in items])
        if choice is None:
            return False
        item = items[choice]
        try:
            portfolio = load_portfolio(item.recovery)
        except FileProblem as exc:
            prompts.show_error(self, exc.title, exc.message)
            return False
        held = self.guard.lock_project(item.original) if item.original is not None else None
        self.doc.replace(portfolio, item.original, modified=True)
        self.doc.set_read_only(held is not None)
        for other in items:
            discard_recovery(other)
        self.guard.autosave(blocking=True)
        if held is not None:
            prompts.show_error(
                self,
                "Recovered read-only",
                f"{item.original} is open in {held}. The recovered changes are open read-only: "
                "use Save as… to keep them under another name.",
            )
        return True

    def _remember(self, path: Path) -> None:
        recent = [str(path)] + [p for p in self._recent() if p != str(path)]
        self.settings.setValue("files/recent", recent[:MAX_RECENT])
        self._refresh_recent()

    def _recent(self) -> list[str]:
        value = self.settings.value("files/recent", [])
        return [str(v) for v in value] if isinstance(value, list) else ([str(value)] if value else [])

    def _refresh_recent(self) -> None:
        self.recent_menu.clear()
        for p in self._recent():
            action = self.recent_menu.addAction(p)
            action.triggered.connect(lambda _c=False, p=p: self.open_path(Path(p)))
        self.recent_menu.setEnabled(bool(self._recent()))

    # --- edits ------------------------------------------------------------------------------------------
    def add_pilot(self) -> None:
        from ui import commands

        cmd = commands.add_pilot(self.doc)
        self.doc.push(cmd)
        self.doc.select([cmd.after.pilots[-1].id])

    def remove_selected(self) -> None:
        from planner.portfolio.edits import EditError
        from ui import commands

        ids = self.doc.selection()
        if ids and prompts.ask_remove(self, len(ids)):
            try:
                self.doc.push(commands.remove_pilots(self.doc, ids))
            except EditError as exc:
                prompts.show_error(self, "Cannot remove", str(exc))

    def _find(self) -> None:
        self.tabs.setCurrentWidget(self.table)
        self.table.search.setFocus()
        self.table.search.selectAll()

    def toggle_presentation(self) -> None:
        from PySide6.QtCore import Qt

        from ui import theme

        on = self.presentation_action.isChecked()
        if on:  # the centre view and the pilot editor only; the layout and size come back afterwards
            self._layout_before_presentation = self.saveState()
            self._geometry_before_presentation = self.saveGeometry()
            for dock in (self.weights_dock, self.plan_dock, self.history_dock):
                dock.hide()
        app = QApplication.instance()
        if isinstance(app, QApplication):
            theme.set_presentation(app, on, self._normal_font, self._normal_palette)
        self.menuBar().setVisible(not on)
        self.statusBar().setVisible(not on)
        self.leave_presentation_action.setEnabled(on)
        if on:
            self.showFullScreen()
            screen = self.screen().availableGeometry().width()
            self.resizeDocks([self.editor_dock], [screen * 3 // 10], Qt.Orientation.Horizontal)
        else:
            self.showNormal()
            self.restoreState(self._layout_before_presentation)
            self.restoreGeometry(self._geometry_before_presentation)

    def decisions_tally(self) -> dict[Decision, int]:
        return dict(self.doc.scores().tally)

    # --- window events ------------------------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self.built and any(u.toLocalFile().endswith(".liftoff") for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        for url in event.mimeData().urls():
            if url.toLocalFile().endswith(".liftoff"):
                self.open_path(Path(url.toLocalFile()))
                event.acceptProposedAction()
                return

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.built:  # closed while loading: nothing to save yet
            event.accept()
            return
        if not self.maybe_save():
            event.ignore()
            return
        presenting = self.presentation_action.isChecked()  # the next start gets the normal layout
        geometry = self._geometry_before_presentation if presenting else self.saveGeometry()
        state = self._layout_before_presentation if presenting else self.saveState()
        self.settings.setValue("window/geometry", geometry)
        self.settings.setValue("window/state", state)
        self.guard.close()
        event.accept()
