"""HTTP routes of moderation (queue, decisions, blocks) and of notifications."""

from __future__ import annotations

import uuid
from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query, Request, Response

from api.accounts.deps import UserActor
from api.core.db import SessionDep
from api.core.errors import problem_responses
from api.core.etag import require_if_match, set_etag
from api.core.i18n import LocaleDep
from api.core.pagination import PageDep, set_link_header
from api.ideas import moderation, notifications
from api.ideas.deps import Moderator
from api.ideas.schemas import (
    BlockCreate,
    BlockList,
    BlockRead,
    MarkedRead,
    ModerationCaseList,
    ModerationCaseRead,
    ModerationDecision,
    NotificationList,
    NotificationRead,
    NotificationSummary,
    Slug,
)

SlugPath = Annotated[str, Path(min_length=2, max_length=60, pattern=r"^[a-z0-9-]+$")]
moderation_router = APIRouter(prefix="/moderation", tags=["moderation"])
notifications_router = APIRouter(prefix="/notifications", tags=["notifications"])
NO_STORE = "no-store"
CaseStatus = Literal["open", "hidden", "restored", "removed"]


@moderation_router.get(
    "/cases",
    response_model=ModerationCaseList,
    summary="The moderation queue of your municipality (default: open and hidden)",
    responses=problem_responses(400, 401, 403, 422),
)
def list_cases(
    request: Request,
    response: Response,
    session: SessionDep,
    actor: Moderator,
    locale: LocaleDep,
    page: PageDep,
    status: Annotated[list[CaseStatus] | None, Query()] = None,
    municipality: Annotated[Slug | None, Query()] = None,
    target_type: Annotated[Literal["idea", "comment"] | None, Query()] = None,
) -> ModerationCaseList:
    rows, next_cursor = moderation.list_cases(
        session,
        actor=actor,
        params=page,
        status=list(status or []),
        municipality=municipality,
        target_type=target_type,
    )
    set_link_header(request, response, next_cursor)
    response.headers["Cache-Control"] = NO_STORE
    return ModerationCaseList(
        items=[moderation.case_read(session, c, locale.lang) for c in rows], next_cursor=next_cursor
    )


@moderation_router.get(
    "/cases/{case_id}",
    response_model=ModerationCaseRead,
    summary="A moderation case",
    responses=problem_responses(401, 403, 404),
)
def read_case(
    case_id: uuid.UUID, response: Response, session: SessionDep, actor: Moderator, locale: LocaleDep
) -> ModerationCaseRead:
    case = moderation.get_case(session, actor=actor, case_id=case_id)
    set_etag(response, case.version)
    response.headers["Cache-Control"] = NO_STORE
    return moderation.case_read(session, case, locale.lang)


@moderation_router.post(
    "/cases/{case_id}/{action}",
    response_model=ModerationCaseRead,
    summary="Decide: hide, restore (visible again) or remove the flagged content",
    responses=problem_responses(401, 403, 404, 409, 412, 422, 428),
)
def decide(
    case_id: uuid.UUID,
    action: Literal["hide", "restore", "remove"],
    request: Request,
    response: Response,
    session: SessionDep,
    actor: Moderator,
    locale: LocaleDep,
    body: ModerationDecision | None = None,
) -> ModerationCaseRead:
    case = moderation.get_case(session, actor=actor, case_id=case_id)
    require_if_match(request, case.version)
    moderation.decide(session, actor=actor, case=case, action=action, note=body.note if body else None)
    set_etag(response, case.version)
    return moderation.case_read(session, case, locale.lang)


