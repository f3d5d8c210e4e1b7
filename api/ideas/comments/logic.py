"""Comments: threaded to depth 3, editable for 15 minutes by their author, soft-deleted.

Thread order comes from a materialised path (the parent's path plus a sortable key of its own),
so a whole discussion is one index range scan in reading order, paged with a keyset on the path.
"""

from __future__ import annotations

import uuid
from datetime import timedelta

import sqlalchemy as sa
from sqlmodel import Session, col, select

from api.accounts.models import User
from api.core.actor import Actor
from api.core.conditional import IfMatch, claim
from api.core.db import utcnow
from api.core.errors import conflict, forbidden, not_found, unprocessable
from api.core.pagination import PageParams, SortKey, finish, keyset
from api.ideas import access, scope
from api.ideas.categories import COMMENT_EDIT_MINUTES, MAX_COMMENT_DEPTH, VOTABLE, residence_of
from api.ideas.comments.schemas import CommentCreate, CommentRead, CommentUpdate
from api.ideas.counters import add_to
from api.ideas.events import TITLES, idea_link, tell_followers
from api.ideas.ideas.logic import follow
from api.ideas.models import Idea, IdeaComment
from api.notifications import logic as notifications

_ideas = Idea.__table__  # type: ignore[attr-defined]
COMMENTABLE = (*VOTABLE, "rejected")


def _path_key(comment_id: uuid.UUID) -> str:
    now = utcnow()
    return f"{int(now.timestamp() * 1_000_000):017d}{comment_id.hex[:8]}"


def to_read(comment: IdeaComment, actor: Actor, *, moderator: bool) -> CommentRead:
    hidden = comment.moderation != "visible" or comment.author_blocked
    deleted = comment.deleted_at is not None
    mine = actor.id is not None and comment.author_id == actor.id
    show_body = not deleted and (not hidden or moderator)
    editable_until = comment.created_at + timedelta(minutes=COMMENT_EDIT_MINUTES)
    return CommentRead(
        id=comment.id,
        idea_id=comment.idea_id,
        parent_id=comment.parent_id,
        depth=comment.depth,
        author_name=None if deleted else comment.author_name,
        author_residence=comment.author_residence,
        body=comment.body if show_body else None,
        deleted=deleted,
        hidden=hidden,
        moderation=comment.moderation if moderator else None,
        reply_count=comment.reply_count,
        created_at=comment.created_at,
        edited_at=comment.edited_at,
        editable_until=editable_until if mine and not deleted else None,
        is_mine=mine,
        can_reply=comment.depth < MAX_COMMENT_DEPTH and not deleted and not hidden,
    )


def list_comments(
    session: Session, *, actor: Actor, idea: Idea, params: PageParams
) -> tuple[list[IdeaComment], str | None]:
    stmt = select(IdeaComment).where(IdeaComment.idea_id == idea.id)
    if not scope.is_moderator_of(actor, idea.municipality_id):
        # A blocked person's comments disappear (their own view keeps them).
        visible = sa.not_(col(IdeaComment.author_blocked))
        if actor.id is not None:
            visible = sa.or_(visible, col(IdeaComment.author_id) == actor.id)
        stmt = stmt.where(visible, IdeaComment.moderation != "removed")
    keys = [SortKey(IdeaComment.path)]
    rows = list(session.exec(keyset(stmt, keys=keys, params=params, sort_name="thread")).all())
    return finish(rows, params=params, sort_name="thread", key_of=lambda c: [c.path])


def get_comment(session: Session, *, actor: Actor, idea: Idea, comment_id: uuid.UUID) -> IdeaComment:
    comment = session.get(IdeaComment, comment_id)
    if comment is None or comment.idea_id != idea.id:
        raise not_found("comment")
    hidden_for_public = comment.author_blocked or comment.moderation == "removed"
    if (
        hidden_for_public
        and not scope.is_moderator_of(actor, idea.municipality_id)
        and comment.author_id != actor.id
    ):
        raise not_found("comment")
    return comment


