"""The notification centre: any domain calls :func:`notify` / :func:`notify_many` in its transaction.

A notification belongs to one person; its title and body are translation maps resolved when read,
so each person reads it in the language they choose. ``link`` is a web-app route (``/ideas/…``).
Each person's preference for the kind decides its delivery: ``in_app`` (the centre only),
``email`` (the centre and a mail soon after the commit), ``digest`` (the centre and the daily
digest mail), ``off`` (not created). Mail is written by the jobs in ``api.notifications.mail``.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from api.core.actor import Actor
from api.core.db import dialect_insert, found, utcnow
from api.core.i18n import LANGUAGES, Locale, resolve
from api.core.jobs import enqueue_after_commit
from api.core.pagination import PageParams, SortKey, finish, keyset
from api.notifications import scope
from api.notifications.centre.schemas import NotificationRead
from api.notifications.kinds import default_channel
from api.notifications.models import Notification, NotificationOnce, NotificationPreference

_table = Notification.__table__  # type: ignore[attr-defined]
MAIL_TASK = "notifications.mail"


def channels(session: Session, user_ids: Iterable[uuid.UUID], kind: str) -> dict[uuid.UUID, str]:
    """Each person's channel for ``kind`` (the kind's default when they chose nothing)."""
    ids = list(user_ids)
    chosen = dict(
        session.exec(
            select(NotificationPreference.user_id, NotificationPreference.channel).where(
                NotificationPreference.kind == kind, col(NotificationPreference.user_id).in_(ids)
            )
        ).all()
    )
    default = default_channel(kind)
    return {uid: chosen.get(uid, default) for uid in ids}


def _after(session: Session, deliveries: Iterable[str]) -> None:
    if "email" in deliveries:
        enqueue_after_commit(session, MAIL_TASK)


def _content(
    kind: str,
    title_translations: dict[str, str],
    link: str | None,
    body_translations: dict[str, str] | None,
    data: dict[str, Any] | None,
) -> dict[str, Any]:
    """What a notification says, the same for everyone it goes to."""
    return {
        "kind": kind[:40],
        "title": dict(title_translations),
        "body": dict(body_translations or {}),
        "link": link,
        "data": dict(data or {}),
    }


def notify(
    session: Session,
    *,
    user_id: uuid.UUID,
    kind: str,
    title_translations: dict[str, str],
    link: str | None = None,
    body_translations: dict[str, str] | None = None,
    data: dict[str, Any] | None = None,
) -> Notification | None:
    """Create one notification in the caller's transaction (it commits with the change it reports).

    None when the person turned this kind off."""
    channel = channels(session, [user_id], kind[:40])[user_id]
    if channel == "off":
        return None
    row = Notification(
        user_id=user_id, delivery=channel, **_content(kind, title_translations, link, body_translations, data)
    )
    session.add(row)
    _after(session, [channel])
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
    """The same notification for many people, in one multi-row INSERT (none for those who said off)."""
    now = utcnow()
    chosen = channels(session, dict.fromkeys(user_ids), kind[:40])
    content = _content(kind, title_translations, link, body_translations, data)
    rows = [
        {"id": uuid.uuid4(), "user_id": uid, "created_at": now, "delivery": channel, **content}
        for uid, channel in chosen.items()
        if channel != "off"
    ]
    if rows:
        session.execute(sa.insert(_table), rows)
        _after(session, chosen.values())
    return len(rows)


def notify_staff(
    session: Session,
    *,
    organization_id: uuid.UUID | None = None,
    municipality_id: uuid.UUID | None = None,
    kind: str,
    title_translations: dict[str, str],
    link: str | None = None,
    data: dict[str, Any] | None = None,
) -> int:
    """Notify an organisation's provider staff and/or a municipality's coordinators."""
    users: list[uuid.UUID] = []
    if organization_id is not None:
        users += session.exec(scope.provider_staff(organization_id)).all()
    if municipality_id is not None:
        users += session.exec(scope.coordinators(municipality_id)).all()
    return notify_many(
        session, user_ids=users, kind=kind, title_translations=title_translations, link=link, data=data
    )


def once(session: Session, key: str) -> bool:
    """True the first time ``key`` is seen (in this transaction's outcome): notices sent once."""
    table = NotificationOnce.__table__  # type: ignore[attr-defined]
    stmt = dialect_insert(session, table).values(key=key[:200], created_at=utcnow())
    # RETURNING, not rowcount: psycopg reports no row count for ON CONFLICT DO NOTHING.
    inserted = session.execute(stmt.on_conflict_do_nothing().returning(table.c.key)).first()
    return inserted is not None


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
    stmt = scope.readable_notifications(actor)
    if unread is not None:
        read_at = col(Notification.read_at)
        stmt = stmt.where(read_at.is_(None) if unread else read_at.is_not(None))
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
    stmt = scope.readable_notifications(actor).where(Notification.id == notification_id)
    return found(session, stmt, "notification")


def mark(row: Notification, *, read: bool) -> Notification:
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
