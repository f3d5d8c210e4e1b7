"""Flags, the moderation queue and blocks.

Anyone signed in may flag an idea or a comment once. Each flagged item has one moderation case;
when three different people have flagged it since it was last restored, it is hidden until a
moderator (a coordinator of the idea's municipality) restores or removes it. Blocking a person in
a municipality hides all their content there and stops them taking part there.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence

import sqlalchemy as sa
from sqlmodel import Session, col

from api.accounts.models import User
from api.core import audit
from api.core.actor import Actor
from api.core.conditional import IfMatch, claim
from api.core.db import dialect_insert, found, utcnow
from api.core.errors import conflict, not_found, unprocessable
from api.core.i18n import resolve
from api.core.pagination import PageParams, SortKey, finish, keyset
from api.ideas import access, scope
from api.ideas.categories import FLAGS_TO_HIDE
from api.ideas.fields import as_stored
from api.ideas.models import Idea, IdeaBlock, IdeaComment, IdeaFlag, ModerationCase
from api.ideas.moderation.schemas import BlockCreate, BlockRead, FlagCreate, FlagRead, ModerationCaseRead
from api.municipalities import logic as municipalities

_cases = ModerationCase.__table__  # type: ignore[attr-defined]
_flags = IdeaFlag.__table__  # type: ignore[attr-defined]
_ideas = Idea.__table__  # type: ignore[attr-defined]
_comments = IdeaComment.__table__  # type: ignore[attr-defined]


def _target(session: Session, target_type: str, target_id: uuid.UUID) -> Idea | IdeaComment | None:
    if target_type == "idea":
        return session.get(Idea, target_id)
    return session.get(IdeaComment, target_id)


def flag(
    session: Session,
    *,
    actor: Actor,
    idea: Idea,
    comment: IdeaComment | None,
    data: FlagCreate,
) -> FlagRead:
    target: Idea | IdeaComment = comment if comment is not None else idea
    target_type = "comment" if comment is not None else "idea"
    if target.author_id == actor.id:
        raise conflict("You cannot flag your own content.", slug="own-content")
    if comment is not None and comment.deleted_at is not None:
        raise conflict("The comment was deleted.", slug="deleted")
    if idea.state == "draft":
        raise conflict("Drafts cannot be flagged.", slug="invalid-state")
    now = utcnow()
    session.execute(
        dialect_insert(session, _cases)
        .values(
            id=uuid.uuid4(),
            municipality_id=idea.municipality_id,
            target_type=target_type,
            target_id=target.id,
            idea_id=idea.id,
            status="open",
            open_flags=0,
            total_flags=0,
            first_flagged_at=now,
            last_flagged_at=now,
            version=1,
        )
        .on_conflict_do_nothing(index_elements=["target_type", "target_id"])
    )
    case_id = session.execute(
        sa.select(_cases.c.id).where(_cases.c.target_type == target_type, _cases.c.target_id == target.id)
    ).scalar_one()
    row = IdeaFlag(
        case_id=case_id,
        target_type=target_type,
        target_id=target.id,
        user_id=actor.id,  # type: ignore[arg-type]
        reason=data.reason,
        note=data.note,
        created_at=now,
    )
    inserted = session.execute(
        dialect_insert(session, _flags)
        .values(**row.model_dump())
        .on_conflict_do_nothing(index_elements=["target_type", "target_id", "user_id"])
        .returning(_flags.c.id)
    ).first()
    if inserted is None:
        raise conflict("You have already flagged this.", slug="already-flagged")
    open_flags, status = session.execute(
        sa.update(_cases)
        .where(_cases.c.id == case_id)
        .values(
            open_flags=_cases.c.open_flags + 1,
            total_flags=_cases.c.total_flags + 1,
            last_flagged_at=now,
            status=sa.case((_cases.c.status == "restored", "open"), else_=_cases.c.status),
        )
        .returning(_cases.c.open_flags, _cases.c.status)
    ).one()
    if open_flags >= FLAGS_TO_HIDE and status == "open":
        # The counter update above holds the case's row: this read and claim see the latest version.
        case = session.get(ModerationCase, case_id, populate_existing=True)
        assert case is not None
        claim(session, case, None)
        case.status = "hidden"
        _set_visibility(session, target_type, target.id, "hidden")
        session.expire(target)
    return FlagRead(
        target_type=row.target_type, target_id=row.target_id, reason=row.reason, created_at=row.created_at
    )


def _set_visibility(session: Session, target_type: str, target_id: uuid.UUID, value: str) -> None:
    table = _ideas if target_type == "idea" else _comments
    session.execute(sa.update(table).where(table.c.id == target_id).values(moderation=value))


# --- the queue -------------------------------------------------------------------------------------


def list_cases(
    session: Session,
    *,
    actor: Actor,
    params: PageParams,
    status: Sequence[str] | None,
    municipality: str | None,
    target_type: str | None,
) -> tuple[list[ModerationCase], str | None]:
    stmt = scope.readable_cases(actor)
    stmt = stmt.where(col(ModerationCase.status).in_(status or ["open", "hidden"]))
    if municipality:
        muni = municipalities.resolve_slug(session, municipality)
        stmt = stmt.where(scope.in_municipality(ModerationCase.municipality_id, muni.id))
    if target_type:
        stmt = stmt.where(ModerationCase.target_type == target_type)
    keys = [
        SortKey(ModerationCase.last_flagged_at, descending=True),
        SortKey(ModerationCase.id, descending=True),
    ]
    rows = list(session.exec(keyset(stmt, keys=keys, params=params)).all())
    return finish(rows, params=params, key_of=lambda c: [c.last_flagged_at, c.id])


def get_case(session: Session, *, actor: Actor, case_id: uuid.UUID) -> ModerationCase:
    stmt = scope.readable_cases(actor).where(ModerationCase.id == case_id)
    return found(session, stmt, "moderation case")


CASE_AS_STORED = (
    "id",
    "target_type",
    "target_id",
    "idea_id",
    "status",
    "open_flags",
    "total_flags",
    "first_flagged_at",
    "last_flagged_at",
    "decided_at",
    "decision_note",
)


def case_read(session: Session, case: ModerationCase, lang: str) -> ModerationCaseRead:
    target = _target(session, case.target_type, case.target_id)
    if isinstance(target, Idea):
        excerpt = resolve(target.title, lang) or ""
    elif isinstance(target, IdeaComment):
        excerpt = target.body[:300]
    else:
        excerpt = ""
    reasons = {
        str(r): int(n)
        for r, n in session.execute(
            sa.select(_flags.c.reason, sa.func.count())
            .where(_flags.c.case_id == case.id)
            .group_by(_flags.c.reason)
        ).all()
    }
    return ModerationCaseRead(
        **as_stored(case, CASE_AS_STORED),
        municipality=access.slug_of(session, case.municipality_id),
        reasons=reasons,
        excerpt=excerpt,
        author_id=target.author_id if target is not None else None,
        author_name=target.author_name if target is not None else None,
    )


def decide(
    session: Session, *, actor: Actor, case: ModerationCase, action: str, note: str | None, if_match: IfMatch
) -> ModerationCase:
    """hide, restore (visible again, open flags cleared) or remove (for good)."""
    claim(session, case, if_match)
    if case.status == "removed":
        raise conflict("The content was removed; there is nothing more to decide.", slug="invalid-state")
    now = utcnow()
    target = _target(session, case.target_type, case.target_id)
    if target is None:
        raise not_found("content")
    if action == "restore":
        case.status, case.open_flags = "restored", 0
        session.execute(
            sa.update(_flags)
            .where(_flags.c.case_id == case.id, _flags.c.resolved_at.is_(None))
            .values(resolved_at=now)
        )
        _set_visibility(session, case.target_type, target.id, "visible")
    elif action == "hide":
        case.status = "hidden"
        _set_visibility(session, case.target_type, target.id, "hidden")
    else:
        case.status = "removed"
        session.execute(
            sa.update(_flags)
            .where(_flags.c.case_id == case.id, _flags.c.resolved_at.is_(None))
            .values(resolved_at=now)
        )
        _set_visibility(session, case.target_type, target.id, "removed")
        if isinstance(target, IdeaComment) and target.deleted_at is None:
            session.execute(
                sa.update(_ideas)
                .where(_ideas.c.id == target.idea_id, _ideas.c.comment_count > 0)
                .values(comment_count=_ideas.c.comment_count - 1)
            )
    session.expire(target)
    case.decided_at, case.decided_by, case.decision_note = now, actor.id, note
    audit.record(
        session,
        actor=actor,
        action=f"moderation_{action}",
        record_type=f"idea_{case.target_type}",
        record_id=case.target_id,
        municipality_id=case.municipality_id,
        details={"case_id": str(case.id)},
    )
    return case


# --- blocks -----------------------------------------------------------------------------------------


def list_blocks(
    session: Session, *, actor: Actor, params: PageParams, municipality: str | None
) -> tuple[list[IdeaBlock], str | None]:
    stmt = scope.readable_blocks(actor)
    if municipality:
        muni = municipalities.resolve_slug(session, municipality)
        stmt = stmt.where(scope.in_municipality(IdeaBlock.municipality_id, muni.id))
    keys = [SortKey(IdeaBlock.created_at, descending=True), SortKey(IdeaBlock.user_id, descending=True)]
    rows = list(session.exec(keyset(stmt, keys=keys, params=params)).all())
    return finish(rows, params=params, key_of=lambda b: [b.created_at, b.user_id])


def block_read(session: Session, block: IdeaBlock) -> BlockRead:
    user = session.get(User, block.user_id)
    return BlockRead(
        municipality=access.slug_of(session, block.municipality_id),
        user_id=block.user_id,
        display_name=user.display_name if user else None,
        reason=block.reason,
        created_at=block.created_at,
    )


def _set_blocked(
    session: Session, *, actor: Actor, municipality_id: uuid.UUID, user_id: uuid.UUID, value: bool
) -> None:
    """Hide or show again a person's ideas and comments in a municipality, on the record."""
    for table in (_ideas, _comments):
        session.execute(
            sa.update(table)
            .where(
                table.c.author_id == user_id, scope.in_municipality(table.c.municipality_id, municipality_id)
            )
            .values(author_blocked=value)
        )
    audit.record(
        session,
        actor=actor,
        action="block" if value else "unblock",
        record_type="idea_block",
        record_id=user_id,
        municipality_id=municipality_id,
        subject_id=user_id,
    )


