"""Observations, imports, change history and publishing: request and response models."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from api.core.http import Page
from api.indicators.definitions.schemas import IndicatorCode

Strategy = Literal["create", "update", "create_and_update", "delete"]
ImportFormat = Literal["json", "ndjson", "csv", "sdmx-csv"]
Flag = Literal["provisional", "estimated", "break_in_series", "suppressed"]


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


class ObservationList(Page[ObservationRead]):
    pass


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


class ImportList(Page[ImportRead]):
    pass


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


class ChangeList(Page[ChangeRead]):
    pass


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
