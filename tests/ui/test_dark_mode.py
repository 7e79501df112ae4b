"""Every view is legible on a dark palette, stays light for printing, and follows a palette switch.

Readability is WCAG 2 contrast, computed here from the sRGB definition (not through `ui.theme`):
relative luminance L = 0.2126 R + 0.7152 G + 0.0722 B over linearised channels, contrast
(L1 + 0.05) / (L2 + 0.05) with L1 the lighter; 4.5 is the bar for normal-size text.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import SIGNAL, QRect, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
    QStyleOptionViewItem,
    QWidget,
)

from planner.model import Decision
from planner.portfolio.store import load
from ui import theme
from ui.background import Latest
from ui.document import Document
from ui.main_window import demo_path
from ui.models.pilots import COL
from ui.models.ratings import RatingsModel
from ui.views.graphs.dependency_map import DependencyMap, NodeItem
from ui.views.graphs.stakeholder_map import StakeholderMap
from ui.views.image_export import export_scene
from ui.views.plans.gantt import Gantt
from ui.views.plans.training_calendar import TrainingCalendar
from ui.views.triage.pilot_editor import PilotEditor
from ui.views.triage.portfolio_table import PortfolioTable
from ui.views.triage.stage_board import StageBoard
from ui.views.triage.triage_matrix import TriageMatrix


def luminance(colour: QColor) -> float:
    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * linear(colour.redF()) + 0.7152 * linear(colour.greenF()) + 0.0722 * linear(colour.blueF())


def contrast(a: QColor, b: QColor) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def over(colour: QColor, background: QColor) -> QColor:
    """`colour` painted with its alpha over an opaque `background` (plain sRGB blending, as QPainter does)."""
    a = colour.alphaF()
    return QColor.fromRgbF(
        *(c * a + b * (1 - a) for c, b in zip(colour.getRgbF()[:3], background.getRgbF()[:3], strict=True))
    )


def test_the_contrast_formula_matches_published_values() -> None:
    assert contrast(QColor("#000000"), QColor("#ffffff")) == pytest.approx(21.0)
    assert contrast(QColor("#777777"), QColor("#ffffff")) == pytest.approx(4.48, abs=0.01)  # WebAIM's classic


def apply(palette: QPalette) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    app.setPalette(palette)
    app.processEvents()  # widgets hear of an application palette change through posted events


@pytest.fixture
def palettes(qapp: QApplication) -> Iterator[None]:
    saved = qapp.palette()
    yield
    apply(saved)


@pytest.fixture
def dark(palettes: None) -> QPalette:
    palette = theme.dark_palette()
    apply(palette)
    return palette


@pytest.fixture
def light(palettes: None, qapp: QApplication) -> QPalette:
    palette = qapp.style().standardPalette()
    assert not theme.is_dark(palette)
    apply(palette)
    return palette


@pytest.fixture
def demo() -> Document:
    return Document(load(demo_path()))


def texts(scene: QGraphicsScene) -> list[QGraphicsSimpleTextItem]:
    return [i for i in scene.items() if isinstance(i, QGraphicsSimpleTextItem) and i.text().strip()]


def background(scene: QGraphicsScene) -> QColor:
    return scene.backgroundBrush().color()


# --- tables ---------------------------------------------------------------------------------------------
def paint_badge(table: PortfolioTable, row: int) -> QImage:
    index = table.model.index(row, COL["decision"])
    image = QImage(160, 26, QImage.Format.Format_RGB32)
    image.fill(table.view.palette().color(QPalette.ColorRole.Base))
    option = QStyleOptionViewItem()
    option.rect = QRect(0, 0, 160, 26)
    option.palette = table.view.palette()
    painter = QPainter(image)
    table.view.itemDelegateForColumn(COL["decision"]).paint(painter, option, index)
    painter.end()
    return image


def badge_readability(image: QImage) -> tuple[QColor, float]:
    """The badge's fill (sampled left of the centred label) and the best contrast a label pixel reaches."""
    fill = image.pixelColor(12, 13)
    best = max(contrast(fill, image.pixelColor(x, y)) for x in range(30, 130) for y in range(6, 20))
    return fill, best


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_decision_badges_in_the_table_are_readable(
    mode: str, request: Any, demo: Document, qtbot: Any
) -> None:
    request.getfixturevalue(mode)
    table = PortfolioTable(demo)
    qtbot.addWidget(table)
    rows = {}
    for row, pilot in enumerate(demo.portfolio.pilots):
        rows.setdefault(demo.scores().pilots[pilot.id].decision, row)
    assert set(rows) == set(Decision)  # the demo shows every decision
    for decision, row in rows.items():
        fill, best = badge_readability(paint_badge(table, row))
        assert best >= 4.5, (decision, fill.name(), best)
        canvas = table.view.palette().color(QPalette.ColorRole.Base)
        assert fill != canvas


