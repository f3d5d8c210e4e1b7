"""Subscriptions: create, change, pause, rotate the secret, ping; deliveries: list, send again."""

from __future__ import annotations

import ipaddress
import uuid
from typing import Any
from urllib.parse import urlsplit

import sqlalchemy as sa
from sqlmodel import Session, col, func, select

from api.core import audit
from api.core.actor import Actor
from api.core.conditional import IfMatch, claim
from api.core.config import Settings
from api.core.db import found, utcnow
from api.core.errors import conflict, forbidden, unprocessable
from api.core.pagination import PageParams, SortKey, finish, keyset
from api.municipalities.models import Municipality
from api.webhooks import secrets_at_rest, signing
from api.webhooks.catalog import EVENT_TYPES, visible_types
from api.webhooks.emit import emit
from api.webhooks.models import WebhookDelivery, WebhookEvent, WebhookSubscription
from api.webhooks.scope import owner_of, readable_subscriptions
from api.webhooks.subscriptions.schemas import (
    DeliveryRead,
    EventTypeRead,
    WebhookCreate,
    WebhookRead,
    WebhookUpdate,
)

MAX_PER_OWNER = 20
_KEYS = (SortKey(col(WebhookSubscription.created_at)), SortKey(col(WebhookSubscription.id)))
_DELIVERY_KEYS = (
    SortKey(col(WebhookDelivery.created_at), descending=True),
    SortKey(col(WebhookDelivery.id), descending=True),
)


def event_types(actor: Actor) -> list[EventTypeRead]:
    available = set(visible_types(actor.scopes))
    return [
        EventTypeRead(name=e.name, description=e.description, public=e.public, available=e.name in available)
        for e in EVENT_TYPES.values()
        if e.name != "ping"
    ]


def check_url(url: str, *, allow_private: bool, field: str = "url") -> str:
    """A partner endpoint: https, a host name, no credentials; no loopback or private address
    (those are also refused at send time, after the name is resolved)."""
    parts = urlsplit(url.strip())
    problem = None
    allowed = ("https", "http") if allow_private else ("https",)
    if parts.scheme not in allowed:
        problem = "The URL must start with https://."
    elif not parts.hostname:
        problem = "The URL has no host."
    elif parts.username or parts.password:
        problem = "The URL must not carry a user name or password; the signature authenticates us."
    elif not allow_private:
        host = parts.hostname
        try:
            literal = ipaddress.ip_address(host)
        except ValueError:
            literal = None
        if host == "localhost" or host.endswith(".localhost") or (literal and not literal.is_global):
            problem = "The URL must point to a public address."
    if problem:
        raise unprocessable(problem, [{"loc": ["body", field], "msg": problem, "type": "value_error"}])
    return url.strip()


def _check_types(actor: Actor, types: list[str]) -> list[str]:
    allowed = set(visible_types(actor.scopes))
    errors = [
        {
            "loc": ["body", "event_types", i],
            "msg": f"Unknown or not allowed event type: {t}",
            "type": "value_error",
        }
        for i, t in enumerate(types)
        if t not in allowed or t == "ping"
    ]
    if errors:
        raise unprocessable("Some event types are unknown or not allowed to you.", errors)
    return sorted(set(types))


def _check_municipalities(session: Session, slugs: list[str]) -> list[str]:
    wanted = sorted(set(slugs))
    if not wanted:
        return []
    known = set(session.exec(select(Municipality.slug).where(col(Municipality.slug).in_(wanted))).all())
    errors = [
        {"loc": ["body", "municipalities", i], "msg": f"Unknown municipality: {s}", "type": "value_error"}
        for i, s in enumerate(wanted)
        if s not in known
    ]
    if errors:
        raise unprocessable("Some municipalities are unknown.", errors)
    return wanted


def _slug_of(session: Session, municipality_id: uuid.UUID | None) -> str | None:
    if municipality_id is None:
        return None
    municipality = session.get(Municipality, municipality_id)
    return municipality.slug if municipality else None


