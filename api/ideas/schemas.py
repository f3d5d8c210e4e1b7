"""Request and response models of ideas, votes, comments, answers, moderation and notifications."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, model_validator

from api.core.i18n import Translations
from api.ideas.categories import AnswerState, Category, FlagReason, IdeaState, Residence

Slug = Annotated[str, StringConstraints(min_length=2, max_length=60, pattern=r"^[a-z0-9-]+$")]
ShortText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
DisplayName = Annotated[str, StringConstraints(strip_whitespace=True, min_length=2, max_length=120)]


def _https(value: str) -> str:
    # Links only: the server never fetches them, and the web app shows them as links.
    if not value.startswith("https://") or len(value) < 12 or any(c.isspace() for c in value):
        raise ValueError("must be an https:// link")
    return value


ImageUrl = Annotated[str, StringConstraints(max_length=500), AfterValidator(_https)]


def _has_nul(value: Any) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_has_nul(k) or _has_nul(v) for k, v in value.items())
    if isinstance(value, list | tuple):
        return any(_has_nul(v) for v in value)
    return False


class _In(BaseModel):
    """Request bodies: unknown fields refused, and no NUL characters (no database stores them)."""

    model_config = ConfigDict(extra="forbid")

    @model_validator(mode="before")
    @classmethod
    def _no_nul(cls, data: Any) -> Any:
        if _has_nul(data):
            raise ValueError("text must not contain NUL characters")
        return data


class IdeaCreate(_In):
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


class IdeaUpdate(_In):
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


class IdeaRead(BaseModel):
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


class IdeaList(BaseModel):
    items: list[IdeaRead]
    next_cursor: str | None = None


class IdeaStateChange(_In):
    state: Literal["published", "withdrawn"]


class CategoryRead(BaseModel):
    code: str
    name: Any


class CategoryList(BaseModel):
    items: list[CategoryRead]


class VoteRead(BaseModel):
    idea_id: uuid.UUID
    voted: bool
    vote_count: int
    votes_left_this_year: int | None = Field(
        default=None, description="When the municipality limits votes per person per year"
    )


class CommentCreate(_In):
    body: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=5000)]
    parent_id: uuid.UUID | None = None


class CommentUpdate(_In):
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


class CommentList(BaseModel):
    items: list[CommentRead]
    next_cursor: str | None = None


class FlagCreate(_In):
    reason: FlagReason
    note: Annotated[str, StringConstraints(strip_whitespace=True, max_length=500)] | None = None


class FlagRead(BaseModel):
    target_type: str
    target_id: uuid.UUID
    reason: str
    created_at: datetime


class AnswerCreate(_In):
    body: Translations
    new_state: AnswerState | None = Field(default=None, description="State to apply when published")


class AnswerUpdate(_In):
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


class AnswerList(BaseModel):
    items: list[AnswerRead]
    next_cursor: str | None = None


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


class ModerationCaseList(BaseModel):
    items: list[ModerationCaseRead]
    next_cursor: str | None = None


class ModerationDecision(_In):
    note: Annotated[str, StringConstraints(strip_whitespace=True, max_length=1000)] | None = None


class BlockCreate(_In):
    user_id: uuid.UUID
    municipality: Slug | None = Field(default=None, description="Defaults to your own municipality")
    reason: Annotated[str, StringConstraints(strip_whitespace=True, min_length=3, max_length=1000)]


class BlockRead(BaseModel):
    municipality: str
    user_id: uuid.UUID
    display_name: str | None
    reason: str
    created_at: datetime


class BlockList(BaseModel):
    items: list[BlockRead]
    next_cursor: str | None = None


class IdeaSettingsUpdate(_In):
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


class NotificationRead(BaseModel):
    id: uuid.UUID
    kind: str
    title: Any
    body: Any
    link: str | None
    data: dict[str, Any]
    created_at: datetime
    read_at: datetime | None
    read: bool


class NotificationList(BaseModel):
    items: list[NotificationRead]
    next_cursor: str | None = None


class NotificationSummary(BaseModel):
    unread: int


class MarkedRead(BaseModel):
    updated: int


IdeaSort = Literal[
    "-published_at", "published_at", "-vote_count", "vote_count", "-comment_count", "-answered_at"
]
__all__ = ["IdeaState"]
