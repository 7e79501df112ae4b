"""Workshop commands: ``consensus`` (where the room disagrees, and what it would flip) and ``raters``
(who rated what, coverage, and how each round's spread narrowed). Both only read the project file.
"""

from __future__ import annotations

import argparse
import math
import sys
from typing import Any

from planner.cli.common import print_json, print_table
from planner.formatting import percent, rating


def register(commands: Any) -> None:
    consensus = commands.add_parser(
        "consensus",
        group="workshop",
        help="the workshop's consensus, spread and contested pilots",
        description="For every pilot the workshop rated: the consensus of each criterion (the "
        "facilitator's value where set, else the median of the raters), its spread (range and "
        "interquartile range), the method's decision under the consensus, under each rater's own "
        "ratings and at the low and high ends of the spread, and whether those decisions differ "
        "(contested). Contested pilots are listed first, most value at stake first, with the "
        "criteria that would flip them; then the group's pairwise weights beside each rater's.",
    )
    consensus.add_argument("file", help="project file (.liftoff)")
    consensus.add_argument(
        "--pilot", metavar="ID", help="show this pilot's criteria in detail (JSON: only it)"
    )
    consensus.add_argument("--all", action="store_true", help="show every rated pilot's criteria in detail")
    consensus.add_argument("--format", choices=("text", "json"), default="text", help="output format")
    consensus.set_defaults(handler=_consensus)

    raters = commands.add_parser(
        "raters",
        group="workshop",
        help="who rated what in the workshop, coverage and rounds",
        description="List the workshop's raters with the pilots and criteria each rated and their "
        "coverage, each workshop pilot's coverage, and every round with how far apart the raters "
        "still were (mean range and interquartile range over the criteria two or more rated).",
    )
    raters.add_argument("file", help="project file (.liftoff)")
    raters.add_argument("--format", choices=("text", "json"), default="text", help="output format")
    raters.set_defaults(handler=_raters)


def _words(decision: Any) -> str:
    return str(decision.value).replace("_", " ")


def _number(value: float | None) -> float | None:
    return None if value is None or math.isnan(value) else round(value, 2)


def _analyse(path: str) -> tuple[Any, Any, Any]:
    from planner.method import load_method
    from planner.portfolio.store import load
    from planner.triage.disagreement import disagreement

    portfolio = load(path)
    method = load_method(portfolio.method.id)
    return portfolio, method, disagreement(portfolio, method)


def _pilot_data(portfolio: Any, d: Any, pilot_id: str) -> dict[str, Any]:
    p = d.pilot(pilot_id)
    return {
        "pilot": pilot_id,
        "name": portfolio.pilot(pilot_id).name,
        "raters": list(p.raters),
        "consensus_decision": p.consensus.value,
        "by_rater": {r: dec.value for r, dec in p.by_rater.items()},
        "low_end": p.low.value,
        "high_end": p.high.value,
        "contested": p.contested,
        "at_stake": round(p.at_stake, 2),
        "criteria": [
            {
                "criterion": s.criterion,
                "consensus": s.consensus,
                "source": s.source.value,
                "values": s.values,
                "low": s.low,
                "high": s.high,
                "range": s.range,
                "q1": s.q1,
                "q3": s.q3,
                "iqr": s.iqr,
            }
            for s in p.spreads
        ],
        "flips": [
            {"criterion": f.criterion, "end": f.end, "value": f.value, "decision": f.decision.value}
            for f in p.flips
        ],
    }


def _weights_data(portfolio: Any, method: Any) -> dict[str, Any]:
    from planner.triage.group_weights import answered_groups, group_weights

    out: dict[str, Any] = {}
    for group in answered_groups(portfolio, method):
        gw = group_weights(portfolio, method, group)
        result = gw.result
        out[group] = {
            "items": list(gw.items),
            "group": None
            if result is None
            else {"weights": result.group.weights, "consistency_ratio": result.group.consistency_ratio},
            "people": {
                r: {"weights": w.weights, "consistency_ratio": w.consistency_ratio}
                for r, w in gw.people.items()
            },
            "skipped": gw.skipped,
        }
    return out


def _consensus(args: argparse.Namespace) -> int:
    from planner.errors import LiftoffError

    portfolio, method, d = _analyse(args.file)
    if args.pilot is not None and args.pilot not in d.prepared.index:
        raise LiftoffError(f"{args.file}: no pilot {args.pilot!r}")
    if args.format == "json":
        print_json(
            {
                "portfolio": portfolio.name,
                "raters": [{"id": r.id, "name": r.name} for r in portfolio.workshop.raters],
                "queue": list(d.queue),
                "pilots": [
                    _pilot_data(portfolio, d, pid)
                    for pid in ([args.pilot] if args.pilot else d.prepared.pilot_ids)
                ],
                "weights": _weights_data(portfolio, method),
            }
        )
        return 0
    _print_consensus(portfolio, method, d, args)
    return 0


