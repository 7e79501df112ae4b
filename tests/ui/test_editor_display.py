"""The pilot editor shows a long name from its start and money in the house format (review 2, item 12)."""

from __future__ import annotations

from datetime import date

from pytestqt.qtbot import QtBot

from planner.model import Financials, Kpi, Pilot, Portfolio
from ui.document import Document
from ui.views.triage.pilot_editor import PilotEditor

LONG_KPI = "Investigator hours per closed alert, measured over the last full quarter of operation"


def _editor(qtbot: QtBot) -> PilotEditor:
    pilot = Pilot(
        id="P-01",
        name="AML alert triage",
        kpi=Kpi(name=LONG_KPI),
        financials=Financials(scale_investment=1_450_000),
    )
    editor = PilotEditor(Document(Portfolio(as_of=date(2026, 3, 1), pilots=[pilot])))
    qtbot.addWidget(editor)
    editor.resize(360, 500)  # far too narrow for the whole KPI name
    editor.show()
    editor.show_pilot("P-01")
    return editor


def test_a_long_kpi_name_shows_its_start(qtbot: QtBot) -> None:
    editor = _editor(qtbot)
    assert editor.kpi_name.text() == LONG_KPI
    assert editor.kpi_name.cursorPosition() == 0
    assert editor.name.cursorPosition() == 0


def test_the_finance_tab_gives_money_in_the_house_format(qtbot: QtBot) -> None:
    editor = _editor(qtbot)
    # only the investment, paid in month 0 (not discounted), and nothing coming back:
    # NPV −1,450,000 and ROI (0 − 1,450,000) / 1,450,000 = −100 %
    assert editor.finance_result.text() == "NPV −EUR 1.45 M · payback not within the horizon · ROI −100 %"
