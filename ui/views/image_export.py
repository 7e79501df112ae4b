"""Export a graphics scene (a map, a chart, the Gantt) as PNG or SVG, the way it is drawn on screen.

Images are for slides and paper, so they are always drawn light (black on white), even when the
screen is in dark mode: the scene is redrawn in the print palette for the export and back after.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPalette
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QFileDialog, QGraphicsScene, QWidget

from planner.errors import LiftoffError
from ui.theme import print_palette

PNG_SCALE = 2.0  # pixels per scene unit: crisp on slides and high-DPI screens


def export_scene(scene: QGraphicsScene, path: Path, title: str = "Liftoff") -> Path:
    """Write `scene` to `path` as SVG or PNG (by the suffix), black on white; errors name the file."""
    if path.suffix.lower() not in (".png", ".svg"):
        raise LiftoffError(f"{path.name}: export as .png or .svg")
    scene.setPalette(print_palette())
    try:
        return _render(scene, path, title)
    finally:
        scene.setPalette(QPalette())  # follow the application's palette again


def _render(scene: QGraphicsScene, path: Path, title: str) -> Path:
    rect = scene.itemsBoundingRect().adjusted(-20, -20, 20, 20)
    suffix = path.suffix.lower()
    if suffix == ".svg":
        generator = QSvgGenerator()
        generator.setFileName(str(path))
        generator.setSize(QSize(int(rect.width()), int(rect.height())))
        generator.setViewBox(QRectF(0, 0, rect.width(), rect.height()))
        generator.setTitle(title)
        painter = QPainter(generator)
        scene.render(painter, QRectF(0, 0, rect.width(), rect.height()), rect)
        painter.end()
        if not path.exists():
            raise LiftoffError(f"{path}: could not write the SVG file")
        return path
    size = QSize(max(1, int(rect.width() * PNG_SCALE)), max(1, int(rect.height() * PNG_SCALE)))
    image = QImage(size, QImage.Format.Format_ARGB32)
    image.fill(QColor(Qt.GlobalColor.white))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    scene.render(painter, QRectF(0, 0, size.width(), size.height()), rect)
    painter.end()
    if not image.save(str(path), "PNG"):
        raise LiftoffError(f"{path}: could not write the PNG file (is the folder writable?)")
    return path


def ask_and_export(parent: QWidget, scene: QGraphicsScene, default_name: str) -> Path | None:
    """Ask where to save, export, and return the path (None when the user cancels)."""
    name, _ = QFileDialog.getSaveFileName(
        parent, "Export image", default_name, "PNG image (*.png);;SVG drawing (*.svg)"
    )
    if not name:
        return None
    path = Path(name)
    if path.suffix.lower() not in (".png", ".svg"):
        path = path.with_suffix(".png")
    return export_scene(scene, path)
