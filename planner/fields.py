"""The building blocks every domain type shares: the strict pydantic base, id and text fields, evidence.

They live below ``planner.model`` and ``planner.workshop`` so that both can use them without importing
each other; ``planner.model`` re-exports them, so ``from planner.model import Id`` keeps working.
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


class Evidence(StrEnum):
    """How well a rating is backed, weakest first."""

    ASSUMED = "assumed"
    REPORTED = "reported"
    VERIFIED = "verified"
