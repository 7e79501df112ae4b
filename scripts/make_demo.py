# ruff: noqa: E501  (the hand-written records below are tables; wrapping them would hide their columns)
"""Assemble the demo portfolio ``templates/demo/demo.liftoff`` from the hand-written records below.

Every pilot, person, enabler and user group here is written by hand for a fictional group, Corvane
Group; this script only turns the compact records into the project-file JSON and validates it with
``Portfolio.model_validate``. The earlier steering-committee snapshot is history: its figures were
recorded by the scoring engine on the state of the portfolio at that time, then edited where the
committee's view differed, and are written here as plain numbers.

Run from the repository root::

    .venv/bin/python scripts/make_demo.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from planner.model import SCHEMA_VERSION, Portfolio  # noqa: E402
from planner.portfolio.store import canonical  # noqa: E402
from scripts import demo_workshop  # noqa: E402

OUT = ROOT / "templates" / "demo" / "demo.liftoff"

GATES = (
    "kpi_baseline",
    "sponsor_engaged",
    "budget_approved",
    "data_pipelines",
    "integration_tested",
    "access_governance",
    "load_validated",
    "human_oversight",
    "monitoring_drift",
    "incident_rollback",
    "compliance_docs",
    "change_plan",
)
EVIDENCE = {"a": "assumed", "r": "reported", "v": "verified"}

# ---------------------------------------------------------------------------------------------------
# People: id, name, role, department, influence, interest, stance, desired stance

PEOPLE = """
solberg    | Ingrid Solberg       | Group chief executive                  | Executive committee  | 5 | 3 | supportive | leading
mendes     | Rafael Mendes        | Group chief financial officer          | Group finance        | 5 | 4 | neutral    | supportive
zhou       | Mei-Lin Zhou         | Chief data and AI officer              | Group data and AI    | 4 | 5 | leading    | leading
brandt     | Tobias Brandt        | Group chief information officer        | Group IT             | 5 | 4 | supportive | supportive
okafor     | Amara Okafor         | Head of the AI transformation office   | Transformation office| 3 | 5 | leading    | leading
haddad     | Farah Haddad         | Group general counsel                  | Legal                | 4 | 3 | resistant  | neutral
lindqvist  | Jonas Lindqvist      | Chief risk officer                     | Risk                 | 5 | 3 | neutral    | supportive
dubois     | Claire Dubois        | Chief people officer                   | Human resources      | 4 | 2 | neutral    | supportive
asante     | Kwame Asante         | Chief information security officer     | Group IT             | 3 | 3 | neutral    | supportive
rossi      | Sofia Rossi          | Head of data platform                  | Group data and AI    | 3 | 5 | leading    | leading
nair       | Arjun Nair           | Head of ML engineering                 | Group data and AI    | 3 | 5 | supportive | leading
tanaka     | Yuki Tanaka          | Enterprise integration architect       | Group IT             | 2 | 4 | supportive | supportive
kowalski   | Dariusz Kowalski     | Chair of the group works council       | Works council        | 4 | 4 | resistant  | neutral
varga      | Helena Varga         | Chief executive, Corvane Bank          | Corvane Bank         | 5 | 3 | supportive | leading
farouk     | Omar Farouk          | Head of fraud operations               | Corvane Bank         | 3 | 5 | leading    | leading
fernandez  | Lucía Fernández      | Head of financial crime compliance     | Corvane Bank         | 4 | 4 | neutral    | supportive
devries    | Pieter de Vries      | Head of retail and SME lending         | Corvane Bank         | 3 | 4 | supportive | leading
petrova    | Nadia Petrova        | Chief credit officer                   | Corvane Bank         | 4 | 2 | neutral    | supportive
mensah     | Samuel Mensah        | Director of collections                | Corvane Bank         | 3 | 3 | neutral    | supportive
yilmaz     | Elif Yılmaz          | Lead data scientist, bank analytics    | Corvane Bank         | 2 | 5 | leading    | leading
berg       | Dr Anna Berg         | Chief medical officer                  | Corvane Health       | 5 | 4 | supportive | leading
boateng    | Dr Kofi Boateng      | Head of intensive care                 | Corvane Health       | 4 | 5 | leading    | leading
nowak      | Marta Nowak          | Director of nursing                    | Corvane Health       | 4 | 3 | resistant  | supportive
sato       | Dr Hiroshi Sato      | Head of radiology                      | Corvane Health       | 4 | 2 | neutral    | supportive
raman      | Priya Raman          | Chief operating officer, Corvane Health| Corvane Health       | 5 | 3 | supportive | leading
li-wei     | Li Wei               | Clinical informatics lead              | Corvane Health IT    | 3 | 4 | neutral    | supportive
carvalho   | Isabel Carvalho      | Data protection officer                | Legal                | 3 | 3 | neutral    | supportive
demir      | Yusuf Demir          | Head of patient flow                   | Corvane Health       | 2 | 5 | leading    | leading
delgado    | Rosa Delgado         | Head of clinical coding                | Corvane Health       | 2 | 5 | supportive | leading
hoffmann   | Klaus Hoffmann       | Chief operating officer, Industrial    | Corvane Industrial   | 5 | 3 | supportive | leading
novak      | Petra Novák          | Plant manager, Brno                    | Corvane Industrial   | 4 | 4 | supportive | supportive
pereira    | João Pereira         | Plant manager, Porto                   | Corvane Industrial   | 3 | 3 | resistant  | neutral
gruber     | Stefan Gruber        | Head of maintenance engineering        | Corvane Industrial   | 3 | 5 | leading    | leading
bello      | Aisha Bello          | Quality director                       | Corvane Industrial   | 4 | 4 | neutral    | supportive
garcia     | Mateo García         | R&D engineering lead                   | Corvane Industrial   | 3 | 4 | leading    | supportive
shankar    | Ravi Shankar         | Chief supply chain officer             | Corvane Supply       | 5 | 3 | neutral    | supportive
schultz    | Emma Schultz         | Head of demand planning                | Corvane Supply       | 3 | 5 | supportive | leading
ortega     | Carlos Ortega        | Chief procurement officer              | Corvane Supply       | 4 | 2 | neutral    | supportive
kim        | Hana Kim             | Inventory optimisation lead            | Corvane Supply       | 2 | 5 | leading    | leading
moreau     | Inès Moreau          | Supply risk lead                       | Corvane Supply       | 2 | 5 | supportive | leading
adeyemi    | Olusegun Adeyemi     | Managing director, Corvane Freight     | Corvane Freight      | 5 | 4 | supportive | leading
benali     | Fatima-Zahra Benali  | Head of network and routing            | Corvane Freight      | 3 | 5 | leading    | leading
oconnor    | Liam O'Connor        | Director of warehouse operations       | Corvane Freight      | 3 | 4 | supportive | supportive
dvorak     | Jana Dvořák          | Drivers' representative                | Works council        | 4 | 5 | resistant  | neutral
bianchi    | Marco Bianchi        | Customer service director, Freight     | Corvane Freight      | 3 | 3 | unaware    | neutral
cohen      | Sarah Cohen          | Chief executive, Corvane Retail        | Corvane Retail       | 5 | 3 | supportive | leading
khalil     | Ahmed Khalil         | Pricing director                       | Corvane Retail       | 3 | 5 | leading    | leading
liu        | Grace Liu            | Head of store operations               | Corvane Retail       | 4 | 4 | resistant  | supportive
ivanov     | Nikolai Ivanov       | CRM and loyalty director               | Corvane Retail       | 3 | 4 | supportive | supportive
martin     | Chloé Martin         | Customer service manager, Retail       | Corvane Retail       | 2 | 4 | neutral    | supportive
alvarez    | Diego Álvarez        | Regional store manager, South          | Corvane Retail       | 2 | 3 | unaware    | supportive
"""

PEOPLE_NOTES = {
    "haddad": "Worried about liability for automated decisions after a supervisory letter in 2025.",
    "kowalski": "Expects to be consulted before any tool that monitors or schedules staff is rolled out.",
    "nowak": "Backs early warning in principle; her wards already ignore two other alert systems.",
    "dvorak": "Opposes in-cab cameras; open to a design that keeps video in the cab.",
    "liu": "Store managers lost trust after the 2025 roster pilot produced rosters they had to redo.",
    "petrova": "Approved the credit pilot in 2025; has since been absorbed by the core banking migration.",
    "pereira": "Sees the weld inspection as a quality-lab project imposed on his line.",
}

# source relation target (reports_to, influences, collaborates, conflicts)
RELATIONS = """
mendes reports_to solberg
zhou reports_to solberg
brandt reports_to solberg
lindqvist reports_to solberg
dubois reports_to solberg
haddad reports_to solberg
varga reports_to solberg
raman reports_to solberg
hoffmann reports_to solberg
shankar reports_to solberg
adeyemi reports_to solberg
cohen reports_to solberg
okafor reports_to zhou
rossi reports_to zhou
nair reports_to zhou
asante reports_to brandt
tanaka reports_to brandt
carvalho reports_to haddad
farouk reports_to varga
fernandez reports_to varga
devries reports_to varga
petrova reports_to varga
mensah reports_to petrova
yilmaz reports_to zhou
berg reports_to raman
boateng reports_to berg
nowak reports_to raman
sato reports_to berg
demir reports_to raman
delgado reports_to raman
li-wei reports_to brandt
novak reports_to hoffmann
pereira reports_to hoffmann
gruber reports_to hoffmann
bello reports_to hoffmann
garcia reports_to hoffmann
schultz reports_to shankar
ortega reports_to shankar
kim reports_to schultz
moreau reports_to ortega
benali reports_to adeyemi
oconnor reports_to adeyemi
bianchi reports_to adeyemi
khalil reports_to cohen
liu reports_to cohen
ivanov reports_to cohen
martin reports_to liu
alvarez reports_to liu
zhou influences solberg
okafor influences zhou
lindqvist influences varga
mendes influences cohen
berg influences nowak
kowalski influences dvorak
kowalski influences dubois
haddad influences lindqvist
nowak influences boateng
pereira influences hoffmann
liu influences alvarez
gruber influences novak
rossi influences brandt
farouk influences fernandez
schultz influences kim
okafor collaborates rossi
okafor collaborates nair
rossi collaborates nair
nair collaborates tanaka
yilmaz collaborates farouk
yilmaz collaborates fernandez
boateng collaborates li-wei
demir collaborates li-wei
gruber collaborates bello
benali collaborates oconnor
khalil collaborates ivanov
schultz collaborates rossi
carvalho collaborates asante
haddad conflicts zhou
nowak conflicts boateng
pereira conflicts bello
dvorak conflicts benali
liu conflicts khalil
petrova conflicts lindqvist
ortega conflicts moreau
"""

# ---------------------------------------------------------------------------------------------------
# Enablers: id | name | kind | status | eta | cost | owner | notes

ENABLERS = """
EN-DP   | Group lakehouse data platform             | data_platform  | in_progress | 2027-03-31 | 3200000 | rossi   | Point-of-sale, ERP stock and spare-parts feeds land here; the first three domains went live in October, supply and retail follow.
EN-FS   | Shared feature store                      | feature_store  | planned     | 2027-06-30 |  650000 | nair    | Reusable features (customer, product, location, week) on top of the lakehouse; starts once the platform carries supply data.
EN-ML   | MLOps platform                            | mlops_platform | in_progress | 2027-02-15 | 1100000 | nair    | Model registry, build and deployment pipelines, drift monitoring and rollback; two teams onboarded, the rest queued.
EN-ID   | Corporate identity and single sign-on     | identity       | ready       | 2026-06-30 |  420000 | asante  | Role-based access for staff and services; live across the group since June.
EN-INT  | Integration layer (API gateway and events)| integration    | in_progress | 2027-01-31 |  900000 | tanaka  | Replaces point-to-point links to warehouse, store and HR systems; warehouse connectors in test.
EN-FHIR | Clinical integration gateway (HL7 FHIR)   | integration    | in_progress | 2027-04-30 |  780000 | li-wei  | Lets clinical tools read observations and post alerts into the patient record; vendor upgrade slipped one quarter.
EN-CDP  | Customer data platform with consent store | data_platform  | planned     | 2027-09-30 | 1500000 | ivanov  | One customer profile and one consent record across app, loyalty and e-commerce; procurement under way.
EN-EDGE | Plant edge computing and camera network   | other          | ready       | 2025-12-15 |  560000 | gruber  | Edge servers and industrial cameras in Brno, Linz and Porto; sensor historian connected.
"""

# pilot -> what it depends on
DEPENDENCIES = """
FIN-01 EN-ID   | Analysts sign in through corporate identity.
FIN-02 FIN-01  | Reuses the fraud model's entity resolution and transaction features.
FIN-02 EN-ML   | Model-risk rules require registered versions and drift monitoring before go-live.
FIN-05 EN-ID   | Underwriters' access by role.
HLT-01 EN-FHIR | Alerts must appear inside the patient record, not a separate screen.
HLT-01 EN-ML   | Retraining and drift monitoring on the shared platform.
HLT-03 EN-ID   | Bed managers' access by role.
HLT-05 EN-FHIR | Reads discharge letters from the record system.
MFG-01 EN-EDGE | Sensor data from the presses.
MFG-02 EN-EDGE | Line cameras and edge inference.
MFG-04 MFG-01  | Uses the failure predictions as a demand signal.
MFG-04 EN-DP   | Needs ERP stock and consumption history from the lakehouse.
SUP-01 EN-DP   | Point-of-sale history per store and product.
SUP-01 EN-FS   | Shares product and calendar features with other forecasts.
SUP-04 SUP-01  | Safety stock is set from the replenishment forecast.
LOG-01 EN-ID   | Dispatchers' access by role.
LOG-02 EN-INT  | Connector to the warehouse management systems at the other sites.
LOG-03 LOG-01  | Predicts arrival from the live route plan.
RET-01 EN-ID   | Pricing analysts' access by role.
RET-03 EN-CDP  | Needs one consent record per customer before offers are personalised.
RET-03 EN-ID   | Marketing users' access by role.
RET-04 EN-INT  | Rosters go to the new time-keeping system through the integration layer.
"""

# ---------------------------------------------------------------------------------------------------
# User groups: id | name | role | business unit | headcount | change impact

USER_GROUPS = """
UG-FRAUD     | Fraud analysts                | Review and decide flagged card transactions          | Corvane Bank       |  120 | medium
UG-AML       | AML investigators             | Investigate anti-money-laundering alerts             | Corvane Bank       |   85 | high
UG-CREDIT    | SME credit officers           | Assess and decide small-business loan applications   | Corvane Bank       |  140 | medium
UG-COLLECT   | Collections agents            | Contact customers in arrears                         | Corvane Bank       |  210 | high
UG-UNDERW    | Mortgage underwriters         | Check and approve mortgage files                     | Corvane Bank       |   95 | medium
UG-NURSES    | Ward nurses                   | Care for patients on general wards                   | Corvane Health     | 1850 | high
UG-RRT       | Rapid response teams          | Respond to deteriorating patients                    | Corvane Health     |   60 | medium
UG-RADIOL    | Radiologists                  | Read and report scans                                | Corvane Health     |   65 | low
UG-BEDMGR    | Bed managers                  | Allocate beds and plan transfers                     | Corvane Health     |   40 | medium
UG-OUTPAT    | Outpatient schedulers         | Book and remind outpatient appointments              | Corvane Health     |   90 | medium
UG-CODERS    | Clinical coders               | Code diagnoses and procedures for billing            | Corvane Health     |   75 | high
UG-MAINT     | Maintenance technicians       | Maintain presses and plan spare parts                | Corvane Industrial |  320 | medium
UG-QINSP     | Quality inspectors            | Inspect welds and parts on the line                  | Corvane Industrial |  150 | high
UG-ENGIN     | Design engineers              | Design parts and assemblies                          | Corvane Industrial |  210 | low
UG-DEMAND    | Demand planners               | Plan replenishment and safety stock                  | Corvane Supply     |   45 | high
UG-BUYERS    | Buyers                        | Manage suppliers and purchase orders                 | Corvane Supply     |  110 | medium
UG-CONTRACT  | Contract managers             | Keep the supplier contract register                  | Corvane Supply     |   30 | low
UG-DISPATCH  | Dispatchers                   | Plan and adjust delivery routes                      | Corvane Freight    |   80 | high
UG-DRIVERS   | Drivers                       | Drive delivery and line-haul routes                  | Corvane Freight    | 2400 | medium
UG-PICKERS   | Warehouse pickers             | Pick and pack orders                                 | Corvane Freight    | 1300 | medium
UG-CSFREIGHT | Freight customer service      | Answer shipment and delivery questions               | Corvane Freight    |  260 | medium
UG-PRICING   | Pricing analysts              | Set and approve prices and markdowns                 | Corvane Retail     |   25 | medium
UG-STOREMGR  | Store managers                | Run stores, rosters and replenishment                | Corvane Retail     |  310 | high
UG-STAFF     | Store staff                   | Serve customers and fill shelves                     | Corvane Retail     | 9500 | medium
UG-CRM       | CRM marketers                 | Plan loyalty offers and campaigns                    | Corvane Retail     |   35 | low
"""


# ---------------------------------------------------------------------------------------------------
# Pilots. `ratings` lines: criterion, score 0–5, evidence (a/r/v), note. `open` lists the gate checks
# that are not ticked; every other gate check is ticked.

PILOTS: list[dict[str, Any]] = [
    {
        "id": "FIN-01",
        "name": "Card fraud scoring",
        "description": "Scores every card authorisation for fraud risk within 40 ms and sends the riskiest "
        "to analysts for a call-back. Live in all markets since June 2025 after a 16-month pilot; the AML "
        "triage pilot reuses its features.",
        "business_unit": "Corvane Bank",
        "industry": "Finance",
        "stage": "production",
        "pilot_start": "2024-02-05",
        "owner": "farouk",
        "sponsor": "varga",
        "sponsor_last_touchpoint": "2026-11-03",
        "approvers": ["lindqvist", "asante"],
        "affected": ["yilmaz"],
        "user_groups": ["UG-FRAUD"],
        "kpi": ("Card fraud losses per 1,000 EUR of card volume", "EUR", 0.62, 0.45, 0.41, False),
        "financials": (1_400_000, 4_200_000, 520_000, 380_000, 230_000),
        "ratings": """
            kpi_clarity         5 v Loss rate per 1,000 EUR, 2023 baseline, signed by finance
            strategic_alignment 5 v Fraud losses are a group risk-appetite metric
            pilot_evidence      5 v Six-month champion/challenger, losses down 34 %
            cost_of_inaction    4 v Card fraud attacks shift to the weakest bank in the market
            data_pipelines      5 v Streaming authorisation feed with quality checks
            integration         5 v Embedded in the card authorisation switch
            mlops               5 v Weekly retraining, registry, rollback rehearsed in March
            monitoring          5 v Drift alerts page the on-call ML engineer
            security            5 v Role-based access through corporate identity
            compliance          4 v Model validated by model risk; annual review due
            operations          5 v Run by fraud operations with 24/7 on-call
            change_readiness    4 v Analysts trained; reason codes shown with every alert
            performance         5 v 38 ms at 2.5x the Black Friday peak
            exec_sponsor        5 v Bank chief executive owns the loss target
            scale_budget        5 v Run budget in the bank's 2026–2028 plan
            business_buy_in     5 v Fraud operations, IT and compliance in one squad
        """,
        "open": [],
        "notes": "Reference case for the group: shows what a finished transition looks like.",
    },
    {
        "id": "FIN-02",
        "name": "AML alert triage",
        "description": "Ranks anti-money-laundering alerts so investigators open the likely true positives "
        "first and close clear false positives with a recorded reason.",
        "business_unit": "Corvane Bank",
        "industry": "Finance",
        "stage": "pilot",
        "pilot_start": "2025-09-01",
        "owner": "fernandez",
        "sponsor": "varga",
        "sponsor_last_touchpoint": "2026-10-28",
        "approvers": ["lindqvist", "haddad"],
        "affected": ["yilmaz"],
        "user_groups": ["UG-AML"],
        "kpi": ("Investigator hours per closed alert", "h", 2.4, 1.5, 1.7, False),
        "financials": (1_100_000, 2_300_000, 300_000, 420_000, 180_000),
        "ratings": """
            kpi_clarity         5 v Hours per closed alert from the case system, 2025 baseline
            strategic_alignment 5 v Answers the supervisor's finding on alert backlog
            pilot_evidence      4 v Three-month champion/challenger with two investigator teams
            cost_of_inaction    5 v Backlog must be cleared by the supervisor's June 2027 deadline
            data_pipelines      4 r Transaction and customer feeds automated
            integration         4 r Scores shown in the case management system
            mlops               2 r Retrained by hand; waits for the MLOps platform
            monitoring          2 r Monthly accuracy check in a spreadsheet
            security            4 v Access by role through corporate identity
            compliance          2 r Model-risk validation not yet scheduled
            operations          3 r Run owner named, on-call not agreed
            change_readiness    3 r Investigators trained; closing reasons still debated
            performance         4 v Full daily alert volume scored in 11 minutes
            exec_sponsor        5 v Bank chief executive chairs the remediation programme
            scale_budget        4 r Scale budget approved; run cost in the 2027 request
            business_buy_in     4 r Compliance, IT and investigators committed
        """,
        "open": ["human_oversight", "monitoring_drift", "incident_rollback", "compliance_docs"],
        "notes": "Regulatory deadline makes this the bank's first priority once model risk signs off.",
    },
    {
        "id": "FIN-03",
        "name": "SME credit pre-screening",
        "description": "Pre-screens small-business loan applications up to 250,000 EUR with an explainable "
        "score so credit officers spend their time on the borderline files.",
        "business_unit": "Corvane Bank",
        "industry": "Finance",
        "stage": "pilot",
        "pilot_start": "2025-06-16",
        "owner": "devries",
        "sponsor": "petrova",
        "sponsor_last_touchpoint": "2026-03-12",
        "approvers": ["lindqvist"],
        "affected": [],
        "user_groups": ["UG-CREDIT"],
        "kpi": ("Days from complete application to credit decision", "days", 9.5, 4.0, 4.6, False),
        "financials": (1_600_000, 3_100_000, 380_000, 350_000, 260_000),
        "ratings": """
            kpi_clarity         4 v Decision time from the loan system; target not yet signed
            strategic_alignment 4 r SME growth is in the bank's 2026 plan
            pilot_evidence      4 v Decision time halved for 600 applications in two regions
            cost_of_inaction    3 r Brokers route SME files to faster competitors
            data_pipelines      3 r Bureau and account data automated; accounts filed by hand
            integration         3 r Score shown in the loan workflow, in staging only
            mlops               3 r Versioned builds; retraining manual
            monitoring          3 r Dashboard without thresholds
            security            4 v Access by role
            compliance          3 r Explainability report drafted; fair-lending review open
            operations          3 r Credit analytics will run it; support not agreed
            change_readiness    3 r Officers in two regions trained
            performance         3 r Tested at a third of peak volume
            exec_sponsor        3 v Chief credit officer, absorbed by the core banking migration
            scale_budget        1 r Pencilled into 2027, nothing approved
            business_buy_in     2 r Credit risk has not committed validators
        """,
        "open": [
            "sponsor_engaged",
            "budget_approved",
            "integration_tested",
            "load_validated",
            "compliance_docs",
            "monitoring_drift",
        ],
        "notes": "Results are good; the sponsor has not attended a pilot review since March.",
    },
    {
        "id": "FIN-04",
        "name": "Collections next-best-action",
        "description": "Suggests the next contact (call, letter or payment-plan offer) for customers in early "
        "arrears; piloted with two collections teams since March 2025.",
        "business_unit": "Corvane Bank",
        "industry": "Finance",
        "stage": "pilot",
        "pilot_start": "2025-03-03",
        "owner": "yilmaz",
        "sponsor": "mensah",
        "sponsor_last_touchpoint": "2026-09-30",
        "approvers": ["petrova"],
        "affected": ["kowalski"],
        "user_groups": ["UG-COLLECT"],
        "kpi": ("Early-arrears accounts cured within 60 days", "%", None, 65.0, 58.0, True),
        "financials": (900_000, 650_000, 210_000, 510_000, 60_000),
        "ratings": """
            kpi_clarity         2 r Target set, but no baseline taken before the pilot
            strategic_alignment 3 r Supports the bank's cost-of-risk objective
            pilot_evidence      1 r Cure rate rose, but the scripts changed at the same time
            cost_of_inaction    3 r Arrears are rising as the 2024 loan book ages
            data_pipelines      3 r Nightly arrears feed automated
            integration         3 r Suggestions shown in the dialler, not in letters
            mlops               2 r Retrained twice, by hand
            monitoring          2 r No drift checks
            security            4 v Access by role
            compliance          3 r Conduct review of the offers drafted
            operations          2 r Pilot team still answers agents' questions
            change_readiness    2 r Agents ignore suggestions they do not understand
            performance         3 r Handles the daily arrears list
            exec_sponsor        2 r Collections director, no budget beyond his unit
            scale_budget        1 r Asked for in 2026, deferred
            business_buy_in     2 r Agents' team leaders not involved
        """,
        "open": [
            "kpi_baseline",
            "budget_approved",
            "integration_tested",
            "human_oversight",
            "monitoring_drift",
            "incident_rollback",
            "change_plan",
        ],
        "notes": "Twenty months in, nobody can say whether it works.",
    },
    {
        "id": "FIN-05",
        "name": "Mortgage document extraction",
        "description": "Reads payslips, bank statements and valuation reports sent with mortgage applications "
        "and fills the underwriting form; the underwriter confirms every extracted field.",
        "business_unit": "Corvane Bank",
        "industry": "Finance",
        "stage": "pilot",
        "pilot_start": "2025-10-06",
        "owner": "devries",
        "sponsor": "varga",
        "sponsor_last_touchpoint": "2026-11-06",
        "approvers": ["asante", "fernandez"],
        "affected": ["yilmaz"],
        "user_groups": ["UG-UNDERW"],
        "kpi": ("Underwriter minutes per mortgage file", "min", 95.0, 55.0, 52.0, False),
        "financials": (850_000, 2_100_000, 260_000, 240_000, 150_000),
        "ratings": """
            kpi_clarity         5 v Minutes per file from time records, target signed
            strategic_alignment 4 v Mortgage cost-to-serve is in the bank's plan
            pilot_evidence      5 v Champion/challenger over a full quarter, 52 minutes per file
            cost_of_inaction    3 r Backlogs at month end lose broker business
            data_pipelines      4 v Documents arrive from the broker portal automatically
            integration         4 v Fields written into the underwriting system
            mlops               4 v On the bank's existing model pipeline
            monitoring          4 v Field accuracy tracked with alert thresholds
            security            5 v Access by role, documents encrypted
            compliance          4 v Reviewed; underwriter confirms every field
            operations          4 v Lending operations owns it, on-call in hours
            change_readiness    4 v Underwriters trained, two champions per team
            performance         4 v Month-end peak tested
            exec_sponsor        5 v Bank chief executive
            scale_budget        5 v Scale and run budget approved in October
            business_buy_in     4 v Lending, IT and compliance committed
        """,
        "open": [],
        "notes": "Ready to roll out to all mortgage centres in the first quarter.",
    },
    {
        "id": "HLT-01",
        "name": "Sepsis early warning",
        "description": "Watches vital signs and lab results on general wards and alerts the rapid response "
        "team when a patient's sepsis risk rises, hours before the usual signs.",
        "business_unit": "Corvane Health",
        "industry": "Healthcare",
        "stage": "pilot",
        "pilot_start": "2025-04-07",
        "owner": "boateng",
        "sponsor": "berg",
        "sponsor_last_touchpoint": "2026-10-20",
        "approvers": ["carvalho", "li-wei"],
        "affected": ["nowak"],
        "user_groups": ["UG-NURSES", "UG-RRT"],
        "kpi": ("Median hours from first sepsis sign to antibiotics", "h", 4.8, 2.5, 2.9, False),
        "financials": (2_200_000, 3_600_000, 450_000, 600_000, 240_000),
        "ratings": """
            kpi_clarity         5 v Time to antibiotics from the record system, 2024 baseline
            strategic_alignment 5 v Patient safety is the health division's first priority
            pilot_evidence      4 v Stepped comparison on four wards
            cost_of_inaction    5 v Preventable deaths and ICU days every month
            data_pipelines      3 r Vitals feed automated; lab results arrive hourly
            integration         2 r Alerts in a separate screen until the FHIR gateway is live
            mlops               3 r Versioned; retraining plan agreed, not built
            monitoring          3 r Alert rates tracked; no drift thresholds
            security            4 v Clinical access by role
            compliance          3 r Medical-device classification under review
            operations          3 r Clinical informatics will run it; escalation drafted
            change_readiness    1 r Nurses report alert fatigue; no training plan
            performance         4 v All wards' observations scored within a minute
            exec_sponsor        5 v Chief medical officer
            scale_budget        4 v Investment approved; run cost agreed with finance
            business_buy_in     3 r Intensive care and IT committed; nursing not yet
        """,
        "open": ["integration_tested", "human_oversight", "compliance_docs", "change_plan"],
        "notes": "Clinically strong; nursing must be part of the redesign before wider rollout.",
    },
    {
        "id": "HLT-02",
        "name": "Radiology worklist prioritisation",
        "description": "Re-orders the radiology reading list so scans with likely urgent findings (bleeds, "
        "collapsed lungs) are read first.",
        "business_unit": "Corvane Health",
        "industry": "Healthcare",
        "stage": "pilot",
        "pilot_start": "2025-12-01",
        "owner": "sato",
        "sponsor": "berg",
        "sponsor_last_touchpoint": "2026-09-15",
        "approvers": ["carvalho"],
        "affected": [],
        "user_groups": ["UG-RADIOL"],
        "kpi": ("Report turnaround for urgent findings", "min", 48.0, 40.0, 44.0, False),
        "financials": (700_000, 420_000, 160_000, 280_000, 90_000),
        "ratings": """
            kpi_clarity         4 v Turnaround from the radiology system, target agreed
            strategic_alignment 2 r Report times are already inside contract limits
            pilot_evidence      3 v Four minutes faster; target missed
            cost_of_inaction    1 r Little lost by waiting
            data_pipelines      4 v Images and orders flow from the archive automatically
            integration         4 v Vendor connector to the reading system, tested
            mlops               4 v Vendor-managed versions and rollback
            monitoring          4 v Vendor dashboard with thresholds
            security            4 v Access by role
            compliance          4 v Certified medical device; local review done
            operations          3 r Support contract drafted
            change_readiness    3 r Radiologists briefed
            performance         4 v Full daily scan volume
            exec_sponsor        4 v Chief medical officer
            scale_budget        2 r Licence cost not in the 2027 budget
            business_buy_in     3 r Radiology keen; finance unconvinced
        """,
        "open": ["budget_approved"],
        "notes": "Works as designed; the benefit is too small for the licence cost.",
    },
    {
        "id": "HLT-03",
        "name": "Discharge and bed forecasting",
        "description": "Forecasts discharges and admissions per ward for the next 72 hours so bed managers "
        "can plan transfers and protect elective surgery.",
        "business_unit": "Corvane Health",
        "industry": "Healthcare",
        "stage": "pilot",
        "pilot_start": "2025-08-04",
        "owner": "demir",
        "sponsor": "raman",
        "sponsor_last_touchpoint": "2026-11-10",
        "approvers": ["li-wei", "carvalho"],
        "affected": ["nowak"],
        "user_groups": ["UG-BEDMGR"],
        "kpi": ("Elective operations cancelled for lack of beds per month", "count", 46.0, 25.0, 22.0, False),
        "financials": (600_000, 1_500_000, 180_000, 200_000, 110_000),
        "ratings": """
            kpi_clarity         5 v Cancellations from theatre records, target signed
            strategic_alignment 5 v Elective recovery is a board objective
            pilot_evidence      4 v Two hospitals against two comparison sites, five months
            cost_of_inaction    4 r Each cancelled operation costs about 4,000 EUR
            data_pipelines      4 v Admission and discharge feed automated
            integration         4 v Forecast shown on the bed board
            mlops               4 v On the hospital model pipeline, rollback tested
            monitoring          4 v Forecast error alerts to the analytics lead
            security            4 v Access by role
            compliance          4 v Aggregate data only; reviewed
            operations          4 v Patient flow team owns it
            change_readiness    4 v Bed managers co-designed the screen
            performance         4 v Forecast for all wards in two minutes
            exec_sponsor        5 v Health chief operating officer
            scale_budget        5 v Approved with run cost
            business_buy_in     4 v Operations, nursing managers and IT committed
        """,
        "open": [],
        "notes": "Nursing is wary of forecasts being used to cut staff; keep the framing on beds.",
    },
    {
        "id": "HLT-04",
        "name": "Outpatient no-show prediction",
        "description": "Predicts which outpatient appointments are likely to be missed and triggers a reminder "
        "call or, in selected clinics, a careful double booking.",
        "business_unit": "Corvane Health",
        "industry": "Healthcare",
        "stage": "pilot",
        "pilot_start": "2025-07-01",
        "owner": "demir",
        "sponsor": "raman",
        "sponsor_last_touchpoint": "2026-05-04",
        "approvers": ["carvalho"],
        "affected": ["nowak"],
        "user_groups": ["UG-OUTPAT"],
        "kpi": ("Outpatient no-show rate", "%", 11.8, 8.0, 8.9, False),
        "financials": (450_000, 1_250_000, 150_000, 160_000, 70_000),
        "ratings": """
            kpi_clarity         4 v No-show rate from the booking system, 2024 baseline
            strategic_alignment 3 r Outpatient productivity is in this year's plan
            pilot_evidence      4 v Reminder calls cut no-shows in three clinics
            cost_of_inaction    3 r Empty slots lengthen waiting lists
            data_pipelines      4 v Booking feed automated
            integration         3 r Call list exported to the reminder system daily
            mlops               3 r Versioned, manual retraining
            monitoring          3 r Weekly error report, no thresholds
            security            4 v Access by role
            compliance          4 v Data protection assessment passed
            operations          3 r Scheduling team ready to own it
            change_readiness    3 r Schedulers trained in three clinics
            performance         4 v All clinics' bookings in minutes
            exec_sponsor        4 v Health chief operating officer
            scale_budget        1 r Not in the 2027 budget request
            business_buy_in     2 r Clinic managers not consulted on double booking
        """,
        "open": [
            "sponsor_engaged",
            "budget_approved",
            "integration_tested",
            "monitoring_drift",
            "incident_rollback",
        ],
        "notes": "The sponsor moved on to the hospital merger after approving the pilot.",
    },
    {
        "id": "HLT-05",
        "name": "Clinical coding assistant",
        "description": "Suggests diagnosis and procedure codes from discharge letters. The scope grew from "
        "one cardiology ward to every specialty and to billing checks.",
        "business_unit": "Corvane Health",
        "industry": "Healthcare",
        "stage": "pilot",
        "pilot_start": "2025-01-13",
        "owner": "delgado",
        "sponsor": "raman",
        "sponsor_last_touchpoint": "2026-10-01",
        "approvers": ["carvalho", "haddad"],
        "affected": [],
        "user_groups": ["UG-CODERS"],
        "kpi": ("Coded discharges per coder per day", "count", 38.0, 60.0, 45.0, True),
        "financials": (1_900_000, 2_600_000, 420_000, 730_000, 200_000),
        "ratings": """
            kpi_clarity         4 v Throughput from the coding system, target agreed
            strategic_alignment 4 r Coding backlog delays 9 % of billing
            pilot_evidence      3 r Measured in cardiology only
            cost_of_inaction    4 r Unbilled episodes pile up each quarter
            data_pipelines      2 r Letters exported in batches for each specialty
            integration         2 r Suggestions copied into the coding system by hand
            mlops               3 r Versioned models per specialty
            monitoring          2 r Accuracy sampled by hand
            security            3 r Access by role in the pilot only
            compliance          2 r Billing-audit implications not reviewed
            operations          2 r No run owner outside the project
            change_readiness    3 r Coders involved; training material drafted
            performance         2 r Slow on long letters from surgery
            exec_sponsor        4 v Health chief operating officer
            scale_budget        3 r Part of the investment approved
            business_buy_in     3 r Coding and finance keen; IT stretched
        """,
        "open": [
            "data_pipelines",
            "integration_tested",
            "load_validated",
            "human_oversight",
            "monitoring_drift",
            "incident_rollback",
            "compliance_docs",
            "change_plan",
        ],
        "notes": "Cut back to cardiology and general surgery for a first release.",
    },
    {
        "id": "MFG-01",
        "name": "Predictive maintenance for press lines",
        "description": "Predicts bearing and hydraulic failures on the Brno and Linz stamping presses from "
        "vibration and pressure sensors. In production since April 2025; the spare-parts forecast builds "
        "on it.",
        "business_unit": "Corvane Industrial",
        "industry": "Manufacturing",
        "stage": "production",
        "pilot_start": "2024-05-06",
        "owner": "gruber",
        "sponsor": "hoffmann",
        "sponsor_last_touchpoint": "2026-10-30",
        "approvers": ["novak"],
        "affected": [],
        "user_groups": ["UG-MAINT"],
        "kpi": ("Unplanned press downtime per month", "h", 64.0, 40.0, 37.0, False),
        "financials": (1_200_000, 2_900_000, 340_000, 310_000, 190_000),
        "ratings": """
            kpi_clarity         5 v Downtime from the plant system, 2023 baseline
            strategic_alignment 5 v Equipment availability is an Industrial target
            pilot_evidence      5 v Line A against line B over two quarters
            cost_of_inaction    4 v One unplanned stop costs about 60,000 EUR
            data_pipelines      5 v Sensor historian feeds with quality checks
            integration         5 v Work orders raised in the maintenance system
            mlops               4 v Monthly retraining, registry, rollback
            monitoring          5 v Drift alerts per press
            security            4 v Plant network segmented, access by role
            compliance          4 v Safety review passed
            operations          5 v Maintenance engineering runs it
            change_readiness    4 v Technicians trained; champions per shift
            performance         5 v Streams from all presses at once
            exec_sponsor        5 v Industrial chief operating officer
            scale_budget        5 v Run cost in the plant budgets
            business_buy_in     5 v Maintenance, plants and IT committed
        """,
        "open": [],
        "notes": "Porto presses to be added in 2027.",
    },
    {
        "id": "MFG-02",
        "name": "Weld-seam visual inspection",
        "description": "Camera inspection of weld seams on the Porto chassis line. It found 98 % of defects "
        "in the pilot, measured on images the quality lab selected.",
        "business_unit": "Corvane Industrial",
        "industry": "Manufacturing",
        "stage": "pilot",
        "pilot_start": "2025-11-03",
        "owner": "bello",
        "sponsor": "hoffmann",
        "sponsor_last_touchpoint": "2026-10-12",
        "approvers": ["pereira"],
        "affected": [],
        "user_groups": ["UG-QINSP"],
        "kpi": ("Weld defects reaching final assembly per 10,000 units", "count", 14.0, 4.0, 3.0, False),
        "financials": (1_300_000, 2_400_000, 280_000, 260_000, 150_000),
        "ratings": """
            kpi_clarity         4 v Escaped defects from the quality system
            strategic_alignment 4 r Warranty cost is an Industrial target
            pilot_evidence      3 r Strong on the lab's image set; no live run
            cost_of_inaction    4 r Warranty claims of about 1.1 million EUR a year
            data_pipelines      1 r Images hand-picked and labelled from one shift
            integration         2 r No link to the line's reject gate
            mlops               2 r Model trained on a workstation
            monitoring          1 r None
            security            3 r On the plant network, access not reviewed
            compliance          3 r Works agreement on cameras exists
            operations          2 r Quality lab would run it; no shift cover
            change_readiness    2 r Inspectors not yet told how their role changes
            performance         1 r Never run at line speed
            exec_sponsor        4 v Industrial chief operating officer
            scale_budget        3 r Cameras funded, run cost not
            business_buy_in     3 r Quality keen; Porto plant manager sceptical
        """,
        "open": [
            "budget_approved",
            "data_pipelines",
            "integration_tested",
            "access_governance",
            "load_validated",
            "human_oversight",
            "monitoring_drift",
            "incident_rollback",
            "change_plan",
        ],
        "notes": "Run four weeks on the live line before anyone quotes 98 % again.",
    },
    {
        "id": "MFG-03",
        "name": "Generative design assistant",
        "description": "A generative-design tool that proposes bracket and housing shapes to R&D engineers. "
        "Popular in demonstrations, rarely used in real design work.",
        "business_unit": "Corvane Industrial",
        "industry": "Manufacturing",
        "stage": "pilot",
        "pilot_start": "2026-01-12",
        "owner": "garcia",
        "sponsor": "zhou",
        "sponsor_last_touchpoint": "2026-08-20",
        "approvers": [],
        "affected": ["bello"],
        "user_groups": ["UG-ENGIN"],
        "kpi": ("Design concepts generated per week", "concepts", None, None, 35.0, True),
        "financials": (950_000, 300_000, 220_000, 340_000, 40_000),
        "ratings": """
            kpi_clarity         0 r Counts generated concepts, not a business outcome
            strategic_alignment 1 r Started because the vendor offered a free trial
            pilot_evidence      1 a Engineers like the demos; no designs released with it
            cost_of_inaction    0 r Nothing lost by waiting
            data_pipelines      2 r CAD exports by hand
            integration         1 r Not connected to the product data system
            mlops               1 r Vendor sandbox
            monitoring          0 r None
            security            2 r Designs uploaded to a vendor cloud trial
            compliance          1 r Export-control check not done
            operations          1 r Nobody owns it after the trial
            change_readiness    1 r No plan
            performance         2 r Fine for single parts
            exec_sponsor        2 r Sponsored by the AI office, not by engineering
            scale_budget        0 r None requested
            business_buy_in     1 r Engineering management not involved
        """,
        "open": [
            "kpi_baseline",
            "budget_approved",
            "data_pipelines",
            "integration_tested",
            "access_governance",
            "load_validated",
            "human_oversight",
            "monitoring_drift",
            "incident_rollback",
            "compliance_docs",
            "change_plan",
        ],
        "notes": "A technology looking for a problem.",
    },
    {
        "id": "MFG-04",
        "name": "Spare-parts demand forecast",
        "description": "Forecasts spare-part demand for the presses from the maintenance model's failure "
        "predictions, to cut emergency orders and excess stock.",
        "business_unit": "Corvane Industrial",
        "industry": "Manufacturing",
        "stage": "pilot",
        "pilot_start": "2026-02-02",
        "owner": "gruber",
        "sponsor": "hoffmann",
        "sponsor_last_touchpoint": "2026-10-30",
        "approvers": ["ortega"],
        "affected": [],
        "user_groups": ["UG-MAINT"],
        "kpi": ("Spare-parts stock value", "EUR", 8_400_000.0, 6_900_000.0, 7_800_000.0, False),
        "financials": (700_000, 1_100_000, 150_000, 120_000, 60_000),
        "ratings": """
            kpi_clarity         4 v Stock value from the ERP, target agreed
            strategic_alignment 3 r Working-capital target for Industrial
            pilot_evidence      3 r Forecast beat the planners on 60 % of parts
            cost_of_inaction    3 r Emergency orders cost a premium each month
            data_pipelines      2 r ERP consumption data copied weekly by hand
            integration         3 r Proposals loaded into the ERP in staging
            mlops               3 r Shares the maintenance model's pipeline
            monitoring          3 r Error report, no thresholds
            security            4 v Access by role
            compliance          4 v No personal data; reviewed
            operations          3 r Maintenance planning will own it
            change_readiness    2 r Planners not trained; no change budget set
            performance         3 r Tested on two plants' parts
            exec_sponsor        4 v Industrial chief operating officer
            scale_budget        3 r Investment approved, run cost not
            business_buy_in     3 r Maintenance keen; procurement cautious
        """,
        "open": [
            "budget_approved",
            "data_pipelines",
            "integration_tested",
            "monitoring_drift",
            "change_plan",
        ],
        "notes": "Waits for ERP data on the lakehouse.",
    },
    {
        "id": "SUP-01",
        "name": "Replenishment demand forecasting",
        "description": "Weekly demand forecast per product and distribution centre that drives replenishment "
        "orders; needs store sales history from the group data platform.",
        "business_unit": "Corvane Supply",
        "industry": "Supply chain",
        "stage": "pilot",
        "pilot_start": "2025-05-05",
        "owner": "schultz",
        "sponsor": "shankar",
        "sponsor_last_touchpoint": "2026-11-02",
        "approvers": ["rossi"],
        "affected": ["khalil"],
        "user_groups": ["UG-DEMAND"],
        "kpi": ("Forecast error (weighted MAPE) per product, centre and week", "%", 38.0, 28.0, 29.0, False),
        "financials": (1_500_000, 3_400_000, 400_000, 450_000, 240_000),
        "ratings": """
            kpi_clarity         5 v Error measure agreed with planning and finance
            strategic_alignment 4 v Stock availability is a group target
            pilot_evidence      4 v Champion/challenger in two distribution centres
            cost_of_inaction    4 r Lost sales and excess stock every week
            data_pipelines      1 r Sales extracts loaded by hand every Monday
            integration         3 r Orders proposed in the planning tool, in test
            mlops               3 r Versioned builds, manual retraining
            monitoring          2 r Error checked by the data scientist
            security            4 v Access by role
            compliance          4 v No personal data
            operations          3 r Planning systems team will run it
            change_readiness    3 r Planners trained in two centres
            performance         2 r Full catalogue takes 19 hours
            exec_sponsor        4 v Chief supply chain officer
            scale_budget        4 v Scale budget approved
            business_buy_in     4 v Planning, retail and IT committed
        """,
        "open": ["data_pipelines", "integration_tested", "load_validated", "monitoring_drift"],
        "notes": "Strong case held up by the data platform: the lakehouse ETA decides when it can scale.",
    },
    {
        "id": "SUP-02",
        "name": "Supplier risk early warning",
        "description": "Combines delivery performance, financial filings and news to flag suppliers at risk "
        "of failing, for the 400 suppliers that matter most.",
        "business_unit": "Corvane Supply",
        "industry": "Supply chain",
        "stage": "pilot",
        "pilot_start": "2025-09-15",
        "owner": "moreau",
        "sponsor": "ortega",
        "sponsor_last_touchpoint": "2026-04-15",
        "approvers": ["haddad"],
        "affected": [],
        "user_groups": ["UG-BUYERS"],
        "kpi": ("Supply disruptions flagged at least four weeks ahead", "%", 20.0, 60.0, 55.0, True),
        "financials": (500_000, 1_200_000, 140_000, 180_000, 50_000),
        "ratings": """
            kpi_clarity         4 v Disruption log reviewed with procurement
            strategic_alignment 4 r Supply resilience is a board topic since 2024
            pilot_evidence      3 r Back-tested on 2024–2025 disruptions; six months live
            cost_of_inaction    4 r One supplier failure stopped a plant for nine days in 2024
            data_pipelines      3 r Delivery data automated; news feed licensed
            integration         3 r Alerts by e-mail; supplier portal link in test
            mlops               3 r Versioned, manual retraining
            monitoring          3 r Alert volumes tracked
            security            4 v Access by role
            compliance          3 r Licence terms of news data under review
            operations          2 r Supply risk lead runs it herself
            change_readiness    2 r Buyers not trained; see it as extra work
            performance         4 v All 400 suppliers daily
            exec_sponsor        3 r Chief procurement officer, not seen since April
            scale_budget        1 r Not requested
            business_buy_in     1 r Buyers and category managers not engaged
        """,
        "open": [
            "sponsor_engaged",
            "budget_approved",
            "integration_tested",
            "incident_rollback",
            "compliance_docs",
            "change_plan",
        ],
        "notes": "Needs a sponsor who will make buyers act on the alerts.",
    },
    {
        "id": "SUP-03",
        "name": "Contract clause extraction",
        "description": "Pulls payment terms, liability caps and renewal dates out of supplier contracts into "
        "the contract register.",
        "business_unit": "Corvane Supply",
        "industry": "Supply chain",
        "stage": "pilot",
        "pilot_start": "2026-03-02",
        "owner": "ortega",
        "sponsor": "mendes",
        "sponsor_last_touchpoint": "2026-10-05",
        "approvers": ["haddad"],
        "affected": [],
        "user_groups": ["UG-CONTRACT"],
        "kpi": ("Contracts with complete key-term records", "%", 35.0, 90.0, 88.0, True),
        "financials": (400_000, 180_000, 90_000, 150_000, 30_000),
        "ratings": """
            kpi_clarity         4 v Completeness measured in the register
            strategic_alignment 2 r Register hygiene; no priority depends on it
            pilot_evidence      4 v 88 % of 1,200 contracts complete, spot-checked
            cost_of_inaction    1 r Register is consulted a few times a month
            data_pipelines      4 v Contracts read from the document system
            integration         4 v Fields written into the register
            mlops               4 v Vendor model, versioned
            monitoring          3 r Extraction accuracy sampled monthly
            security            4 v Access by role
            compliance          4 v Legal reviewed the tool
            operations          3 r Contract team can run it
            change_readiness    3 r Contract managers trained
            performance         4 v Whole archive processed in a weekend
            exec_sponsor        5 v Group chief financial officer
            scale_budget        2 r Licence not budgeted
            business_buy_in     3 r Legal lukewarm
        """,
        "open": ["budget_approved", "monitoring_drift"],
        "notes": "Point it at customer contracts and renewals, where the money is.",
    },
    {
        "id": "SUP-04",
        "name": "Multi-echelon inventory optimisation",
        "description": "Sets safety stock across plants, central and regional warehouses at once. Started "
        "with one product family and grew to the whole network and three ERP systems.",
        "business_unit": "Corvane Supply",
        "industry": "Supply chain",
        "stage": "pilot",
        "pilot_start": "2025-02-10",
        "owner": "kim",
        "sponsor": "shankar",
        "sponsor_last_touchpoint": "2026-09-01",
        "approvers": ["schultz", "brandt"],
        "affected": [],
        "user_groups": ["UG-DEMAND", "UG-BUYERS"],
        "kpi": ("Network inventory in days of supply", "days", 52.0, 40.0, None, False),
        "financials": (3_800_000, 2_600_000, 700_000, 1_150_000, 220_000),
        "ratings": """
            kpi_clarity         3 r Days of supply defined; target not agreed
            strategic_alignment 4 r Working capital is a group target
            pilot_evidence      1 r No live result after 21 months
            cost_of_inaction    3 r Excess stock ties up cash
            data_pipelines      2 r Three ERPs, three manual extracts
            integration         1 r No write-back to any ERP
            mlops               2 r Solver scripts on a project server
            monitoring          1 r None
            security            3 r Access by role on the project server
            compliance          2 r Audit trail for stock-policy changes missing
            operations          2 r No run owner
            change_readiness    2 r Planners not involved since the scope grew
            performance         1 r Full network run does not finish overnight
            exec_sponsor        4 v Chief supply chain officer
            scale_budget        2 r Cost estimate doubled; no approval
            business_buy_in     2 r Warehouses and plants not engaged
        """,
        "open": [
            "budget_approved",
            "data_pipelines",
            "integration_tested",
            "access_governance",
            "load_validated",
            "human_oversight",
            "monitoring_drift",
            "incident_rollback",
            "compliance_docs",
            "change_plan",
        ],
        "notes": "Restart later on one product family once the replenishment forecast is live.",
    },
    {
        "id": "LOG-01",
        "name": "Dynamic route optimisation",
        "description": "Re-plans delivery routes every morning and during the day from orders, traffic and "
        "vehicle limits; the Rhine-Main depot pilot saved 8 % fuel.",
        "business_unit": "Corvane Freight",
        "industry": "Logistics",
        "stage": "pilot",
        "pilot_start": "2025-06-02",
        "owner": "benali",
        "sponsor": "adeyemi",
        "sponsor_last_touchpoint": "2026-11-09",
        "approvers": ["brandt"],
        "affected": ["oconnor"],
        "user_groups": ["UG-DISPATCH", "UG-DRIVERS"],
        "kpi": ("Fuel cost per delivery stop", "EUR", 1.92, 1.78, 1.76, False),
        "financials": (1_800_000, 4_600_000, 600_000, 420_000, 320_000),
        "ratings": """
            kpi_clarity         5 v Fuel per stop from fuel cards and telematics
            strategic_alignment 5 v Cost and emissions targets of Freight
            pilot_evidence      5 v Depot against two comparison depots for six months
            cost_of_inaction    4 r About 380,000 EUR of fuel a month across depots
            data_pipelines      4 v Orders and telematics automated
            integration         4 v Routes pushed to drivers' handhelds
            mlops               4 v Versioned, weekly retraining of travel times
            monitoring          4 v Plan-vs-actual alerts
            security            4 v Access by role
            compliance          4 v Driving-time rules enforced in the plan
            operations          4 v Network team owns it, on-call agreed
            change_readiness    4 v Dispatchers co-designed; champions per depot
            performance         4 v Largest depot planned in four minutes
            exec_sponsor        5 v Freight managing director
            scale_budget        5 v Approved with run cost
            business_buy_in     4 v Operations, IT and depot managers committed
        """,
        "open": [],
        "notes": "Roll out depot by depot; the ETA pilot depends on it.",
    },
    {
        "id": "LOG-02",
        "name": "Warehouse pick-path optimisation",
        "description": "Batches orders and sequences pick lists to shorten walking in the Duisburg warehouse; "
        "live on one shift, it needs the new integration layer to reach the other sites.",
        "business_unit": "Corvane Freight",
        "industry": "Logistics",
        "stage": "pilot",
        "pilot_start": "2025-11-10",
        "owner": "oconnor",
        "sponsor": "adeyemi",
        "sponsor_last_touchpoint": "2026-10-27",
        "approvers": ["tanaka"],
        "affected": [],
        "user_groups": ["UG-PICKERS"],
        "kpi": ("Order lines picked per labour hour", "lines/h", 96.0, 115.0, 118.0, True),
        "financials": (750_000, 1_900_000, 210_000, 190_000, 140_000),
        "ratings": """
            kpi_clarity         5 v Lines per hour from the warehouse system
            strategic_alignment 4 v Warehouse cost per order is a Freight target
            pilot_evidence      5 v Shift A against shift B for a full quarter
            cost_of_inaction    3 r Peak-season temporary staff cost
            data_pipelines      4 v Orders streamed from the warehouse system
            integration         4 v Duisburg connector tested; others via the new layer
            mlops               4 v Versioned, rollback tested
            monitoring          4 v Walk-distance alerts
            security            4 v Access by role
            compliance          4 v Works council agreed: no individual tracking
            operations          4 v Warehouse systems team owns it
            change_readiness    4 v Pickers trained by champions
            performance         4 v Peak day volume tested
            exec_sponsor        5 v Freight managing director
            scale_budget        4 v Approved with run cost
            business_buy_in     4 v Operations and works council on board
        """,
        "open": [],
        "notes": "Ready; the rollout starts when the integration layer reaches the other warehouses.",
    },
    {
        "id": "LOG-03",
        "name": "Customer delivery ETA prediction",
        "description": "Predicts delivery time windows for customers from the live route plan and traffic; "
        "built by one data scientist on a notebook server.",
        "business_unit": "Corvane Freight",
        "industry": "Logistics",
        "stage": "pilot",
        "pilot_start": "2026-01-19",
        "owner": "bianchi",
        "sponsor": "adeyemi",
        "sponsor_last_touchpoint": "2026-10-27",
        "approvers": [],
        "affected": ["benali"],
        "user_groups": ["UG-CSFREIGHT"],
        "kpi": ("'Where is my delivery' calls per 1,000 stops", "count", 31.0, 18.0, 22.0, False),
        "financials": (500_000, 950_000, 130_000, 90_000, 60_000),
        "ratings": """
            kpi_clarity         4 v Call volume from the contact centre system
            strategic_alignment 3 r Customer experience target of Freight
            pilot_evidence      3 r Calls fell in one region; no comparison region
            cost_of_inaction    3 r Contact centre overtime each peak
            data_pipelines      3 r Route plan feed automated
            integration         3 r Windows sent in customer e-mails, in test
            mlops               1 r Notebook on a shared server
            monitoring          1 r None
            security            3 r Service account shared with the route team
            compliance          3 r Customer data use reviewed
            operations          2 r The data scientist is the support model
            change_readiness    3 r Agents briefed
            performance         3 r One region's volume
            exec_sponsor        4 v Freight managing director
            scale_budget        3 r Investment approved; run cost open
            business_buy_in     3 r Customer service keen; IT not engaged
        """,
        "open": [
            "integration_tested",
            "access_governance",
            "monitoring_drift",
            "incident_rollback",
            "change_plan",
        ],
        "notes": "Move onto the MLOps platform before it goes beyond one region.",
    },
    {
        "id": "LOG-04",
        "name": "Driver fatigue detection",
        "description": "An in-cab camera detects signs of drowsiness and warns the driver; the drivers' "
        "representatives object to being filmed.",
        "business_unit": "Corvane Freight",
        "industry": "Logistics",
        "stage": "pilot",
        "pilot_start": "2025-10-06",
        "owner": "benali",
        "sponsor": "adeyemi",
        "sponsor_last_touchpoint": "2026-06-10",
        "approvers": ["dubois", "haddad"],
        "affected": ["dvorak", "kowalski"],
        "user_groups": ["UG-DRIVERS"],
        "kpi": ("Fatigue-related incidents per million km", "count", 2.1, 1.2, 1.3, False),
        "financials": (2_100_000, 2_800_000, 520_000, 380_000, 120_000),
        "ratings": """
            kpi_clarity         4 v Incident log, three-year baseline
            strategic_alignment 4 r Road safety is a group commitment
            pilot_evidence      4 v 40 trucks against 40 comparison trucks
            cost_of_inaction    5 r Serious accidents; insurer raised premiums
            data_pipelines      3 r Event clips uploaded automatically
            integration         3 r Alerts in the fleet system
            mlops               3 r Vendor models, versioned
            monitoring          3 r False-alarm rate tracked
            security            2 r Video retention and access not designed
            compliance          2 r Data protection impact assessment not done
            operations          3 r Fleet safety team ready
            change_readiness    1 r Drivers informed by letter only
            performance         4 v Runs on the device in the cab
            exec_sponsor        4 v Freight managing director
            scale_budget        2 r Hardware quote only
            business_buy_in     1 r Works council not consulted
        """,
        "open": [
            "sponsor_engaged",
            "budget_approved",
            "access_governance",
            "human_oversight",
            "compliance_docs",
            "change_plan",
        ],
        "notes": "Redesign with the drivers' representatives: keep video in the cab, alert only.",
    },
    {
        "id": "LOG-05",
        "name": "Shipment tracking chatbot",
        "description": "A chat assistant on the freight customer portal that answers 'where is my shipment'; "
        "most customers already use the tracking link in their notification e-mail.",
        "business_unit": "Corvane Freight",
        "industry": "Logistics",
        "stage": "pilot",
        "pilot_start": "2026-02-16",
        "owner": "bianchi",
        "sponsor": "zhou",
        "sponsor_last_touchpoint": "2026-07-01",
        "approvers": [],
        "affected": ["martin"],
        "user_groups": ["UG-CSFREIGHT"],
        "kpi": ("Chat sessions per week", "sessions", None, None, 310.0, True),
        "financials": (420_000, 150_000, 120_000, 130_000, 20_000),
        "ratings": """
            kpi_clarity         1 r Counts chat sessions, not calls avoided
            strategic_alignment 1 r Chosen to try a language model
            pilot_evidence      1 r Usage only; no effect on calls shown
            cost_of_inaction    0 a Tracking links already answer the question
            data_pipelines      3 r Reads the tracking service
            integration         1 r Not connected to the contact centre
            mlops               2 r Prompt versions in a repository
            monitoring          1 r Transcripts read by hand
            security            3 r Customer login through the portal
            compliance          2 r Language-model use not reviewed
            operations          1 r No owner after the pilot
            change_readiness    1 r Agents not involved
            performance         3 r Handles current traffic
            exec_sponsor        2 r AI office, not Freight management
            scale_budget        0 r None requested
            business_buy_in     1 r Customer service not engaged
        """,
        "open": [
            "kpi_baseline",
            "budget_approved",
            "integration_tested",
            "load_validated",
            "human_oversight",
            "monitoring_drift",
            "incident_rollback",
            "compliance_docs",
            "change_plan",
        ],
        "notes": "Close it and spend the effort on the ETA pilot.",
    },
    {
        "id": "RET-01",
        "name": "Markdown price optimisation",
        "description": "Recommends end-of-season markdowns per store and size band to clear stock while "
        "giving away the least margin; pricing analysts approve each proposal.",
        "business_unit": "Corvane Retail",
        "industry": "Retail",
        "stage": "pilot",
        "pilot_start": "2025-08-18",
        "owner": "khalil",
        "sponsor": "cohen",
        "sponsor_last_touchpoint": "2026-11-05",
        "approvers": ["mendes"],
        "affected": ["alvarez"],
        "user_groups": ["UG-PRICING", "UG-STOREMGR"],
        "kpi": ("Gross margin on end-of-season stock", "%", 31.0, 34.0, 34.6, True),
        "financials": (1_100_000, 3_800_000, 350_000, 300_000, 180_000),
        "ratings": """
            kpi_clarity         5 v Margin from the finance cube, two seasons of baseline
            strategic_alignment 5 v Margin recovery is the Retail priority for 2027
            pilot_evidence      5 v 60 stores against 60 matched stores, two seasons
            cost_of_inaction    4 r Each season without it costs about 0.9 million EUR
            data_pipelines      4 v Sales and stock feeds automated
            integration         4 v Approved markdowns go to the price system
            mlops               4 v Registry and rollback
            monitoring          4 v Sell-through alerts
            security            4 v Access by role
            compliance          4 v Pricing rules checked by legal
            operations          4 v Pricing systems team owns it
            change_readiness    4 v Analysts trained; store managers briefed
            performance         4 v All stores overnight
            exec_sponsor        5 v Retail chief executive
            scale_budget        5 v Approved with run cost
            business_buy_in     4 v Pricing, finance and stores committed
        """,
        "open": [],
        "notes": "Scale for the spring season.",
    },
    {
        "id": "RET-02",
        "name": "Shelf-gap detection with ceiling cameras",
        "description": "Ceiling cameras spot empty shelf positions and alert store staff; demonstrated in a "
        "refitted flagship store with ideal lighting.",
        "business_unit": "Corvane Retail",
        "industry": "Retail",
        "stage": "pilot",
        "pilot_start": "2026-02-09",
        "owner": "alvarez",
        "sponsor": "cohen",
        "sponsor_last_touchpoint": "2026-09-28",
        "approvers": ["liu", "asante"],
        "affected": ["kowalski"],
        "user_groups": ["UG-STAFF"],
        "kpi": ("On-shelf availability", "%", 92.5, 96.0, 95.8, True),
        "financials": (5_200_000, 1_900_000, 900_000, 640_000, 350_000),
        "ratings": """
            kpi_clarity         3 v Availability audits; target informal
            strategic_alignment 3 r Availability matters, but other fixes are cheaper
            pilot_evidence      2 r One flagship store, six weeks
            cost_of_inaction    2 r Gaps are also found by the existing shelf audits
            data_pipelines      1 r Images from one store, labelled by the vendor
            integration         2 r Alerts on a separate tablet
            mlops               2 r Vendor-managed
            monitoring          2 r Vendor reports monthly
            security            2 r Camera footage access not designed
            compliance          2 r Customer privacy signage only
            operations          2 r No store support model
            change_readiness    2 r Staff not consulted
            performance         1 r Never tried with more than one store streaming
            exec_sponsor        4 v Retail chief executive
            scale_budget        1 r Cameras for 310 stores not budgeted
            business_buy_in     2 r Store operations resists
        """,
        "open": [
            "budget_approved",
            "data_pipelines",
            "integration_tested",
            "access_governance",
            "load_validated",
            "human_oversight",
            "monitoring_drift",
            "incident_rollback",
            "compliance_docs",
            "change_plan",
        ],
        "notes": "Hardware cost for 310 stores outweighs the availability gain.",
    },
    {
        "id": "RET-03",
        "name": "Personalised loyalty offers",
        "description": "Chooses each loyalty member's weekly app offer from their purchase history; the pilot "
        "used a one-off extract because consent flags live in three systems.",
        "business_unit": "Corvane Retail",
        "industry": "Retail",
        "stage": "pilot",
        "pilot_start": "2025-10-20",
        "owner": "ivanov",
        "sponsor": "cohen",
        "sponsor_last_touchpoint": "2026-10-14",
        "approvers": ["haddad", "asante"],
        "affected": [],
        "user_groups": ["UG-CRM"],
        "kpi": ("Incremental basket value of offer redeemers against a holdout", "EUR", 0.0, 2.5, 2.1, True),
        "financials": (1_700_000, 3_900_000, 450_000, 310_000, 160_000),
        "ratings": """
            kpi_clarity         5 v Holdout design agreed with finance
            strategic_alignment 4 r Loyalty growth is a Retail priority
            pilot_evidence      4 v Ten-week holdout test with 200,000 members
            cost_of_inaction    3 r Competitors' apps personalise already
            data_pipelines      2 r One-off extract; consent joined by hand
            integration         3 r Offers loaded into the app by batch file
            mlops               3 r Versioned; manual retraining
            monitoring          3 r Redemption dashboard
            security            2 r Consent checked outside the offer flow
            compliance          2 r Profiling assessment open
            operations          3 r CRM team will run it
            change_readiness    3 r Marketers trained
            performance         3 r Tested on a third of members
            exec_sponsor        5 v Retail chief executive
            scale_budget        3 r Investment approved; customer data platform separate
            business_buy_in     3 r Marketing keen; legal cautious
        """,
        "open": [
            "data_pipelines",
            "integration_tested",
            "access_governance",
            "load_validated",
            "human_oversight",
            "compliance_docs",
            "change_plan",
        ],
        "notes": "Cannot scale before the customer data platform holds one consent record per member.",
    },
    {
        "id": "RET-04",
        "name": "Store staff scheduling forecast",
        "description": "Forecasts footfall and till transactions per 15 minutes to build staff rosters; store "
        "managers redid most rosters by hand because the old time-keeping system could not take them.",
        "business_unit": "Corvane Retail",
        "industry": "Retail",
        "stage": "pilot",
        "pilot_start": "2025-01-20",
        "owner": "alvarez",
        "sponsor": "cohen",
        "sponsor_last_touchpoint": "2026-10-30",
        "approvers": ["dubois", "kowalski"],
        "affected": ["liu"],
        "user_groups": ["UG-STOREMGR", "UG-STAFF"],
        "kpi": ("Staff hours per 1,000 EUR of sales", "h", 3.9, 3.5, 3.8, False),
        "financials": (1_400_000, 1_300_000, 300_000, 520_000, 110_000),
        "ratings": """
            kpi_clarity         4 v Hours per sales from payroll and tills
            strategic_alignment 3 r Store labour cost is in the Retail plan
            pilot_evidence      2 r Rosters redone by hand in 70 % of shifts
            cost_of_inaction    2 r Current rosters work, at a cost
            data_pipelines      3 r Till and footfall feeds automated
            integration         2 r Old time-keeping system cannot import rosters
            mlops               3 r Versioned builds
            monitoring          3 r Forecast error report
            security            4 v Access by role
            compliance          3 r Working-time rules partly encoded
            operations          3 r Workforce planning team named
            change_readiness    1 r Store managers not trained; trust lost
            performance         4 v All stores in an hour
            exec_sponsor        4 v Retail chief executive
            scale_budget        3 r Partly approved
            business_buy_in     2 r Store operations and works council wary
        """,
        "open": [
            "budget_approved",
            "integration_tested",
            "human_oversight",
            "compliance_docs",
            "change_plan",
        ],
        "notes": "Computed as stop after 22 months; the committee chose to re-scope instead.",
        "override": {
            "decision": "pivot",
            "rationale": "Keep it alive in a narrower form: the new time-keeping system reaches 40 stores in "
            "January through the integration layer and the works council signed the rostering agreement in "
            "October, which removes the two reasons the rosters were redone by hand. Re-run in those 40 "
            "stores with store managers in the design; stop for good if hours per sales do not fall by June.",
            "author": "Amara Okafor",
            "decided": "2026-11-10",
        },
    },
]

# ---------------------------------------------------------------------------------------------------
# Funding questions the committee asked for this meeting.

SCENARIOS: list[dict[str, Any]] = [
    {
        "name": "2027 scale budget",
        "budget": 12_000_000,
        "capacity": 8,
        "objective": "risk_adjusted_npv",
        "forced_in": {
            "FIN-02": "The supervisor expects the AML alert backlog cleared by June 2027; not optional.",
        },
    },
    {
        "name": "Lean year (budget cut by half)",
        "budget": 6_000_000,
        "capacity": 4,
        "objective": "mix",
        "mix": 0.5,
        "forced_out": {
            "LOG-04": "No in-cab cameras before an agreement with the drivers' representatives.",
        },
    },
]

# ---------------------------------------------------------------------------------------------------
# The previous steering committee, 20 August 2026. Values as recorded then (see module docstring).
# pilot | value | readiness | sponsorship | composite | rank | decision | gates passed

SNAPSHOT = """
FIN-01 |  97.00 |  95.64 |  95.83 |  96.23 |  1 | scale          | 12
MFG-01 |  97.00 |  91.09 |  97.75 |  95.12 |  2 | scale          | 12
LOG-01 |  97.00 |  80.00 |  93.56 |  90.19 |  3 | scale          | 12
RET-01 |  97.00 |  80.00 |  90.90 |  89.53 |  4 | scale          | 12
HLT-03 |  93.00 |  80.00 |  88.94 |  87.44 |  5 | scale          | 12
LOG-02 |  90.00 |  76.20 |  87.00 |  84.42 |  6 | fix_then_scale | 11
FIN-02 |  96.00 |  62.18 |  84.88 |  81.38 |  7 | fix_then_scale | 8
FIN-05 |  88.00 |  74.20 |  78.00 |  80.67 |  8 | fix_then_scale | 10
HLT-01 |  95.00 |  55.10 |  82.90 |  78.01 |  9 | fix_then_scale | 7
SUP-01 |  88.00 |  52.30 |  80.10 |  73.53 | 10 | fix_then_scale | 7
RET-03 |  86.00 |  53.27 |  76.63 |  72.20 | 11 | fix_then_scale | 5
HLT-04 |  78.00 |  66.30 |  58.10 |  68.93 | 12 | fix_then_scale | 8
FIN-03 |  82.00 |  60.40 |  51.20 |  66.74 | 13 | fix_then_scale | 7
LOG-03 |  74.00 |  48.71 |  74.36 |  65.24 | 14 | fix_then_scale | 7
HLT-05 |  76.00 |  46.73 |  69.61 |  64.16 | 15 | fix_then_scale | 4
MFG-02 |  81.00 |  37.62 |  70.97 |  63.31 | 16 | fix_then_scale | 3
LOG-04 |  83.00 |  53.47 |  40.56 |  62.05 | 17 | secure_sponsor | 6
SUP-02 |  81.00 |  60.00 |  28.40 |  60.50 | 18 | secure_sponsor | 6
HLT-02 |  44.00 |  75.64 |  65.24 |  60.38 | 19 | pivot          | 10
SUP-03 |  43.00 |  73.47 |  68.73 |  60.10 | 20 | pivot          | 9
RET-04 |  57.00 |  56.10 |  60.30 |  57.51 | 21 | stop           | 7
SUP-04 |  61.00 |  35.64 |  63.90 |  52.85 | 22 | fix_then_scale | 2
FIN-04 |  40.00 |  53.27 |  46.21 |  46.20 | 23 | pivot          | 5
RET-02 |  46.00 |  35.45 |  57.00 |  45.06 | 24 | pivot          | 2
MFG-03 |   8.00 |  24.55 |  38.67 |  21.46 | 25 | stop           | 1
"""


def _rows(block: str) -> list[list[str]]:
    return [[cell.strip() for cell in line.split("|")] for line in block.strip().splitlines() if line.strip()]


def _ratings(block: str) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for line in block.strip().splitlines():
        crit, score, evidence, note = line.split(maxsplit=3)
        out[crit] = {"score": int(score), "evidence": EVIDENCE[evidence], "note": note}
    return out


def _pilot(rec: dict[str, Any]) -> dict[str, Any]:
    name, unit, baseline, target, latest, higher = rec["kpi"]
    invest, benefit, run, spend, change = rec["financials"]
    unknown = set(rec["open"]) - set(GATES)
    if unknown:
        raise ValueError(f"{rec['id']}: unknown gate(s) {sorted(unknown)}")
    pilot = {k: v for k, v in rec.items() if k not in ("kpi", "financials", "ratings", "open")}
    pilot["kpi"] = {
        "name": name,
        "unit": unit,
        "baseline": baseline,
        "target": target,
        "latest": latest,
        "higher_is_better": higher,
    }
    pilot["financials"] = {
        "scale_investment": invest,
        "annual_benefit": benefit,
        "annual_run_cost": run,
        "pilot_spend": spend,
        "change_budget": change,
    }
    pilot["ratings"] = _ratings(rec["ratings"])
    pilot["gates"] = {gate: gate not in rec["open"] for gate in GATES}
    return pilot


def build() -> dict[str, Any]:
    """The demo portfolio as a JSON-ready dict (validated by the caller)."""
    stakeholders = [
        {
            "id": sid,
            "name": name,
            "role": role,
            "department": dept,
            "influence": int(infl),
            "interest": int(inte),
            "stance": stance,
            "desired_stance": desired,
            "notes": PEOPLE_NOTES.get(sid, ""),
        }
        for sid, name, role, dept, infl, inte, stance, desired in _rows(PEOPLE)
    ]
    relationships = [
        {"source": s, "target": t, "kind": k}
        for s, k, t in (line.split() for line in RELATIONS.strip().splitlines())
    ]
    enablers = [
        {
            "id": eid,
            "name": name,
            "kind": kind,
            "status": status,
            "eta": eta,
            "cost": float(cost),
            "owner": owner,
            "notes": notes,
        }
        for eid, name, kind, status, eta, cost, owner, notes in _rows(ENABLERS)
    ]
    dependencies = []
    for line in DEPENDENCIES.strip().splitlines():
        head, note = line.split("|")
        pilot, on = head.split()
        dependencies.append({"pilot": pilot, "on": on, "note": note.strip()})
    user_groups = [
        {
            "id": gid,
            "name": name,
            "role": role,
            "business_unit": unit,
            "headcount": int(head),
            "change_impact": impact,
        }
        for gid, name, role, unit, head, impact in _rows(USER_GROUPS)
    ]
    names = {rec["id"]: rec["name"] for rec in PILOTS}
    entries = [
        {
            "pilot": pid,
            "name": names[pid],
            "value": float(v),
            "readiness": float(r),
            "sponsorship": float(s),
            "composite": float(c),
            "rank": int(rank),
            "decision": decision,
            "gates_passed": int(gates),
        }
        for pid, v, r, s, c, rank, decision, gates in _rows(SNAPSHOT)
    ]
    return demo_workshop.apply(
        {
            "schema_version": SCHEMA_VERSION,
            "name": "Corvane Group AI pilot portfolio",
            "organisation": "Corvane Group",
            "currency": "EUR",
            "as_of": "2026-11-15",
            "finance": {"discount_rate": 0.08, "horizon_years": 5, "ramp_months": 6},
            "method": {"id": "pilot-to-production"},
            "pilots": [_pilot(rec) for rec in PILOTS],
            "stakeholders": stakeholders,
            "relationships": relationships,
            "enablers": enablers,
            "dependencies": dependencies,
            "user_groups": user_groups,
            "scenarios": SCENARIOS,
            "snapshots": (
                [
                    {
                        "id": "SC-2026-08",
                        "label": "Steering committee, 20 August 2026",
                        "taken": "2026-08-20T15:00:00",
                        "entries": entries,
                    }
                ]
                if entries
                else []
            ),
        }
    )


def main() -> int:
    data = build()
    portfolio = Portfolio.model_validate(data)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    # written as Liftoff saves (maps sorted), so a first save of the demo changes nothing
    dumped = canonical(portfolio).model_dump(mode="json")
    dumped.pop("plan", None)  # plan settings keep the application's current defaults
    OUT.write_text(json.dumps(dumped, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(
        f"wrote {OUT.relative_to(ROOT)}: {len(portfolio.pilots)} pilots, {len(portfolio.stakeholders)} people"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
