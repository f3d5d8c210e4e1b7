"""Location request and response models."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field

from api.core.i18n import OptionalTranslations
from api.core.pagination import Page
from api.directory.vocab import Strict, WeeklyTime


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


class LocationCreate(Strict):
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


class LocationUpdate(Strict):
    name: OptionalTranslations | None = None
    address: str | None = Field(default=None, max_length=300)
    city: str | None = Field(default=None, max_length=120)
    postal_code: str | None = Field(default=None, max_length=20)
    latitude: float | None = Field(default=None, ge=-90, le=90)
    longitude: float | None = Field(default=None, ge=-180, le=180)
    accessibility: OptionalTranslations | None = None
    opening_hours: list[WeeklyTime] | None = Field(default=None, max_length=30)
    confidential: bool | None = None


class LocationList(Page[LocationRead]):
    pass
