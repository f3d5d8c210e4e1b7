"""Ideas: proposing, editing, state moves by the author, following, statistics and per-municipality settings."""

from __future__ import annotations

import uuid
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col

from api.accounts.models import User
from api.core.actor import Actor
from api.core.conditional import IfMatch, claim
from api.core.db import dialect_insert, utcnow
from api.core.errors import ProblemError, conflict, forbidden, not_found, unprocessable
from api.core.i18n import search_blob
from api.ideas import access, partners, scope
from api.ideas.categories import VOTABLE, WITHDRAWABLE, residence_of
from api.ideas.counters import add_to
from api.ideas.events import notify_state_change
from api.ideas.ideas.board import can_edit
from api.ideas.ideas.schemas import (
    IdeaCreate,
    IdeaSettingsRead,
    IdeaSettingsUpdate,
    IdeaStats,
    IdeaUpdate,
)
from api.ideas.models import (
    Idea,
    IdeaComment,
    IdeaFollow,
    IdeaSettings,
    IdeaVote,
    OpenCall,
)
from api.municipalities import logic as municipalities

_follows = IdeaFollow.__table__  # type: ignore[attr-defined]


def _check_open_call(session: Session, call_id: uuid.UUID, municipality_id: uuid.UUID) -> None:
    call = session.get(OpenCall, call_id)
    if call is None or call.municipality_id != municipality_id:
        raise unprocessable(
            "Unknown open call for this municipality.",
            errors=[{"loc": ["body", "open_call_id"], "msg": "unknown open call", "type": "unknown_code"}],
        )
    now = utcnow()
    if not (call.submissions_from <= now < call.submissions_until) or call.awarded_at is not None:
        raise conflict("The open call is not taking submissions now.", slug="open-call-closed")


# What an idea keeps of its proposal as it was sent.
AS_PROPOSED = {"category", "title", "body", "place", "latitude", "longitude", "image_urls", "open_call_id"}


def create_idea(session: Session, *, actor: Actor, data: IdeaCreate) -> Idea:
    municipality = municipalities.resolve_slug(session, data.municipality, field="municipality")
    access.ensure_not_blocked(session, actor, municipality.id)
    if data.open_call_id is not None:
        _check_open_call(session, data.open_call_id, municipality.id)
    user = session.get(User, actor.id)
    if user is None:
        raise not_found("account")
    now = utcnow()
    publish = data.publish
    idea = Idea(
        municipality_id=municipality.id,
        **data.model_dump(include=AS_PROPOSED),
        author_id=user.id,
        author_name=data.author_name or user.display_name,
        author_country=user.country,
        author_residence=residence_of(user.country),
        state="published" if publish else "draft",
        follower_count=1,
        created_at=now,
        listed_at=now,
        updated_at=now,
        published_at=now if publish else None,
    )
    idea.search = search_blob(idea.title, idea.body, idea.place, idea.author_name)
    session.add(idea)
    session.flush()
    session.add(IdeaFollow(idea_id=idea.id, user_id=user.id))
    if publish:
        partners.published(session, idea)
    return idea


def _own(idea: Idea, actor: Actor) -> None:
    if idea.author_id is None or idea.author_id != actor.id:
        raise forbidden("Only the author may do this.")


def update_idea(session: Session, *, actor: Actor, idea: Idea, data: IdeaUpdate, if_match: IfMatch) -> Idea:
    claim(session, idea, if_match)
    _own(idea, actor)
    if not can_edit(idea, actor):
        raise conflict("An idea can be edited only until its first vote or answer.", slug="idea-not-editable")
    changes = data.model_dump(exclude_unset=True)
    for key in ("title", "body", "category", "image_urls", "author_name"):
        if changes.get(key) is not None:
            setattr(idea, key, changes[key])
    for key in ("place", "latitude", "longitude"):
        if key in changes:
            setattr(idea, key, changes[key])
    idea.search = search_blob(idea.title, idea.body, idea.place, idea.author_name)
    _touch(idea)
    return idea


def _touch(idea: Idea) -> None:
    idea.updated_at = utcnow()


def change_state(session: Session, *, actor: Actor, idea: Idea, state: str, if_match: IfMatch) -> Idea:
    """The author's moves: publish a draft, or withdraw (at any time until implemented)."""
    claim(session, idea, if_match)
    _own(idea, actor)
    if state == "published":
        if idea.state != "draft":
            raise conflict("Only a draft can be published.", slug="invalid-state")
        access.ensure_not_blocked(session, actor, idea.municipality_id)
        now = utcnow()
        idea.state, idea.published_at, idea.listed_at = "published", now, now
        partners.published(session, idea)
    else:
        if idea.state not in WITHDRAWABLE:
            raise conflict(f"An idea that is {idea.state} cannot be withdrawn.", slug="invalid-state")
        idea.state = "withdrawn"
        notify_state_change(session, idea, exclude=actor.id)
    _touch(idea)
    return idea


