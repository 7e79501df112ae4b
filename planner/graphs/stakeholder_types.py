"""What the stakeholder analysis returns: quadrants, people, routes, coalitions, risks, actions.

Plain values shared by `stakeholders` (which computes them) and `engagement` (which turns them into
risks and dated actions), kept on their own floor so neither module imports the other.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class RiskKind(StrEnum):
    SPONSOR_OVERLOAD = "sponsor overload"
    NO_EXECUTIVE_PATH = "no path to an executive"
    BROKER_RESISTER = "broker resists"


@dataclass(frozen=True, slots=True)
class Risk:
    kind: RiskKind
    subject: str  # a stakeholder id (overload, broker) or a pilot id (no executive path)
    pilots: tuple[str, ...]
    message: str


@dataclass(frozen=True, slots=True)
class Action:
    """`who` (a stakeholder id; None = the portfolio office) engages `whom` by date `by`.

    One meeting serves every pilot in `pilots` (empty when the action is about the person alone).
    """

    who: str | None
    whom: str
    why: str  # the reason, after the pilots it serves: "FIN-02, HLT-01: win over …"
    by: date
    pilots: tuple[str, ...]
    kind: str  # "route to resister", "meet resister", "win over broker", "reach executive", …
    reason: str = ""  # the reason alone: "win over …"


class Quadrant(StrEnum):
    MANAGE_CLOSELY = "manage closely"
    KEEP_SATISFIED = "keep satisfied"
    KEEP_INFORMED = "keep informed"
    MONITOR = "monitor"


@dataclass(frozen=True, slots=True)
class PersonAnalysis:
    id: str
    quadrant: Quadrant
    stance_gap: int
    influence_score: float  # PageRank, sums to 1 over everyone
    influence_rank: int  # 1 = most influential
    betweenness: float  # normalised to 0–1 as in networkx
    broker: bool
    community: int  # index into StakeholderAnalysis.communities
    executive: bool


@dataclass(frozen=True, slots=True)
class Route:
    """How the coalition reaches one resister: `path` from a backer in the coalition to the resister.

    `path` is empty and `through` None when no route exists through supportive people.
    """

    resister: str
    path: tuple[str, ...]
    through: str | None


@dataclass(frozen=True, slots=True)
class PilotCoalition:
    pilot: str
    sponsor: str | None
    owner: str | None
    approvers: tuple[str, ...]
    affected: tuple[str, ...]
    members: tuple[str, ...]  # distinct, in the order sponsor, owner, approvers, affected
    support: float | None  # 0–100 (support rating × 20); None when nobody is linked
    resisters: tuple[Route, ...]  # high-influence resisters in the coalition or tied to a member
    executive_reachable: bool  # some member is, or is in contact (transitively) with, an executive


@dataclass(frozen=True, slots=True)
class Silo:
    department: str
    members: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class StakeholderAnalysis:
    people: dict[str, PersonAnalysis]
    influence_order: tuple[str, ...]  # most influential first
    brokers: tuple[str, ...]  # highest betweenness first
    communities: tuple[tuple[str, ...], ...]
    silos: tuple[Silo, ...]
    coalitions: dict[str, PilotCoalition]  # by pilot id
    risks: tuple[Risk, ...]
    actions: tuple[Action, ...]
