"""Undoable commands: each wraps one pure edit from `planner.portfolio.edits`.

A command computes the new portfolio when it is built (so an invalid edit raises `EditError` before
anything is pushed), keeps the portfolio from before, and swaps the two on redo/undo. Because edits
never mutate their input, undo restores the exact domain state. Consecutive moves of the same weight
or threshold slider merge into one undo step.

Usage from a view::

    doc.push(commands.set_rating(doc, "P-07", "mlops", 4))
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtGui import QUndoCommand

from planner.model import Decision, Evidence, Pilot, Portfolio, Snapshot, Stage
from planner.portfolio import edits
from ui.document import Changes, Document

_MERGE_ID = 4242


class EditCommand(QUndoCommand):
    """One edit: `after` replaces the document's portfolio on redo; the previous one comes back on undo."""

    def __init__(
        self, doc: Document, text: str, after: Portfolio, changes: Changes, merge_key: object = None
    ) -> None:
        super().__init__(text)
        self.doc = doc
        self.before = doc.portfolio
        self.after = after
        self.changes = changes
        self.merge_key = merge_key
        self.sealed = False  # a sealed command takes no more merges (the slider was released)

    def redo(self) -> None:
        self.doc.apply(self.after, self.changes)

    def undo(self) -> None:
        self.doc.apply(self.before, self.changes)

    def id(self) -> int:
        return _MERGE_ID if self.merge_key is not None else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if isinstance(other, EditCommand) and other.merge_key == self.merge_key and not self.sealed:
            self.after = other.after
            self.setText(other.text())
            return True
        return False


def _pilot_edit(
    doc: Document, text: str, pilot_id: str, fn: Callable[..., Portfolio], *args: Any
) -> EditCommand:
    return EditCommand(doc, text, fn(doc.portfolio, pilot_id, *args), Changes(pilots=frozenset({pilot_id})))


def _name(doc: Document, pilot_id: str) -> str:
    try:
        return doc.portfolio.pilot(pilot_id).name
    except KeyError:
        return pilot_id


def set_rating(
    doc: Document, pilot_id: str, criterion: str, score: int | None, evidence: Evidence | None = None
) -> EditCommand:
    after = edits.set_rating(doc.portfolio, pilot_id, criterion, score, evidence, method=doc.method)
    crit = doc.method.criterion(criterion).name
    text = f"Rate {crit} {score} for {_name(doc, pilot_id)}" if score is not None else f"Clear {crit}"
    return EditCommand(doc, text, after, Changes(pilots=frozenset({pilot_id})))


def set_evidence(doc: Document, pilot_id: str, criterion: str, evidence: Evidence) -> EditCommand:
    return _pilot_edit(doc, f"Evidence of {criterion}", pilot_id, edits.set_evidence, criterion, evidence)


def set_rating_note(doc: Document, pilot_id: str, criterion: str, note: str) -> EditCommand:
    old = doc.portfolio.pilot(pilot_id).ratings.get(criterion)
    if old is None:
        raise edits.EditError(f"pilot {pilot_id!r} rating {criterion!r}: rate it before adding a note")
    after = edits.set_rating(doc.portfolio, pilot_id, criterion, old.score, note=note)
    return EditCommand(doc, f"Note on {criterion}", after, Changes(pilots=frozenset({pilot_id})))


def update_pilot(doc: Document, pilot_id: str, **fields: Any) -> EditCommand:
    after = edits.update_pilot(doc.portfolio, pilot_id, **fields)
    what = ", ".join(f.replace("_", " ") for f in fields)
    return EditCommand(
        doc, f"Edit {what} of {_name(doc, pilot_id)}", after, Changes(pilots=frozenset({pilot_id}))
    )


def set_notes(doc: Document, pilot_id: str, notes: str) -> EditCommand:
    """Notes typed in pauses: consecutive commits for one pilot merge into one undo step."""
    after = edits.update_pilot(doc.portfolio, pilot_id, notes=notes)
    return EditCommand(
        doc,
        f"Edit notes of {_name(doc, pilot_id)}",
        after,
        Changes(pilots=frozenset({pilot_id})),
        merge_key=("notes", pilot_id),
    )


def set_gate(doc: Document, pilot_id: str, gate: str, ticked: bool) -> EditCommand:
    verb = "Tick" if ticked else "Untick"
    return _pilot_edit(doc, f"{verb} gate {gate}", pilot_id, edits.set_gate, gate, ticked)


def set_override(
    doc: Document, pilot_id: str, decision: Decision | None, rationale: str = "", author: str = ""
) -> EditCommand:
    text = f"Override decision of {_name(doc, pilot_id)}" if decision else "Remove override"
    return _pilot_edit(doc, text, pilot_id, edits.set_override, decision, rationale, author)


