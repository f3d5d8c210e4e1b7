"""Who sees and may change what. Tenancy lives in these query helpers: another municipality's idea
is not found (404) for its moderators, never forbidden."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from api.core.actor import Actor
from api.core.errors import ProblemError, not_found
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


def public_clause() -> Any:
    return sa.and_(
        col(Idea.state) != "draft", col(Idea.moderation) == "visible", sa.not_(col(Idea.author_blocked))
    )


def is_moderator_of(actor: Actor, municipality_id: uuid.UUID) -> bool:
    return actor.has("ideas:moderate") and (actor.is_admin or actor.municipality_id == municipality_id)


def is_budget_manager_of(actor: Actor, municipality_id: uuid.UUID) -> bool:
    return actor.has("budgets:manage") and (actor.is_admin or actor.municipality_id == municipality_id)


def readable_ideas(actor: Actor) -> Any:
    """Public ideas for everyone; your own (drafts too); everything but others' drafts for moderators
    of the idea's municipality."""
    return select(Idea).where(readable_clause(actor))


def readable_clause(actor: Actor) -> Any:
    clauses = [public_clause()]
    if actor.kind == "user" and actor.id is not None:
        clauses.append(Idea.author_id == actor.id)
    if actor.has("ideas:moderate"):
        if actor.is_admin:
            clauses.append(Idea.state != "draft")
        elif actor.municipality_id is not None:
            clauses.append(
                sa.and_(col(Idea.municipality_id) == actor.municipality_id, col(Idea.state) != "draft")
            )
    return sa.or_(*clauses) if len(clauses) > 1 else clauses[0]


def moderated_ideas(actor: Actor) -> Any:
    """Ideas the actor moderates: their municipality's (all for admins), never drafts."""
    stmt = select(Idea).where(Idea.state != "draft")
    if actor.is_admin:
        return stmt
    if actor.has("ideas:moderate") and actor.municipality_id is not None:
        return stmt.where(Idea.municipality_id == actor.municipality_id)
    return stmt.where(sa.false())


def get_readable_idea(session: Session, actor: Actor, idea_id: uuid.UUID) -> Idea:
    idea = session.exec(readable_ideas(actor).where(Idea.id == idea_id)).first()
    if idea is None:
        raise not_found("idea")
    return idea


def get_moderated_idea(session: Session, actor: Actor, idea_id: uuid.UUID) -> Idea:
    idea = session.exec(moderated_ideas(actor).where(Idea.id == idea_id)).first()
    if idea is None:
        raise not_found("idea")
    return idea


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
