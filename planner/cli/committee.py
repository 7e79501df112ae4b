"""`liftoff committee` (committees and their sign-offs) and `liftoff actions` (the action log).

Both read and write the project file through ``planner.portfolio.store`` (atomically, keeping
FILE.bak); every change is one pure edit of ``planner.portfolio.governance_edits``, so a refused one
(an unknown stakeholder, a due date before 1900, a pilot the committee's snapshot did not show) is a
located line on stderr and the file is unchanged.
"""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from planner.cli.common import print_json, print_table, project_writer
from planner.formatting import count, day


def register(commands: Any) -> None:
    committee = commands.add_parser(
        "committee",
        group="portfolio",
        help="committees: list them, record one, sign off its decisions",
        description="list: the committees with their sign-offs. record --label L [--held DATE] "
        "[--snapshot SNAP]: a committee that saw the snapshot SNAP (by default a snapshot of the live "
        "scores is recorded with it). sign COMMITTEE --by WHO: WHO (a stakeholder id or a name) signs "
        "the decisions the committee's snapshot shows, for every pilot or those given with --pilot.",
    )
    committee.add_argument("file", help="project file (.liftoff)")
    committee.add_argument("action", nargs="?", choices=("list", "record", "sign"), default="list")
    committee.add_argument("committee", metavar="COMMITTEE", nargs="?", help="sign: the committee's id")
    committee.add_argument("--label", help='record: e.g. "Steering committee, December"')
    committee.add_argument(
        "--held", type=_day, help="record: the day it met (default: the project's as-of date)"
    )
    committee.add_argument("--snapshot", help="record: the snapshot it saw, by id or label")
    committee.add_argument("--by", help="sign: who signs (a stakeholder id, or a name)")
    committee.add_argument("--pilot", action="append", help="sign: a pilot whose decision is signed (repeat)")
    committee.add_argument("--on", type=_day, help="sign: the day of the signature (default: today)")
    committee.add_argument("--note", default="", help="sign: a note kept with the signature")
    committee.add_argument("--format", choices=("table", "json"), default="table")
    committee.add_argument(
        "--force", action="store_true", help="take over a lock on FILE whose holder cannot be checked"
    )
    committee.set_defaults(handler=_committee)

    actions = commands.add_parser(
        "actions",
        group="portfolio",
        help="the actions committees set: done, open, overdue; add, update, remove",
        description="list: the last committee's actions (done, open, overdue, dropped) and those still "
        "open from earlier committees. add --title T --due DATE [--owner S] [--pilot P] "
        "[--committee C]: an action of the last committee (or C). update ID [--status S --on DATE] "
        "[--due DATE] [--owner S|none] …: change one. remove ID.",
    )
    actions.add_argument("file", help="project file (.liftoff)")
    actions.add_argument("action", nargs="?", choices=("list", "add", "update", "remove"), default="list")
    actions.add_argument("id", nargs="?", help="update, remove: the action's id")
    actions.add_argument("--committee", help="add: the committee that set it (default: the last one)")
    actions.add_argument("--title")
    actions.add_argument("--owner", help="a stakeholder id ('none' to clear)")
    actions.add_argument("--due", type=_day, help="YYYY-MM-DD")
    actions.add_argument("--status", choices=("open", "done", "dropped"))
    actions.add_argument("--on", type=_day, help="update: the day it was done or dropped (default: today)")
    actions.add_argument("--pilot", help="the pilot it concerns ('none' to clear)")
    actions.add_argument("--note")
    actions.add_argument("--as-of", dest="as_of", type=_day, help="list: judge overdue on this day")
    actions.add_argument("--format", choices=("table", "json"), default="table")
    actions.add_argument(
        "--force", action="store_true", help="take over a lock on FILE whose holder cannot be checked"
    )
    actions.set_defaults(handler=_actions)


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"a date as YYYY-MM-DD, got {text!r}") from None


def _words(decision: Any) -> str:
    return str(decision.value).replace("_", " ")


def _committee(args: argparse.Namespace) -> int:
    from planner.portfolio.store import load

    if args.action in ("record", "sign"):
        with project_writer(args.file, args.force, "committee"):
            portfolio = load(args.file)
            return _record(args, portfolio) if args.action == "record" else _sign(args, portfolio)
    portfolio = load(args.file)
    if args.format == "json":
        print_json([c.model_dump(mode="json") for c in portfolio.committees])
        return 0
    if not portfolio.committees:
        print(f"{args.file}: no committee recorded yet")
        return 0
    print_table(
        ["committee", "label", "held", "snapshot", "sign-offs", "actions"],
        [
            [c.id, c.label, day(c.held), c.snapshot, len(c.sign_offs), len(c.actions)]
            for c in portfolio.committees
        ],
    )
    people = {s.id: s.name for s in portfolio.stakeholders}
    for c in portfolio.committees:
        for s in c.sign_offs:
            who = s.by + (f" ({s.stakeholder})" if s.stakeholder and people.get(s.stakeholder) else "")
            by_decision: dict[str, list[str]] = {}
            for pilot, decision in s.decisions.items():
                by_decision.setdefault(_words(decision), []).append(pilot)
            what = "; ".join(f"{d}: {', '.join(p)}" for d, p in by_decision.items())
            print(
                f"- {c.id}: signed by {who} on {day(s.signed)}: {count(len(s.decisions))} decisions ({what})"
            )
    return 0