def test_dark_badges_keep_the_hue_of_the_light_ones(demo: Document, qtbot: Any, palettes: None) -> None:
    """A decision is recognised by its hue: the dark badge is the same colour family, only deeper."""
    table = PortfolioTable(demo)
    qtbot.addWidget(table)
    model = table.model
    rows: dict[Decision, int] = {}
    for row, pilot in enumerate(demo.portfolio.pilots):
        rows.setdefault(demo.scores().pilots[pilot.id].decision, row)

    def fills() -> dict[Decision, QColor]:
        return {
            d: model.data(model.index(r, COL["decision"]), Qt.ItemDataRole.BackgroundRole)
            for d, r in rows.items()
        }

    apply(QApplication.style().standardPalette())
    light = fills()
    apply(theme.dark_palette())
    dark = fills()
    for decision in Decision:
        light_fill, dark_fill = light[decision], dark[decision]
        assert luminance(dark_fill) < luminance(light_fill) / 3, decision
        gap = abs(light_fill.hslHue() - dark_fill.hslHue())
        assert min(gap, 360 - gap) <= 20, (decision, light_fill.name(), dark_fill.name())


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_rating_cells_and_training_cells_keep_their_text_readable(
    mode: str, request: Any, demo: Document, qtbot: Any
) -> None:
    palette: QPalette = request.getfixturevalue(mode)
    text = palette.color(QPalette.ColorRole.Text)
    ratings = RatingsModel(demo)
    rated = 0
    for row in range(ratings.rowCount()):
        for column in range(1, ratings.columnCount()):
            fill = ratings.data(ratings.index(row, column), Qt.ItemDataRole.BackgroundRole)
            if fill is not None:
                rated += 1
                assert contrast(text, fill) >= 4.5, (row, column, fill.name())
    assert rated > 100
    calendar = TrainingCalendar(demo)
    qtbot.addWidget(calendar)
    model = calendar.calendar_model
    cells = [model.index(r, c) for r in range(model.rowCount()) for c in range(model.columnCount())]
    filled = [i for i in cells if i.data(Qt.ItemDataRole.BackgroundRole) is not None]
    assert filled
    for index in filled:
        fill = index.data(Qt.ItemDataRole.BackgroundRole)
        assert contrast(index.data(Qt.ItemDataRole.ForegroundRole), fill) >= 4.5, fill.name()


def test_stage_cards_are_recoloured_when_the_palette_switches(
    demo: Document, qtbot: Any, light: QPalette
) -> None:
    board = StageBoard(demo)
    qtbot.addWidget(board)
    board.show()

    def cards() -> list[tuple[QColor, QColor]]:
        return [
            (c.item(k).background().color(), c.item(k).foreground().color())
            for c in board.columns.values()
            for k in range(c.count())
        ]

    before = cards()
    apply(theme.dark_palette())
    after = cards()
    assert len(after) == len(before) > 0
    for (light_fill, _), (dark_fill, text) in zip(before, after, strict=True):
        assert luminance(dark_fill) < luminance(light_fill)
        assert contrast(dark_fill, text) >= 4.5


