"""Who sees and may change which events: the tenancy filters of the events domain, once.

``managed_events(actor)`` is a ``Select`` the caller narrows by id; no row is a 404, so another
municipality's organiser never learns the event exists."""

from __future__ import annotations

import uuid
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from api.core.actor import Actor
from api.events.models import Event, EventOrganiser


def granted_municipalities(session: Session, actor: Actor) -> list[uuid.UUID]:
    if actor.id is None:
        return []
    stmt = select(EventOrganiser.municipality_id).where(EventOrganiser.user_id == actor.id)
    return list(session.exec(stmt).all())


def can_organise_in(session: Session, actor: Actor, municipality_id: uuid.UUID) -> bool:
    if actor.is_admin:
        return True
    if actor.role in ("coordinator", "provider") and actor.municipality_id == municipality_id:
        return True
    return municipality_id in granted_municipalities(session, actor)


def managed_clause(session: Session, actor: Actor) -> Any:
    """Admins: all; coordinators: their municipality; providers: their organisation's events;
    granted organisers (diaspora groups): the events they created in a granted municipality."""
    if actor.kind != "user":
        return sa.false()
    if actor.is_admin:
        return sa.true()
    if actor.role == "coordinator" and actor.municipality_id is not None:
        return col(Event.municipality_id) == actor.municipality_id
    if actor.role == "provider" and actor.organization_id is not None:
        return col(Event.organization_id) == actor.organization_id
    granted = granted_municipalities(session, actor)
    if not granted:
        return sa.false()
    return sa.and_(col(Event.organiser_id) == actor.id, col(Event.municipality_id).in_(granted))


def managed_events(session: Session, actor: Actor) -> Any:
    return select(Event).where(managed_clause(session, actor))


def readable_events() -> Any:
    """Events are public (the online link is hidden from people not registered)."""
    return select(Event)


def grants_of(actor: Actor) -> Any:
    stmt = select(EventOrganiser)
    if actor.is_admin:
        return stmt
    return stmt.where(col(EventOrganiser.municipality_id) == actor.municipality_id)


def in_municipalities(column: Any, municipality_ids: Any) -> Any:
    """``column`` is one of the municipalities the caller chose (an indicator's scope)."""
    return column.in_(list(municipality_ids))


def municipality_events(municipality_id: uuid.UUID) -> Any:
    """A municipality's public calendar (the caller chose the municipality)."""
    return select(Event).where(col(Event.municipality_id) == municipality_id).order_by(col(Event.starts_at))


def grant_of(user_id: uuid.UUID, municipality_id: uuid.UUID) -> Any:
    return select(EventOrganiser).where(
        EventOrganiser.user_id == user_id, col(EventOrganiser.municipality_id) == municipality_id
    )
