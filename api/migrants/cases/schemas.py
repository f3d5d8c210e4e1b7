"""Cases and their needs."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, Field, StringConstraints

from api.core.http import Page
from api.migrants.schemas import CaseEventRead, Code, NeedStatus, Priority, ShortText, Strict


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


class CaseEventList(Page[CaseEventRead]):
    pass


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
