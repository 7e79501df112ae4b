"""Snapshots: the portfolio's results as a steering committee saw them, and what moved since.

A snapshot is history kept on purpose (``model.Snapshot``, saved in the project file): for every
pilot its dimension scores, composite, rank, decision (after overrides) and gates passed at the time.
Scores are recorded rounded to two decimals, so a file reads cleanly and a diff never reports noise
below 0.01 points.

``diff(a, b)`` says what changed from `a` to `b`. Example: a pilot at composite 61.5, rank 4, "fix then
scale" in August and 70.0, rank 2, "scale" in October shows a move of +8.5 composite points, up two
ranks, decision changed. Pilots only in `b` are new, only in `a` removed. Moves are sorted by the size
of the composite move, then of the rank move, then by pilot id.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from pydantic import ValidationError

from planner.errors import LiftoffError, format_validation_error
from planner.model import Decision, Portfolio, Snapshot, SnapshotEntry
from planner.triage.scoring import Scores

CURRENT = "current"  # the key that names the live scores in `diff` commands


class SnapshotError(LiftoffError):
    """A snapshot that cannot be recorded or found; the message says which and why."""


@dataclass(frozen=True, slots=True)
class PilotMove:
    """One pilot present in both snapshots. Deltas are after − before; `rank_move` > 0 means it rose."""

    pilot: str
    name: str
    value: float
    readiness: float
    sponsorship: float
    composite: float
    rank_before: int
    rank_after: int
    decision_before: Decision
    decision_after: Decision
    gates_before: int
    gates_after: int

    @property
    def rank_move(self) -> int:
        return self.rank_before - self.rank_after

    @property
    def decision_changed(self) -> bool:
        return self.decision_before != self.decision_after

    @property
    def moved(self) -> bool:
        """Anything recorded differs: a score, the rank, the decision or the gates passed."""
        return (
            any(d != 0 for d in (self.value, self.readiness, self.sponsorship, self.composite))
            or self.rank_move != 0
            or self.decision_changed
            or self.gates_before != self.gates_after
        )


@dataclass(frozen=True, slots=True)
class SnapshotDiff:
    before: Snapshot
    after: Snapshot
    moves: tuple[PilotMove, ...]  # every pilot in both, biggest move first
    new: tuple[SnapshotEntry, ...]  # only in `after`, by rank there
    removed: tuple[SnapshotEntry, ...]  # only in `before`, by rank there

    @property
    def decision_changes(self) -> tuple[PilotMove, ...]:
        """The moves whose decision changed, biggest move first."""
        return tuple(m for m in self.moves if m.decision_changed)

    @property
    def changed(self) -> tuple[PilotMove, ...]:
        """The moves where anything recorded differs, biggest move first."""
        return tuple(m for m in self.moves if m.moved)


def _score(x: float) -> float:
    return round(min(100.0, max(0.0, float(x))), 2)


def taken_order(snapshot: Snapshot) -> tuple[datetime, str]:
    """A sort key: when the snapshot was taken, then its id. Use it wherever snapshots are ordered.

    A time without a zone counts as UTC: files mix both (the demo and older files hold local times
    without a zone, `record` writes UTC), and Python refuses to compare the two kinds.
    """
    taken = snapshot.taken
    return (taken if taken.tzinfo is not None else taken.replace(tzinfo=UTC)), snapshot.id


def snapshot_id(taken: datetime, existing: Iterable[str]) -> str:
    """``snap-YYYYMMDD-HHMMSS`` of `taken`, with ``-2``, ``-3``… appended if that id is already used."""
    used = set(existing)
    base = f"snap-{taken:%Y%m%d-%H%M%S}"
    candidate, n = base, 1
    while candidate in used:
        n += 1
        candidate = f"{base}-{n}"
    return candidate


def record(portfolio: Portfolio, scores: Scores, label: str, taken: datetime | None = None) -> Snapshot:
    """A snapshot of `scores` (for `portfolio`) labelled `label`, taken now (UTC) unless given.

    Guarantees: one entry per scored pilot, in ranking order; the id is derived from `taken` and is
    not used by any snapshot already in the portfolio. The portfolio is not changed (append the
    result with ``edits.add_snapshot``). SnapshotError for an empty or too long label.
    """
    when = taken if taken is not None else datetime.now(UTC).replace(microsecond=0)
    names = {p.id: p.name for p in portfolio.pilots}
    entries = []
    for pilot_id in scores.ranking:
        s = scores.pilots[pilot_id]
        entries.append(
            SnapshotEntry(
                pilot=pilot_id,
                name=names.get(pilot_id, pilot_id),
                value=_score(s.value),
                readiness=_score(s.readiness),
                sponsorship=_score(s.sponsorship),
                composite=_score(s.composite),
                rank=s.rank,
                decision=s.decision,
                gates_passed=s.gates_passed,
            )
        )
    try:
        return Snapshot(
            id=snapshot_id(when, (s.id for s in portfolio.snapshots)),
            label=label,
            taken=when,
            entries=entries,
        )
    except ValidationError as exc:
        raise SnapshotError(format_validation_error(exc)) from None


def find(portfolio: Portfolio, key: str) -> Snapshot:
    """The snapshot whose id is `key`, else the one labelled `key`; SnapshotError naming the choices.

    A label shared by several snapshots is refused as ambiguous (ids are unique).
    """
    for snap in portfolio.snapshots:
        if snap.id == key:
            return snap
    labelled = [s for s in portfolio.snapshots if s.label == key]
    if len(labelled) == 1:
        return labelled[0]
    if labelled:
        ids = ", ".join(s.id for s in labelled)
        raise SnapshotError(f"several snapshots are labelled {key!r} ({ids}); name one by its id")
    raise SnapshotError(f"no snapshot {key!r}; recorded: {recorded(portfolio)}")


def recorded(portfolio: Portfolio) -> str:
    """The recorded snapshots as "id (label)", oldest first, for a message: "SC-1 (March), SC-2 (May)"."""
    snaps = sorted(portfolio.snapshots, key=taken_order)
    return ", ".join(f"{s.id} ({s.label})" for s in snaps) or "none yet"


def _by_pilot(snapshot: Snapshot) -> dict[str, SnapshotEntry]:
    entries: dict[str, SnapshotEntry] = {}
    for entry in snapshot.entries:
        entries.setdefault(entry.pilot, entry)  # a hand-edited duplicate: the first one counts
    return entries


def diff(a: Snapshot, b: Snapshot) -> SnapshotDiff:
    """What changed from snapshot `a` (before) to `b` (after); see the module docstring."""
    before, after = _by_pilot(a), _by_pilot(b)
    moves = []
    for pilot_id, old in before.items():
        new = after.get(pilot_id)
        if new is None:
            continue
        moves.append(
            PilotMove(
                pilot=pilot_id,
                name=new.name,
                value=round(new.value - old.value, 2),
                readiness=round(new.readiness - old.readiness, 2),
                sponsorship=round(new.sponsorship - old.sponsorship, 2),
                composite=round(new.composite - old.composite, 2),
                rank_before=old.rank,
                rank_after=new.rank,
                decision_before=old.decision,
                decision_after=new.decision,
                gates_before=old.gates_passed,
                gates_after=new.gates_passed,
            )
        )
    moves.sort(key=lambda m: (-abs(m.composite), -abs(m.rank_move), m.pilot))
    added = sorted((e for p, e in after.items() if p not in before), key=lambda e: (e.rank, e.pilot))
    gone = sorted((e for p, e in before.items() if p not in after), key=lambda e: (e.rank, e.pilot))
    return SnapshotDiff(before=a, after=b, moves=tuple(moves), new=tuple(added), removed=tuple(gone))


def current(portfolio: Portfolio, scores: Scores, taken: datetime | None = None) -> Snapshot:
    """The live scores as an unsaved snapshot with id and label ``current`` (recorded like any other)."""
    snap = record(portfolio.model_copy(update={"snapshots": []}), scores, CURRENT, taken)
    return snap.model_copy(update={"id": CURRENT})


def diff_against_current(snapshot: Snapshot, portfolio: Portfolio, scores: Scores) -> SnapshotDiff:
    """What changed from `snapshot` to the live `scores` of `portfolio`."""
    return diff(snapshot, current(portfolio, scores))
