"""The main window: the views in the centre, pilot editor and weights as docks, files and recovery.

Every view observes the one `Document`. What surrounds the views lives in `ui.shell`: the dock
layout for the screen (`layout`), presentation mode (`presentation`), the menus and toolbar
(`menus`), the tab strip or view menu (`view_switcher`), help and the guided first run. Dialogs that
ask the user something go through the small `ask_*`/`show_error` functions of `ui.prompts`, which
tests replace.

Start-up paints first. At load time this module imports only the few Qt classes the frame needs, so
`MainWindow(build=False)` puts its frame on screen before numpy, pydantic and the planner load (and
before PySide6 builds its large `Qt` enum namespace). `build()` then fills the frame in two steps:
`build_core` (the document and the views) and `build_panels` (the docks, menus and toolbar).
`build_after_first_paint` runs the first, opens the first document, and builds the panels once the
table has painted its rows, so a start shows the portfolio before the editor and the weights are made.
Methods import the heavy modules where they use them; Python caches each import after the first.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QSettings, QSize, QTimer
from PySide6.QtWidgets import (
    QFileDialog,
    QMainWindow,
    QTabBar,
    QTabWidget,
    QToolBar,
)

from planner.resources import templates_dir
from ui import prompts
from ui.lazy import AfterFirstPaint, LazyTab, call_later_imported
from ui.shell import layout, recent, status

if TYPE_CHECKING:
    from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QShowEvent

    from ui.document import Changes, Document
    from ui.files import FileGuard
    from ui.shell.presentation import Presenter
    from ui.shell.tour import Tour
    from ui.views.triage.editor_panel import EditorPanel
    from ui.views.triage.pilot_editor import PilotEditor
    from ui.views.triage.portfolio_table import PortfolioTable
    from ui.views.triage.weights_panel import WeightsPanel

FILE_FILTER = "Liftoff projects (*.liftoff);;All files (*)"
VIEWS = (  # the tabs after the portfolio table: attribute, title, module, class
    ("ratings", "Ratings", "ui.views.triage.ratings_grid", "RatingsGrid"),
    ("matrix", "Triage matrix", "ui.views.triage.triage_matrix", "TriageMatrixPanel"),
    ("board", "Stage board", "ui.views.triage.stage_board", "StageBoard"),
    ("stakeholders", "Stakeholders", "ui.views.graphs.stakeholder_map", "StakeholderMap"),
    ("dependencies", "Dependencies", "ui.views.graphs.dependency_map", "DependencyMap"),
    ("gantt", "Rollout", "ui.views.plans.gantt", "Gantt"),
    ("training", "Training", "ui.views.plans.training_calendar", "TrainingCalendar"),
    ("funding", "Funding", "ui.views.funding.funding_panel", "FundingPanel"),
    ("snapshots", "Snapshots", "ui.views.triage.snapshots_view", "SnapshotsView"),
)


def demo_path() -> Path:
    return templates_dir() / "demo" / "demo.liftoff"


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
        self.built = False  # the document and the views exist
        self.panels_built = False  # the docks, menus and toolbar exist
        self.tour_pending = False
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
        """Once the frame (menus and a "loading" status) is painted, build the views, call `then` (which
        opens the first document), and build the panels once the table's rows are painted."""

        def finish() -> None:
            if not self.isVisible():  # closed in the moment after the first paint: nothing to open
                return
            self.build_core()
            then()
            AfterFirstPaint(self.table.view.viewport(), self.build_panels)

        AfterFirstPaint(self, finish)

    def build(self) -> None:
        """Load the planner and fill the frame: document, views, docks, menus, toolbar, status bar."""
        self.build_core()
        self.build_panels()

    def build_core(self) -> None:
        """The document, the views (all but the table built when first shown) and the status bar."""
        from ui.document import Changes, Document
        from ui.files import FileGuard
        from ui.views.triage.portfolio_table import PortfolioTable

        self.doc = Document(parent=self)
        self.guard = FileGuard(self.doc, self.recovery_dir, self)
        self.table = PortfolioTable(self.doc)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.setAccessibleName("Views")
        self.tabs.tabBar().setAccessibleName("Views")
        # a view's own minimum never pushes the docks aside (switching views never resizes them)
        self.tabs.setMinimumSize(QSize(320, 240))
        self.tabs.addTab(self.table, "Portfolio")
        self.table.setAccessibleName("Portfolio view")
        for attribute, title, module, name in VIEWS:  # each built when first shown (`ensure()`: now)
            tab = LazyTab(module, name, self.doc)
            setattr(self, attribute, tab)
            self.tabs.addTab(tab, title)
            tab.setAccessibleName(f"{title} view")
        self.setCentralWidget(self.tabs)
        self.status_count, self.status_tally, self.status_file = status.labels(self)
        self.doc.changed.connect(self._on_changed)
        self.guard.autosave_failed.connect(lambda msg: self.statusBar().showMessage(msg, 8000))
        for source in (self.doc.refused, self.table.problem):
            source.connect(lambda msg: self.statusBar().showMessage(msg, 8000))  # a refused edit, said
        self.built = True
        self._on_changed(Changes.everything())

    def build_panels(self) -> None:
        """The pilot editor, the weights, the plan settings and the history as docks; menus, toolbar."""
        if self.panels_built or not self.built:
            return
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QUndoView

        from ui.document import Changes
        from ui.shell import menus
        from ui.shell.presentation import Presenter
        from ui.shell.view_switcher import ViewSwitcher
        from ui.views.plans.plan_settings import PlanSettingsPanel
        from ui.views.triage.editor_panel import EditorPanel
        from ui.views.triage.pilot_editor import PilotEditor
        from ui.views.triage.weights_panel import WeightsPanel

        self.editor = PilotEditor(self.doc)
        self.editor_panel = EditorPanel(self.doc, self.editor)
        self.weights = WeightsPanel(self.doc)
        right, left = Qt.DockWidgetArea.RightDockWidgetArea, Qt.DockWidgetArea.LeftDockWidgetArea
        self.editor_dock = layout.dock(self, "Pilot", self.editor_panel, right)
        self.weights_dock = layout.dock(self, "Weights", self.weights, left)
        history = QUndoView(self.doc.undo_stack)
        history.setEmptyLabel("Opened")
        history.setAccessibleName("Edit history")
        history.setToolTip("Every edit of this session; click one to go back to it")
        self.history_dock = layout.dock(self, "History", history, right)
        self.plan_dock = layout.dock(self, "Plan settings", PlanSettingsPanel(self.doc), left)
        self.presenter = Presenter(self)
        menus.build(self)
        self.switcher = ViewSwitcher(self.tabs, self.toolbar)
        self.doc.open_requested.connect(lambda _pid: self.open_editor())
        for source in (self.editor.problem, self.weights.problem):
            source.connect(lambda msg: self.statusBar().showMessage(msg, 8000))  # a refused edit, said
        if self.isVisible():  # built after the frame's first paint: the saved sizes apply once laid out
            QTimer.singleShot(0, self._restore_layout)
        else:
            layout.restore_state(self)
        self.panels_built = True
        self._on_changed(Changes(file=True))
        if self.tour_pending:
            self.start_tour()

    def commit_notes(self) -> None:
        """Notes being typed in the pilot editor reach the document (before a save or an export)."""
        if self.panels_built:
            self.editor.commit_notes()

    def run_dialog(self, module: str, function: str) -> None:
        self.commit_notes()  # an export shows what is being typed too
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
        if event.type() == QEvent.Type.PaletteChange and self.panels_built:
            from ui.shell.menus import draw_icons

            draw_icons(self)
        super().changeEvent(event)

    def _restore_layout(self) -> None:
        layout.restore_state(self)
        self._fit_checked = True
        QTimer.singleShot(0, lambda: layout.check_fit(self))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.panels_built:
            layout.arrange_pending(self)
        if self.panels_built and not self._fit_checked:
            self._fit_checked = True
            QTimer.singleShot(0, lambda: layout.check_fit(self))  # once laid out at its real size

    # --- state shown ----------------------------------------------------------------------------------
    def _on_changed(self, changes: Changes) -> None:
        status.show(self, changes)

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
            recent.remember(self, path)
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

        self.commit_notes()  # Save must not miss notes still being typed
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
        recent.remember(self, path)
        self.statusBar().showMessage(f"Saved {path}", 4000)
        return True

    def maybe_save(self) -> bool:
        """True when it is fine to drop the current document (saved, discarded, or unmodified)."""
        self.commit_notes()  # notes still being typed count as a change
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

    def refresh_recent(self) -> None:
        recent.refresh(self)

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
        if self.panels_built:
            self.presenter.show_editor()

    def presenting(self) -> bool:
        return self.panels_built and self.presenter.active

    def start_tour(self) -> None:
        """Show the guided tour from its first step (once the panels it points at are built)."""
        from ui.shell import tour

        tour.start(self)

    # --- window events ------------------------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        recent.drag_enter(self, event)

    def dropEvent(self, event: QDropEvent) -> None:
        recent.drop(self, event)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.built:  # closed while loading: nothing to save yet
            event.accept()
            return
        if not self.maybe_save():
            event.ignore()
            return
        if not self.panels_built:  # closed before the panels were made: no layout of the user's to keep
            self.guard.close()
            event.accept()
            return
        presenter = self.presenter  # a close while presenting keeps the normal layout for the next start
        presenting = presenter.active
        geometry = presenter.saved_geometry if presenting else self.saveGeometry()
        state = presenter.saved_state if presenting else self.saveState(layout.LAYOUT_VERSION)
        layout.save(self, geometry, state)
        self.guard.close()
        event.accept()