def pending_counts(session: Session, ids: list[uuid.UUID]) -> dict[uuid.UUID, int]:
    """Pending deliveries per subscription, for a whole page in one query."""
    if not ids:
        return {}
    rows = session.execute(
        select(WebhookDelivery.subscription_id, func.count())
        .where(col(WebhookDelivery.subscription_id).in_(ids), col(WebhookDelivery.status) == "pending")
        .group_by(col(WebhookDelivery.subscription_id))
    ).all()
    return {sub_id: int(n) for sub_id, n in rows}


# The answer fields that are the row's own columns, copied as they are.
_READ_COLUMNS = set(WebhookRead.model_fields) & set(WebhookSubscription.model_fields)
_DELIVERY_COLUMNS = set(DeliveryRead.model_fields) & set(WebhookDelivery.model_fields)


def to_read(session: Session, sub: WebhookSubscription, pending: int | None = None) -> WebhookRead:
    if pending is None:
        pending = pending_counts(session, [sub.id]).get(sub.id, 0)
    owner = "organization" if sub.organization_id else "municipality" if sub.municipality_id else "national"
    return WebhookRead(
        **sub.model_dump(include=_READ_COLUMNS),
        municipalities=sub.municipality_filter,
        owner=owner,
        municipality=_slug_of(session, sub.municipality_id),
        pending_deliveries=pending,
    )


def get(session: Session, actor: Actor, subscription_id: uuid.UUID) -> WebhookSubscription:
    stmt = readable_subscriptions(actor).where(col(WebhookSubscription.id) == subscription_id)
    return found(session, stmt, "webhook subscription")


def listing(session: Session, actor: Actor, params: PageParams) -> tuple[list[WebhookRead], str | None]:
    rows = session.exec(keyset(readable_subscriptions(actor), keys=_KEYS, params=params)).all()
    page, cursor = finish(rows, params=params, key_of=lambda s: (s.created_at, s.id))
    counts = pending_counts(session, [s.id for s in page])
    return [to_read(session, s, counts.get(s.id, 0)) for s in page], cursor


def _audit(session: Session, actor: Actor, action: str, sub: WebhookSubscription, **details: Any) -> None:
    audit.record_of(
        session, sub, actor=actor, action=action, record_type="webhook_subscription", details=details
    )


def create(
    session: Session, actor: Actor, data: WebhookCreate, *, allow_private: bool, settings: Settings
) -> tuple[WebhookSubscription, str]:
    """The new subscription and its secret in clear (shown once; stored encrypted)."""
    if actor.municipality_id is None and not actor.is_admin:
        raise forbidden("Only a municipality's or an organisation's account may subscribe.")
    url = check_url(data.url, allow_private=allow_private)
    types = _check_types(actor, data.event_types)
    municipalities = _check_municipalities(session, data.municipalities)
    municipality_id, organization_id = owner_of(actor)
    owned = session.execute(
        select(func.count()).select_from(readable_subscriptions(actor).subquery())
    ).scalar_one()
    if owned >= MAX_PER_OWNER:
        raise conflict(f"At most {MAX_PER_OWNER} subscriptions per owner; remove one first.", "too-many")
    secret = signing.new_secret()
    sub = WebhookSubscription(
        url=url,
        description=data.description,
        event_types=types,
        municipality_filter=municipalities,
        municipality_id=municipality_id,
        organization_id=organization_id,
        scopes=sorted(actor.scopes),
        created_by=f"{actor.kind}:{actor.id}",
        secret=secrets_at_rest.seal(settings, secret),
    )
    session.add(sub)
    session.flush()
    _audit(session, actor, "webhook.create", sub, url=url, event_types=types)
    return sub, secret


