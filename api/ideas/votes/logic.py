"""Votes on ideas: one per person and idea, exact under concurrency, withdrawable, rate-limited,
optionally limited per person per year by the municipality.

Exactness: the vote row's primary key (idea, person) admits one row; ``INSERT … ON CONFLICT DO
NOTHING RETURNING`` tells whether this request added it, and only then is the idea's counter moved
by an atomic ``UPDATE … SET vote_count = vote_count + 1`` in the same transaction. Concurrent
attempts by the same person wait on the first one's row and then do nothing.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session

from api.accounts.models import User
from api.core.actor import Actor
from api.core.db import dialect_insert, utcnow
from api.core.errors import ProblemError, conflict, not_found
from api.ideas import access, scope
from api.ideas.categories import VOTABLE, residence_of
from api.ideas.models import Idea, IdeaBlock, IdeaSettings, IdeaVote
from api.ideas.votes.schemas import VoteRead

_votes = IdeaVote.__table__  # type: ignore[attr-defined]
_ideas = Idea.__table__  # type: ignore[attr-defined]
_users = User.__table__  # type: ignore[attr-defined]
_blocks = IdeaBlock.__table__  # type: ignore[attr-defined]
_settings = IdeaSettings.__table__  # type: ignore[attr-defined]


def _year_start(now: datetime) -> datetime:
    return datetime(now.year, 1, 1, tzinfo=UTC)


def _target(session: Session, actor: Actor, idea_id: uuid.UUID) -> Any:
    """The idea as the voter may see it, whether the voter is blocked there, the yearly limit and
    the voter's country (for the residence recorded with the vote): one statement, since voting is the hottest write path."""
    blocked = (
        sa.exists()
        .where(
            scope.in_municipality(_blocks.c.municipality_id, _ideas.c.municipality_id),
            _blocks.c.user_id == actor.id,
        )
        .label("blocked")
    )
    limit = (
        sa.select(_settings.c.yearly_vote_limit)
        .where(scope.in_municipality(_settings.c.municipality_id, _ideas.c.municipality_id))
        .scalar_subquery()
        .label("vote_limit")
    )
    country = sa.select(_users.c.country).where(_users.c.id == actor.id).scalar_subquery().label("country")
    row = session.execute(
        sa.select(
            _ideas.c.id,
            _ideas.c.state,
            _ideas.c.moderation,
            _ideas.c.municipality_id,
            _ideas.c.vote_count,
            blocked,
            limit,
            country,
        ).where(_ideas.c.id == idea_id, scope.readable_clause(actor))
    ).first()
    if row is None:
        raise not_found("idea")
    return row


def _limit(session: Session, municipality_id: uuid.UUID) -> int | None:
    row = session.get(IdeaSettings, municipality_id)
    return row.yearly_vote_limit if row else None


def _used_this_year(session: Session, user_id: uuid.UUID, municipality_id: uuid.UUID) -> int:
    return int(
        session.execute(
            sa.select(sa.func.count())
            .select_from(_votes)
            .where(
                _votes.c.user_id == user_id,
                scope.in_municipality(_votes.c.municipality_id, municipality_id),
                _votes.c.created_at >= _year_start(utcnow()),
            )
        ).scalar_one()
    )


def _current_count(session: Session, idea_id: uuid.UUID) -> int:
    return int(session.execute(sa.select(_ideas.c.vote_count).where(_ideas.c.id == idea_id)).scalar_one())


def cast(
    session: Session,
    *,
    actor: Actor,
    idea_id: uuid.UUID,
) -> tuple[VoteRead, bool]:
    """Vote for an idea. Returns the vote and whether it is new (a repeat is not an error)."""
    idea = _target(session, actor, idea_id)
    if idea.state not in VOTABLE or idea.moderation != "visible":
        raise conflict(f"Votes are closed: the idea is {idea.state}.", slug="voting-closed")
    if idea.blocked:
        raise ProblemError(
            403, "You are blocked from taking part in this municipality's ideas.", slug="blocked"
        )
    limit = idea.vote_limit
    left: int | None = None
    if limit is not None:
        exists = session.execute(
            sa.select(_votes.c.idea_id).where(_votes.c.idea_id == idea.id, _votes.c.user_id == actor.id)
        ).first()
        if exists is not None:
            used = _used_this_year(session, actor.id, idea.municipality_id)  # type: ignore[arg-type]
            return VoteRead(
                idea_id=idea.id,
                voted=True,
                vote_count=_current_count(session, idea.id),
                votes_left_this_year=max(0, limit - used),
            ), False
        # Serialise this person's votes so that two at once cannot both pass the yearly limit
        # (SQLite already serialises writers with BEGIN IMMEDIATE).
        if session.get_bind().dialect.name == "postgresql":
            session.execute(sa.select(_users.c.id).where(_users.c.id == actor.id).with_for_update())
        used = _used_this_year(session, actor.id, idea.municipality_id)  # type: ignore[arg-type]
        if used >= limit:
            raise conflict(
                f"You have used all {limit} votes this municipality allows per person this year.",
                slug="vote-limit-reached",
            )
        left = limit - used - 1
    inserted, count = _insert_and_count(session, actor, idea)
    if not inserted:
        if left is not None:
            left += 1
        return VoteRead(
            idea_id=idea.id,
            voted=True,
            vote_count=_current_count(session, idea.id),
            votes_left_this_year=left,
        ), False
    if count is None:
        # The idea was closed between our read and our write: the whole transaction rolls back.
        raise conflict("Votes are closed for this idea.", slug="voting-closed")
    return VoteRead(idea_id=idea.id, voted=True, vote_count=int(count), votes_left_this_year=left), True


