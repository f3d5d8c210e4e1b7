"""Ideas: proposing, editing, the board (filters, sorts, keyset pages), state moves by the author,
following, statistics, per-municipality settings and the open-data export."""

from __future__ import annotations

import csv
import io
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from api.accounts.models import User
from api.core.actor import Actor
from api.core.db import dialect_insert, utcnow
from api.core.errors import ProblemError, conflict, forbidden, not_found, unprocessable
from api.core.i18n import Locale, like_escape, resolve, search_blob, search_terms
from api.core.pagination import PageParams, decode_cursor, encode_cursor
from api.ideas import access, notifications
from api.ideas.categories import BOARD_DEFAULT, CATEGORIES, VOTABLE, WITHDRAWABLE, residence_of
from api.ideas.models import (
    Idea,
    IdeaAnswer,
    IdeaComment,
    IdeaFlag,
    IdeaFollow,
    IdeaSettings,
    IdeaVote,
    OpenCall,
)
from api.ideas.schemas import (
    IdeaAuthor,
    IdeaCreate,
    IdeaRead,
    IdeaSettingsRead,
    IdeaSettingsUpdate,
    IdeaStats,
    IdeaUpdate,
    IdeaViewer,
)
from api.municipalities import logic as municipalities

STATE_NAMES = {
    "published": {"lt": "paskelbta", "en": "published", "uk": "опубліковано", "ru": "опубликовано"},
    "under_review": {"lt": "svarstoma", "en": "under review", "uk": "на розгляді", "ru": "на рассмотрении"},
    "accepted": {"lt": "priimta", "en": "accepted", "uk": "прийнято", "ru": "принято"},
    "rejected": {"lt": "atmesta", "en": "rejected", "uk": "відхилено", "ru": "отклонено"},
    "in_progress": {"lt": "įgyvendinama", "en": "in progress", "uk": "виконується", "ru": "выполняется"},
    "implemented": {"lt": "įgyvendinta", "en": "implemented", "uk": "втілено", "ru": "реализовано"},
    "withdrawn": {"lt": "atsiimta", "en": "withdrawn", "uk": "відкликано", "ru": "отозвано"},
}
STATE_CHANGED = {
    "lt": "Idėjos „{title}“ būsena: {state}",
    "en": "The idea “{title}” is now {state}",
    "uk": "Стан ідеї «{title}»: {state}",
    "ru": "Статус идеи «{title}»: {state}",
}


def idea_link(idea_id: uuid.UUID) -> str:
    return f"#/ideas/{idea_id}"


def notify_state_change(session: Session, idea: Idea, *, exclude: uuid.UUID | None = None) -> None:
    notifications.notify_many(
        session,
        user_ids=notifications.followers(session, idea.id, exclude=[exclude]),
        kind="idea_state",
        title_translations=notifications.template(STATE_CHANGED, idea.title, state=STATE_NAMES[idea.state]),
        link=idea_link(idea.id),
        data={"idea_id": str(idea.id), "state": idea.state},
    )


# --- reading -----------------------------------------------------------------------------------------


@dataclass
class ViewerContext:
    """What the caller did with a page of ideas, fetched in one query per kind."""

    voted: set[uuid.UUID] = field(default_factory=set)
    following: set[uuid.UUID] = field(default_factory=set)
    flagged: set[uuid.UUID] = field(default_factory=set)
    pending: dict[uuid.UUID, str | None] = field(default_factory=dict)
    awarded: set[uuid.UUID] = field(default_factory=set)


def viewer_context(session: Session, actor: Actor, ideas: Sequence[Idea]) -> ViewerContext:
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
    moderated = [i.id for i in ideas if access.is_moderator_of(actor, i.municipality_id)]
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


def can_edit(idea: Idea, actor: Actor) -> bool:
    return (
        idea.author_id is not None
        and idea.author_id == actor.id
        and idea.state in ("draft", "published")
        and idea.vote_count == 0
        and idea.answered_at is None
    )


def to_read(session: Session, idea: Idea, actor: Actor, locale: Locale, ctx: ViewerContext) -> IdeaRead:
    mine = actor.id is not None and idea.author_id == actor.id
    moderator = access.is_moderator_of(actor, idea.municipality_id)
    return IdeaRead(
        id=idea.id,
        municipality=access.slug_of(session, idea.municipality_id),
        category=idea.category,
        category_name=locale.text(CATEGORIES.get(idea.category, {})),
        title=locale.text(idea.title),
        body=locale.text(idea.body),
        place=idea.place,
        latitude=idea.latitude,
        longitude=idea.longitude,
        image_urls=list(idea.image_urls or []),
        author=IdeaAuthor(name=idea.author_name, residence=idea.author_residence, is_you=mine),
        state=idea.state,
        vote_count=idea.vote_count,
        comment_count=idea.comment_count,
        follower_count=idea.follower_count,
        open_call_id=idea.open_call_id,
        created_at=idea.created_at,
        published_at=idea.published_at,
        answered_at=idea.answered_at,
        updated_at=idea.updated_at,
        viewer=IdeaViewer(
            voted=idea.id in ctx.voted,
            following=idea.id in ctx.following,
            flagged=idea.id in ctx.flagged,
            can_edit=can_edit(idea, actor),
            can_withdraw=mine and idea.state in WITHDRAWABLE,
            can_publish=mine and idea.state == "draft",
            can_moderate=moderator,
        ),
        moderation=idea.moderation if (mine or moderator) else None,
        pending_state=ctx.pending.get(idea.id) if moderator else None,
        awarded=idea.id in ctx.awarded,
    )


