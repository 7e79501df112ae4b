"""The open document: one portfolio, its method, an undo stack, cached results and one change signal.

Start here when you build a view. The API is deliberately small:

- ``doc.portfolio`` / ``doc.method``: the current domain state (read it, never mutate it).
- ``doc.weights()``, ``doc.scores()``, ``doc.explain(pilot_id)``: results, computed on demand and cached.
- ``doc.push(command)``: the only way to change the portfolio (see ``ui.commands``); undoable.
- ``doc.changed(Changes)``: emitted once per edit/undo/redo/load, saying what changed. A view looks at
  the flags it cares about (``changes.pilots``, ``changes.weights``, ``changes.stakeholders``…) and
  refreshes only then. Results are recomputed lazily: a weight change reruns only
  ``scoring.rescore`` (the fast path); an edit of pilots, stakeholders or dependencies reruns
  ``scoring.prepare``.
- ``doc.select(ids)`` / ``doc.selection_changed(tuple_of_ids)``: the shared selection of pilots.
- ``doc.open_requested(pilot_id)``: a view asks the window to show the pilot editor (Enter on a pilot).
- ``doc.rank_moves()``: how many places each pilot moved with the last run of weight changes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from planner.method import Method, Weights, effective_weights, load_method
from planner.model import Decision, Portfolio
from planner.triage import scoring


@dataclass(frozen=True, slots=True)
class Changes:
    """What one document change touched. `all_pilots` means every pilot may have changed."""

    pilots: frozenset[str] = frozenset()
    all_pilots: bool = False
    structure: bool = False  # pilots added, removed or reordered
    weights: bool = False  # weights or thresholds (scores change, ratings do not)
    stakeholders: bool = False
    dependencies: bool = False
    plan_inputs: bool = False  # enablers, user groups, finance settings
    snapshots: bool = False
    scenarios: bool = False  # funding scenarios (scores do not change)
    file: bool = False  # path, modified state or read-only flag

    @staticmethod
    def everything() -> Changes:
        return Changes(
            all_pilots=True,
            structure=True,
            weights=True,
            stakeholders=True,
            dependencies=True,
            plan_inputs=True,
            snapshots=True,
            scenarios=True,
            file=True,
        )

    @property
    def scores(self) -> bool:
        """True when scores, ranks or decisions may have changed."""
        flags = (self.all_pilots, self.structure, self.weights, self.stakeholders)
        return bool(self.pilots) or any(flags) or self.dependencies or self.plan_inputs

    def touches(self, pilot_id: str) -> bool:
        return self.all_pilots or pilot_id in self.pilots


@dataclass(frozen=True, eq=False)
class ScoreArrays:
    """Every pilot's numbers at once, row i = ``ids[i]`` (portfolio order), for views that draw all pilots.

    Read from the vectors `scoring.rescore` computed (`Scores.vectors`), so a 5,000-pilot view
    refreshes without building 5,000 `PilotScore` objects or scoring twice. A test checks it against
    ``Scores`` pilot by pilot.
    """

    ids: tuple[str, ...]
    index: dict[str, int]
    value: Any  # numpy float arrays, 0–100
    readiness: Any
    sponsorship: Any
    composite: Any
    rank: Any  # numpy int array, 1 = best
    codes: Any  # numpy int array: index into DECISIONS, after overrides
    decision: tuple[Decision, ...]  # after overrides


DECISIONS = tuple(Decision)


def score_arrays(prepared: Any, scores: scoring.Scores) -> ScoreArrays:
    """The arrays of `ScoreArrays` for these prepared data and the scores `rescore` made of them."""
    vectors = scores.vectors
    assert vectors is not None, "scores from scoring.rescore carry their vectors"
    codes = vectors.decisions
    return ScoreArrays(
        ids=tuple(prepared.pilot_ids),
        index=dict(prepared.index),
        value=vectors.dims[:, 0],
        readiness=vectors.dims[:, 1],
        sponsorship=vectors.dims[:, 2],
        composite=vectors.composite,
        rank=vectors.ranks,
        codes=codes,
        decision=tuple(map(DECISIONS.__getitem__, codes.tolist())),
    )


@dataclass
class _Cache:
    prepared: Any = None
    weights: Weights | None = None
    scores: scoring.Scores | None = None
    arrays: ScoreArrays | None = None
    explanations: dict[str, Any] = field(default_factory=dict)


class Document(QObject):
    """The portfolio being edited; see the module docstring for the contract views rely on."""

    changed = Signal(object)  # Changes
    selection_changed = Signal(object)  # tuple[str, ...] of pilot ids
    refused = Signal(str)  # an edit was not made; the message says why
    open_requested = Signal(str)  # a view asks to open this pilot in the editor (Enter, a double-click)

    def __init__(self, portfolio: Portfolio | None = None, path: Path | None = None, parent: Any = None):
        super().__init__(parent)
        self._portfolio = portfolio if portfolio is not None else Portfolio()
        self._method = load_method(self._portfolio.method.id)
        self._path = path
        self._read_only = False
        self._selection: tuple[str, ...] = ()
        self._cache = _Cache()
        self._rank_base: tuple[Any, Any] | None = None  # (pilot ids, ranks) when the weights began to move
        self._moves: Any = None  # places gained per pilot since then (numpy, portfolio order)
        self._moves_dict: dict[str, int] | None = None
        self.undo_stack = QUndoStack(self)
        self.undo_stack.cleanChanged.connect(self._clean_changed)

    def _clean_changed(self, _clean: bool) -> None:
        self.changed.emit(Changes(file=True))

    # --- state ----------------------------------------------------------------------------------------
    @property
    def portfolio(self) -> Portfolio:
        return self._portfolio

    @property
    def method(self) -> Method:
        return self._method

    @property
    def path(self) -> Path | None:
        return self._path

    @property
    def read_only(self) -> bool:
        return self._read_only

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        self.changed.emit(Changes(file=True))

    def set_path(self, path: Path | None) -> None:
        self._path = path
        self.changed.emit(Changes(file=True))

    def is_modified(self) -> bool:
        return not self.undo_stack.isClean()

    def mark_saved(self, path: Path) -> None:
        """Record that the current state is what `path` holds (clears the modified marker)."""
        self._path = path
        self.undo_stack.setClean()
        self.changed.emit(Changes(file=True))

    def replace(self, portfolio: Portfolio, path: Path | None, modified: bool = False) -> None:
        """Start over with another portfolio (New/Open/recovery): the undo history is cleared."""
        method = load_method(portfolio.method.id)
        self._portfolio = portfolio
        self._method = method
        self._path = path
        self._cache = _Cache()
        self._rank_base, self._moves, self._moves_dict = None, None, None
        self.undo_stack.clear()
        if modified:
            self.undo_stack.resetClean()
        self._selection = tuple(s for s in self._selection if any(p.id == s for p in portfolio.pilots))
        self.changed.emit(Changes.everything())
        self.selection_changed.emit(self._selection)

    # --- results -------------------------------------------------------------------------------------
    def weights(self) -> Weights:
        if self._cache.weights is None:
            self._cache.weights = effective_weights(self._method, self._portfolio)
        return self._cache.weights

    def prepared(self) -> Any:
        if self._cache.prepared is None:
            self._cache.prepared = scoring.prepare(self._portfolio, self._method)
        return self._cache.prepared

    def scores(self) -> scoring.Scores:
        if self._cache.scores is None:
            self._cache.scores = scoring.rescore(self.prepared(), self.weights())
            self._cache.arrays = None
        return self._cache.scores

    def arrays(self) -> ScoreArrays:
        """All pilots' scores as arrays (cached with the scores); see `ScoreArrays`."""
        if self._cache.arrays is None or self._cache.scores is None:
            scores = self.scores()
            self._cache.arrays = score_arrays(self.prepared(), scores)
        return self._cache.arrays

    def explain(self, pilot_id: str) -> Any:
        """The explanation of one pilot's score (contributions, gaps, failure modes, remedies)."""
        if pilot_id not in self._cache.explanations:
            from planner.triage.explain import explain  # the editor's first pilot, not start-up, pays

            self._cache.explanations[pilot_id] = explain(self.prepared(), self.weights(), pilot_id)
        return self._cache.explanations[pilot_id]

    def rank_moves(self) -> dict[str, int]:
        """Places gained (+) or lost (−) per pilot since the current run of weight changes began."""
        if self._moves is None:
            return {}
        if self._moves_dict is None:
            ids, moves = self.prepared().pilot_ids, self._moves
            self._moves_dict = {ids[i]: int(moves[i]) for i in np.flatnonzero(moves).tolist()}
        return self._moves_dict

    def rank_move(self, pilot_id: str) -> int:
        """`rank_moves()` for one pilot, without building the whole mapping (a table row asks this)."""
        if self._moves is None:
            return 0
        i = self.prepared().index.get(pilot_id)
        return 0 if i is None else int(self._moves[i])

    # --- edits --------------------------------------------------------------------------------------
    def push(self, command: QUndoCommand) -> None:
        """Run an undoable command (see ui.commands); refused, with `refused` saying why, when the
        document is read-only."""
        if self._read_only:
            self.refused.emit(
                "Not changed: this project is open read-only (another window has it). "
                "Save as… to work on a copy."
            )
            return
        self.undo_stack.push(command)

    def apply(self, portfolio: Portfolio, changes: Changes) -> None:
        """Install a new portfolio state and announce it. Only undo commands call this."""
        old = self._cache.scores
        ranks_before = (
            (self._cache.prepared.pilot_ids, old.vectors.ranks)
            if changes.weights and old is not None and old.vectors is not None and self._cache.prepared
            else None
        )
        self._portfolio = portfolio
        if changes.weights:
            self._cache.weights = None
            self._cache.scores = None
        if changes.pilots or changes.all_pilots or changes.structure or changes.stakeholders:
            self._cache.prepared = None
            self._cache.scores = None
        if changes.dependencies or changes.plan_inputs:
            self._cache.prepared = None
            self._cache.scores = None
        self._cache.explanations = {}
        if changes.weights and not (changes.pilots or changes.all_pilots or changes.structure):
            if self._rank_base is None and ranks_before is not None:
                self._rank_base = ranks_before
            if self._rank_base is not None:
                ids, base = self._rank_base
                vectors = self.scores().vectors
                if vectors is not None and tuple(ids) == tuple(self.prepared().pilot_ids):
                    self._moves, self._moves_dict = base - vectors.ranks, None
        elif changes.scores:
            self._rank_base, self._moves, self._moves_dict = None, None, None
        if changes.structure:
            ids = {p.id for p in portfolio.pilots}
            kept = tuple(s for s in self._selection if s in ids)
            if kept != self._selection:
                self._selection = kept
                self.selection_changed.emit(kept)
        self.changed.emit(changes)

    # --- selection ----------------------------------------------------------------------------------
    def selection(self) -> tuple[str, ...]:
        return self._selection

    def select(self, pilot_ids: tuple[str, ...] | list[str]) -> None:
        """Make these pilots the shared selection (every view follows); no signal if nothing changes."""
        ids = tuple(pilot_ids)
        if ids != self._selection:
            self._selection = ids
            self.selection_changed.emit(ids)

    def current_pilot(self) -> str | None:
        """The first selected pilot, if any (what the pilot editor shows)."""
        return self._selection[0] if self._selection else None
