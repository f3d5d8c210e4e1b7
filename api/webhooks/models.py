"""Webhook subscriptions, the events they receive and each delivery attempt's outcome."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from api.core.db import UTCDateTime, created_field, id_field, json_field, ts_field, utcnow


class WebhookSubscription(SQLModel, table=True):
    """A partner system's endpoint. Owned by a municipality (coordinators, municipal clients), an
    organisation (provider staff, an NGO's client) or, for admins, the whole country."""

    __tablename__ = "webhook_subscriptions"
    __table_args__ = (
        sa.CheckConstraint("status IN ('active','paused','disabled')", name="status"),
        sa.Index("ix_webhook_subscriptions_owner", "municipality_id", "organization_id"),
    )

    id: uuid.UUID = id_field()
    created_at: datetime = created_field()
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False)
    version: int = Field(default=1, nullable=False)
    url: str = Field(max_length=2000, nullable=False)
    description: str = Field(default="", max_length=300, nullable=False)
    event_types: list[str] = json_field(list)
    # Only events of these municipalities (empty: every municipality the owner may hear of).
    municipality_filter: list[str] = json_field(list)
    municipality_id: uuid.UUID | None = Field(default=None, foreign_key="municipalities.id")
    organization_id: uuid.UUID | None = Field(default=None)
    # The creator's scopes when it subscribed: which private event types it may receive.
    scopes: list[str] = json_field(list)
    created_by: str = Field(max_length=80, nullable=False)
    # The signing secret, encrypted ("enc:v1:" + a Fernet token; see api.webhooks.secrets_at_rest).
    secret: str = Field(max_length=400, nullable=False, repr=False)
    status: str = Field(default="active", max_length=10, nullable=False)
    disabled_reason: str | None = Field(default=None, max_length=300)
    # The first failed delivery since the last success (a subscription failing for days is disabled).
    failing_since: datetime | None = ts_field()
    last_success_at: datetime | None = ts_field()


class WebhookEvent(SQLModel, table=True):
    __tablename__ = "webhook_events"

    id: uuid.UUID = id_field()
    created_at: datetime = created_field()
    type: str = Field(max_length=60, nullable=False)
    municipality_id: uuid.UUID | None = Field(default=None)
    data: dict[str, Any] = json_field()


class WebhookDelivery(SQLModel, table=True):
    __tablename__ = "webhook_deliveries"
    __table_args__ = (
        sa.CheckConstraint("status IN ('pending','delivered','failed')", name="status"),
        sa.Index("ix_webhook_deliveries_due", "status", "next_attempt_at"),
        sa.Index("ix_webhook_deliveries_subscription", "subscription_id", "created_at", "id"),
        sa.Index("ix_webhook_deliveries_object", "subscription_id", "object_key", "status", "created_at"),
    )

    id: uuid.UUID = id_field()
    created_at: datetime = created_field()
    subscription_id: uuid.UUID = Field(foreign_key="webhook_subscriptions.id", nullable=False)
    event_id: uuid.UUID = Field(foreign_key="webhook_events.id", nullable=False)
    # The record the event is about ("service:<id>"): a subscription receives one record's events
    # in the order they happened (a later one waits while an earlier one is still pending).
    object_key: str | None = Field(default=None, max_length=80)
    status: str = Field(default="pending", max_length=10, nullable=False)
    attempts: int = Field(default=0, nullable=False)
    next_attempt_at: datetime | None = Field(default_factory=utcnow, sa_type=UTCDateTime)
    # A sender holds the delivery until then; another sender takes it only after that.
    claimed_until: datetime | None = ts_field()
    last_attempt_at: datetime | None = ts_field()
    last_status_code: int | None = Field(default=None)
    last_error: str | None = Field(default=None, max_length=500)
    last_duration_ms: int | None = Field(default=None)
    delivered_at: datetime | None = ts_field()
