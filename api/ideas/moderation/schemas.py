"""Request and response models of flags, the moderation queue and blocks."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, Field, StringConstraints

from api.core.http import Page
from api.ideas.categories import FlagReason
from api.ideas.fields import In, Slug


class FlagCreate(In):
    reason: FlagReason
    note: Annotated[str, StringConstraints(strip_whitespace=True, max_length=500)] | None = None


class FlagRead(BaseModel):
    target_type: str
    target_id: uuid.UUID
    reason: str
    created_at: datetime


class ModerationCaseRead(BaseModel):
    id: uuid.UUID
    municipality: str
    target_type: str
    target_id: uuid.UUID
    idea_id: uuid.UUID
    status: str
    open_flags: int
    total_flags: int
    reasons: dict[str, int]
    excerpt: str
    author_id: uuid.UUID | None
    author_name: str | None
    first_flagged_at: datetime
    last_flagged_at: datetime
    decided_at: datetime | None
    decision_note: str | None


class ModerationCaseList(Page[ModerationCaseRead]):
    pass


class ModerationDecision(In):
    note: Annotated[str, StringConstraints(strip_whitespace=True, max_length=1000)] | None = None


class BlockCreate(In):
    user_id: uuid.UUID
    municipality: Slug | None = Field(default=None, description="Defaults to your own municipality")
    reason: Annotated[str, StringConstraints(strip_whitespace=True, min_length=3, max_length=1000)]


class BlockRead(BaseModel):
    municipality: str
    user_id: uuid.UUID
    display_name: str | None
    reason: str
    created_at: datetime


class BlockList(Page[BlockRead]):
    pass
