"""Audit entries of the one-stop shop: every read or change of a person's record says who, when,
what and why (the purpose). Entries hold ids only, so erasure keeps them."""

from __future__ import annotations

import uuid
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session

from api.core import audit as core_audit
from api.core.actor import Actor
from api.core.db import utcnow
from api.core.logging import current_request_id
from api.core.models import AuditEntry
from api.migrants.models import Person

PERSON = "migrant_person"
CASE = "migrant_case"
REFERRAL = "referral"
TRANSFER = "migrant_transfer"
PACKAGE = "returnee_package"


def audit(
    session: Session,
    actor: Actor,
    action: str,
    record_type: str,
    record_id: uuid.UUID,
    subject_id: uuid.UUID | None,
    municipality_id: uuid.UUID | None,
    purpose: str = "case_management",
    details: dict[str, Any] | None = None,
) -> None:
    """One entry: who (actor), did what (action) to which record, about whom (subject), why."""
    core_audit.record(
        session,
        actor=actor,
        action=action,
        record_type=record_type,
        record_id=record_id,
        municipality_id=municipality_id,
        subject_id=subject_id,
        purpose=purpose,
        details=details,
    )


def audit_many(
    session: Session,
    actor: Actor,
    record_type: str,
    rows: list[tuple[uuid.UUID, uuid.UUID, uuid.UUID]],
    purpose: str = "case_management",
    action: str = "list",
) -> None:
    """One entry per record listed, in one INSERT: (record id, subject id, municipality id)."""
    if not rows:
        return
    now = utcnow()
    request_id = current_request_id()
    session.execute(
        sa.insert(AuditEntry.__table__),  # type: ignore[attr-defined]  # core insert: no ORM bookkeeping
        [
            {
                "id": uuid.uuid4(),
                "at": now,
                "actor_kind": actor.kind,
                "actor_id": actor.audit_id,
                "actor_role": actor.role,
                "municipality_id": municipality_id,
                "action": action,
                "record_type": record_type,
                "record_id": str(record_id),
                "subject_id": subject_id,
                "purpose": purpose,
                "request_id": request_id,
                "details": {},
            }
            for record_id, subject_id, municipality_id in rows
        ],
    )


def audit_read(
    session: Session,
    *,
    actor: Actor,
    person: Person,
    action: str = "read",
    details: dict[str, Any] | None = None,
    purpose: str = "case_management",
) -> None:
    """An entry about the person's own record (read, change, consent, special notes…)."""
    audit(session, actor, action, PERSON, person.id, person.id, person.municipality_id, purpose, details)
