"""HTTP routes of events: the public occurrence list, one event, organisers' changes."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, Response
from sqlmodel import Session

from api.accounts.deps import ActorDep, UserActor
from api.core.actor import Actor
from api.core.conditional import IfMatchDep
from api.core.db import SessionDep
from api.core.http import created, creating, op, page_response, with_etag
from api.core.i18n import Locale, LocaleDep
from api.core.pagination import PageDep
from api.events.events import logic
from api.events.models import Event
from api.events.schemas import Audience, EventCreate, EventRead, EventUpdate, Kind, OccurrenceList

router = APIRouter(prefix="/events", tags=["events"])


@dataclass(frozen=True)
class Reply:
    """What the event routes answer with: the caller and the language; ``event`` sends one event
    with its ETag."""

    response: Response
    session: Session
    actor: Actor
    locale: Locale

    def event(self, event: Event) -> EventRead:
        return with_etag(
            self.response, event.version, logic.to_read(self.session, event, self.actor, self.locale)
        )


def _reader(response: Response, session: SessionDep, actor: ActorDep, locale: LocaleDep) -> Reply:
    return Reply(response, session, actor, locale)


def _organiser(response: Response, session: SessionDep, actor: UserActor, locale: LocaleDep) -> Reply:
    return Reply(response, session, actor, locale)


Reader = Annotated[Reply, Depends(_reader)]
Organiser = Annotated[Reply, Depends(_organiser)]


@router.get("", **op(OccurrenceList, "Event occurrences in a window, soonest first", (400, 422)))
def list_events(
    request: Request,
    reply: Reader,
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
        reply.session, actor=reply.actor, locale=reply.locale, params=page, f=f, win=logic.window(start, end)
    )
    return page_response(request, reply.response, OccurrenceList(items=items, next_cursor=cursor))


@router.post("", **creating(EventRead, "Create an event (organisers)", (401, 403, 404, 422)))
def create_event(request: Request, reply: Organiser, body: EventCreate) -> EventRead:
    event = logic.create(reply.session, actor=reply.actor, data=body)
    created(reply.response, f"{request.url.path}/{event.id}")
    return reply.event(event)


@router.get("/{event_id}", **op(EventRead, "One event", (404,)))
def read_event(event_id: uuid.UUID, reply: Reader) -> EventRead:
    return reply.event(logic.get_readable(reply.session, event_id))


@router.patch("/{event_id}", **op(EventRead, "Change an event", (401, 404, 409, 412, 422, 428)))
def update_event(event_id: uuid.UUID, reply: Organiser, if_match: IfMatchDep, body: EventUpdate) -> EventRead:
    event = logic.get_managed(reply.session, reply.actor, event_id)
    return reply.event(logic.update(reply.session, event=event, data=body, if_match=if_match))


@router.post("/{event_id}/cancel", **op(EventRead, "Cancel an event", (401, 404, 409, 412, 428)))
def cancel_event(event_id: uuid.UUID, reply: Organiser, if_match: IfMatchDep) -> EventRead:
    event = logic.get_managed(reply.session, reply.actor, event_id)
    return reply.event(logic.cancel(reply.session, event=event, if_match=if_match))
