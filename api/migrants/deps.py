"""Dependencies that authorise the caller and load the records a route works on."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Annotated, TypeVar

from fastapi import Depends, Response
from pydantic import BaseModel

from api.accounts.deps import CurrentActor, require_scopes
from api.core.actor import Actor
from api.core.db import SessionDep
from api.core.errors import ProblemError, not_found
from api.core.etag import set_etag
from api.migrants import cases, people, referrals
from api.migrants.models import Case, Person, Referral

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


def require_special(actor: Actor) -> None:
    if not actor.has("migrants:special"):
        raise ProblemError(403, "This needs the scope migrants:special.", slug="insufficient-scope")


def no_store(response: Response) -> None:
    response.headers["Cache-Control"] = "no-store"


M = TypeVar("M", bound=BaseModel)


def etag(response: Response, version: int, body: M) -> M:
    set_etag(response, version, body.model_dump_json())
    return body


def json_body(response: Response, body: BaseModel) -> Response:
    """The answer serialised once, for list routes: returning the model would have FastAPI dump it
    and validate it again against the response model (still declared for OpenAPI). Headers set on
    the injected response (no-store, Link, language) are carried over."""
    headers = {
        k: v for k, v in response.headers.items() if k.lower() not in ("content-length", "content-type")
    }
    return Response(content=body.model_dump_json(), media_type="application/json", headers=headers)


def readable_person(person_id: uuid.UUID, session: SessionDep, actor: ReaderById) -> Person:
    return people.get(session, actor=actor, person_id=person_id)


def writable_person(person_id: uuid.UUID, session: SessionDep, actor: WriterById) -> Person:
    return people.get(session, actor=actor, person_id=person_id, for_update=True)


ReadablePerson = Annotated[Person, Depends(readable_person)]
WritablePerson = Annotated[Person, Depends(writable_person)]


def readable_case(case_id: uuid.UUID, session: SessionDep, actor: ReaderById) -> Case:
    return cases.get(session, actor=actor, case_id=case_id)


ReadableCase = Annotated[Case, Depends(readable_case)]


def readable_referral(referral_id: uuid.UUID, session: SessionDep, actor: ReaderById) -> Referral:
    return referrals.get(session, actor=actor, referral_id=referral_id)


ReadableReferral = Annotated[Referral, Depends(readable_referral)]
