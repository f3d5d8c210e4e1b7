"""Derived indicator ``event_participants`` (see :mod:`api.indicators.providers`): people who
attended (or, where attendance was not marked, were confirmed for) events that started in the
period, in total, by event kind and by residence (resident/diaspora). Cancelled events never count.
Each cell says how many distinct people are behind it so the engine suppresses small cells."""

from __future__ import annotations

from collections.abc import Iterator

import sqlalchemy as sa
from sqlmodel import Session

from api.events.models import EVENTS, REGS
from api.events.scope import in_municipalities
from api.indicators.providers import DerivedCell, Scope

RESIDENCES = ("resident", "diaspora")


class EventParticipants:
    indicator = "event_participants"
    period_types = ("year", "quarter", "month")

    def compute(self, session: Session, scope: Scope) -> Iterator[DerivedCell]:
        start, end = scope.bounds()
        where = (
            in_municipalities(EVENTS.c.municipality_id, scope.municipality_ids),
            EVENTS.c.status == "scheduled",
            EVENTS.c.starts_at >= start,
            EVENTS.c.starts_at < end,
            REGS.c.status == "confirmed",
            REGS.c.attended.is_not(False),
            REGS.c.created_at <= scope.as_of,
        )
        base = sa.select().select_from(REGS.join(EVENTS, EVENTS.c.id == REGS.c.event_id)).where(*where)
        people = sa.func.count(sa.distinct(REGS.c.user_id))
        total, distinct = session.execute(base.add_columns(sa.func.count(), people)).one()
        yield DerivedCell(value=float(total), people=int(distinct))
        for column, key in ((EVENTS.c.kind, "event_kind"), (REGS.c.residence, "residence")):
            for value, count, n in session.execute(
                base.add_columns(column, sa.func.count(), people).group_by(column)
            ):
                if key == "event_kind" or value in RESIDENCES:
                    yield DerivedCell(value=float(count), people=int(n), breakdowns={key: value})


providers = [EventParticipants()]
