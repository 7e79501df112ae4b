"""The main window: the views in the centre, pilot editor and weights as docks, files and recovery.

Every view observes the one `Document`. What surrounds the views lives in `ui.shell`: the dock
layout for the screen (`layout`), presentation mode (`presentation`), the menus and toolbar
(`menus`), the tab strip or view menu (`view_switcher`), help and the guided first run. Dialogs that
ask the user something go through the small `ask_*`/`show_error` functions of `ui.prompts`, which
tests replace.

Start-up paints first. At load time this module imports only the few Qt classes the frame needs, so
`MainWindow(build=False)` puts its frame on screen before numpy, pydantic and the planner load (and
before PySide6 builds its large `Qt` enum namespace); `build()` then imports them and fills the frame
(`build_after_first_paint` chains the two). Methods import the heavy modules where they use them;
Python caches each import after the first.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QSettings, QSize, QTimer
from PySide6.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QLabel,
    QMainWindow,
    QTabBar,
    QTabWidget,
    QToolBar,
    QWidget,
)

from planner.resources import templates_dir
from ui import prompts
from ui.lazy import LazyTab, call_later_imported
from ui.shell import layout

if TYPE_CHECKING:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QShowEvent

    from planner.model import Decision
    from ui.document import Changes, Document
    from ui.files import FileGuard
    from ui.shell.presentation import Presenter
    from ui.shell.tour import Tour
    from ui.views.triage.editor_panel import EditorPanel
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
    editor_panel: EditorPanel
    weights: WeightsPanel
    presenter: Presenter
    toolbar: QToolBar
    dock_toggles: list[QAction]
    tour: Tour | None = None
    layout_pending = False  # the default dock layout waits for the first show (see ui.shell.layout)

    def __init__(self, recovery_dir: Path, settings: QSettings | None = None, *, build: bool = True) -> None:
        """The window's frame; with `build` (the default) also its views and an empty document."""
        super().__init__()
        self.settings = settings or QSettings()
        self.recovery_dir = recovery_dir
        self.built = False
        self.setAcceptDrops(True)
        self.setDockNestingEnabled(True)
        self.setWindowTitle("Liftoff")
        self.menus = {name: self.menuBar().addMenu(name) for name in ("&File", "&Edit", "&View", "&Help")}
        self.statusBar().showMessage("Loading the portfolio…")
        self.resize(layout.first_size())
        layout.restore_geometry(self)
        self._fit_checked = False
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
        from ui.shell import menus
        from ui.shell.presentation import Presenter
        from ui.shell.view_switcher import ViewSwitcher
        from ui.views.plans.plan_settings import PlanSettingsPanel
        from ui.views.triage.editor_panel import EditorPanel
        from ui.views.triage.pilot_editor import PilotEditor
        from ui.views.triage.portfolio_table import PortfolioTable
        from ui.views.triage.weights_panel import WeightsPanel

        self.doc = Document(parent=self)
        self.guard = FileGuard(self.doc, self.recovery_dir, self)
        self.table = PortfolioTable(self.doc)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.setAccessibleName("Views")
        self.tabs.tabBar().setAccessibleName("Views")
        # a view's own minimum never pushes the docks aside (switching views never resizes them)
        self.tabs.setMinimumSize(QSize(320, 240))
        # every tab but the table is built when first shown (`ensure()` builds one now)
        self.ratings = LazyTab("ui.views.triage.ratings_grid", "RatingsGrid", self.doc)
        self.matrix = LazyTab("ui.views.triage.triage_matrix", "TriageMatrixPanel", self.doc)
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
            widget.setAccessibleName(f"{title} view")
        self.setCentralWidget(self.tabs)

        self.editor = PilotEditor(self.doc)
        self.editor_panel = EditorPanel(self.doc, self.editor)
        self.weights = WeightsPanel(self.doc)
        right, left = Qt.DockWidgetArea.RightDockWidgetArea, Qt.DockWidgetArea.LeftDockWidgetArea
        self.editor_dock = self._dock("Pilot", self.editor_panel, right)
        self.weights_dock = self._dock("Weights", self.weights, left)
        history = QUndoView(self.doc.undo_stack)
        history.setEmptyLabel("Opened")
        history.setAccessibleName("Edit history")
        history.setToolTip("Every edit of this session; click one to go back to it")
        self.history_dock = self._dock("History", history, right)
        self.plan_dock = self._dock("Plan settings", PlanSettingsPanel(self.doc), left)

        self.status_count = QLabel()
        self.status_tally = QLabel()
        self.status_file = QLabel()
        self.statusBar().clearMessage()
        for w in (self.status_count, self.status_tally):
            self.statusBar().addWidget(w)
        self.statusBar().addPermanentWidget(self.status_file)

        self.presenter = Presenter(self)
        menus.build(self)
        self.switcher = ViewSwitcher(self.tabs, self.toolbar)
        self.doc.changed.connect(self._on_changed)
        self.doc.open_requested.connect(lambda _pid: self.open_editor())
        self.guard.autosave_failed.connect(lambda msg: self.statusBar().showMessage(msg, 8000))
        for source in (self.doc.refused, self.editor.problem, self.table.problem, self.weights.problem):
            source.connect(lambda msg: self.statusBar().showMessage(msg, 8000))  # a refused edit, said
        if self.isVisible():  # built after the frame's first paint: the saved sizes apply once laid out
            QTimer.singleShot(0, self._restore_layout)
        else:
            layout.restore_state(self)
        self.built = True
        self._on_changed(Changes.everything())

    def _dock(self, title: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(f"dock-{title.lower()}")
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        return dock

    def run_dialog(self, module: str, function: str) -> None:
        self.editor.commit_notes()  # an export shows what is being typed too
        call_later_imported(module, function, self, self.doc)

    def open_demo(self) -> bool:
        return self.open_path(demo_path(), as_template=True)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ChildPolished:  # Qt makes a tab bar for each group of docks
            child = event.child()  # type: ignore[attr-defined]
            if isinstance(child, QTabBar) and not child.accessibleName():
                child.setAccessibleName("Panels")
        return super().event(event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange and self.built:
            from ui.shell.menus import draw_icons

            draw_icons(self)
        super().changeEvent(event)

    def _restore_layout(self) -> None:
        layout.restore_state(self)
        self._fit_checked = True
        QTimer.singleShot(0, lambda: layout.check_fit(self))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.built:
            layout.arrange_pending(self)
        if self.built and not self._fit_checked:
            self._fit_checked = True
            QTimer.singleShot(0, lambda: layout.check_fit(self))  # once laid out at its real size

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
        if not as_template and not self.guard.lock_project(path):
            if not prompts.ask_read_only(self, path):
                return False
            read_only = True
        if as_template:
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
        start = str(self.doc.path or Path.home() / f"{self.doc.portfolio.name}.liftoff")
        path, _ = QFileDialog.getSaveFileName(self, "Save project", start, FILE_FILTER)
        if not path:
            return False
        target = Path(path) if path.endswith(".liftoff") else Path(path + ".liftoff")
        return self.save_to(target)

    def save_to(self, path: Path) -> bool:
        """Save; on failure show why, keep the document modified and return False."""
        from ui.files import FileProblem, save_portfolio

        self.editor.commit_notes()  # Save must not miss notes still being typed
        try:
            save_portfolio(self.doc.portfolio, path)
        except FileProblem as exc:
            prompts.show_error(self, exc.title, exc.message)
            return False
        if path != self.doc.path:
            self.guard.lock_project(path)
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
        if item.original is not None:
            self.guard.lock_project(item.original)
        self.doc.replace(portfolio, item.original, modified=True)
        for other in items:
            discard_recovery(other)
        self.guard.autosave(blocking=True)
        return True

    def _remember(self, path: Path) -> None:
        recent = [str(path)] + [p for p in self._recent() if p != str(path)]
        self.settings.setValue("files/recent", recent[:MAX_RECENT])
        self.refresh_recent()

    def _recent(self) -> list[str]:
        value = self.settings.value("files/recent", [])
        return [str(v) for v in value] if isinstance(value, list) else ([str(value)] if value else [])

    def refresh_recent(self) -> None:
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

    def find_pilot(self) -> None:
        self.tabs.setCurrentWidget(self.table)
        self.table.search.setFocus()
        self.table.search.selectAll()

    def open_editor(self) -> None:
        """Show the pilot editor for the selected pilot: its dock, or its overlay while presenting."""
        if self.presenting():
            self.presenter.open_editor()
            return
        self.editor_dock.show()
        self.editor_dock.raise_()
        self.editor_panel.currentWidget().setFocus()

    def presenting(self) -> bool:
        return self.built and self.presenter.active

    def toggle_presentation(self) -> None:
        self.presenter.set_active(self.presentation_action.isChecked())

    def escape_presentation(self) -> None:
        self.presenter.escape()

    def start_tour(self) -> None:
        from ui.shell.tour import Tour

        if self.tour is None:
            self.tour = Tour(self)
        self.tour.start()

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
        presenter = self.presenter  # a close while presenting keeps the normal layout for the next start
        presenting = presenter.active
        geometry = presenter.saved_geometry if presenting else self.saveGeometry()
        state = presenter.saved_state if presenting else self.saveState(layout.LAYOUT_VERSION)
        layout.save(self, geometry, state)
        self.guard.close()
        event.accept()
