"""Snapshots: recording scores, ids, finding by id or label, and diffs worked out by hand."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from planner.model import Decision, Pilot, Portfolio, Rating, Snapshot, SnapshotEntry
from planner.triage import scoring, snapshots
from planner.triage.scoring import PilotScore, Scores
from planner.triage.snapshots import SnapshotError
from tests.factories import AS_OF, pilot, small_method

T1 = datetime(2026, 8, 20, 14, 30, 5, tzinfo=UTC)
T2 = datetime(2026, 10, 15, 9, 0, 0, tzinfo=UTC)


def make_scores(rows: list[tuple[str, float, float, float, float, Decision, int]]) -> Scores:
    """Scores from (pilot, value, readiness, sponsorship, composite, decision, gates) rows; rank by order."""
    pilots = {}
    for rank, (pid, v, r, s, c, decision, gates) in enumerate(rows, start=1):
        pilots[pid] = PilotScore(
            pilot=pid,
            value=v,
            readiness=r,
            sponsorship=s,
            composite=c,
            rank=rank,
            gates_passed=gates,
            gates_total=12,
            computed_decision=decision,
            decision=decision,
            overridden=False,
            decision_reason="",
            blocked=False,
            blocked_by=(),
            months_in_pilot=None,
        )
    return Scores(pilots=pilots, ranking=tuple(p for p, *_ in rows))


def portfolio(*ids: str) -> Portfolio:
    return Portfolio(as_of=AS_OF, pilots=[Pilot(id=i, name=f"Pilot {i}") for i in ids])


def test_record_keeps_every_pilot_in_rank_order_rounded() -> None:
    p = portfolio("A", "B")
    scores = make_scores(
        [
            ("B", 80.004, 55.556, 40.0, 100.0000000001, Decision.SCALE, 12),
            ("A", 30.0, 20.0, 10.0, 22.5, Decision.STOP, 3),
        ]
    )
    snap = snapshots.record(p, scores, "August committee", T1)
    assert snap.id == "snap-20260820-143005"
    assert snap.label == "August committee"
    assert snap.taken == T1
    assert [e.pilot for e in snap.entries] == ["B", "A"]
    b = snap.entries[0]
    # 80.004 → 80.0, 55.556 → 55.56 (two decimals); float noise above 100 is clamped to 100.
    assert (b.value, b.readiness, b.composite) == (80.0, 55.56, 100.0)
    assert (b.name, b.rank, b.decision, b.gates_passed) == ("Pilot B", 1, Decision.SCALE, 12)
    assert p.snapshots == []  # recording does not change the portfolio


def test_ids_are_unique_within_the_portfolio() -> None:
    scores = make_scores([("A", 50, 50, 50, 50, Decision.PIVOT, 0)])
    p = portfolio("A")
    first = snapshots.record(p, scores, "one", T1)
    p = p.model_copy(update={"snapshots": [first]})
    second = snapshots.record(p, scores, "two", T1)
    p = p.model_copy(update={"snapshots": [first, second]})
    third = snapshots.record(p, scores, "three", T1)
    assert [first.id, second.id, third.id] == [
        "snap-20260820-143005",
        "snap-20260820-143005-2",
        "snap-20260820-143005-3",
    ]
    Portfolio.model_validate(p.model_dump())  # ids valid and unique for the model too


def test_record_without_time_uses_now_in_utc() -> None:
    before = datetime.now(UTC).replace(microsecond=0)
    snap = snapshots.record(portfolio(), make_scores([]), "now")
    assert before <= snap.taken <= datetime.now(UTC)
    assert snap.taken.tzinfo is not None


def test_record_refuses_an_empty_label() -> None:
    with pytest.raises(SnapshotError, match="label: String should have at least 1 character"):
        snapshots.record(portfolio(), make_scores([]), "   ")


def test_diff_worked_by_hand() -> None:
    # August: A 61.5 rank 2 fix_then_scale; B 70 rank 1 scale; C 40 rank 3 pivot; D 20 rank 4 stop.
    # October: A 70 rank 1 scale; B 68 rank 2 scale; D 20 rank 3 stop; E (new) 55 rank 4.
    august = snapshots.record(
        portfolio("A", "B", "C", "D"),
        make_scores(
            [
                ("B", 75, 70, 60, 70.0, Decision.SCALE, 12),
                ("A", 65, 55, 70, 61.5, Decision.FIX_THEN_SCALE, 9),
                ("C", 45, 65, 20, 40.0, Decision.PIVOT, 4),
                ("D", 25, 15, 20, 20.0, Decision.STOP, 1),
            ]
        ),
        "August",
        T1,
    )
    october = snapshots.record(
        portfolio("A", "B", "D", "E"),
        make_scores(
            [
                ("A", 72, 68, 70, 70.0, Decision.SCALE, 12),
                ("B", 75, 66, 60, 68.0, Decision.SCALE, 12),
                ("D", 25, 15, 20, 20.0, Decision.STOP, 1),
                ("E", 60, 50, 55, 55.0, Decision.FIX_THEN_SCALE, 6),
            ]
        ),
        "October",
        T2,
    )
    d = snapshots.diff(august, october)
    # A: composite 70 − 61.5 = +8.5, value 72 − 65 = +7, readiness 68 − 55 = +13, rank 2 → 1 (up 1).
    # B: composite 68 − 70 = −2, readiness 66 − 70 = −4, rank 1 → 2 (down 1).
    # D: same scores, but rank 4 → 3 because C left.
    assert [m.pilot for m in d.moves] == ["A", "B", "D"]
    a, b, dd = d.moves
    assert (a.composite, a.value, a.readiness, a.sponsorship) == (8.5, 7.0, 13.0, 0.0)
    assert (a.rank_before, a.rank_after, a.rank_move) == (2, 1, 1)
    assert (a.decision_before, a.decision_after, a.decision_changed) == (
        Decision.FIX_THEN_SCALE,
        Decision.SCALE,
        True,
    )
    assert (a.gates_before, a.gates_after) == (9, 12)
    assert (b.composite, b.readiness, b.rank_move, b.decision_changed) == (-2.0, -4.0, -1, False)
    assert (dd.composite, dd.rank_move, dd.decision_changed, dd.moved) == (0.0, 1, False, True)
    assert [m.pilot for m in d.decision_changes] == ["A"]
    assert [m.pilot for m in d.changed] == ["A", "B", "D"]
    assert [e.pilot for e in d.new] == ["E"]
    assert [e.pilot for e in d.removed] == ["C"]
    assert (d.before.label, d.after.label) == ("August", "October")


def test_ties_in_move_size_go_by_rank_move_then_id() -> None:
    def snap(rows: list[tuple[str, float, int]]) -> Snapshot:
        return Snapshot(
            id="s",
            label="s",
            taken=T1,
            entries=[
                SnapshotEntry(
                    pilot=p,
                    name=p,
                    value=0,
                    readiness=0,
                    sponsorship=0,
                    composite=c,
                    rank=r,
                    decision=Decision.STOP,
                    gates_passed=0,
                )
                for p, c, r in rows
            ],
        )

    before = snap([("X", 50, 1), ("Y", 50, 2), ("Z", 50, 3), ("W", 10, 4)])
    after = snap([("X", 45, 3), ("Y", 55, 1), ("Z", 45, 2), ("W", 10, 4)])
    # X, Y, Z all move 5 points; ranks move X −2, Y +1, Z +1; so X first, then Y before Z by id.
    moves = snapshots.diff(before, after).moves
    assert [m.pilot for m in moves] == ["X", "Y", "Z", "W"]
    assert not moves[-1].moved  # W: same composite, rank and decision


def test_find_by_id_or_label() -> None:
    scores = make_scores([("A", 50, 50, 50, 50, Decision.PIVOT, 0)])
    p = portfolio("A")
    s1 = snapshots.record(p, scores, "Steering committee", T1)
    s2 = snapshots.record(p, scores, "Steering committee", T2)
    s3 = snapshots.record(p, scores, "Kick-off", T2.replace(hour=10))
    p = p.model_copy(update={"snapshots": [s1, s2, s3]})
    assert snapshots.find(p, s2.id) == s2
    assert snapshots.find(p, "Kick-off") == s3
    with pytest.raises(SnapshotError, match="several snapshots are labelled 'Steering committee'"):
        snapshots.find(p, "Steering committee")
    with pytest.raises(SnapshotError, match=r"no snapshot 'June'; recorded: snap-20260820-143005 \("):
        snapshots.find(p, "June")


def test_diff_against_current_with_the_real_engine() -> None:
    # Small method: value = 15 × v_kpi (no finance: benefit rating 0), readiness = 10 × (r_data + r_ops).
    method = small_method()
    p = Portfolio(as_of=AS_OF, pilots=[pilot("A", ratings={"v_kpi": 4, "r_data": 2, "r_ops": 2})])
    before = snapshots.record(p, scoring.score(p, method), "before", T1)
    assert before.entries[0].value == 60.0  # 15 × 4
    assert before.entries[0].readiness == 40.0  # 10 × (2 + 2)
    edited = p.model_copy(deep=True)
    edited.pilots[0].ratings["r_data"] = Rating(score=5)
    d = snapshots.diff_against_current(before, edited, scoring.score(edited, method))
    assert d.after.id == "current"
    (move,) = d.moves
    assert move.readiness == 30.0  # 10 × (5 + 2) − 40
    assert move.value == 0.0


def test_snapshots_with_and_without_a_time_zone_order_by_time() -> None:
    # The demo holds a snapshot without a zone; `record` writes UTC. Sorting the two by `taken` raised
    # "can't compare offset-naive and offset-aware datetimes" (`liftoff pack` after `liftoff snapshot`).
    naive = Snapshot(id="old", label="August", taken=datetime(2026, 8, 20, 15, 0))
    aware = Snapshot(id="new", label="Now", taken=T1)  # 20 Aug 2026 14:30:05 UTC: earlier than 15:00
    later = Snapshot(id="later", label="Later", taken=T2)
    ordered = sorted([later, naive, aware], key=snapshots.taken_order)
    assert [s.id for s in ordered] == ["new", "old", "later"]
