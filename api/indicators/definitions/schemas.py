"""Indicator definitions: request and response models."""

from __future__ import annotations

import math
from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

from api.core.http import Page
from api.core.i18n import OptionalTranslations, Translations
from api.core.translatable import WithTranslationStatus

RESERVED_CODES = frozenset({"data", "imports", "changes", "publish", "unpublish", "derivations"})


def _not_reserved(code: str) -> str:
    if code in RESERVED_CODES:
        raise ValueError(f"'{code}' is reserved")
    return code


IndicatorCode = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z][a-z0-9_]{1,63}$"),
    AfterValidator(_not_reserved),
]
Aggregation = Literal["SUM", "AVERAGE", "LAST"]
Unit = Literal[
    "persons", "percent", "services", "referrals", "ideas", "days", "score_0_10", "eur", "count", "per_1000"
]
SourceKind = Literal["register", "survey", "platform", "computed", "other"]
BreakdownCode = Literal[
    "sex",
    "age_group",
    "citizenship",
    "citizenship_group",
    "legal_status",
    "level",
    "category",
    "language",
    "country",
    "competence",
    "author_residence",
]
DomainCode = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z_]{1,39}$")]
# Units whose values add up over places (counts); others (rates, scores) are averaged.
ADDITIVE_UNITS = frozenset({"persons", "services", "referrals", "ideas", "eur", "count"})


def _finite(value: float | None) -> float | None:
    if value is not None and not math.isfinite(value):
        raise ValueError("must be a finite number")
    return value


Factor = Annotated[float, AfterValidator(_finite)]


class DefinitionCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    code: IndicatorCode = Field(examples=["tcn_share"])
    name: Translations
    description: OptionalTranslations = {}
    domain: DomainCode = Field(examples=["population"])
    unit: Unit
    aggregation: Aggregation = Field(description="How values roll up over time and places")
    source_kind: SourceKind = "other"
    source: Annotated[str, StringConstraints(strip_whitespace=True, max_length=300)] | None = None
    breakdowns: list[BreakdownCode] = Field(default_factory=list, max_length=11)
    is_public: bool = True
    personal: bool = Field(False, description="Counted from people's records: cells under 5 are suppressed")
    numerator: IndicatorCode | None = Field(None, description="For computed indicators")
    denominator: IndicatorCode | None = None
    factor: Factor | None = Field(None, description="numerator / denominator × factor")
    decimals: int = Field(1, ge=0, le=6)
    note: Annotated[str, StringConstraints(max_length=2000)] | None = None


class DefinitionUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: Translations | None = None
    description: OptionalTranslations | None = None
    domain: DomainCode | None = None
    unit: Unit | None = None
    aggregation: Aggregation | None = None
    source_kind: SourceKind | None = None
    source: Annotated[str, StringConstraints(strip_whitespace=True, max_length=300)] | None = None
    breakdowns: list[BreakdownCode] | None = Field(None, max_length=11)
    is_public: bool | None = None
    personal: bool | None = None
    numerator: IndicatorCode | None = None
    denominator: IndicatorCode | None = None
    factor: Factor | None = None
    decimals: int | None = Field(None, ge=0, le=6)
    note: Annotated[str, StringConstraints(max_length=2000)] | None = None


class Rollup(BaseModel):
    time: Literal["sum", "average", "last"]
    places: Literal["sum", "average"]


class DefinitionRead(WithTranslationStatus):
    code: str
    name: Any = Field(description="In the chosen language, or every translation with translations=all")
    description: Any
    domain: str
    unit: str
    aggregation: Aggregation
    rollup: Rollup
    source_kind: str
    source: str | None
    breakdowns: list[str]
    is_public: bool
    personal: bool
    computed: bool
    numerator: str | None
    denominator: str | None
    factor: float | None
    decimals: int
    note: str | None
    version: int
    created_at: datetime
    updated_at: datetime


class DefinitionList(Page[DefinitionRead]):
    pass