def create(
    session: Session,
    *,
    actor: Actor,
    idea: Idea,
    data: CommentCreate,
) -> IdeaComment:
    if idea.state not in COMMENTABLE or idea.moderation != "visible":
        raise conflict(f"Comments are closed: the idea is {idea.state}.", slug="comments-closed")
    access.ensure_not_blocked(session, actor, idea.municipality_id)
    parent = None
    if data.parent_id is not None:
        parent = session.get(IdeaComment, data.parent_id)
        if parent is None or parent.idea_id != idea.id:
            raise unprocessable(
                "The comment you reply to is not on this idea.",
                errors=[{"loc": ["body", "parent_id"], "msg": "unknown comment", "type": "unknown_code"}],
            )
        if parent.depth >= MAX_COMMENT_DEPTH:
            raise unprocessable(
                f"Replies go {MAX_COMMENT_DEPTH} levels deep at most; reply to the comment above.",
                errors=[{"loc": ["body", "parent_id"], "msg": "too deep", "type": "value_error"}],
            )
        if parent.deleted_at is not None or parent.moderation != "visible":
            raise conflict("That comment can no longer be replied to.", slug="comments-closed")
    user = session.get(User, actor.id)
    if user is None:
        raise not_found("account")
    comment_id = uuid.uuid4()
    key = _path_key(comment_id)
    comment = IdeaComment(
        id=comment_id,
        idea_id=idea.id,
        municipality_id=idea.municipality_id,
        parent_id=parent.id if parent else None,
        depth=parent.depth + 1 if parent else 1,
        path=f"{parent.path}.{key}" if parent else key,
        author_id=user.id,
        author_name=user.display_name,
        author_residence=residence_of(user.country),
        body=data.body,
    )
    session.add(comment)
    add_to(session, idea, "comment_count", 1)
    if parent is not None:
        add_to(session, parent, "reply_count", 1)
    session.flush()
    follow(session, actor=actor, idea=idea)
    about = {"comment_id": str(comment.id)}
    notified: set[uuid.UUID] = {user.id}
    if parent is not None and parent.author_id is not None and parent.author_id != user.id:
        notifications.notify(
            session,
            user_id=parent.author_id,
            kind="comment_reply",
            title_translations=notifications.template(
                TITLES["comment_reply"], idea.title, name=user.display_name
            ),
            link=idea_link(idea.id),
            data={"idea_id": str(idea.id), **about},
        )
        notified.add(parent.author_id)
    tell_followers(session, idea, "idea_comment", data=about, exclude=notified)
    return comment


def edit(
    session: Session, *, actor: Actor, comment: IdeaComment, data: CommentUpdate, if_match: IfMatch
) -> IdeaComment:
    claim(session, comment, if_match)
    if comment.author_id != actor.id:
        raise forbidden("Only the author may edit a comment.")
    if comment.deleted_at is not None or comment.moderation != "visible":
        raise conflict("This comment can no longer be edited.", slug="comment-not-editable")
    if utcnow() > comment.created_at + timedelta(minutes=COMMENT_EDIT_MINUTES):
        raise conflict(
            f"Comments can be edited for {COMMENT_EDIT_MINUTES} minutes after posting.",
            slug="comment-not-editable",
        )
    comment.body = data.body
    comment.edited_at = utcnow()
    return comment


def delete(session: Session, *, actor: Actor, comment: IdeaComment, if_match: IfMatch) -> None:
    """Soft delete by the author: the thread keeps its place, the text and the name go."""
    claim(session, comment, if_match)
    if comment.author_id != actor.id:
        raise forbidden("Only the author may delete a comment.")
    if comment.deleted_at is not None:
        return
    comment.deleted_at = utcnow()
    if comment.moderation != "removed":
        _decrement(session, comment.idea_id)


def _decrement(session: Session, idea_id: uuid.UUID) -> None:
    session.execute(
        sa.update(_ideas)
        .where(_ideas.c.id == idea_id, _ideas.c.comment_count > 0)
        .values(comment_count=_ideas.c.comment_count - 1)
    )


def reads(rows: list[IdeaComment], actor: Actor, idea: Idea) -> list[CommentRead]:
    """Comments as the actor sees them (the idea's moderators see hidden text and its state)."""
    moderator = scope.is_moderator_of(actor, idea.municipality_id)
    return [to_read(c, actor, moderator=moderator) for c in rows]
