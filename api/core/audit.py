"""The audit log: who read or changed what, when and why. Entries hold ids, never personal data."""

from __future__ import annotations

import uuid
from typing import Any

from sqlmodel import Session

from api.core.actor import Actor
from api.core.logging import current_request_id
from api.core.models import AuditEntry


def record(
    session: Session,
    *,
    actor: Actor,
    action: str,
    record_type: str,
    record_id: uuid.UUID | str,
    municipality_id: uuid.UUID | None = None,
    subject_id: uuid.UUID | None = None,
    purpose: str | None = None,
    details: dict[str, Any] | None = None,
) -> AuditEntry:
    """Add an entry to the request's transaction: it commits with the change it describes."""
    entry = AuditEntry(
        actor_kind=actor.kind,
        actor_id=actor.audit_id,
        actor_role=actor.role,
        municipality_id=municipality_id,
        action=action,
        record_type=record_type,
        record_id=str(record_id),
        subject_id=subject_id,
        purpose=purpose,
        request_id=current_request_id(),
        details=details or {},
    )
    session.add(entry)
    return entry


def record_of(
    session: Session,
    row: Any,
    *,
    actor: Actor,
    action: str,
    record_type: str,
    subject_id: uuid.UUID | None = None,
    purpose: str | None = None,
    details: dict[str, Any] | None = None,
) -> AuditEntry:
    """``record`` for a row of a municipality: its id and its municipality are the entry's."""
    return record(
        session,
        actor=actor,
        action=action,
        record_type=record_type,
        record_id=row.id,
        municipality_id=row.municipality_id,
        subject_id=subject_id,
        purpose=purpose,
        details=details,
    )
