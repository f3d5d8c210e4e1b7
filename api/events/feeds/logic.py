"""iCalendar (RFC 5545) feeds written with the ``icalendar`` library; recurrence stays an RRULE.

Feeds: one event, a municipality's events, an organiser's events, and a person's own registrations
through a private URL whose secret token is stored hashed and can be revoked (a new one replaces it).
"""

from __future__ import annotations

import secrets
import uuid
from collections.abc import Iterable

from icalendar import Calendar, vRecur
from icalendar import Event as VEvent
from sqlmodel import Session, col, select

from api.core.db import found, utcnow
from api.core.security import hash_token
from api.events import scope
from api.events.models import Event, EventFeedToken, EventRegistration
from api.events.recurrence import zone

PRODID = "-//Langelis//Events//EN"


def _text(texts: dict[str, str], lang: str) -> str:
    return texts.get(lang) or texts.get("lt") or next(iter(texts.values()), "")


def calendar(events: Iterable[Event], *, name: str, lang: str, links: bool = False) -> bytes:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    for event in events:
        tz = zone(event.timezone)
        item = VEvent()
        item.add("uid", f"{event.id}@langelis")
        item.add("dtstamp", event.updated_at)
        item.add("dtstart", event.starts_at.astimezone(tz))
        item.add("dtend", event.ends_at.astimezone(tz))
        item.add("summary", _text(event.title, lang))
        if event.description:
            item.add("description", _text(event.description, lang))
        if event.address:
            item.add("location", event.address)
        elif links and event.online_url:
            item.add("location", event.online_url)
        if event.rrule:
            item.add("rrule", vRecur.from_ical(event.rrule))
        item.add("status", "CANCELLED" if event.status == "cancelled" else "CONFIRMED")
        item.add("sequence", event.version - 1)
        item.add("categories", [event.kind])
        cal.add_component(item)
    cal.add_missing_timezones()
    return cal.to_ical()


def municipality_events(session: Session, municipality_id: uuid.UUID) -> list[Event]:
    return list(session.exec(scope.municipality_events(municipality_id)).all())


def organiser_events(session: Session, organiser_id: uuid.UUID) -> list[Event]:
    stmt = select(Event).where(Event.organiser_id == organiser_id).order_by(col(Event.starts_at))
    return list(session.exec(stmt).all())


def new_token(session: Session, user_id: uuid.UUID) -> str:
    """A fresh secret for the person's private feed; any earlier one stops working."""
    token = "lgf_" + secrets.token_urlsafe(24)
    row = session.get(EventFeedToken, user_id)
    if row is None:
        session.add(EventFeedToken(user_id=user_id, token_hash=hash_token(token)))
    else:
        row.token_hash, row.created_at = hash_token(token), utcnow()
    session.flush()
    return token


def revoke(session: Session, user_id: uuid.UUID) -> None:
    row = session.get(EventFeedToken, user_id)
    if row is not None:
        session.delete(row)
        session.flush()


def my_events(session: Session, token: str) -> list[Event]:
    feed = found(
        session, select(EventFeedToken).where(EventFeedToken.token_hash == hash_token(token)), "feed"
    )
    stmt = (
        select(Event)
        .join(EventRegistration, col(EventRegistration.event_id) == Event.id)
        .where(EventRegistration.user_id == feed.user_id, EventRegistration.status == "confirmed")
        .order_by(col(Event.starts_at))
    )
    return list(session.exec(stmt).all())
