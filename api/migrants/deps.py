"""Dependencies that authorise the caller and load the records a route works on (through
:mod:`api.migrants.scope`; another municipality's record is a 404)."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Annotated

from fastapi import Depends

from api.accounts.deps import CurrentActor, require_scopes
from api.core.actor import Actor
from api.core.db import SessionDep
from api.core.errors import not_found
from api.migrants import scope
from api.migrants.cases.logic import get as get_case
from api.migrants.intake.logic import get as get_intake_person
from api.migrants.models import Case, Person, Referral
from api.migrants.people.logic import get as get_person
from api.migrants.referrals.inbox import get as get_inbox_referral
from api.migrants.referrals.logic import get as get_referral

ReaderActor = Annotated[Actor, Depends(require_scopes("migrants:read"))]
WriterActor = Annotated[Actor, Depends(require_scopes("migrants:read", "migrants:write"))]
IntakeActor = Annotated[Actor, Depends(require_scopes("migrants:intake"))]
InboxActor = Annotated[Actor, Depends(require_scopes("referrals:inbox"))]
AuditActor = Annotated[Actor, Depends(require_scopes("audit:read"))]


def require_or_404(*scopes: str, what: str = "record") -> Callable[[Actor], Actor]:
    """For routes with an id: a caller without the scopes learns nothing, not even that the
    record exists (404, like another municipality's record); anonymous callers get 401."""

    def dependency(actor: CurrentActor) -> Actor:
        if not actor.has(*scopes):
            raise not_found(what)
        return actor

    return dependency


ReaderById = Annotated[Actor, Depends(require_or_404("migrants:read"))]
WriterById = Annotated[Actor, Depends(require_or_404("migrants:read", "migrants:write"))]
InboxById = Annotated[Actor, Depends(require_or_404("referrals:inbox", what="referral"))]
IntakeById = Annotated[Actor, Depends(require_or_404("migrants:intake", what="intake record"))]


def municipality_of(actor: Actor) -> uuid.UUID:
    """The staff actor's municipality (routes call it after their scopes were checked)."""
    mid = scope.staff_municipality(actor)
    assert mid is not None  # scopes checked: coordinators are bound to a municipality
    return mid


def readable_person(person_id: uuid.UUID, session: SessionDep, actor: ReaderById) -> Person:
    return get_person(session, actor=actor, person_id=person_id)


def writable_person(person_id: uuid.UUID, session: SessionDep, actor: WriterById) -> Person:
    return get_person(session, actor=actor, person_id=person_id, for_update=True)


ReadablePerson = Annotated[Person, Depends(readable_person)]
WritablePerson = Annotated[Person, Depends(writable_person)]


def intake_person(external_ref: str, session: SessionDep, actor: IntakeById) -> Person:
    return get_intake_person(session, actor=actor, external_ref=external_ref)


def writable_intake_person(external_ref: str, session: SessionDep, actor: IntakeById) -> Person:
    return get_intake_person(session, actor=actor, external_ref=external_ref, for_update=True)


IntakePerson = Annotated[Person, Depends(intake_person)]
WritableIntakePerson = Annotated[Person, Depends(writable_intake_person)]


def readable_case(case_id: uuid.UUID, session: SessionDep, actor: ReaderById) -> Case:
    return get_case(session, actor=actor, case_id=case_id)


ReadableCase = Annotated[Case, Depends(readable_case)]


def readable_referral(referral_id: uuid.UUID, session: SessionDep, actor: ReaderById) -> Referral:
    return get_referral(session, actor=actor, referral_id=referral_id)


ReadableReferral = Annotated[Referral, Depends(readable_referral)]


def provider_referral(referral_id: uuid.UUID, session: SessionDep, actor: InboxById) -> Referral:
    return get_inbox_referral(session, actor=actor, referral_id=referral_id)


ProviderReferral = Annotated[Referral, Depends(provider_referral)]
