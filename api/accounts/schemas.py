from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, EmailStr, Field, StringConstraints

from api.accounts.scopes import Role
from api.core.i18n import LangCode
from api.core.types import CountryCode

Password = Annotated[str, StringConstraints(min_length=10, max_length=128)]
DisplayName = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=120)]


def _lower(address: str) -> str:
    return address.strip().lower()


# Addresses are stored and compared in lower case.
Email = Annotated[EmailStr, AfterValidator(_lower)]
MunicipalitySlug = Annotated[str, StringConstraints(max_length=60)]


class Strict(BaseModel):
    """A request body: an unknown field is a 422, never silently ignored."""

    model_config = ConfigDict(extra="forbid")


class TokenResponse(BaseModel):
    access_token: str
    token_type: Literal["Bearer"] = "Bearer"  # noqa: S105 - the RFC 6750 token type, not a secret
    expires_in: int
    refresh_token: str | None = None
    scope: str


class RegisterRequest(Strict):
    email: Email
    password: Password
    display_name: DisplayName
    role: Literal["resident", "expert"] = "resident"
    country: CountryCode | None = Field(default=None, description="ISO 3166-1 alpha-2 of where you live")
    preferred_language: LangCode = "lt"


class RegisterAccepted(BaseModel):
    status: Literal["confirmation_sent"] = "confirmation_sent"
    detail: str


class ConfirmRequest(Strict):
    token: Annotated[str, StringConstraints(min_length=10, max_length=200)]


class LogoutRequest(Strict):
    refresh_token: Annotated[str, StringConstraints(max_length=4000)] | None = None


class AccountRead(BaseModel):
    id: uuid.UUID
    email: str
    role: Role
    display_name: str
    municipality: str | None = Field(default=None, description="Municipality slug")
    organization_id: uuid.UUID | None = None
    country: str | None = None
    preferred_language: str
    is_active: bool
    email_verified: bool
    scopes: list[str]
    created_at: datetime
    updated_at: datetime


class MeUpdate(Strict):
    display_name: DisplayName | None = None
    country: CountryCode | None = None
    preferred_language: LangCode | None = None
    password: Password | None = None
    current_password: Annotated[str, StringConstraints(max_length=128)] | None = None


class UserCreate(Strict):
    email: Email
    password: Password
    display_name: DisplayName
    role: Role
    municipality: MunicipalitySlug | None = None
    organization_id: uuid.UUID | None = None
    country: CountryCode | None = None
    preferred_language: LangCode = "lt"
    extra_scopes: list[str] = Field(default_factory=list, max_length=10)


class UserUpdate(Strict):
    display_name: DisplayName | None = None
    role: Role | None = None
    municipality: MunicipalitySlug | None = None
    organization_id: uuid.UUID | None = None
    is_active: bool | None = None
    extra_scopes: list[str] | None = Field(default=None, max_length=10)
    password: Password | None = None


class UserList(BaseModel):
    items: list[AccountRead]
    next_cursor: str | None = None


class ClientCreate(Strict):
    name: DisplayName
    municipality: MunicipalitySlug | None = None
    organization_id: uuid.UUID | None = None
    scopes: list[str] = Field(min_length=1, max_length=10)


class ClientUpdate(Strict):
    name: DisplayName | None = None
    scopes: list[str] | None = Field(default=None, min_length=1, max_length=10)
    is_active: bool | None = None


class ClientRead(BaseModel):
    id: uuid.UUID
    client_id: str
    name: str
    municipality: str | None = None
    organization_id: uuid.UUID | None = None
    scopes: list[str]
    is_active: bool
    created_at: datetime
    last_used_at: datetime | None = None


class ClientWithSecret(ClientRead):
    client_secret: str = Field(description="Shown once; store it safely")


class ClientList(BaseModel):
    items: list[ClientRead]
    next_cursor: str | None = None


class OutboxItem(BaseModel):
    recipient: str
    kind: str
    subject: str
    body: str
    created_at: datetime


class OutboxList(BaseModel):
    items: list[OutboxItem]
