"""The bundle's build helpers: which Qt files it leaves out, the icon drawn from the one SVG, and the
first-paint report the bundle's smoke test reads."""

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "packaging"))
import icon  # noqa: E402
import trim  # noqa: E402


@pytest.mark.parametrize(
    "path",
    [
        "PySide6/Qt/plugins/platforms/libqxcb.so",
        "PySide6/Qt/plugins/platforms/libqwayland.so",
        "PySide6/Qt/plugins/platforms/libqoffscreen.so",
        "PySide6/plugins/platforms/qwindows.dll",
        "PySide6/Qt/plugins/platforms/libqcocoa.dylib",
        "PySide6/plugins/styles/qmodernwindowsstyle.dll",
        "PySide6/Qt/plugins/imageformats/libqsvg.so",
        "PySide6/Qt/plugins/platforminputcontexts/libcomposeplatforminputcontextplugin.so",
        "PySide6/Qt/plugins/wayland-shell-integration/libxdg-shell.so",
        "PySide6/Qt/lib/libQt6Widgets.so.6",
        "planner/templates/fonts/DejaVuSans.ttf",
        "numpy.libs/libscipy_openblas64_-32a4b2a6.so",
    ],
)
def test_what_the_app_needs_stays(path: str) -> None:
    assert trim.kept(path)


@pytest.mark.parametrize(
    "path",
    [
        "PySide6/Qt/translations/qtbase_de.qm",
        "PySide6\\translations\\qtbase_fr.qm",
        "PySide6/Qt/plugins/platforms/libqeglfs.so",
        "PySide6/Qt/plugins/platforms/libqvnc.so",
        "PySide6/plugins/platforms/qdirect2d.dll",
        "PySide6/Qt/plugins/platformthemes/libqgtk3.so",
        "PySide6/Qt/plugins/tls/libqopensslbackend.so",
        "PySide6/Qt/plugins/egldeviceintegrations/libqeglfs-kms-integration.so",
        "PySide6/Qt/plugins/imageformats/libqwebp.so",
        "PySide6/plugins/imageformats/qtiff.dll",
        "PySide6/Qt/plugins/wayland-graphics-integration-client/libvulkan-server.so",
    ],
)
def test_what_it_never_loads_goes(path: str) -> None:
    assert not trim.kept(path)


def test_the_icon_is_drawn_from_the_svg(tmp_path: Path, qapp: object) -> None:
    # qapp first: render_png would otherwise make a QGuiApplication, and later widget tests abort
    from PySide6.QtGui import QImage

    png = icon.render_png(ROOT / "templates" / "desktop" / "liftoff.svg", tmp_path / "icon.png", 256)
    image = QImage(png)
    assert (image.width(), image.height()) == (256, 256)
    assert image.pixelColor(2, 2).alpha() == 0  # outside the rounded tile: transparent
    tile = image.pixelColor(40, 128)
    assert tile.alpha() == 255 and tile.blue() > tile.red()  # the blue tile
    with pytest.raises(ValueError, match="not a valid SVG"):
        (tmp_path / "bad.svg").write_text("<svg")
        icon.render_png(tmp_path / "bad.svg", tmp_path / "bad.png", 16)


def test_the_app_reports_its_first_rows_and_builds_every_view(tmp_path: Path) -> None:
    report = tmp_path / "paint.json"
    env = dict(
        os.environ,
        LIFTOFF_FIRST_PAINT_REPORT=str(report),
        LIFTOFF_RECOVERY_DIR=str(tmp_path / "recovery"),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        HOME=str(tmp_path),
        QT_QPA_PLATFORM="offscreen",
    )
    probe = "import sys, ui.launch; sys.exit(ui.launch.main([]))"
    started = time.time()
    run = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, env=env, capture_output=True, timeout=120)
    assert run.returncode == 0, run.stderr.decode()[-2000:]
    painted = json.loads(report.read_text())
    demo = json.loads((ROOT / "templates" / "demo" / "demo.liftoff").read_text())
    assert painted["rows"] == len(demo["pilots"])
    assert painted["views"] >= 8 and painted["view_errors"] == []
    assert painted["frozen"] is False and Path(painted["ui"]) == ROOT / "ui"
    assert started < painted["painted_at"] < started + 120
    assert not (tmp_path / "config" / "Liftoff").exists()  # exited without writing settings


def test_the_window_names_the_desktop_entry_install_desktop_writes(qapp: object) -> None:
    from planner.cli.desktop import DESKTOP_FILE
    from ui.app import make_app

    assert make_app().desktopFileName() + ".desktop" == DESKTOP_FILE
