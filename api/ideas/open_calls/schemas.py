"""Request and response models of open calls."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any, Literal

from pydantic import Field, model_validator

from api.core.http import Page
from api.core.i18n import OptionalTranslations, Translations
from api.core.translatable import WithTranslationStatus
from api.core.types import IsoDateTime
from api.ideas.fields import In, Slug


class OpenCallCreate(In):
    municipality: Slug
    title: Translations
    description: OptionalTranslations = Field(default_factory=dict)
    prize: Translations = Field(description="The named prize, e.g. the city's logo award")
    prize_amount: int | None = Field(default=None, ge=0, le=100_000_000)
    submissions_from: IsoDateTime
    submissions_until: IsoDateTime

    @model_validator(mode="after")
    def _order(self) -> OpenCallCreate:
        if self.submissions_from >= self.submissions_until:
            raise ValueError("submissions_from must be before submissions_until")
        return self


class OpenCallUpdate(In):
    title: Translations | None = None
    description: OptionalTranslations | None = None
    prize: Translations | None = None
    prize_amount: int | None = Field(default=None, ge=0, le=100_000_000)
    submissions_from: IsoDateTime | None = None
    submissions_until: IsoDateTime | None = None


class AwardCreate(In):
    idea_id: uuid.UUID
    note: OptionalTranslations = Field(default_factory=dict)


class OpenCallRead(WithTranslationStatus):
    id: uuid.UUID
    municipality: str
    title: Any
    description: Any
    prize: Any
    prize_amount: int | None
    submissions_from: datetime
    submissions_until: datetime
    phase: Literal["upcoming", "open", "judging", "awarded"]
    entry_count: int
    awarded_idea_id: uuid.UUID | None
    award_note: Any
    awarded_at: datetime | None
    can_manage: bool = False
    created_at: datetime
    updated_at: datetime


class OpenCallList(Page[OpenCallRead]):
    pass
