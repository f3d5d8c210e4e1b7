"""Directory request and response models (HTTP) and the brief other domains use."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, EmailStr, Field, field_validator

from api.core.i18n import OptionalTranslations, Translations


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


ServiceStatus = Literal["active", "inactive", "defunct", "temporarily_closed"]
ServiceFormat = Literal["in_person", "online", "hybrid", "informal"]
CefrLevel = Literal["A1", "A2", "B1", "B2", "C1", "C2"]
Sex = Literal["any", "female", "male"]
OrganizationKind = Literal[
    "municipality",
    "ngo",
    "social_business",
    "state_body",
    "school",
    "social_service",
    "religious",
    "business",
    "other",
]
ServiceSort = Literal["relevance", "name", "-name", "last_modified", "-last_modified", "-assured_date"]
LanguageCode = Annotated[str, Field(pattern=r"^[a-z]{2}$", description="ISO 639-1")]
Hhmm = Annotated[str, Field(pattern=r"^([01]\d|2[0-3]):[0-5]\d$")]
Url = Annotated[str, Field(max_length=300, pattern=r"^https?://")]
Phone = Annotated[str, Field(max_length=40, pattern=r"^[0-9+() \-]{3,40}$")]


class WeeklyTime(BaseModel):
    model_config = ConfigDict(extra="forbid")
    weekday: int = Field(ge=1, le=7, description="1 = Monday … 7 = Sunday")
    opens: Hhmm
    closes: Hhmm


class _ServiceFields(BaseModel):
    model_config = ConfigDict(extra="forbid")

    description: OptionalTranslations = Field(default_factory=dict)
    status: ServiceStatus = "active"
    languages: list[LanguageCode] = Field(default_factory=list, max_length=20)
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
    start_date: date | None = None
    end_date: date | None = None
    capacity: int | None = Field(default=None, ge=0, le=100000)
    application_process: OptionalTranslations = Field(default_factory=dict)
    url: Url | None = None
    email: EmailStr | None = None
    phone: Phone | None = None
    funding_source: str | None = Field(default=None, max_length=200)
    funding_ends_on: date | None = None
    location_ids: list[uuid.UUID] = Field(default_factory=list, max_length=20)

    @field_validator("languages")
    @classmethod
    def _unique_languages(cls, value: list[str]) -> list[str]:
        return list(dict.fromkeys(value))


class ServiceCreate(_ServiceFields):
    organization_id: uuid.UUID | None = Field(default=None, description="Defaults to your organisation")
    name: Translations
    categories: list[str] = Field(min_length=1, max_length=10)


class ServiceUpdate(BaseModel):
    """Every field optional; only what is sent changes."""

    model_config = ConfigDict(extra="forbid")

    name: Translations | None = None
    categories: list[str] | None = Field(default=None, min_length=1, max_length=10)
    description: OptionalTranslations | None = None
    status: ServiceStatus | None = None
    languages: list[LanguageCode] | None = Field(default=None, max_length=20)
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
    start_date: date | None = None
    end_date: date | None = None
    capacity: int | None = Field(default=None, ge=0, le=100000)
    application_process: OptionalTranslations | None = None
    url: Url | None = None
    email: EmailStr | None = None
    phone: Phone | None = None
    funding_source: str | None = Field(default=None, max_length=200)
    funding_ends_on: date | None = None
    location_ids: list[uuid.UUID] | None = Field(default=None, max_length=20)


class LocationRead(BaseModel):
    id: uuid.UUID
    organization_id: uuid.UUID
    municipality: str
    name: Any
    address: str | None
    city: str | None
    postal_code: str | None
    latitude: float | None
    longitude: float | None
    accessibility: Any
    opening_hours: list[dict[str, Any]]
    confidential: bool
    address_hidden: bool = Field(description="True when the address is confidential and you may not see it")
    version: int
    last_modified: datetime


class ServiceRead(BaseModel):
    id: uuid.UUID
    deleted: Literal[False] = False
    organization_id: uuid.UUID
    organization_name: Any
    municipality: str
    name: Any
    description: Any
    text_language: str | None = Field(description="The language the name and description are shown in")
    categories: list[str]
    status: ServiceStatus
    languages: list[str]
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
    version: int
    created_at: datetime
    last_modified: datetime


class ServiceTombstone(BaseModel):
    """A deleted service, listed by ``modified_after`` so a sync learns of the deletion."""

    id: uuid.UUID
    deleted: Literal[True] = True
    deleted_at: datetime
    last_modified: datetime


class ServiceList(BaseModel):
    items: list[ServiceRead | ServiceTombstone]
    next_cursor: str | None = None


class LocationCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    organization_id: uuid.UUID | None = Field(default=None, description="Defaults to your organisation")
    name: OptionalTranslations = Field(default_factory=dict)
    address: str | None = Field(default=None, max_length=300)
    city: str | None = Field(default=None, max_length=120)
    postal_code: str | None = Field(default=None, max_length=20)
    latitude: float | None = Field(default=None, ge=-90, le=90)
    longitude: float | None = Field(default=None, ge=-180, le=180)
    accessibility: OptionalTranslations = Field(default_factory=dict)
    opening_hours: list[WeeklyTime] = Field(default_factory=list, max_length=30)
    confidential: bool = False


class LocationUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: OptionalTranslations | None = None
    address: str | None = Field(default=None, max_length=300)
    city: str | None = Field(default=None, max_length=120)
    postal_code: str | None = Field(default=None, max_length=20)
    latitude: float | None = Field(default=None, ge=-90, le=90)
    longitude: float | None = Field(default=None, ge=-180, le=180)
    accessibility: OptionalTranslations | None = None
    opening_hours: list[WeeklyTime] | None = Field(default=None, max_length=30)
    confidential: bool | None = None


class LocationList(BaseModel):
    items: list[LocationRead]
    next_cursor: str | None = None


class OrganizationCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    municipality: str | None = Field(default=None, description="Municipality code; defaults to yours")
    name: Translations
    kind: OrganizationKind = "ngo"
    description: OptionalTranslations = Field(default_factory=dict)
    website: Url | None = None
    email: EmailStr | None = None
    phones: list[Phone] = Field(default_factory=list, max_length=10)


class OrganizationUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: Translations | None = None
    kind: OrganizationKind | None = None
    description: OptionalTranslations | None = None
    website: Url | None = None
    email: EmailStr | None = None
    phones: list[Phone] | None = Field(default=None, max_length=10)


class OrganizationRead(BaseModel):
    id: uuid.UUID
    municipality: str
    name: Any
    kind: str
    description: Any
    website: str | None
    email: str | None
    phones: list[str]
    version: int
    last_modified: datetime


class OrganizationList(BaseModel):
    items: list[OrganizationRead]
    next_cursor: str | None = None


class CategoryNode(BaseModel):
    code: str
    parent: str | None
    name: Any
    children: list[CategoryNode] = Field(default_factory=list)


class CategoryTree(BaseModel):
    items: list[CategoryNode]


class LegalStatusRead(BaseModel):
    code: str
    name: Any


class LegalStatusList(BaseModel):
    items: list[LegalStatusRead]
