"""iCalendar routes: ``.ics`` per event, municipality and organiser feeds, and the private feed of
a person's registrations (its URL carries a revocable secret token)."""

from __future__ import annotations

import uuid
from typing import Any

from fastapi import APIRouter, Request, Response

from api.accounts.deps import UserActor
from api.core.db import SessionDep
from api.core.http import NoStore, op
from api.core.i18n import LocaleDep
from api.events.events.logic import get_readable
from api.events.feeds import logic
from api.events.schemas import FeedToken
from api.municipalities.logic import resolve_slug

CALENDAR: dict[int | str, dict[str, Any]] = {
    200: {"content": {"text/calendar": {}}, "description": "An RFC 5545 calendar"}
}
router = APIRouter(tags=["events"])
private = APIRouter(tags=["events"], dependencies=[NoStore])


def _ics(body: bytes, *, private_feed: bool = False) -> Response:
    headers = {"Cache-Control": "no-store" if private_feed else "public, max-age=300"}
    return Response(body, media_type="text/calendar; charset=utf-8", headers=headers)


@router.get("/events/{event_id}.ics", **op(None, "One event as iCalendar", (404,), responses=CALENDAR))
def event_ics(event_id: uuid.UUID, session: SessionDep, locale: LocaleDep) -> Response:
    event = get_readable(session, event_id)
    return _ics(logic.calendar([event], name="Langelis", lang=locale.lang))


@router.get(
    "/event-feeds/municipalities/{slug}.ics",
    **op(None, "A municipality's events", (404, 422), responses=CALENDAR),
)
def municipality_feed(slug: str, session: SessionDep, locale: LocaleDep) -> Response:
    muni = resolve_slug(session, slug)
    return _ics(logic.calendar(logic.municipality_events(session, muni.id), name=slug, lang=locale.lang))


@router.get(
    "/event-feeds/organisers/{organiser_id}.ics",
    **op(None, "An organiser's events", (404,), responses=CALENDAR),
)
def organiser_feed(organiser_id: uuid.UUID, session: SessionDep, locale: LocaleDep) -> Response:
    events = logic.organiser_events(session, organiser_id)
    return _ics(logic.calendar(events, name="Langelis", lang=locale.lang))


@private.get(
    "/event-feeds/private/{token}.ics",
    **op(None, "My registrations (private feed)", (404,), responses=CALENDAR),
)
def private_feed(token: str, session: SessionDep, locale: LocaleDep) -> Response:
    events = logic.my_events(session, token)
    return _ics(logic.calendar(events, name="Langelis", lang=locale.lang, links=True), private_feed=True)


@private.post(
    "/me/event-feed", **op(FeedToken, "Create (or replace) my private feed URL", (401,), status=201)
)
def create_feed(request: Request, session: SessionDep, actor: UserActor) -> FeedToken:
    assert actor.id is not None
    token = logic.new_token(session, actor.id)
    return FeedToken(url=str(request.url_for("private_feed", token=token)))


@private.delete("/me/event-feed", **op(None, "Revoke my private feed URL", (401,), status=204))
def revoke_feed(session: SessionDep, actor: UserActor) -> Response:
    assert actor.id is not None
    logic.revoke(session, actor.id)
    return Response(status_code=204)
