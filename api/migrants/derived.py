"""Derived indicators from case management (protocol: :mod:`api.indicators.providers`).

* ``referrals_completed`` — referrals that reached ``completed`` in the period, by legal status.
* ``median_days_to_first_service`` — for people registered in the period whose first referral was
  completed (as of the run), the median of days from registration to that referral's start.

Consent: these are aggregates with small-cell suppression done by the indicators engine; nobody
can be picked out of them, so everyone is counted, with or without the ``statistics`` consent
(that consent covers uses beyond anonymous aggregates, such as surveys, which Langelis does not
make). Erased people keep counting: erasure keeps legal status, dates and referral states.
"""

from __future__ import annotations

import statistics
import uuid
from collections import defaultdict
from collections.abc import Iterable
from datetime import UTC, datetime

import sqlalchemy as sa
from sqlmodel import Session, col

from api.indicators.providers import DerivedCell, Scope
from api.migrants.models import Person, Referral


def referral_counts(
    session: Session,
    *,
    municipality_ids: list[uuid.UUID],
    start: datetime | None = None,
    end: datetime | None = None,
) -> dict[str, tuple[int, int]]:
    """Completed referrals and distinct people per legal status."""
    stmt = (
        sa.select(
            col(Person.legal_status), sa.func.count(), sa.func.count(sa.distinct(col(Referral.person_id)))
        )
        .select_from(Referral)
        .join(Person, col(Person.id) == Referral.person_id)
        .where(col(Referral.municipality_id).in_(municipality_ids), col(Referral.status) == "completed")
        .group_by(col(Person.legal_status))
    )
    if start is not None:
        stmt = stmt.where(col(Referral.finished_at) >= start)
    if end is not None:
        stmt = stmt.where(col(Referral.finished_at) < end)
    return {status: (int(n), int(p)) for status, n, p in session.execute(stmt).all()}


class ReferralsCompleted:
    indicator = "referrals_completed"
    period_types = ("year", "quarter", "month")

    def compute(self, session: Session, scope: Scope) -> Iterable[DerivedCell]:
        start, end = scope.bounds()
        counts = referral_counts(session, municipality_ids=list(scope.municipality_ids), start=start, end=end)
        total = sum(n for n, _ in counts.values())
        people = sum(p for _, p in counts.values())
        yield DerivedCell(value=float(total), people=people)
        for status, (n, p) in counts.items():
            yield DerivedCell(value=float(n), people=p, breakdowns={"legal_status": status})


class MedianDaysToFirstService:
    indicator = "median_days_to_first_service"
    period_types = ("year", "quarter")

    def compute(self, session: Session, scope: Scope) -> Iterable[DerivedCell]:
        start, end = scope.bounds()
        first = (
            sa.select(col(Referral.person_id), sa.func.min(col(Referral.started_at)).label("first_start"))
            .where(
                col(Referral.municipality_id).in_(scope.municipality_ids),
                col(Referral.status) == "completed",
                col(Referral.started_at) < scope.as_of,
            )
            .group_by(col(Referral.person_id))
            .subquery()
        )
        rows = session.execute(
            sa.select(col(Person.legal_status), col(Person.created_at), first.c.first_start)
            .join(first, first.c.person_id == Person.id)
            .where(col(Person.created_at) >= start, col(Person.created_at) < end)
        ).all()
        by_status: dict[str, list[float]] = defaultdict(list)
        for status, created, started in rows:
            if started is None:
                continue
            if started.tzinfo is None:
                started = started.replace(tzinfo=UTC)
            by_status[status].append(max(0.0, (started - created).total_seconds() / 86400))
        everyone = [d for days in by_status.values() for d in days]
        if not everyone:
            return
        yield DerivedCell(value=round(statistics.median(everyone), 1), people=len(everyone))
        for status, days in by_status.items():
            yield DerivedCell(
                value=round(statistics.median(days), 1), people=len(days), breakdowns={"legal_status": status}
            )


providers = [ReferralsCompleted(), MedianDaysToFirstService()]
