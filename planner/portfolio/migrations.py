"""Upgrading project files written by older Liftoff versions, before they are validated.

A migration is a plain function from the JSON document of one schema version to the document of the
next (``dict -> dict``); ``MIGRATIONS[v]`` upgrades version v to v + 1 and ``migrate`` runs the chain
up to ``SCHEMA_VERSION``, writing each step's ``schema_version`` itself (so a step can be moved to
another number by changing its key alone). Migrations only rename and reshape: they never validate,
and they never fail on odd input (a wrong type is carried over unchanged so validation can name its
new path).

Schema history:

- **0** — the pre-release preview format. It had no ``schema_version``; instead
  ``"format": "liftoff", "version": 0``. Names differed: ``title``/``org`` for the portfolio,
  ``projects`` (each with ``key``, ``title``, ``summary``, ``unit``, ``started``, ``sponsor_seen``,
  ``money`` with ``investment``/``benefit_per_year``/``run_cost_per_year``/``pilot_cost``/
  ``change_budget``, ``scores`` mapping a criterion to a bare 0–5 number or to
  ``{"value", "evidence", "note"}``, and ``checks``, the list of gate ids passed), ``people`` (``key``,
  ``power`` for influence, ``target_stance``), ``links`` (``from``, ``to``, ``type``), ``enablers``
  (``key``), ``depends`` (``project``, ``needs``), ``groups`` (``key``, ``size``, ``impact``),
  ``finance`` as ``{"rate", "years", "ramp"}``, and the method as a bare id string ``method`` plus a
  top-level ``weights`` map of criterion weights.
- **1** — the first release (``planner.model``).
- **2** — workshops: ``workshop`` (raters, Delphi rounds, pairwise answers) and, in a rating,
  ``raters`` (one value per rater) and ``consensus`` (the facilitator's value with a rationale);
  a rating's ``score`` became optional (a rating may hold raters' values only). A version 1 file
  needs no change: its ratings are their own consensus and it has no raters (`add_workshop`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from planner.model import SCHEMA_VERSION

Document = dict[str, Any]
Migration = Callable[[Document], Document]


class MigrationError(ValueError):
    """The document's version cannot be determined or upgraded; the message names the field."""


def _renamed(obj: Any, names: dict[str, str]) -> Any:
    """`obj` with keys renamed (order kept) when it is an object; anything else is returned as is."""
    if not isinstance(obj, dict):
        return obj
    return {names.get(key, key): value for key, value in obj.items()}


def _each(items: Any, change: Callable[[Any], Any]) -> Any:
    """`change` applied to every element when `items` is a list; anything else is returned as is."""
    return [change(item) for item in items] if isinstance(items, list) else items


def _v0_score(score: Any) -> Any:
    if isinstance(score, dict):
        return _renamed(score, {"value": "score"})
    if isinstance(score, int | float) and not isinstance(score, bool):
        return {"score": score}
    return score


def _v0_project(project: Any) -> Any:
    if not isinstance(project, dict):
        return project
    out = _renamed(
        project,
        {
            "key": "id",
            "title": "name",
            "summary": "description",
            "unit": "business_unit",
            "started": "pilot_start",
            "sponsor_seen": "sponsor_last_touchpoint",
            "money": "financials",
            "scores": "ratings",
            "checks": "gates",
        },
    )
    out["financials"] = _renamed(
        out.get("financials", {}),
        {
            "investment": "scale_investment",
            "benefit_per_year": "annual_benefit",
            "run_cost_per_year": "annual_run_cost",
            "pilot_cost": "pilot_spend",
        },
    )
    ratings = out.get("ratings", {})
    if isinstance(ratings, dict):
        out["ratings"] = {key: _v0_score(value) for key, value in ratings.items()}
    gates = out.get("gates", [])
    if isinstance(gates, list) and all(isinstance(g, str) for g in gates):
        out["gates"] = dict.fromkeys(gates, True)
    return out


def v0_to_v1(doc: Document) -> Document:
    """The pre-release format to the first release: renamed fields, ratings as objects, gates as a map."""
    old = dict(doc)
    old.pop("format", None)
    old.pop("version", None)
    old.pop("schema_version", None)  # a v0 document may also declare itself as schema_version 0
    out: Document = {"schema_version": 1}
    renames = {
        "title": "name",
        "org": "organisation",
        "projects": "pilots",
        "people": "stakeholders",
        "links": "relationships",
        "depends": "dependencies",
        "groups": "user_groups",
    }
    weights = old.pop("weights", None)
    method = old.pop("method", None)
    for key, value in old.items():
        out[renames.get(key, key)] = value
    if "finance" in out:
        out["finance"] = _renamed(
            out["finance"], {"rate": "discount_rate", "years": "horizon_years", "ramp": "ramp_months"}
        )
    if method is not None or weights is not None:
        choice: Document = {}
        if method is not None:
            choice["id"] = method
        if weights is not None:
            choice["weights"] = weights
        out["method"] = choice
    out["pilots"] = _each(out.get("pilots", []), _v0_project)
    out["stakeholders"] = _each(
        out.get("stakeholders", []),
        lambda p: _renamed(p, {"key": "id", "power": "influence", "target_stance": "desired_stance"}),
    )
    out["relationships"] = _each(
        out.get("relationships", []),
        lambda r: _renamed(r, {"from": "source", "to": "target", "type": "kind"}),
    )
    out["enablers"] = _each(out.get("enablers", []), lambda e: _renamed(e, {"key": "id"}))
    out["dependencies"] = _each(
        out.get("dependencies", []), lambda d: _renamed(d, {"project": "pilot", "needs": "on"})
    )
    out["user_groups"] = _each(
        out.get("user_groups", []),
        lambda g: _renamed(g, {"key": "id", "size": "headcount", "impact": "change_impact"}),
    )
    return out


def add_workshop(doc: Document) -> Document:
    """Workshops arrive: nothing to reshape. Every single rating stays the consensus, with no raters;
    the new fields take their defaults on validation."""
    return dict(doc)


MIGRATIONS: dict[int, Migration] = {0: v0_to_v1, 1: add_workshop}
OLDEST_VERSION = min(MIGRATIONS, default=SCHEMA_VERSION)


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    return "an array" if isinstance(value, list) else "an object"


def document_version(doc: Document) -> int:
    """The schema version a document declares; MigrationError when it declares none or a bad one.

    Version 0 files are recognised by ``"format": "liftoff"`` with ``"version"``.
    """
    if "schema_version" in doc:
        field, value = "schema_version", doc["schema_version"]
    elif doc.get("format") == "liftoff" and "version" in doc:
        field, value = "version", doc["version"]
    else:
        raise MigrationError("schema_version: missing, so this is not a Liftoff project file")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if not isinstance(value, int) or isinstance(value, bool):
        raise MigrationError(f"{field}: must be a whole number, found {_json_type(value)}")
    return value


def migrate(doc: Document, version: int) -> Document:
    """`doc`, declared at `version`, upgraded step by step to ``SCHEMA_VERSION``.

    Raises MigrationError for a version older than any known one; newer versions are the caller's
    to refuse (it knows how to word that for the user).
    """
    if version < OLDEST_VERSION:
        raise MigrationError(
            f"schema_version: unknown version {version} (the oldest known is {OLDEST_VERSION})"
        )
    for step in range(version, SCHEMA_VERSION):
        doc = {**MIGRATIONS[step](doc), "schema_version": step + 1}
    return doc
