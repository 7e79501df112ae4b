"""Every item model passes pytest-qt's model tester, before and after edits, and filters behave."""

from __future__ import annotations

from PySide6.QtCore import Qt

from planner.model import Decision, Stage
from tests.ui.factory import portfolio
from ui import commands
from ui.document import Document
from ui.models.pilots import COL, PILOT_ID_ROLE, PilotTableModel
from ui.models.ratings import RatingsModel


def test_pilot_table_model(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    doc = Document(portfolio(7))
    model = PilotTableModel(doc)
    qtmodeltester.check(model)
    doc.push(commands.add_pilot(doc))
    doc.push(commands.set_weight(doc, "mlops", 50))
    qtmodeltester.check(model)
    assert model.rowCount() == 8


def test_filters_and_sorting(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    doc = Document(portfolio(12))
    model = PilotTableModel(doc)

    def ids() -> set[str]:
        return {model.index(r, 0).data(PILOT_ID_ROLE) for r in range(model.rowCount())}

    model.set_filters(unit="Finance")
    assert ids() == {p.id for p in doc.portfolio.pilots if p.business_unit == "Finance"}
    qtmodeltester.check(model)
    model.set_filters(unit=None, stage=Stage.SCALING)
    assert ids() == {p.id for p in doc.portfolio.pilots if p.stage is Stage.SCALING}
    model.set_filters(stage=None, decision=Decision.PIVOT)
    scores = doc.scores().pilots
    assert ids() == {pid for pid, s in scores.items() if s.decision is Decision.PIVOT}
    model.set_filters(decision=None, text="p-03")
    assert ids() == {"P-03"}
    model.set_filters(text="")
    # sorting by rank orders numerically (10 after 9, not after 1), rows follow the engine's ranking
    model.sort(COL["rank"], Qt.SortOrder.AscendingOrder)
    order = [model.index(r, 0).data(PILOT_ID_ROLE) for r in range(model.rowCount())]
    assert tuple(order) == doc.scores().ranking
    model.sort(COL["composite"], Qt.SortOrder.DescendingOrder)
    values = [scores[model.index(r, 0).data(PILOT_ID_ROLE)].composite for r in range(model.rowCount())]
    assert values == sorted(values, reverse=True)
    model.sort(COL["name"], Qt.SortOrder.AscendingOrder)
    names = [model.index(r, COL["name"]).data() for r in range(model.rowCount())]
    assert names == sorted(names, key=str.lower)
    qtmodeltester.check(model)


def test_rerank_keeps_selection_on_the_same_pilots(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QItemSelectionModel

    doc = Document(portfolio(10))
    model = PilotTableModel(doc)
    selection = QItemSelectionModel(model)
    row = model.row_of("P-04")
    selection.select(model.index(row, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect)
    for weight in (1.0, 100.0, 40.0):
        doc.push(commands.set_dimension_weight(doc, "sponsorship", weight))
    [picked] = selection.selectedIndexes()
    assert picked.data(PILOT_ID_ROLE) == "P-04"
    assert picked.row() == model.row_of("P-04") == doc.scores().ranking.index("P-04")
    qtmodeltester.check(model)


def test_ratings_model(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    doc = Document(portfolio(5))
    model = RatingsModel(doc)
    qtmodeltester.check(model)
    derived = 1 + [c.id for c in doc.method.criteria].index("benefit_at_scale")
    assert not model.flags(model.index(0, derived)) & Qt.ItemFlag.ItemIsEditable
    assert not model.setData(model.index(0, derived), "3")
    assert not model.setData(model.index(0, 1), "7")
    first = doc.scores().ranking[0]  # rows are in rank order
    assert model.setData(model.index(0, 1), "")
    assert "kpi_clarity" not in doc.portfolio.pilot(first).ratings
    qtmodeltester.check(model)


def test_table_edit_goes_through_undo(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    doc = Document(portfolio(3))
    model = PilotTableModel(doc)
    model.sort(COL["name"], Qt.SortOrder.AscendingOrder)  # rows now follow portfolio order
    assert model.setData(model.index(1, COL["name"]), "Renamed pilot")
    row = model.row_of(doc.portfolio.pilots[1].id)
    assert model.setData(model.index(row, COL["stage"]), "production")
    assert not model.setData(model.index(row, COL["stage"]), "moon")
    assert not model.setData(model.index(row, COL["name"]), "")
    assert doc.portfolio.pilots[1].name == "Renamed pilot"
    assert doc.portfolio.pilots[1].stage is Stage.PRODUCTION
    doc.undo_stack.undo()
    doc.undo_stack.undo()
    assert doc.portfolio == portfolio(3)
    qtmodeltester.check(model)


def test_score_arrays_agree_with_the_engine_pilot_by_pilot() -> None:
    import pytest as _pytest

    from planner.triage import scoring

    base = portfolio(15, seed=3)
    doc = Document(base)
    doc.push(commands.set_override(doc, "P-02", Decision.SCALE, "Committee mandate"))
    doc.push(commands.set_threshold(doc, "readiness", 45))
    arrays = doc.arrays()
    reference = scoring.score(doc.portfolio)  # the engine's own public entry point
    for pid, s in reference.pilots.items():
        i = arrays.index[pid]
        assert arrays.value[i] == _pytest.approx(s.value)
        assert arrays.readiness[i] == _pytest.approx(s.readiness)
        assert arrays.sponsorship[i] == _pytest.approx(s.sponsorship)
        assert arrays.composite[i] == _pytest.approx(s.composite)
        assert arrays.rank[i] == s.rank
        assert arrays.decision[i] is s.decision
    assert arrays.decision[arrays.index["P-02"]] is Decision.SCALE
