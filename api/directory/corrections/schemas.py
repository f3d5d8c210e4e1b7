"""Bodies of the corrections API."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, Field

from api.core.pagination import Page
from api.directory.vocab import Strict

Kind = Literal["hours", "address", "contact", "closed", "eligibility", "language", "other"]


class CorrectionCreate(Strict):
    kind: Kind
    message: str = Field(min_length=3, max_length=2000, description="What is wrong, and what is right")
    contact: str | None = Field(
        default=None,
        max_length=200,
        description="E-mail or phone for questions (optional; erased once handled)",
    )


class CorrectionReceived(BaseModel):
    id: uuid.UUID
    status: Literal["open"]


class CorrectionRead(BaseModel):
    id: uuid.UUID
    created_at: datetime
    service_id: uuid.UUID
    service_name: str
    kind: Kind
    message: str
    lang: str
    contact: str | None
    status: Literal["open", "resolved", "dismissed"]
    due_on: date = Field(description="The owner handles it by this day")
    overdue: bool = Field(description="Still open after its due day")
    handled_at: datetime | None
    note: str | None


class CorrectionList(Page[CorrectionRead]):
    pass


class CorrectionDecision(Strict):
    status: Literal["resolved", "dismissed"]
    note: str | None = Field(default=None, max_length=1000)
