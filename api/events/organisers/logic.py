"""Coordinators grant residents (a diaspora group's contact) the right to organise events in their
municipality, list the grants and withdraw them."""

from __future__ import annotations

import uuid

from sqlmodel import Session, col

from api.accounts.models import User
from api.core.actor import Actor
from api.core.db import found
from api.core.errors import conflict, forbidden, not_found
from api.events import scope
from api.events.models import EventOrganiser
from api.events.schemas import GrantCreate, GrantRead
from api.ideas.access import slug_of


def _coordinator(actor: Actor) -> uuid.UUID:
    if actor.role != "coordinator" or actor.municipality_id is None:
        raise forbidden("Only a municipality's coordinator grants organiser roles.")
    return actor.municipality_id


def _read(session: Session, g: EventOrganiser) -> GrantRead:
    return GrantRead(**g.model_dump(), municipality=slug_of(session, g.municipality_id))


def list_grants(session: Session, actor: Actor) -> list[GrantRead]:
    _coordinator(actor)
    rows = session.exec(scope.grants_of(actor).order_by(col(EventOrganiser.created_at))).all()
    return [_read(session, g) for g in rows]


def grant(session: Session, actor: Actor, body: GrantCreate) -> GrantRead:
    municipality_id = _coordinator(actor)
    user = session.get(User, body.user_id)
    if user is None or user.role != "resident":
        raise not_found("resident")
    if session.exec(scope.grant_of(user.id, municipality_id)).first() is not None:
        raise conflict("This person already organises here.", slug="already-granted")
    row = EventOrganiser(
        user_id=user.id, municipality_id=municipality_id, group_name=body.group_name, granted_by=actor.id
    )
    session.add(row)
    session.flush()
    return _read(session, row)


def withdraw(session: Session, actor: Actor, grant_id: uuid.UUID) -> None:
    _coordinator(actor)
    session.delete(found(session, scope.grants_of(actor).where(EventOrganiser.id == grant_id), "grant"))
    session.flush()
