"""HTTP routes of moderation: flagging ideas and comments, the queue and its decisions, blocks."""

from __future__ import annotations

import uuid
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Response

from api.core.conditional import IfMatchDep
from api.core.db import SessionDep
from api.core.http import NoStore, creating, deleting, no_content, op
from api.ideas.deps import (
    EDIT_ERRORS,
    ListingDep,
    Moderator,
    PagingDep,
    Participant,
    ReadableCase,
    ReadableComment,
    ReadableIdea,
    Reply,
    ReplyDep,
    limited,
)
from api.ideas.fields import Slug, SlugPath
from api.ideas.models import ModerationCase
from api.ideas.moderation import logic as moderation
from api.ideas.moderation.schemas import (
    BlockCreate,
    BlockList,
    BlockRead,
    FlagCreate,
    FlagRead,
    ModerationCaseList,
    ModerationCaseRead,
    ModerationDecision,
)

CaseStatus = Literal["open", "hidden", "restored", "removed"]
Action = Literal["hide", "restore", "remove"]
FLAG_ERRORS = (401, 403, 404, 409, 422, 429)
flags = APIRouter(prefix="/ideas", tags=["ideas"])
router = APIRouter(prefix="/moderation", tags=["moderation"], dependencies=[NoStore])


@flags.post(
    "/{idea_id}/flags", **limited("flag", FlagRead, "Flag an idea for moderation", FLAG_ERRORS, status=201)
)
def flag_idea(session: SessionDep, actor: Participant, idea: ReadableIdea, body: FlagCreate) -> FlagRead:
    return moderation.flag(session, actor=actor, idea=idea, comment=None, data=body)


@flags.post(
    "/{idea_id}/comments/{comment_id}/flags",
    **limited("flag", FlagRead, "Flag a comment for moderation", FLAG_ERRORS, status=201),
)
def flag_comment(
    session: SessionDep, actor: Participant, found: ReadableComment, body: FlagCreate
) -> FlagRead:
    return moderation.flag(session, actor=actor, idea=found.idea, comment=found.comment, data=body)


@router.get(
    "/cases",
    **op(
        ModerationCaseList,
        "The moderation queue of your municipality (default: open and hidden)",
        (400, 401, 403, 422),
    ),
)
def list_cases(
    actor: Moderator,
    listing: ListingDep,
    status: Annotated[list[CaseStatus] | None, Query()] = None,
    municipality: Annotated[Slug | None, Query()] = None,
    target_type: Annotated[Literal["idea", "comment"] | None, Query()] = None,
) -> Response:
    rows, next_cursor = moderation.list_cases(
        listing.session,
        actor=actor,
        params=listing.page,
        status=status,
        municipality=municipality,
        target_type=target_type,
    )
    items = [moderation.case_read(listing.session, c, listing.locale.lang) for c in rows]
    return listing.answer(ModerationCaseList(items=items, next_cursor=next_cursor))


def _case(reply: Reply, case: ModerationCase) -> ModerationCaseRead:
    return reply.tagged(case.version, moderation.case_read(reply.session, case, reply.locale.lang))


@router.get("/cases/{case_id}", **op(ModerationCaseRead, "A moderation case", (401, 403, 404)))
def read_case(actor: Moderator, case: ReadableCase, reply: ReplyDep) -> ModerationCaseRead:
    return _case(reply, case)


def _decision(
    case_id: uuid.UUID, action: Action, session: SessionDep, actor: Moderator
) -> tuple[ModerationCase, Action]:
    """The case (404 outside your municipality) and the action, in the path's order."""
    return moderation.get_case(session, actor=actor, case_id=case_id), action


@router.post(
    "/cases/{case_id}/{action}",
    **op(
        ModerationCaseRead, "Decide: hide, restore (visible again) or remove the flagged content", EDIT_ERRORS
    ),
)
def decide(
    decision: Annotated[tuple[ModerationCase, Action], Depends(_decision)],
    actor: Moderator,
    if_match: IfMatchDep,
    reply: ReplyDep,
    body: ModerationDecision | None = None,
) -> ModerationCaseRead:
    case, action = decision
    note = body.note if body else None
    moderation.decide(reply.session, actor=actor, case=case, action=action, note=note, if_match=if_match)
    return _case(reply, case)


@router.get("/blocks", **op(BlockList, "People blocked in your municipality", (400, 401, 403, 422)))
def list_blocks(
    actor: Moderator, paging: PagingDep, municipality: Annotated[Slug | None, Query()] = None
) -> Response:
    s = paging.session
    rows, next_cursor = moderation.list_blocks(s, actor=actor, params=paging.page, municipality=municipality)
    return paging.answer(
        BlockList(items=[moderation.block_read(s, b) for b in rows], next_cursor=next_cursor)
    )


@router.post(
    "/blocks",
    **creating(
        BlockRead, "Block a person: their content in the municipality is hidden", (401, 403, 409, 422)
    ),
)
def create_block(session: SessionDep, actor: Moderator, body: BlockCreate) -> BlockRead:
    return moderation.block_read(session, moderation.block(session, actor=actor, data=body))


@router.delete("/blocks/{municipality}/{user_id}", **deleting("Lift a block", (401, 403, 404)))
def delete_block(
    municipality: SlugPath, user_id: uuid.UUID, session: SessionDep, actor: Moderator
) -> Response:
    moderation.unblock(session, actor=actor, municipality=municipality, user_id=user_id)
    return no_content()
