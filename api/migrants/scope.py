"""Who sees what in the one-stop shop, in one place. Every function takes the actor (or the record
that fixes the municipality) and returns a ``Select`` the caller narrows with ``.where(id == …)``.

A coordinator (``migrants:read``) and a municipality's intake client see their municipality's
people; cases, referrals and transfers are for staff users only, except the name-free status an
intake client reads back about the people its intake made (``intake_people``); a provider sees the referrals
sent to its organisation while the person's ``provider_sharing`` consent stands. Nothing matches
for anyone else, which loading dependencies turn into 404 (never a 403 that confirms a record).
"""

from __future__ import annotations

import uuid
from datetime import datetime

import sqlalchemy as sa
from sqlmodel import col, select
from sqlmodel.sql.expression import SelectOfScalar

from api.core.actor import Actor
from api.core.models import AuditEntry
from api.migrants.models import Case, ContactRequest, Person, Referral, ReturneePackage, Transfer


def staff_municipality(actor: Actor) -> uuid.UUID | None:
    """The municipality whose people the actor works with, or None when it has none."""
    if actor.kind == "user" and actor.has("migrants:read") and actor.municipality_id:
        return actor.municipality_id
    if actor.kind == "client" and actor.has("migrants:intake") and actor.municipality_id:
        return actor.municipality_id
    return None


def _staff_user(actor: Actor) -> uuid.UUID | None:
    return staff_municipality(actor) if actor.kind == "user" else None


def readable_people(actor: Actor) -> SelectOfScalar[Person]:
    mid = staff_municipality(actor)
    return select(Person).where(col(Person.municipality_id) == mid if mid else sa.false())


def people_of(municipality_id: uuid.UUID | None) -> sa.ColumnElement[bool]:
    """Where-clause for column queries (lists) of a municipality's people."""
    return col(Person.municipality_id) == municipality_id if municipality_id else sa.false()


def person_by_ref(municipality_id: uuid.UUID, external_ref: str) -> SelectOfScalar[Person]:
    return select(Person).where(
        col(Person.municipality_id) == municipality_id, col(Person.external_ref) == external_ref
    )


def intake_people(actor: Actor) -> SelectOfScalar[Person]:
    """What a municipality's intake client reads back: the people its intake made (they have an
    ``external_ref``) in its municipality, not erased. Staff users use the people routes instead."""
    mid = actor.municipality_id if actor.kind == "client" and actor.has("migrants:intake") else None
    if mid is None:
        return select(Person).where(sa.false())
    return select(Person).where(
        col(Person.municipality_id) == mid,
        col(Person.external_ref).is_not(None),
        col(Person.anonymised_at).is_(None),
    )


def person_referrals(person: Person) -> SelectOfScalar[Referral]:
    """The person's referrals in the municipality they live in now."""
    return select(Referral).where(
        col(Referral.person_id) == person.id, col(Referral.municipality_id) == person.municipality_id
    )


def changed_after(municipality_id: uuid.UUID, since: datetime) -> sa.ColumnElement[bool]:
    """The person, or one of their cases or referrals in the municipality, changed after ``since``."""
    return sa.or_(
        col(Person.updated_at) > since,
        sa.exists(
            select(Case.id).where(
                col(Case.person_id) == Person.id,
                col(Case.municipality_id) == municipality_id,
                col(Case.updated_at) > since,
            )
        ),
        sa.exists(
            select(Referral.id).where(
                col(Referral.person_id) == Person.id,
                col(Referral.municipality_id) == municipality_id,
                col(Referral.updated_at) > since,
            )
        ),
    )


def has_case(municipality_id: uuid.UUID) -> sa.ColumnElement[bool]:
    """The person has a case (open or closed) in the municipality."""
    return sa.exists(
        select(Case.id).where(col(Case.person_id) == Person.id, col(Case.municipality_id) == municipality_id)
    )


def readable_cases(actor: Actor) -> SelectOfScalar[Case]:
    mid = _staff_user(actor)
    return select(Case).where(col(Case.municipality_id) == mid if mid else sa.false())


def person_cases(person: Person) -> SelectOfScalar[Case]:
    """The person's cases in the municipality they live in now (not those left behind)."""
    return select(Case).where(
        col(Case.person_id) == person.id, col(Case.municipality_id) == person.municipality_id
    )


def lives_in(person: Person, municipality_id: uuid.UUID) -> bool:
    return person.municipality_id == municipality_id


def readable_referrals(actor: Actor) -> SelectOfScalar[Referral]:
    mid = _staff_user(actor)
    return select(Referral).where(col(Referral.municipality_id) == mid if mid else sa.false())


def provider_filter(actor: Actor) -> list[sa.ColumnElement[bool]]:
    """Referrals sent to the actor's organisation that are still shared with it."""
    if not actor.has("referrals:inbox") or actor.organization_id is None:
        return [sa.false()]
    return [col(Referral.organization_id) == actor.organization_id, col(Referral.shared).is_(True)]


def provider_referrals(actor: Actor) -> SelectOfScalar[Referral]:
    return select(Referral).where(*provider_filter(actor))


def visible_transfers(actor: Actor) -> SelectOfScalar[Transfer]:
    mid = _staff_user(actor)
    if mid is None:
        return select(Transfer).where(sa.false())
    return select(Transfer).where(
        sa.or_(col(Transfer.from_municipality_id) == mid, col(Transfer.to_municipality_id) == mid)
    )


def incoming(transfer: Transfer, actor: Actor) -> bool:
    """The transfer is into the actor's municipality (theirs to decide)."""
    return transfer.to_municipality_id == actor.municipality_id


def municipality_package(municipality_id: uuid.UUID) -> SelectOfScalar[ReturneePackage]:
    return select(ReturneePackage).where(col(ReturneePackage.municipality_id) == municipality_id)


def visible_audit(actor: Actor) -> SelectOfScalar[AuditEntry]:
    """Admins read the whole log; a coordinator reads its municipality's entries."""
    if actor.is_admin:
        return select(AuditEntry)
    if actor.kind == "user" and actor.role == "coordinator" and actor.municipality_id:
        return select(AuditEntry).where(col(AuditEntry.municipality_id) == actor.municipality_id)
    return select(AuditEntry).where(sa.false())


def municipality_cases(municipality_id: uuid.UUID) -> sa.ColumnElement[bool]:
    return col(Case.municipality_id) == municipality_id


def municipality_referrals(municipality_id: uuid.UUID) -> sa.ColumnElement[bool]:
    return col(Referral.municipality_id) == municipality_id


def readable_contact_requests(actor: Actor) -> SelectOfScalar[ContactRequest]:
    """Contact requests sent to the coordinator's municipality (staff users only)."""
    mid = _staff_user(actor)
    return select(ContactRequest).where(col(ContactRequest.municipality_id) == mid if mid else sa.false())


def old_contact_requests(before: datetime) -> sa.ColumnElement[bool]:
    """Handled requests (converted or closed) older than ``before``: what the purge removes."""
    return sa.and_(col(ContactRequest.status) != "new", col(ContactRequest.handled_at) < before)
