"""The building blocks every domain type shares: the strict pydantic base, id and text fields, evidence.

They live below ``planner.model``, ``planner.workshop``, ``planner.committee`` and the method's types so
that all of them can use them without importing each other; ``planner.model`` re-exports them, so
``from planner.model import Id, Decision`` keeps working.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, StringConstraints

Id = Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^[A-Za-z0-9][A-Za-z0-9_.\-]{0,63}$")]
Text = Annotated[str, StringConstraints(max_length=20_000)]
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)]
Rationale = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=20_000)]


class Model(BaseModel):
    """Base for every domain type: unknown fields are errors, NaN/inf are refused."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False, validate_default=False)


class Decision(StrEnum):
    """What to do with a pilot: the five outcomes of triage (``planner.triage.decisions``)."""

    STOP = "stop"
    PIVOT = "pivot"
    SECURE_SPONSOR = "secure_sponsor"
    FIX_THEN_SCALE = "fix_then_scale"
    SCALE = "scale"


class RiskTier(StrEnum):
    """A system's risk tier under the EU AI Act (Regulation (EU) 2024/1689), most severe first.

    unacceptable: a prohibited practice (Article 5), e.g. social scoring or emotion recognition at work
    for other than medical or safety reasons; high: a listed use (Annex III: employment, credit to
    people, essential services, …) or a safety component of a regulated product (a medical device);
    limited: transparency duties only (a chatbot says it is one, generated content is labelled);
    minimal: everything else.
    """

    UNACCEPTABLE = "unacceptable"
    HIGH = "high"
    LIMITED = "limited"
    MINIMAL = "minimal"


class Evidence(StrEnum):
    """How well a rating is backed, weakest first."""

    ASSUMED = "assumed"
    REPORTED = "reported"
    VERIFIED = "verified"
