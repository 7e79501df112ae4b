"""Application start: QApplication, settings, recovery offer, then the demo, a file or a new project."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QApplication

from ui.main_window import MainWindow, demo_path


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
    return app


def start_window(args: Sequence[str]) -> MainWindow:
    """The main window after recovery, with the requested file, or the demo on a first start."""
    window = MainWindow(recovery_dir())
    if not window.offer_recovery():
        if args:
            window.open_path(Path(args[0]))
        elif demo_path().is_file():
            window.open_path(demo_path(), as_template=True)
    return window


def run(args: Sequence[str]) -> int:
    app = make_app()
    window = start_window(args)
    window.show()
    return app.exec()
