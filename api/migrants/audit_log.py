"""`GET /audit`: the append-only audit log, read-only. Admins read everything; a coordinator reads
its municipality's entries. There is deliberately no route that writes, changes or deletes."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import sqlalchemy as sa
from sqlmodel import Session, col, select

from api.core.actor import Actor
from api.core.models import AuditEntry
from api.core.pagination import PageParams, SortKey, finish, keyset
from api.migrants.gdpr import audit_read
from api.migrants.schemas import AuditRead


def visible(actor: Actor) -> list[sa.ColumnElement[bool]]:
    if actor.is_admin:
        return []
    if actor.kind == "user" and actor.role == "coordinator" and actor.municipality_id:
        return [col(AuditEntry.municipality_id) == actor.municipality_id]
    return [sa.false()]


def search(
    session: Session,
    *,
    actor: Actor,
    params: PageParams,
    record_type: str | None,
    record_id: str | None,
    subject_id: uuid.UUID | None,
    actor_id: str | None,
    since: datetime | None,
    until: datetime | None,
) -> tuple[list[AuditRead], str | None]:
    stmt = select(AuditEntry).where(*visible(actor))
    if record_type:
        stmt = stmt.where(AuditEntry.record_type == record_type)
    if record_id:
        stmt = stmt.where(AuditEntry.record_id == record_id)
    if subject_id:
        stmt = stmt.where(AuditEntry.subject_id == subject_id)
    if actor_id:
        stmt = stmt.where(AuditEntry.actor_id == actor_id)
    since, until = _utc(since), _utc(until)
    if since:
        stmt = stmt.where(col(AuditEntry.at) >= since)
    if until:
        stmt = stmt.where(col(AuditEntry.at) < until)
    keys = [SortKey(col(AuditEntry.at), descending=True), SortKey(col(AuditEntry.id), descending=True)]
    rows = session.exec(keyset(stmt, keys=keys, params=params)).all()
    page, next_cursor = finish(rows, params=params, key_of=lambda e: [e.at, e.id])
    return [audit_read(e) for e in page], next_cursor


def _utc(moment: datetime | None) -> datetime | None:
    if moment is not None and moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment
