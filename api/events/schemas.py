"""Request and answer shapes of the events domain."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, Field

from api.core.translatable import WithTranslationStatus

Kind = Literal[
    "gathering", "workshop", "camp", "course_session", "sports", "cultural", "intercultural", "online_stream"
]
Audience = Literal["everyone", "residents", "diaspora", "newcomers", "professionals"]
Texts = dict[str, str]


class EventFields(BaseModel):
    description: Texts = Field(default_factory=dict)
    timezone: str = Field("Europe/Vilnius", max_length=64)
    rrule: str | None = Field(None, max_length=500, examples=["FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=26"])
    location_id: uuid.UUID | None = None
    address: str | None = Field(None, max_length=300)
    online_url: str | None = Field(None, max_length=500, pattern=r"^https?://")
    audience: Audience = "everyone"
    languages: list[str] = Field(default_factory=list, max_length=10)
    cost: str | None = Field(None, max_length=100)
    capacity: int | None = Field(None, ge=1, le=100000)
    accessibility: Texts = Field(default_factory=dict)
    service_id: uuid.UUID | None = None
    budget_project_id: uuid.UUID | None = None
    questions: list[str] = Field(default_factory=list, max_length=10)


class EventCreate(EventFields):
    municipality: str = Field(max_length=80)
    title: Texts = Field(min_length=1)
    kind: Kind
    starts_at: datetime
    ends_at: datetime


class EventUpdate(BaseModel):
    title: Texts | None = Field(None, min_length=1)
    description: Texts | None = None
    kind: Kind | None = None
    starts_at: datetime | None = None
    ends_at: datetime | None = None
    timezone: str | None = Field(None, max_length=64)
    rrule: str | None = Field(None, max_length=500)
    address: str | None = Field(None, max_length=300)
    online_url: str | None = Field(None, max_length=500, pattern=r"^https?://")
    audience: Audience | None = None
    languages: list[str] | None = Field(None, max_length=10)
    cost: str | None = Field(None, max_length=100)
    capacity: int | None = Field(None, ge=1, le=100000)
    accessibility: Texts | None = None


class EventRead(WithTranslationStatus):
    id: uuid.UUID
    municipality: str
    title: Any
    description: Any
    kind: str
    starts_at: datetime
    ends_at: datetime
    timezone: str
    rrule: str | None
    location_id: uuid.UUID | None
    address: str | None
    online: bool
    online_url: str | None = Field(None, description="Shown only to registered people and organisers")
    audience: str
    languages: list[str]
    cost: str | None
    capacity: int | None
    confirmed_count: int
    accessibility: Any
    service_id: uuid.UUID | None
    budget_project_id: uuid.UUID | None
    questions: list[str]
    status: str
    my_registration: str | None = None
    can_manage: bool = False
    version: int


class Occurrence(BaseModel):
    event_id: uuid.UUID
    starts_at: datetime
    ends_at: datetime
    event: EventRead


class OccurrenceList(BaseModel):
    items: list[Occurrence]
    next_cursor: str | None = None


class RegistrationCreate(BaseModel):
    answers: dict[str, str] = Field(default_factory=dict, max_length=10)


class RegistrationRead(BaseModel):
    id: uuid.UUID
    event_id: uuid.UUID
    user_id: uuid.UUID
    display_name: str | None = None
    status: str
    residence: str
    answers: dict[str, str]
    attended: bool | None
    created_at: datetime


class RegistrationList(BaseModel):
    items: list[RegistrationRead]


class Attendance(BaseModel):
    attended: bool


class Message(BaseModel):
    text: Texts = Field(min_length=1)


class MessageSent(BaseModel):
    recipients: int


class GrantCreate(BaseModel):
    user_id: uuid.UUID
    group_name: str = Field(min_length=1, max_length=200)


class GrantRead(BaseModel):
    id: uuid.UUID
    user_id: uuid.UUID
    municipality: str
    group_name: str
    created_at: datetime


class GrantList(BaseModel):
    items: list[GrantRead]


class FeedToken(BaseModel):
    url: str


class MyRegistration(BaseModel):
    registration: RegistrationRead
    event: EventRead


class MyRegistrationList(BaseModel):
    items: list[MyRegistration]