def read_one(session: Session, idea: Idea, actor: Actor, locale: Locale) -> IdeaRead:
    return to_read(session, idea, actor, locale, viewer_context(session, actor, [idea]))


# --- the board ----------------------------------------------------------------------------------------

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
    category: list[str] | None = None
    state: list[str] | None = None
    residence: str | None = None
    q: str | None = None
    open_call_id: uuid.UUID | None = None
    mine: bool = False
    following: bool = False


def filtered(session: Session, actor: Actor, f: IdeaFilters, sort: str) -> Any:
    stmt = access.readable_ideas(actor)
    if f.municipality:
        stmt = stmt.where(Idea.municipality_id == access.municipality_id(session, f.municipality))
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
    session: Session, *, actor: Actor, params: PageParams, sort: str, filters: IdeaFilters
) -> tuple[list[Idea], str | None]:
    column, descending = SORTS[sort]
    stmt = filtered(session, actor, filters, sort)
    if params.cursor:
        value, last_id = decode_cursor(params.cursor, sort, 2)
        # A row-value comparison is an index range condition on (key, id) on both databases.
        row, bound = (
            sa.tuple_(column, Idea.id),
            sa.tuple_(sa.literal(value, column.type), sa.literal(last_id, _ideas.c.id.type)),
        )
        stmt = stmt.where(row < bound if descending else row > bound)
    order = [column.desc(), col(Idea.id).desc()] if descending else [column.asc(), col(Idea.id).asc()]
    rows = list(session.exec(stmt.order_by(*order).limit(params.limit + 1)).all())
    items = rows[: params.limit]
    next_cursor = None
    if len(rows) > params.limit and items:
        last = items[-1]
        next_cursor = encode_cursor(sort, [getattr(last, column.key), last.id])
    return items, next_cursor


# --- proposing and editing ------------------------------------------------------------------------


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
        category=data.category,
        title=data.title,
        body=data.body,
        place=data.place,
        latitude=data.latitude,
        longitude=data.longitude,
        image_urls=list(data.image_urls),
        author_id=user.id,
        author_name=data.author_name or user.display_name,
        author_country=user.country,
        author_residence=residence_of(user.country),
        state="published" if publish else "draft",
        open_call_id=data.open_call_id,
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
    return idea


def _own(idea: Idea, actor: Actor) -> None:
    if idea.author_id is None or idea.author_id != actor.id:
        raise forbidden("Only the author may do this.")


def update_idea(session: Session, *, actor: Actor, idea: Idea, data: IdeaUpdate) -> Idea:
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
    idea.version += 1


def change_state(session: Session, *, actor: Actor, idea: Idea, state: str) -> Idea:
    """The author's moves: publish a draft, or withdraw (at any time until implemented)."""
    _own(idea, actor)
    if state == "published":
        if idea.state != "draft":
            raise conflict("Only a draft can be published.", slug="invalid-state")
        access.ensure_not_blocked(session, actor, idea.municipality_id)
        now = utcnow()
        idea.state, idea.published_at, idea.listed_at = "published", now, now
    else:
        if idea.state not in WITHDRAWABLE:
            raise conflict(f"An idea that is {idea.state} cannot be withdrawn.", slug="invalid-state")
        idea.state = "withdrawn"
        notify_state_change(session, idea, exclude=actor.id)
    _touch(idea)
    return idea


def delete_draft(session: Session, *, actor: Actor, idea: Idea) -> None:
    _own(idea, actor)
    if idea.state != "draft":
        raise conflict("Only drafts can be deleted; withdraw a published idea instead.", slug="invalid-state")
    session.execute(sa.delete(IdeaFollow).where(col(IdeaFollow.idea_id) == idea.id))
    session.delete(idea)


# --- following -----------------------------------------------------------------------------------------

_follows = IdeaFollow.__table__  # type: ignore[attr-defined]
_ideas = Idea.__table__  # type: ignore[attr-defined]


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
    session.execute(
        sa.update(_ideas).where(_ideas.c.id == idea.id).values(follower_count=_ideas.c.follower_count + 1)
    )
    session.expire(idea, ["follower_count"])
    return True


