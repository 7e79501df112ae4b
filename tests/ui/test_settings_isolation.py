"""Tests never touch the user's settings, recent files or recovery folder (the conftest gives each
test its own); a start through `start_window` writes its recent file into the test's folder."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from planner.portfolio import store
from tests.ui.factory import portfolio
from ui import app


def test_default_settings_and_recovery_live_in_the_tests_own_folder(own_settings_home: Path) -> None:
    assert Path(QSettings().fileName()).is_relative_to(own_settings_home)
    assert app.recovery_dir().is_relative_to(own_settings_home)


def test_start_window_remembers_a_file_only_in_the_tests_settings(
    own_settings_home: Path, tmp_path: Path, qtbot: QtBot
) -> None:
    path = tmp_path / "x.liftoff"
    store.save(portfolio(2), path)
    window = app.start_window([str(path)])
    qtbot.addWidget(window)
    settings = QSettings()
    assert Path(settings.fileName()).is_relative_to(own_settings_home)
    assert settings.value("files/recent") in ([str(path)], str(path))
    window.guard.close()
