"""The demo's workshop: five raters, two Delphi rounds on three pilots, one pilot still contested.

Corvane's transformation office brought five people into a room on 10 November 2026 to rate three
pilots the desk triage found close to a line: radiology worklist prioritisation (HLT-02), contract
clause extraction (SUP-03) and the spare-parts forecast (MFG-04). Round 1 was blind. After the
reveal, the room agreed on the spare-parts forecast and took the other two into a second round two
days later. Contract clause extraction then converged; the radiology pilot did not: the finance
chief's reading of the pilot evidence makes it a stop, the medical officer's makes it worth
fixing, and the facilitator held KPI clarity at the desk rating until a second site reports.

Every final median equals the desk rating, so the demo's scores and decisions are the same with or
without the workshop; the spread and each rater's own decision are what the workshop adds.
``scripts/make_demo.py`` calls `apply` on the demo's JSON before validating it.
"""

from __future__ import annotations

from typing import Any

EVIDENCE = {"a": "assumed", "r": "reported", "v": "verified"}

# id, stakeholder (- when not on the map), name, role
RATERS = """
R-zhou      | zhou      | Mei-Lin Zhou     | Chief data and AI officer
R-mendes    | mendes    | Rafael Mendes    | Group chief financial officer
R-berg      | berg      | Dr Anna Berg     | Chief medical officer
R-lindqvist | lindqvist | Jonas Lindqvist  | Chief risk officer
R-ashworth  | -         | Tom Ashworth     | External adviser, hospital operations
"""

# pilot criterion: one value per rater in the order above (- = not rated), then their evidence levels
ROUND_1 = """
HLT-02 kpi_clarity          5 3 5 3 5  rrvrr
HLT-02 strategic_alignment  2 1 4 1 3  rrrrr
HLT-02 pilot_evidence       3 1 5 2 3  vrvrr
HLT-02 cost_of_inaction     1 0 3 1 2  rrrra
HLT-02 exec_sponsor         4 3 5 4 4  rrvrr
HLT-02 scale_budget         2 1 3 1 3  rvrra
HLT-02 business_buy_in      3 2 4 3 2  rrvra
HLT-02 change_readiness     3 2 4 2 4  rrrra
HLT-02 data_pipelines       4 - - - -  v----
HLT-02 mlops                4 - - - -  v----
HLT-02 monitoring           4 - - - -  v----
SUP-03 kpi_clarity          4 3 5 4 5  rrrra
SUP-03 strategic_alignment  2 4 1 2 3  rrarr
SUP-03 pilot_evidence       4 3 4 5 4  vrrvr
SUP-03 cost_of_inaction     1 2 0 1 3  rrara
SUP-03 exec_sponsor         5 5 4 4 5  vvrrr
SUP-03 scale_budget         2 3 1 2 3  rvarr
SUP-03 business_buy_in      3 4 2 3 3  rrarr
SUP-03 change_readiness     3 2 3 4 4  rrrra
SUP-03 data_pipelines       4 - - - -  v----
SUP-03 mlops                4 - - - -  v----
SUP-03 monitoring           3 - - - -  r----
MFG-04 kpi_clarity          4 4 4 3 5  vvrrr
MFG-04 strategic_alignment  3 3 4 3 2  rrrrr
MFG-04 pilot_evidence       3 2 3 3 4  rrrrr
MFG-04 cost_of_inaction     3 3 3 4 3  rvrrr
MFG-04 exec_sponsor         4 4 4 4 4  vvrrr
MFG-04 scale_budget         3 2 3 3 4  rvrrr
MFG-04 business_buy_in      3 3 3 2 3  rrrrr
MFG-04 change_readiness     2 2 3 2 2  rrrrr
MFG-04 data_pipelines       2 - - - -  r----
MFG-04 mlops                3 - - - -  r----
MFG-04 monitoring           3 - - - -  r----
"""

# Round 2 re-rated the two pilots still apart; the spare-parts forecast keeps its round-1 values.
ROUND_2 = """
HLT-02 kpi_clarity          5 4 5 3 5  vrvrr
HLT-02 strategic_alignment  2 1 4 2 2  rrrrr
HLT-02 pilot_evidence       3 1 4 3 3  vvvrr
HLT-02 cost_of_inaction     1 1 2 1 2  rrrra
HLT-02 exec_sponsor         4 3 4 4 4  rrvrr
HLT-02 scale_budget         2 1 3 2 2  rvrrr
HLT-02 business_buy_in      3 3 4 3 2  rrvrr
HLT-02 change_readiness     3 3 3 2 4  rrrra
HLT-02 data_pipelines       4 - - - -  v----
HLT-02 mlops                4 - - - -  v----
HLT-02 monitoring           4 - - - -  v----
SUP-03 kpi_clarity          4 4 5 4 4  rrrrr
SUP-03 strategic_alignment  2 3 2 2 3  rrrrr
SUP-03 pilot_evidence       4 4 4 5 4  vvrvr
SUP-03 cost_of_inaction     1 1 0 1 2  rrrrr
SUP-03 exec_sponsor         5 5 5 4 5  vvrrr
SUP-03 scale_budget         2 2 1 2 3  rvrrr
SUP-03 business_buy_in      3 3 3 3 3  rrrrr
SUP-03 change_readiness     3 2 3 3 4  rrrrr
SUP-03 data_pipelines       4 - - - -  v----
SUP-03 mlops                4 - - - -  v----
SUP-03 monitoring           3 - - - -  r----
"""

