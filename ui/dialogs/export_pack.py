"""File ▸ Export ▸ Steering-committee pack (PDF)…: ``export_pack(parent, doc) -> Job | None``.

Connect it to a menu action: ``action.triggered.connect(lambda: export_pack(window, window.doc))``.

`PackDialog` gathers the `planner.export.pdf.PackOptions`: sections (the engine's own list), paper,
organisation, logo, accent colour, confidentiality marking, anonymised stakeholders and the snapshot to
compare against. Every option is checked with the engine's `check_options` before anything else
happens: a missing or corrupt logo is shown under the logo field and the dialog stays open. Then the
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
    QVBoxLayout,
    QWidget,
)

from planner.errors import LiftoffError
from planner.export import pdf
from planner.export.pdf_doc import load_style
from planner.snapshots import taken_order
from ui import worker
from ui.document import Document
from ui.theme import set_tone

TITLE = "Export steering-committee pack"
FILTER = "PDF document (*.pdf)"


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
        self.logo = QLineEdit()
        self.logo.setPlaceholderText("No logo (PNG or JPEG)")
        self.logo.editingFinished.connect(self.check_logo)
        browse = QPushButton("Browse…")
        browse.clicked.connect(self._browse_logo)
        logo_row = QHBoxLayout()
        logo_row.addWidget(self.logo, 1)
        logo_row.addWidget(browse)
        self.logo_error = QLabel()
        set_tone(self.logo_error, "bad")
        self.logo_error.hide()
        logo_box = QVBoxLayout()
        logo_box.setSpacing(2)
        logo_box.addLayout(logo_row)
        logo_box.addWidget(self.logo_error)
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
        form.addRow("Logo", logo_box)
        form.addRow("Accent colour", accent_row)
        form.addRow("Marking", self.marking)

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

    def _browse_logo(self) -> None:
        start = self.logo.text().strip() or str(Path.home())
        chosen, _ = QFileDialog.getOpenFileName(self, "Choose a logo", start, "Images (*.png *.jpg *.jpeg)")
        if chosen:
            self.logo.setText(chosen)
            self.check_logo()

    def check_logo(self) -> bool:
        """Check the logo file now (the engine's `check_logo`); the problem shows under the field."""
        text = self.logo.text().strip()
        try:
            if text:
                pdf.check_logo(Path(text))
        except LiftoffError as exc:
            message = str(exc)
            prefix = f"logo {Path(text)}: "  # the field already shows the path
            shown = message.removeprefix(prefix)
            self.logo_error.setText(shown[:1].upper() + shown[1:])
            self.logo_error.setToolTip(message)
            self.logo_error.show()
            return False
        self.logo_error.hide()
        return True

    def _sections_changed(self) -> None:
        self.export_button.setEnabled(any(box.isChecked() for box in self.section_boxes.values()))

    # --- result ---------------------------------------------------------------------------------------
    def options(self) -> pdf.PackOptions:
        """The options as the form shows them (not yet checked)."""
        logo = self.logo.text().strip()
        return pdf.PackOptions(
            sections=[sid for sid, box in self.section_boxes.items() if box.isChecked()],
            paper=str(self.paper.currentData()),
            organisation=self.organisation.text().strip(),
            logo=Path(logo) if logo else None,
            accent=self._accent,
            marking=self.marking.text().strip(),
            anonymise=self.anonymise.isChecked(),
            compare=self.compare.currentData(),
        )

    def checked_options(self) -> pdf.PackOptions | None:
        """The options once the engine accepted them (set when the dialog was accepted)."""
        return self._checked

    def accept(self) -> None:
        """Close only when every option passes the engine's checks; otherwise show what is wrong."""
        self.error.hide()
        if not self.check_logo():
            self.logo.setFocus()
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
