"""Service request and response models, and the brief other domains use."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Literal

from pydantic import BaseModel, EmailStr, Field, field_validator

from api.core.i18n import OptionalTranslations, Translations
from api.core.pagination import Page
from api.core.translatable import WithTranslationStatus
from api.core.types import IsoDate
from api.directory.locations.schemas import LocationRead
from api.directory.vocab import (
    CefrLevel,
    LanguageCode,
    Phone,
    ServiceFormat,
    ServiceStatus,
    Sex,
    Strict,
    Url,
    WeeklyTime,
)


@dataclass(frozen=True)
class ServiceBrief:
    """What another domain (case management, referrals) needs to know of a service."""

    id: uuid.UUID
    organization_id: uuid.UUID
    municipality_id: uuid.UUID
    name: dict[str, str]
    categories: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    status: str = "active"
    organization_name: dict[str, str] = field(default_factory=dict)


class _ServiceFields(Strict):
    description: OptionalTranslations = Field(default_factory=dict)
    status: ServiceStatus = "active"
    languages: list[LanguageCode] = Field(
        default_factory=list,
        max_length=20,
        description="Languages people can get help in: staff who speak it, interpretation",
    )
    provided_languages: list[LanguageCode] = Field(
        default_factory=list,
        max_length=20,
        description="Languages the service is given or taught in (a Lithuanian course: lt)",
    )
    eligible_statuses: list[str] = Field(
        default_factory=list, max_length=20, description="legal-statuses.csv codes; empty = everyone"
    )
    age_min: int | None = Field(default=None, ge=0, le=120)
    age_max: int | None = Field(default=None, ge=0, le=120)
    sex: Sex | None = None
    eligibility_note: OptionalTranslations = Field(default_factory=dict)
    format: ServiceFormat = "in_person"
    level: CefrLevel | None = Field(default=None, description="CEFR level of a language course")
    free: bool = True
    cost_amount: Decimal | None = Field(default=None, ge=0, le=100000, decimal_places=2)
    cost_description: OptionalTranslations = Field(default_factory=dict)
    schedule: list[WeeklyTime] = Field(default_factory=list, max_length=30)
    start_date: IsoDate | None = None
    end_date: IsoDate | None = None
    capacity: int | None = Field(default=None, ge=0, le=100000)
    application_process: OptionalTranslations = Field(default_factory=dict)
    url: Url | None = None
    email: EmailStr | None = None
    phone: Phone | None = None
    funding_source: str | None = Field(default=None, max_length=200)
    funding_ends_on: IsoDate | None = None
    location_ids: list[uuid.UUID] = Field(default_factory=list, max_length=20)

    @field_validator("languages", "provided_languages")
    @classmethod
    def _unique_languages(cls, value: list[str]) -> list[str]:
        return list(dict.fromkeys(value))


class ServiceCreate(_ServiceFields):
    organization_id: uuid.UUID | None = Field(default=None, description="Defaults to your organisation")
    name: Translations
    categories: list[str] = Field(min_length=1, max_length=10)


class ServiceUpdate(Strict):
    """Every field optional; only what is sent changes."""

    name: Translations | None = None
    categories: list[str] | None = Field(default=None, min_length=1, max_length=10)
    description: OptionalTranslations | None = None
    status: ServiceStatus | None = None
    languages: list[LanguageCode] | None = Field(default=None, max_length=20)
    provided_languages: list[LanguageCode] | None = Field(default=None, max_length=20)
    eligible_statuses: list[str] | None = Field(default=None, max_length=20)
    age_min: int | None = Field(default=None, ge=0, le=120)
    age_max: int | None = Field(default=None, ge=0, le=120)
    sex: Sex | None = None
    eligibility_note: OptionalTranslations | None = None
    format: ServiceFormat | None = None
    level: CefrLevel | None = None
    free: bool | None = None
    cost_amount: Decimal | None = Field(default=None, ge=0, le=100000, decimal_places=2)
    cost_description: OptionalTranslations | None = None
    schedule: list[WeeklyTime] | None = Field(default=None, max_length=30)
    start_date: IsoDate | None = None
    end_date: IsoDate | None = None
    capacity: int | None = Field(default=None, ge=0, le=100000)
    application_process: OptionalTranslations | None = None
    url: Url | None = None
    email: EmailStr | None = None
    phone: Phone | None = None
    funding_source: str | None = Field(default=None, max_length=200)
    funding_ends_on: IsoDate | None = None
    location_ids: list[uuid.UUID] | None = Field(default=None, max_length=20)


class ServiceRead(WithTranslationStatus):
    id: uuid.UUID
    deleted: Literal[False] = False
    organization_id: uuid.UUID
    organization_name: Any
    municipality: str
    name: Any
    description: Any
    text_language: str | None = Field(description="The language the name is shown in")
    categories: list[str]
    status: ServiceStatus
    languages: list[str] = Field(description="Help available in (staff, interpretation)")
    provided_languages: list[str] = Field(description="Given or taught in")
    eligible_statuses: list[str]
    age_min: int | None
    age_max: int | None
    sex: str | None
    eligibility_note: Any
    format: ServiceFormat
    level: str | None
    free: bool
    cost_amount: Decimal | None
    cost_description: Any
    schedule: list[dict[str, Any]]
    start_date: date | None
    end_date: date | None
    capacity: int | None
    application_process: Any
    url: str | None
    email: str | None
    phone: str | None
    funding_source: str | None
    funding_ends_on: date | None
    assured_date: date | None
    assured_by: uuid.UUID | None
    stale: bool
    locations: list[LocationRead]
    distance_m: int | None = Field(
        default=None, description="With near=: meters from that point to the service's nearest place"
    )
    version: int
    created_at: datetime
    last_modified: datetime


class ServiceTombstone(BaseModel):
    """A deleted service, listed by ``modified_after`` so a sync learns of the deletion."""

    id: uuid.UUID
    deleted: Literal[True] = True
    deleted_at: datetime
    last_modified: datetime


class ServiceList(Page[ServiceRead | ServiceTombstone]):
    pass
