"""Bodies of the checklists API."""

from __future__ import annotations

import uuid
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from api.core.types import IsoDate

Level = Literal["none", "A1", "A2", "B1", "B2", "C1", "C2", "native"]


# Bodies refuse fields they do not know (a typo is a 422, never silently ignored).
class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Answers(Strict):
    municipality: str = Field(min_length=2, max_length=60)
    legal_status: str = Field(min_length=1, max_length=40)
    arrival_date: IsoDate | None = Field(default=None, description="When she arrived (or plans to)")
    children: bool = Field(default=False, description="Children under 18 live with her")
    household_size: int = Field(default=1, ge=1, le=20)
    lithuanian_level: Level = "none"
    needs: list[str] = Field(default_factory=list, max_length=10)


class ServiceLink(BaseModel):
    id: uuid.UUID
    name: str
    organization: str


class Step(BaseModel):
    key: str
    order: int
    title: str
    what_to_bring: str
    where: str
    categories: list[str]
    services: list[ServiceLink]
    # The directory search that finds more services for this step (web app: #/services?...).
    search: dict[str, str]


class Checklist(BaseModel):
    municipality: str
    lang: str
    steps: list[Step]
    # For "ask for help": the needs she named, as codes.
    needs: list[str]


class TemplateStep(BaseModel):
    key: str
    order: int
    source: Literal["national", "changed", "local"]
    hidden: bool
    when: dict[str, Any]
    categories: list[str]
    title: dict[str, str]
    what_to_bring: dict[str, str]
    where: dict[str, str]


class Template(BaseModel):
    municipality: str
    steps: list[TemplateStep]


class StepChange(Strict):
    hidden: bool = False
    order: int | None = Field(default=None, ge=0, le=1000)
    title: dict[str, str] = Field(default_factory=dict, description="Translations; empty: the national text")
    what_to_bring: dict[str, str] = Field(default_factory=dict)
    where: dict[str, str] = Field(default_factory=dict)
    categories: list[str] = Field(default_factory=list, max_length=10)
