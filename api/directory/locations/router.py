"""HTTP routes of locations: public reads (confidential addresses hidden), changes by the owning
organisation's staff, the municipality's coordinator and admins."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response, status
from sqlmodel import Session

from api.accounts.deps import ActorDep
from api.core.actor import Actor
from api.core.conditional import IfMatchDep
from api.core.db import SessionDep
from api.core.http import created, op, with_etag
from api.core.i18n import Locale, LocaleDep
from api.core.pagination import PageDep, set_link_header
from api.directory.codes import optional_municipality_id
from api.directory.deps import ReadableLocation, WritableLocation
from api.directory.locations import logic
from api.directory.locations.schemas import LocationCreate, LocationList, LocationRead, LocationUpdate
from api.directory.models import Location

router = APIRouter(prefix="/locations", tags=["directory"])


def _answer(
    response: Response, session: Session, location: Location, actor: Actor, locale: Locale
) -> LocationRead:
    return with_etag(
        response, location.version, logic.location_read(session, location, actor=actor, locale=locale)
    )


@router.get("", **op(LocationList, "Locations", (400, 422)))
def list_locations(
    request: Request,
    response: Response,
    session: SessionDep,
    actor: ActorDep,
    locale: LocaleDep,
    page: PageDep,
    organization: Annotated[uuid.UUID | None, Query()] = None,
    municipality: Annotated[str | None, Query(max_length=60)] = None,
) -> LocationList:
    rows, next_cursor = logic.list_locations(
        session,
        actor=actor,
        organization_id=organization,
        municipality=optional_municipality_id(session, municipality),
        params=page,
    )
    set_link_header(request, response, next_cursor)
    return LocationList(
        items=[logic.location_read(session, loc, actor=actor, locale=locale) for loc in rows],
        next_cursor=next_cursor,
    )


@router.get("/{location_id}", **op(LocationRead, "One location", (404,)))
def read_location(
    location: ReadableLocation, response: Response, session: SessionDep, actor: ActorDep, locale: LocaleDep
) -> LocationRead:
    return _answer(response, session, location, actor, locale)


@router.post(
    "",
    **op(
        LocationRead, "Add a location of your organisation", (401, 403, 422), status=status.HTTP_201_CREATED
    ),
)
def create_location(
    body: LocationCreate, response: Response, session: SessionDep, actor: ActorDep, locale: LocaleDep
) -> LocationRead:
    location = logic.create_location(session, actor=actor, data=body)
    created(response, f"/api/v1/locations/{location.id}")
    return _answer(response, session, location, actor, locale)


@router.patch(
    "/{location_id}",
    **op(LocationRead, "Change a location (If-Match required)", (401, 403, 404, 412, 422, 428)),
)
def update_location(
    location: WritableLocation,
    body: LocationUpdate,
    if_match: IfMatchDep,
    response: Response,
    session: SessionDep,
    actor: ActorDep,
    locale: LocaleDep,
) -> LocationRead:
    location = logic.update_location(session, location=location, data=body, if_match=if_match)
    return _answer(response, session, location, actor, locale)


@router.delete(
    "/{location_id}",
    **op(
        None,
        "Delete a location (If-Match required)",
        (401, 403, 404, 412, 428),
        status=status.HTTP_204_NO_CONTENT,
    ),
)
def delete_location(location: WritableLocation, if_match: IfMatchDep, session: SessionDep) -> Response:
    logic.delete_location(session, location=location, if_match=if_match)
    return Response(status_code=204)
