"""Funding scenarios: budget and capacity in, the optimal portfolio and the efficient frontier out.

The panel edits the current scenario of `portfolio.scenarios` through undoable commands; the optimum
comes from `planner.funding.scenarios.fund` (exact, fast at workshop sizes, so it runs on every edit)
and the frontier from `planner.funding.scenarios.frontier` in a worker thread, since a sweep solves
dozens of programs.
Clicking a frontier point sets the budget to that point, so the table shows that portfolio.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    Qt,
    QTimer,
)
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QSizePolicy,
    QSlider,
    QSpinBox,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from planner.errors import LiftoffError
from planner.funding import scenarios as funding
from planner.model import FundingScenario, Objective, Portfolio
from ui.background import BackgroundError, Latest
from ui.commands import EditCommand
from ui.document import Changes, Document
from ui.theme import DECISION_LABELS
from ui.views.funding.frontier_chart import FrontierChart
from ui.views.funding.funding_model import FundingModel

OBJECTIVES = {
    Objective.RISK_ADJUSTED_NPV: "Risk-adjusted NPV",
    Objective.COMPOSITE: "Composite score",
    Objective.MIX: "Mix of both",
}
FRONTIER_STEPS = 25
Row = Any  # a row of the funding table: (pilot id, name, decision, cost, value)


def scenario_command(doc: Document, text: str, after: Portfolio, merge: object = None) -> EditCommand:
    return EditCommand(doc, text, after, Changes(scenarios=True), merge_key=merge)


class FundingPanel(QWidget):
    """The scenario editor, the funded list, the frontier and the comparison of saved scenarios."""

    def __init__(self, doc: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.current_name: str | None = None
        self._syncing = False
        self._background = Latest(self)
        self._frontier_key: object = None  # the scenario minus its budget, as last drawn

        self.scenario_box = QComboBox()
        self.scenario_box.setToolTip("Saved funding scenarios of this project")
        new_button = QPushButton("New")
        new_button.setToolTip("Start a new scenario at half the cost of funding every candidate")
        rename_button = QPushButton("Rename…")
        delete_button = QPushButton("Delete")
        self.budget = QDoubleSpinBox()
        self.budget.setRange(0, 1e13)
        self.budget.setDecimals(0)
        self.budget.setGroupSeparatorShown(True)
        self.budget.setSingleStep(100_000)
        self.budget.setKeyboardTracking(False)
        self.capacity = QSpinBox()
        self.capacity.setRange(-1, 10_000)
        self.capacity.setSpecialValueText("no cap")
        self.capacity.setToolTip("Most pilots the team can scale in this funding round")
        self.capacity.setKeyboardTracking(False)
        self.yearly = QLineEdit()
        self.yearly.setPlaceholderText("optional, e.g. 2027: 5,000,000; 2028: 7,000,000")
        self.yearly.setToolTip(
            "Cap the spend per calendar year: a pilot's investment falls in the year its rollout starts, "
            "an enabler's in the year of its ETA"
        )
        self.objective = QComboBox()
        for objective, label in OBJECTIVES.items():
            self.objective.addItem(label, objective)
        self.mix = QSlider(Qt.Orientation.Horizontal)
        self.mix.setRange(0, 100)
        self.mix.setToolTip("Mix objective: share of risk-adjusted NPV (left: all composite score)")

        top = QHBoxLayout()
        top.addWidget(QLabel("Scenario"))
        top.addWidget(self.scenario_box, 1)
        for button in (new_button, rename_button, delete_button):
            top.addWidget(button)
        form = QFormLayout()
        form.addRow("Budget", self.budget)
        form.addRow("Capacity (pilots)", self.capacity)
        form.addRow("Per-year budgets", self.yearly)
        form.addRow("Objective", self.objective)
        form.addRow("NPV share of the mix", self.mix)

        self.model = FundingModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        for column in (0, 2, 3):  # the checkmark, the decision and the cost whole; the pilot takes the rest
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.setToolTip("Right-click a pilot to force it in or out of the funded set")
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.summary.setAccessibleName("Funding result")
        # a long wrapped text must not widen the whole window
        self.summary.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Minimum)
        self.chart = FrontierChart()
        self.comparison = QTableWidget()
        self.comparison.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.comparison.verticalHeader().hide()
        self.comparison.setWordWrap(True)
        self.comparison.setAccessibleName("Saved scenarios compared")
        self.comparison.setToolTip("Every saved scenario side by side: pilots, cost, value, capacity")
        self.scenario_box.setAccessibleName("Funding scenario")
        self.table.setAccessibleName("Funding candidates")
        self.table.setAccessibleDescription(
            "Each candidate pilot: funded or not, triage decision, cost, forced choice"
        )

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(top)
        left_layout.addLayout(form)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.summary)
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(self.chart)
        right.addWidget(self.comparison)
        self.splitter = splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

        self._frontier_timer = QTimer(self)
        self._frontier_timer.setSingleShot(True)
        self._frontier_timer.setInterval(250)
        self._frontier_timer.timeout.connect(self._start_frontier)

        new_button.clicked.connect(self.new_scenario)
        rename_button.clicked.connect(self._rename)
        delete_button.clicked.connect(self._delete)
        self.scenario_box.currentIndexChanged.connect(self._choose)
        self.budget.valueChanged.connect(lambda v: self._edit("Change budget", "budget", budget=v))
        self.capacity.valueChanged.connect(
            lambda v: self._edit("Change capacity", "capacity", capacity=None if v < 0 else v)
        )
        self.objective.currentIndexChanged.connect(
            lambda _i: self._edit("Change objective", None, objective=self.objective.currentData())
        )
        self.yearly.editingFinished.connect(self._set_yearly)
        self.mix.valueChanged.connect(lambda v: self._edit("Change mix", "mix", mix=v / 100))
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.table.selectionModel().selectionChanged.connect(self._push_selection)
        self.chart.point_clicked.connect(lambda b: self._edit("Budget from the frontier", None, budget=b))
        doc.changed.connect(self._on_changed)
        self.refresh(frontier=True)

    # --- the current scenario -----------------------------------------------------------------------
    def scenario(self) -> FundingScenario | None:
        for scenario in self.doc.portfolio.scenarios:
            if scenario.name == self.current_name:
                return scenario
        scenarios = self.doc.portfolio.scenarios
        return scenarios[0] if scenarios else None

    def new_scenario(self) -> None:
        names = {s.name for s in self.doc.portfolio.scenarios}
        number = len(names) + 1
        while f"Scenario {number}" in names:
            number += 1
        scenario = funding.default_scenario(self.doc.portfolio, f"Scenario {number}")
        self.current_name = scenario.name
        after = funding.save_scenario(self.doc.portfolio, scenario)
        self.doc.push(scenario_command(self.doc, f"New funding scenario {scenario.name}", after))

    def _edit(self, text: str, merge_field: str | None, **update: Any) -> None:
        if self._syncing:
            return
        scenario = self.scenario()
        if scenario is None:
            self.new_scenario()
            scenario = self.scenario()
            assert scenario is not None
        try:
            changed = FundingScenario.model_validate({**dict(scenario), **update})
        except ValueError as exc:
            self.summary.setText(str(exc))
            return
        if changed == scenario:
            return
        after = funding.save_scenario(self.doc.portfolio, changed, replacing=scenario.name)
        merge = (scenario.name, merge_field) if merge_field else None
        self.doc.push(scenario_command(self.doc, f"{text} ({scenario.name})", after, merge))

    def _set_yearly(self) -> None:
        try:
            budgets = funding.parse_yearly_budgets(self.yearly.text())
        except LiftoffError as exc:
            self.summary.setText(str(exc))
            return
        self._edit("Change per-year budgets", None, yearly_budgets=budgets)

    def _rename(self) -> None:
        scenario = self.scenario()
        if scenario is None:
            return
        name, ok = QInputDialog.getText(self, "Rename scenario", "New name:", text=scenario.name)
        name = name.strip()
        if not ok or not name or name == scenario.name:
            return
        if any(s.name == name for s in self.doc.portfolio.scenarios):
            self.summary.setText(f"A scenario named {name!r} already exists.")
            return
        after = funding.save_scenario(
            self.doc.portfolio, scenario.model_copy(update={"name": name}), scenario.name
        )
        self.current_name = name
        self.doc.push(scenario_command(self.doc, f"Rename scenario to {name}", after))

    def _delete(self) -> None:
        scenario = self.scenario()
        if scenario is not None:
            after = funding.delete_scenario(self.doc.portfolio, scenario.name)
            self.current_name = None
            self.doc.push(scenario_command(self.doc, f"Delete scenario {scenario.name}", after))

    def _choose(self, index: int) -> None:
        if not self._syncing and index >= 0:
            self.current_name = self.scenario_box.itemText(index)
            self.refresh(frontier=True)

    def _context_menu(self, pos: Any) -> None:
        index = self.table.indexAt(pos)
        scenario = self.scenario()
        if not index.isValid() or scenario is None:
            return
        pilot_id = self.model.data(index, Qt.ItemDataRole.UserRole)
        menu = QMenu(self)
        actions = {
            menu.addAction("Force in…"): "in",
            menu.addAction("Force out…"): "out",
            menu.addAction("Let the optimiser decide"): None,
        }
        chosen = menu.exec(self.table.viewport().mapToGlobal(pos))
        if chosen is not None:
            self.set_choice(pilot_id, actions[chosen])

    def set_choice(self, pilot_id: str, choice: str | None, reason: str | None = None) -> None:
        """Force a pilot in or out (asking why unless `reason` is given), or release it."""
        scenario = self.scenario()
        if scenario is None:
            return
        if choice is not None and reason is None:
            reason, ok = QInputDialog.getText(self, f"Force {choice}", f"Why is {pilot_id} forced {choice}?")
            if not ok:
                return
        try:
            changed = funding.force(scenario, pilot_id, choice, reason or "")
        except LiftoffError as exc:
            self.summary.setText(str(exc))
            return
        self._edit(
            f"Forced choice for {pilot_id}", None, forced_in=changed.forced_in, forced_out=changed.forced_out
        )

    def _push_selection(self) -> None:
        rows = {i.row() for i in self.table.selectionModel().selectedRows()}
        ids = [self.model.rows[r][0] for r in sorted(rows)]
        if ids:
            self.doc.select(ids)

    # --- results -------------------------------------------------------------------------------------
    def _on_changed(self, changes: Changes) -> None:
        if changes.scenarios or changes.scores or changes.structure:
            constraints_moved = changes.scores or changes.structure or self._frontier_inputs_changed()
            self.refresh(frontier=constraints_moved)

    def _frontier_inputs_changed(self) -> bool:
        scenario = self.scenario()
        key = None if scenario is None else scenario.model_copy(update={"budget": 0, "name": ""})
        changed = key != self._frontier_key
        self._frontier_key = key
        return changed

    def refresh(self, frontier: bool = False) -> None:
        portfolio = self.doc.portfolio
        scenario = self.scenario()
        self._syncing = True
        try:
            self.scenario_box.clear()
            for s in portfolio.scenarios:
                self.scenario_box.addItem(s.name)
            if scenario is not None:
                self.current_name = scenario.name
                self.scenario_box.setCurrentText(scenario.name)
                self.budget.setValue(scenario.budget)
                self.capacity.setValue(-1 if scenario.capacity is None else scenario.capacity)
                self.yearly.setText(funding.format_yearly_budgets(scenario.yearly_budgets))
                self.objective.setCurrentIndex(list(OBJECTIVES).index(scenario.objective))
                self.mix.setValue(round(scenario.mix * 100))
                self.mix.setEnabled(scenario.objective is Objective.MIX)
        finally:
            self._syncing = False
        self.budget.setSuffix(f" {portfolio.currency}")
        scores = self.doc.scores()
        pilots = {p.id: p for p in portfolio.pilots}
        rows = [
            (
                pid,
                pilots[pid].name,
                DECISION_LABELS[scores.pilots[pid].decision],
                pilots[pid].financials.scale_investment,
            )
            for pid in scores.ranking
            if pid in set(funding.candidates(portfolio))
        ]
        if scenario is None:
            self.model.reset(rows, set(), {})
            self.summary.setText("No funding scenario yet. Press New to start one.")
            self.chart.show_points([], None, portfolio.currency)
            self._fill_comparison([])
            return
        choice = {k: f"forced in: {v}" for k, v in scenario.forced_in.items()}
        choice |= {k: f"forced out: {v}" for k, v in scenario.forced_out.items()}
        try:
            result = funding.fund(portfolio, scores, scenario)
        except LiftoffError as exc:
            self.model.reset(rows, set(), choice)
            self.summary.setText(f"<b>No feasible portfolio.</b> {exc}")
        else:
            self.model.reset(rows, set(result.selection.funded), choice)
            enablers = ", ".join(e.name for e in portfolio.enablers if e.id in result.selection.enablers)
            differs = "".join(f"<br>• {pilots[pid].name}: {why}" for pid, why in result.differs_from_triage)
            self.summary.setText(
                f"<b>{len(result.selection.funded)} pilots</b> funded for "
                f"{result.selection.cost:,.0f} of {scenario.budget:,.0f} {portfolio.currency}; "
                f"risk-adjusted NPV {result.value_npv:,.0f} {portfolio.currency}."
                + (f"<br>Enablers funded with them: {enablers}." if enablers else "")
                + (f"<br>Differs from triage:{differs}" if differs else "")
            )
        self.chart.current = scenario.budget
        self.chart.update()
        self._fill_comparison(portfolio.scenarios)
        if frontier:
            self._frontier_timer.start()

    def _fill_comparison(self, scenarios: list[FundingScenario]) -> None:
        results = []
        for scenario in scenarios:
            try:
                results.append(funding.fund(self.doc.portfolio, self.doc.scores(), scenario))
            except LiftoffError:
                continue
        rows = funding.compare(results)
        headers = ["Scenario", "Pilots", "Cost", "Risk-adj. NPV", "Capacity used", "Differs from triage"]
        keys = ["scenario", "funded", "cost", "risk_adjusted_npv", "capacity_used", "differs_from_triage"]
        self.comparison.clear()
        self.comparison.setColumnCount(len(headers))
        self.comparison.setHorizontalHeaderLabels(headers)
        self.comparison.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, key in enumerate(keys):
                value = row[key]
                text = f"{value:,.0f}" if isinstance(value, float) else str(value)
                self.comparison.setItem(r, c, QTableWidgetItem(text))
        header = self.comparison.horizontalHeader()
        for c in range(len(headers) - 1):
            header.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(len(headers) - 1, QHeaderView.ResizeMode.Stretch)  # the reasons wrap
        self.comparison.resizeRowsToContents()

    def _start_frontier(self) -> None:
        scenario = self.scenario()
        if scenario is None:
            return
        portfolio, scores = self.doc.portfolio, self.doc.scores()
        top = funding.default_scenario(portfolio).budget * 2 or 1.0
        budgets = funding.budget_steps(0, max(top, scenario.budget), FRONTIER_STEPS)
        self._background.run(
            lambda: funding.frontier(portfolio, scores, scenario, budgets), self._frontier_done
        )

    def _frontier_done(self, result: object) -> None:
        scenario = self.scenario()
        if isinstance(result, BackgroundError):
            self.chart.show_points([], None, self.doc.portfolio.currency)
            self.summary.setText(f"{self.summary.text()}<br>Frontier: {result.message}")
        else:
            points = result if isinstance(result, list) else []
            objective = scenario.objective if scenario else Objective.RISK_ADJUSTED_NPV
            self.chart.show_points(
                points,
                scenario.budget if scenario else None,
                self.doc.portfolio.currency,
                f"Best {OBJECTIVES[objective].lower()}" if objective is not Objective.MIX else "Best mix",
                money=objective is Objective.RISK_ADJUSTED_NPV,
            )

    def resizeEvent(self, event: Any) -> None:
        """Side by side when there is room, the chart under the table when there is not."""
        super().resizeEvent(event)
        room = 800 * self.font().pointSizeF() / 9  # the table and the chart side by side, in this type
        wanted = Qt.Orientation.Vertical if self.width() < room else Qt.Orientation.Horizontal
        if wanted != self.splitter.orientation():
            self.splitter.setOrientation(wanted)
            total = self.height() if wanted == Qt.Orientation.Vertical else self.width()
            self.splitter.setSizes([total * 62 // 100, total * 38 // 100])

    def wait_for_frontier(self, timeout_ms: int = 10_000) -> bool:
        """For tests and screenshots: block until queued frontier work is done."""
        if self._frontier_timer.isActive():
            self._frontier_timer.stop()
            self._start_frontier()
        return Latest.wait(timeout_ms)
