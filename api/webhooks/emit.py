"""Recording what happened, for the partner systems subscribed to it (the transactional outbox).

``emit`` is called by a domain in the transaction that makes the change: the event and one
pending delivery per subscription that hears of it are written there, so a change that rolls back
sends nothing and a committed change is never lost. Sending happens later
(:mod:`api.webhooks.delivery`)."""

from __future__ import annotations

import uuid
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from api.core.db import utcnow
from api.core.jobs import enqueue_after_commit
from api.municipalities.models import Municipality
from api.webhooks.catalog import EVENT_TYPES
from api.webhooks.models import WebhookDelivery, WebhookEvent, WebhookSubscription
from api.webhooks.scope import hears

_slugs: dict[uuid.UUID, str] = {}


def _slug(session: Session, municipality_id: uuid.UUID | None) -> str | None:
    if municipality_id is None:
        return None
    if municipality_id not in _slugs:
        found = session.get(Municipality, municipality_id)
        if found is None:
            return None
        _slugs[municipality_id] = found.slug
    return _slugs[municipality_id]


def object_key(event_type: str, data: dict[str, Any]) -> str | None:
    """The record an event is about, "service:<id>" (None for a ping): its deliveries keep order."""
    record = data.get("id")
    if record is None or event_type == "ping":
        return None
    return f"{event_type.split('.', 1)[0]}:{record}"[:80]


def emit(
    session: Session,
    event_type: str,
    *,
    municipality_id: uuid.UUID | None,
    data: dict[str, Any],
    also_municipalities: tuple[uuid.UUID, ...] = (),
    organization_id: uuid.UUID | None = None,
    only: uuid.UUID | None = None,
) -> WebhookEvent | None:
    """Queue ``event_type`` for every active subscription that hears of it.

    ``data`` names the record (ids, status, changed field names), never personal data.
    ``also_municipalities``: other municipalities a private event concerns (a transfer's two ends);
    ``organization_id``: the organisation a referral was sent to; ``only``: one subscription (ping).
    Returns the event, or None when nobody listens (then nothing is written)."""
    if event_type not in EVENT_TYPES:
        raise ValueError(f"unknown webhook event type {event_type!r}")
    stmt = select(WebhookSubscription).where(col(WebhookSubscription.status) == "active")
    if only is not None:
        stmt = stmt.where(col(WebhookSubscription.id) == only)
    slug = _slug(session, municipality_id)
    private = tuple(m for m in (municipality_id, *also_municipalities) if m is not None)
    receivers = [
        sub
        for sub in session.exec(stmt).all()
        if event_type in sub.event_types or only is not None
        if only is not None
        or hears(
            sub,
            event_type,
            municipality_id=municipality_id,
            municipality_slug=slug,
            private_municipalities=private,
            organization_id=organization_id,
        )
    ]
    if not receivers:
        return None
    payload = {**data, "municipality": slug} if slug else dict(data)
    event = WebhookEvent(type=event_type, municipality_id=municipality_id, data=payload)
    session.add(event)
    session.flush()
    now = utcnow()
    key = object_key(event_type, data)
    session.execute(
        sa.insert(WebhookDelivery.__table__),  # type: ignore[attr-defined]
        [
            {
                "id": uuid.uuid4(),
                "created_at": now,
                "subscription_id": sub.id,
                "event_id": event.id,
                "object_key": key,
                "status": "pending",
                "attempts": 0,
                "next_attempt_at": now,
            }
            for sub in receivers
        ],
    )
    # Sent as soon as the change commits (and by the periodic job if the queue is down).
    enqueue_after_commit(session, "webhooks.deliver")
    return event
