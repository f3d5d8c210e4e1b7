"""Request and response models of comments."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, Field, StringConstraints

from api.core.http import Page
from api.ideas.fields import In


class CommentCreate(In):
    body: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=5000)]
    parent_id: uuid.UUID | None = None


class CommentUpdate(In):
    body: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=5000)]


class CommentRead(BaseModel):
    id: uuid.UUID
    idea_id: uuid.UUID
    parent_id: uuid.UUID | None
    depth: int
    author_name: str | None
    author_residence: str
    body: str | None = Field(description="null when deleted, hidden or removed")
    deleted: bool
    hidden: bool
    moderation: str | None = None
    reply_count: int
    created_at: datetime
    edited_at: datetime | None
    editable_until: datetime | None = None
    is_mine: bool = False
    can_reply: bool = False


class CommentList(Page[CommentRead]):
    pass