def _print_consensus(portfolio: Any, method: Any, d: Any, args: argparse.Namespace) -> None:
    from planner.formatting import day, money

    out = sys.stdout
    workshop = portfolio.workshop
    names = {r.id: r.name for r in workshop.raters}
    line = f"{portfolio.name}: {len(workshop.raters)} rater{'s' if len(workshop.raters) != 1 else ''}"
    if workshop.rounds:
        last = workshop.rounds[-1]
        when = last.closed or last.revealed or last.opened
        line += f"; round {last.number} “{last.label}” {last.status.value} {day(when)}"
    out.write(line + "\n")
    out.write(
        "Consensus: the facilitator's value where set, else the median of the raters; "
        "a criterion no rater rated keeps its single rating.\n"
    )
    rated = [pid for k, pid in enumerate(d.prepared.pilot_ids) if d.rated[:, k].any()]
    if not rated:
        out.write("\nNo rater has rated any pilot yet: every consensus is the single rating.\n")
    out.write(f"\nDiscussion queue: {len(d.queue)} contested pilot{'s' if len(d.queue) != 1 else ''}")
    out.write(", most value at stake first\n" if d.queue else "\n")
    for n, pid in enumerate(d.queue, start=1):
        p = d.pilot(pid)
        out.write(
            f"{n:>3}. {pid} {portfolio.pilot(pid).name} ({money(p.at_stake, portfolio.currency)} at stake)\n"
        )
        out.write(
            f"     consensus: {_words(p.consensus)}; low end: {_words(p.low)}; high end: {_words(p.high)}\n"
        )
        views = " · ".join(f"{names[r]}: {_words(dec)}" for r, dec in p.by_rater.items())
        out.write(f"     by rater: {views}\n")
        if p.flips:
            criteria = {c.id: c.name for c in method.criteria}
            flips = "; ".join(
                f"{criteria[f.criterion]} at {f.value:g} ({f.end}) → {_words(f.decision)}" for f in p.flips
            )
            out.write(f"     would flip on: {flips}\n")
    if rated:
        out.write("\nPilots the raters rated\n")
        rows = []
        for pid in rated:
            p = d.pilot(pid)
            widest = max((s.range for s in p.spreads), default=0.0)
            rows.append(
                [
                    pid,
                    portfolio.pilot(pid).name,
                    len(p.raters),
                    _words(p.consensus),
                    _words(p.low),
                    _words(p.high),
                    "yes" if p.contested else "no",
                    rating(widest),
                ]
            )
        print_table(
            ["pilot", "name", "raters", "consensus", "low end", "high end", "contested", "widest"], rows
        )
    detail = [args.pilot] if args.pilot else rated if args.all else list(d.queue)
    for pid in detail:
        _print_criteria(portfolio, method, d, pid)
    _print_weights(portfolio, method)


def _print_criteria(portfolio: Any, method: Any, d: Any, pilot_id: str) -> None:
    p = d.pilot(pilot_id)
    out = sys.stdout
    out.write(f"\n{pilot_id} {portfolio.pilot(pilot_id).name}: {'contested' if p.contested else 'agreed'}\n")
    if not p.spreads:
        out.write("(no rater has rated it: its single ratings are the consensus)\n")
        return
    criteria = {c.id: c.name for c in method.criteria}
    raters = list(p.raters)
    rows = [
        [
            criteria[s.criterion],
            s.source.value,
            rating(s.consensus),
            None if s.low is None else rating(s.low),
            None if s.high is None else rating(s.high),
            rating(s.range),
            rating(s.iqr),
            *(s.values.get(r) for r in raters),
        ]
        for s in p.spreads
    ]
    print_table(["criterion", "from", "consensus", "low", "high", "range", "IQR", *raters], rows)


def _print_weights(portfolio: Any, method: Any) -> None:
    from planner.triage.group_weights import answered_groups, group_weights

    out = sys.stdout
    for group in answered_groups(portfolio, method):
        gw = group_weights(portfolio, method, group)
        title = "Dimensions" if group == "dimensions" else f"Criteria of {group}"
        out.write(
            f"\nPairwise weights, {title.lower()}: the group (geometric mean of answers) and each rater\n"
        )
        if gw.result is None:
            out.write("(nobody answered every pair)\n")
        else:
            results = [gw.result.group, *gw.people.values()]
            rows = [[gw.names[item], *(percent(100 * r.weights[item]) for r in results)] for item in gw.items]
            rows.append(["consistency ratio", *(f"{r.consistency_ratio:.3f}" for r in results)])
            print_table(["item", "group", *gw.people], rows)
        for rater, reason in gw.skipped.items():
            out.write(f"left out: {rater}: {reason}\n")


