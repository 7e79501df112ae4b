"""`liftoff install-desktop` in a temporary home (XDG_DATA_HOME set): the menu entry, icon and file
type are read back by the tools a Linux desktop uses (desktop-file-validate, GLib's gio,
update-mime-database), which must agree that *.liftoff files open in Liftoff.

Without those tools these tests fail, unless LIFTOFF_NO_DESKTOP_TOOLS=1 says they are absent on
purpose (the bootstrap installs them on a Debian-like machine run as root, as in CI).
"""

import configparser
import os
import shutil
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from planner.cli import desktop as cli_desktop
from planner.cli import main

TOOLS = ("desktop-file-validate", "gio", "update-mime-database")


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A home of its own: HOME, XDG_DATA_HOME and XDG_CONFIG_HOME all inside `tmp_path`."""
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if missing:
        if os.environ.get("LIFTOFF_NO_DESKTOP_TOOLS") == "1":
            pytest.skip(f"{', '.join(missing)} absent and LIFTOFF_NO_DESKTOP_TOOLS=1")
        pytest.fail(
            f"{', '.join(missing)} not found: install desktop-file-utils, libglib2.0-bin and "
            "shared-mime-info, or set LIFTOFF_NO_DESKTOP_TOOLS=1 to skip these tests"
        )
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    return tmp_path


def gio(*args: str) -> str:
    return subprocess.run(["gio", *args], capture_output=True, text=True, timeout=60, check=True).stdout


def entry(data: Path) -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(data / "applications" / "liftoff.desktop", encoding="utf-8")
    return parser["Desktop Entry"]


def test_install_then_uninstall_through_the_command(home: Path, capsys: pytest.CaptureFixture) -> None:
    data = home / "data"
    bystander = data / "applications" / "viewer.desktop"  # another program's entry: left alone
    bystander.parent.mkdir(parents=True)
    bystander.write_text(
        "[Desktop Entry]\nType=Application\nName=Viewer\nExec=true %f\nMimeType=application/json;\n"
    )
    (home / "config").mkdir()
    (home / "config" / "mimeapps.list").write_text(
        "[Default Applications]\napplication/json=viewer.desktop;\n"
    )

    assert main(["install-desktop"]) == 0
    said = capsys.readouterr().out
    assert f"wrote {data / 'applications' / 'liftoff.desktop'}" in said
    subprocess.run(["desktop-file-validate", str(data / "applications" / "liftoff.desktop")], check=True)
    assert entry(data)["MimeType"] == "application/x-liftoff;"
    exec_ = entry(data)["Exec"]  # runs the liftoff beside this Python (the .venv's), with the file
    assert exec_.endswith(" %f") and str(Path(sys.executable).with_name("liftoff")) in exec_
    for svg in (data / "icons" / "hicolor" / "scalable").glob("*/*.svg"):
        assert ET.parse(svg).getroot().tag == "{http://www.w3.org/2000/svg}svg"

    project = home / "my project.liftoff"
    project.write_text("{}")
    assert "standard::content-type: application/x-liftoff" in gio(
        "info", "-a", "standard::content-type", str(project)
    )
    # the desktop's own answer to "what opens it on a double-click", though JSON has another default
    assert "Default application for “application/x-liftoff”: liftoff.desktop" in gio(
        "mime", "application/x-liftoff"
    )

    assert main(["install-desktop", "--uninstall"]) == 0
    assert len([line for line in capsys.readouterr().out.splitlines() if line.startswith("removed ")]) == 4
    assert not (data / "applications" / "liftoff.desktop").exists()
    assert (
        not list((data / "icons").rglob("*.svg"))
        and not (data / "mime" / "packages" / "liftoff.xml").exists()
    )
    assert bystander.is_file()
    assert "application/x-liftoff" not in gio("info", "-a", "standard::content-type", str(project))
    assert main(["install-desktop", "--uninstall"]) == 0
    assert "nothing to remove" in capsys.readouterr().out


def test_the_entry_starts_a_program_whose_path_needs_quoting(home: Path) -> None:
    """GLib, reading the Exec line as a desktop does, runs the program with the file as one argument."""
    folder = home / 'odd folder $HOME `x` "q" \\b\'s'
    folder.mkdir()
    record = home / "argv.txt"
    program = folder / "run liftoff"
    program.write_text(f'#!/bin/sh\nfor a in "$@"; do printf "%s\\n" "$a"; done > "{record}"\n')
    program.chmod(0o755)
    cli_desktop.install([str(program)], home / "data")
    subprocess.run(
        ["desktop-file-validate", str(home / "data" / "applications" / "liftoff.desktop")], check=True
    )
    project = home / "a b.liftoff"
    project.write_text("{}")
    gio("launch", str(home / "data" / "applications" / "liftoff.desktop"), str(project))
    deadline = time.monotonic() + 30
    while not record.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.2)
    assert record.read_text().splitlines() == [str(project)]


def test_exec_line_escapes_by_the_spec() -> None:
    assert cli_desktop.exec_line(["/opt/liftoff/liftoff"]) == "/opt/liftoff/liftoff %f"
    assert cli_desktop.exec_line(["/a b/liftoff", "-m"]) == '"/a b/liftoff" -m %f'
    assert cli_desktop.exec_line(["/x/100%/liftoff"]) == "/x/100%%/liftoff %f"
    # quoted: \ becomes \\ inside the quotes, then each \ is doubled again as a string value
    assert cli_desktop.exec_line(['/p "q" \\']) == '"/p \\\\"q\\\\" \\\\\\\\" %f'


def test_a_relative_or_empty_xdg_data_home_means_the_default() -> None:
    assert cli_desktop.data_home({"HOME": "/home/ana", "XDG_DATA_HOME": "rel/dir"}) == Path(
        "/home/ana/.local/share"
    )
    assert cli_desktop.data_home({"HOME": "/home/ana", "XDG_DATA_HOME": ""}) == Path("/home/ana/.local/share")
    assert cli_desktop.data_home({"HOME": "/home/ana", "XDG_DATA_HOME": "/srv/d"}) == Path("/srv/d")


def test_other_systems_are_told_what_to_use(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    monkeypatch.setattr(sys, "platform", "win32")
    assert main(["install-desktop"]) == 1
    err = capsys.readouterr().err
    assert (
        err.startswith("liftoff install-desktop: ") and "liftoffw.exe" in err and len(err.splitlines()) == 1
    )


def test_a_line_break_in_the_program_path_is_refused() -> None:
    with pytest.raises(cli_desktop.LiftoffError, match="line break"):
        cli_desktop.desktop_entry(["/tmp/a\nb/liftoff"])
