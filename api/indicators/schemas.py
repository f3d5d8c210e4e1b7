"""Request and response models of the indicators API."""

from __future__ import annotations

import math
import uuid
from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

from api.core.i18n import OptionalTranslations, Translations

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
Strategy = Literal["create", "update", "create_and_update", "delete"]
ImportFormat = Literal["json", "ndjson", "csv", "sdmx-csv"]
Flag = Literal["provisional", "estimated", "break_in_series", "suppressed"]
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


class DefinitionRead(BaseModel):
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


class DefinitionList(BaseModel):
    items: list[DefinitionRead]
    next_cursor: str | None = None


class ObservationRead(BaseModel):
    indicator: str
    place: str
    period: str
    breakdowns: dict[str, str]
    value: float | None
    flags: list[Flag]
    status: Literal["draft", "published"]
    published_at: datetime | None
    derived: bool
    source: str | None
    updated_at: datetime


class ObservationList(BaseModel):
    items: list[ObservationRead]
    next_cursor: str | None = None


class Conflict(BaseModel):
    row: int = Field(description="1-based number of the observation in the file")
    line: int | None = Field(None, description="CSV: the line of the file (the header is line 1)")
    field: str | None = None
    code: str = Field(description="Machine-readable reason, e.g. unknown_indicator")
    reason: str


class ImportSummary(BaseModel):
    id: uuid.UUID | None = Field(None, description="The import record (none for a dry run)")
    status: Literal["completed", "dry_run", "rejected"]
    dry_run: bool
    atomic: bool
    strategy: Strategy
    format: ImportFormat
    rows: int
    imported: int
    updated: int
    ignored: int
    deleted: int
    conflict_count: int
    conflicts: list[Conflict] = Field(description="The first 1000 conflicts")


class ImportRead(ImportSummary):
    actor_kind: str
    municipality: str | None
    started_at: datetime
    finished_at: datetime | None


class ImportList(BaseModel):
    items: list[ImportRead]
    next_cursor: str | None = None


class ChangeRead(BaseModel):
    at: datetime
    indicator: str
    place: str
    period: str
    breakdowns: dict[str, str]
    action: Literal["update", "delete"]
    old_value: float | None
    new_value: float | None
    old_flags: list[str]
    new_flags: list[str]
    actor_kind: str
    actor_id: str | None
    actor_role: str | None
    import_id: uuid.UUID | None


class ChangeList(BaseModel):
    items: list[ChangeRead]
    next_cursor: str | None = None


class PublishRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    indicators: list[IndicatorCode] = Field(min_length=1, max_length=50)
    places: list[Annotated[str, StringConstraints(min_length=1, max_length=100)]] = Field(
        min_length=1, max_length=100, examples=[["vilniaus-m"]]
    )
    periods: list[Annotated[str, StringConstraints(min_length=1, max_length=40)]] = Field(
        min_length=1, max_length=50, examples=[["2024"]]
    )


class PublishResult(BaseModel):
    action: Literal["publish", "unpublish"]
    observations: int = Field(description="How many observations changed status")


# --- analytics ------------------------------------------------------------------------------------


class AnalyticsHeader(BaseModel):
    name: str
    label: str
    type: Literal["code", "number", "flags"]


class IndicatorMeta(BaseModel):
    name: Any
    unit: str
    aggregation: str
    decimals: int
    computed: bool


class PlaceMeta(BaseModel):
    name: Any
    level: Literal["country", "county", "municipality"]


class PeriodMeta(BaseModel):
    name: Any
    type: Literal["year", "quarter", "month"]
    start: date
    end: date


class DimensionMeta(BaseModel):
    name: Any
    values: dict[str, Any]


class AnalyticsMeta(BaseModel):
    language: str
    as_of: date
    published_only: bool
    indicators: dict[str, IndicatorMeta]
    places: dict[str, PlaceMeta]
    periods: dict[str, PeriodMeta]
    breakdowns: dict[str, DimensionMeta]
    filters: dict[str, list[str]]
    dimensions: dict[str, list[str]] = Field(description="The order of the items of each dimension")


AnalyticsCell = str | float | list[str] | None


class AnalyticsResponse(BaseModel):
    headers: list[AnalyticsHeader]
    rows: list[list[AnalyticsCell]]
    meta: AnalyticsMeta


class DimensionValue(BaseModel):
    code: str
    name: Any


class DimensionRead(BaseModel):
    code: str
    name: Any
    values: list[DimensionValue] | None = Field(description="The closed list of codes, or null for a rule")
    rule: str | None = None


class CatalogueRead(BaseModel):
    breakdowns: list[DimensionRead]
    place_selections: list[str]
    relative_periods: list[str]
    period_formats: list[str]