def _raters(args: argparse.Namespace) -> int:
    from planner.formatting import day
    from planner.method import load_method
    from planner.portfolio.store import load
    from planner.triage.coverage import coverage
    from planner.triage.rounds import spread_by_round

    portfolio = load(args.file)
    method = load_method(portfolio.method.id)
    cov = coverage(portfolio, method)
    rounds = spread_by_round(portfolio, method)
    by_number = {r.number: r for r in portfolio.workshop.rounds}
    round_rows: list[dict[str, Any]] = [
        {
            "round": s.number,
            "label": s.label,
            "status": s.status.value,
            "opened": by_number[s.number].opened,
            "closed": by_number[s.number].closed,
            "pilots": list(s.pilots),
            "cells": s.overall.cells,
            "mean_range": _number(s.overall.mean_range),
            "mean_iqr": _number(s.overall.mean_iqr),
            "wide": s.overall.wide,
        }
        for s in rounds
    ]
    if args.format == "json":
        print_json(
            {
                "criteria": list(cov.criteria),
                "raters": [
                    {
                        "id": r.rater,
                        "name": r.name,
                        "stakeholder": r.stakeholder,
                        "pilots": r.pilots,
                        "ratings": r.ratings,
                        "coverage": round(r.share, 4),
                    }
                    for r in cov.raters
                ],
                "pilots": [
                    {
                        "pilot": p.pilot,
                        "name": p.name,
                        "raters": list(p.raters),
                        "ratings": p.ratings,
                        "coverage": round(p.share, 4),
                        "facilitated": p.facilitated,
                    }
                    for p in cov.pilots
                ],
                "rounds": round_rows,
            }
        )
        return 0
    out = sys.stdout
    if not cov.raters:
        out.write(f"{args.file}: no raters yet; every rating is a single rating\n")
        return 0
    out.write(
        f"{len(cov.raters)} raters; {len(cov.pilots)} workshop pilot{'s' if len(cov.pilots) != 1 else ''} "
        f"× {len(cov.criteria)} typed criteria\n\n"
    )
    print_table(
        ["rater", "name", "stakeholder", "pilots", "ratings", "coverage"],
        [
            [r.rater, r.name, r.stakeholder, r.pilots, r.ratings, percent(100 * r.share, 0)]
            for r in cov.raters
        ],
    )
    if cov.pilots:
        out.write("\n")
        print_table(
            ["pilot", "name", "raters", "ratings", "coverage", "facilitator set"],
            [
                [p.pilot, p.name, len(p.raters), p.ratings, percent(100 * p.share, 0), p.facilitated]
                for p in cov.pilots
            ],
        )
    if round_rows:
        out.write("\nRounds (spread over the criteria two or more raters rated)\n")
        print_table(
            [
                "round",
                "label",
                "status",
                "opened",
                "closed",
                "pilots",
                "cells",
                "mean range",
                "mean IQR",
                "2+ apart",
            ],
            [
                [
                    r["round"],
                    r["label"],
                    r["status"],
                    day(r["opened"]),
                    None if r["closed"] is None else day(r["closed"]),
                    len(r["pilots"]),
                    r["cells"],
                    None if r["mean_range"] is None else rating(r["mean_range"]),
                    None if r["mean_iqr"] is None else rating(r["mean_iqr"]),
                    r["wide"],
                ]
                for r in round_rows
            ],
        )
        _print_pilot_rounds(portfolio, rounds)
    return 0


def _print_pilot_rounds(portfolio: Any, rounds: Any) -> None:
    """Each pilot's mean range and IQR in every round it was in: how its spread narrowed."""
    pilots = [p.id for p in portfolio.pilots if any(p.id in s.pilots for s in rounds)]
    sys.stdout.write("\nBy pilot: mean range / mean IQR in each round\n")
    rows = []
    for pid in pilots:
        cells = []
        for s in rounds:
            spread = s.pilots.get(pid)
            cells.append(
                "–"
                if spread is None or not spread.cells
                else f"{rating(spread.mean_range)} / {rating(spread.mean_iqr)}"
            )
        rows.append([pid, portfolio.pilot(pid).name, *cells])
    print_table(["pilot", "name", *(f"round {s.number}" for s in rounds)], rows)
