"""Who sees which subscriptions, and which subscriptions hear of which event: the webhooks
domain's tenancy, once.

Owners: an admin's subscription is national (no municipality, no organisation); a coordinator's or
a municipal client's belongs to its municipality; provider staff's or an organisation's client's
to its organisation. Another owner's subscription is a 404."""

from __future__ import annotations

import uuid
from typing import Any

import sqlalchemy as sa
from sqlmodel import col, select

from api.core.actor import Actor
from api.webhooks.catalog import EVENT_TYPES
from api.webhooks.models import WebhookSubscription


def owner_of(actor: Actor) -> tuple[uuid.UUID | None, uuid.UUID | None]:
    """(municipality_id, organization_id) a new subscription of this actor belongs to."""
    if actor.is_admin:
        return None, None
    return actor.municipality_id, actor.organization_id


def owner_clause(actor: Actor) -> Any:
    if actor.is_admin:
        return sa.true()
    if actor.organization_id is not None:
        return col(WebhookSubscription.organization_id) == actor.organization_id
    if actor.municipality_id is not None:
        return sa.and_(
            col(WebhookSubscription.municipality_id) == actor.municipality_id,
            col(WebhookSubscription.organization_id).is_(None),
        )
    return sa.false()


def readable_subscriptions(actor: Actor) -> Any:
    return select(WebhookSubscription).where(owner_clause(actor))


def hears(
    sub: WebhookSubscription,
    event_type: str,
    *,
    municipality_id: uuid.UUID | None,
    municipality_slug: str | None,
    private_municipalities: tuple[uuid.UUID, ...],
    organization_id: uuid.UUID | None,
) -> bool:
    """Whether an active subscription receives this event (its type list already matched)."""
    kind = EVENT_TYPES[event_type]
    if sub.municipality_filter and municipality_slug not in sub.municipality_filter:
        return False
    if kind.public:
        return True
    if not kind.scopes & set(sub.scopes):
        return False
    if sub.organization_id is not None:
        # An organisation hears of the referrals sent to it, and of nothing else private.
        return organization_id is not None and sub.organization_id == organization_id
    return sub.municipality_id is not None and sub.municipality_id in private_municipalities
