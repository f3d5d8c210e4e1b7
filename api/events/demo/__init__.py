"""Demo events: a year of realistic events in Vilnius, Kaunas and Klaipėda — the recurring diaspora
gathering on 26 December, a summer camp, weekly Lithuanian conversation clubs, intercultural
festivals, workshops, a streamed sports tournament — with some registrations and a diaspora group
granted the organiser role."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlmodel import Session, col, select

from api.accounts.models import User
from api.core.db import utcnow
from api.events.models import Event, EventOrganiser, EventRegistration
from api.events.recurrence import check_rule
from api.ideas.categories import residence_of
from api.municipalities.logic import get_by_slug

VILNIUS = ZoneInfo("Europe/Vilnius")
# The demo events (four languages where the public reads them). ``when`` is [month, day, hour] in
# Vilnius time — the next such date — or [0, days_from_today, hour].
EVENTS: list[dict[str, Any]] = json.loads((Path(__file__).parent / "events.json").read_text("utf-8"))
COORDINATORS = {
    "vilniaus-m": "koordinatore.vilnius@demo.langelis.lt",
    "kauno-m": "koordinatorius.kaunas@demo.langelis.lt",
    "klaipedos-m": "koordinatorius.klaipeda@demo.langelis.lt",
}


def _user(session: Session, email: str) -> User | None:
    return session.exec(select(User).where(User.email == email)).first()


def _start(spec: dict, today: datetime) -> datetime:
    month, day, hour = spec["when"]
    if month == 0:  # relative: ``day`` days from today
        local = (today + timedelta(days=day)).replace(hour=hour, minute=0, second=0, microsecond=0)
    else:
        year = today.year if (month, day) >= (today.month, today.day) else today.year + 1
        local = datetime(year, month, day, hour, 0)
    return local.replace(tzinfo=VILNIUS).astimezone(UTC)


def seed(session: Session) -> list[str]:
    today = utcnow().astimezone(VILNIUS).replace(tzinfo=None)
    diaspora = _user(session, "diaspora@demo.langelis.lt")
    vilnius = get_by_slug(session, "vilniaus-m")
    coordinator = _user(session, COORDINATORS["vilniaus-m"])
    if diaspora is not None:
        session.add(
            EventOrganiser(
                user_id=diaspora.id,
                municipality_id=vilnius.id,
                group_name="Airijos lietuvių bendruomenė",
                granted_by=coordinator.id if coordinator else None,
            )
        )
    made: list[Event] = []
    for spec in EVENTS:
        muni = get_by_slug(session, spec["city"])
        organiser = diaspora if spec.get("by_diaspora") else _user(session, COORDINATORS[spec["city"]])
        start = _start(spec, today)
        event = Event(
            municipality_id=muni.id,
            organiser_id=organiser.id if organiser else None,
            created_by=organiser.id if organiser else None,
            title=spec["title"],
            description=spec["description"],
            kind=spec["kind"],
            starts_at=start,
            ends_at=start + timedelta(hours=spec.get("hours", 2)),
            rrule=spec.get("rrule"),
            address=spec.get("address"),
            online_url=spec.get("online_url"),
            audience=spec.get("audience", "everyone"),
            languages=spec.get("languages", ["lt"]),
            cost=spec.get("cost"),
            capacity=spec.get("capacity"),
            accessibility=spec.get("accessibility", {}),
            questions=spec.get("questions", []),
        )
        event.recurs_until = check_rule(event.rrule, start, event.timezone) if event.rrule else start
        session.add(event)
        made.append(event)
    session.flush()
    people = session.exec(
        select(User).where(col(User.role) == "resident").order_by(col(User.email)).limit(40)
    ).all()
    count = 0
    for i, event in enumerate(made):
        for person in people[i % 3 :: 3][: min(len(people), (event.capacity or 12) + 2)]:
            full = event.capacity is not None and event.confirmed_count >= event.capacity
            session.add(
                EventRegistration(
                    event_id=event.id,
                    user_id=person.id,
                    status="waitlisted" if full else "confirmed",
                    residence=residence_of(person.country),
                )
            )
            if not full:
                event.confirmed_count += 1
            count += 1
    session.flush()
    return [f"demo data for events: {len(made)} events, {count} registrations"]