def block(session: Session, *, actor: Actor, data: BlockCreate) -> IdeaBlock:
    if data.municipality:
        municipality_id = municipalities.resolve_slug(session, data.municipality).id
        if not scope.is_moderator_of(actor, municipality_id):
            raise unprocessable(
                "You moderate another municipality.",
                errors=[{"loc": ["body", "municipality"], "msg": "not yours", "type": "value_error"}],
            )
    elif actor.municipality_id is not None:
        municipality_id = actor.municipality_id
    else:
        raise unprocessable(
            "Say which municipality.",
            errors=[{"loc": ["body", "municipality"], "msg": "required", "type": "missing"}],
        )
    user = session.get(User, data.user_id)
    if user is None:
        raise unprocessable(
            "Unknown person.", errors=[{"loc": ["body", "user_id"], "msg": "unknown", "type": "unknown_code"}]
        )
    if user.id == actor.id:
        raise conflict("You cannot block yourself.", slug="conflict")
    if session.get(IdeaBlock, (municipality_id, user.id)) is not None:
        raise conflict("This person is already blocked here.", slug="already-blocked")
    row = IdeaBlock(municipality_id=municipality_id, user_id=user.id, reason=data.reason, blocked_by=actor.id)
    session.add(row)
    _set_blocked(session, actor=actor, municipality_id=municipality_id, user_id=user.id, value=True)
    session.flush()
    return row


def unblock(session: Session, *, actor: Actor, municipality: str, user_id: uuid.UUID) -> None:
    municipality_id = municipalities.get_by_slug(session, municipality).id
    stmt = scope.readable_blocks(actor).where(
        scope.in_municipality(IdeaBlock.municipality_id, municipality_id), IdeaBlock.user_id == user_id
    )
    session.delete(found(session, stmt, "block"))
    _set_blocked(session, actor=actor, municipality_id=municipality_id, user_id=user_id, value=False)
