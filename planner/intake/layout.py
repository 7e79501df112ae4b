"""The layout of the Excel intake workbook, shared by the template writer and the importer.

Each data sheet is a header row followed by one record per row. Columns are found by their header
text on import (case-insensitive), so a user may reorder columns or add their own; columns marked
``info`` are written for the reader's benefit and ignored on import.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from planner.model import (
    ChangeImpact,
    Decision,
    EnablerKind,
    EnablerStatus,
    Evidence,
    RelationKind,
    Stage,
    Stance,
)

MAX_COLUMNS = 64  # columns read per sheet, whatever the file's dimension claims
MAX_ROWS = 250_000  # data rows read per sheet; more is refused
YES, NO = "yes", "no"

# Closed lists shown as drop-downs; each becomes a column of the hidden Lists sheet and a defined name.
ENUM_LISTS: dict[str, type[StrEnum]] = {
    "list_stage": Stage,
    "list_evidence": Evidence,
    "list_stance": Stance,
    "list_relation": RelationKind,
    "list_decision": Decision,
    "list_impact": ChangeImpact,
    "list_enabler_kind": EnablerKind,
    "list_enabler_status": EnablerStatus,
}


@dataclass(frozen=True, slots=True)
class Column:
    """One column: `key` is the record field it fills (dotted for nested fields, ``info`` when ignored).

    `kind` says how a cell is parsed: text, id, ids (comma-separated), int, float, date, bool, enum,
    score (0–5 whole number). `choices` names a drop-down list (an ``ENUM_LISTS`` key, ``list_yesno``,
    ``list_score``, ``list_criterion``, ``list_gate``, or ``ids_<sheet>`` for the ids of another sheet).
    """

    header: str
    key: str
    kind: str = "text"
    required: bool = False
    width: float = 16
    choices: str | None = None
    help: str = ""
    example: str = ""


@dataclass(frozen=True, slots=True)
class SheetSpec:
    name: str
    help: str
    columns: tuple[Column, ...] = field(default_factory=tuple)
    id_list: str | None = None  # defined name over this sheet's id column, for drop-downs elsewhere


def _c(header: str, key: str, kind: str = "text", **kw: object) -> Column:
    return Column(header, key, kind, **kw)  # type: ignore[arg-type]


PILOTS = SheetSpec(
    "Pilots",
    "One row per pilot. Id and name are required; ids must be unique across pilots and enablers.",
    (
        _c("Pilot ID", "id", "id", required=True, width=12, help="Short unique id", example="P-01"),
        _c("Name", "name", required=True, width=32, example="Invoice matching assistant"),
        _c("Stage", "stage", "enum", choices="list_stage", width=12, example="pilot"),
        _c("Business unit", "business_unit", width=18, example="Finance"),
        _c("Industry", "industry", width=14, example="Retail"),
        _c("Description", "description", width=40),
        _c(
            "Pilot start",
            "pilot_start",
            "date",
            width=12,
            help="Date the pilot started",
            example="2025-03-01",
        ),
        _c("Owner", "owner", "id", choices="ids_stakeholders", help="Stakeholder id", example="S-02"),
        _c("Sponsor", "sponsor", "id", choices="ids_stakeholders", help="Stakeholder id", example="S-01"),
        _c("Sponsor last touchpoint", "sponsor_last_touchpoint", "date", width=14, example="2026-10-02"),
        _c("Approvers", "approvers", "ids", help="Stakeholder ids, comma-separated", example="S-03, S-04"),
        _c("Affected stakeholders", "affected", "ids", help="Stakeholder ids, comma-separated"),
        _c("User groups", "user_groups", "ids", help="User group ids, comma-separated", example="G-01"),
        _c("KPI", "kpi.name", width=24, example="Invoices matched without a person"),
        _c("KPI unit", "kpi.unit", width=10, example="%"),
        _c("KPI baseline", "kpi.baseline", "float", width=12, example="40"),
        _c("KPI target", "kpi.target", "float", width=12, example="75"),
        _c("KPI latest", "kpi.latest", "float", width=12, example="63"),
        _c("KPI higher is better", "kpi.higher_is_better", "bool", choices="list_yesno", width=10),
        _c("Override decision", "override.decision", "enum", choices="list_decision", width=14),
        _c("Override rationale", "override.rationale", width=30, help="Required with an override"),
        _c("Override author", "override.author", width=16),
        _c("Override date", "override.decided", "date", width=12),
        _c("Notes", "notes", width=40),
    ),
    id_list="ids_pilots",
)

FINANCIALS = SheetSpec(
    "Financials",
    "At most one row per pilot. Amounts in the portfolio currency; benefit and run cost per year at "
    "full scale.",
    (
        _c("Pilot ID", "pilot", "id", required=True, choices="ids_pilots", width=12, example="P-01"),
        _c("Scale investment", "scale_investment", "float", width=16, example="250000"),
        _c("Annual benefit", "annual_benefit", "float", width=16, example="400000"),
        _c("Annual run cost", "annual_run_cost", "float", width=16, example="60000"),
        _c("Pilot spend", "pilot_spend", "float", width=16, example="90000"),
        _c("Change budget", "change_budget", "float", width=16, example="40000"),
    ),
)

RATINGS = SheetSpec(
    "Ratings",
    "One row per pilot and criterion. Score 0–5 against the anchors beside it; leave the score blank if "
    "not assessed.",
    (
        _c("Pilot ID", "pilot", "id", required=True, choices="ids_pilots", width=12, example="P-01"),
        _c("Criterion ID", "criterion", "id", required=True, choices="list_criterion", width=20),
        _c("Criterion", "info", width=28),
        _c("Score", "score", "score", choices="list_score", width=8, help="0–5", example="3"),
        _c("Evidence", "evidence", "enum", choices="list_evidence", width=12, example="reported"),
        _c("Note", "note", width=36),
        _c("Anchors", "info", width=60, help="What 0, 1, 3 and 5 mean (2 and 4 lie between)"),
    ),
)

GATES = SheetSpec(
    "Gates",
    "One row per pilot and production-gate check: yes when the check is met, no when not, blank if unknown.",
    (
        _c("Pilot ID", "pilot", "id", required=True, choices="ids_pilots", width=12, example="P-01"),
        _c("Gate ID", "gate", "id", required=True, choices="list_gate", width=20),
        _c("Check", "info", width=50),
        _c("Passed", "passed", "bool", choices="list_yesno", width=8, example="yes"),
    ),
)

STAKEHOLDERS = SheetSpec(
    "Stakeholders",
    "People around the pilots. Influence and interest are 1–5.",
    (
        _c("Stakeholder ID", "id", "id", required=True, width=14, example="S-01"),
        _c("Name", "name", required=True, width=24, example="Dana Whitfield"),
        _c("Role", "role", width=20, example="CFO"),
        _c("Department", "department", width=16, example="Finance"),
        _c("Influence", "influence", "int", choices="list_one_five", width=10, example="5"),
        _c("Interest", "interest", "int", choices="list_one_five", width=10, example="3"),
        _c("Stance", "stance", "enum", choices="list_stance", width=12, example="neutral"),
        _c("Desired stance", "desired_stance", "enum", choices="list_stance", width=14, example="supportive"),
        _c("Map X", "position.x", "float", width=8),
        _c("Map Y", "position.y", "float", width=8),
        _c("Notes", "notes", width=36),
    ),
    id_list="ids_stakeholders",
)

RELATIONSHIPS = SheetSpec(
    "Relationships",
    "Directed ties between stakeholders: source reports to / influences / collaborates with / conflicts "
    "with target.",
    (
        _c("Source", "source", "id", required=True, choices="ids_stakeholders", width=14, example="S-02"),
        _c("Target", "target", "id", required=True, choices="ids_stakeholders", width=14, example="S-01"),
        _c("Kind", "kind", "enum", required=True, choices="list_relation", width=14, example="reports_to"),
    ),
)

ENABLERS = SheetSpec(
    "Enablers",
    "Shared capabilities pilots need before production (data platform, MLOps platform, identity…).",
    (
        _c("Enabler ID", "id", "id", required=True, width=12, example="E-01"),
        _c("Name", "name", required=True, width=28, example="Feature store"),
        _c("Kind", "kind", "enum", choices="list_enabler_kind", width=16, example="feature_store"),
        _c("Status", "status", "enum", choices="list_enabler_status", width=12, example="in_progress"),
        _c("ETA", "eta", "date", width=12, example="2027-02-15"),
        _c("Cost", "cost", "float", width=14, example="120000"),
        _c("Owner", "owner", "id", choices="ids_stakeholders", width=12, example="S-05"),
        _c("Notes", "notes", width=36),
    ),
    id_list="ids_enablers",
)

DEPENDENCIES = SheetSpec(
    "Dependencies",
    "A pilot cannot reach production before what it depends on (a pilot or an enabler) is ready.",
    (
        _c("Pilot ID", "pilot", "id", required=True, choices="ids_pilots", width=12, example="P-02"),
        _c("Depends on", "on", "id", required=True, width=14, help="Pilot or enabler id", example="E-01"),
        _c("Note", "note", width=36),
    ),
)

USER_GROUPS = SheetSpec(
    "UserGroups",
    "Groups of people whose work a pilot changes; sizes the training plan.",
    (
        _c("Group ID", "id", "id", required=True, width=12, example="G-01"),
        _c("Name", "name", required=True, width=24, example="Accounts payable clerks"),
        _c("Role", "role", width=18, example="Clerk"),
        _c("Business unit", "business_unit", width=16, example="Finance"),
        _c("Headcount", "headcount", "int", required=True, width=10, example="120"),
        _c("Change impact", "change_impact", "enum", choices="list_impact", width=12, example="high"),
    ),
    id_list="ids_user_groups",
)

DATA_SHEETS = (
    PILOTS,
    RATINGS,
    GATES,
    FINANCIALS,
    STAKEHOLDERS,
    RELATIONSHIPS,
    ENABLERS,
    DEPENDENCIES,
    USER_GROUPS,
)
INSTRUCTIONS = "Instructions"
LISTS = "Lists"

# The portfolio settings block on the Instructions sheet: label in column A, value in column B.
SETTINGS: tuple[Column, ...] = (
    _c("Portfolio name", "name", required=True),
    _c("Organisation", "organisation"),
    _c("Currency", "currency", required=True),
    _c("As of", "as_of", "date", required=True),
    _c("Scoring method", "method", "id", required=True),
    _c("Discount rate", "finance.discount_rate", "float"),
    _c("Horizon (years)", "finance.horizon_years", "int"),
    _c("Ramp-up (months)", "finance.ramp_months", "int"),
)
SETTINGS_TITLE = "Portfolio settings"
