"""Votes on ideas: one per person and idea, exact under concurrency, withdrawable, rate-limited,
optionally limited per person per year by the municipality.

Exactness: the vote row's primary key (idea, person) admits one row; ``INSERT … ON CONFLICT DO
NOTHING RETURNING`` tells whether this request added it, and only then is the idea's counter moved
by an atomic ``UPDATE … SET vote_count = vote_count + 1`` in the same transaction. Concurrent
attempts by the same person wait on the first one's row and then do nothing.
"""

from __future__ import annotations

import itertools
import uuid
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session

from api.accounts.models import User
from api.core.actor import Actor
from api.core.db import utcnow
from api.core.errors import ProblemError, conflict, not_found
from api.ideas import scope
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


def _target_statement(shape: tuple[bool, ...]) -> Any:
    """The statement of :func:`_target` for one shape of voter (moderator? admin? with a
    municipality?), with the voter's id and municipality as parameters: built once, so its SQL and
    cache key are not built again on every vote."""
    moderator, admin, local = shape
    actor_id: Any = sa.bindparam("actor_id", type_=_ideas.c.author_id.type)
    municipality_id: Any = sa.bindparam("actor_municipality_id", type_=_ideas.c.municipality_id.type)
    template = Actor(
        kind="user",
        id=actor_id,
        role="admin" if admin else None,
        municipality_id=municipality_id if local else None,
        scopes=frozenset({"ideas:moderate"}) if moderator else frozenset(),
    )
    blocked = (
        sa.exists()
        .where(
            scope.in_municipality(_blocks.c.municipality_id, _ideas.c.municipality_id),
            _blocks.c.user_id == template.id,
        )
        .label("blocked")
    )
    limit = (
        sa.select(_settings.c.yearly_vote_limit)
        .where(scope.in_municipality(_settings.c.municipality_id, _ideas.c.municipality_id))
        .scalar_subquery()
        .label("vote_limit")
    )
    country = sa.select(_users.c.country).where(_users.c.id == template.id).scalar_subquery().label("country")
    return sa.select(
        _ideas.c.id,
        _ideas.c.state,
        _ideas.c.moderation,
        _ideas.c.municipality_id,
        _ideas.c.vote_count,
        blocked,
        limit,
        country,
    ).where(_ideas.c.id == sa.bindparam("idea_id", type_=_ideas.c.id.type), scope.readable_clause(template))


_TARGETS = {shape: _target_statement(shape) for shape in itertools.product((False, True), repeat=3)}


def _target(session: Session, actor: Actor, idea_id: uuid.UUID) -> Any:
    """The idea as the voter may see it, whether the voter is blocked there, the yearly limit and
    the voter's country (for the residence recorded with the vote): one statement, since voting is
    the hottest write path. Voters are people (``Participant``)."""
    shape = (actor.has("ideas:moderate"), actor.is_admin, actor.municipality_id is not None)
    row = (
        session.connection()
        .execute(
            _TARGETS[shape],
            {"actor_id": actor.id, "actor_municipality_id": actor.municipality_id, "idea_id": idea_id},
        )
        .first()
    )
    if row is None:
        raise not_found("idea")
    return row


def _used_this_year_sql(user_id: uuid.UUID, municipality_id: uuid.UUID) -> Any:
    return (
        sa.select(sa.func.count())
        .select_from(_votes)
        .where(
            _votes.c.user_id == user_id,
            scope.in_municipality(_votes.c.municipality_id, municipality_id),
            _votes.c.created_at >= _year_start(utcnow()),
        )
    )


def _used_this_year(session: Session, user_id: uuid.UUID, municipality_id: uuid.UUID) -> int:
    return int(session.execute(_used_this_year_sql(user_id, municipality_id)).scalar_one())


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


