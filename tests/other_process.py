"""Another process holding a project, for the one-writer tests: a real second program, not a thread.

`holding(path)` starts a Python process that takes the project's lock exactly as the app and the
command line do (``planner.portfolio.lock.ProjectLock``); `app_holding(path)` starts a real Liftoff
window (offscreen) that opens the project. Both print ``ready`` once they hold it and end when the
context exits (or are killed with `kill`, to leave a stale lock behind).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

_LOCK_HOLDER = """
import sys
from planner.portfolio.lock import ProjectLock
lock = ProjectLock(sys.argv[1], "Liftoff")
lock.acquire()
print("ready", flush=True)
sys.stdin.read()
lock.release()
"""

_APP_HOLDER = """
import os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from pathlib import Path
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
from ui.main_window import MainWindow

app = QApplication([])
home = Path(sys.argv[2])
win = MainWindow(home / "recovery", QSettings(str(home / "s.ini"), QSettings.Format.IniFormat))
assert win.open_path(Path(sys.argv[1])) and not win.doc.read_only
print("ready", flush=True)
sys.stdin.read()
win.guard.close()
"""


@contextmanager
def _process(script: str, *args: str) -> Iterator[subprocess.Popen[str]]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    proc = subprocess.Popen(
        [sys.executable, "-c", script, *args],
        cwd=ROOT,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        if line.strip() != "ready":
            proc.kill()
            raise AssertionError(f"the other process did not start: {line!r} {proc.communicate()[1][-2000:]}")
        yield proc
    finally:
        if proc.poll() is None:
            assert proc.stdin is not None
            proc.stdin.close()
            try:
                proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        for stream in (proc.stdout, proc.stderr):
            if stream is not None:
                stream.close()


def holding(path: Path) -> AbstractContextManager[subprocess.Popen[str]]:
    """Another process holds the lock of `path` while the context lasts."""
    return _process(_LOCK_HOLDER, str(path))


def app_holding(path: Path, home: Path) -> AbstractContextManager[subprocess.Popen[str]]:
    """A real Liftoff window in another process has `path` open (its settings under `home`)."""
    home.mkdir(parents=True, exist_ok=True)
    return _process(_APP_HOLDER, str(path), str(home))


def kill(proc: subprocess.Popen[str]) -> None:
    """End the process at once, as a crash would: no clean-up runs, its lock file stays behind."""
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
