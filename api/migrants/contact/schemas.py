"""Bodies of the contact-requests API."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Literal

from pydantic import EmailStr, Field, model_validator

from api.core.http import Page
from api.core.types import IsoDate, LanguageCode
from api.migrants.schemas import Code, Name, Phone, Purpose, ShortText, Strict

CONSENT_VERSION = "contact-request-2026-12"


class ContactChallenge(Strict):
    challenge: str
    difficulty: int = Field(description="Leading zero bits SHA-256(challenge:solution) must have")
    expires_at: int = Field(description="Unix time")


class ContactRequestCreate(Strict):
    municipality: str = Field(min_length=2, max_length=60, description="The municipality to ask (slug)")
    name: Name
    email: EmailStr | None = None
    phone: Phone | None = None
    preferred_language: LanguageCode = Field(description="The language to answer in (ISO 639-1)")
    needs: list[Code] = Field(default_factory=list, max_length=10)
    message: ShortText = ""
    service_id: uuid.UUID | None = Field(default=None, description="The service she was looking at")
    abroad: bool = Field(default=False, description="Still abroad (a returnee before arriving)")
    consent: Literal[True] = Field(
        description="She agrees that the municipality keeps this request to contact her about it"
    )
    challenge: str = Field(max_length=500)
    solution: str = Field(max_length=20)

    @model_validator(mode="after")
    def _reachable(self) -> ContactRequestCreate:
        if not self.email and not self.phone:
            raise ValueError("Give an e-mail address or a phone number, so the municipality can answer.")
        return self


class ContactRequestReceived(Strict):
    reference: str
    status: Literal["new"]
    message: str = Field(description="The confirmation, in the language she asked in")


class ContactRequestRead(Strict):
    id: uuid.UUID
    reference: str
    created_at: datetime
    name: str
    email: str | None
    phone: str | None
    preferred_language: str
    needs: list[str]
    message: str
    service_id: uuid.UUID | None
    abroad: bool
    status: Literal["new", "converted", "closed"]
    close_reason: str | None
    handled_at: datetime | None
    person_id: uuid.UUID | None


class ContactRequestList(Page[ContactRequestRead]):
    pass


class ContactRequestClose(Strict):
    reason: str = Field(min_length=1, max_length=300)


def _case_management() -> list[Purpose]:
    return ["case_management"]


class ContactRequestConvert(Strict):
    given_name: Name
    family_name: Name
    legal_status: Code
    birth_date: IsoDate | None = None
    consents: list[Purpose] = Field(
        default_factory=_case_management, max_length=4, description="Consents she gave now"
    )


class ContactRequestConverted(Strict):
    request: ContactRequestRead
    person_id: uuid.UUID
    case_id: uuid.UUID
