"""The `liftoff` entry point: subcommands run headless without importing Qt; no arguments open the app."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import sys
from ui.launch import main
try:
    code = main(["--help"])
except SystemExit as exc:
    code = exc.code
print("qt-imported" if any(m.startswith("PySide6") for m in sys.modules) else "qt-free", code)
"""


def test_cli_subcommand_does_not_import_qt() -> None:
    out = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert out.stdout.strip().splitlines()[-1] == "qt-free 0", out.stderr


def test_start_window_opens_a_project_argument(tmp_path: Path, monkeypatch, qtbot) -> None:  # type: ignore[no-untyped-def]
    from planner.portfolio import store
    from tests.ui.factory import portfolio
    from ui import app

    monkeypatch.setenv("LIFTOFF_RECOVERY_DIR", str(tmp_path / "rec"))
    path = tmp_path / "x.liftoff"
    store.save(portfolio(3), path)
    window = app.start_window([str(path)])
    qtbot.addWidget(window)
    assert window.doc.path == path and len(window.doc.portfolio.pilots) == 3
    window.guard.close()


def test_frame_closes_while_loading_and_builds_after_its_first_paint(tmp_path: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QSettings

    from ui.main_window import MainWindow

    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    early = MainWindow(tmp_path / "rec", settings, build=False)
    qtbot.addWidget(early)
    assert early.close()  # nothing to save yet: no prompt, no document

    window = MainWindow(tmp_path / "rec", settings, build=False)
    qtbot.addWidget(window)
    opened: list[int] = []
    window.build_after_first_paint(lambda: opened.append(len(window.doc.portfolio.pilots)))
    assert not window.built and [m.title() for m in window.menus.values()] == [
        "&File",
        "&Edit",
        "&View",
        "&Help",
    ]
    window.show()
    qtbot.waitUntil(lambda: bool(opened), timeout=10000)
    assert window.built and opened == [0]
    assert window.centralWidget() is window.tabs  # the views first (the table's rows paint) ...
    qtbot.waitUntil(lambda: window.panels_built, timeout=10000)
    assert (
        window.menus["&File"].actions() and window.editor_dock.widget() is window.editor_panel
    )  # ... then the panels
    window.guard.close()


def test_a_frame_closed_before_its_build_opens_nothing(tmp_path: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QEvent, QObject, QSettings, QTimer

    from ui.main_window import MainWindow

    class CloseAtFirstPaint(QObject):
        """Queues a close at the first paint: it runs before the queued build (filters installed
        later see an event first)."""

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                watched.removeEventFilter(self)
                QTimer.singleShot(0, window.close)
            return False

    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    window = MainWindow(tmp_path / "rec", settings, build=False)
    qtbot.addWidget(window)
    opened: list[bool] = []
    window.build_after_first_paint(lambda: opened.append(True))
    closer = CloseAtFirstPaint()
    window.installEventFilter(closer)
    window.show()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=5000)
    qtbot.wait(50)  # the queued build has had its turn
    assert not window.built and opened == []  # no recovery question, no lock, no document


def test_a_file_argument_that_cannot_be_opened_is_explained_then_the_demo_opens(
    tmp_path: Path,
    monkeypatch,
    qtbot,  # type: ignore[no-untyped-def]
) -> None:
    from planner.portfolio import store
    from ui import app, prompts

    errors: list[str] = []
    monkeypatch.setattr(prompts, "show_error", lambda _p, _t, message: errors.append(message))
    monkeypatch.setenv("LIFTOFF_RECOVERY_DIR", str(tmp_path / "rec"))
    missing = tmp_path / "nothere.liftoff"
    window = app.start_window([str(missing)])
    qtbot.addWidget(window)
    assert len(errors) == 1 and str(missing) in errors[0]
    demo = store.load(app.demo_path())
    assert len(window.doc.portfolio.pilots) == len(demo.pilots) and window.doc.path is None
    window.guard.close()
