"""One writer per project file: the lock beside it, shared by the app and the command line.

Whoever writes ``plan.liftoff`` (an app window, ``liftoff snapshot``, ``liftoff import``) first takes
``plan.liftoff.lock``. The lock file says who holds it (program, process id, user, machine, since
when), and the holder keeps an operating-system lock on it (``flock`` on Linux and macOS, a byte-range
lock on Windows) for as long as it holds it. The operating system drops that lock the moment the
holder's process ends, however it ends, so a lock left by a crash is recognised as stale and taken
over without asking, and a process id reused by another program can never keep a project locked.

Where the file system offers no such lock (some network shares), a lock is judged by its process id
on the same machine; a lock taken on another machine cannot be checked from here, and only then may
a caller take it over by force (`acquire(force=True)`). A holder whose process is confirmed running
is never overridden: close the project there first.
"""

from __future__ import annotations

import contextlib
import errno
import getpass
import json
import os
import socket
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from planner.errors import LiftoffError, safe_text

LOCK_SUFFIX = ".lock"
_INFO_BYTES = 4096
_WINDOWS_LOCK_OFFSET = 1 << 30  # lock a byte far past the info, so readers can still read the info


@dataclass(frozen=True, slots=True)
class Holder:
    """Who holds a lock, as its lock file says (untrusted text: shown through `describe`)."""

    app: str
    pid: int
    user: str
    host: str
    since: str
    alive: bool  # True: its process is confirmed running; False: it could not be checked from here

    def describe(self) -> str:
        """``Liftoff (process 4242, user dana on host lab-7, since 2026-03-02 10:31)``."""
        where = f"process {self.pid}"
        if self.user:
            where += f", user {self.user}"
        if self.host:
            where += f" on host {self.host}"
        if self.since:
            where += f", since {self.since}"
        return safe_text(f"{self.app or 'another program'} ({where})", 300)


class LockHeld(LiftoffError):
    """The project is locked by another writer; `holder` says who."""

    def __init__(self, path: Path, holder: Holder) -> None:
        if holder.alive:
            hint = "close it there first"
        else:
            hint = "it cannot be checked from this machine; if you are sure it is gone, use --force"
        super().__init__(f"{safe_text(os.fspath(path), 500)}: open in {holder.describe()}; {hint}")
        self.path = path
        self.holder = holder


def lock_path(path: str | os.PathLike[str]) -> Path:
    """Where the lock of the project at `path` lives: the same name with ``.lock`` appended."""
    target = Path(os.path.abspath(path))
    return target.with_name(target.name + LOCK_SUFFIX)


def _os_lock(fd: int) -> bool | None:
    """Take the OS lock on `fd` without waiting: True taken, False held by another, None unsupported."""
    try:
        if sys.platform == "win32":
            import msvcrt

            os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as exc:
        if exc.errno in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES, errno.EDEADLK):
            return False
        return None
    return True


def _pid_running(pid: int) -> bool:
    if pid <= 0:
        return False
    if sys.platform == "win32":
        import ctypes

        handle = ctypes.windll.kernel32.OpenProcess(0x1000, False, pid)  # type: ignore[attr-defined]
        if not handle:
            return False
        code = ctypes.c_ulong()
        ctypes.windll.kernel32.GetExitCodeProcess(handle, ctypes.byref(code))  # type: ignore[attr-defined]
        ctypes.windll.kernel32.CloseHandle(handle)  # type: ignore[attr-defined]
        return code.value == 259  # STILL_ACTIVE
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _read_info(fd: int, alive: bool) -> Holder:
    os.lseek(fd, 0, os.SEEK_SET)
    raw = os.read(fd, _INFO_BYTES)
    try:
        info = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        info = None
    if not isinstance(info, dict):
        return Holder("another program", 0, "", "", "", alive)

    def text(key: str) -> str:
        value = info.get(key)
        return value if isinstance(value, str) else ""

    pid = info.get("pid")
    return Holder(
        text("app"), pid if isinstance(pid, int) else 0, text("user"), text("host"), text("since"), alive
    )


