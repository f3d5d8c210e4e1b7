"""People: registration, rectification, the list, the record, consents and special notes."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, EmailStr, Field, StringConstraints

from api.core.http import Page
from api.core.types import CountryCode, IsoDate, LanguageCode, LanguageLevel
from api.migrants.cases.schemas import CaseRead
from api.migrants.referrals.schemas import ReferralRead
from api.migrants.schemas import (
    AuditRead,
    CaseEventRead,
    Code,
    Name,
    PersonLanguageSkill,
    Phone,
    Purpose,
    Sex,
    Strict,
)


class HouseholdMember(Strict):
    relation: Literal["child", "partner", "parent", "other"]
    birth_year: int | None = Field(default=None, ge=1900, le=2100)
    name: Annotated[str, StringConstraints(strip_whitespace=True, max_length=120)] | None = None


class PersonFields(Strict):
    given_name: Name
    family_name: Name
    birth_date: IsoDate | None = None
    sex: Sex = "unknown"
    citizenships: list[CountryCode] = Field(default_factory=list, max_length=5)
    languages: list[PersonLanguageSkill] = Field(default_factory=list, max_length=12)
    lithuanian_level: LanguageLevel = "none"
    legal_status: Code
    permit_expires_on: IsoDate | None = None
    arrival_date: IsoDate | None = None
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

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "external_ref": "GDV-000123",
                    "given_name": "Rūta",
                    "family_name": "Grįžusi",
                    "birth_date": "1990-02-02",
                    "legal_status": "returnee",
                    "citizenships": ["LT"],
                    "preferred_language": "lt",
                    "consents": ["case_management"],
                }
            ]
        },
    )

    external_ref: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]
    consents: list[Purpose] = Field(default_factory=list, max_length=4)
    needs: list[Code] = Field(default_factory=list, max_length=10)


class PersonNames(Strict):
    given_name: Name | None = None
    family_name: Name | None = None
    birth_date: IsoDate | None = None


class PersonDetails(Strict):
    """A change of the fields that do not identify the person (no names, birth date, household or
    reference): what an intake client may change too."""

    sex: Sex | None = None
    citizenships: list[CountryCode] | None = Field(default=None, max_length=5)
    languages: list[PersonLanguageSkill] | None = Field(default=None, max_length=12)
    lithuanian_level: LanguageLevel | None = None
    legal_status: Code | None = None
    permit_expires_on: IsoDate | None = None
    arrival_date: IsoDate | None = None
    email: EmailStr | None = None
    phone: Phone | None = None
    address: Annotated[str, StringConstraints(strip_whitespace=True, max_length=300)] | None = None
    preferred_language: LanguageCode | None = None


class PersonUpdate(PersonDetails, PersonNames):  # fields: the names, the details, then these
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


class PersonList(Page[PersonListItem]):
    pass


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
