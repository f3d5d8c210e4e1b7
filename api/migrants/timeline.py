"""A case's timeline: events the system records (opened, need added, referral moved…) and notes."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, col, select

from api.core.actor import Actor
from api.core.pagination import PageParams, SortKey, finish, keyset
from api.migrants.audit import CASE, audit
from api.migrants.models import Case, CaseEvent
from api.migrants.schemas import CaseEventRead


def event(
    session: Session,
    *,
    case: Case,
    kind: str,
    actor: Actor | None = None,
    text: str | None = None,
    details: dict[str, Any] | None = None,
) -> CaseEvent:
    row = CaseEvent(
        case_id=case.id,
        kind=kind,
        text=text,
        actor_id=actor.audit_id if actor else None,
        details=details or {},
    )
    session.add(row)
    return row


def event_read(e: CaseEvent) -> CaseEventRead:
    return CaseEventRead(id=e.id, at=e.at, kind=e.kind, text=e.text, actor_id=e.actor_id, details=e.details)


def touch(
    session: Session,
    actor: Actor,
    case: Case,
    action: str,
    details: dict[str, Any] | None = None,
    purpose: str = "case_management",
) -> None:
    """An audit entry about the case (and so about its person)."""
    audit(session, actor, action, CASE, case.id, case.person_id, case.municipality_id, purpose, details)


def add_note(session: Session, *, actor: Actor, case: Case, text: str) -> CaseEventRead:
    row = event(session, case=case, kind="note", actor=actor, text=text)
    touch(session, actor, case, "add_note")
    session.flush()
    return event_read(row)


def timeline(
    session: Session, *, actor: Actor, case: Case, params: PageParams
) -> tuple[list[CaseEventRead], str | None]:
    keys = [SortKey(col(CaseEvent.at), descending=True), SortKey(col(CaseEvent.id), descending=True)]
    stmt = keyset(select(CaseEvent).where(CaseEvent.case_id == case.id), keys=keys, params=params)
    rows, next_cursor = finish(session.exec(stmt).all(), params=params, key_of=lambda e: [e.at, e.id])
    touch(session, actor, case, "read_timeline")
    return [event_read(e) for e in rows], next_cursor


def events_of(session: Session, case_ids: list[Any]) -> list[CaseEventRead]:
    if not case_ids:
        return []
    rows = session.exec(
        select(CaseEvent).where(col(CaseEvent.case_id).in_(case_ids)).order_by(col(CaseEvent.at))
    ).all()
    return [event_read(e) for e in rows]
