"""Projects reached without File → Open: the recent ones (kept in the settings, newest first, at most
`MAX_RECENT`) and a project file dropped on the window."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtGui import QDragEnterEvent, QDropEvent

MAX_RECENT = 8
MainWindow = Any  # ui.main_window.MainWindow, which sits on the floor above and imports this module


def paths(window: MainWindow) -> list[str]:
    value = window.settings.value("files/recent", [])
    return [str(v) for v in value] if isinstance(value, list) else ([str(value)] if value else [])


def remember(window: MainWindow, path: Path) -> None:
    """Put `path` first in the list (once), and show the list in the menu."""
    kept = [str(path)] + [p for p in paths(window) if p != str(path)]
    window.settings.setValue("files/recent", kept[:MAX_RECENT])
    refresh(window)


def refresh(window: MainWindow) -> None:
    """Fill File → Open recent (once the menus are built; until then there is nothing to fill)."""
    menu = getattr(window, "recent_menu", None)
    if menu is None:
        return
    menu.clear()
    for p in paths(window):
        action = menu.addAction(p)
        action.triggered.connect(lambda _c=False, p=p: window.open_path(Path(p)))
    menu.setEnabled(bool(paths(window)))


def drag_enter(window: MainWindow, event: QDragEnterEvent) -> None:
    """Accept a drag that carries a project file (once the window can open one)."""
    if window.built and any(u.toLocalFile().endswith(".liftoff") for u in event.mimeData().urls()):
        event.acceptProposedAction()


def drop(window: MainWindow, event: QDropEvent) -> None:
    """Open the first project file dropped on the window."""
    for url in event.mimeData().urls():
        if url.toLocalFile().endswith(".liftoff"):
            window.open_path(Path(url.toLocalFile()))
            event.acceptProposedAction()
            return
