"""Data rights: export (art. 15), erasure (art. 17) and retention.

Erasure anonymises the person everywhere: names, contacts, address, the exact birth date, the
external reference, household names, special-category notes, and every free text about them
(timeline notes, need notes, referral messages and reasons, transfer reasons, stored idempotent
replies that held their record). What statistics need stays, coarsened: municipality, birth year,
sex, citizenships, legal status and its history, languages and levels, arrival date, household
members' birth years, cases, needs and referrals with their states and dates. The audit log holds
only ids and is kept; the external reference survives only as a keyed hash (see ``erasures``).
"""

from __future__ import annotations

from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlmodel import Session, col, select

from api.core.actor import Actor
from api.core.conditional import IfMatch, check, claim
from api.core.db import utcnow
from api.core.errors import conflict
from api.core.i18n import Locale
from api.core.models import AuditEntry
from api.migrants import erasures
from api.migrants.audit import audit_read
from api.migrants.audit_log.logic import entry_read
from api.migrants.cases.logic import close
from api.migrants.cases.logic import to_read as case_read
from api.migrants.mentors.logic import end_all
from api.migrants.models import Case, CaseEvent, Need, Person, Referral, SpecialNote, Transfer
from api.migrants.people.logic import cases_of, open_case, to_read
from api.migrants.people.schemas import ExportRecipient, PersonExport
from api.migrants.people.special import special_notes
from api.migrants.referrals.briefs import briefs
from api.migrants.referrals.logic import of_person, update_all
from api.migrants.referrals.logic import to_read as referral_read
from api.migrants.timeline import events_of

SYSTEM = Actor(kind="anonymous", role="system")
# What erasure blanks on the person's own row; what statistics need stays (see above).
ERASED = {
    "given_name": "",
    "family_name": "",
    "birth_date": None,
    "email": None,
    "phone": None,
    "address": None,
    "external_ref": None,
    "search_name": "",
}


def export(session: Session, *, actor: Actor, person: Person, locale: Locale) -> PersonExport:
    audit_read(session, actor=actor, person=person, action="export")
    special = special_notes(session, actor=actor, person=person) if actor.has("migrants:special") else None
    case_rows = cases_of(session, person)
    refs = of_person(session, person)
    found = briefs(session)
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
        person=to_read(session, person),
        special_notes=special,
        cases=[case_read(session, c, locale) for c in case_rows],
        timeline=events_of(session, [c.id for c in case_rows]),
        referrals=[referral_read(r, found, locale) for r in refs],
        recipients=recipients,
        access_log=[entry_read(e) for e in log],
    )


def _clear_person(person: Person) -> None:
    now = utcnow()
    if person.birth_date is not None:
        person.birth_year = person.birth_date.year
    for key, value in ERASED.items():
        setattr(person, key, value)
    person.household = [
        {"relation": m.get("relation"), "birth_year": m.get("birth_year")} for m in person.household
    ]
    person.anonymised_at = now
    person.updated_at = now


def erase(session: Session, *, actor: Actor | None, person: Person, if_match: IfMatch | None = None) -> None:
    if if_match is not None:
        check(if_match, person.version)
    if person.anonymised_at is not None:
        raise conflict("This person's data was already erased.", slug="erased")
    pid = person.id
    erasures.remember(session, person.municipality_id, person.external_ref)
    claim(session, person, if_match)
    _clear_person(person)
    session.add(person)
    session.execute(sa.delete(SpecialNote).where(col(SpecialNote.person_id) == pid))
    case_ids = select(Case.id).where(Case.person_id == pid)
    session.execute(
        sa.update(CaseEvent).where(col(CaseEvent.case_id).in_(case_ids)).values(text=None, details={})
    )
    session.execute(sa.update(Need).where(col(Need.case_id).in_(case_ids)).values(note=None))
    session.execute(sa.update(Case).where(col(Case.person_id) == pid).values(close_reason=None))
    update_all(
        session, col(Referral.person_id) == pid, message=None, reason=None, shared=False, updated_at=utcnow()
    )
    session.execute(sa.update(Transfer).where(col(Transfer.person_id) == pid).values(reason=None))
    erasures.drop_replays(session, pid)
    open_row = open_case(session, person)
    if open_row is not None:
        close(session, actor=actor, case=open_row, reason=None)
        person.case_open = False
        person.coordinator_id = None
    if actor is not None:
        end_all(session, actor=actor, person=person, reason=None)
    session.flush()
    purpose = "data_rights" if actor else "retention"
    audit_read(session, actor=actor or SYSTEM, person=person, action="erase", purpose=purpose)


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
