"""In-app notifications, generic: any domain may call :func:`notify` (e.g. expert invitations).

A notification belongs to one person; its title and body are translation maps resolved when read,
so each person reads it in the language they choose. ``link`` is a web-app route (``#/ideas/…``).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from api.core.actor import Actor
from api.core.db import utcnow
from api.core.errors import not_found
from api.core.i18n import LANGUAGES, Locale, resolve
from api.core.pagination import PageParams, SortKey, finish, keyset
from api.ideas.models import IdeaFollow, Notification
from api.ideas.notifications.schemas import NotificationRead

_table = Notification.__table__  # type: ignore[attr-defined]


def notify(
    session: Session,
    *,
    user_id: uuid.UUID,
    kind: str,
    title_translations: dict[str, str],
    link: str | None = None,
    body_translations: dict[str, str] | None = None,
    data: dict[str, Any] | None = None,
) -> Notification:
    """Create one notification in the caller's transaction (it commits with the change it reports)."""
    row = Notification(
        user_id=user_id,
        kind=kind[:40],
        title=dict(title_translations),
        body=dict(body_translations or {}),
        link=link,
        data=dict(data or {}),
    )
    session.add(row)
    return row


def notify_many(
    session: Session,
    *,
    user_ids: Iterable[uuid.UUID],
    kind: str,
    title_translations: dict[str, str],
    link: str | None = None,
    body_translations: dict[str, str] | None = None,
    data: dict[str, Any] | None = None,
) -> int:
    """The same notification for many people, in one multi-row INSERT."""
    now = utcnow()
    rows = [
        {
            "id": uuid.uuid4(),
            "user_id": uid,
            "kind": kind[:40],
            "title": dict(title_translations),
            "body": dict(body_translations or {}),
            "link": link,
            "data": dict(data or {}),
            "created_at": now,
        }
        for uid in dict.fromkeys(user_ids)
    ]
    if rows:
        session.execute(sa.insert(_table), rows)
    return len(rows)


def followers(
    session: Session, idea_id: uuid.UUID, *, exclude: Iterable[uuid.UUID | None] = ()
) -> list[uuid.UUID]:
    skip = {u for u in exclude if u is not None}
    ids = session.exec(select(IdeaFollow.user_id).where(IdeaFollow.idea_id == idea_id)).all()
    return [u for u in ids if u not in skip]


def template(texts: dict[str, str], title: dict[str, str] | None = None, **params: Any) -> dict[str, str]:
    """Fill ``{title}`` (resolved per language from a translation map) and other params."""
    out = {}
    for lang in LANGUAGES:
        if lang not in texts:
            continue
        values = {k: (resolve(v, lang) if isinstance(v, dict) else v) for k, v in params.items()}
        if title is not None:
            values["title"] = resolve(title, lang) or ""
        out[lang] = texts[lang].format(**values)
    return out


# --- reading ----------------------------------------------------------------------------------------


def to_read(n: Notification, locale: Locale) -> NotificationRead:
    return NotificationRead(
        id=n.id,
        kind=n.kind,
        title=locale.text(n.title),
        body=locale.text(n.body) if n.body else (None if not locale.all_translations else {}),
        link=n.link,
        data=n.data,
        created_at=n.created_at,
        read_at=n.read_at,
        read=n.read_at is not None,
    )


def list_notifications(
    session: Session, *, actor: Actor, params: PageParams, unread: bool | None, kind: str | None
) -> tuple[list[Notification], str | None]:
    stmt = select(Notification).where(Notification.user_id == actor.id)
    if unread is True:
        stmt = stmt.where(col(Notification.read_at).is_(None))
    elif unread is False:
        stmt = stmt.where(col(Notification.read_at).is_not(None))
    if kind:
        stmt = stmt.where(Notification.kind == kind)
    keys = [SortKey(Notification.created_at, descending=True), SortKey(Notification.id, descending=True)]
    rows = list(session.exec(keyset(stmt, keys=keys, params=params)).all())
    return finish(rows, params=params, key_of=lambda n: [n.created_at, n.id])


def unread_count(session: Session, *, actor: Actor) -> int:
    return int(
        session.execute(
            sa.select(sa.func.count())
            .select_from(_table)
            .where(_table.c.user_id == actor.id, _table.c.read_at.is_(None))
        ).scalar_one()
    )


def get_own(session: Session, *, actor: Actor, notification_id: uuid.UUID) -> Notification:
    row = session.get(Notification, notification_id)
    if row is None or row.user_id != actor.id:
        raise not_found("notification")
    return row


def mark(session: Session, *, actor: Actor, notification_id: uuid.UUID, read: bool) -> Notification:
    row = get_own(session, actor=actor, notification_id=notification_id)
    if read and row.read_at is None:
        row.read_at = utcnow()
    elif not read:
        row.read_at = None
    return row


def mark_all_read(session: Session, *, actor: Actor, before: datetime | None = None) -> int:
    stmt = sa.update(_table).where(_table.c.user_id == actor.id, _table.c.read_at.is_(None))
    if before is not None:
        stmt = stmt.where(_table.c.created_at <= before)
    result = session.execute(stmt.values(read_at=utcnow()))
    return int(result.rowcount or 0)  # type: ignore[attr-defined]
