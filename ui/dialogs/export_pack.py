"""File ▸ Export ▸ Steering-committee pack (PDF)…: ``export_pack(parent, doc) -> Job | None``.

Connect it to a menu action: ``action.triggered.connect(lambda: export_pack(window, window.doc))``.

`PackDialog` gathers the `planner.export.pdf.pack.PackOptions`: sections (the engine's own list), paper,
organisation, logo, accent colour, confidentiality marking, fonts, how many pilot pages, anonymised
stakeholders and the snapshot to compare against. Every option is checked with the engine's
`check_options` (and the fonts with `find_fonts`) before anything else happens: a missing or corrupt
logo or font is shown under its field and the dialog stays open. Then the
user picks the output file and `build_pack` runs in a worker with progress and Cancel (a cancelled
pack writes nothing). Afterwards the pack's findings — sections left out and why, text the fonts could
not draw — are shown with the offer to open the folder.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QColorDialog,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from planner.errors import LiftoffError
from planner.export.pdf import pack as pdf
from planner.export.pdf.doc import load_style
from planner.export.pdf.fonts import find_fonts
from planner.triage.snapshots import taken_order
from ui import worker
from ui.document import Document
from ui.theme import set_tone

TITLE = "Export steering-committee pack"
FILTER = "PDF document (*.pdf)"


class FileField(QWidget):
    """A path box with Browse… and, below, the problem with the chosen file (hidden when none)."""

    def __init__(self, placeholder: str, caption: str, file_filter: str) -> None:
        super().__init__()
        self.path = QLineEdit()
        self.path.setPlaceholderText(placeholder)
        browse = QPushButton("Browse…")
        browse.clicked.connect(lambda: self._browse(caption, file_filter))
        self.error = QLabel()
        self.error.setWordWrap(True)
        set_tone(self.error, "bad")
        self.error.hide()
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        box.addLayout(row)
        box.addWidget(self.error)

    def chosen(self) -> Path | None:
        text = self.path.text().strip()
        return Path(text) if text else None

    def show_problem(self, message: str | None) -> None:
        """Show `message` under the field (the path prefix dropped: the field shows it), or hide it."""
        if message is None:
            self.error.hide()
            return
        chosen = self.chosen()
        shown = message
        for prefix in (f"logo {chosen}: ", f"{chosen}: "):
            shown = shown.removeprefix(prefix)
        self.error.setText(shown[:1].upper() + shown[1:])
        self.error.setToolTip(message)
        self.error.show()

    def _browse(self, caption: str, file_filter: str) -> None:
        start = self.path.text().strip() or str(Path.home())
        chosen, _ = QFileDialog.getOpenFileName(self, caption, start, file_filter)
        if chosen:
            self.path.setText(chosen)
            self.path.editingFinished.emit()


def default_accent() -> str:
    """The pack style's own accent colour as ``#RRGGBB``."""
    return "#" + load_style().accent.hexval()[2:].upper()