def move_stage(doc: Document, pilot_id: str, stage: Stage | str) -> EditCommand:
    return _pilot_edit(
        doc, f"Move {_name(doc, pilot_id)} to {Stage(stage).value}", pilot_id, edits.move_stage, stage
    )


def set_kpi(doc: Document, pilot_id: str, **fields: Any) -> EditCommand:
    after = edits.set_kpi(doc.portfolio, pilot_id, **fields)
    return EditCommand(doc, "Edit KPI", after, Changes(pilots=frozenset({pilot_id})))


def set_financials(doc: Document, pilot_id: str, **fields: Any) -> EditCommand:
    after = edits.set_financials(doc.portfolio, pilot_id, **fields)
    return EditCommand(doc, "Edit financials", after, Changes(pilots=frozenset({pilot_id})))


def add_pilot(doc: Document, pilot: Pilot | None = None) -> EditCommand:
    if pilot is None:
        pilot = Pilot(id=edits.new_pilot_id(doc.portfolio), name="New pilot")
    after = edits.add_pilot(doc.portfolio, pilot)
    return EditCommand(doc, f"Add {pilot.name}", after, Changes(pilots=frozenset({pilot.id}), structure=True))


def remove_pilots(doc: Document, pilot_ids: Iterable[str]) -> EditCommand:
    ids = frozenset(pilot_ids)
    after = edits.remove_pilots(doc.portfolio, ids)
    text = f"Remove {_name(doc, next(iter(ids)))}" if len(ids) == 1 else f"Remove {len(ids)} pilots"
    return EditCommand(doc, text, after, Changes(pilots=ids, structure=True, dependencies=True))


def set_weight(doc: Document, criterion: str, weight: float) -> EditCommand:
    after = edits.set_weight(doc.portfolio, doc.method, criterion, weight)
    text = f"Weight of {doc.method.criterion(criterion).name}"
    return EditCommand(doc, text, after, Changes(weights=True), merge_key=("weight", criterion))


def set_dimension_weight(doc: Document, dimension: str, weight: float) -> EditCommand:
    after = edits.set_dimension_weight(doc.portfolio, doc.method, dimension, weight)
    return EditCommand(
        doc, f"Weight of {dimension}", after, Changes(weights=True), merge_key=("dim", dimension)
    )


def set_threshold(doc: Document, key: str, value: float) -> EditCommand:
    after = edits.set_threshold(doc.portfolio, key, value)
    return EditCommand(doc, f"Threshold {key}", after, Changes(weights=True), merge_key=("threshold", key))


def set_weights(doc: Document, weights: dict[str, float], text: str = "Set weights") -> EditCommand:
    return EditCommand(
        doc, text, edits.set_weights(doc.portfolio, doc.method, weights), Changes(weights=True)
    )


def reset_weights(doc: Document) -> EditCommand:
    return EditCommand(doc, "Reset weights", edits.reset_weights(doc.portfolio), Changes(weights=True))


def save_weight_set(doc: Document, name: str) -> EditCommand:
    """Save the weights in force under `name`, replacing a set of that name (the undo text says which)."""
    verb = "Replace" if any(s.name == name for s in doc.portfolio.method.weight_sets) else "Save"
    after = edits.save_weight_set(doc.portfolio, name)
    # announced as a weights change so the weights panel lists the new set at once
    return EditCommand(doc, f"{verb} weight set {name}", after, Changes(weights=True))


def apply_weight_set(doc: Document, name: str) -> EditCommand:
    after = edits.apply_weight_set(doc.portfolio, doc.method, name)
    return EditCommand(doc, f"Use weight set {name}", after, Changes(weights=True))


def add_snapshot(doc: Document, snapshot: Snapshot) -> EditCommand:
    after = edits.add_snapshot(doc.portfolio, snapshot)
    return EditCommand(doc, f"Record snapshot {snapshot.label}", after, Changes(snapshots=True))


def seal_last(doc: Document) -> None:
    """End merging into the newest undo step (call when a slider is released)."""
    stack = doc.undo_stack
    top = stack.command(stack.index() - 1) if stack.index() > 0 else None
    if isinstance(top, EditCommand):
        top.sealed = True


def run_macro(doc: Document, text: str, build: Iterable[Callable[[], EditCommand]]) -> None:
    """Push several commands as one undo step; each is built just before it is pushed."""
    if doc.read_only:
        return
    doc.undo_stack.beginMacro(text)
    try:
        for make in build:
            doc.push(make())
    finally:
        doc.undo_stack.endMacro()
