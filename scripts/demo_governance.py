# ruff: noqa: E501  (the records below are tables; wrapping them would hide their columns)
"""The demo's AI governance: each pilot's risk tier under the EU AI Act, and the August committee.

Corvane's legal team and the transformation office sorted every pilot into a tier of the EU AI Act
in the autumn of 2026. Four pilots are high risk: the sepsis early warning and the radiology worklist
are medical-device software; the SME credit pre-screening scores sole traders and guarantors, who are
people; the in-cab fatigue camera watches workers. The sepsis alerts still lack a written human
override (its human-oversight gate fails), so they cannot be scaled however good the case. The
customer chatbot is limited risk (it must say it is a machine); everything else is minimal.

The steering committee of 20 August 2026 (snapshot SC-2026-08) was signed off by the group chief
executive, all decisions, and by the group finance chief, the scale decisions. It set three
actions; on the demo's date (15 November 2026) one is done, one is open and one is overdue.

None of this changes a decision: no high-risk pilot was about to scale. ``scripts/make_demo.py``
calls `apply` on the demo's JSON before validating it.
"""

from __future__ import annotations

from typing import Any

# pilot | tier | why
TIERS = """
FIN-01 | minimal | Fraud detection is left out of the Act's credit-scoring category; the bank's model-risk rules still apply.
FIN-02 | minimal | Money-laundering triage is not on the high-risk list; investigators decide every case.
FIN-03 | high | Scores sole traders and personal guarantors, who are people: creditworthiness assessment under Annex III.
FIN-04 | minimal | Suggests the next contact with customers in arrears; consumer-credit and fairness rules apply, not the high-risk list.
FIN-05 | minimal | Fills the underwriting form and the underwriter confirms every field: a preparatory task under Article 6(3).
HLT-01 | high | Software that alerts clinicians to a deteriorating patient is a medical device, so the Act treats it as high risk.
HLT-02 | high | Re-orders which scans a radiologist reads first: medical-device software, high risk.
HLT-03 | minimal | Forecasts beds and discharges for planners; no decision about a patient.
HLT-04 | minimal | Reminds or double-books outpatients; the clinic decides, and patients keep their appointment.
HLT-05 | minimal | Administrative coding that a coder confirms before billing.
MFG-01 | minimal | Predicts machine failures; no person is assessed.
MFG-02 | minimal | Quality control of welds; an inspector signs off every rejected part.
MFG-03 | minimal | Drafts shapes for engineers to rework; nothing reaches a customer unreviewed.
MFG-04 | minimal | Forecasts spare parts; no person is assessed.
SUP-01 | minimal | Forecasts demand for replenishment.
SUP-02 | minimal | Rates companies, not people.
SUP-03 | minimal | Extracts clauses for the contract register; a buyer checks each one.
SUP-04 | minimal | Sets stock levels; no person is assessed.
LOG-01 | minimal | Plans routes from orders and traffic.
LOG-02 | minimal | Sequences pick lists from orders, not from how individual pickers perform.
LOG-03 | minimal | Predicts delivery windows for customers.
LOG-04 | high | Watches drivers' faces for drowsiness: allowed for safety, but monitoring workers this way is high risk.
LOG-05 | limited | A chatbot for customers: it must say it is a machine.
RET-01 | minimal | Proposes markdowns that pricing analysts approve.
RET-02 | minimal | Looks at shelves, not faces; identifying shoppers would make it biometric and change its tier.
RET-03 | minimal | Chooses loyalty offers; data-protection rules on profiling apply rather than the high-risk list.
RET-04 | minimal | Forecasts footfall, not people; rostering by individual performance would make it high risk.
"""

COMMITTEE = {
    "id": "C-2026-08-20",
    "label": "Steering committee, 20 August 2026",
    "held": "2026-08-20",
    "snapshot": "SC-2026-08",
}

# id | owner | pilot | due | status | closed | what
ACTIONS = """
A-1 | berg     | HLT-01 | 2026-10-30 | open | - | Write down who reviews the sepsis alerts, when a clinician must overrule them and how, and name the clinical safety officer
A-2 | mendes   | FIN-01 | 2026-09-30 | done | 2026-09-24 | Approve the run budget for card fraud scoring so it can leave hypercare
A-3 | adeyemi  | LOG-04 | 2026-12-10 | open | - | Agree with the drivers' representatives how fatigue alerts are reviewed before any camera is fitted
"""


def _rows(block: str) -> list[list[str]]:
    return [[cell.strip() for cell in line.split("|")] for line in block.strip().splitlines()]


def apply(doc: dict[str, Any]) -> dict[str, Any]:
    """The demo document with risk tiers on every pilot and the August committee recorded."""
    tiers = {pid: (tier, why) for pid, tier, why in _rows(TIERS)}
    missing = [p["id"] for p in doc["pilots"] if p["id"] not in tiers]
    if missing:
        raise ValueError(f"pilots without a risk tier: {missing}")
    pilots = [{**p, "risk_tier": tiers[p["id"]][0], "risk_note": tiers[p["id"]][1]} for p in doc["pilots"]]
    snapshot = next(s for s in doc["snapshots"] if s["id"] == COMMITTEE["snapshot"])
    shown = {e["pilot"]: e["decision"] for e in snapshot["entries"]}
    committee = {
        **COMMITTEE,
        "sign_offs": [
            {
                "by": "Ingrid Solberg",
                "stakeholder": "solberg",
                "signed": "2026-08-20",
                "decisions": shown,
                "note": "Signed in the meeting for the executive committee.",
            },
            {
                "by": "Rafael Mendes",
                "stakeholder": "mendes",
                "signed": "2026-08-21",
                "decisions": {p: d for p, d in shown.items() if d == "scale"},
                "note": "Signs the scale decisions, whose money he releases.",
            },
        ],
        "actions": [
            {
                "id": aid,
                "title": title,
                "owner": owner,
                "pilot": pilot,
                "due": due,
                "status": status,
                "closed": None if closed == "-" else closed,
            }
            for aid, owner, pilot, due, status, closed, title in _rows(ACTIONS)
        ],
    }
    return {**doc, "pilots": pilots, "committees": [committee]}
