"""Cases: one open case per person and municipality, its coordinator, needs and timeline."""

from __future__ import annotations

import uuid
from typing import Any

from sqlmodel import Session, col, select

from api.accounts.models import User
from api.core.actor import Actor
from api.core.db import utcnow
from api.core.errors import conflict, not_found, unprocessable
from api.core.i18n import Locale
from api.core.pagination import PageParams, SortKey, finish, keyset
from api.migrants import people, vocab
from api.migrants.models import Case, CaseEvent, Need, Person
from api.migrants.schemas import CaseEventRead, CaseRead, NeedRead

RECORD = "migrant_case"


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


def check_coordinator(session: Session, coordinator_id: uuid.UUID, municipality_id: uuid.UUID) -> uuid.UUID:
    user = session.get(User, coordinator_id)
    if (
        user is None
        or user.role != "coordinator"
        or user.municipality_id != municipality_id
        or not user.is_active
    ):
        raise unprocessable(
            "The coordinator must be an active coordinator of this municipality.",
            errors=[
                {"loc": ["body", "coordinator_id"], "msg": "not a coordinator here", "type": "value_error"}
            ],
        )
    return coordinator_id


def default_coordinator(actor: Actor) -> uuid.UUID | None:
    return actor.id if actor.kind == "user" and actor.role == "coordinator" else None


def open_new(
    session: Session,
    *,
    actor: Actor,
    person: Person,
    coordinator_id: uuid.UUID | None,
    needs: list[str] | None = None,
) -> Case:
    if person.anonymised_at is not None:
        raise conflict("This person's data was erased.", slug="erased")
    if people.open_case(session, person) is not None:
        raise conflict("The person already has an open case in this municipality.", slug="case-open")
    if coordinator_id is not None:
        check_coordinator(session, coordinator_id, person.municipality_id)
    case = Case(person_id=person.id, municipality_id=person.municipality_id, coordinator_id=coordinator_id)
    session.add(case)
    session.flush()
    person.case_open = True
    person.coordinator_id = coordinator_id
    session.add(person)
    event(session, case=case, kind="case_opened", actor=actor)
    for code in dict.fromkeys(needs or []):
        vocab.check_need(code, loc=["body", "needs"])
        session.add(Need(case_id=case.id, code=code))
    session.flush()
    people.audit(
        session,
        actor=actor,
        action="create",
        record_type=RECORD,
        record_id=case.id,
        subject_id=person.id,
        municipality_id=person.municipality_id,
    )
    return case


def readable_case(actor: Actor) -> list[Any]:
    municipality_id = people.staff_municipality(actor)
    if municipality_id is None or actor.kind != "user":
        return [col(Case.id).is_(None)]
    return [col(Case.municipality_id) == municipality_id]


def get(session: Session, *, actor: Actor, case_id: uuid.UUID) -> Case:
    case = session.exec(select(Case).where(Case.id == case_id, *readable_case(actor))).first()
    if case is None:
        raise not_found("case")
    return case


def needs_of(session: Session, case: Case) -> list[Need]:
    return list(
        session.exec(
            select(Need).where(Need.case_id == case.id).order_by(col(Need.created_at), col(Need.code))
        ).all()
    )


def need_read(need: Need, locale: Locale) -> NeedRead:
    ref = vocab.needs().get(need.code)
    return NeedRead(
        id=need.id,
        code=need.code,
        name=locale.text(ref.name) if ref else None,
        categories=list(ref.categories) if ref else [],
        priority=need.priority,
        status=need.status,
        note=need.note,
        version=need.version,
        updated_at=need.updated_at,
    )


def to_read(session: Session, case: Case, locale: Locale) -> CaseRead:
    return CaseRead(
        id=case.id,
        person_id=case.person_id,
        status=case.status,
        coordinator_id=case.coordinator_id,
        opened_at=case.opened_at,
        closed_at=case.closed_at,
        close_reason=case.close_reason,
        package_applied_at=case.package_applied_at,
        needs=[need_read(n, locale) for n in needs_of(session, case)],
        version=case.version,
    )


def read(session: Session, *, actor: Actor, case: Case, locale: Locale) -> CaseRead:
    people.audit(
        session,
        actor=actor,
        action="read",
        record_type=RECORD,
        record_id=case.id,
        subject_id=case.person_id,
        municipality_id=case.municipality_id,
    )
    return to_read(session, case, locale)


def _person(session: Session, case: Case) -> Person:
    person = session.get(Person, case.person_id)
    assert person is not None
    return person


def close(session: Session, *, actor: Actor | None, case: Case, reason: str | None) -> None:
    case.status = "closed"
    case.closed_at = utcnow()
    case.close_reason = reason
    case.version += 1
    case.updated_at = utcnow()
    session.add(case)
    person = _person(session, case)
    if person.municipality_id == case.municipality_id:
        person.case_open = False
        person.coordinator_id = None
        session.add(person)
    event(session, case=case, kind="case_closed", actor=actor, details={"reason": reason} if reason else {})
    from api.migrants import mentors

    if actor is not None:
        mentors.end_for_case(session, actor=actor, case=case, reason="case closed")


