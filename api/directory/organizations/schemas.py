"""Organisation request and response models."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from pydantic import EmailStr, Field

from api.core.i18n import OptionalTranslations, Translations
from api.core.pagination import Page
from api.core.translatable import WithTranslationStatus
from api.directory.vocab import OrganizationKind, Phone, Strict, Url


class OrganizationCreate(Strict):
    municipality: str | None = Field(default=None, description="Municipality code; defaults to yours")
    name: Translations
    kind: OrganizationKind = "ngo"
    description: OptionalTranslations = Field(default_factory=dict)
    website: Url | None = None
    email: EmailStr | None = None
    phones: list[Phone] = Field(default_factory=list, max_length=10)


class OrganizationUpdate(Strict):
    name: Translations | None = None
    kind: OrganizationKind | None = None
    description: OptionalTranslations | None = None
    website: Url | None = None
    email: EmailStr | None = None
    phones: list[Phone] | None = Field(default=None, max_length=10)


class OrganizationRead(WithTranslationStatus):
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


class OrganizationList(Page[OrganizationRead]):
    pass
