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
from planner.model import Decision, Override, Pilot, Portfolio, RiskTier, Stage
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


# per tier: (obligation id, name, [(position of a gate in the method, its name)])
Obligations = dict[RiskTier, list[tuple[str, str, list[tuple[int, str]]]]]


def obligations_by_tier(method: Method) -> Obligations:
    """What each tier requires, with its gates' positions in the method's order (worked out once)."""
    at = {g.id: k for k, g in enumerate(method.gates)}
    return {
        tier: [
            (o.id, o.name, sorted((at[g], method.gates[at[g]].name) for g in set(o.gates)))
            for o in method.obligations_for(tier)
        ]
        for tier in RiskTier
    }


def governance(
    method: Method, pilot: Pilot, gates: Sequence[GateResult], by_tier: Obligations | None = None
) -> Governance:
    """The pilot's tier and, for each obligation that tier brings, the gate checks that fail (`gates`
    in the method's order). `by_tier`: `obligations_by_tier(method)`, when scoring many pilots."""
    if pilot.risk_tier is None:
        return NO_TIER
    required = (by_tier or obligations_by_tier(method))[pilot.risk_tier]
    obligations = tuple(
        ObligationResult(oid, name, tuple(gate for k, gate in checks if not gates[k].passed))
        for oid, name, checks in required
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


def govern(
    method: Method, pilot: Pilot, gates: Sequence[GateResult], by_tier: Obligations | None = None
) -> tuple[Governance, Decision | None, bool]:
    """`governance` and `governed_override` of one pilot at once: its standing, the decision that
    replaces the rules' one (None: the rules decide) and whether its user's override is withheld."""
    gov = governance(method, pilot, gates, by_tier)
    return (gov, *governed_override(gov, pilot.override.decision if pilot.override else None))


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


def governed_reason(
    gov: Governance, by_rules: Decision, rule_text: str, override: Override | None, withheld: bool
) -> tuple[Decision, str]:
    """The method's decision for a pilot and its reason, with what the risk tier adds: `by_rules`
    and `rule_text` are the decision rules' (``planner.triage.decisions``); a prohibited system's
    decision is stop; a withheld override is named."""
    if gov.prohibited:
        computed, reason = Decision.STOP, prohibited_reason(gov)
    else:
        computed, reason = by_rules, rule_text + obligations_clause(gov, by_rules)
    if withheld and override is not None:
        reason += withheld_clause(override.decision)
    return computed, reason


def unassessed(portfolio: Portfolio) -> list[str]:
    """Ids of the pilots not yet retired that have no risk tier yet."""
    return [p.id for p in portfolio.pilots if p.risk_tier is None and p.stage is not Stage.RETIRED]
