"""Publishing: a set (indicator × place × period, with its sub-periods) goes public, or back to draft."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import sqlalchemy as sa
from sqlmodel import Session, col

from api.core import audit
from api.core.actor import Actor
from api.core.db import utcnow
from api.core.errors import ProblemError, unprocessable
from api.indicators import periods, places
from api.indicators.analytics.rebuild import build_soon
from api.indicators.data.schemas import PublishRequest
from api.indicators.definitions.logic import definitions_by_code, is_computed
from api.indicators.models import Observation
from api.indicators.scope import place_allowed, tenant


def publish(session: Session, *, actor: Actor, data: PublishRequest, publish: bool, today: date) -> int:
    """Publish (or withdraw) every observation of the sets (indicator × place × period).

    A period covers its sub-periods: publishing ``2024`` publishes 2024, its quarters and months.
    """
    defs = definitions_by_code(session, actor=actor)
    unknown = [c for c in data.indicators if c not in defs]
    if unknown:
        raise _unknown_body("indicators", unknown)
    computed = [c for c in data.indicators if is_computed(defs[c])]
    if computed:
        raise unprocessable(
            "Computed indicators have no observations of their own: publish their numerator and denominator.",
            errors=[
                {"loc": ["body", "indicators"], "msg": f"computed '{c}'", "type": "value_error"}
                for c in computed
            ],
        )
    geo = places.geography(session)
    try:
        chosen = geo.select_all(data.places)
    except places.PlaceError as exc:
        raise _unknown_body("places", str(exc).split(", ")) from exc
    outside = [p.code for p in chosen if not place_allowed(actor, p)]
    if outside:
        raise ProblemError(
            403,
            f"You may publish data of your own municipality only, not: {', '.join(outside)}.",
            slug="forbidden",
        )
    try:
        chosen_periods = periods.expand_all(data.periods, today)
    except periods.PeriodError as exc:
        raise unprocessable(
            str(exc), errors=[{"loc": ["body", "periods"], "msg": str(exc), "type": "value_error"}]
        ) from exc
    period_match = sa.or_(
        *[
            sa.and_(
                col(Observation.period_start) >= p.start,
                col(Observation.period_end) <= p.end,
                col(Observation.period_rank) >= p.rank,
            )
            for p in chosen_periods
        ]
    )
    now = utcnow()
    stmt = (
        sa.update(Observation)
        .where(col(Observation.indicator_id).in_([defs[c].id for c in data.indicators]))
        .where(col(Observation.place).in_([p.code for p in chosen]))
        .where(period_match)
        .where(col(Observation.status) == ("draft" if publish else "published"))
        .values(
            status="published" if publish else "draft",
            published_at=now if publish else None,
            updated_at=now,
        )
        .execution_options(synchronize_session=False)
    )
    count = session.execute(stmt).rowcount  # type: ignore[attr-defined]
    audit.record(
        session,
        actor=actor,
        action="publish" if publish else "unpublish",
        record_type="indicator_set",
        record_id=",".join(data.indicators)[:64],
        municipality_id=tenant(actor),
        details={
            "indicators": data.indicators,
            "places": [p.code for p in chosen][:100],
            "periods": [p.code for p in chosen_periods][:100],
            "observations": count,
        },
    )
    if count:
        build_soon(session)
    return int(count or 0)


def _unknown_body(field: str, codes: Sequence[str]) -> ProblemError:
    return unprocessable(
        f"Unknown {field}: {', '.join(codes)}.",
        errors=[{"loc": ["body", field], "msg": f"unknown '{c}'", "type": "unknown_code"} for c in codes],
    )
