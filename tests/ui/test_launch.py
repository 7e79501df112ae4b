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
    from planner import store
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
    assert not window.built and [m.title() for m in window.menus.values()] == ["&File", "&Edit", "&View"]
    window.show()
    qtbot.waitUntil(lambda: bool(opened), timeout=10000)
    assert window.built and opened == [0]
    assert window.centralWidget() is window.tabs and window.menus["&File"].actions()  # frame filled
    window.guard.close()