def _insert_and_count(session: Session, actor: Actor, idea: Any) -> tuple[bool, int | None]:
    """Add the vote row (unless this person already voted) and move the idea's counter if it was
    added and the idea is still votable. Whether a row was added, and the new count (None when the
    idea was closed meanwhile). One round trip on PostgreSQL (data-modifying CTEs), two on SQLite."""
    insert = (
        dialect_insert(session, _votes)
        .values(
            idea_id=idea.id,
            user_id=actor.id,
            municipality_id=idea.municipality_id,
            voter_residence=residence_of(idea.country),
            created_at=utcnow(),
        )
        .on_conflict_do_nothing(index_elements=["idea_id", "user_id"])
        .returning(_votes.c.idea_id)
    )
    bump = sa.update(_ideas).where(_ideas.c.state.in_(VOTABLE)).values(vote_count=_ideas.c.vote_count + 1)
    if session.get_bind().dialect.name == "postgresql":
        added = insert.cte("added")
        bumped = bump.where(_ideas.c.id.in_(sa.select(added.c.idea_id))).returning(_ideas.c.vote_count)
        moved = bumped.cte("bumped")
        row = session.execute(
            sa.select(
                sa.exists(sa.select(added.c.idea_id)).label("inserted"),
                sa.select(moved.c.vote_count).scalar_subquery().label("new_count"),
            )
        ).one()
        return bool(row.inserted), (None if row.new_count is None else int(row.new_count))
    if session.execute(insert).first() is None:
        return False, None
    count = session.execute(
        bump.where(_ideas.c.id == idea.id).returning(_ideas.c.vote_count)
    ).scalar_one_or_none()
    return True, (None if count is None else int(count))


def withdraw(
    session: Session,
    *,
    actor: Actor,
    idea_id: uuid.UUID,
) -> VoteRead:
    idea = access.readable_idea(session, actor, idea_id)
    deleted = session.execute(
        sa.delete(_votes)
        .where(_votes.c.idea_id == idea.id, _votes.c.user_id == actor.id)
        .returning(_votes.c.idea_id)
    ).first()
    if deleted is not None:
        count = int(
            session.execute(
                sa.update(_ideas)
                .where(_ideas.c.id == idea.id)
                .values(vote_count=_ideas.c.vote_count - 1)
                .returning(_ideas.c.vote_count)
            ).scalar_one()
        )
        session.expire(idea, ["vote_count"])
    else:
        count = _current_count(session, idea.id)
    limit = _limit(session, idea.municipality_id)
    left = None
    if limit is not None:
        left = max(0, limit - _used_this_year(session, actor.id, idea.municipality_id))  # type: ignore[arg-type]
    return VoteRead(idea_id=idea.id, voted=False, vote_count=count, votes_left_this_year=left)


def my_vote(session: Session, *, actor: Actor, idea_id: uuid.UUID) -> VoteRead:
    idea = access.readable_idea(session, actor, idea_id)
    voted = (
        session.execute(
            sa.select(_votes.c.idea_id).where(_votes.c.idea_id == idea.id, _votes.c.user_id == actor.id)
        ).first()
        is not None
    )
    limit = _limit(session, idea.municipality_id)
    left = None
    if limit is not None:
        left = max(0, limit - _used_this_year(session, actor.id, idea.municipality_id))  # type: ignore[arg-type]
    return VoteRead(idea_id=idea.id, voted=voted, vote_count=idea.vote_count, votes_left_this_year=left)
