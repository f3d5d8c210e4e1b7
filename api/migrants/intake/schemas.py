"""What a municipality's intake client reads back and changes: the status of the people its intake
made, by their ``external_ref``. Deliberately without names (the person's or staff's), contact data
or notes: the municipal system holds its own copy, and the answer stays harmless in its logs."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field

from api.core.http import Page
from api.migrants.people.schemas import PersonDetails


class IntakeCase(BaseModel):
    id: uuid.UUID
    status: Literal["open", "closed"]
    opened_at: datetime
    closed_at: datetime | None


class IntakeReferral(BaseModel):
    id: uuid.UUID
    state: str = Field(description="proposed, sent, accepted, declined, in_progress, completed or dropped")
    service_id: uuid.UUID
    need: str = Field(description="The need code the referral answers (e.g. language, housing)")
    updated_at: datetime


class IntakeStatus(BaseModel):
    external_ref: str
    id: uuid.UUID
    created_at: datetime
    updated_at: datetime
    version: int = Field(description='The person\'s version: send `If-Match: "v<version>"` to change it')
    case: IntakeCase | None = Field(description="The open case, else the latest one; null when none")
    referrals: list[IntakeReferral]


class IntakeStatusList(Page[IntakeStatus]):
    pass


class IntakeUpdate(PersonDetails):
    """The fields of an intake body that do not identify the person (no names, birth date or
    household, no ``external_ref``), with the same types and checks as ``POST /migrants/intake``.
    Names and the birth date are rectified by a coordinator or by a new intake."""