def test_toned_labels_follow_a_palette_switch(demo: Document, qtbot: Any, light: QPalette) -> None:
    """The editor's rating anchors are secondary text: readable on the window in either palette."""
    editor = PilotEditor(demo)
    qtbot.addWidget(editor)
    anchor = next(iter(editor.anchor_labels.values()))
    for palette in (light, theme.dark_palette()):
        apply(palette)
        pal = anchor.palette()
        text, window = pal.color(QPalette.ColorRole.WindowText), pal.color(QPalette.ColorRole.Window)
        assert window == palette.color(QPalette.ColorRole.Window)  # only the text colour is the label's own
        assert text != palette.color(QPalette.ColorRole.WindowText)  # muted, not the plain text colour
        assert contrast(text, window) >= 4.5


# --- scenes ---------------------------------------------------------------------------------------------
def test_matrix_background_and_labels_follow_a_palette_switch(
    demo: Document, qtbot: Any, light: QPalette
) -> None:
    view = TriageMatrix(demo)
    qtbot.addWidget(view)
    scene = view.matrix
    assert luminance(background(scene)) > 0.8
    apply(theme.dark_palette())
    assert luminance(background(scene)) < 0.05
    plot = scene.frame.brush().color() if scene.frame else QColor()
    watermarks = set(scene.quadrants)
    readable = [t for t in texts(scene) if t not in watermarks]
    assert len(readable) > 20  # ticks, axis names, pilot names
    for text in readable:
        assert contrast(text.brush().color(), plot) >= 4.5, text.text()
    for quadrant in watermarks:  # quadrant names stay in the background, yet visible
        assert 1.5 <= contrast(over(quadrant.brush().color(), plot), plot) < 4.5
    apply(light)
    assert luminance(background(scene)) > 0.8


def test_matrix_fit_does_not_pile_up_connections(demo: Document, qtbot: Any) -> None:
    view = TriageMatrix(demo)
    qtbot.addWidget(view)
    for _ in range(4):
        view.fit()
    assert view.matrix.receivers(SIGNAL("what_if(QString,QPoint)")) == 1


def test_stakeholder_map_draws_names_readably_on_a_dark_canvas(
    demo: Document, qtbot: Any, light: QPalette
) -> None:
    view = StakeholderMap(demo)
    qtbot.addWidget(view)
    scene = view.scene
    light_canvas = background(scene)
    apply(theme.dark_palette())
    canvas = background(scene)
    assert luminance(canvas) < 0.05 < luminance(light_canvas)
    everyone = len(demo.portfolio.stakeholders)
    for mode in ("grid", "network"):
        scene.set_mode(mode)
        qtbot.waitUntil(
            lambda: len(scene.people) == everyone, timeout=20_000
        )  # a fresh layout runs in a worker
        names = [p.label for p in scene.people.values()]
        for name in names:
            assert contrast(name.brush().color(), canvas) >= 4.5, name.text()


def test_dependency_map_boxes_and_headers_are_readable_on_a_dark_canvas(
    demo: Document, qtbot: Any, dark: QPalette
) -> None:
    view = DependencyMap(demo)
    qtbot.addWidget(view)
    scene = view.scene
    canvas = background(scene)
    assert luminance(canvas) < 0.05
    nodes = [i for i in scene.items() if isinstance(i, NodeItem)]
    assert {n.kind for n in nodes} == {"pilot", "enabler"}
    for node in nodes:
        fill = node.brush().color()
        for text in (node.label, node.detail):
            assert contrast(text.brush().color(), fill) >= 4.5, node.item_id
    headers = [t for t in texts(scene) if t.text().startswith("Wave ")]
    assert headers
    for header in headers:
        assert contrast(header.brush().color(), canvas) >= 4.5


