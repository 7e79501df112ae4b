"""Render each main view of the demo portfolio to PNG, offscreen: ``python -m ui.screenshots OUTDIR``.

Used for the README and to review the look of the app without a display. ``--dark`` renders every
view with a dark Fusion palette, to review the dark look on a machine in light mode.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path


def render(outdir: Path, dark: bool = False) -> list[Path]:
    """Write one PNG per view into `outdir` (in the dark palette if `dark`); returns the files written."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from ui import theme
    from ui.app import make_app
    from ui.main_window import MainWindow, demo_path

    app = make_app()
    if dark:
        app.setStyle("Fusion")
        app.setPalette(theme.dark_palette())
    outdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        settings = QSettings(str(Path(tmp) / "settings.ini"), QSettings.Format.IniFormat)
        window = MainWindow(Path(tmp) / "recovery", settings)
        window.open_path(demo_path(), as_template=True)
        window.resize(1760, 1000)
        window.show()
        doc = window.doc
        scores = doc.scores()
        stuck = [pid for pid in scores.ranking if doc.explain(pid).failure_modes]
        if stuck or scores.ranking:
            doc.select([(stuck or list(scores.ranking))[0]])  # a pilot with a diagnosis to show
        written: list[Path] = []

        def shot(name: str) -> None:
            for _ in range(3):
                app.processEvents()
            path = outdir / f"{name}.png"
            window.grab().save(str(path))
            written.append(path)

        window.weights.sensitivity.refresh()
        shot("workspace")
        window.tabs.setCurrentWidget(window.ratings)
        shot("ratings")
        window.tabs.setCurrentWidget(window.matrix)
        window.matrix.ensure().fit()
        shot("triage-matrix")
        window.tabs.setCurrentWidget(window.board)
        shot("stage-board")
        window.tabs.setCurrentWidget(window.snapshots)
        shot("snapshots")
        for tab, name in (
            (window.stakeholders, "stakeholder-map"),
            (window.dependencies, "dependency-map"),
            (window.gantt, "rollout-gantt"),
            (window.training, "training"),
            (window.funding, "funding"),
        ):
            window.tabs.setCurrentWidget(tab)
            view = tab.ensure()
            for _ in range(3):
                app.processEvents()
            if hasattr(view, "fit"):
                view.fit()
            if hasattr(view, "wait_for_frontier"):
                view.wait_for_frontier()
            shot(name)
        window.tabs.setCurrentWidget(window.table)
        for index, name in ((1, "editor-ratings"), (4, "editor-diagnosis"), (3, "editor-finance")):
            window.editor.setCurrentIndex(index)
            shot(name)
        window.guard.close()
        window.hide()
        QApplication.processEvents()
    return written


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    dark = "--dark" in args
    folders = [a for a in args if a != "--dark"]
    if len(folders) != 1:
        print("usage: python -m ui.screenshots OUTDIR [--dark]", file=sys.stderr)
        return 2
    for path in render(Path(folders[0]), dark):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
