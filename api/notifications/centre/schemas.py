"""Request and response models of notifications."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from pydantic import BaseModel

from api.core.http import Page


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


class NotificationList(Page[NotificationRead]):
    pass


class NotificationSummary(BaseModel):
    unread: int


class MarkedRead(BaseModel):
    updated: int