def delete_draft(session: Session, *, actor: Actor, idea: Idea, if_match: IfMatch) -> None:
    claim(session, idea, if_match)
    _own(idea, actor)
    if idea.state != "draft":
        raise conflict("Only drafts can be deleted; withdraw a published idea instead.", slug="invalid-state")
    session.execute(sa.delete(IdeaFollow).where(col(IdeaFollow.idea_id) == idea.id))
    session.delete(idea)


def follow(session: Session, *, actor: Actor, idea: Idea) -> bool:
    """Start following; True when it is new. Exact under concurrency (unique key + atomic counter)."""
    if idea.state == "draft":
        raise conflict("Drafts cannot be followed.", slug="invalid-state")
    stmt = (
        dialect_insert(session, _follows)
        .values(idea_id=idea.id, user_id=actor.id, created_at=utcnow())
        .on_conflict_do_nothing(index_elements=["idea_id", "user_id"])
        .returning(_follows.c.idea_id)
    )
    if session.execute(stmt).first() is None:
        return False
    add_to(session, idea, "follower_count", 1)
    return True


def unfollow(session: Session, *, actor: Actor, idea: Idea) -> None:
    result = session.execute(
        sa.delete(_follows).where(_follows.c.idea_id == idea.id, _follows.c.user_id == actor.id)
    )
    if result.rowcount:  # type: ignore[attr-defined]
        add_to(session, idea, "follower_count", -1)


def read_settings(session: Session, slug: str) -> IdeaSettingsRead:
    municipality = municipalities.get_by_slug(session, slug)
    row = session.get(IdeaSettings, municipality.id)
    return IdeaSettingsRead(municipality=slug, yearly_vote_limit=row.yearly_vote_limit if row else None)


def update_settings(
    session: Session, *, actor: Actor, slug: str, data: IdeaSettingsUpdate
) -> IdeaSettingsRead:
    municipality = municipalities.get_by_slug(session, slug)
    if not scope.is_moderator_of(actor, municipality.id):
        raise not_found("municipality")
    row = session.get(IdeaSettings, municipality.id)
    if row is None:
        row = IdeaSettings(municipality_id=municipality.id)
        session.add(row)
    else:
        claim(session, row, None)
    row.yearly_vote_limit = data.yearly_vote_limit
    row.updated_at, row.updated_by = utcnow(), actor.id
    return IdeaSettingsRead(municipality=slug, yearly_vote_limit=row.yearly_vote_limit)


def stats(session: Session, *, municipality: str | None) -> IdeaStats:
    muni_id = municipalities.resolve_slug(session, municipality).id if municipality else None
    public = scope.public_clause()

    def grouped(column: Any) -> dict[str, int]:
        stmt = sa.select(column, sa.func.count()).where(public).group_by(column)
        if muni_id:
            stmt = stmt.where(scope.in_municipality(Idea.municipality_id, muni_id))
        return {str(k): int(v) for k, v in session.execute(stmt).all()}

    by_state = grouped(Idea.state)
    by_residence = grouped(Idea.author_residence)
    votes_stmt = sa.select(IdeaVote.voter_residence, sa.func.count()).group_by(IdeaVote.voter_residence)  # type: ignore[call-overload]
    comments_stmt = (
        sa.select(sa.func.count())
        .select_from(IdeaComment)
        .where(col(IdeaComment.deleted_at).is_(None), col(IdeaComment.moderation) == "visible")
    )
    if muni_id:
        votes_stmt = votes_stmt.where(scope.in_municipality(IdeaVote.municipality_id, muni_id))
        comments_stmt = comments_stmt.where(scope.in_municipality(IdeaComment.municipality_id, muni_id))
    votes = {str(k): int(v) for k, v in session.execute(votes_stmt).all()}
    return IdeaStats(
        municipality=municipality,
        ideas_total=sum(by_state.values()),
        ideas_by_state=by_state,
        ideas_by_residence=by_residence,
        votes_total=sum(votes.values()),
        votes_by_residence=votes,
        comments_total=int(session.execute(comments_stmt).scalar_one()),
    )


def state_filter(values: list[str] | None) -> list[str] | None:
    if not values:
        return None
    bad = sorted(set(values) - set(VOTABLE) - {"draft", "rejected", "withdrawn"})
    if bad:
        raise ProblemError(422, f"Unknown state(s): {', '.join(bad)}.", slug="validation-error")
    return values