class PackDialog(QDialog):
    """The pack options form; `options()` is only valid after the dialog was accepted."""

    def __init__(self, doc: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.setWindowTitle(TITLE)
        self.setMinimumWidth(560)
        portfolio = doc.portfolio
        self._accent: str | None = None
        self._checked: pdf.PackOptions | None = None

        self.section_boxes: dict[str, QCheckBox] = {}
        sections = QGroupBox("Sections")
        grid = QGridLayout(sections)
        rows = (len(pdf.SECTIONS) + 1) // 2
        for k, (sid, label) in enumerate(pdf.SECTIONS.items()):
            box = QCheckBox(label)
            box.setChecked(True)
            box.toggled.connect(self._sections_changed)
            self.section_boxes[sid] = box
            grid.addWidget(box, k % rows, k // rows)

        self.paper = QComboBox()
        self.paper.addItem("A4 (210 × 297 mm)", "a4")
        self.paper.addItem("US Letter (8.5 × 11 in)", "letter")
        self.organisation = QLineEdit(portfolio.organisation)
        self.organisation.setPlaceholderText("Shown on the cover and in the document properties")
        self.logo = FileField("No logo (PNG or JPEG)", "Choose a logo", "Images (*.png *.jpg *.jpeg)")
        self.logo.path.editingFinished.connect(self.check_logo)
        fonts = "TrueType fonts (*.ttf *.ttc)"
        self.font = FileField("DejaVu Sans (shipped with Liftoff)", "Choose a font", fonts)
        self.font_bold = FileField("The bold face of the font above", "Choose a bold font", fonts)
        for field in (self.font, self.font_bold):
            field.path.editingFinished.connect(self.check_fonts)
        self.accent_button = QPushButton()
        self.accent_button.clicked.connect(self._pick_accent)
        reset = QPushButton("Default")
        reset.clicked.connect(lambda: self.set_accent(None))
        accent_row = QHBoxLayout()
        accent_row.addWidget(self.accent_button)
        accent_row.addWidget(reset)
        accent_row.addStretch(1)
        self.marking = QLineEdit()
        self.marking.setPlaceholderText("e.g. CONFIDENTIAL — steering committee only")
        self.marking.setMaxLength(120)
        look = QGroupBox("Appearance")
        form = QFormLayout(look)
        form.addRow("Paper", self.paper)
        form.addRow("Organisation", self.organisation)
        form.addRow("Logo", self.logo)
        form.addRow("Accent colour", accent_row)
        form.addRow("Marking", self.marking)
        form.addRow("Font", self.font)
        form.addRow("Bold font", self.font_bold)

        self.anonymise = QCheckBox("Anonymise stakeholder names (for readers outside the organisation)")
        self.compare = QComboBox()
        snapshots = sorted(portfolio.snapshots, key=taken_order, reverse=True)
        labels = [s.label for s in snapshots]
        for s in snapshots:
            shown = s.label if labels.count(s.label) == 1 else f"{s.label} ({s.taken:%Y-%m-%d %H:%M})"
            self.compare.addItem(shown, s.id)
            self.compare.setItemData(
                self.compare.count() - 1, f"Taken {s.taken:%Y-%m-%d %H:%M}", Qt.ItemDataRole.ToolTipRole
            )
        if not snapshots:
            self.compare.addItem("No snapshot recorded — the changes section is left out", None)
            self.compare.setEnabled(False)
        audience = QGroupBox("Audience and comparison")
        audience_form = QFormLayout(audience)
        audience_form.addRow(self.anonymise)
        audience_form.addRow("Compare with", self.compare)
        self.pilot_pages = QSpinBox()
        self.pilot_pages.setRange(-1, 999)
        self.pilot_pages.setSpecialValueText("One for every pilot under decision")
        self.pilot_pages.setValue(-1)
        self.pilot_pages.setSuffix(" at most, highest ranked first")
        audience_form.addRow("Pilot pages", self.pilot_pages)

        self.error = QLabel()
        set_tone(self.error, "bad")
        self.error.setWordWrap(True)
        self.error.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.export_button = self.buttons.addButton("Export…", QDialogButtonBox.ButtonRole.AcceptRole)
        self.export_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(sections)
        layout.addWidget(look)
        layout.addWidget(audience)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.set_accent(None)

    # --- fields ---------------------------------------------------------------------------------------
    def set_accent(self, accent: str | None) -> None:
        """Use `accent` (``#RRGGBB``) for headings and charts; None = the style's default."""
        self._accent = accent
        shown = accent or default_accent()
        swatch = QPixmap(28, 14)
        swatch.fill(QColor(shown))
        self.accent_button.setIcon(swatch)
        self.accent_button.setIconSize(swatch.size())
        self.accent_button.setText(f"{shown}{'' if accent else '  (style default)'}")

    def _pick_accent(self) -> None:
        colour = QColorDialog.getColor(QColor(self._accent or default_accent()), self, "Accent colour")
        if colour.isValid():
            self.set_accent(colour.name().upper())

    def check_logo(self) -> bool:
        """Check the logo file now (the engine's `check_logo`); the problem shows under the field."""
        logo = self.logo.chosen()
        try:
            if logo is not None:
                pdf.check_logo(logo)
        except LiftoffError as exc:
            self.logo.show_problem(str(exc))
            return False
        self.logo.show_problem(None)
        return True

    def check_fonts(self) -> bool:
        """Check the chosen fonts now (the engine's `find_fonts`); the problem shows under its field."""
        font, bold = self.font.chosen(), self.font_bold.chosen()
        for field in (self.font, self.font_bold):
            field.show_problem(None)
        if bold is not None and font is None:
            self.font_bold.show_problem("choose the regular face (Font) as well")
            return False
        for field, regular, strong in ((self.font, font, None), (self.font_bold, font, bold)):
            if field.chosen() is None:
                continue
            try:
                find_fonts(regular, strong)
            except LiftoffError as exc:
                field.show_problem(str(exc))
                return False
        return True

    def _sections_changed(self) -> None:
        self.export_button.setEnabled(any(box.isChecked() for box in self.section_boxes.values()))

    # --- result ---------------------------------------------------------------------------------------
    def options(self) -> pdf.PackOptions:
        """The options as the form shows them (not yet checked)."""
        pages = self.pilot_pages.value()
        return pdf.PackOptions(
            sections=[sid for sid, box in self.section_boxes.items() if box.isChecked()],
            paper=str(self.paper.currentData()),
            organisation=self.organisation.text().strip(),
            logo=self.logo.chosen(),
            accent=self._accent,
            marking=self.marking.text().strip(),
            anonymise=self.anonymise.isChecked(),
            compare=self.compare.currentData(),
            font=self.font.chosen(),
            font_bold=self.font_bold.chosen(),
            max_pilot_pages=None if pages < 0 else pages,
        )

    def checked_options(self) -> pdf.PackOptions | None:
        """The options once the engine accepted them (set when the dialog was accepted)."""
        return self._checked

    def accept(self) -> None:
        """Close only when every option passes the engine's checks; otherwise show what is wrong."""
        self.error.hide()
        if not self.check_logo():
            self.logo.path.setFocus()
            return
        if not self.check_fonts():
            self.font.path.setFocus()
            return
        options = self.options()
        try:
            pdf.check_options(self.doc.portfolio, options)
        except LiftoffError as exc:
            self.error.setText(str(exc))
            self.error.show()
            self.adjustSize()
            return
        self._checked = options
        super().accept()


def export_pack(parent: QWidget | None, doc: Document, path: Path | None = None) -> worker.Job | None:
    """Show the options, ask for the output file (unless `path` is given), start the worker."""
    dialog = PackDialog(doc, parent)
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.checked_options() is None:
            return None
        options = dialog.checked_options()
    finally:
        dialog.deleteLater()
    assert options is not None
    if path is None:
        folder = doc.path.parent if doc.path is not None else None
        path = worker.ask_save_path(
            parent, TITLE, worker.suggested_path(folder, f"{doc.portfolio.name} pack", ".pdf"), FILTER
        )
        if path is None:
            return None
    return start_pack(parent, doc, path, options)


def start_pack(parent: QWidget | None, doc: Document, path: Path, options: pdf.PackOptions) -> worker.Job:
    """Build the pack for the open portfolio's current state in a worker; report the findings after."""
    portfolio, method, scores = doc.portfolio, doc.method, doc.scores()  # the worker's snapshot

    def work(report: worker.Report, cancelled: worker.Cancelled) -> pdf.PackReport:
        return pdf.build_pack(path, portfolio, scores, method, options, progress=report, cancel=cancelled)

    def done(result: pdf.PackReport) -> None:
        worker.notify(parent, f"Pack written to {path} ({result.pages} pages)")
        findings = result.lines()[1:]
        message = f"The pack ({result.pages} pages) was written to\n{path}"
        if findings:
            message += "\n\nSome content was left out or could not be drawn:"
        if worker.offer_folder(parent, TITLE, message, findings):
            worker.open_folder(path)

    return worker.start(parent, TITLE, f"Writing {path.name}…", work, done, subject=path)
