"""HTTP routes of contact requests (see ``logic``)."""

from __future__ import annotations

import uuid
from typing import Annotated, Literal

from fastapi import Query, Request, Response

from api.accounts.deps import client_address
from api.core.config import SettingsDep
from api.core.db import SessionDep
from api.core.http import creating, op, page_response
from api.core.pagination import PageDep
from api.migrants.contact import logic
from api.migrants.contact.schemas import (
    ContactChallenge,
    ContactRequestClose,
    ContactRequestConvert,
    ContactRequestConverted,
    ContactRequestCreate,
    ContactRequestList,
    ContactRequestRead,
    ContactRequestReceived,
)
from api.migrants.deps import ReaderActor, ReaderById, WriterById
from api.migrants.routes import personal

public = personal("/contact-requests")
router = personal("/contact-requests")


@public.get("/challenge", **op(ContactChallenge, "A proof-of-work challenge for the contact form"))
def new_challenge(settings: SettingsDep) -> ContactChallenge:
    found = logic.challenge(settings.secret_key or "")
    return ContactChallenge(
        challenge=found.challenge, difficulty=found.difficulty, expires_at=found.expires_at
    )


@public.post(
    "",
    **creating(ContactRequestReceived, "Ask the municipality for help (no account needed)", (422, 429)),
)
def create(
    request: Request, session: SessionDep, settings: SettingsDep, body: ContactRequestCreate
) -> ContactRequestReceived:
    row = logic.create(session, data=body, client=client_address(request), secret=settings.secret_key or "")
    return ContactRequestReceived(
        reference=row.reference,
        status="new",
        message=logic.received_text(row.preferred_language, row.reference),
    )


@router.get("", **op(ContactRequestList, "Requests for help sent to my municipality", (401, 403, 422)))
def queue(
    request: Request,
    response: Response,
    session: SessionDep,
    actor: ReaderActor,
    params: PageDep,
    status: Annotated[Literal["new", "converted", "closed"] | None, Query()] = "new",
) -> Response:
    items, cursor = logic.queue(session, actor, params, status)
    return page_response(request, response, ContactRequestList(items=items, next_cursor=cursor))


@router.get("/{request_id}", **op(ContactRequestRead, "One request for help", (401, 404)))
def read(request_id: uuid.UUID, session: SessionDep, actor: ReaderById) -> ContactRequestRead:
    return logic.read(session, actor, request_id)


@router.post(
    "/{request_id}/convert",
    **creating(
        ContactRequestConverted, "Register the person and open a case from the request", (401, 404, 409, 422)
    ),
)
def convert(
    request_id: uuid.UUID, session: SessionDep, actor: WriterById, body: ContactRequestConvert
) -> ContactRequestConverted:
    read_back, person_id, case_id = logic.convert(session, actor, request_id, body)
    return ContactRequestConverted(request=read_back, person_id=person_id, case_id=case_id)


@router.post(
    "/{request_id}/close", **op(ContactRequestRead, "Close a request with a reason", (401, 404, 409, 422))
)
def close(
    request_id: uuid.UUID, session: SessionDep, actor: WriterById, body: ContactRequestClose
) -> ContactRequestRead:
    return logic.close(session, actor, request_id, body)


routers = [public, router]
