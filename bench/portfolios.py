"""Realistic portfolios of any size for the benchmarks: the demo, tiled.

A bench that times pilots alone hides the cost of everything around them (a workbook that took 80 s
at 5,000 pilots went unseen that way). `realistic(n)` keeps the demo's proportions of stakeholders,
relationships, enablers, dependencies, user groups, funding scenarios and a recorded snapshot, by
copying the demo portfolio as often as needed:

- copy ``k`` of a pilot, person, enabler or user group gets the id ``<id>.k`` (copy 0 keeps the id);
  a pilot of copy ``k`` is linked to the people of copy ``k % people_copies`` (so ``stakeholders``
  can be set apart from the pilot count, e.g. 5,000 pilots with 2,000 people);
- each copy's people are linked to the next copy's (one reports-to and one collaborates edge), so
  the stakeholder network is one component, as in a real organisation;
- typed ratings move by a seeded −1/0/+1 and financials by ±20 %, so scores, decisions and the
  funding optimum differ from copy to copy;
- the first funding scenario is kept with its budget and capacity multiplied by the number of copies,
  and the snapshot is tiled with the pilots, so "what changed" has work to do;
- the demo's committee is kept once, its sign-offs and actions limited to the pilots present.

    portfolio = realistic(5_000, stakeholders=2_000)
"""

from __future__ import annotations

import json
import math
import random
from typing import Any

from planner.model import Portfolio
from planner.resources import templates_dir

DEMO = templates_dir() / "demo" / "demo.liftoff"


def _demo() -> dict[str, Any]:
    return json.loads(DEMO.read_text(encoding="utf-8"))


def _suffix(id_: str, copy: int) -> str:
    return id_ if copy == 0 else f"{id_}.{copy}"


def realistic(pilots: int, stakeholders: int | None = None, seed: int = 0) -> Portfolio:
    """A valid portfolio of exactly `pilots` pilots (and about `stakeholders` people) in the demo's
    proportions; see the module docstring. The same arguments always give the same portfolio."""
    demo = _demo()
    rng = random.Random(seed)
    n_demo = len(demo["pilots"])
    copies = math.ceil(pilots / n_demo)
    people_per_copy = len(demo["stakeholders"])
    people_copies = copies if stakeholders is None else max(1, math.ceil(stakeholders / people_per_copy))
    kept_pilots = {p["id"] for p in demo["pilots"]}

    out = {k: v for k, v in demo.items() if k not in ("pilots", "stakeholders", "relationships")}
    out.update(pilots=[], stakeholders=[], relationships=[], enablers=[], dependencies=[], user_groups=[])

    for c in range(people_copies):
        for s in demo["stakeholders"]:
            out["stakeholders"].append({**s, "id": _suffix(s["id"], c)})
        for r in demo["relationships"]:
            out["relationships"].append(
                {**r, "source": _suffix(r["source"], c), "target": _suffix(r["target"], c)}
            )
        if c:
            first, last = demo["stakeholders"][0]["id"], demo["stakeholders"][-1]["id"]
            out["relationships"].append(
                {"source": _suffix(first, c), "target": _suffix(first, c - 1), "kind": "reports_to"}
            )
            out["relationships"].append(
                {"source": _suffix(last, c), "target": _suffix(last, c - 1), "kind": "collaborates"}
            )

    def person(id_: str | None, copy: int) -> str | None:
        return None if id_ is None else _suffix(id_, copy % people_copies)

    for c in range(copies):
        for e in demo["enablers"]:
            out["enablers"].append({**e, "id": _suffix(e["id"], c), "owner": person(e.get("owner"), c)})
        for g in demo["user_groups"]:
            out["user_groups"].append({**g, "id": _suffix(g["id"], c)})
        for p in demo["pilots"]:
            if len(out["pilots"]) == pilots:
                break
            q = json.loads(json.dumps(p))
            q["id"] = _suffix(p["id"], c)
            if c:
                q["name"] = f"{p['name']} ({c + 1})"
            q["owner"], q["sponsor"] = person(p.get("owner"), c), person(p.get("sponsor"), c)
            q["approvers"] = [person(x, c) for x in p.get("approvers", [])]
            q["affected"] = [person(x, c) for x in p.get("affected", [])]
            q["user_groups"] = [_suffix(x, c) for x in p.get("user_groups", [])]
            if c:
                for rating in q["ratings"].values():
                    rating["score"] = min(5, max(0, rating["score"] + rng.choice((-1, 0, 1))))
                for key, amount in q["financials"].items():
                    if isinstance(amount, (int, float)) and amount:
                        q["financials"][key] = round(amount * rng.uniform(0.8, 1.2), -3)
            out["pilots"].append(q)
        for d in demo["dependencies"]:
            if d["pilot"] in kept_pilots:
                out["dependencies"].append({**d, "pilot": _suffix(d["pilot"], c), "on": _suffix(d["on"], c)})
    present = {p["id"] for p in out["pilots"]} | {e["id"] for e in out["enablers"]}
    out["dependencies"] = [d for d in out["dependencies"] if d["pilot"] in present and d["on"] in present]

    scenario = dict(demo["scenarios"][0])
    scenario["budget"] = scenario["budget"] * copies
    scenario["capacity"] = scenario["capacity"] * copies
    scenario["forced_in"] = {k: v for k, v in scenario.get("forced_in", {}).items() if k in present}
    out["scenarios"] = [scenario]

    snapshots = []
    for snap in demo.get("snapshots", []):
        entries = []
        for c in range(copies):
            for e in snap["entries"]:
                pid = _suffix(e["pilot"], c)
                if pid in present:
                    entries.append({**e, "pilot": pid, "rank": len(entries) + 1})
        snapshots.append({**snap, "entries": entries})
    out["snapshots"] = snapshots
    committees = []
    for committee in demo.get("committees", []):
        sign_offs = [
            {**s, "decisions": {p: d for p, d in s["decisions"].items() if p in present}}
            for s in committee["sign_offs"]
        ]
        actions = [
            {**a, "pilot": a["pilot"] if a.get("pilot") in present else None} for a in committee["actions"]
        ]
        committees.append(
            {**committee, "sign_offs": [s for s in sign_offs if s["decisions"]], "actions": actions}
        )
    out["committees"] = committees
    return Portfolio.model_validate(out)


if __name__ == "__main__":
    import sys

    n = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    pf = realistic(n, int(sys.argv[2]) if len(sys.argv) > 2 else None)
    print(
        f"{len(pf.pilots)} pilots, {len(pf.stakeholders)} stakeholders, {len(pf.relationships)} "
        f"relationships, {len(pf.enablers)} enablers, {len(pf.dependencies)} dependencies, "
        f"{len(pf.user_groups)} user groups, {len(pf.scenarios)} scenario(s), "
        f"{sum(len(s.entries) for s in pf.snapshots)} snapshot entries"
    )