def update(
    session: Session,
    actor: Actor,
    sub: WebhookSubscription,
    data: WebhookUpdate,
    if_match: IfMatch,
    *,
    allow_private: bool,
    settings: Settings,
) -> WebhookSubscription:
    changes = data.model_dump(exclude_unset=True)
    for key in ("url", "event_types", "status"):
        if key in changes and changes[key] is None:
            raise unprocessable(
                f"{key} cannot be empty.",
                [{"loc": ["body", key], "msg": "may not be null", "type": "value_error"}],
            )
    claim(session, sub, if_match)
    # Written anyway: a secret still under a previous key is stored under the current one.
    secrets_at_rest.reseal(session, settings, sub)
    if "url" in changes:
        sub.url = check_url(changes["url"], allow_private=allow_private)
    if "description" in changes:
        sub.description = changes["description"] or ""
    if "event_types" in changes:
        sub.event_types = _check_types(actor, changes["event_types"])
        sub.scopes = sorted(actor.scopes)
    if "municipalities" in changes:
        sub.municipality_filter = _check_municipalities(session, changes["municipalities"] or [])
    if "status" in changes and changes["status"] != sub.status:
        sub.status = changes["status"]
        if sub.status == "active":
            # Re-enabled (also after it was disabled for failing): a fresh start.
            sub.disabled_reason, sub.failing_since = None, None
    sub.updated_at = utcnow()
    session.add(sub)
    session.flush()
    _audit(session, actor, "webhook.update", sub, fields=sorted(changes))
    return sub


def delete(session: Session, actor: Actor, sub: WebhookSubscription) -> None:
    _audit(session, actor, "webhook.delete", sub, url=sub.url)
    session.execute(sa.delete(WebhookDelivery).where(col(WebhookDelivery.subscription_id) == sub.id))
    session.delete(sub)
    session.flush()


def rotate(
    session: Session, actor: Actor, sub: WebhookSubscription, settings: Settings
) -> tuple[WebhookSubscription, str]:
    """A new secret (also the way out for one the configured keys no longer decrypt): the
    subscription and the secret in clear (shown once; stored encrypted)."""
    secret = signing.new_secret()
    sub.secret = secrets_at_rest.seal(settings, secret)
    sub.updated_at = utcnow()
    claim(session, sub, None)
    session.add(sub)
    session.flush()
    _audit(session, actor, "webhook.rotate_secret", sub)
    return sub, secret


def ping(session: Session, actor: Actor, sub: WebhookSubscription) -> tuple[uuid.UUID, uuid.UUID]:
    if sub.status != "active":
        raise conflict("The subscription is not active; activate it first.", "not-active")
    event = emit(
        session,
        "ping",
        municipality_id=sub.municipality_id,
        data={"subscription_id": str(sub.id), "requested_by": f"{actor.kind}:{actor.id}"},
        only=sub.id,
    )
    assert event is not None
    delivery_id = session.exec(
        select(WebhookDelivery.id).where(col(WebhookDelivery.event_id) == event.id)
    ).one()
    return event.id, delivery_id


def deliveries(
    session: Session, sub: WebhookSubscription, params: PageParams, status: str | None
) -> tuple[list[DeliveryRead], str | None]:
    stmt = (
        select(WebhookDelivery, WebhookEvent)
        .join(WebhookEvent, col(WebhookEvent.id) == WebhookDelivery.event_id)
        .where(col(WebhookDelivery.subscription_id) == sub.id)
    )
    if status:
        stmt = stmt.where(col(WebhookDelivery.status) == status)
    rows = session.execute(keyset(stmt, keys=_DELIVERY_KEYS, params=params)).all()
    page, cursor = finish(rows, params=params, key_of=lambda r: (r[0].created_at, r[0].id))
    return [_delivery_read(d, e) for d, e in page], cursor


def _delivery_read(d: WebhookDelivery, e: WebhookEvent) -> DeliveryRead:
    return DeliveryRead(**d.model_dump(include=_DELIVERY_COLUMNS), event_type=e.type, data=e.data)


def redeliver(
    session: Session, actor: Actor, sub: WebhookSubscription, delivery_id: uuid.UUID
) -> DeliveryRead:
    delivery, event = found(
        session,
        select(WebhookDelivery, WebhookEvent)
        .join(WebhookEvent, col(WebhookEvent.id) == WebhookDelivery.event_id)
        .where(col(WebhookDelivery.id) == delivery_id, col(WebhookDelivery.subscription_id) == sub.id),
        "delivery",
    )
    if delivery.status == "pending":
        raise conflict("The delivery is still being tried.", "still-pending")
    delivery.status, delivery.attempts = "pending", 0
    delivery.next_attempt_at, delivery.claimed_until = utcnow(), None
    session.add(delivery)
    session.flush()
    _audit(session, actor, "webhook.redeliver", sub, delivery_id=str(delivery.id))
    return _delivery_read(delivery, event)
