"""Start-up pays only for what is on screen. The main window's frame paints before the planner and its
libraries load; the built window leaves the heavy libraries behind other tabs, the exports and the IRR
solver for their first use."""

import subprocess
import sys
import tempfile
from pathlib import Path

from planner.portfolio import store
from planner.resources import templates_dir

ROOT = Path(__file__).resolve().parents[2]

PRELUDE = """
import os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ["LIFTOFF_RECOVERY_DIR"] = sys.argv[1]
from PySide6.QtCore import QSettings
QSettings.setDefaultFormat(QSettings.Format.IniFormat)
QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, sys.argv[1])
from ui.app import launch, make_app, start_window
app = make_app()
"""


def run_python(code: str) -> list[str]:
    with tempfile.TemporaryDirectory() as tmp:
        result = subprocess.run(
            [sys.executable, "-c", PRELUDE + code, tmp], cwd=ROOT, capture_output=True, text=True, timeout=120
        )
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()


def test_built_window_leaves_heavy_libraries_for_later() -> None:
    out = run_python(
        "window = start_window([])\n"
        "heavy = ['scipy.optimize', 'reportlab', 'openpyxl', 'networkx']\n"
        "print(len(window.doc.portfolio.pilots))\n"
        "print(','.join(m for m in heavy if m in sys.modules))\n"
    )
    assert out == [str(len(store.load(templates_dir() / "demo" / "demo.liftoff").pilots)), ""]


def test_frame_paints_before_the_planner_loads_then_the_demo_opens() -> None:
    out = run_python(
        """
from PySide6.QtCore import QEvent, QObject, QTimer
heavy = ['numpy', 'pydantic', 'planner.model', 'ui.document']
class FirstPaint(QObject):
    seen = False
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and not self.seen:
            self.seen = True
            print('at first paint:', ','.join(m for m in heavy if m in sys.modules))
        return False
def check():
    if window.built:
        print('built with', len(window.doc.portfolio.pilots), 'pilots')
        app.quit()
    else:
        QTimer.singleShot(10, check)
watch = FirstPaint()
app.installEventFilter(watch)
window = launch([])
print('before the loop: built' if window.built else 'before the loop: frame only')
QTimer.singleShot(10, check)
QTimer.singleShot(60000, app.quit)
app.exec()
"""
    )
    pilots = len(store.load(templates_dir() / "demo" / "demo.liftoff").pilots)
    assert out == ["before the loop: frame only", "at first paint: ", f"built with {pilots} pilots"]
