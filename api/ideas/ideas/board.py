"""The ideas board: who did what with a page of ideas, the read model, filters, sorts and keyset pages."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from api.core.actor import Actor
from api.core.i18n import Locale, like_escape, search_terms
from api.core.pagination import PageParams, decode_cursor, encode_cursor
from api.core.translation_status import served_languages, status_maps
from api.ideas import access, scope
from api.ideas.categories import BOARD_DEFAULT, CATEGORIES, WITHDRAWABLE
from api.ideas.ideas.schemas import (
    IdeaRead,
)
from api.ideas.models import (
    Idea,
    IdeaAnswer,
    IdeaFlag,
    IdeaFollow,
    IdeaVote,
    OpenCall,
)
from api.ideas.translatable import IDEA_TEXTS

_ideas = Idea.__table__  # type: ignore[attr-defined]


@dataclass
class ViewerContext:
    """What the caller did with a page of ideas, fetched in one query per kind."""

    voted: set[uuid.UUID] = field(default_factory=set)
    following: set[uuid.UUID] = field(default_factory=set)
    flagged: set[uuid.UUID] = field(default_factory=set)
    pending: dict[uuid.UUID, str | None] = field(default_factory=dict)
    awarded: set[uuid.UUID] = field(default_factory=set)
    # With translations=all: each idea's {field: {language: status}}.
    statuses: dict[uuid.UUID, dict[str, dict[str, str]]] = field(default_factory=dict)


def viewer_context(session: Session, actor: Actor, ideas: Sequence[Any]) -> ViewerContext:
    ctx = ViewerContext()
    ids = [i.id for i in ideas]
    if not ids:
        return ctx
    if actor.kind == "user" and actor.id is not None:
        ctx.voted = set(
            session.exec(
                select(IdeaVote.idea_id).where(IdeaVote.user_id == actor.id, col(IdeaVote.idea_id).in_(ids))
            ).all()
        )
        ctx.following = set(
            session.exec(
                select(IdeaFollow.idea_id).where(
                    IdeaFollow.user_id == actor.id, col(IdeaFollow.idea_id).in_(ids)
                )
            ).all()
        )
        ctx.flagged = set(
            session.exec(
                select(IdeaFlag.target_id).where(
                    IdeaFlag.user_id == actor.id,
                    IdeaFlag.target_type == "idea",
                    col(IdeaFlag.target_id).in_(ids),
                )
            ).all()
        )
    moderated = [i.id for i in ideas if scope.is_moderator_of(actor, i.municipality_id)]
    if moderated:
        for idea_id, new_state in session.exec(
            select(IdeaAnswer.idea_id, IdeaAnswer.new_state).where(
                col(IdeaAnswer.idea_id).in_(moderated), col(IdeaAnswer.published_at).is_(None)
            )
        ).all():
            ctx.pending[idea_id] = new_state
    with_call = [i.id for i in ideas if i.open_call_id is not None]
    if with_call:
        ctx.awarded = {
            a
            for a in session.exec(
                select(OpenCall.awarded_idea_id).where(col(OpenCall.awarded_idea_id).in_(with_call))
            ).all()
            if a is not None
        }
    return ctx


def can_edit(idea: Any, actor: Actor) -> bool:
    return (
        idea.author_id is not None
        and idea.author_id == actor.id
        and idea.state in ("draft", "published")
        and idea.vote_count == 0
        and idea.answered_at is None
    )


def fields_of(
    session: Session, idea: Any, actor: Actor, locale: Locale, ctx: ViewerContext
) -> dict[str, Any]:
    """An idea (an ``Idea`` or a Core row of its columns) as ``IdeaRead`` dumps it, key for key."""
    mine = actor.id is not None and idea.author_id == actor.id
    moderator = scope.is_moderator_of(actor, idea.municipality_id)
    return {
        "translation_status": ctx.statuses.get(idea.id),
        "text_languages": None
        if locale.all_translations
        else served_languages(idea, locale.lang, IDEA_TEXTS),
        "id": idea.id,
        "municipality": access.slug_of(session, idea.municipality_id),
        "category": idea.category,
        "category_name": locale.text(CATEGORIES.get(idea.category, {})),
        "title": locale.text(idea.title),
        "body": locale.text(idea.body),
        "place": idea.place,
        "latitude": idea.latitude,
        "longitude": idea.longitude,
        "image_urls": list(idea.image_urls or []),
        "author": {"name": idea.author_name, "residence": idea.author_residence, "is_you": mine},
        "state": idea.state,
        "vote_count": idea.vote_count,
        "comment_count": idea.comment_count,
        "follower_count": idea.follower_count,
        "open_call_id": idea.open_call_id,
        "created_at": idea.created_at,
        "published_at": idea.published_at,
        "answered_at": idea.answered_at,
        "updated_at": idea.updated_at,
        "viewer": {
            "voted": idea.id in ctx.voted,
            "following": idea.id in ctx.following,
            "flagged": idea.id in ctx.flagged,
            "can_edit": can_edit(idea, actor),
            "can_withdraw": mine and idea.state in WITHDRAWABLE,
            "can_publish": mine and idea.state == "draft",
            "can_moderate": moderator,
        },
        "moderation": idea.moderation if (mine or moderator) else None,
        "pending_state": ctx.pending.get(idea.id) if moderator else None,
        "awarded": idea.id in ctx.awarded,
    }


def to_read(session: Session, idea: Idea, actor: Actor, locale: Locale, ctx: ViewerContext) -> IdeaRead:
    return IdeaRead.model_validate(fields_of(session, idea, actor, locale, ctx))


def with_statuses(
    session: Session, ctx: ViewerContext, ideas: Sequence[Any], locale: Locale
) -> ViewerContext:
    if locale.all_translations:
        ctx.statuses = status_maps(session, "idea", ideas, IDEA_TEXTS)
    return ctx


def read_one(session: Session, idea: Idea, actor: Actor, locale: Locale) -> IdeaRead:
    ctx = with_statuses(session, viewer_context(session, actor, [idea]), [idea], locale)
    return to_read(session, idea, actor, locale, ctx)


SORTS: dict[str, tuple[Any, bool]] = {
    "-published_at": (Idea.listed_at, True),
    "published_at": (Idea.listed_at, False),
    "-vote_count": (Idea.vote_count, True),
    "vote_count": (Idea.vote_count, False),
    "-comment_count": (Idea.comment_count, True),
    "-answered_at": (Idea.answered_at, True),
}


@dataclass
class IdeaFilters:
    municipality: str | None = None
    category: Sequence[str] | None = None
    state: Sequence[str] | None = None
    residence: str | None = None
    q: str | None = None
    open_call_id: uuid.UUID | None = None
    mine: bool = False
    following: bool = False


def filtered(session: Session, actor: Actor, f: IdeaFilters, sort: str) -> Any:
    stmt = scope.readable_ideas(actor)
    if f.municipality:
        stmt = stmt.where(
            scope.in_municipality(Idea.municipality_id, access.municipality_id(session, f.municipality))
        )
    if f.category:
        stmt = stmt.where(col(Idea.category).in_(f.category))
    if f.state:
        stmt = stmt.where(col(Idea.state).in_(f.state))
    elif not f.mine:
        stmt = stmt.where(col(Idea.state).in_(BOARD_DEFAULT))
    if f.residence:
        stmt = stmt.where(Idea.author_residence == f.residence)
    for term in search_terms((f.q or "").replace("\x00", "")):
        stmt = stmt.where(col(Idea.search).like(f"%{like_escape(term)}%", escape="\\"))
    if f.open_call_id:
        stmt = stmt.where(Idea.open_call_id == f.open_call_id)
    if f.mine:
        stmt = stmt.where(Idea.author_id == (actor.id if actor.kind == "user" else None))
    if f.following:
        stmt = stmt.where(col(Idea.id).in_(select(IdeaFollow.idea_id).where(IdeaFollow.user_id == actor.id)))
    if sort == "-answered_at":
        stmt = stmt.where(col(Idea.answered_at).is_not(None))
    return stmt


def list_ideas(
    session: Session,
    *,
    actor: Actor,
    params: PageParams,
    sort: str,
    filters: IdeaFilters,
    core_rows: bool = False,
) -> tuple[list[Any], str | None]:
    """A page of ``Idea`` instances, or with ``core_rows`` of plain rows of its columns (the board)."""
    column, descending = SORTS[sort]
    stmt = filtered(session, actor, filters, sort)
    if core_rows:
        stmt = stmt.with_only_columns(*_ideas.c)
    if params.cursor:
        value, last_id = decode_cursor(params.cursor, sort, 2)
        # A row-value comparison is an index range condition on (key, id) on both databases.
        row, bound = (
            sa.tuple_(column, Idea.id),
            sa.tuple_(sa.literal(value, column.type), sa.literal(last_id, _ideas.c.id.type)),
        )
        stmt = stmt.where(row < bound if descending else row > bound)
    order = [column.desc(), col(Idea.id).desc()] if descending else [column.asc(), col(Idea.id).asc()]
    found = (session.execute if core_rows else session.exec)(stmt.order_by(*order).limit(params.limit + 1))
    rows = list(found.all())
    items = rows[: params.limit]
    next_cursor = None
    if len(rows) > params.limit and items:
        last = items[-1]
        next_cursor = encode_cursor(sort, [getattr(last, column.key), last.id])
    return items, next_cursor


def board_page(
    session: Session, *, actor: Actor, locale: Locale, params: PageParams, sort: str, filters: IdeaFilters
) -> tuple[list[dict[str, Any]], str | None]:
    """The board as JSON-ready dicts (``IdeaRead`` shapes) from Core rows: one query for the page,
    one per kind of what the caller did with it."""
    rows, next_cursor = list_ideas(
        session, actor=actor, params=params, sort=sort, filters=filters, core_rows=True
    )
    ctx = with_statuses(session, viewer_context(session, actor, rows), rows, locale)
    return [fields_of(session, i, actor, locale, ctx) for i in rows], next_cursor
