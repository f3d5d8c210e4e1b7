"""Cases: one open case per person and municipality, its coordinator and needs. Opening a case
applies the returnee package (see :mod:`api.migrants.package.logic`, which calls :func:`open_new`)."""

from __future__ import annotations

import uuid
from typing import Any

from sqlmodel import Session, col, select

from api.accounts.models import User
from api.core.actor import Actor
from api.core.conditional import IfMatch, check, claim
from api.core.db import found, utcnow
from api.core.errors import conflict, unprocessable
from api.core.i18n import Locale
from api.migrants import scope, vocab
from api.migrants.cases.schemas import CaseRead, CaseUpdate, NeedRead
from api.migrants.mentors.logic import end_for_case
from api.migrants.models import Case, Need, Person
from api.migrants.people.logic import open_case, refuse_erased
from api.migrants.timeline import event, touch


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


def _refuse_second_open_case(session: Session, person: Person) -> None:
    if open_case(session, person) is not None:
        raise conflict("The person already has an open case in this municipality.", slug="case-open")


def open_new(
    session: Session,
    *,
    actor: Actor,
    person: Person,
    coordinator_id: uuid.UUID | None,
    needs: list[str] | None = None,
) -> Case:
    refuse_erased(person)
    _refuse_second_open_case(session, person)
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
    touch(session, actor, case, "create")
    return case


def get(session: Session, *, actor: Actor, case_id: uuid.UUID) -> Case:
    return found(session, scope.readable_cases(actor).where(Case.id == case_id), "case")


def needs_of(session: Session, case: Case) -> list[Need]:
    return list(
        session.exec(
            select(Need).where(Need.case_id == case.id).order_by(col(Need.created_at), col(Need.code))
        ).all()
    )


def need_read(need: Need, locale: Locale) -> NeedRead:
    ref = vocab.needs().get(need.code)
    named = {
        "name": locale.text(ref.name) if ref else None,
        "categories": list(ref.categories) if ref else [],
    }
    return NeedRead.model_validate({**need.model_dump(), **named})


def to_read(session: Session, case: Case, locale: Locale) -> CaseRead:
    needs = [need_read(n, locale) for n in needs_of(session, case)]
    return CaseRead.model_validate({**case.model_dump(), "needs": needs})


def read(session: Session, *, actor: Actor, case: Case, locale: Locale) -> CaseRead:
    touch(session, actor, case, "read")
    return to_read(session, case, locale)


def _person(session: Session, case: Case) -> Person:
    person = session.get(Person, case.person_id)
    assert person is not None
    return person


def close(
    session: Session, *, actor: Actor | None, case: Case, reason: str | None, if_match: IfMatch | None = None
) -> None:
    """Close the case; the person leaves the coordinator's open list and their mentors are thanked."""
    claim(session, case, if_match)
    case.status = "closed"
    case.closed_at = utcnow()
    case.close_reason = reason
    case.updated_at = utcnow()
    session.add(case)
    person = _person(session, case)
    if scope.lives_in(person, case.municipality_id):
        person.case_open = False
        person.coordinator_id = None
        session.add(person)
    event(session, case=case, kind="case_closed", actor=actor, details={"reason": reason} if reason else {})
    if actor is not None:
        end_for_case(session, actor=actor, case=case, reason="case closed")


def update(session: Session, *, actor: Actor, case: Case, if_match: IfMatch, data: CaseUpdate) -> Case:
    """Change the coordinator, close or reopen. Each change is one version step; the first one
    checks the client's If-Match, the next ones follow from it."""
    check(if_match, case.version)
    coordinator_id, status, fields = data.coordinator_id, data.status, set(data.model_fields_set)
    person = _person(session, case)
    precondition: IfMatch | None = if_match
    if "coordinator_id" in fields and coordinator_id != case.coordinator_id:
        if coordinator_id is not None:
            check_coordinator(session, coordinator_id, case.municipality_id)
        claim(session, case, precondition)
        precondition = None
        case.coordinator_id = coordinator_id
        if case.status == "open":
            person.coordinator_id = coordinator_id
            session.add(person)
        event(session, case=case, kind="coordinator_changed", actor=actor)
        case.updated_at = utcnow()
    if status == "closed" and case.status == "open":
        close(session, actor=actor, case=case, reason=data.close_reason, if_match=precondition)
        precondition = None
    elif status == "open" and case.status == "closed":
        if person.anonymised_at is not None or not scope.lives_in(person, case.municipality_id):
            raise conflict("This case cannot be reopened.", slug="case-locked")
        _refuse_second_open_case(session, person)
        claim(session, case, precondition)
        precondition = None
        case.status, case.closed_at, case.close_reason = "open", None, None
        case.updated_at = utcnow()
        person.case_open, person.coordinator_id = True, case.coordinator_id
        session.add(person)
        event(session, case=case, kind="case_reopened", actor=actor)
    session.add(case)
    session.flush()
    touch(session, actor, case, "update", {"fields": sorted(fields)})
    return case


def add_need(
    session: Session, *, actor: Actor, case: Case, code: str, priority: str, note: str | None
) -> Need:
    vocab.check_need(code, loc=["body", "code"])
    if case.status != "open":
        raise conflict("The case is closed.", slug="case-closed")
    if _find_need(session, case, code) is not None:
        raise conflict("The case already has this need.", slug="need-exists")
    need = Need(case_id=case.id, code=code, priority=priority, note=note)
    session.add(need)
    event(session, case=case, kind="need_added", actor=actor, details={"need": code})
    touch(session, actor, case, "add_need")
    session.flush()
    return need


def _find_need(session: Session, case: Case, code: str) -> Need | None:
    return session.exec(select(Need).where(Need.case_id == case.id, Need.code == code)).first()


def ensure_need(session: Session, *, case: Case, code: str) -> Need:
    need = _find_need(session, case, code)
    if need is None:
        need = Need(case_id=case.id, code=code)
        session.add(need)
        session.flush()
    return need


def get_need(session: Session, *, case: Case, need_id: uuid.UUID) -> Need:
    return found(session, select(Need).where(Need.id == need_id, Need.case_id == case.id), "need")


def update_need(
    session: Session,
    *,
    actor: Actor,
    case: Case,
    need_id: uuid.UUID,
    if_match: IfMatch,
    values: dict[str, Any],
) -> Need:
    need = get_need(session, case=case, need_id=need_id)
    check(if_match, need.version)
    changes = {k: v for k, v in values.items() if (v is not None or k == "note") and getattr(need, k) != v}
    if not changes:
        return need
    claim(session, need, if_match)
    for key, value in changes.items():
        setattr(need, key, value)
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
    touch(session, actor, case, "update_need")
    session.flush()
    return need
