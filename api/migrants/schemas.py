"""Shared field types of the one-stop shop, and the bodies of the small subjects (timeline,
returnee package, transfers, the audit log, mentors). Each subject package keeps its own."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from api.core.http import Page
from api.core.types import LanguageCode, LanguageLevel

Sex = Literal["female", "male", "other", "unknown"]
Purpose = Literal["case_management", "provider_sharing", "mentoring_contact", "statistics"]
NeedStatus = Literal["open", "in_progress", "met", "not_met"]
Priority = Literal["high", "normal", "low"]
ReferralStatus = Literal["proposed", "sent", "accepted", "declined", "in_progress", "completed", "dropped"]
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=120)]
ShortText = Annotated[str, StringConstraints(strip_whitespace=True, max_length=2000)]
Phone = Annotated[str, StringConstraints(strip_whitespace=True, max_length=40, pattern=r"^[0-9+() \-]*$")]
Code = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=30)]
Category = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=60)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class CaseEventRead(BaseModel):
    id: uuid.UUID
    at: datetime
    kind: str
    text: str | None
    actor_id: str | None
    details: dict[str, Any]


class PackageItem(Strict):
    need: Code
    service_id: uuid.UUID | None = None
    category: Category | None = None


class PackageWrite(Strict):
    responsible_coordinator_id: uuid.UUID | None = None
    items: list[PackageItem] = Field(default_factory=list, max_length=20)


class PackageRead(BaseModel):
    municipality: str
    responsible_coordinator_id: uuid.UUID | None
    items: list[dict[str, Any]]
    version: int
    updated_at: datetime | None


class TransferCreate(Strict):
    to_municipality: Annotated[str, StringConstraints(min_length=1, max_length=60)]
    reason: ShortText | None = None


class TransferDecision(Strict):
    reason: ShortText | None = None


class TransferRead(BaseModel):
    id: uuid.UUID
    person_id: uuid.UUID
    given_name: str
    family_name: str
    from_municipality: str
    to_municipality: str
    status: str
    reason: str | None
    requested_at: datetime
    decided_at: datetime | None
    direction: Literal["incoming", "outgoing"]
    version: int


class TransferList(BaseModel):
    items: list[TransferRead]


class AuditRead(BaseModel):
    id: uuid.UUID
    at: datetime
    actor_kind: str
    actor_id: str | None
    actor_role: str | None
    municipality_id: uuid.UUID | None
    action: str
    record_type: str
    record_id: str
    subject_id: uuid.UUID | None
    purpose: str | None
    details: dict[str, Any]


class AuditList(Page[AuditRead]):
    pass


class MentorLink(Strict):
    mentor_id: uuid.UUID


class CaseMentorRead(BaseModel):
    mentor_id: uuid.UUID
    started_at: datetime | None
    ended_at: datetime | None


class CaseMentorList(BaseModel):
    items: list[CaseMentorRead]


# Named like models of other domains: kept here so their OpenAPI names stay module-qualified as before.
class PersonLanguageSkill(Strict):
    language: LanguageCode
    level: LanguageLevel


class ReferralInboxItem(BaseModel):
    """What a provider sees: only what the service needs to help the person."""

    id: uuid.UUID
    status: str
    given_name: str
    family_name: str
    preferred_language: str
    email: str | None
    phone: str | None
    need: str
    need_name: str | None
    message: str | None
    reason: str | None
    service_id: uuid.UUID
    service_name: str | None
    sent_at: datetime | None
    updated_at: datetime
    allowed: list[str]
    version: int


class ReferralInboxList(Page[ReferralInboxItem]):
    pass
