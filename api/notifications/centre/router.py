"""HTTP routes of the notification centre: yours, newest first; unread count; marking read or unread."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, Response

from api.accounts.deps import UserActor
from api.core.db import SessionDep
from api.core.http import NoStore, op, page_response
from api.core.i18n import LocaleDep
from api.core.pagination import PageDep
from api.notifications import logic as notifications
from api.notifications.centre.schemas import (
    MarkedRead,
    NotificationList,
    NotificationRead,
    NotificationSummary,
)
from api.notifications.models import Notification

router = APIRouter(prefix="/notifications", tags=["notifications"], dependencies=[NoStore])


def _own(notification_id: uuid.UUID, session: SessionDep, actor: UserActor) -> Notification:
    return notifications.get_own(session, actor=actor, notification_id=notification_id)


OwnNotification = Annotated[Notification, Depends(_own)]


@router.get("", **op(NotificationList, "Your notifications, newest first", (400, 401, 403)))
def list_notifications(
    request: Request,
    response: Response,
    session: SessionDep,
    actor: UserActor,
    locale: LocaleDep,
    page: PageDep,
    unread: Annotated[bool | None, Query(description="true: unread only; false: read only")] = None,
    kind: Annotated[str | None, Query(max_length=40, pattern=r"^[a-z0-9_]+$")] = None,
) -> Response:
    rows, next_cursor = notifications.list_notifications(
        session, actor=actor, params=page, unread=unread, kind=kind
    )
    items = [notifications.to_read(n, locale) for n in rows]
    return page_response(request, response, NotificationList(items=items, next_cursor=next_cursor))


@router.get("/summary", **op(NotificationSummary, "How many unread", (401, 403)))
def summary(session: SessionDep, actor: UserActor) -> NotificationSummary:
    return NotificationSummary(unread=notifications.unread_count(session, actor=actor))


@router.post("/read-all", **op(MarkedRead, "Mark all as read", (401, 403)))
def read_all(session: SessionDep, actor: UserActor) -> MarkedRead:
    return MarkedRead(updated=notifications.mark_all_read(session, actor=actor))


@router.post("/{notification_id}/read", **op(NotificationRead, "Mark as read", (401, 403, 404)))
def mark_read(row: OwnNotification, locale: LocaleDep) -> NotificationRead:
    return notifications.to_read(notifications.mark(row, read=True), locale)


@router.post("/{notification_id}/unread", **op(NotificationRead, "Mark as unread", (401, 403, 404)))
def mark_unread(row: OwnNotification, locale: LocaleDep) -> NotificationRead:
    return notifications.to_read(notifications.mark(row, read=False), locale)