def _user() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):
        return ""


class ProjectLock:
    """The lock of one project file, held by this process between `acquire` and `release`."""

    def __init__(self, path: str | os.PathLike[str], app: str = "Liftoff") -> None:
        self.path = lock_path(path)
        self.project = Path(os.path.abspath(path))
        self.app = app
        self._fd: int | None = None

    def acquire(self, *, force: bool = False) -> None:
        """Take the lock, or raise `LockHeld` naming the holder (or `LiftoffError` when the lock
        file cannot be written). A stale lock (its process gone) is taken over; with `force`, so is a
        lock whose holder cannot be checked. Taking a lock this object already holds does nothing."""
        if self._fd is not None:
            return
        for _attempt in range(20):
            try:
                fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o666)
            except OSError as exc:
                raise LiftoffError(
                    f"{safe_text(os.fspath(self.project), 500)}: cannot lock the project "
                    f"({exc.strerror or exc})"
                ) from None
            taken = _os_lock(fd)
            if not taken:
                found = _judge(fd, taken)
                if found is not None and not (force and not found.alive):
                    os.close(fd)
                    raise LockHeld(self.project, found)
            if not self._same_file(fd):
                os.close(fd)  # the holder released (and removed) it meanwhile: try the new file
                continue
            self._write_info(fd)
            self._fd = fd
            return
        raise LiftoffError(f"{safe_text(os.fspath(self.project), 500)}: cannot lock the project (busy)")

    def _same_file(self, fd: int) -> bool:
        try:
            mine, current = os.fstat(fd), os.stat(self.path)
        except OSError:
            return False
        return (mine.st_dev, mine.st_ino) == (current.st_dev, current.st_ino)

    def _write_info(self, fd: int) -> None:
        info = {
            "app": self.app,
            "pid": os.getpid(),
            "user": _user(),
            "host": socket.gethostname(),
            "since": datetime.now().strftime("%Y-%m-%d %H:%M"),
        }
        data = json.dumps(info).encode("utf-8")
        os.lseek(fd, 0, os.SEEK_SET)
        with contextlib.suppress(OSError):
            os.ftruncate(fd, 0)
            os.write(fd, data)

    def release(self) -> None:
        """Give the lock up and remove its file (nothing when not held)."""
        fd, self._fd = self._fd, None
        if fd is None:
            return
        if sys.platform == "win32":  # an open file cannot be removed there: close, then remove
            os.close(fd)
            with contextlib.suppress(OSError):
                os.unlink(self.path)
            return
        if self._same_file(fd):
            with contextlib.suppress(OSError):
                os.unlink(self.path)
        os.close(fd)


def _judge(fd: int, taken: bool | None) -> Holder | None:
    """The holder of a lock this process could not take (`taken` False), or of one on a file system
    without OS locks (`taken` None), judged by its process id; None when it is stale or empty."""
    found = _read_info(fd, alive=taken is False)
    if taken is False:
        return found
    if not found.pid:
        return None  # an empty or unreadable note on a file system without locks: nobody holds it
    if found.host != socket.gethostname():
        return found  # another machine: cannot be checked from here
    if not _pid_running(found.pid):
        return None
    return Holder(found.app, found.pid, found.user, found.host, found.since, alive=True)


def holder(path: str | os.PathLike[str]) -> Holder | None:
    """Who holds the lock of the project at `path` right now; None when nobody (or only a stale lock)."""
    probe = ProjectLock(path)
    try:
        probe.acquire()
    except LockHeld as exc:
        return exc.holder
    except LiftoffError:
        return None
    probe.release()
    return None


@contextlib.contextmanager
def writing(path: str | os.PathLike[str], *, force: bool = False, app: str = "liftoff") -> Iterator[None]:
    """Hold the project's lock while the body reads and rewrites it (see `ProjectLock.acquire`)."""
    lock = ProjectLock(path, app)
    lock.acquire(force=force)
    try:
        yield
    finally:
        lock.release()
