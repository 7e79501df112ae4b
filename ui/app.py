"""Application start: QApplication, settings, recovery offer, then the demo, a file or a new project.

`run` paints the main window's frame first and loads the planner after (see `ui.main_window`), so the
window appears at once; tests and scripts use `start_window`, which builds everything before returning.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QApplication

from ui.main_window import MainWindow, demo_path
from ui.shell import tour


def recovery_dir() -> Path:
    """Where recovery files live (``LIFTOFF_RECOVERY_DIR`` overrides, e.g. for tests)."""
    override = os.environ.get("LIFTOFF_RECOVERY_DIR")
    if override:
        return Path(override)
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(base) / "recovery"


def make_app(argv: Sequence[str] = ()) -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(["liftoff", *argv])
    app.setOrganizationName("Liftoff")
    app.setApplicationName("Liftoff")
    app.setApplicationDisplayName("Liftoff")
    app.setDesktopFileName("liftoff")  # Wayland docks match the window to liftoff.desktop (install-desktop)
    return app


def open_first_document(window: MainWindow, args: Sequence[str]) -> None:
    """What a start opens: a crashed session's work if the user restores it, else the file, else the demo."""
    if window.offer_recovery() or (args and window.open_path(Path(args[0]))):
        return
    # a first start, or a file that could not be opened (already said why)
    if demo_path().is_file() and window.open_demo() and tour.due(window):
        window.start_tour()  # once per installation: closing it ends it for good


def start_window(args: Sequence[str]) -> MainWindow:
    """The main window, built, with its first document open (not yet shown)."""
    window = MainWindow(recovery_dir())
    open_first_document(window, args)
    return window


def launch(args: Sequence[str]) -> MainWindow:
    """Show the main window's frame now; build it and open the first document once it is painted."""
    window = MainWindow(recovery_dir(), build=False)
    window.build_after_first_paint(lambda: open_first_document(window, args))
    window.show()
    return window


def run(args: Sequence[str]) -> int:
    app = make_app()
    _window = launch(args)  # referenced, so it lives while the loop runs
    return app.exec()
