"""Committees, sign-offs and the action log: the model's checks, the pure edits, the review of the last
committee's actions worked by hand, and the commands.

The fixture portfolio (``tests/renamed_method.py``) is valued on 1 March 2026 and holds the January
committee (C-1, 15 January, snapshot SC-1) with two actions: A-1 due 1 February (open, so 28 days
overdue on 1 March) and A-2 due 1 April (open, not yet due).
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from planner.cli import main
from planner.committee import Action, ActionStatus, Committee
from planner.graphs.edits import remove_people
from planner.model import Decision, Portfolio
from planner.portfolio import governance_edits as edits
from planner.portfolio import store
from planner.portfolio.edits import EditError
from planner.triage.actions import action_review
from tests.renamed_method import renamed_portfolio


def test_the_last_committees_actions_are_done_open_and_overdue_by_hand() -> None:
    pf = renamed_portfolio()
    done = edits.update_action(pf, "A-2", status="done", closed=date(2026, 2, 20))
    review = action_review(done)
    assert review.committee is not None and review.committee.id == "C-1"
    assert [x.action.id for x in review.overdue] == ["A-1"] and review.overdue[0].days_overdue == 28
    assert [x.action.id for x in review.done] == ["A-2"] and review.open == ()
    assert review.summary == "actions from the last committee (January committee): 1 done, 0 open, 1 overdue"
    # on 1 February itself A-1 is due, not yet overdue
    on_the_day = action_review(pf, date(2026, 2, 1))
    assert [x.action.id for x in on_the_day.open] == ["A-1", "A-2"] and on_the_day.overdue == ()
    assert on_the_day.open[0].owner == "Ines Moreau" and on_the_day.open[0].pilot == "Hiring screen"
    json.dumps(review.to_dict())  # the brief carries it as JSON


def test_a_later_committee_carries_what_the_earlier_one_left_open() -> None:
    pf = edits.add_committee(renamed_portfolio(), "February committee", date(2026, 2, 20), "SC-1")
    pf = edits.add_action(pf, "C-2026-02-20", title="Re-run the trial", due=date(2026, 3, 15))
    review = action_review(pf)
    assert review.committee is not None and review.committee.label == "February committee"
    assert [x.action.id for x in review.open] == ["A-3"]
    assert [x.action.id for x in review.earlier] == ["A-1", "A-2"]
    assert review.summary.endswith("1 open, 0 overdue; 2 still open from earlier committees")
    # before the February committee met, January's is the last one
    assert action_review(pf, date(2026, 2, 19)).committee.id == "C-1"  # type: ignore[union-attr]
    assert action_review(Portfolio()).summary == "no committee recorded yet"


def test_edits_are_pure_and_refuse_what_would_not_load() -> None:
    pf = renamed_portfolio()
    before = pf.model_dump()
    after = edits.add_action(pf, "C-1", title="Name a run owner", due=date(2026, 5, 1), owner="S-2")
    assert pf.model_dump() == before and len(after.committees[0].actions) == 3
    with pytest.raises(EditError, match=r"committees\[0\]\.actions\[2\]\.owner: unknown stakeholder 'S-9'"):
        edits.add_action(pf, "C-1", title="x", due=date(2026, 5, 1), owner="S-9")
    with pytest.raises(EditError, match=r"due: .*before 1900"):
        edits.add_action(pf, "C-1", title="x", due=date(1066, 10, 14))
    with pytest.raises(EditError, match=r"unknown committee 'C-9' \(committees: C-1\)"):
        edits.add_action(pf, "C-9", title="x", due=date(2026, 5, 1))
    with pytest.raises(EditError, match=r"give the day it was done"):
        edits.update_action(pf, "A-1", status="done")
    closed = edits.update_action(pf, "A-1", status="done", closed=date(2026, 2, 2))
    reopened = edits.update_action(closed, "A-1", status="open")
    assert reopened.committees[0].actions[0] == pf.committees[0].actions[0]
    assert [a.id for a in edits.remove_action(pf, "A-1").committees[0].actions] == ["A-2"]


def test_a_sign_off_names_pilots_of_the_snapshot_the_committee_saw() -> None:
    pf = renamed_portfolio()
    signed = edits.add_sign_off(pf, "C-1", "Tom Becker", date(2026, 1, 16), {"P-2": "fix_then_scale"}, "S-2")
    assert signed.committees[0].sign_offs[-1].decisions == {"P-2": Decision.FIX_THEN_SCALE}
    shown = [e for e in pf.snapshots[0].entries if e.pilot != "P-2"]
    gone = pf.model_copy(update={"snapshots": [pf.snapshots[0].model_copy(update={"entries": shown})]})
    with pytest.raises(
        EditError, match=r"sign_offs\[1\]\.decisions\.P-2: pilot 'P-2' is not in snapshot 'SC-1'"
    ):
        edits.add_sign_off(gone, "C-1", "Tom Becker", date(2026, 1, 16), {"P-2": "stop"})
    with pytest.raises(EditError, match=r"snapshot: unknown snapshot 'SC-9'"):
        edits.add_committee(pf, "x", date(2026, 1, 1), "SC-9")
    assert edits.remove_sign_off(signed, "C-1", 1).committees[0].sign_offs == pf.committees[0].sign_offs


def test_removing_a_person_unlinks_their_signature_and_actions_but_keeps_their_name() -> None:
    pf = remove_people(renamed_portfolio(), {"S-1"})
    committee = pf.committees[0]
    assert committee.sign_offs[0].by == "Ines Moreau" and committee.sign_offs[0].stakeholder is None
    assert committee.actions[0].owner is None
    assert store.loads(store.dumps(pf)) == pf


def test_the_model_refuses_a_closed_day_on_an_open_action_and_duplicate_ids() -> None:
    with pytest.raises(ValueError, match="an open action has no closing day"):
        Action(id="A", title="t", due=date(2026, 1, 1), closed=date(2026, 1, 2))
    pf = renamed_portfolio()
    twin = Committee(
        id="C-2", label="again", held=date(2026, 2, 1), snapshot="SC-1", actions=[pf.committees[0].actions[0]]
    )
    with pytest.raises(ValueError, match=r"committees\[1\]\.actions\[0\]\.id: duplicate action id 'A-1'"):
        Portfolio.model_validate(
            {**pf.model_dump(), "committees": [*pf.model_dump()["committees"], twin.model_dump()]}
        )


def test_the_commands_record_sign_and_follow_actions(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = tmp_path / "p.liftoff"
    store.save(renamed_portfolio(), project)
    assert (
        main(["committee", str(project), "record", "--label", "March committee", "--held", "2026-03-01"]) == 0
    )
    pf = store.load(project)
    march = pf.committees[-1]
    assert (march.id, march.snapshot) == ("C-2026-03-01", pf.snapshots[-1].id)
    assert [e.pilot for e in pf.snapshots[-1].entries][:1] == ["P-1"]  # the live scores, best first
    assert main(["committee", str(project), "sign", march.id, "--by", "S-2", "--on", "2026-03-02"]) == 0
    sign_off = store.load(project).committees[-1].sign_offs[0]
    assert (sign_off.by, sign_off.stakeholder, len(sign_off.decisions)) == ("Tom Becker", "S-2", 5)
    assert main(["actions", str(project), "add", "--title", "Write the runbook", "--due", "2026-04-01"]) == 0
    assert main(["actions", str(project), "update", "A-3", "--status", "done", "--on", "2026-03-20"]) == 0
    action = store.load(project).committees[-1].actions[0]
    assert (action.id, action.status, action.closed) == ("A-3", ActionStatus.DONE, date(2026, 3, 20))
    capsys.readouterr()
    assert main(["actions", str(project)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("actions from the last committee (March committee): 1 done, 0 open, 0 overdue;")
    assert "overdue 28 days" in out  # A-1, carried from January


def test_a_refused_command_leaves_the_file_as_it_was(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = tmp_path / "p.liftoff"
    store.save(renamed_portfolio(), project)
    before = project.read_bytes()
    for argv, message in (
        (
            ["actions", str(project), "add", "--title", "x", "--due", "2026-04-01", "--owner", "S-9"],
            "unknown stakeholder 'S-9'",
        ),
        (["actions", str(project), "update", "A-7", "--status", "open"], "unknown action 'A-7'"),
        (
            ["committee", str(project), "sign", "C-1", "--by", "S-1", "--pilot", "P-9"],
            "does not show pilot 'P-9'",
        ),
        (["committee", str(project), "record", "--label", "x", "--snapshot", "nope"], "no snapshot 'nope'"),
    ):
        assert main(argv) == 1
        err = capsys.readouterr().err
        assert message in err and err.count("\n") == 1, err
    assert project.read_bytes() == before


def test_removing_a_pilot_keeps_actions_valid() -> None:
    from planner.model import Pilot
    from planner.portfolio.edits import add_pilot, remove_pilots

    pf = add_pilot(renamed_portfolio(), Pilot(id="P-9", name="Added after January"))
    pf = edits.add_action(pf, "C-1", title="Scope it", due=date(2026, 4, 1), pilot="P-9")
    after = remove_pilots(pf, {"P-9", "P-2"})
    pilots = [a.pilot for a in after.committees[0].actions]
    assert pilots == ["P-2", None, None]  # P-2 is in the snapshot the committee saw; P-9 is not
    assert store.loads(store.dumps(after)) == after
