"""`liftoff sensitivity`: how far each weight can move before the ranking's top or a decision changes."""

from __future__ import annotations

import argparse
from typing import Any

from planner.cli.common import print_json, print_table
from planner.formatting import number


def register(commands: Any) -> None:
    sens = commands.add_parser(
        "sensitivity",
        group="analyses",
        help="how far each weight can move before the ranking changes",
        description="For every criterion and dimension weight, the range it can take (all other weights "
        "fixed) before the top of the ranking or any decision changes, and what changes just beyond. "
        "Only weights a person can set count (1 to 100): a range that reaches an end holds up to the "
        "maximum (or down to the minimum). Exact, not sampled.",
    )
    sens.add_argument("file", help="project file (.liftoff)")
    sens.add_argument("--top", type=_top, default=5, help="how many pilots count as the top (default 5)")
    sens.add_argument("--format", choices=("table", "json"), default="table", help="output format")
    sens.set_defaults(handler=_sensitivity)


def _top(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, got {text!r}")
    return value


def _sensitivity(args: argparse.Namespace) -> int:
    from planner.method import effective_weights, load_method
    from planner.portfolio.store import load
    from planner.triage.scoring import prepare
    from planner.triage.sensitivity import WEIGHT_MAX, WEIGHT_MIN, sensitivity
    from planner.triage.sensitivity_words import beyond, holds, sensitivity_dict

    portfolio = load(args.file)
    method = load_method(portfolio.method.id)
    result = sensitivity(prepare(portfolio, method), effective_weights(method, portfolio), args.top)
    if args.format == "json":
        print_json(sensitivity_dict(result))
        return 0
    print(f"Top {result.top} now: {', '.join(result.top_ids) or 'none'}")
    print(f"A weight can be set from {WEIGHT_MIN} to {WEIGHT_MAX}; nothing beyond that counts as a change.")
    for kind, title in (("criterion", "Criterion weights"), ("dimension", "Dimension weights")):
        print(f"\n{title}")
        print_table(
            ["weight", "now", f"top {result.top} holds", "every decision holds"],
            [
                [ws.name, number(ws.current), holds(ws.ranking), holds(ws.decisions)]
                for ws in result.weights
                if ws.kind == kind
            ],
        )
    changes = [
        [ws.name, text]
        for ws in result.weights
        for stability in (ws.ranking, ws.decisions)
        for text in (beyond(stability.low, "below"), beyond(stability.high, "above"))
        if text
    ]
    if changes:
        print("\nWhat changes just beyond each end")
        print_table(["weight", "change"], changes)
    return 0