def unfollow(session: Session, *, actor: Actor, idea: Idea) -> None:
    result = session.execute(
        sa.delete(_follows).where(_follows.c.idea_id == idea.id, _follows.c.user_id == actor.id)
    )
    if result.rowcount:  # type: ignore[attr-defined]
        session.execute(
            sa.update(_ideas).where(_ideas.c.id == idea.id).values(follower_count=_ideas.c.follower_count - 1)
        )
        session.expire(idea, ["follower_count"])


# --- settings and statistics ------------------------------------------------------------------------


def read_settings(session: Session, slug: str) -> IdeaSettingsRead:
    municipality = municipalities.get_by_slug(session, slug)
    row = session.get(IdeaSettings, municipality.id)
    return IdeaSettingsRead(municipality=slug, yearly_vote_limit=row.yearly_vote_limit if row else None)


def update_settings(
    session: Session, *, actor: Actor, slug: str, data: IdeaSettingsUpdate
) -> IdeaSettingsRead:
    municipality = municipalities.get_by_slug(session, slug)
    if not access.is_moderator_of(actor, municipality.id):
        raise not_found("municipality")
    row = session.get(IdeaSettings, municipality.id)
    if row is None:
        row = IdeaSettings(municipality_id=municipality.id)
        session.add(row)
    else:
        row.version += 1
    row.yearly_vote_limit = data.yearly_vote_limit
    row.updated_at, row.updated_by = utcnow(), actor.id
    return IdeaSettingsRead(municipality=slug, yearly_vote_limit=row.yearly_vote_limit)


def stats(session: Session, *, municipality: str | None) -> IdeaStats:
    muni_id = municipalities.resolve_slug(session, municipality).id if municipality else None
    public = access.public_clause()

    def grouped(column: Any) -> dict[str, int]:
        stmt = sa.select(column, sa.func.count()).where(public).group_by(column)
        if muni_id:
            stmt = stmt.where(col(Idea.municipality_id) == muni_id)
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
        votes_stmt = votes_stmt.where(col(IdeaVote.municipality_id) == muni_id)
        comments_stmt = comments_stmt.where(col(IdeaComment.municipality_id) == muni_id)
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


# --- open data --------------------------------------------------------------------------------------

EXPORT_COLUMNS = [
    "id",
    "municipality",
    "category",
    "title",
    "state",
    "author_name",
    "author_residence",
    "vote_count",
    "comment_count",
    "place",
    "latitude",
    "longitude",
    "open_call_id",
    "created_at",
    "published_at",
    "answered_at",
]
EXPORT_BATCH = 2_000


def _hour(value: datetime | None) -> str:
    floored = access.floor_hour(value)
    return floored.isoformat().replace("+00:00", "Z") if floored else ""


def export_statement(session: Session, *, actor: Actor, filters: IdeaFilters) -> Any:
    """The public ideas an export covers; built (and its filters checked) before streaming starts."""
    return filtered(session, actor, filters, "-published_at").where(access.public_clause())


def export_csv_chunks(factory: Any, stmt: Any, *, lang: str) -> Iterator[str]:
    """Public ideas as CSV, streamed in keyset batches with a session of its own (the request's
    session is closed by the time a streamed body is sent): display names only (never emails),
    timestamps rounded down to the hour. Every matching idea is exported, however many."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(EXPORT_COLUMNS)
    yield out.getvalue()
    last: tuple[Any, Any] | None = None
    with factory() as session:
        while True:
            batch = stmt.order_by(None).order_by(col(Idea.listed_at).desc(), col(Idea.id).desc())
            if last is not None:
                batch = batch.where(
                    sa.or_(
                        col(Idea.listed_at) < last[0],
                        sa.and_(col(Idea.listed_at) == last[0], col(Idea.id) < last[1]),
                    )
                )
            rows = session.exec(batch.limit(EXPORT_BATCH)).all()
            if not rows:
                return
            out = io.StringIO()
            writer = csv.writer(out)
            for idea in rows:
                writer.writerow(
                    [
                        idea.id,
                        access.slug_of(session, idea.municipality_id),
                        idea.category,
                        _csv_safe(resolve(idea.title, lang) or ""),
                        idea.state,
                        _csv_safe(idea.author_name),
                        idea.author_residence,
                        idea.vote_count,
                        idea.comment_count,
                        _csv_safe(idea.place or ""),
                        "" if idea.latitude is None else idea.latitude,
                        "" if idea.longitude is None else idea.longitude,
                        idea.open_call_id or "",
                        _hour(idea.created_at),
                        _hour(idea.published_at),
                        _hour(idea.answered_at),
                    ]
                )
            yield out.getvalue()
            last = (rows[-1].listed_at, rows[-1].id)


def _csv_safe(text: str) -> str:
    """Neutralise spreadsheet formulas (CSV injection) in people's free text."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def state_filter(values: list[str] | None) -> list[str] | None:
    if not values:
        return None
    bad = sorted(set(values) - set(VOTABLE) - {"draft", "rejected", "withdrawn"})
    if bad:
        raise ProblemError(422, f"Unknown state(s): {', '.join(bad)}.", slug="validation-error")
    return values
