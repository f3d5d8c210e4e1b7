"""HTTP routes of locations: public reads (confidential addresses hidden), changes by the owning
organisation's staff, the municipality's coordinator and admins."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Response

from api.accounts.deps import ActorDep
from api.core.actor import Actor
from api.core.conditional import IfMatchDep
from api.core.db import SessionDep
from api.core.http import Reply, ReplyDep, creating, deleting, no_content, op
from api.directory.codes import optional_municipality_id
from api.directory.deps import CHANGE_ERRORS, ListingDep, ReadableLocation, WritableLocation
from api.directory.locations import logic
from api.directory.locations.schemas import LocationCreate, LocationList, LocationRead, LocationUpdate
from api.directory.models import Location

router = APIRouter(prefix="/locations", tags=["directory"])


def _answer(reply: Reply, actor: Actor, location: Location, *, created: bool = False) -> LocationRead:
    body = logic.location_read(reply.session, location, actor=actor, locale=reply.locale)
    return (
        reply.created(location.id, location.version, body)
        if created
        else reply.tagged(location.version, body)
    )


@router.get("", **op(LocationList, "Locations", (400, 422)))
def list_locations(
    actor: ActorDep,
    reply: ReplyDep,
    paging: ListingDep,
    organization: Annotated[uuid.UUID | None, Query()] = None,
    municipality: Annotated[str | None, Query(max_length=60)] = None,
) -> Response:
    session = reply.session
    rows, next_cursor = logic.list_locations(
        session,
        actor=actor,
        organization_id=organization,
        municipality=optional_municipality_id(session, municipality),
        params=paging.page,
    )
    items = [logic.location_read(session, loc, actor=actor, locale=reply.locale) for loc in rows]
    return paging.answer(LocationList(items=items, next_cursor=next_cursor))


@router.get("/{location_id}", **op(LocationRead, "One location", (404,)))
def read_location(location: ReadableLocation, actor: ActorDep, reply: ReplyDep) -> LocationRead:
    return _answer(reply, actor, location)


@router.post("", **creating(LocationRead, "Add a location of your organisation", (401, 403, 422)))
def create_location(body: LocationCreate, actor: ActorDep, reply: ReplyDep) -> LocationRead:
    location = logic.create_location(reply.session, actor=actor, data=body)
    return _answer(reply, actor, location, created=True)


@router.patch("/{location_id}", **op(LocationRead, "Change a location (If-Match required)", CHANGE_ERRORS))
def update_location(
    location: WritableLocation, body: LocationUpdate, if_match: IfMatchDep, actor: ActorDep, reply: ReplyDep
) -> LocationRead:
    location = logic.update_location(reply.session, location=location, data=body, if_match=if_match)
    return _answer(reply, actor, location)


@router.delete("/{location_id}", **deleting("Delete a location (If-Match required)"))
def delete_location(location: WritableLocation, if_match: IfMatchDep, session: SessionDep) -> Response:
    logic.delete_location(session, location=location, if_match=if_match)
    return no_content()
