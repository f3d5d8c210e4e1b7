"""Request and response models of official answers."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field

from api.core.http import Page
from api.core.i18n import Translations
from api.ideas.categories import AnswerState
from api.ideas.fields import In


class AnswerCreate(In):
    body: Translations
    new_state: AnswerState | None = Field(default=None, description="State to apply when published")


class AnswerUpdate(In):
    body: Translations | None = None
    new_state: AnswerState | None = None


class AnswerRead(BaseModel):
    id: uuid.UUID
    idea_id: uuid.UUID
    body: Any
    new_state: str | None
    created_at: datetime
    updated_at: datetime
    published_at: datetime | None


class AnswerList(Page[AnswerRead]):
    pass
