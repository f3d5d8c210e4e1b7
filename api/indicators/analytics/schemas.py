"""Analytics answers and the catalogue of breakdowns: response models."""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, Field


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
