"""Every test runs headless and away from the user's own files.

Each test gets its own settings, recovery and data folders: the environment variables below reach
subprocesses a test starts (Qt reads ``XDG_CONFIG_HOME``/``XDG_DATA_HOME`` on Linux), and the UI
tests' conftest points Qt's settings paths, already resolved in this process, at the same folder.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def own_settings_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh folder holding this test's settings (``config``), data and recovery files."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("LIFTOFF_RECOVERY_DIR", str(home / "recovery"))
    return home