def test_gantt_rows_are_readable_and_follow_a_palette_switch(
    demo: Document, qtbot: Any, light: QPalette
) -> None:
    view = Gantt(demo)
    qtbot.addWidget(view)
    scene = view.scene
    apply(theme.dark_palette())
    canvas = background(scene)
    assert luminance(canvas) < 0.05
    rows = [t for t in texts(scene) if t.text()[:1].isdigit() and ". " in t.text()]
    assert len(rows) >= 3
    for row in rows:
        assert contrast(row.brush().color(), canvas) >= 4.5, row.text()
    apply(light)
    assert luminance(background(scene)) > 0.8
    for row in [t for t in texts(scene) if t.text()[:1].isdigit() and ". " in t.text()]:
        assert contrast(row.brush().color(), background(scene)) >= 4.5, row.text()


def test_exported_maps_are_light_even_in_dark_mode(
    demo: Document, qtbot: Any, dark: QPalette, tmp_path: Path
) -> None:
    view = DependencyMap(demo)
    qtbot.addWidget(view)
    scene = view.scene
    path = export_scene(scene, tmp_path / "map.png")
    image = QImage(str(path))
    corner = image.pixelColor(2, 2)
    assert luminance(corner) > 0.95  # paper white
    inks = [image.pixelColor(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)]
    assert min(luminance(c) for c in inks) < 0.05  # and black ink
    assert luminance(background(scene)) < 0.05  # the screen is dark again after the export


