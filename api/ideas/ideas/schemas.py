"""Request and response models of ideas: proposing, the board, settings and statistics."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, Field

from api.core.http import Page
from api.core.i18n import Translations
from api.core.translatable import WithTranslationStatus
from api.ideas.categories import Category, Residence
from api.ideas.fields import DisplayName, ImageUrl, In, ShortText, Slug


class IdeaCreate(In):
    municipality: Slug = Field(examples=["vilniaus-m"])
    category: Category
    title: Translations = Field(examples=[{"lt": "Daugiau suoliukų Neries krantinėje"}])
    body: Translations
    place: ShortText | None = None
    latitude: float | None = Field(default=None, ge=53.8, le=56.5)
    longitude: float | None = Field(default=None, ge=20.9, le=26.9)
    image_urls: list[ImageUrl] = Field(default_factory=list, max_length=5)
    open_call_id: uuid.UUID | None = None
    author_name: DisplayName | None = Field(
        default=None, description="Name shown with the idea; defaults to your account's display name"
    )
    publish: bool = Field(default=True, description="false keeps it as a draft only you can see")


class IdeaUpdate(In):
    category: Category | None = None
    title: Translations | None = None
    body: Translations | None = None
    place: ShortText | None = None
    latitude: float | None = Field(default=None, ge=53.8, le=56.5)
    longitude: float | None = Field(default=None, ge=20.9, le=26.9)
    image_urls: list[ImageUrl] | None = Field(default=None, max_length=5)
    author_name: DisplayName | None = None


class IdeaAuthor(BaseModel):
    name: str
    residence: Residence
    is_you: bool = False


class IdeaViewer(BaseModel):
    """What the caller has done and may do with the idea."""

    voted: bool = False
    following: bool = False
    flagged: bool = False
    can_edit: bool = False
    can_withdraw: bool = False
    can_publish: bool = False
    can_moderate: bool = False


class IdeaRead(WithTranslationStatus):
    id: uuid.UUID
    municipality: str
    category: str
    category_name: Any
    title: Any
    body: Any
    place: str | None
    latitude: float | None
    longitude: float | None
    image_urls: list[str]
    author: IdeaAuthor
    state: str
    vote_count: int
    comment_count: int
    follower_count: int
    open_call_id: uuid.UUID | None
    created_at: datetime
    published_at: datetime | None
    answered_at: datetime | None
    updated_at: datetime
    viewer: IdeaViewer
    moderation: str | None = Field(default=None, description="Moderators and the author only")
    pending_state: str | None = Field(
        default=None, description="Moderators only: the state an unpublished answer would set"
    )
    awarded: bool = False


class IdeaList(Page[IdeaRead]):
    pass


class IdeaStateChange(In):
    state: Literal["published", "withdrawn"]


class CategoryRead(BaseModel):
    code: str
    name: Any


class CategoryList(BaseModel):
    items: list[CategoryRead]


class IdeaSettingsUpdate(In):
    yearly_vote_limit: int | None = Field(default=None, ge=1, le=100_000)


class IdeaSettingsRead(BaseModel):
    municipality: str
    yearly_vote_limit: int | None


class IdeaStats(BaseModel):
    municipality: str | None
    ideas_total: int
    ideas_by_state: dict[str, int]
    ideas_by_residence: dict[str, int]
    votes_total: int
    votes_by_residence: dict[str, int]
    comments_total: int


IdeaSort = Literal[
    "-published_at", "published_at", "-vote_count", "vote_count", "-comment_count", "-answered_at"
]
