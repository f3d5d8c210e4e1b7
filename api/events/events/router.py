"""HTTP routes of events: the public occurrence list, one event, organisers' changes."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from api.accounts.deps import ActorDep, UserActor
from api.core.conditional import IfMatchDep
from api.core.db import SessionDep
from api.core.http import created, op, page_response, with_etag
from api.core.i18n import LocaleDep
from api.core.pagination import PageDep
from api.events.events import logic
from api.events.schemas import Audience, EventCreate, EventRead, EventUpdate, Kind, OccurrenceList

router = APIRouter(prefix="/events", tags=["events"])


@router.get("", **op(OccurrenceList, "Event occurrences in a window, soonest first", (400, 422)))
def list_events(
    request: Request,
    response: Response,
    session: SessionDep,
    actor: ActorDep,
    locale: LocaleDep,
    page: PageDep,
    municipality: Annotated[str | None, Query(max_length=80)] = None,
    start: Annotated[datetime | None, Query(alias="from")] = None,
    end: Annotated[datetime | None, Query(alias="to")] = None,
    kind: Annotated[Kind | None, Query()] = None,
    audience: Annotated[Audience | None, Query()] = None,
    language: Annotated[str | None, Query(max_length=12)] = None,
    q: Annotated[str | None, Query(max_length=200)] = None,
) -> Response:
    f = {"municipality": municipality, "kind": kind, "audience": audience, "language": language, "q": q}
    items, cursor = logic.list_occurrences(
        session, actor=actor, locale=locale, params=page, f=f, win=logic.window(start, end)
    )
    return page_response(request, response, OccurrenceList(items=items, next_cursor=cursor))


@router.post("", **op(EventRead, "Create an event (organisers)", (401, 403, 404, 422), status=201))
def create_event(
    request: Request,
    response: Response,
    session: SessionDep,
    actor: UserActor,
    locale: LocaleDep,
    body: EventCreate,
) -> EventRead:
    event = logic.create(session, actor=actor, data=body)
    created(response, f"{request.url.path}/{event.id}")
    return with_etag(response, event.version, logic.to_read(session, event, actor, locale))


@router.get("/{event_id}", **op(EventRead, "One event", (404,)))
def read_event(
    event_id: uuid.UUID, response: Response, session: SessionDep, actor: ActorDep, locale: LocaleDep
) -> EventRead:
    event = logic.get_readable(session, event_id)
    return with_etag(response, event.version, logic.to_read(session, event, actor, locale))


@router.patch("/{event_id}", **op(EventRead, "Change an event", (401, 404, 409, 412, 422, 428)))
def update_event(
    event_id: uuid.UUID,
    response: Response,
    session: SessionDep,
    actor: UserActor,
    locale: LocaleDep,
    if_match: IfMatchDep,
    body: EventUpdate,
) -> EventRead:
    event = logic.update(
        session, event=logic.get_managed(session, actor, event_id), data=body, if_match=if_match
    )
    return with_etag(response, event.version, logic.to_read(session, event, actor, locale))


@router.post("/{event_id}/cancel", **op(EventRead, "Cancel an event", (401, 404, 409, 412, 428)))
def cancel_event(
    event_id: uuid.UUID,
    response: Response,
    session: SessionDep,
    actor: UserActor,
    locale: LocaleDep,
    if_match: IfMatchDep,
) -> EventRead:
    event = logic.cancel(session, event=logic.get_managed(session, actor, event_id), if_match=if_match)
    return with_etag(response, event.version, logic.to_read(session, event, actor, locale))