def test_screenshots_render_every_view_in_dark(tmp_path: Path, palettes: None) -> None:
    from ui.screenshots import main

    assert main([str(tmp_path), "--dark"]) == 0
    shots = sorted(tmp_path.glob("*.png"))
    assert len(shots) >= 12
    image = QImage(str(tmp_path / "triage-matrix.png"))
    assert luminance(image.pixelColor(image.width() // 2, image.height() - 40)) < 0.1


def test_presentation_palette_keeps_scene_labels_black_on_white(
    demo: Document, qtbot: Any, palettes: None
) -> None:
    apply(theme.presentation_palette())
    view = TriageMatrix(demo)
    qtbot.addWidget(view)
    scene = view.matrix
    assert background(scene) == QColor("#ffffff")
    names = [t for t in texts(scene) if t not in set(scene.quadrants)]
    assert names
    for name in names:
        assert contrast(name.brush().color(), QColor("#ffffff")) >= 4.5


def test_every_widget_of_the_window_follows_a_switch_to_dark(make_window: Any, light: QPalette) -> None:
    """Style sheets cut a widget off from palette changes: no widget may keep the light window colour."""
    win = make_window()
    win.open_path(demo_path(), as_template=True)
    win.show()
    lazy = (win.ratings, win.matrix, win.board, win.snapshots, win.stakeholders, win.dependencies)
    for tab in (*lazy, win.gantt, win.training, win.funding):
        win.tabs.setCurrentWidget(tab)
        tab.ensure()
    assert Latest.wait()  # the frontier and layouts: done before the window goes
    apply(theme.dark_palette())
    window_colour = theme.dark_palette().color(QPalette.ColorRole.Window)
    banner = win.dependencies.view.banner  # a warning: its own background, checked below
    widgets = [w for w in win.findChildren(QWidget) if w is not banner]
    assert len(widgets) > 300
    active = QPalette.ColorGroup.Active  # disabled text may be dimmer (WCAG exempts inactive controls)

    def readable(w: QWidget) -> bool:
        bar = 3.0 if w.property("tone") == "faint" else 4.5  # "…" while a value is recomputed
        return contrast(w.palette().color(active, QPalette.ColorRole.WindowText), window_colour) >= bar

    stale = [
        f"{type(w).__name__}: {getattr(w, 'text', str)()}"
        for w in widgets
        if w.palette().color(active, QPalette.ColorRole.Window) != window_colour or not readable(w)
    ]
    assert stale == []
    banner_colours = banner.palette()
    assert (
        contrast(
            banner_colours.color(QPalette.ColorRole.WindowText),
            banner_colours.color(QPalette.ColorRole.Window),
        )
        >= 4.5
    )


def test_snapshot_decision_cells_are_readable_after_a_switch(
    demo: Document, qtbot: Any, light: QPalette
) -> None:
    from ui.views.triage.snapshots_view import DECISION_COLUMN, SnapshotsView

    view = SnapshotsView(demo)
    qtbot.addWidget(view)
    view.show()
    apply(theme.dark_palette())
    table = view.table
    cells = [table.item(r, DECISION_COLUMN) for r in range(table.rowCount())]
    coloured = [
        item for item in cells if item is not None and item.background().style() != Qt.BrushStyle.NoBrush
    ]
    assert len(coloured) >= 3  # the demo's committee snapshot has decision changes
    for item in coloured:
        fill, text = item.background().color(), item.foreground().color()
        assert luminance(fill) < 0.2  # the deep badge colours (the pale light ones are above 0.4)
        assert contrast(fill, text) >= 4.5, item.text()


def test_leaving_presentation_mode_follows_the_system_palette_again(
    qapp: QApplication, palettes: None
) -> None:
    font = qapp.font()
    apply(QPalette())  # the system's palette, as at start-up: nothing set on purpose
    system = qapp.palette()
    assert system.resolveMask() == 0
    theme.set_presentation(qapp, True, font, system)
    assert qapp.palette().color(QPalette.ColorRole.Base) == QColor("#ffffff")
    theme.set_presentation(qapp, False, font, system)
    assert qapp.palette().resolveMask() == 0  # so a later light/dark switch of the system still applies
    assert qapp.palette().color(QPalette.ColorRole.Window) == system.color(QPalette.ColorRole.Window)
    chosen = theme.dark_palette()  # a palette set on purpose comes back as it was
    apply(chosen)
    theme.set_presentation(qapp, True, font, qapp.palette())
    theme.set_presentation(qapp, False, font, chosen)
    assert qapp.palette().color(QPalette.ColorRole.Window) == chosen.color(QPalette.ColorRole.Window)
    assert qapp.font() == font


def test_ahp_verdict_is_readable_in_dark(demo: Document, qtbot: Any, dark: QPalette) -> None:
    """An inconsistent set of answers is flagged in the "bad" colour, readable on the dark window."""
    from ui.dialogs.ahp_dialog import AhpDialog

    dialog = AhpDialog(demo)
    qtbot.addWidget(dialog)
    (a, b), (_, c) = list(dialog.combos)[:2]
    dialog.set_answer(a, b, 9.0)  # a far above b, b far above c, yet c far above a
    dialog.set_answer(b, c, 9.0)
    dialog.set_answer(a, c, 1 / 9)
    bad = theme.scheme().bad
    assert f"color:{bad}" in dialog.summary.text()
    assert contrast(QColor(bad), dark.color(QPalette.ColorRole.Window)) >= 4.5


def test_frontier_line_stands_out_on_a_dark_window(demo: Document, qtbot: Any, dark: QPalette) -> None:
    from ui.views.funding.funding_panel import FundingPanel

    panel = FundingPanel(demo)
    qtbot.addWidget(panel)
    panel.show()
    assert panel.wait_for_frontier()
    qtbot.waitUntil(lambda: bool(panel.chart.points), timeout=5000)
    panel.chart.resize(400, 300)
    image = panel.chart.grab().toImage()
    window = dark.color(QPalette.ColorRole.Window)
    line = QColor(theme.scheme().link)
    drawn = [image.pixelColor(x, y) for x in range(0, image.width(), 2) for y in range(0, image.height(), 2)]
    assert line in drawn  # the step line and its points are drawn in the link colour
    assert contrast(line, window) >= 3.0  # WCAG's bar for graphics
