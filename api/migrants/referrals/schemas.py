"""Referrals (the coordinator's side), the provider's inbox and service suggestions."""

from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel, Field

from api.core.http import Page
from api.migrants.schemas import Code, ReferralStatus, ShortText, Strict


class ReferralCreate(Strict):
    person_id: uuid.UUID
    service_id: uuid.UUID
    need: Code
    message: ShortText | None = None
    send: bool = Field(default=True, description="Send at once (else it stays proposed)")


class ReferralMove(Strict):
    status: ReferralStatus
    reason: ShortText | None = None


class ServiceInfo(BaseModel):
    id: uuid.UUID
    name: str | None
    organization_id: uuid.UUID | None
    organization_name: str | None


class ReferralRead(BaseModel):
    id: uuid.UUID
    person_id: uuid.UUID
    case_id: uuid.UUID
    need: str
    status: str
    shared: bool
    from_package: bool
    message: str | None
    reason: str | None
    service: ServiceInfo
    created_at: datetime
    updated_at: datetime
    sent_at: datetime | None
    finished_at: datetime | None
    allowed: list[str]
    version: int


class ReferralList(Page[ReferralRead]):
    pass


class Suggestion(BaseModel):
    service_id: uuid.UUID
    name: str | None
    organization_id: uuid.UUID
    organization_name: str | None
    categories: list[str]
    languages: list[str]


class SuggestionList(BaseModel):
    need: str
    categories: list[str]
    items: list[Suggestion]
