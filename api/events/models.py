"""Events domain tables: events, registrations, organiser grants and private feed tokens."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

import api.core.db  # noqa: F401  (naming convention before any table)
from api.core.db import (
    UTCDateTime,
    created_field,
    id_field,
    json_field,
    one_of,
    ts_field,
    updated_field,
    version_field,
)

KINDS = (
    "gathering",
    "workshop",
    "camp",
    "course_session",
    "sports",
    "cultural",
    "intercultural",
    "online_stream",
)
AUDIENCES = ("everyone", "residents", "diaspora", "newcomers", "professionals")
STATUSES = ("scheduled", "cancelled")
REGISTRATION_STATES = ("confirmed", "waitlisted", "cancelled")


class Event(SQLModel, table=True):
    __tablename__ = "events"
    __table_args__ = (
        sa.CheckConstraint(one_of("kind", KINDS), name="kind"),
        sa.CheckConstraint(one_of("audience", AUDIENCES), name="audience"),
        sa.CheckConstraint(one_of("status", STATUSES), name="status"),
        sa.CheckConstraint("confirmed_count >= 0", name="confirmed"),
        sa.Index("ix_events_muni_start", "municipality_id", "starts_at", "id"),
    )

    id: uuid.UUID = id_field()
    municipality_id: uuid.UUID = Field(foreign_key="municipalities.id", nullable=False)
    organization_id: uuid.UUID | None = Field(default=None, foreign_key="organizations.id", index=True)
    organiser_id: uuid.UUID | None = Field(default=None, foreign_key="users.id", index=True)
    title: dict[str, str] = json_field()
    description: dict[str, str] = json_field()
    kind: str = Field(max_length=20, nullable=False)
    # Stored in UTC; ``timezone`` (IANA) is the zone the wall-clock times and recurrence live in.
    starts_at: datetime = Field(sa_type=UTCDateTime, nullable=False)
    ends_at: datetime = Field(sa_type=UTCDateTime, nullable=False)
    timezone: str = Field(default="Europe/Vilnius", max_length=64, nullable=False)
    rrule: str | None = Field(default=None, max_length=500)
    # The last instant any occurrence can start (None: recurs for ever); lets lists skip old events.
    recurs_until: datetime | None = ts_field()
    location_id: uuid.UUID | None = Field(default=None)
    address: str | None = Field(default=None, max_length=300)
    online_url: str | None = Field(default=None, max_length=500)
    audience: str = Field(default="everyone", max_length=20, nullable=False)
    languages: list[str] = json_field(list)
    cost: str | None = Field(default=None, max_length=100)
    capacity: int | None = None
    accessibility: dict[str, str] = json_field()
    service_id: uuid.UUID | None = Field(default=None)
    budget_project_id: uuid.UUID | None = Field(default=None)
    questions: list[Any] = json_field(list)
    status: str = Field(default="scheduled", max_length=12, nullable=False)
    confirmed_count: int = Field(default=0, nullable=False)
    created_by: uuid.UUID | None = Field(default=None, foreign_key="users.id")
    created_at: datetime = created_field()
    updated_at: datetime = updated_field()
    version: int = version_field()


class EventRegistration(SQLModel, table=True):
    __tablename__ = "event_registrations"
    __table_args__ = (
        sa.CheckConstraint(one_of("status", REGISTRATION_STATES), name="status"),
        sa.CheckConstraint("residence IN ('resident','diaspora','unknown')", name="residence"),
        sa.UniqueConstraint("event_id", "user_id"),
        sa.Index("ix_event_registrations_queue", "event_id", "status", "created_at", "id"),
    )

    id: uuid.UUID = id_field()
    event_id: uuid.UUID = Field(foreign_key="events.id", nullable=False)
    user_id: uuid.UUID = Field(foreign_key="users.id", nullable=False, index=True)
    status: str = Field(max_length=12, nullable=False)
    residence: str = Field(default="unknown", max_length=10, nullable=False)
    answers: dict[str, str] = json_field()
    attended: bool | None = None
    reminded_at: datetime | None = ts_field()
    created_at: datetime = created_field()
    updated_at: datetime = updated_field()


class EventOrganiser(SQLModel, table=True):
    """A resident (a diaspora group's contact) a coordinator allowed to organise in the municipality."""

    __tablename__ = "event_organisers"
    __table_args__ = (sa.UniqueConstraint("user_id", "municipality_id"),)

    id: uuid.UUID = id_field()
    user_id: uuid.UUID = Field(foreign_key="users.id", nullable=False)
    municipality_id: uuid.UUID = Field(foreign_key="municipalities.id", nullable=False)
    group_name: str = Field(max_length=200, nullable=False)
    granted_by: uuid.UUID | None = Field(default=None, foreign_key="users.id")
    created_at: datetime = created_field()


class EventFeedToken(SQLModel, table=True):
    """The secret of a person's private registrations feed (hashed; revoking deletes the row)."""

    __tablename__ = "event_feed_tokens"

    user_id: uuid.UUID = Field(foreign_key="users.id", primary_key=True)
    token_hash: str = Field(max_length=128, nullable=False, unique=True)
    created_at: datetime = created_field()


# The tables as Core, for set-based statements (seat counting, the participants indicator).
EVENTS: sa.Table = Event.__table__  # type: ignore[attr-defined]
REGS: sa.Table = EventRegistration.__table__  # type: ignore[attr-defined]