NOTES = {
    (
        "HLT-02",
        "pilot_evidence",
        "R-mendes",
    ): "Turnaround fell at one site only; the second site's numbers are not in yet.",
    (
        "HLT-02",
        "pilot_evidence",
        "R-berg",
    ): "Urgent findings reached the radiologist hours earlier in every week of the pilot.",
    (
        "HLT-02",
        "strategic_alignment",
        "R-berg",
    ): "Imaging waiting times are one of the three aims of the 2027 health plan.",
    (
        "SUP-03",
        "strategic_alignment",
        "R-mendes",
    ): "Procurement savings are in the group cost programme, but not this category.",
    ("MFG-04", "pilot_evidence", "R-ashworth"): "Stock-outs of critical spares halved in the pilot plant.",
}

# the facilitator's values, each with the room's reason
CONSENSUS = {
    ("HLT-02", "kpi_clarity"): (
        4,
        "The turnaround baseline comes from one hospital only. The room agreed to hold KPI clarity at 4 "
        "until the second site reports its own baseline.",
    ),
}

ROUNDS = (
    ("Blind rating", "2026-11-10", ("HLT-02", "MFG-04", "SUP-03"), ROUND_1),
    ("After discussion", "2026-11-12", ("HLT-02", "SUP-03"), ROUND_2),
)

# each rater's pairwise answers on the dimensions: value vs readiness, value vs sponsorship,
# readiness vs sponsorship (Saaty's scale; 1/2 means the second is twice as important)
DIMENSION_ANSWERS = {
    "R-zhou": ("1", "2", "2"),
    "R-mendes": ("3", "3", "1"),
    "R-berg": ("1/2", "2", "3"),
    "R-lindqvist": ("1/2", "1", "2"),
    "R-ashworth": ("2", "2", "1"),
}


def _raters() -> list[dict[str, Any]]:
    out = []
    for line in RATERS.strip().splitlines():
        rid, person, name, role = (cell.strip() for cell in line.split("|"))
        out.append({"id": rid, "name": name, "stakeholder": None if person == "-" else person, "role": role})
    return out


def _values(block: str, raters: list[str]) -> dict[str, dict[str, dict[str, dict[str, Any]]]]:
    """pilot → criterion → rater → {score, evidence, note}."""
    out: dict[str, dict[str, dict[str, dict[str, Any]]]] = {}
    for line in block.strip().splitlines():
        pilot, criterion, *cells = line.split()
        scores, evidence = cells[: len(raters)], cells[len(raters)]
        by_rater = out.setdefault(pilot, {}).setdefault(criterion, {})
        for rater, score, level in zip(raters, scores, evidence, strict=True):
            if score != "-":
                value = {"score": int(score), "evidence": EVIDENCE[level]}
                note = NOTES.get((pilot, criterion, rater))
                if note:
                    value["note"] = note
                by_rater[rater] = value
    return out


def _saaty(text: str) -> float:
    return 1 / float(text[2:]) if text.startswith("1/") else float(text)


def apply(data: dict[str, Any]) -> dict[str, Any]:
    """The demo's JSON with the workshop added: raters' values in the ratings, rounds, answers."""
    raters = _raters()
    ids = [r["id"] for r in raters]
    rounds = []
    live: dict[str, dict[str, dict[str, dict[str, Any]]]] = {}
    for number, (label, day, pilots, block) in enumerate(ROUNDS, start=1):
        values = _values(block, ids)
        live.update(values)
        rounds.append(
            {
                "number": number,
                "label": label,
                "status": "closed",
                "opened": day,
                "revealed": day,
                "closed": day,
                "pilots": list(pilots),
                "ratings": {p: live[p] for p in pilots},
            }
        )
    for pilot in data["pilots"]:
        for criterion, by_rater in live.get(pilot["id"], {}).items():
            pilot["ratings"][criterion]["raters"] = by_rater
    for (pilot_id, criterion), (score, rationale) in CONSENSUS.items():
        pilot = next(p for p in data["pilots"] if p["id"] == pilot_id)
        pilot["ratings"][criterion]["consensus"] = {
            "score": score,
            "rationale": rationale,
            "author": "Amara Okafor (facilitator)",
            "decided": ROUNDS[-1][1],
        }
    pairs = (("value", "readiness"), ("value", "sponsorship"), ("readiness", "sponsorship"))
    judgements = [
        {
            "rater": rater,
            "group": "dimensions",
            "comparisons": [
                {"first": a, "second": b, "value": _saaty(v)}
                for (a, b), v in zip(pairs, answers, strict=True)
            ],
        }
        for rater, answers in DIMENSION_ANSWERS.items()
    ]
    data["workshop"] = {"raters": raters, "rounds": rounds, "judgements": judgements}
    return data