def _write_statements(dialect: str) -> tuple[Any, ...]:
    """The statements of :func:`_insert_and_count` for ``dialect``, with parameters, built once:
    on PostgreSQL one statement (data-modifying CTEs), on SQLite the insert and the counter's update.
    The parameters are named after no column (``v_…``): a parameter named like a column of an
    INSERT's or UPDATE's table would be written to that column."""
    from sqlalchemy.dialects import postgresql, sqlite

    module = postgresql if dialect == "postgresql" else sqlite
    insert = (
        module.insert(_votes)
        .values(
            idea_id=sa.bindparam("v_idea", type_=_votes.c.idea_id.type),
            user_id=sa.bindparam("v_user", type_=_votes.c.user_id.type),
            municipality_id=sa.bindparam("v_municipality", type_=_votes.c.municipality_id.type),
            voter_residence=sa.bindparam("v_residence", type_=_votes.c.voter_residence.type),
            created_at=sa.bindparam("v_at", type_=_votes.c.created_at.type),
        )
        .on_conflict_do_nothing(index_elements=["idea_id", "user_id"])
        .returning(_votes.c.idea_id)
    )
    bump = sa.update(_ideas).where(_ideas.c.state.in_(VOTABLE)).values(vote_count=_ideas.c.vote_count + 1)
    if dialect != "postgresql":
        one = bump.where(_ideas.c.id == sa.bindparam("v_idea", type_=_ideas.c.id.type))
        return insert, one.returning(_ideas.c.vote_count)
    added = insert.cte("added")
    bumped = bump.where(_ideas.c.id.in_(sa.select(added.c.idea_id))).returning(_ideas.c.vote_count)
    moved = bumped.cte("bumped")
    return (
        sa.select(
            sa.exists(sa.select(added.c.idea_id)).label("inserted"),
            sa.select(moved.c.vote_count).scalar_subquery().label("new_count"),
        ),
    )


_WRITES = {dialect: _write_statements(dialect) for dialect in ("postgresql", "sqlite")}


def _insert_and_count(session: Session, actor: Actor, idea: Any) -> tuple[bool, int | None]:
    """Add the vote row (unless this person already voted) and move the idea's counter if it was
    added and the idea is still votable. Whether a row was added, and the new count (None when the
    idea was closed meanwhile). One round trip on PostgreSQL (data-modifying CTEs), two on SQLite."""
    connection = session.connection()
    params = {
        "v_idea": idea.id,
        "v_user": actor.id,
        "v_municipality": idea.municipality_id,
        "v_residence": residence_of(idea.country),
        "v_at": utcnow(),
    }
    statements = _WRITES[connection.dialect.name]
    if len(statements) == 1:
        row = connection.execute(statements[0], params).one()
        return bool(row.inserted), (None if row.new_count is None else int(row.new_count))
    insert, bump = statements
    if connection.execute(insert, params).first() is None:
        return False, None
    count = connection.execute(bump, params).scalar_one_or_none()
    return True, (None if count is None else int(count))


def withdraw(
    session: Session,
    *,
    actor: Actor,
    idea_id: uuid.UUID,
) -> VoteRead:
    idea = _target(session, actor, idea_id)  # with the yearly limit: one statement
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
    else:
        count = _current_count(session, idea.id)
    limit = idea.vote_limit
    left = None
    if limit is not None:
        left = max(0, limit - _used_this_year(session, actor.id, idea.municipality_id))  # type: ignore[arg-type]
    return VoteRead(idea_id=idea.id, voted=False, vote_count=count, votes_left_this_year=left)


def my_vote(session: Session, *, actor: Actor, idea_id: uuid.UUID) -> VoteRead:
    """Two statements: the idea as the voter may see it with the yearly limit (as casting reads it),
    then whether the voter voted and, under a limit, the votes used this year."""
    idea = _target(session, actor, idea_id)
    voted: Any = sa.exists().where(_votes.c.idea_id == idea.id, _votes.c.user_id == actor.id)
    left = None
    if idea.vote_limit is None:
        is_voted = session.execute(sa.select(voted)).scalar_one()
    else:
        used_sql = _used_this_year_sql(actor.id, idea.municipality_id)  # type: ignore[arg-type]
        is_voted, used = session.execute(sa.select(voted, used_sql.scalar_subquery())).one()
        left = max(0, idea.vote_limit - int(used))
    return VoteRead(
        idea_id=idea.id, voted=bool(is_voted), vote_count=idea.vote_count, votes_left_this_year=left
    )
