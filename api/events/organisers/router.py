"""Coordinators grant residents (a diaspora group's contact) the right to organise events in their
municipality, list the grants and withdraw them."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Response
from sqlmodel import col, select

from api.accounts.deps import UserActor
from api.accounts.models import User
from api.core.db import SessionDep
from api.core.errors import conflict, forbidden, not_found
from api.core.http import op
from api.events import scope
from api.events.models import EventOrganiser
from api.events.schemas import GrantCreate, GrantList, GrantRead
from api.ideas.access import slug_of

router = APIRouter(prefix="/event-organisers", tags=["events"])


def _coordinator(actor: UserActor) -> uuid.UUID:
    if actor.role != "coordinator" or actor.municipality_id is None:
        raise forbidden("Only a municipality's coordinator grants organiser roles.")
    return actor.municipality_id


def _read(session: SessionDep, g: EventOrganiser) -> GrantRead:
    return GrantRead(**g.model_dump(), municipality=slug_of(session, g.municipality_id))


@router.get("", **op(GrantList, "Organiser grants of my municipality", (401, 403)))
def list_grants(session: SessionDep, actor: UserActor) -> GrantList:
    _coordinator(actor)
    rows = session.exec(scope.grants_of(actor).order_by(col(EventOrganiser.created_at))).all()
    return GrantList(items=[_read(session, g) for g in rows])


@router.post(
    "", **op(GrantRead, "Grant a resident the organiser role", (401, 403, 404, 409, 422), status=201)
)
def grant(session: SessionDep, actor: UserActor, body: GrantCreate) -> GrantRead:
    municipality_id = _coordinator(actor)
    user = session.get(User, body.user_id)
    if user is None or user.role != "resident":
        raise not_found("resident")
    taken = select(EventOrganiser).where(
        EventOrganiser.user_id == user.id, EventOrganiser.municipality_id == municipality_id
    )
    if session.exec(taken).first() is not None:
        raise conflict("This person already organises here.", slug="already-granted")
    row = EventOrganiser(
        user_id=user.id, municipality_id=municipality_id, group_name=body.group_name, granted_by=actor.id
    )
    session.add(row)
    session.flush()
    return _read(session, row)


@router.delete("/{grant_id}", **op(None, "Withdraw an organiser grant", (401, 403, 404), status=204))
def withdraw(grant_id: uuid.UUID, session: SessionDep, actor: UserActor) -> Response:
    _coordinator(actor)
    row = session.exec(scope.grants_of(actor).where(EventOrganiser.id == grant_id)).first()
    if row is None:
        raise not_found("grant")
    session.delete(row)
    return Response(status_code=204)
