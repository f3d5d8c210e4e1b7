"""Registration with capacity and a waitlist. Seats are taken with one conditional UPDATE of the
event's counter (never read-modify-write), so concurrent registrations never overbook and a
cancellation promotes the next waitlisted person exactly once."""

from __future__ import annotations

import csv
import io
import uuid

import sqlalchemy as sa
from sqlmodel import Session, col, select

from api.accounts.models import User
from api.core.actor import Actor
from api.core.db import utcnow
from api.core.errors import conflict, not_found
from api.events import notices
from api.events.models import EVENTS, REGS, Event, EventRegistration
from api.ideas.categories import residence_of


def _take_seat(session: Session, event_id: uuid.UUID) -> bool:
    stmt = (
        sa.update(EVENTS)
        .where(
            EVENTS.c.id == event_id,
            sa.or_(EVENTS.c.capacity.is_(None), EVENTS.c.confirmed_count < EVENTS.c.capacity),
        )
        .values(confirmed_count=EVENTS.c.confirmed_count + 1)
    )
    return session.execute(stmt).rowcount == 1  # type: ignore[attr-defined]


def _free_seat(session: Session, event_id: uuid.UUID) -> None:
    session.execute(
        sa.update(EVENTS)
        .where(EVENTS.c.id == event_id, EVENTS.c.confirmed_count > 0)
        .values(confirmed_count=EVENTS.c.confirmed_count - 1)
    )


def register(session: Session, *, actor: Actor, event: Event, answers: dict[str, str]) -> EventRegistration:
    if event.status != "scheduled":
        raise conflict("The event is cancelled.", slug="event-cancelled")
    assert actor.id is not None
    existing = session.exec(
        select(EventRegistration).where(
            EventRegistration.event_id == event.id, EventRegistration.user_id == actor.id
        )
    ).first()
    if existing is not None and existing.status != "cancelled":
        raise conflict("You are already registered.", slug="already-registered")
    user = session.get(User, actor.id)
    status = "confirmed" if _take_seat(session, event.id) else "waitlisted"
    if existing is None:
        existing = EventRegistration(
            event_id=event.id,
            user_id=actor.id,
            status=status,
            residence=residence_of(user.country if user else None),
            answers=answers,
        )
        session.add(existing)
    else:
        existing.status, existing.answers, existing.created_at = status, answers, utcnow()
    session.flush()
    template = notices.REGISTERED if status == "confirmed" else notices.WAITLISTED
    notices.one(session, event, actor.id, template, f"event_{status}")
    return existing


def _promote(session: Session, event: Event) -> None:
    """Give a freed seat to the first waitlisted person; each claim is conditional on the row still
    waiting, so two cancellations never promote the same person."""
    while _take_seat(session, event.id):
        first = session.execute(
            sa.select(REGS.c.id, REGS.c.user_id)
            .where(REGS.c.event_id == event.id, REGS.c.status == "waitlisted")
            .order_by(REGS.c.created_at, REGS.c.id)
            .limit(1)
        ).first()
        if first is None:
            _free_seat(session, event.id)
            return
        won = session.execute(
            sa.update(REGS)
            .where(REGS.c.id == first.id, REGS.c.status == "waitlisted")
            .values(status="confirmed", updated_at=utcnow())
        ).rowcount  # type: ignore[attr-defined]
        if won == 1:
            notices.one(session, event, first.user_id, notices.PROMOTED, "event_promoted")
            return
        _free_seat(session, event.id)


def unregister(session: Session, *, actor: Actor, event: Event) -> None:
    row = session.execute(
        sa.select(REGS.c.id, REGS.c.status).where(REGS.c.event_id == event.id, REGS.c.user_id == actor.id)
    ).first()
    if row is None or row.status == "cancelled":
        raise not_found("registration")
    done = session.execute(
        sa.update(REGS)
        .where(REGS.c.id == row.id, REGS.c.status == row.status)
        .values(status="cancelled", updated_at=utcnow())
    ).rowcount  # type: ignore[attr-defined]
    if done == 1 and row.status == "confirmed":
        _free_seat(session, event.id)
        _promote(session, event)
    session.expire_all()


def registrations(session: Session, event: Event) -> list[tuple[EventRegistration, str]]:
    stmt = (
        select(EventRegistration, User.display_name)
        .join(User, col(User.id) == EventRegistration.user_id)
        .where(EventRegistration.event_id == event.id)
        .order_by(col(EventRegistration.created_at), col(EventRegistration.id))
    )
    return [(r, n) for r, n in session.exec(stmt).all()]


def mark_attendance(
    session: Session, event: Event, registration_id: uuid.UUID, attended: bool
) -> EventRegistration:
    reg = session.get(EventRegistration, registration_id)
    if reg is None or reg.event_id != event.id:
        raise not_found("registration")
    reg.attended, reg.updated_at = attended, utcnow()
    session.flush()
    return reg


def export_csv(session: Session, event: Event) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["name", "status", "residence", "attended", "registered_at", *event.questions])
    for reg, name in registrations(session, event):
        writer.writerow(
            [
                name,
                reg.status,
                reg.residence,
                "" if reg.attended is None else reg.attended,
                reg.created_at.isoformat(),
                *[reg.answers.get(q, "") for q in event.questions],
            ]
        )
    return out.getvalue()


def mine(session: Session, actor: Actor) -> list[tuple[EventRegistration, Event]]:
    stmt = (
        select(EventRegistration, Event)
        .join(Event, col(Event.id) == EventRegistration.event_id)
        .where(EventRegistration.user_id == actor.id, EventRegistration.status != "cancelled")
        .order_by(col(Event.starts_at))
    )
    return [(r, e) for r, e in session.exec(stmt).all()]