def update(
    session: Session,
    *,
    actor: Actor,
    case: Case,
    coordinator_id: uuid.UUID | None,
    status: str | None,
    close_reason: str | None,
    fields: set[str],
) -> Case:
    person = _person(session, case)
    if "coordinator_id" in fields and coordinator_id != case.coordinator_id:
        if coordinator_id is not None:
            check_coordinator(session, coordinator_id, case.municipality_id)
        case.coordinator_id = coordinator_id
        if case.status == "open":
            person.coordinator_id = coordinator_id
            session.add(person)
        event(session, case=case, kind="coordinator_changed", actor=actor)
        case.version += 1
        case.updated_at = utcnow()
    if status == "closed" and case.status == "open":
        close(session, actor=actor, case=case, reason=close_reason)
    elif status == "open" and case.status == "closed":
        if person.anonymised_at is not None or person.municipality_id != case.municipality_id:
            raise conflict("This case cannot be reopened.", slug="case-locked")
        if people.open_case(session, person) is not None:
            raise conflict("The person already has an open case in this municipality.", slug="case-open")
        case.status, case.closed_at, case.close_reason = "open", None, None
        case.version += 1
        case.updated_at = utcnow()
        person.case_open, person.coordinator_id = True, case.coordinator_id
        session.add(person)
        event(session, case=case, kind="case_reopened", actor=actor)
    session.add(case)
    session.flush()
    people.audit(
        session,
        actor=actor,
        action="update",
        record_type=RECORD,
        record_id=case.id,
        subject_id=case.person_id,
        municipality_id=case.municipality_id,
        details={"fields": sorted(fields)},
    )
    return case


def add_need(
    session: Session, *, actor: Actor, case: Case, code: str, priority: str, note: str | None
) -> Need:
    vocab.check_need(code, loc=["body", "code"])
    if case.status != "open":
        raise conflict("The case is closed.", slug="case-closed")
    exists = session.exec(select(Need).where(Need.case_id == case.id, Need.code == code)).first()
    if exists is not None:
        raise conflict("The case already has this need.", slug="need-exists")
    need = Need(case_id=case.id, code=code, priority=priority, note=note)
    session.add(need)
    event(session, case=case, kind="need_added", actor=actor, details={"need": code})
    _touch(session, actor, case, "add_need")
    session.flush()
    return need


def ensure_need(session: Session, *, case: Case, code: str) -> Need:
    need = session.exec(select(Need).where(Need.case_id == case.id, Need.code == code)).first()
    if need is None:
        need = Need(case_id=case.id, code=code)
        session.add(need)
        session.flush()
    return need


def get_need(session: Session, *, case: Case, need_id: uuid.UUID) -> Need:
    need = session.exec(select(Need).where(Need.id == need_id, Need.case_id == case.id)).first()
    if need is None:
        raise not_found("need")
    return need


def update_need(session: Session, *, actor: Actor, case: Case, need: Need, values: dict[str, Any]) -> Need:
    changed = False
    for key, value in values.items():
        if value is None and key != "note":
            continue
        if getattr(need, key) != value:
            setattr(need, key, value)
            changed = True
    if changed:
        need.version += 1
        need.updated_at = utcnow()
        session.add(need)
        if values.get("status"):
            event(
                session,
                case=case,
                kind="need_status",
                actor=actor,
                details={"need": need.code, "status": need.status},
            )
        _touch(session, actor, case, "update_need")
    session.flush()
    return need


def _touch(session: Session, actor: Actor, case: Case, action: str) -> None:
    people.audit(
        session,
        actor=actor,
        action=action,
        record_type=RECORD,
        record_id=case.id,
        subject_id=case.person_id,
        municipality_id=case.municipality_id,
    )


def add_note(session: Session, *, actor: Actor, case: Case, text: str) -> CaseEvent:
    row = event(session, case=case, kind="note", actor=actor, text=text)
    _touch(session, actor, case, "add_note")
    session.flush()
    return row


def timeline(
    session: Session, *, actor: Actor, case: Case, params: PageParams
) -> tuple[list[CaseEventRead], str | None]:
    keys = [SortKey(col(CaseEvent.at), descending=True), SortKey(col(CaseEvent.id), descending=True)]
    stmt = keyset(select(CaseEvent).where(CaseEvent.case_id == case.id), keys=keys, params=params)
    rows, next_cursor = finish(session.exec(stmt).all(), params=params, key_of=lambda e: [e.at, e.id])
    _touch(session, actor, case, "read_timeline")
    return [event_read(e) for e in rows], next_cursor


def event_read(e: CaseEvent) -> CaseEventRead:
    return CaseEventRead(id=e.id, at=e.at, kind=e.kind, text=e.text, actor_id=e.actor_id, details=e.details)


def cases_of(session: Session, person: Person) -> list[Case]:
    return list(
        session.exec(select(Case).where(Case.person_id == person.id).order_by(col(Case.opened_at))).all()
    )
