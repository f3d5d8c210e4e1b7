"""Creating, changing, cancelling and listing events (occurrences expanded in a window)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from api.core.actor import Actor
from api.core.conditional import IfMatch, claim
from api.core.db import found, utcnow
from api.core.errors import forbidden, unprocessable
from api.core.i18n import Locale
from api.core.pagination import PageParams, decode_cursor, encode_cursor
from api.core.translatable import by_model
from api.core.translation_status import status_maps, text_meta
from api.events import notices, partners, scope
from api.events.models import Event, EventRegistration
from api.events.recurrence import check_rule, occurrences, zone
from api.events.schemas import EventCreate, EventRead, EventUpdate, Occurrence
from api.ideas.access import slug_of
from api.municipalities.logic import resolve_slug


def _validate(event: Event) -> None:
    if event.ends_at <= event.starts_at:
        raise unprocessable("An event must end after it starts.")
    zone(event.timezone)
    event.recurs_until = check_rule(event.rrule, event.starts_at, event.timezone) if event.rrule else None
    if event.recurs_until is None and not event.rrule:
        event.recurs_until = event.starts_at


def create(session: Session, *, actor: Actor, data: EventCreate) -> Event:
    muni = resolve_slug(session, data.municipality)
    if not scope.can_organise_in(session, actor, muni.id):
        raise forbidden("You do not organise events in this municipality.")
    values = data.model_dump(exclude={"municipality"})
    event = Event(
        **values,
        municipality_id=muni.id,
        organiser_id=actor.id,
        created_by=actor.id,
        organization_id=actor.organization_id if actor.role == "provider" else None,
    )
    _validate(event)
    session.add(event)
    session.flush()
    partners.changed(session, event, "published")
    return event


def update(session: Session, *, event: Event, data: EventUpdate, if_match: IfMatch) -> Event:
    claim(session, event, if_match)
    changes = data.model_dump(exclude_unset=True)
    for key, value in changes.items():
        setattr(event, key, value)
    _validate(event)
    event.updated_at = utcnow()
    session.flush()
    partners.changed(session, event, "updated", sorted(changes))
    notices.everyone(session, event, notices.CHANGED, "event_changed")
    return event


def cancel(session: Session, *, event: Event, if_match: IfMatch) -> Event:
    claim(session, event, if_match)
    event.status = "cancelled"
    event.updated_at = utcnow()
    session.flush()
    partners.changed(session, event, "cancelled")
    notices.everyone(session, event, notices.CANCELLED, "event_cancelled")
    return event


def my_status(session: Session, event: Event, actor: Actor) -> str | None:
    if actor.id is None:
        return None
    stmt = select(EventRegistration.status).where(
        EventRegistration.event_id == event.id, EventRegistration.user_id == actor.id
    )
    return session.exec(stmt).first()


def to_read(
    session: Session,
    event: Event,
    actor: Actor,
    locale: Locale,
    *,
    mine: str | None = "?",
    statuses: dict[Any, dict[str, dict[str, str]]] | None = None,
) -> EventRead:
    status = my_status(session, event, actor) if mine == "?" else mine
    manages = (
        actor.kind == "user"
        and session.exec(scope.managed_events(session, actor).where(Event.id == event.id)).first() is not None
    )
    sees_link = manages or status == "confirmed"
    return EventRead(
        **event.model_dump(
            include={
                "id",
                "kind",
                "starts_at",
                "ends_at",
                "timezone",
                "rrule",
                "location_id",
                "address",
                "audience",
                "languages",
                "cost",
                "capacity",
                "confirmed_count",
                "service_id",
                "budget_project_id",
                "questions",
                "status",
                "version",
            }
        ),
        municipality=slug_of(session, event.municipality_id),
        title=locale.text(event.title),
        description=locale.text(event.description),
        accessibility=locale.text(event.accessibility),
        **text_meta(session, event, locale, statuses),
        online=bool(event.online_url),
        online_url=event.online_url if sees_link else None,
        my_registration=status,
        can_manage=manages,
    )


def _filters(session: Session, f: dict[str, Any]) -> list[Any]:
    clauses: list[Any] = []
    if f.get("municipality"):
        clauses.append(col(Event.municipality_id) == resolve_slug(session, f["municipality"]).id)
    if f.get("kind"):
        clauses.append(col(Event.kind) == f["kind"])
    if f.get("audience"):
        clauses.append(col(Event.audience) == f["audience"])
    if f.get("organiser"):
        clauses.append(col(Event.organiser_id) == f["organiser"])
    return clauses


def _matches(event: Event, f: dict[str, Any]) -> bool:
    if f.get("language") and f["language"] not in event.languages:
        return False
    q = (f.get("q") or "").strip().lower()
    if q:
        text = " ".join([*event.title.values(), *event.description.values(), event.address or ""]).lower()
        return q in text
    return True


def window(start: datetime | None, end: datetime | None) -> tuple[datetime, datetime]:
    lo = (start or utcnow()).astimezone(UTC) if (start is None or start.tzinfo) else start.replace(tzinfo=UTC)
    hi = (end.astimezone(UTC) if end.tzinfo else end.replace(tzinfo=UTC)) if end else lo + timedelta(days=366)
    if hi <= lo or hi - lo > timedelta(days=3 * 366):
        raise unprocessable("`to` must be after `from`, at most three years later.")
    return lo, hi


def events_in(session: Session, f: dict[str, Any], win: tuple[datetime, datetime]) -> list[Event]:
    lo, hi = win
    # A one-off event that ended before the window cannot show in it: left out in SQL, so the
    # past does not grow every calendar read (repeating ones are checked below, rule by rule).
    stmt = select(Event).where(
        *_filters(session, f),
        col(Event.starts_at) < hi,
        sa.or_(col(Event.rrule).is_not(None), col(Event.ends_at) > lo),
    )
    rows = [e for e in session.exec(stmt).all() if _matches(e, f)]
    return [e for e in rows if e.recurs_until is None or e.recurs_until >= lo - (e.ends_at - e.starts_at)]


def list_occurrences(
    session: Session,
    *,
    actor: Actor,
    locale: Locale,
    params: PageParams,
    f: dict[str, Any],
    win: tuple[datetime, datetime],
) -> tuple[list[Occurrence], str | None]:
    upcoming: list[tuple[datetime, uuid.UUID, datetime, Event]] = []
    after: tuple[datetime, uuid.UUID] | None = None
    if params.cursor:
        at, eid = decode_cursor(params.cursor, "occurrences", 2)
        after = (at, eid)
    for event in events_in(session, f, win):
        for start, end in occurrences(event.starts_at, event.ends_at, event.timezone, event.rrule, win):
            if after is None or (start, str(event.id)) > (after[0], str(after[1])):
                upcoming.append((start, event.id, end, event))
    upcoming.sort(key=lambda o: (o[0], str(o[1])))
    page = upcoming[: params.limit]
    cursor = (
        encode_cursor("occurrences", [page[-1][0], page[-1][1]]) if len(upcoming) > params.limit else None
    )
    reads: dict[uuid.UUID, Any] = {}
    items = []
    # The page's translation statuses in one query (with translations=all).
    events = list({eid: event for _, eid, _, event in page}.values())
    entry = by_model(Event)
    statuses = (
        status_maps(session, entry.record_type, events, entry.fields)
        if locale.all_translations and entry is not None
        else None
    )
    for start, eid, end, event in page:
        if eid not in reads:
            reads[eid] = to_read(session, event, actor, locale, statuses=statuses)
        items.append(Occurrence(event_id=eid, starts_at=start, ends_at=end, event=reads[eid]))
    return items, cursor


def get_managed(session: Session, actor: Actor, event_id: uuid.UUID) -> Event:
    return found(session, scope.managed_events(session, actor).where(Event.id == event_id), "event")


def get_readable(session: Session, event_id: uuid.UUID) -> Event:
    return found(session, scope.readable_events().where(Event.id == event_id), "event")
