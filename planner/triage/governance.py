"""AI governance: what a pilot's risk tier under the EU AI Act means for its decision.

Each pilot may carry a risk tier (``Pilot.risk_tier``, with a note on why). The tiers follow the
Act (Regulation (EU) 2024/1689):

- **unacceptable** — a prohibited practice (Article 5: social scoring, manipulation that exploits
  vulnerabilities, emotion recognition at work or in school other than for medical or safety
  reasons, untargeted scraping of facial images, …). It may not be put into service at all, so the
  method's rules give **stop** whatever the scores. A person may override that with **pivot** only
  (re-scope the system so it no longer does what is banned); any other override is withheld, and
  the reason says so.
- **high** — a use listed in Annex III (recruitment and managing workers, credit scoring of people,
  access to essential services, education, critical infrastructure, …) or a safety component of a
  product under EU safety law (a medical device, machinery). Before it goes live the provider must
  have a risk management system, data governance, automatic logging, human oversight, accuracy,
  robustness and cybersecurity, and technical documentation. The method maps each obligation to the
  production gate checks that evidence it (``Method.obligations``). A high-risk pilot is never
  **scale** while one of those gates fails: scale already needs every gate check, the reason names
  the unmet obligations, and an override to scale is withheld until they are met.
- **limited** — transparency only (a chatbot says it is one, generated content is labelled): no
  gate unless the method maps one; **minimal** — no obligation.
- no tier — not yet assessed: the decision is the method's; `unassessed` lists such pilots for a
  committee brief to chase.

Nothing here is stored: it is computed from the tier, the method and the gate results.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from planner.method import Method
from planner.model import Decision, Pilot, Portfolio, RiskTier, Stage
from planner.triage.derived import GateResult

TIER_LABELS: dict[RiskTier, str] = {
    RiskTier.UNACCEPTABLE: "unacceptable risk",
    RiskTier.HIGH: "high risk",
    RiskTier.LIMITED: "limited risk",
    RiskTier.MINIMAL: "minimal risk",
}
ACT = "the EU AI Act"
# the overrides a prohibited system may carry: stop it, or re-scope it out of the ban
PROHIBITED_OVERRIDES = frozenset({Decision.STOP, Decision.PIVOT})


@dataclass(frozen=True, slots=True)
class ObligationResult:
    obligation: str
    name: str
    failing: tuple[str, ...]  # names of its gate checks that fail, in the method's order

    @property
    def met(self) -> bool:
        return not self.failing


@dataclass(frozen=True, slots=True)
class Governance:
    """One pilot's standing under the EU AI Act."""

    tier: RiskTier | None
    note: str
    obligations: tuple[ObligationResult, ...]  # the obligations its tier brings, in the method's order

    @property
    def prohibited(self) -> bool:
        return self.tier is RiskTier.UNACCEPTABLE

    @property
    def unmet(self) -> tuple[ObligationResult, ...]:
        return tuple(o for o in self.obligations if not o.met)


NO_TIER = Governance(None, "", ())


def governance(method: Method, pilot: Pilot, gates: Sequence[GateResult]) -> Governance:
    """The pilot's tier and, for each obligation that tier brings, the gate checks that fail."""
    if pilot.risk_tier is None:
        return NO_TIER
    passed = {g.gate: g.passed for g in gates}
    names = method.gate_names
    obligations = tuple(
        ObligationResult(o.id, o.name, tuple(names[g] for g in names if g in o.gates and not passed.get(g)))
        for o in method.obligations_for(pilot.risk_tier)
    )
    return Governance(pilot.risk_tier, pilot.risk_note, obligations)


def governed_override(gov: Governance, override: Decision | None) -> tuple[Decision | None, bool]:
    """The decision that replaces the method's rules for this pilot, and whether the user's
    override is withheld (see the module docstring). None: the rules decide."""
    if gov.prohibited:
        if override in PROHIBITED_OVERRIDES:
            return override, False
        return Decision.STOP, override is not None
    if override is Decision.SCALE and gov.unmet:
        return None, True
    return override, False


def prohibited_reason(gov: Governance) -> str:
    """The stop rule of a prohibited system, in words."""
    why = f" ({gov.note.strip()})" if gov.note.strip() else ""
    return (
        f"stop: {TIER_LABELS[RiskTier.UNACCEPTABLE]} under {ACT}{why}: a prohibited practice may not be "
        "put into service; re-scope it out of the ban or stop it"
    )


def obligations_clause(gov: Governance, decision: Decision) -> str:
    """What the tier adds to the reason for a high (or obligation-bearing) tier; "" otherwise."""
    if gov.tier is None or gov.prohibited or not gov.obligations:
        return ""
    label = TIER_LABELS[gov.tier]
    if not gov.unmet:
        return f"; {label} under {ACT}: the gate checks of all its obligations pass"
    unmet = "; ".join(f"{o.name} ({', '.join(o.failing)})" for o in gov.unmet)
    holds = "cannot scale" if decision is not Decision.STOP else "could not scale"
    return f"; {label} under {ACT}: it {holds} until these obligations are met: {unmet}"


def withheld_clause(override: Decision) -> str:
    return f"; the override to {override.value.replace('_', ' ')} is withheld"


def unassessed(portfolio: Portfolio) -> list[str]:
    """Ids of the pilots not yet retired that have no risk tier yet."""
    return [p.id for p in portfolio.pilots if p.risk_tier is None and p.stage is not Stage.RETIRED]
