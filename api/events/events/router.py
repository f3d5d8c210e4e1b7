"""HTTP routes of events: the public occurrence list, one event, organisers' changes."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response

from api.accounts.deps import ActorDep, UserActor
from api.core.actor import Actor
from api.core.conditional import IfMatchDep
from api.core.http import Reply, ReplyDep, creating, op, page_response
from api.core.pagination import PageDep
from api.events.events import logic
from api.events.models import Event
from api.events.schemas import Audience, EventCreate, EventRead, EventUpdate, Kind, OccurrenceList

router = APIRouter(prefix="/events", tags=["events"])


@dataclass(frozen=True)
class EventReply(Reply):
    """The core reply and the caller (what an event shows depends on who asks); ``event`` sends one
    event with its ETag."""

    actor: Actor

    def read(self, event: Event) -> EventRead:
        return logic.to_read(self.session, event, self.actor, self.locale)

    def event(self, event: Event) -> EventRead:
        return self.tagged(event.version, self.read(event))


async def _reader(actor: ActorDep, reply: ReplyDep) -> EventReply:
    return EventReply(reply.request, reply.response, reply.session, reply.locale, actor)


async def _organiser(actor: UserActor, reply: ReplyDep) -> EventReply:
    return EventReply(reply.request, reply.response, reply.session, reply.locale, actor)


Reader = Annotated[EventReply, Depends(_reader)]
Organiser = Annotated[EventReply, Depends(_organiser)]


@router.get("", **op(OccurrenceList, "Event occurrences in a window, soonest first", (400, 422)))
def list_events(
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
    return page_response(reply.request, reply.response, OccurrenceList(items=items, next_cursor=cursor))


@router.post("", **creating(EventRead, "Create an event (organisers)", (401, 403, 404, 422)))
def create_event(reply: Organiser, body: EventCreate) -> EventRead:
    event = logic.create(reply.session, actor=reply.actor, data=body)
    return reply.created(event.id, event.version, reply.read(event))


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
