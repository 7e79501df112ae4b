"""Stakeholder map: the power/interest grid and the relationship network, both editable.

Analyses come from `planner.graphs.stakeholders.analyse_stakeholders` and positions from
`planner.graphs.layout`; the scene draws them and turns drags into undoable edits (`planner.graphs.edits`):

- **Grid**: interest across, influence (power) up, one cell per rating pair; a person dropped in
  another cell is re-rated to that cell's ratings.
- **Network**: people where the user left them (``Stakeholder.position``, saved in the project);
  people without a position are placed by the planner (next to their contacts when few are new, a
  fresh force layout in a worker thread when many are). Dragging stores the new position.

Colour shows the stance, size the influence, and a selected pilot (in any view, or the filter)
highlights its coalition and the routes through supportive people to its high-influence resisters.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QGraphicsView,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from planner.graphs import edits as graph_edits
from planner.model import RelationKind, Stakeholder
from planner.portfolio.edits import EditError
from ui.document import Document
from ui.models.people import PeopleModel, RelationshipModel, people_command
from ui.theme import STANCE_COLORS, scheme
from ui.views.graphs.stakeholder_scene import PersonItem, StakeholderScene
from ui.views.image_export import ask_and_export
from ui.views.widgets import FittedView, flow_row


class StakeholderMap(QWidget):
    """Mode and filters, the map, and buttons to add, link, remove, re-lay out and export."""

    def __init__(self, doc: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.scene = StakeholderScene(doc, self)
        self.view = FittedView(self.scene)
        self.view.setDragMode(QGraphicsView.DragMode.RubberBandDrag)
        self.view.setAccessibleName("Stakeholder map")
        self.view.setAccessibleDescription(
            "People by interest and influence (grid) or by their relationships (network); the People"
            " and Relationships tables beside the map list the same people and links."
        )
        self.mode = QComboBox()
        self.mode.addItem("Power / interest grid", "grid")
        self.mode.addItem("Network", "network")
        self.pilot = QComboBox()
        self.department = QComboBox()
        self.relation = QComboBox()
        for kind in RelationKind:
            self.relation.addItem(kind.value.replace("_", " "), kind)
        link = QPushButton("Link selected")
        link.setToolTip("Select two people (the first clicked is the source) and add this relationship")
        add = QPushButton("Add person")
        remove = QPushButton("Remove selected")
        remove.setToolTip("Removes the people, their relationships and their roles on pilots, in one step")
        relayout = QPushButton("Re-lay out")
        export = QPushButton("Export image…")
        export.setToolTip("Save the map as a PNG or SVG image, black on white")
        relayout.setToolTip("Lay the network out afresh (one undoable step)")
        add.setToolTip("Add a stakeholder to the map and the People table")
        self.show_tables = QPushButton("People and links as tables")
        self.show_tables.setCheckable(True)
        self.show_tables.setToolTip("Show the People and Relationships tables beside the map (editable)")
        fit = QPushButton("Fit")
        fit.setToolTip("Show the whole map (0 or Home)")
        fit.clicked.connect(self.fit)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.legend = QLabel()
        self._write_legend()
        pilot_label, department_label = QLabel("Pilot"), QLabel("Department")
        pilot_label.setBuddy(self.pilot)
        department_label.setBuddy(self.department)
        self.mode.setAccessibleName("Map")
        self.mode.setToolTip("The power/interest grid, or the network of relationships")
        self.pilot.setToolTip("Show only the people around this pilot: its coalition and resisters")
        self.department.setToolTip("Show only the people of this department")
        self.relation.setAccessibleName("Kind of relationship")
        self.relation.setToolTip("The kind of relationship “Link selected” adds")
        self.legend.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(flow_row(self.mode, pilot_label, self.pilot, department_label, self.department))
        layout.addWidget(flow_row(add, self.relation, link, remove, relayout, fit, self.show_tables, export))
        layout.addWidget(self.legend)
        layout.addWidget(self.status)
        self.people_model = PeopleModel(doc, self)
        self.people_table = QTableView()
        self.people_table.setAccessibleName("People")
        self.people_table.setModel(self.people_model)
        self.people_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.relations_model = RelationshipModel(doc, self)
        self.relations_table = QTableView()
        self.relations_table.setAccessibleName("Relationships")
        self.relations_table.setModel(self.relations_model)
        self.relations_table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.relations_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        remove_links = QPushButton("Remove selected relationships")
        remove_links.clicked.connect(
            lambda: self.relations_model.remove_rows(
                [i.row() for i in self.relations_table.selectionModel().selectedRows()]
            )
        )
        links = QWidget()
        links_layout = QVBoxLayout(links)
        links_layout.setContentsMargins(0, 0, 0, 0)
        links_layout.addWidget(self.relations_table, 1)
        links_layout.addWidget(remove_links)
        tabs = QTabWidget()
        tabs.tabBar().setAccessibleName("People or relationships")
        tabs.addTab(self.people_table, "People")
        tabs.addTab(links, "Relationships")
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.view)
        split.addWidget(tabs)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout.addWidget(split, 1)
        self.tables = tabs  # the map's words as tables (also what a screen reader walks); shown on demand
        tabs.setVisible(False)
        self.show_tables.toggled.connect(tabs.setVisible)
        self.mode.currentIndexChanged.connect(self._switch_mode)
        self.pilot.currentIndexChanged.connect(self._filters)
        self.department.currentIndexChanged.connect(self._filters)
        add.clicked.connect(self.add_person)
        link.clicked.connect(self.link_selected)
        remove.clicked.connect(self.remove_selected)
        relayout.clicked.connect(self.scene.relayout)
        export.clicked.connect(lambda: ask_and_export(self, self.scene, "stakeholder-map.png"))
        self.scene.message.connect(self.status.setText)
        doc.changed.connect(
            lambda changes: (changes.stakeholders or changes.structure) and self._fill_filters()
        )
        self._fill_filters()

    def _write_legend(self) -> None:
        colours = scheme()
        self.legend.setText(
            "&nbsp;&nbsp;".join(
                f"<span style='color:{color}'>●</span> {stance.value}"
                for stance, color in STANCE_COLORS.items()
            )
            + f"&nbsp;&nbsp;<span style='color:{colours.highlight}'>◯</span> coalition of the selected pilot"
            f"&nbsp;&nbsp;<span style='color:{colours.bad}'>◯</span> high-influence resister"
        )

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._write_legend()

    def _switch_mode(self) -> None:
        self.scene.set_mode(self.mode.currentData())
        self.fit()

    def fit(self) -> None:
        """Show the whole map (the grid or every person on the network); it keeps fitting until a zoom."""
        self.view.fit()

    def _fill_filters(self) -> None:
        portfolio = self.doc.portfolio
        for box, items in (
            (self.pilot, [(p.name, p.id) for p in portfolio.pilots]),
            (
                self.department,
                [(d, d) for d in sorted({s.department for s in portfolio.stakeholders if s.department})],
            ),
        ):
            current = box.currentData()
            box.blockSignals(True)
            box.clear()
            box.addItem("All", None)
            for text, data in items:
                box.addItem(text, data)
            index = box.findData(current)
            box.setCurrentIndex(max(0, index))
            box.blockSignals(False)

    def _filters(self) -> None:
        self.scene.set_filters(self.pilot.currentData(), self.department.currentData())

    def selected_people(self) -> list[str]:
        return [i.person_id for i in self.scene.selectedItems() if isinstance(i, PersonItem)]

    def add_person(self, name: str = "New stakeholder") -> str:
        portfolio = self.doc.portfolio
        person = Stakeholder(id=graph_edits.new_person_id(portfolio), name=name)
        self.doc.push(people_command(self.doc, f"Add {name}", graph_edits.add_person(portfolio, person)))
        return person.id

    def link_selected(self, order: list[str] | None = None) -> None:
        people = order or self.selected_people()
        if len(people) != 2:
            self.status.setText("Select exactly two people to link.")
            return
        kind = RelationKind(self.relation.currentData())
        try:
            after = graph_edits.add_relationship(self.doc.portfolio, people[0], people[1], kind)
        except EditError as exc:
            self.status.setText(str(exc))
            return
        self.doc.push(people_command(self.doc, f"{people[0]} {kind.value} {people[1]}", after))

    def remove_selected(self) -> None:
        people = self.selected_people()
        if people:
            after = graph_edits.remove_people(self.doc.portfolio, people)
            self.doc.push(people_command(self.doc, f"Remove {len(people)} stakeholder(s)", after))
