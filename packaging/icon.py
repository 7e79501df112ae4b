"""The app icon as a PNG, drawn from the one SVG (``templates/desktop/liftoff.svg``) at build time.

Windows and macOS want a bitmap icon for the program (PyInstaller turns the PNG into .ico/.icns with
Pillow); Linux desktops read the SVG itself.
"""

from __future__ import annotations

import os
from pathlib import Path


def render_png(svg: Path, png: Path, size: int) -> str:
    """Draw `svg` into a `size`×`size` PNG with a transparent background; return the PNG's path."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication(["liftoff-icon"])
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise ValueError(f"{svg}: not a valid SVG drawing")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    png.parent.mkdir(parents=True, exist_ok=True)
    if not image.save(str(png)):
        raise OSError(f"{png}: could not write the icon")
    return str(png)
