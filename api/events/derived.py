"""Derived indicator ``event_participants`` (see :mod:`api.indicators.providers`): people who
attended (or, where attendance was not marked, were confirmed for) events that started in the
period, in total, by event kind and by residence (resident/diaspora). Cancelled events never count.
Each cell says how many distinct people are behind it so the engine suppresses small cells."""

from __future__ import annotations

from collections.abc import Iterator

import sqlalchemy as sa
from sqlmodel import Session

from api.events.models import Event, EventRegistration
from api.events.scope import in_municipalities
from api.indicators.providers import DerivedCell, Scope

RESIDENCES = ("resident", "diaspora")


class EventParticipants:
    indicator = "event_participants"
    period_types = ("year", "quarter", "month")

    def compute(self, session: Session, scope: Scope) -> Iterator[DerivedCell]:
        ev = Event.__table__  # type: ignore[attr-defined]
        reg = EventRegistration.__table__  # type: ignore[attr-defined]
        start, end = scope.bounds()
        where = (
            in_municipalities(ev.c.municipality_id, scope.municipality_ids),
            ev.c.status == "scheduled",
            ev.c.starts_at >= start,
            ev.c.starts_at < end,
            reg.c.status == "confirmed",
            reg.c.attended.is_not(False),
            reg.c.created_at <= scope.as_of,
        )
        base = sa.select().select_from(reg.join(ev, ev.c.id == reg.c.event_id)).where(*where)
        people = sa.func.count(sa.distinct(reg.c.user_id))
        total, distinct = session.execute(base.add_columns(sa.func.count(), people)).one()
        yield DerivedCell(value=float(total), people=int(distinct))
        for column, key in ((ev.c.kind, "event_kind"), (reg.c.residence, "residence")):
            for value, count, n in session.execute(
                base.add_columns(column, sa.func.count(), people).group_by(column)
            ):
                if key == "event_kind" or value in RESIDENCES:
                    yield DerivedCell(value=float(count), people=int(n), breakdowns={key: value})


providers = [EventParticipants()]