def _record(args: argparse.Namespace, portfolio: Any) -> int:
    from planner.errors import LiftoffError
    from planner.portfolio.edits import add_snapshot
    from planner.portfolio.governance_edits import add_committee
    from planner.portfolio.store import save
    from planner.triage.scoring import score
    from planner.triage.snapshots import SnapshotError, find, record

    if not args.label:
        raise LiftoffError("committee record: give its --label")
    held = args.held or portfolio.as_of
    if args.snapshot:
        try:
            snapshot = find(portfolio, args.snapshot)
        except SnapshotError as exc:
            raise LiftoffError(f"{args.file}: {exc}") from None
    else:
        snapshot = record(portfolio, score(portfolio), args.label)
        portfolio = add_snapshot(portfolio, snapshot)
    after = add_committee(portfolio, args.label, held, snapshot.id)
    save(after, args.file)
    made = after.committees[-1]
    print(f"recorded committee {made.id} ({made.label!r}, {day(held)}), which saw snapshot {snapshot.id}")
    return 0


def _sign(args: argparse.Namespace, portfolio: Any) -> int:
    from planner.errors import LiftoffError
    from planner.portfolio.governance_edits import add_sign_off
    from planner.portfolio.store import save

    if not args.committee or not args.by:
        raise LiftoffError("committee sign: give the COMMITTEE id and --by (a stakeholder id or a name)")
    found = [c for c in portfolio.committees if c.id == args.committee]
    snapshot = next((s for s in portfolio.snapshots if found and s.id == found[0].snapshot), None)
    shown = {e.pilot: e.decision for e in snapshot.entries} if snapshot is not None else {}
    pilots = args.pilot or list(shown)
    unseen = [p for p in pilots if p not in shown]
    if found and unseen:
        raise LiftoffError(
            f"{args.file}: committee {args.committee} saw snapshot {found[0].snapshot}, which does not "
            f"show pilot {unseen[0]!r}"
        )
    person = next((s for s in portfolio.stakeholders if s.id == args.by), None)
    decisions = {p: shown.get(p, "") for p in pilots}
    after = add_sign_off(
        portfolio,
        args.committee,
        by=person.name if person else args.by,
        stakeholder=person.id if person else None,
        signed=args.on or date.today(),
        decisions=decisions,
        note=args.note,
    )
    save(after, args.file)
    signer = person.name if person else args.by
    print(f"{signer} signed {count(len(decisions))} decisions of committee {args.committee} in {args.file}")
    return 0


def _action_rows(lines: Any, state: str) -> list[list[Any]]:
    return [
        [
            x.action.id,
            state if not x.days_overdue else f"overdue {count(x.days_overdue)} days",
            x.action.title,
            x.owner or "–",
            day(x.action.due),
            x.pilot or "",
        ]
        for x in lines
    ]


def _actions(args: argparse.Namespace) -> int:
    from planner.portfolio.store import load
    from planner.triage.actions import action_review

    if args.action != "list":
        with project_writer(args.file, args.force, "actions"):
            return _change_actions(args, load(args.file))
    review = action_review(load(args.file), args.as_of)
    if args.format == "json":
        print_json(review.to_dict())
        return 0
    print(f"{review.summary} (on {day(review.as_of)})")
    rows = _action_rows(review.overdue, "overdue") + _action_rows(review.open, "open")
    rows += _action_rows(review.done, "done") + _action_rows(review.dropped, "dropped")
    rows += _action_rows(review.earlier, "open (earlier committee)")
    if rows:
        print_table(["action", "state", "what", "owner", "due", "pilot"], rows)
    return 0


def _change_actions(args: argparse.Namespace, portfolio: Any) -> int:
    from planner.errors import LiftoffError
    from planner.portfolio import governance_edits as edits
    from planner.portfolio.store import save
    from planner.triage.actions import last_committee

    fields = {k: getattr(args, k) for k in ("title", "owner", "due", "status", "pilot", "note")}
    fields = {k: (None if v == "none" else v) for k, v in fields.items() if v is not None}
    if args.action == "add":
        committee = args.committee or getattr(last_committee(portfolio), "id", None)
        if committee is None:
            raise LiftoffError(f"{args.file}: no committee recorded yet ('liftoff committee FILE record')")
        after = edits.add_action(portfolio, committee, **fields)
        added = next(c for c in after.committees if c.id == committee).actions[-1]
        done = f"added action {added.id}"
    elif not args.id:
        raise LiftoffError(
            f"give the id of the action to {args.action} (`liftoff actions {args.file}` lists them)"
        )
    elif args.action == "remove":
        after, done = edits.remove_action(portfolio, args.id), f"removed action {args.id}"
    else:
        if fields.get("status") in ("done", "dropped"):
            fields["closed"] = args.on or date.today()
        after, done = edits.update_action(portfolio, args.id, **fields), f"updated action {args.id}"
    save(after, args.file)
    print(f"{done} in {args.file}")
    return 0
