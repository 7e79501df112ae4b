"""GUI test fixtures: isolated settings and recovery folder, modal prompts replaced."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from planner.model import Portfolio
from tests.ui.factory import portfolio
from ui import prompts
from ui.main_window import MainWindow


class Prompts:
    """Records what the app asked; answers are set per test."""

    def __init__(self) -> None:
        self.errors: list[tuple[str, str]] = []
        self.save_answer = "discard"
        self.read_only_answer = True
        self.recover_answer: int | None = 0
        self.read_only_asked: list[Path] = []
        self.recover_asked: list[list[str]] = []


@pytest.fixture(autouse=True)
def own_qt_settings(own_settings_home: Path) -> Iterator[Path]:
    """`QSettings()` (what the app uses) reads and writes this test's own file, never the user's."""
    folder = own_settings_home / "config"
    for form in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(form, QSettings.Scope.UserScope, str(folder))
        QSettings.setPath(form, QSettings.Scope.SystemScope, str(folder / "system"))
    yield folder


@pytest.fixture
def asked(monkeypatch: pytest.MonkeyPatch) -> Prompts:
    record = Prompts()
    monkeypatch.setattr(prompts, "show_error", lambda _p, title, msg: record.errors.append((title, msg)))
    monkeypatch.setattr(prompts, "ask_save", lambda _p, _path: record.save_answer)

    def read_only(_p: object, path: Path, _holder: str = "") -> bool:
        record.read_only_asked.append(path)
        return record.read_only_answer

    def recover(_p: object, items: list[str]) -> int | None:
        record.recover_asked.append(items)
        return record.recover_answer

    monkeypatch.setattr(prompts, "ask_read_only", read_only)
    monkeypatch.setattr(prompts, "ask_recover", recover)
    monkeypatch.setattr(prompts, "ask_remove", lambda _p, _n: True)
    return record


@pytest.fixture
def make_window(qtbot: QtBot, tmp_path: Path, asked: Prompts) -> Iterator[Callable[..., MainWindow]]:
    """Build main windows sharing one recovery folder and settings file (like two app instances)."""

    def build(start: Portfolio | None = None) -> MainWindow:
        settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
        window = MainWindow(tmp_path / "recovery", settings)
        qtbot.addWidget(window)
        if start is not None:
            window.doc.replace(start, None)
        return window

    yield build


@pytest.fixture
def window(make_window: Callable[..., MainWindow]) -> MainWindow:
    return make_window(portfolio(8))
