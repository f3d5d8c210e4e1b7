"""HTTP routes of organiser grants (see :mod:`api.events.organisers.logic`)."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Response

from api.accounts.deps import UserActor
from api.core.db import SessionDep
from api.core.http import op
from api.events.organisers import logic
from api.events.schemas import GrantCreate, GrantList, GrantRead

router = APIRouter(prefix="/event-organisers", tags=["events"])


@router.get("", **op(GrantList, "Organiser grants of my municipality", (401, 403)))
def list_grants(session: SessionDep, actor: UserActor) -> GrantList:
    return GrantList(items=logic.list_grants(session, actor))


@router.post(
    "", **op(GrantRead, "Grant a resident the organiser role", (401, 403, 404, 409, 422), status=201)
)
def grant(session: SessionDep, actor: UserActor, body: GrantCreate) -> GrantRead:
    return logic.grant(session, actor, body)


@router.delete("/{grant_id}", **op(None, "Withdraw an organiser grant", (401, 403, 404), status=204))
def withdraw(grant_id: uuid.UUID, session: SessionDep, actor: UserActor) -> Response:
    logic.withdraw(session, actor, grant_id)
    return Response(status_code=204)
