"""Request and response bodies of the one-stop shop."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, EmailStr, Field, StringConstraints

from api.core.types import CountryCode, LanguageCode, LanguageLevel

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


class LanguageSkill(Strict):
    language: LanguageCode
    level: LanguageLevel


class HouseholdMember(Strict):
    relation: Literal["child", "partner", "parent", "other"]
    birth_year: int | None = Field(default=None, ge=1900, le=2100)
    name: Annotated[str, StringConstraints(strip_whitespace=True, max_length=120)] | None = None


class PersonFields(Strict):
    given_name: Name
    family_name: Name
    birth_date: date | None = None
    sex: Sex = "unknown"
    citizenships: list[CountryCode] = Field(default_factory=list, max_length=5)
    languages: list[LanguageSkill] = Field(default_factory=list, max_length=12)
    lithuanian_level: LanguageLevel = "none"
    legal_status: Code
    permit_expires_on: date | None = None
    arrival_date: date | None = None
    email: EmailStr | None = None
    phone: Phone | None = None
    address: Annotated[str, StringConstraints(strip_whitespace=True, max_length=300)] | None = None
    preferred_language: LanguageCode = "lt"
    household: list[HouseholdMember] = Field(default_factory=list, max_length=20)
    external_ref: (
        Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)] | None
    ) = None


class PersonCreate(PersonFields):
    consents: list[Purpose] = Field(
        default_factory=list, max_length=4, description="Purposes the person consented to, recorded now"
    )
    needs: list[Code] = Field(default_factory=list, max_length=10, description="Needs to open the case with")
    coordinator_id: uuid.UUID | None = Field(
        default=None, description="The case's coordinator (default: you, or the package's responsible person)"
    )


class IntakeCreate(PersonFields):
    """What a municipal system sends, e.g. on a residence declaration. ``external_ref`` is required."""

    external_ref: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]
    consents: list[Purpose] = Field(default_factory=list, max_length=4)
    needs: list[Code] = Field(default_factory=list, max_length=10)


class PersonUpdate(Strict):
    given_name: Name | None = None
    family_name: Name | None = None
    birth_date: date | None = None
    sex: Sex | None = None
    citizenships: list[CountryCode] | None = Field(default=None, max_length=5)
    languages: list[LanguageSkill] | None = Field(default=None, max_length=12)
    lithuanian_level: LanguageLevel | None = None
    legal_status: Code | None = None
    permit_expires_on: date | None = None
    arrival_date: date | None = None
    email: EmailStr | None = None
    phone: Phone | None = None
    address: Annotated[str, StringConstraints(strip_whitespace=True, max_length=300)] | None = None
    preferred_language: LanguageCode | None = None
    household: list[HouseholdMember] | None = Field(default=None, max_length=20)
    external_ref: (
        Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)] | None
    ) = None


class StatusRecord(BaseModel):
    legal_status: str
    permit_expires_on: date | None
    recorded_at: datetime


class ConsentRead(BaseModel):
    purpose: str
    granted: bool
    granted_at: datetime | None
    granted_by: str | None
    withdrawn_at: datetime | None
    withdrawn_by: str | None


class ConsentChange(Strict):
    purpose: Purpose
    action: Literal["grant", "withdraw"]


class ConsentList(BaseModel):
    items: list[ConsentRead]


class CaseSummary(BaseModel):
    id: uuid.UUID
    status: str
    coordinator_id: uuid.UUID | None
    opened_at: datetime
    closed_at: datetime | None


class PersonListItem(BaseModel):
    id: uuid.UUID
    given_name: str
    family_name: str
    birth_year: int | None
    legal_status: str
    preferred_language: str
    case_open: bool
    coordinator_id: uuid.UUID | None
    updated_at: datetime


class PersonList(BaseModel):
    items: list[PersonListItem]
    next_cursor: str | None = None


class PersonRead(BaseModel):
    id: uuid.UUID
    municipality: str
    given_name: str
    family_name: str
    birth_date: date | None
    birth_year: int | None
    sex: str
    citizenships: list[str]
    languages: list[dict[str, Any]]
    lithuanian_level: str
    legal_status: str
    permit_expires_on: date | None
    arrival_date: date | None
    email: str | None
    phone: str | None
    address: str | None
    preferred_language: str
    household: list[dict[str, Any]]
    external_ref: str | None
    status_history: list[StatusRecord]
    consents: list[ConsentRead]
    cases: list[CaseSummary]
    open_case_id: uuid.UUID | None
    anonymised: bool
    created_at: datetime
    updated_at: datetime
    version: int


class IntakeResult(BaseModel):
    """Deliberately without names: municipal systems keep their own copy and a stored idempotent
    replay then holds no personal data."""

    id: uuid.UUID
    created: bool
    case_id: uuid.UUID | None
    package_referrals: int


class SpecialNoteCreate(Strict):
    category: Literal["health", "disability", "other"] = "health"
    text: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=4000)]


class SpecialNoteRead(BaseModel):
    id: uuid.UUID
    category: str
    text: str
    created_at: datetime
    created_by: str | None


class SpecialNoteList(BaseModel):
    items: list[SpecialNoteRead]


class NeedCreate(Strict):
    code: Code
    priority: Priority = "normal"
    note: ShortText | None = None


class NeedUpdate(Strict):
    priority: Priority | None = None
    status: NeedStatus | None = None
    note: ShortText | None = None


class NeedRead(BaseModel):
    id: uuid.UUID
    code: str
    name: str | None
    categories: list[str]
    priority: str
    status: str
    note: str | None
    version: int
    updated_at: datetime


class CaseEventRead(BaseModel):
    id: uuid.UUID
    at: datetime
    kind: str
    text: str | None
    actor_id: str | None
    details: dict[str, Any]


class CaseEventList(BaseModel):
    items: list[CaseEventRead]
    next_cursor: str | None = None


class NoteCreate(Strict):
    text: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=4000)]


class CaseCreate(Strict):
    coordinator_id: uuid.UUID | None = None
    needs: list[Code] = Field(default_factory=list, max_length=10)


class CaseUpdate(Strict):
    coordinator_id: uuid.UUID | None = None
    status: Literal["open", "closed"] | None = None
    close_reason: Annotated[str, StringConstraints(strip_whitespace=True, max_length=300)] | None = None


class CaseRead(BaseModel):
    id: uuid.UUID
    person_id: uuid.UUID
    status: str
    coordinator_id: uuid.UUID | None
    opened_at: datetime
    closed_at: datetime | None
    close_reason: str | None
    package_applied_at: datetime | None
    needs: list[NeedRead]
    version: int


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


class ReferralList(BaseModel):
    items: list[ReferralRead]
    next_cursor: str | None = None


class InboxItem(BaseModel):
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


class InboxList(BaseModel):
    items: list[InboxItem]
    next_cursor: str | None = None


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


class AuditList(BaseModel):
    items: list[AuditRead]
    next_cursor: str | None = None


class ExportRecipient(BaseModel):
    organization_id: uuid.UUID
    organization_name: str | None
    referral_id: uuid.UUID
    shared_since: datetime | None


class PersonExport(BaseModel):
    """Everything held on the person (GDPR art. 15), and who received it."""

    person: PersonRead
    special_notes: list[SpecialNoteRead] | None
    cases: list[CaseRead]
    timeline: list[CaseEventRead]
    referrals: list[ReferralRead]
    recipients: list[ExportRecipient]
    access_log: list[AuditRead]


class MentorLink(Strict):
    mentor_id: uuid.UUID


class MentorshipRead(BaseModel):
    mentor_id: uuid.UUID
    started_at: datetime | None
    ended_at: datetime | None


class MentorshipList(BaseModel):
    items: list[MentorshipRead]
