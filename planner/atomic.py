"""Putting a finished file in place: the mode a user expects, and the leftovers of killed saves.

Every writer (the project file, the scorecard, the pack, the intake template) writes a temporary
file beside its target and moves it into place with `publish`. ``tempfile.mkstemp`` creates files
readable by their owner only (mode 0600); `publish` gives the file the mode it had, or for a new
file the mode any other program would give it (0666 less the user's umask, 0644 usually).

A save killed between creating its temporary file and moving it leaves the temporary file behind.
`remove_stale_temps` removes such leftovers of one project, matched by the exact name pattern the
project writer uses and by age (a file still being written is never touched).
"""

from __future__ import annotations

import contextlib
import os
import re
import threading
import time
from pathlib import Path

STALE_TEMP_SECONDS = 60.0
REPLACE_ATTEMPTS = 5
_UMASK_LOCK = threading.Lock()


def _umask() -> int:
    """The process's umask, read without changing it where the system allows (Linux)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    with _UMASK_LOCK:  # os.umask can only be read by setting it: set it back at once
        mask = os.umask(0o022)
        os.umask(mask)
    return mask


def new_file_mode() -> int:
    """The permission bits a new file gets from an ordinary program: 0666 less the umask."""
    return 0o666 & ~_umask()


def replace(source: str | os.PathLike[str], target: str | os.PathLike[str]) -> None:
    """``os.replace``, retried with a growing pause when another program holds the file (Windows)."""
    for attempt in range(REPLACE_ATTEMPTS):
        try:
            os.replace(source, target)
            return
        except PermissionError:
            if attempt == REPLACE_ATTEMPTS - 1:
                raise
            time.sleep(0.05 * 2**attempt)


def publish(temp: str | os.PathLike[str], target: str | os.PathLike[str]) -> None:
    """Move the finished `temp` over `target`, keeping `target`'s mode, or the user's default mode
    (see `new_file_mode`) when it is new."""
    try:
        mode = os.stat(target).st_mode & 0o777
    except FileNotFoundError:
        mode = new_file_mode()
    os.chmod(temp, mode)
    replace(temp, target)


def temp_pattern(name: str) -> re.Pattern[str]:
    """Temporary files of the project writer for the file `name`: ``.NAME.XXXXXXXX.tmp`` and
    ``.NAME.XXXXXXXX.bak.tmp`` (``tempfile.mkstemp`` with prefix ``.NAME.``)."""
    return re.compile(rf"\.{re.escape(name)}\.[a-z0-9_]{{8}}(\.bak)?\.tmp")


def remove_stale_temps(path: str | os.PathLike[str], older_than: float = STALE_TEMP_SECONDS) -> list[Path]:
    """Remove the leftovers of killed saves of the project at `path`; the paths removed.

    Only files whose name matches `temp_pattern` exactly, that are regular files and were last
    written more than `older_than` seconds ago. Errors (a folder that cannot be listed, a file
    another program holds) are ignored: cleaning up must never stop a project from opening.
    """
    target = Path(os.path.abspath(path))
    pattern = temp_pattern(target.name)
    prefix = f".{target.name}."
    removed: list[Path] = []
    now = time.time()
    try:
        entries = list(os.scandir(target.parent))
    except OSError:
        return removed
    for entry in entries:
        if not entry.name.startswith(prefix) or not pattern.fullmatch(entry.name):
            continue
        with contextlib.suppress(OSError):
            info = entry.stat(follow_symlinks=False)
            if entry.is_file(follow_symlinks=False) and now - info.st_mtime > older_than:
                os.unlink(entry.path)
                removed.append(Path(entry.path))
    return removed
