"""Request and answer bodies of the webhooks API."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, Field

from api.core.pagination import Page

Url = Field(min_length=10, max_length=2000, description="The endpoint: https://… (public address)")
Types = Field(min_length=1, max_length=20, description="Event types to receive (see /webhooks/event-types)")
Municipalities: Any = Field(
    default_factory=list,
    max_length=60,
    description="Only events of these municipalities (slugs); empty: every one the owner may hear of",
)


class EventTypeRead(BaseModel):
    name: str
    description: str
    public: bool
    # Whether the caller may subscribe to it (private types need a case-work scope).
    available: bool


class EventTypeList(BaseModel):
    items: list[EventTypeRead]


class WebhookCreate(BaseModel):
    model_config = {"extra": "forbid"}

    url: str = Url
    description: str = Field(default="", max_length=300)
    event_types: list[str] = Types
    municipalities: list[str] = Municipalities


class WebhookUpdate(BaseModel):
    model_config = {"extra": "forbid"}

    url: str | None = Field(default=None, min_length=10, max_length=2000)
    description: str | None = Field(default=None, max_length=300)
    event_types: list[str] | None = Field(default=None, min_length=1, max_length=20)
    municipalities: list[str] | None = Field(default=None, max_length=60)
    status: Literal["active", "paused"] | None = None


class WebhookRead(BaseModel):
    id: uuid.UUID
    url: str
    description: str
    event_types: list[str]
    municipalities: list[str]
    owner: Literal["national", "municipality", "organization"]
    municipality: str | None
    organization_id: uuid.UUID | None
    status: Literal["active", "paused", "disabled"]
    disabled_reason: str | None
    failing_since: datetime | None
    last_success_at: datetime | None
    pending_deliveries: int
    created_at: datetime
    updated_at: datetime
    version: int


class WebhookSecret(BaseModel):
    id: uuid.UUID
    # Shown once: keep it to verify the webhook-signature header.
    secret: str


class WebhookCreated(WebhookRead):
    secret: str


class WebhookList(Page[WebhookRead]):
    pass


class DeliveryRead(BaseModel):
    id: uuid.UUID
    event_id: uuid.UUID
    event_type: str
    created_at: datetime
    status: Literal["pending", "delivered", "failed"]
    attempts: int
    next_attempt_at: datetime | None
    last_attempt_at: datetime | None
    last_status_code: int | None
    last_error: str | None
    last_duration_ms: int | None
    delivered_at: datetime | None
    data: dict[str, Any]


class DeliveryList(Page[DeliveryRead]):
    pass


class PingAccepted(BaseModel):
    event_id: uuid.UUID
    delivery_id: uuid.UUID
