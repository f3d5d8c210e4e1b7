"""Sending due deliveries: claim, POST signed, record the outcome, schedule the next attempt.

Several senders may run at once (worker processes, the periodic job and ``langelis webhooks
deliver``): a sender claims a batch with one conditional UPDATE, so a delivery is sent by one of
them at a time; a claim lapses after ``CLAIM_SECONDS`` (a sender that died gives its batch back).
Retries follow the Standard Webhooks schedule; after the last one the delivery is ``failed`` and
stays visible to its owner, who may send it again. A subscription whose deliveries have failed
for ``DISABLE_AFTER`` is disabled."""

from __future__ import annotations

import ipaddress
import json
import socket
import uuid
from collections.abc import Callable
from datetime import datetime, timedelta
from time import perf_counter
from typing import Any
from urllib.parse import urlsplit

import httpx
import sqlalchemy as sa
from sqlmodel import Session, col, select

from api.core.config import Settings, get_settings
from api.core.db import utcnow
from api.webhooks import secrets_at_rest, signing
from api.webhooks.models import WebhookDelivery, WebhookEvent, WebhookSubscription

# Seconds to wait before attempt n+1 after attempt n failed (the Standard Webhooks schedule:
# 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h): eight attempts in about 28 hours.
RETRY_AFTER = (5, 300, 1800, 7200, 18000, 36000, 36000)
MAX_ATTEMPTS = len(RETRY_AFTER) + 1
CLAIM_SECONDS = 60
DISABLE_AFTER = timedelta(days=5)
TIMEOUT_SECONDS = 10.0
USER_AGENT = "Langelis-Webhooks/1"

_table = WebhookDelivery.__table__  # type: ignore[attr-defined]


def refused_address(host: str) -> str | None:
    """Why a host may not be called (server-side request forgery): it is, or resolves to, a
    loopback, private, link-local or otherwise non-public address. None when it may."""
    try:
        infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError):
        return "the host name does not resolve"
    for info in infos:
        address = ipaddress.ip_address(info[4][0])
        if not address.is_global:
            return f"the host resolves to a non-public address ({address})"
    return None


def claim(session: Session, now: datetime, limit: int) -> list[uuid.UUID]:
    """Take up to ``limit`` due deliveries for this sender (commits).

    Per subscription, one record's events go out in order: a delivery is due only when no earlier
    delivery of the same record to the same subscription is still pending (waiting for a retry or
    held by another sender). Other records' deliveries are not held up."""
    free = sa.or_(_table.c.claimed_until.is_(None), _table.c.claimed_until < now)
    earlier = _table.alias("earlier")
    waits = (
        sa.select(earlier.c.id)
        .where(
            earlier.c.subscription_id == _table.c.subscription_id,
            earlier.c.object_key == _table.c.object_key,
            earlier.c.status == "pending",
            sa.or_(
                earlier.c.created_at < _table.c.created_at,
                sa.and_(earlier.c.created_at == _table.c.created_at, earlier.c.id < _table.c.id),
            ),
        )
        .exists()
    )
    due = (
        sa.select(_table.c.id)
        .where(_table.c.status == "pending", _table.c.next_attempt_at <= now, free, ~waits)
        .order_by(_table.c.next_attempt_at)
        .limit(limit)
        # PostgreSQL: rows another sender is claiming are skipped, not waited for (two senders
        # locking the same rows in different orders deadlocked); SQLite has one writer anyway.
        .with_for_update(skip_locked=True)
    )
    # The outer condition is checked again on the row being updated: of two senders picking the
    # same row, the second finds it claimed and skips it (PostgreSQL re-checks after the first
    # commits; SQLite runs writers one at a time).
    stmt = (
        sa.update(_table)
        .where(_table.c.id.in_(due.scalar_subquery()), free, _table.c.status == "pending")
        .values(claimed_until=now + timedelta(seconds=CLAIM_SECONDS))
        .returning(_table.c.id)
    )
    ids = [row[0] for row in session.execute(stmt)]
    session.commit()
    return ids


def body_of(event: WebhookEvent) -> bytes:
    return json.dumps(
        {"type": event.type, "timestamp": event.created_at.isoformat(), "data": event.data},
        ensure_ascii=False,
        separators=(",", ":"),
    ).encode()


def _attempt(
    client: httpx.Client,
    sub: WebhookSubscription,
    event: WebhookEvent,
    *,
    allow_private: bool,
    secret: str,
) -> tuple[int | None, str | None]:
    """POST the event signed with ``secret`` (clear); (status code, error) — a 2xx with no error
    is a success."""
    host = urlsplit(sub.url).hostname or ""
    if not allow_private:
        refused = refused_address(host)
        if refused:
            return None, f"not sent: {refused}"
    body = body_of(event)
    timestamp = int(utcnow().timestamp())
    headers = {
        "content-type": "application/json",
        "user-agent": USER_AGENT,
        **signing.headers(secret, str(event.id), timestamp, body),
    }
    try:
        response = client.post(sub.url, content=body, headers=headers)
    except httpx.HTTPError as exc:
        return None, f"{type(exc).__name__}: {exc}"[:500]
    if 200 <= response.status_code < 300:
        return response.status_code, None
    return response.status_code, f"HTTP {response.status_code}: {response.text[:200]}"


