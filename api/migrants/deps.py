"""Dependencies that authorise the caller and load the records a route works on."""

from __future__ import annotations

import uuid
from typing import Annotated, TypeVar

from fastapi import Depends, Response
from pydantic import BaseModel

from api.accounts.deps import require_scopes
from api.core.actor import Actor
from api.core.db import SessionDep
from api.core.etag import set_etag
from api.migrants import cases, people, referrals
from api.migrants.models import Case, Person, Referral

ReaderActor = Annotated[Actor, Depends(require_scopes("migrants:read"))]
WriterActor = Annotated[Actor, Depends(require_scopes("migrants:read", "migrants:write"))]
SpecialActor = Annotated[Actor, Depends(require_scopes("migrants:read", "migrants:special"))]
IntakeActor = Annotated[Actor, Depends(require_scopes("migrants:intake"))]
InboxActor = Annotated[Actor, Depends(require_scopes("referrals:inbox"))]
AuditActor = Annotated[Actor, Depends(require_scopes("audit:read"))]


def no_store(response: Response) -> None:
    response.headers["Cache-Control"] = "no-store"


M = TypeVar("M", bound=BaseModel)


def etag(response: Response, version: int, body: M) -> M:
    set_etag(response, version, body.model_dump_json())
    return body


def readable_person(person_id: uuid.UUID, session: SessionDep, actor: ReaderActor) -> Person:
    return people.get(session, actor=actor, person_id=person_id)


def writable_person(person_id: uuid.UUID, session: SessionDep, actor: WriterActor) -> Person:
    return people.get(session, actor=actor, person_id=person_id, for_update=True)


ReadablePerson = Annotated[Person, Depends(readable_person)]
WritablePerson = Annotated[Person, Depends(writable_person)]


def readable_case(case_id: uuid.UUID, session: SessionDep, actor: ReaderActor) -> Case:
    return cases.get(session, actor=actor, case_id=case_id)


ReadableCase = Annotated[Case, Depends(readable_case)]


def readable_referral(referral_id: uuid.UUID, session: SessionDep, actor: ReaderActor) -> Referral:
    return referrals.get(session, actor=actor, referral_id=referral_id)


ReadableReferral = Annotated[Referral, Depends(readable_referral)]
