"""Granting and withdrawing consent, and their effects: the one module that reaches into referrals
(sharing with providers) and mentors (contact). A withdrawal takes effect in this transaction:
shared referrals leave the providers' inboxes and mentorships end before the request returns."""

from __future__ import annotations

from sqlmodel import Session

from api.core.actor import Actor
from api.core.db import utcnow
from api.migrants import notices
from api.migrants.audit import audit_read
from api.migrants.mentors.logic import end_all
from api.migrants.models import Consent, Person
from api.migrants.people.consents import consent_reads, current_consents
from api.migrants.people.logic import refuse_erased
from api.migrants.people.schemas import ConsentRead
from api.migrants.referrals.logic import reshare, unshare


def grant(session: Session, *, actor: Actor, person: Person, purpose: str) -> bool:
    if purpose in current_consents(session, person.id):
        return False
    session.add(Consent(person_id=person.id, purpose=purpose, granted_by=actor.audit_id))
    session.flush()
    if purpose == "provider_sharing":
        reshare(session, person_id=person.id)
    audit_read(session, actor=actor, person=person, action="consent_grant", details={"purpose": purpose})
    return True


def withdraw(session: Session, *, actor: Actor, person: Person, purpose: str) -> bool:
    current = current_consents(session, person.id).get(purpose)
    if current is None:
        return False
    current.withdrawn_at = utcnow()
    current.withdrawn_by = actor.audit_id
    session.add(current)
    session.flush()
    notices.consent_withdrawn(session, person=person, purpose=purpose)
    if purpose == "provider_sharing":
        unshare(session, person_id=person.id)
    if purpose == "mentoring_contact":
        end_all(session, actor=actor, person=person, reason="consent withdrawn")
    audit_read(session, actor=actor, person=person, action="consent_withdraw", details={"purpose": purpose})
    return True


def change(session: Session, *, actor: Actor, person: Person, purpose: str, action: str) -> list[ConsentRead]:
    refuse_erased(person)
    if action == "grant":
        grant(session, actor=actor, person=person, purpose=purpose)
    else:
        withdraw(session, actor=actor, person=person, purpose=purpose)
    return consent_reads(session, person.id)


def listing(session: Session, *, actor: Actor, person: Person) -> list[ConsentRead]:
    audit_read(session, actor=actor, person=person, action="read_consents")
    return consent_reads(session, person.id)
