"""Data rights: export (art. 15), erasure (art. 17) and retention.

Erasure anonymises the person everywhere: names, contacts, address, the exact birth date, the
external reference, household names, special-category notes, and every free text about them
(timeline notes, need notes, referral messages and reasons, transfer reasons, stored idempotent
replies that held their record). What statistics need stays, coarsened: municipality, birth year,
sex, citizenships, legal status and its history, languages and levels, arrival date, household
members' birth years, cases, needs and referrals with their states and dates. The audit log holds
only ids and is kept.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlmodel import Session, col, select

from api.core.actor import Actor
from api.core.db import utcnow
from api.core.i18n import Locale
from api.core.models import AuditEntry, IdempotencyRecord
from api.migrants import cases, people, referrals
from api.migrants.models import Case, CaseEvent, Need, Person, Referral, SpecialNote, Transfer
from api.migrants.schemas import AuditRead, ExportRecipient, PersonExport


def audit_read(e: AuditEntry) -> AuditRead:
    return AuditRead(
        id=e.id,
        at=e.at,
        actor_kind=e.actor_kind,
        actor_id=e.actor_id,
        actor_role=e.actor_role,
        municipality_id=e.municipality_id,
        action=e.action,
        record_type=e.record_type,
        record_id=e.record_id,
        subject_id=e.subject_id,
        purpose=e.purpose,
        details=e.details,
    )


def export(session: Session, *, actor: Actor, person: Person, locale: Locale) -> PersonExport:
    people.audit(
        session,
        actor=actor,
        action="export",
        record_type=people.RECORD,
        record_id=person.id,
        subject_id=person.id,
        municipality_id=person.municipality_id,
    )
    special = (
        people.special_notes(session, actor=actor, person=person) if actor.has("migrants:special") else None
    )
    case_rows = cases.cases_of(session, person)
    case_ids = [c.id for c in case_rows]
    events = (
        session.exec(
            select(CaseEvent).where(col(CaseEvent.case_id).in_(case_ids)).order_by(col(CaseEvent.at))
        ).all()
        if case_ids
        else []
    )
    refs = session.exec(
        select(Referral).where(Referral.person_id == person.id).order_by(col(Referral.created_at))
    ).all()
    found = referrals.briefs(session)
    recipients = []
    for r in refs:
        if r.sent_at is not None:
            brief = found.get(r.service_id)
            recipients.append(
                ExportRecipient(
                    organization_id=r.organization_id,
                    organization_name=locale.text(brief.organization_name) if brief else None,
                    referral_id=r.id,
                    shared_since=r.sent_at,
                )
            )
    log = session.exec(
        select(AuditEntry).where(AuditEntry.subject_id == person.id).order_by(col(AuditEntry.at)).limit(1000)
    ).all()
    return PersonExport(
        person=people.to_read(session, person),
        special_notes=special,
        cases=[cases.to_read(session, c, locale) for c in case_rows],
        timeline=[cases.event_read(e) for e in events],
        referrals=[referrals.to_read(r, found, locale) for r in refs],
        recipients=recipients,
        access_log=[audit_read(e) for e in log],
    )


def erase(session: Session, *, actor: Actor | None, person: Person) -> None:
    now = utcnow()
    pid = person.id
    if person.birth_date is not None:
        person.birth_year = person.birth_date.year
    person.given_name = ""
    person.family_name = ""
    person.birth_date = None
    person.email = None
    person.phone = None
    person.address = None
    person.external_ref = None
    person.search_name = ""
    person.household = [
        {"relation": m.get("relation"), "birth_year": m.get("birth_year")} for m in person.household
    ]
    person.anonymised_at = now
    person.updated_at = now
    person.version += 1
    session.add(person)
    session.execute(sa.delete(SpecialNote).where(col(SpecialNote.person_id) == pid))
    case_ids = select(Case.id).where(Case.person_id == pid)
    session.execute(
        sa.update(CaseEvent).where(col(CaseEvent.case_id).in_(case_ids)).values(text=None, details={})
    )
    session.execute(sa.update(Need).where(col(Need.case_id).in_(case_ids)).values(note=None))
    session.execute(sa.update(Case).where(col(Case.person_id) == pid).values(close_reason=None))
    session.execute(
        sa.update(Referral)
        .where(col(Referral.person_id) == pid)
        .values(message=None, reason=None, shared=False, updated_at=now, version=Referral.version + 1)
    )
    session.execute(sa.update(Transfer).where(col(Transfer.person_id) == pid).values(reason=None))
    # A stored idempotent reply (a coordinator's POST) may hold the person's record.
    needle = str(pid).encode()
    if session.get_bind().dialect.name == "postgresql":
        found = (
            sa.func.position(sa.literal(needle, sa.LargeBinary).op("IN")(IdempotencyRecord.response_body)) > 0
        )
    else:
        found = sa.func.instr(IdempotencyRecord.response_body, sa.literal(needle, sa.LargeBinary)) > 0
    session.execute(sa.delete(IdempotencyRecord).where(found))
    open_row = people.open_case(session, person)
    if open_row is not None:
        cases.close(session, actor=actor, case=open_row, reason=None)
        person.case_open = False
        person.coordinator_id = None
    if actor is not None:
        from api.migrants import mentors

        mentors.end_all(session, actor=actor, person=person, reason=None)
    session.flush()
    from api.core import audit as core_audit
    from api.core.actor import Actor as ActorType

    core_audit.record(
        session,
        actor=actor or ActorType(kind="anonymous", role="system"),
        action="erase",
        record_type=people.RECORD,
        record_id=pid,
        municipality_id=person.municipality_id,
        subject_id=pid,
        purpose="data_rights" if actor else "retention",
    )


def retention(session: Session, *, older_than_days: int, now: datetime | None = None) -> int:
    """Anonymise people whose every case closed more than ``older_than_days`` ago (no open case)."""
    cutoff = (now or utcnow()) - timedelta(days=older_than_days)
    latest = (
        select(Case.person_id, sa.func.max(Case.closed_at).label("last_closed"))
        .group_by(col(Case.person_id))
        .subquery()
    )
    rows = session.exec(
        select(Person)
        .join(latest, latest.c.person_id == Person.id)
        .where(
            col(Person.anonymised_at).is_(None),
            col(Person.case_open).is_(False),
            latest.c.last_closed < cutoff,
        )
    ).all()
    for person in rows:
        still_open = session.exec(
            select(Case.id).where(Case.person_id == person.id, Case.status == "open")
        ).first()
        if still_open is None:
            erase(session, actor=None, person=person)
    return len(rows)