@moderation_router.get(
    "/blocks",
    response_model=BlockList,
    summary="People blocked in your municipality",
    responses=problem_responses(400, 401, 403, 422),
)
def list_blocks(
    request: Request,
    response: Response,
    session: SessionDep,
    actor: Moderator,
    page: PageDep,
    municipality: Annotated[Slug | None, Query()] = None,
) -> BlockList:
    rows, next_cursor = moderation.list_blocks(session, actor=actor, params=page, municipality=municipality)
    set_link_header(request, response, next_cursor)
    response.headers["Cache-Control"] = NO_STORE
    return BlockList(items=[moderation.block_read(session, b) for b in rows], next_cursor=next_cursor)


@moderation_router.post(
    "/blocks",
    response_model=BlockRead,
    status_code=201,
    summary="Block a person: their content in the municipality is hidden",
    responses=problem_responses(401, 403, 409, 422),
)
def create_block(response: Response, session: SessionDep, actor: Moderator, body: BlockCreate) -> BlockRead:
    row = moderation.block(session, actor=actor, data=body)
    response.headers["Cache-Control"] = NO_STORE
    return moderation.block_read(session, row)


@moderation_router.delete(
    "/blocks/{municipality}/{user_id}",
    status_code=204,
    summary="Lift a block",
    responses=problem_responses(401, 403, 404),
)
def delete_block(
    municipality: SlugPath, user_id: uuid.UUID, session: SessionDep, actor: Moderator
) -> Response:
    moderation.unblock(session, actor=actor, municipality=municipality, user_id=user_id)
    return Response(status_code=204)


# --- notifications -----------------------------------------------------------------------------


@notifications_router.get(
    "",
    response_model=NotificationList,
    summary="Your notifications, newest first",
    responses=problem_responses(400, 401, 403),
)
def list_notifications(
    request: Request,
    response: Response,
    session: SessionDep,
    actor: UserActor,
    locale: LocaleDep,
    page: PageDep,
    unread: Annotated[bool | None, Query(description="true: unread only; false: read only")] = None,
    kind: Annotated[str | None, Query(max_length=40, pattern=r"^[a-z0-9_]+$")] = None,
) -> NotificationList:
    rows, next_cursor = notifications.list_notifications(
        session, actor=actor, params=page, unread=unread, kind=kind
    )
    set_link_header(request, response, next_cursor)
    response.headers["Cache-Control"] = NO_STORE
    return NotificationList(items=[notifications.to_read(n, locale) for n in rows], next_cursor=next_cursor)


@notifications_router.get(
    "/summary",
    response_model=NotificationSummary,
    summary="How many unread",
    responses=problem_responses(401, 403),
)
def summary(response: Response, session: SessionDep, actor: UserActor) -> NotificationSummary:
    response.headers["Cache-Control"] = NO_STORE
    return NotificationSummary(unread=notifications.unread_count(session, actor=actor))


@notifications_router.post(
    "/read-all", response_model=MarkedRead, summary="Mark all as read", responses=problem_responses(401, 403)
)
def read_all(session: SessionDep, actor: UserActor) -> MarkedRead:
    return MarkedRead(updated=notifications.mark_all_read(session, actor=actor))


@notifications_router.post(
    "/{notification_id}/read",
    response_model=NotificationRead,
    summary="Mark as read",
    responses=problem_responses(401, 403, 404),
)
def mark_read(
    notification_id: uuid.UUID, response: Response, session: SessionDep, actor: UserActor, locale: LocaleDep
) -> NotificationRead:
    response.headers["Cache-Control"] = NO_STORE
    return notifications.to_read(
        notifications.mark(session, actor=actor, notification_id=notification_id, read=True), locale
    )


@notifications_router.post(
    "/{notification_id}/unread",
    response_model=NotificationRead,
    summary="Mark as unread",
    responses=problem_responses(401, 403, 404),
)
def mark_unread(
    notification_id: uuid.UUID, response: Response, session: SessionDep, actor: UserActor, locale: LocaleDep
) -> NotificationRead:
    response.headers["Cache-Control"] = NO_STORE
    return notifications.to_read(
        notifications.mark(session, actor=actor, notification_id=notification_id, read=False), locale
    )
