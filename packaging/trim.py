"""Which of Qt's files the bundle leaves out: the parts of PySide6-Essentials Liftoff never loads.

The app draws with QtWidgets, QtGui and QtSvg on a desktop (X11, Wayland, Windows, macOS) and
offscreen for tests. It loads no Qt translations, talks to no network, and reads no image formats but
PNG (built in), JPEG, SVG and ICO. Embedded-device platforms, compositor-side Wayland plugins and the
GTK theme (which would pull a second copy of GTK's libraries into the bundle) go too.
"""

from __future__ import annotations

from pathlib import PurePath

DROPPED_PLUGIN_TYPES = {
    "egldeviceintegrations",
    "generic",
    "networkinformation",
    "tls",
    "qmltooling",
    "sqldrivers",
    "multimedia",
    "position",
    "printsupport",
}
DROPPED_PLUGINS = {
    "platforms": {"qeglfs", "qlinuxfb", "qminimal", "qminimalegl", "qvkkhrdisplay", "qvnc", "qdirect2d"},
    "platformthemes": {"qgtk3"},
    "imageformats": {"qgif", "qicns", "qtga", "qtiff", "qwbmp", "qwebp", "qpdf"},
    "wayland-shell-integration": {"fullscreen-shell-v1", "ivi-shell", "qt-shell", "wl-shell-plugin"},
    "wayland-graphics-integration-client": {
        "dmabuf-server",
        "drm-egl-server",
        "shm-emulation-server",
        "vulkan-server",
    },
}


def kept(destination: str) -> bool:
    """Whether a file the analysis collected (its path inside the bundle) stays in it."""
    parts = PurePath(destination.replace("\\", "/")).parts
    if "PySide6" not in parts:
        return True
    if "translations" in parts:
        return False
    if "plugins" in parts:
        kind, *name = parts[parts.index("plugins") + 1 :]
        if kind in DROPPED_PLUGIN_TYPES:
            return False
        if name:
            stem = name[-1].split(".")[0].removeprefix("lib")
            return stem not in DROPPED_PLUGINS.get(kind, set())
    return True
