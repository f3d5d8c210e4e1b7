"""Small shared look-ups of the ideas domain: municipality slugs (cached), loading an idea or 404,
public timestamps, and whether a person is blocked in a municipality. The tenancy filters
themselves live in :mod:`api.ideas.scope`."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from sqlmodel import Session, select

from api.core.actor import Actor
from api.core.db import found
from api.core.errors import ProblemError
from api.ideas import scope
from api.ideas.models import Idea, IdeaBlock
from api.municipalities import logic as municipalities
from api.municipalities.models import Municipality

_slugs: dict[uuid.UUID, str] = {}
_ids: dict[str, uuid.UUID] = {}


def _load_municipalities(session: Session) -> None:
    for m in session.exec(select(Municipality)).all():
        _slugs[m.id] = m.slug
        _ids[m.slug] = m.id


def slug_of(session: Session, municipality_id: uuid.UUID) -> str:
    """Municipality ids are stable reference data (uuid5 of the slug, loaded by a migration), so a
    process-wide map is safe and saves the board a database round trip."""
    if municipality_id not in _slugs:
        _load_municipalities(session)
    return _slugs.get(municipality_id, "")


def municipality_id(session: Session, slug: str, *, field: str = "municipality") -> uuid.UUID:
    """A filter's or a body's slug as an id; an unknown slug is a 422 naming the field."""
    if slug not in _ids:
        _load_municipalities(session)
    if slug not in _ids:
        return municipalities.resolve_slug(session, slug, field=field).id
    return _ids[slug]


def floor_hour(value: datetime | None) -> datetime | None:
    """Public timestamps in open data are rounded down to the hour."""
    if value is None:
        return None
    return value.astimezone(UTC).replace(minute=0, second=0, microsecond=0)


def readable_idea(session: Session, actor: Actor, idea_id: uuid.UUID) -> Idea:
    return found(session, scope.readable_ideas(actor).where(Idea.id == idea_id), "idea")


def moderated_idea(session: Session, actor: Actor, idea_id: uuid.UUID) -> Idea:
    return found(session, scope.moderated_ideas(actor).where(Idea.id == idea_id), "idea")


def is_blocked(session: Session, user_id: uuid.UUID | None, municipality_id: uuid.UUID) -> bool:
    if user_id is None:
        return False
    return session.get(IdeaBlock, (municipality_id, user_id)) is not None


def ensure_not_blocked(session: Session, actor: Actor, municipality_id: uuid.UUID) -> None:
    if is_blocked(session, actor.id, municipality_id):
        raise ProblemError(
            403,
            "You are blocked from taking part in this municipality's ideas.",
            slug="blocked",
        )
