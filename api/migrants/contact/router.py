"""HTTP routes of contact requests (see ``logic``)."""

from __future__ import annotations

import uuid
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request, Response

from api.accounts.deps import client_address
from api.core.config import SettingsDep
from api.core.db import SessionDep
from api.core.http import NoStore, op, page_response
from api.core.pagination import PageDep
from api.migrants.contact import logic
from api.migrants.contact.schemas import (
    ChallengeRead,
    ContactClose,
    ContactConvert,
    ContactConverted,
    ContactCreate,
    ContactList,
    ContactRead,
    ContactReceived,
)
from api.migrants.deps import ReaderActor, ReaderById, WriterById

public = APIRouter(prefix="/contact-requests", tags=["migrants"], dependencies=[NoStore])
router = APIRouter(prefix="/contact-requests", tags=["migrants"], dependencies=[NoStore])


@public.get("/challenge", **op(ChallengeRead, "A proof-of-work challenge for the contact form"))
def new_challenge(settings: SettingsDep) -> ChallengeRead:
    found = logic.challenge(settings.secret_key or "")
    return ChallengeRead(challenge=found.challenge, difficulty=found.difficulty, expires_at=found.expires_at)


@public.post(
    "", **op(ContactReceived, "Ask the municipality for help (no account needed)", (422, 429), status=201)
)
def create(
    request: Request, session: SessionDep, settings: SettingsDep, body: ContactCreate
) -> ContactReceived:
    row = logic.create(session, data=body, client=client_address(request), secret=settings.secret_key or "")
    return ContactReceived(
        reference=row.reference,
        status="new",
        message=logic.received_text(row.preferred_language, row.reference),
    )


@router.get("", **op(ContactList, "Requests for help sent to my municipality", (401, 403, 422)))
def queue(
    request: Request,
    response: Response,
    session: SessionDep,
    actor: ReaderActor,
    params: PageDep,
    status: Annotated[Literal["new", "converted", "closed"] | None, Query()] = "new",
) -> Response:
    items, cursor = logic.queue(session, actor, params, status)
    return page_response(request, response, ContactList(items=items, next_cursor=cursor))


@router.get("/{request_id}", **op(ContactRead, "One request for help", (401, 404)))
def read(request_id: uuid.UUID, session: SessionDep, actor: ReaderById) -> ContactRead:
    return logic.read(session, actor, request_id)


@router.post(
    "/{request_id}/convert",
    **op(
        ContactConverted,
        "Register the person and open a case from the request",
        (401, 404, 409, 422),
        status=201,
    ),
)
def convert(
    request_id: uuid.UUID, session: SessionDep, actor: WriterById, body: ContactConvert
) -> ContactConverted:
    read_back, person_id, case_id = logic.convert(session, actor, request_id, body)
    return ContactConverted(request=read_back, person_id=person_id, case_id=case_id)


@router.post("/{request_id}/close", **op(ContactRead, "Close a request with a reason", (401, 404, 409, 422)))
def close(request_id: uuid.UUID, session: SessionDep, actor: WriterById, body: ContactClose) -> ContactRead:
    return logic.close(session, actor, request_id, body)


routers = [public, router]