def _record(
    session: Session,
    delivery: WebhookDelivery,
    sub: WebhookSubscription,
    outcome: tuple[int | None, str | None],
    duration_ms: int,
) -> str:
    now = utcnow()
    code, error = outcome
    delivery.attempts += 1
    delivery.last_attempt_at = now
    delivery.last_status_code = code
    delivery.last_error = error
    delivery.last_duration_ms = duration_ms
    delivery.claimed_until = None
    if error is None:
        delivery.status, delivery.delivered_at, delivery.next_attempt_at = "delivered", now, None
        sub.failing_since, sub.last_success_at = None, now
    elif delivery.attempts >= MAX_ATTEMPTS:
        delivery.status, delivery.next_attempt_at = "failed", None
        sub.failing_since = sub.failing_since or now
        if now - sub.failing_since >= DISABLE_AFTER and sub.status == "active":
            sub.status = "disabled"
            sub.disabled_reason = f"deliveries have failed since {sub.failing_since:%Y-%m-%d %H:%M} UTC"
            sub.version += 1
    else:
        delivery.next_attempt_at = now + timedelta(seconds=RETRY_AFTER[delivery.attempts - 1])
        sub.failing_since = sub.failing_since or now
    session.add_all([delivery, sub])
    session.commit()
    return delivery.status


def _attempt_signed(
    client: httpx.Client,
    session: Session,
    settings: Settings,
    sub: WebhookSubscription,
    event: WebhookEvent,
    *,
    allow_private: bool,
) -> tuple[int | None, str | None]:
    """The attempt with the subscription's secret decrypted once. A secret no configured key
    decrypts is a failed attempt (nothing is sent) until the owner rotates it; one in clear or
    under a previous key is stored under the current key, in the transaction that records the
    attempt."""
    try:
        opened = secrets_at_rest.open_secret(settings, sub.secret)
    except secrets_at_rest.UndecryptableSecret as exc:
        return None, str(exc)
    outcome = _attempt(client, sub, event, allow_private=allow_private, secret=opened.clear)
    secrets_at_rest.reseal(session, settings, sub, opened)
    return outcome


def send_due(
    session_factory: Callable[[], Session],
    *,
    now: datetime | None = None,
    limit: int = 50,
    allow_private: bool = False,
    client: httpx.Client | None = None,
    settings: Settings | None = None,
) -> dict[str, int]:
    """Send every delivery due at ``now`` (one batch of ``limit``); counts by outcome. The
    secrets are decrypted with the keys of ``settings`` (else the environment's)."""
    if settings is None:
        settings = get_settings()
    counts = {"delivered": 0, "pending": 0, "failed": 0}
    with session_factory() as session:
        ids = claim(session, now or utcnow(), limit)
    if not ids:
        return counts
    own = client is None
    http = client or httpx.Client(timeout=TIMEOUT_SECONDS, follow_redirects=False)
    try:
        with session_factory() as session:
            # The batch's deliveries with their subscriptions and events, in one query.
            batch = session.exec(
                select(WebhookDelivery, WebhookSubscription, WebhookEvent)
                .join(WebhookSubscription, col(WebhookSubscription.id) == WebhookDelivery.subscription_id)
                .join(WebhookEvent, col(WebhookEvent.id) == WebhookDelivery.event_id)
                .where(col(WebhookDelivery.id).in_(ids))
                .order_by(col(WebhookEvent.created_at))
            ).all()
            session.commit()  # no transaction stays open while the HTTP calls run
            for delivery, sub, event in batch:
                if delivery.status != "pending":
                    continue
                if sub.status != "active":
                    # Paused or disabled: the delivery waits (looked at again in five minutes)
                    # and goes out once the subscription is active again.
                    delivery.claimed_until = None
                    delivery.next_attempt_at = utcnow() + timedelta(minutes=5)
                    session.add(delivery)
                    session.commit()
                    counts["pending"] += 1
                    continue
                started = perf_counter()
                outcome = _attempt_signed(http, session, settings, sub, event, allow_private=allow_private)
                status = _record(session, delivery, sub, outcome, int((perf_counter() - started) * 1000))
                counts[status] += 1
    finally:
        if own:
            http.close()
    return counts


def run(session_factory: Callable[[], Session], *, allow_private: bool, **kwargs: Any) -> dict[str, int]:
    """Send batches until nothing is due (the periodic job and the CLI)."""
    total = {"delivered": 0, "pending": 0, "failed": 0}
    while True:
        counts = send_due(session_factory, allow_private=allow_private, **kwargs)
        for key, value in counts.items():
            total[key] += value
        if sum(counts.values()) == 0:
            return total
