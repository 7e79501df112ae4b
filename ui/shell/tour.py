"""A short guided first run: five steps over the open portfolio, shown once on the first start.

The panel floats at the bottom right of the views and never blocks it. Closing it (or finishing it)
records `DONE_KEY` in the settings, and a start never shows it again; Help → Guided tour shows it on
demand. Each step's words are written from the open document (its pilots, its decisions), so the tour
says what the user actually sees.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

MainWindow = Any  # ui.main_window.MainWindow, which sits on the floor above and imports this module

DONE_KEY = "help/tour_done"


@dataclass(frozen=True)
class Step:
    title: str
    text: Callable[[MainWindow], str]
    show: Callable[[MainWindow], None]


def _tally(w: MainWindow) -> str:
    from ui.theme import DECISION_LABELS

    tally = w.doc.scores().tally
    return ", ".join(f"{label} {tally.get(d, 0)}" for d, label in DECISION_LABELS.items())


def _stuck_pilot(w: MainWindow) -> str | None:
    """The best-ranked pilot with a diagnosis to show (else the best-ranked one)."""
    ranking = w.doc.scores().ranking
    return next((p for p in ranking if w.doc.explain(p).failure_modes), ranking[0] if ranking else None)


def _select_stuck(w: MainWindow) -> None:
    w.tabs.setCurrentWidget(w.table)
    pilot = _stuck_pilot(w)
    if pilot is not None:
        w.doc.select([pilot])
    w.open_editor()


def _pilot_name(w: MainWindow) -> str:
    pilot = w.doc.current_pilot()
    return w.doc.portfolio.pilot(pilot).name if pilot else "the selected pilot"


def _show_weights(w: MainWindow) -> None:
    if not w.presenting():
        w.weights_dock.show()
        w.weights_dock.raise_()


STEPS = (
    Step(
        "Your portfolio",
        lambda w: (
            f"{len(w.doc.portfolio.pilots)} pilots, ranked by their composite of value, readiness"
            f" and sponsorship. The Decision column says what to do with each: {_tally(w)}. Nothing is saved"
            " until you choose File → Save as."
        ),
        lambda w: w.tabs.setCurrentWidget(w.table),
    ),
    Step(
        "One pilot in depth",
        lambda w: (
            f"The Pilot panel shows {_pilot_name(w)}: its ratings against written anchors, its"
            " production gates and finances, and under Diagnosis why it is stuck and which remedies lift it"
            " most."
        ),
        _select_stuck,
    ),
    Step(
        "Weights, live",
        lambda w: (
            "Drag a weight in the Weights panel: the ranking and the decisions follow at once. The"
            " range beside a weight says how far it can move before the top five or a decision changes."
            " Ctrl+Z undoes every move."
        ),
        _show_weights,
    ),
    Step(
        "The triage matrix",
        lambda w: (
            "Value across, readiness up; a bubble's size is the money asked to scale it. Arrow keys"
            " move between pilots and Enter opens one."
        ),
        lambda w: w.tabs.setCurrentWidget(w.matrix),
    ),
    Step(
        "In the room",
        lambda w: (
            "F11 switches to presentation mode: large type and high contrast for a projector, with"
            " the pilot editor over the view on F4. Help → Keyboard shortcuts lists every key."
        ),
        lambda w: None,
    ),
)


class Tour(QFrame):
    """The floating guide; `start()` shows step one, Close or Done ends it for good."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window.tabs)  # over the views (a child of the window could end up under them)
        self.window_ = window
        self.step = 0
        self.setFrameShape(QFrame.Shape.Box)
        self.setLineWidth(2)
        self.setAutoFillBackground(True)
        self.setAccessibleName("Guided tour")
        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.body = QLabel()
        self.body.setWordWrap(True)
        self.body.setTextFormat(Qt.TextFormat.PlainText)
        self.count = QLabel()
        self.back = QPushButton("Back")
        self.next = QPushButton("Next")
        self.close_button = QPushButton("Close tour")
        self.close_button.setToolTip("Close the tour; Help → Guided tour shows it again")
        self.back.setToolTip("The previous step")
        self.next.setToolTip("The next step")
        self.back.clicked.connect(lambda: self.go(self.step - 1))
        self.next.clicked.connect(self._next)
        self.close_button.clicked.connect(self.dismiss)
        buttons = QHBoxLayout()
        buttons.addWidget(self.count, 1)
        for button in (self.back, self.next, self.close_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.body)
        layout.addLayout(buttons)
        window.tabs.installEventFilter(self)
        self.hide()

    def start(self) -> None:
        self.go(0)
        self.show()
        self.raise_()
        self.next.setFocus()

    def go(self, step: int) -> None:
        self.step = max(0, min(step, len(STEPS) - 1))
        current = STEPS[self.step]
        current.show(self.window_)
        self.title.setText(current.title)
        self.body.setText(current.text(self.window_))
        self.count.setText(f"Step {self.step + 1} of {len(STEPS)}")
        self.back.setEnabled(self.step > 0)
        self.next.setText("Done" if self.step == len(STEPS) - 1 else "Next")
        self._place()

    def _next(self) -> None:
        if self.step == len(STEPS) - 1:
            self.dismiss()
        else:
            self.go(self.step + 1)

    def dismiss(self) -> None:
        """End the tour and never show it at start again."""
        self.window_.settings.setValue(DONE_KEY, True)
        self.hide()

    def _place(self) -> None:
        """Over the bottom right of the central view (the docks and their tabs stay in sight)."""
        room = self.window_.tabs.rect()
        width = min(460, room.width() - 32)
        height = max(self.layout().heightForWidth(width), self.sizeHint().height())
        self.setGeometry(room.right() - width - 16, room.bottom() - height - 16, width, height)
        self.raise_()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and self.isVisible():
            self._place()
        return False

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange and self.isVisible():
            self._place()  # presentation mode's larger type needs a taller panel


def due(window: MainWindow) -> bool:
    """True when this installation has not yet finished or closed the tour."""
    return window.settings.value(DONE_KEY, False) not in (True, "true")


def start(window: MainWindow) -> None:
    """Show the tour from step one; before the window's panels exist, as soon as they do."""
    if not window.panels_built:
        window.tour_pending = True
        return
    if window.tour is None:
        window.tour = Tour(window)
    window.tour.start()
