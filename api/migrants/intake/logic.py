"""Intake read-back: the status of the people a municipality's intake made, found by their
``external_ref`` (the case and the referrals, no names), the list a municipal system syncs from,
and the change of the person's non-identifying intake fields. Every read is audited."""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime
from typing import Literal

from sqlmodel import Session, col, select

from api.core.actor import Actor
from api.core.conditional import IfMatch
from api.core.db import found
from api.core.pagination import PageParams, SortKey, finish, keyset
from api.migrants import scope
from api.migrants.audit import PERSON, audit_many, audit_read
from api.migrants.intake.schemas import IntakeCase, IntakeReferral, IntakeStatus, IntakeUpdate
from api.migrants.models import Case, Person, Referral
from api.migrants.people.logic import update_person
from api.migrants.people.schemas import PersonUpdate

SORT = "external_ref"
KEYS = (SortKey(col(Person.external_ref)), SortKey(col(Person.id)))


def get(session: Session, *, actor: Actor, external_ref: str, for_update: bool = False) -> Person:
    stmt = scope.intake_people(actor).where(col(Person.external_ref) == external_ref.strip())
    return found(session, stmt.with_for_update() if for_update else stmt, "intake record")


def _shown_case(cases: Sequence[Case]) -> IntakeCase | None:
    """The open case, else the most recently opened one."""
    if not cases:
        return None
    case = max(cases, key=lambda c: (c.status == "open", c.opened_at))
    return IntakeCase(
        id=case.id,
        status="open" if case.status == "open" else "closed",
        opened_at=case.opened_at,
        closed_at=case.closed_at,
    )


def _status(person: Person, cases: Sequence[Case], referrals: Sequence[Referral]) -> IntakeStatus:
    shown = [
        IntakeReferral(id=r.id, state=r.status, service_id=r.service_id, need=r.need, updated_at=r.updated_at)
        for r in sorted(referrals, key=lambda r: (r.created_at, r.id))
    ]
    return IntakeStatus.model_validate(
        {**person.model_dump(), "case": _shown_case(cases), "referrals": shown}
    )


def to_status(session: Session, person: Person) -> IntakeStatus:
    cases = session.exec(scope.person_cases(person)).all()
    referrals = session.exec(scope.person_referrals(person)).all()
    return _status(person, cases, referrals)


def read(session: Session, *, actor: Actor, person: Person) -> IntakeStatus:
    audit_read(session, actor=actor, person=person, action="read", details={"via": "intake"})
    return to_status(session, person)


def statuses(
    session: Session,
    *,
    actor: Actor,
    params: PageParams,
    modified_after: datetime | None = None,
    case_status: Literal["open", "closed"] | None = None,
) -> tuple[list[IntakeStatus], str | None]:
    """One page of the client's intake people in ``external_ref`` order (keyset), with their
    cases and referrals fetched in one query each for the whole page."""
    stmt = scope.intake_people(actor)
    mid = actor.municipality_id
    if mid is not None and modified_after is not None:
        stmt = stmt.where(scope.changed_after(mid, modified_after))
    if mid is not None and case_status is not None:
        stmt = stmt.where(col(Person.case_open).is_(case_status == "open"))
        if case_status == "closed":
            stmt = stmt.where(scope.has_case(mid))
    rows = session.exec(keyset(stmt, keys=KEYS, params=params, sort_name=SORT)).all()
    people, next_cursor = finish(rows, params=params, key_of=lambda p: [p.external_ref, p.id], sort_name=SORT)
    if not people or mid is None:
        return [], next_cursor
    ids = [p.id for p in people]
    cases: dict[uuid.UUID, list[Case]] = defaultdict(list)
    for case in session.exec(
        select(Case).where(scope.municipality_cases(mid), col(Case.person_id).in_(ids))
    ).all():
        cases[case.person_id].append(case)
    referrals: dict[uuid.UUID, list[Referral]] = defaultdict(list)
    for referral in session.exec(
        select(Referral).where(scope.municipality_referrals(mid), col(Referral.person_id).in_(ids))
    ).all():
        referrals[referral.person_id].append(referral)
    audit_many(session, actor, PERSON, [(p.id, p.id, p.municipality_id) for p in people])
    return [_status(p, cases[p.id], referrals[p.id]) for p in people], next_cursor


def update(
    session: Session, *, actor: Actor, person: Person, data: IntakeUpdate, if_match: IfMatch
) -> IntakeStatus:
    """Same checks as intake and a coordinator's rectification (legal status vocabulary, required
    fields not null, status history, audit of the field names); the version moves only on a change."""
    change = PersonUpdate.model_validate(data.model_dump(exclude_unset=True))
    update_person(session, actor=actor, person=person, data=change, if_match=if_match)
    return to_status(session, person)
