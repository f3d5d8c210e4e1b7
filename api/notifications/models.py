"""Tables of the notification centre: notifications (created by the ideas domain's first migration,
moved here unchanged but for the delivery columns) and each person's choice per kind."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from api.core.db import created_field, id_field, json_field, ts_field, updated_field

CHANNELS = ("in_app", "email", "digest", "off")


class Notification(SQLModel, table=True):
    """A notification for one person. Generic: any domain creates them via ``notify``."""

    __tablename__ = "notifications"
    __table_args__ = (
        sa.Index("ix_notifications_user_created", "user_id", "created_at", "id"),
        sa.Index("ix_notifications_digest", "delivery", "mailed_at"),
    )

    id: uuid.UUID = id_field()
    user_id: uuid.UUID = Field(foreign_key="users.id", nullable=False)
    kind: str = Field(max_length=40, nullable=False)
    title: dict[str, str] = json_field()
    body: dict[str, str] = json_field()
    link: str | None = Field(default=None, max_length=500)
    data: dict[str, Any] = json_field()
    created_at: datetime = created_field()
    read_at: datetime | None = ts_field()
    # How it reaches the person besides the centre: in_app (only there), email (now), digest (daily).
    delivery: str = Field(
        default="in_app", max_length=10, nullable=False, sa_column_kwargs={"server_default": "in_app"}
    )
    # When its e-mail (own or the digest holding it) went to the outbox.
    mailed_at: datetime | None = ts_field()


class NotificationPreference(SQLModel, table=True):
    """A person's channel for one kind of notification (no row: in_app)."""

    __tablename__ = "notification_preferences"

    user_id: uuid.UUID = Field(foreign_key="users.id", primary_key=True)
    kind: str = Field(max_length=40, primary_key=True)
    channel: str = Field(max_length=10, nullable=False)
    updated_at: datetime = updated_field()


class NotificationOnce(SQLModel, table=True):
    """Keys of notices that must go out once (e.g. "funding ends" per service and end date)."""

    __tablename__ = "notification_once"

    key: str = Field(primary_key=True, max_length=200)
    created_at: datetime = created_field()
