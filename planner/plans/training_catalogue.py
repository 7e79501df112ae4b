"""The training module catalogue, as data: ``templates/training/modules.json``.

A module says which audience it trains (executives, managers, champions, end users), for which
change impacts of a user group, at which stage of awareness → desire → knowledge → ability →
reinforcement, in which format, for how many hours and with how many trainers per session. Modules
timed ``before`` run in the lead window before a cohort goes live; ``required`` ones are what makes
an end user count as trained. Modules timed ``after`` reinforce after go-live; ``fixed_sessions``
makes a drop-in series of that many weekly sessions whatever the headcount.

The file is validated like any other input, and errors name the file and the JSON path.
"""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError, model_validator

from planner.errors import LiftoffError, format_validation_error
from planner.model import ChangeImpact
from planner.plan_settings import TrainingFormat
from planner.resources import templates_dir

_Id = Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^[A-Za-z0-9][A-Za-z0-9_.\-]{0,63}$")]
_Text = Annotated[str, StringConstraints(max_length=5_000)]


class ChangeStage(StrEnum):
    """The order in which people move through a change; sessions of a cohort follow it."""

    AWARENESS = "awareness"
    DESIRE = "desire"
    KNOWLEDGE = "knowledge"
    ABILITY = "ability"
    REINFORCEMENT = "reinforcement"

    @property
    def order(self) -> int:
        return _STAGE_ORDER[self]


_STAGE_ORDER = {stage: i for i, stage in enumerate(ChangeStage)}


class Audience(StrEnum):
    EXECUTIVE = "executive"
    MANAGER = "manager"
    CHAMPION = "champion"
    END_USER = "end_user"


class Timing(StrEnum):
    BEFORE = "before"
    AFTER = "after"


class _Data(BaseModel):
    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)


class TrainingModule(_Data):
    id: _Id
    name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
    stage: ChangeStage
    audience: Audience
    impacts: list[ChangeImpact] = Field(min_length=1)
    format: TrainingFormat
    hours: float = Field(gt=0, le=200)
    trainers: int = Field(ge=0, le=20)
    timing: Timing
    after_weeks: float = Field(default=0, ge=0, le=52)
    fixed_sessions: int | None = Field(default=None, ge=1, le=52)
    required: bool = False
    topics: list[_Text] = Field(default_factory=list)

    @model_validator(mode="after")
    def _check(self) -> TrainingModule:
        if self.format != TrainingFormat.SELF_PACED and self.trainers < 1:
            raise ValueError(f"trainers: a {self.format.value} module needs at least one trainer")
        if self.format == TrainingFormat.SELF_PACED and self.trainers != 0:
            raise ValueError("trainers: a self-paced module has no trainer")
        if self.required and (self.audience != Audience.END_USER or self.timing != Timing.BEFORE):
            raise ValueError("required: only end-user modules held before go-live can be required")
        if self.fixed_sessions is not None and self.timing != Timing.AFTER:
            raise ValueError("fixed_sessions: only for modules held after go-live")
        return self


class Catalogue(_Data):
    version: Annotated[str, StringConstraints(max_length=40)] = "1"
    description: _Text = ""
    modules: list[TrainingModule] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique(self) -> Catalogue:
        ids = [m.id for m in self.modules]
        for i, module_id in enumerate(ids):
            if module_id in ids[:i]:
                raise ValueError(f"modules[{i}].id: duplicate module id {module_id!r}")
        return self


class CatalogueError(LiftoffError):
    """A module catalogue that cannot be used; the message names the file and the place."""


def parse_catalogue(text: str | bytes, source: str = "training catalogue") -> Catalogue:
    """Validate a catalogue document; CatalogueError names `source` and the JSON path of each problem."""
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise CatalogueError(f"{source}: not valid JSON ({exc})") from None
    try:
        return Catalogue.model_validate(data)
    except ValidationError as exc:
        raise CatalogueError(f"{source}: {format_validation_error(exc)}") from None


_cache: dict[Path, Catalogue] = {}


def load_catalogue(path: Path | None = None) -> Catalogue:
    """The shipped catalogue (or the one at `path`), validated once and cached: catalogues are read-only."""
    path = path or templates_dir() / "training" / "modules.json"
    if path not in _cache:
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CatalogueError(f"{path}: cannot read ({exc.strerror})") from None
        _cache[path] = parse_catalogue(data, str(path))
    return _cache[path]
