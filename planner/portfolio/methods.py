"""The method a project carries: switching it (a pure edit), and comparing two methods.

``use_method(portfolio, method)`` gives the portfolio scored with `method` from then on, carried in
its file; the user's weight and threshold overrides stay (those the new method does not know are
ignored when scoring and listed by ``liftoff validate``), unless they would leave one of its
dimensions with no weight at all, which is refused. Ratings and gate ticks are never touched: a
criterion the new method drops keeps its ratings in the file, so switching back restores everything.

``diff_methods(old, new)`` lists what differs, one line per change, in the order a reader checks a
method: its name and version, dimensions, criteria, thresholds, derivations, gates, obligations,
failure modes, remedies. What the change does to a portfolio's decisions is
``planner.triage.method_change.decision_moves``.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Any

from planner.method import Method, weight_problems
from planner.model import Portfolio
from planner.portfolio.edits import EditError

SHORT = 40  # a value this long or shorter is shown in full ("weight 20 → 25"); longer: "changed"


def use_method(portfolio: Portfolio, method: Method) -> Portfolio:
    """The portfolio scored with `method`, which its file then carries (see the module docstring)."""
    choice = portfolio.method.model_copy(update={"id": method.id, "definition": method})
    problems = weight_problems(method, choice)
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise EditError(f"method {method.id!r} cannot be used with these weights: {problems[0]}{more}")
    return portfolio.model_copy(update={"method": choice})


@dataclass(frozen=True, slots=True)
class MethodChange:
    section: str  # "dimensions", "criteria", "gates", …
    item: str  # the id of what changed ("" for the method itself)
    text: str  # the change in words: "renamed 'Value' → 'Payoff'", "weight 20 → 25", "added"


def diff_methods(old: Method, new: Method) -> tuple[MethodChange, ...]:
    """Every difference between two methods (see the module docstring); empty when they are equal."""
    changes: list[MethodChange] = []
    for name in ("id", "name", "version", "description"):
        changes += _field_changes("method", "", name, getattr(old, name), getattr(new, name))
    sections: tuple[tuple[str, list[Any], list[Any]], ...] = (
        ("dimensions", list(old.dimensions), list(new.dimensions)),
        ("criteria", list(old.criteria), list(new.criteria)),
        ("gates", list(old.gates), list(new.gates)),
        ("obligations", list(old.obligations), list(new.obligations)),
        ("failure modes", list(old.failure_modes), list(new.failure_modes)),
        ("remedies", list(old.remedies), list(new.remedies)),
    )
    for section, before, after in sections[:2]:
        changes += _items(section, before, after)
    for key in sorted(set(old.thresholds) | set(new.thresholds)):
        changes += _field_changes(
            "thresholds", key, "value", old.thresholds.get(key), new.thresholds.get(key)
        )
    for name, value in old.derivations:
        changes += _field_changes(
            "derivations", "", name, _plain(value), _plain(getattr(new.derivations, name))
        )
    for section, before, after in sections[2:]:
        changes += _items(section, before, after)
    return tuple(changes)


def _plain(value: Any) -> Any:
    """A value as JSON would hold it: enums by value, models as dicts, lists and dicts element-wise."""
    if isinstance(value, Enum):
        return value.value
    if hasattr(value, "model_dump"):
        return value.model_dump(mode="json", by_alias=True)
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def _shown(value: Any) -> str:
    if value is None:
        return "none"
    if isinstance(value, float) and value.is_integer():
        return f"{value:g}"
    if isinstance(value, list):
        return ", ".join(_shown(v) for v in value) or "none"
    return f"{value!r}" if isinstance(value, str) else str(value)


def _field_changes(section: str, item: str, name: str, before: Any, after: Any) -> list[MethodChange]:
    if before == after:
        return []
    label = "" if name == "value" else f"{name} "
    if name == "name":
        text = f"renamed {_shown(before)} → {_shown(after)}"
    elif before is None:
        text = f"{label}added: {_shown(after)}"
    elif after is None:
        text = f"{label}removed (was {_shown(before)})"
    elif all(len(_shown(v)) <= SHORT and not isinstance(v, dict) for v in (before, after)):
        text = f"{label}{_shown(before)} → {_shown(after)}"
    else:
        text = f"{label}changed"
    return [MethodChange(section, item, text.strip())]


def _items(section: str, before: list[Any], after: list[Any]) -> list[MethodChange]:
    """Changes to a list of items keyed by id: removed, added, then field by field, in `after`'s order."""
    old = {x.id: _plain(x) for x in before}
    new = {x.id: _plain(x) for x in after}
    changes = [MethodChange(section, i, f"removed ({old[i].get('name', i)!r})") for i in old if i not in new]
    for i, fields in new.items():
        if i not in old:
            changes.append(MethodChange(section, i, f"added ({fields.get('name', i)!r})"))
            continue
        for name in fields:
            changes += _field_changes(section, i, name, old[i].get(name), fields[name])
    if [i for i in old if i in new] != [i for i in new if i in old]:
        changes.append(MethodChange(section, "", "order changed"))
    return changes
