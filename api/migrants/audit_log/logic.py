"""`GET /audit`: the append-only audit log, read-only. Admins read everything; a coordinator reads
its municipality's entries. There is deliberately no route that writes, changes or deletes.

Every filter combines with AND: record type and id, the person the entry is about (subject), the
actor, the action, the purpose, and a time window [from, to)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col

from api.core.actor import Actor
from api.core.models import AuditEntry
from api.core.pagination import PageParams, SortKey, finish, keyset
from api.migrants import scope
from api.migrants.schemas import AuditRead


@dataclass(frozen=True)
class AuditFilter:
    record_type: str | None = None
    record_id: str | None = None
    subject_id: uuid.UUID | None = None
    actor_id: str | None = None
    action: str | None = None
    purpose: str | None = None
    since: datetime | None = None
    until: datetime | None = None


def entry_read(e: AuditEntry) -> AuditRead:
    return AuditRead.model_validate(e, from_attributes=True)


def search(
    session: Session, *, actor: Actor, params: PageParams, where: AuditFilter
) -> tuple[list[AuditRead], str | None]:
    stmt = scope.visible_audit(actor)
    equal = [
        (AuditEntry.record_type, where.record_type),
        (AuditEntry.record_id, where.record_id),
        (AuditEntry.subject_id, where.subject_id),
        (AuditEntry.actor_id, where.actor_id),
        (AuditEntry.action, where.action),
        (AuditEntry.purpose, where.purpose),
    ]
    for column, value in equal:
        if value not in (None, ""):
            stmt = stmt.where(col(column) == value)
    if where.since is not None:
        stmt = stmt.where(col(AuditEntry.at) >= where.since)
    if where.until is not None:
        stmt = stmt.where(col(AuditEntry.at) < where.until)
    keys = [SortKey(col(AuditEntry.at), descending=True), SortKey(col(AuditEntry.id), descending=True)]
    rows = session.exec(keyset(stmt, keys=keys, params=params)).all()
    page, next_cursor = finish(rows, params=params, key_of=lambda e: [e.at, e.id])
    return [entry_read(e) for e in page], next_cursor
