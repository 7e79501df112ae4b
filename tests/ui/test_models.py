"""Every item model passes pytest-qt's model tester, before and after edits, and filters behave."""

from __future__ import annotations

from PySide6.QtCore import Qt

from planner.model import Decision, Stage
from tests.ui.factory import portfolio
from ui import commands
from ui.document import Document
from ui.models.pilots import COL, PILOT_ID_ROLE, PilotFilterModel, PilotTableModel
from ui.models.ratings import RatingsModel


def test_pilot_table_model(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    doc = Document(portfolio(7))
    model = PilotTableModel(doc)
    qtmodeltester.check(model)
    doc.push(commands.add_pilot(doc))
    doc.push(commands.set_weight(doc, "mlops", 50))
    qtmodeltester.check(model)
    assert model.rowCount() == 8


def test_filter_model(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    doc = Document(portfolio(9))
    model = PilotTableModel(doc)
    proxy = PilotFilterModel()
    proxy.setSourceModel(model)
    qtmodeltester.check(proxy)

    def ids() -> set[str]:
        return {proxy.index(r, 0).data(PILOT_ID_ROLE) for r in range(proxy.rowCount())}

    proxy.set_filters(unit="Finance")
    assert ids() == {p.id for p in doc.portfolio.pilots if p.business_unit == "Finance"}
    proxy.set_filters(unit=None, stage=Stage.SCALING)
    assert ids() == {p.id for p in doc.portfolio.pilots if p.stage is Stage.SCALING}
    proxy.set_filters(stage=None, decision=Decision.PIVOT)
    scores = doc.scores().pilots
    assert ids() == {pid for pid, s in scores.items() if s.decision is Decision.PIVOT}
    proxy.set_filters(decision=None, text="p-03")
    assert ids() == {"P-03"}
    proxy.set_filters(text="")
    # sorting by rank orders numerically (10 after 9, not after 1)
    proxy.sort(COL["rank"], Qt.SortOrder.AscendingOrder)
    ranks = [proxy.index(r, COL["rank"]).data(Qt.ItemDataRole.EditRole) for r in range(proxy.rowCount())]
    assert ranks == sorted(ranks) == list(range(1, 10))
    qtmodeltester.check(proxy)


def test_ratings_model(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    doc = Document(portfolio(5))
    model = RatingsModel(doc)
    qtmodeltester.check(model)
    derived = 1 + [c.id for c in doc.method.criteria].index("benefit_at_scale")
    assert not model.flags(model.index(0, derived)) & Qt.ItemFlag.ItemIsEditable
    assert not model.setData(model.index(0, derived), "3")
    assert not model.setData(model.index(0, 1), "7")
    assert model.setData(model.index(0, 1), "")
    assert "kpi_clarity" not in doc.portfolio.pilots[0].ratings
    qtmodeltester.check(model)


def test_table_edit_goes_through_undo(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    doc = Document(portfolio(3))
    model = PilotTableModel(doc)
    assert model.setData(model.index(1, COL["name"]), "Renamed pilot")
    assert model.setData(model.index(1, COL["stage"]), "production")
    assert not model.setData(model.index(1, COL["stage"]), "moon")
    assert not model.setData(model.index(1, COL["name"]), "")
    assert doc.portfolio.pilots[1].name == "Renamed pilot"
    assert doc.portfolio.pilots[1].stage is Stage.PRODUCTION
    doc.undo_stack.undo()
    doc.undo_stack.undo()
    assert doc.portfolio == portfolio(3)
    qtmodeltester.check(model)
