"""``liftoff install-desktop``: Liftoff in a Linux desktop's menus, and *.liftoff files open in it.

Everything goes into the user's own folders (the XDG base directories), so no root is needed:

    $XDG_DATA_HOME/applications/liftoff.desktop                      the menu entry, which runs this liftoff
    $XDG_DATA_HOME/icons/hicolor/scalable/apps/liftoff.svg           its icon
    $XDG_DATA_HOME/icons/hicolor/scalable/mimetypes/application-x-liftoff.svg
    $XDG_DATA_HOME/mime/packages/liftoff.xml                         *.liftoff is application/x-liftoff

(``XDG_DATA_HOME`` defaults to ``~/.local/share``.) The entry is the one program for that file type,
so a double-click opens Liftoff, even where the user picked another program for JSON, which the type
is a kind of; a program the user picks for *.liftoff itself stays theirs. ``--uninstall`` removes the
four files and nothing else.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from planner.errors import LiftoffError

APP_ID = "liftoff"
MIME_TYPE = "application/x-liftoff"
DESKTOP_FILE = f"{APP_ID}.desktop"
_EXEC_RESERVED = set(" \t\n\"'\\><~|&;$*?#()`")


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "install-desktop",
        group="setup",
        help="add Liftoff to this Linux desktop's menus and open *.liftoff files with it",
        description="Install, for this user only, a menu entry for Liftoff, its icon, and the "
        "*.liftoff file type opened by Liftoff on a double-click (freedesktop.org: under "
        "XDG_DATA_HOME, default ~/.local/share). The entry runs this copy of liftoff; run the command "
        "again after moving it.",
    )
    parser.add_argument(
        "--uninstall", action="store_true", help="remove the menu entry, icon and file type again"
    )
    parser.set_defaults(handler=_install_desktop)


def data_home(env: Mapping[str, str] = os.environ) -> Path:
    """``$XDG_DATA_HOME``, or ``~/.local/share`` when it is unset, empty or relative (as the spec says)."""
    value = env.get("XDG_DATA_HOME", "")
    if value and Path(value).is_absolute():
        return Path(value)
    return Path(env.get("HOME") or Path.home()) / ".local" / "share"


def installed_files(data: Path) -> dict[str, Path]:
    icons = data / "icons" / "hicolor" / "scalable"
    return {
        "entry": data / "applications" / DESKTOP_FILE,
        "icon": icons / "apps" / f"{APP_ID}.svg",
        "type icon": icons / "mimetypes" / f"{MIME_TYPE.replace('/', '-')}.svg",
        "file type": data / "mime" / "packages" / f"{APP_ID}.xml",
    }


def program() -> list[str]:
    """The command that starts this Liftoff: the bundle's program, else the `liftoff` script beside
    this Python (a virtual environment or a pip install), else this Python running the app."""
    if getattr(sys, "frozen", False):
        return [sys.executable]
    script = Path(sys.executable).with_name("liftoff")
    if script.is_file():
        return [str(script)]
    return [sys.executable, "-m", "ui"]


def exec_line(command: Sequence[str]) -> str:
    """The desktop entry's ``Exec`` value for `command` followed by the file to open (``%f``).

    Arguments with reserved characters are double-quoted with ``"`` ``\\`` ``$`` and `` ` ``
    escaped, ``%`` is doubled, and backslashes are escaped once more because Exec is a string value
    (Desktop Entry Specification 1.4, "The Exec key").
    """
    quoted = []
    for arg in command:
        arg = arg.replace("%", "%%")
        if _EXEC_RESERVED & set(arg):
            arg = '"' + "".join("\\" + c if c in '"`$\\' else c for c in arg) + '"'
        quoted.append(arg)
    return " ".join(quoted).replace("\\", "\\\\") + " %f"


def desktop_entry(command: Sequence[str]) -> str:
    if any(c in "".join(command) for c in "\n\r"):
        raise LiftoffError(f"{' '.join(command)!r}: a desktop entry cannot run a path with a line break")
    return "\n".join(
        [
            "[Desktop Entry]",
            "Type=Application",
            "Version=1.4",
            "Name=Liftoff",
            "GenericName=AI pilot portfolio triage",
            "Comment=Triage stuck AI pilots, plan their rollout and brief the steering committee",
            f"Exec={exec_line(command)}",
            f"Icon={APP_ID}",
            "Terminal=false",
            "Categories=Office;ProjectManagement;",
            f"MimeType={MIME_TYPE};",
            "Keywords=AI;pilot;portfolio;triage;rollout;training;steering committee;",
            "StartupNotify=true",
            "StartupWMClass=Liftoff",  # X11: the window's class is the app's name
            "",
        ]
    )


def install(command: Sequence[str], data: Path) -> list[Path]:
    """Write the menu entry running `command`, the icons and the file type; return what was written."""
    from planner.resources import templates_dir

    source = templates_dir() / "desktop"
    files = installed_files(data)
    entry = desktop_entry(command)
    for path in files.values():
        path.parent.mkdir(parents=True, exist_ok=True)
    files["entry"].write_text(entry, encoding="utf-8")
    for key in ("icon", "type icon"):
        shutil.copyfile(source / "liftoff.svg", files[key])
    shutil.copyfile(source / "liftoff-mime.xml", files["file type"])
    return list(files.values())


def uninstall(data: Path) -> list[Path]:
    """Remove what `install` wrote; return what was there."""
    removed = []
    for path in installed_files(data).values():
        if path.is_file():
            path.unlink()
            removed.append(path)
    return removed


def refresh_caches(data: Path) -> list[str]:
    """Rebuild the user's MIME and desktop caches where the tools exist; return the missing tools."""
    missing = []
    for tool, folder in (
        ("update-mime-database", data / "mime"),
        ("update-desktop-database", data / "applications"),
    ):
        found = shutil.which(tool)
        if found is None:
            missing.append(tool)
        elif folder.is_dir():
            subprocess.run([found, str(folder)], check=False, capture_output=True, timeout=120)
    return missing


def _install_desktop(args: Any) -> int:
    if not sys.platform.startswith("linux"):
        raise LiftoffError(
            "this sets up Linux desktops (freedesktop.org); on Windows and macOS use the bundle's "
            "own program (liftoffw.exe, Liftoff.app)"
        )
    data = data_home()
    if args.uninstall:
        removed = uninstall(data)
        refresh_caches(data)
        print(
            "\n".join(f"removed {path}" for path in removed) or "nothing to remove: Liftoff was not installed"
        )
        return 0
    command = program()
    for path in install(command, data):
        print(f"wrote {path}")
    missing = refresh_caches(data)
    print(f"Liftoff is in the desktop's menus and opens *.liftoff files; it runs {' '.join(command)}")
    if missing:
        print(f"note: {' and '.join(missing)} not found: the file type may need a new login to take effect")
    return 0
