"""The SQL of analytics: the time roll-up of one loaded indicator, then the place roll-up.

:func:`time_sql` matches each observation to every asked period containing it and rolls it up by the
indicator's aggregation (one granularity per period: its own if loaded, else the coarsest finer one).
:func:`cells_sql` adds the counties and Lithuania asked for, from their municipalities' rolled cells
(sum or mean, suppressed when a member is), beside the cells of the asked places themselves
(``direct``: a value loaded for a county wins over its roll-up, see :mod:`.logic`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import sqlalchemy as sa

from api.core.actor import Actor
from api.indicators import places
from api.indicators.analytics.query import Query
from api.indicators.models import IndicatorDefinition, Observation
from api.indicators.scope import in_municipalities, visible
from api.indicators.vocab import breakdown_key

OBS = Observation.__table__  # type: ignore[attr-defined]


def filter_conditions(key: Any, filters: dict[str, list[str]]) -> list[Any]:
    """Rows whose breakdown key (column ``key``) holds one of each filter's chosen values."""
    wrapped = sa.literal("|") + key + sa.literal("|")
    return [sa.or_(*[wrapped.like(f"%|{name}={v}|%") for v in values]) for name, values in filters.items()]


def time_sql(q: Query, d: IndicatorDefinition, actor: Actor) -> Any:
    c = OBS.c
    rp = sa.union_all(
        *[
            sa.select(
                sa.literal(p.code, sa.String).label("rp"),
                sa.literal(p.start, sa.Date).label("ps"),
                sa.literal(p.end, sa.Date).label("pe"),
                sa.literal(p.rank, sa.Integer).label("pr"),
            )
            for p in q.periods
        ]
    ).cte("rp")
    used = sorted(set(q.dims) | set(q.filters))
    _, dims_text = breakdown_key(dict.fromkeys(used, ""))
    conditions: list[Any] = [
        c.indicator_id == d.id,
        c.breakdown_dims == dims_text,
        # The whole asked span, so the index range scan reads only these periods' rows.
        c.period_start >= min(p.start for p in q.periods),
        c.period_start <= max(p.end for p in q.periods),
        c.period_rank >= min(p.rank for p in q.periods),
    ]
    members: set[Any] = set()
    direct: set[str] = set()
    for p in q.places:
        if p.level == places.MUNICIPALITY:
            members.add(p.municipality_id)
        else:
            members |= p.members
            direct.add(p.code)
    place_conditions = []
    if members:
        municipal = c.place_level == places.MUNICIPALITY
        if len(members) < 60:
            municipal = sa.and_(municipal, in_municipalities(c.municipality_id, members))
        place_conditions.append(municipal)
    if direct:
        place_conditions.append(c.place.in_(sorted(direct)))
    conditions.append(sa.or_(*place_conditions))
    conditions += filter_conditions(c.breakdown_key, q.filters)
    visibility = visible(actor, OBS, published_only=q.published_only)
    if visibility is not None:
        conditions.append(visibility)

    # Every observation of an asked period's span at its granularity or finer, with the period.
    o = (
        sa.select(
            rp.c.rp,
            rp.c.pr,
            c.place,
            c.place_level,
            c.county,
            c.breakdown_key,
            c.value,
            c.suppressed,
            c.provisional,
            c.estimated,
            c.break_in_series,
            c.status,
            c.period_rank,
            c.period_start,
        )
        .select_from(
            OBS.join(
                rp,
                sa.and_(
                    c.period_start >= rp.c.ps,
                    # Implied by period_end <= pe; said so that each period's index range ends there.
                    c.period_start <= rp.c.pe,
                    c.period_end <= rp.c.pe,
                    c.period_rank >= rp.c.pr,
                ),
            )
        )
        .where(*conditions)
        .cte("o")
    )

    def as_int(expr: Any) -> Any:
        return sa.case((expr, 1), else_=0)

    def flags(t: Any, wrap: Callable[[Any], Any]) -> list[Any]:
        """The cell's flags from the rows' columns ``t``, each through ``wrap``, in output order."""
        on = {f: t[f] for f in ("suppressed", "provisional", "estimated", "break_in_series")}
        on["draft"] = t.status == "draft"
        return [wrap(expr).label(name) for name, expr in on.items()]

    keys = ("rp", "place", "place_level", "county", "breakdown_key")
    # A period loaded at its own granularity is that one row (observations are unique per indicator,
    # period, place and breakdown): whatever the aggregation, its value and flags are the row's.
    own = sa.select(*(o.c[k] for k in keys), o.c.value.label("value"), *flags(o.c, as_int)).where(
        o.c.period_rank == o.c.pr
    )
    # Else the coarsest finer granularity loaded for that place and breakdown, rolled up.
    x = o.alias("x")
    has_own = sa.exists().where(
        x.c.period_rank == x.c.pr,
        x.c.rp == o.c.rp,
        x.c.place == o.c.place,
        x.c.breakdown_key == o.c.breakdown_key,
    )
    partition = [o.c.rp, o.c.place, o.c.breakdown_key]
    base = (
        sa.select(
            o,
            sa.func.min(o.c.period_rank).over(partition_by=partition).label("best"),
            sa.func.row_number()
            .over(partition_by=partition, order_by=[o.c.period_rank, o.c.period_start.desc()])
            .label("rn"),
        )
        .where(o.c.period_rank > o.c.pr, ~has_own)
        .subquery("base")
    )
    b = base.c
    last = d.aggregation == "LAST"
    pick = (b.rn == 1) if last else sa.true()
    value: Any
    if d.aggregation == "SUM":
        value = sa.func.sum(b.value)
    elif d.aggregation == "AVERAGE":
        value = sa.func.avg(b.value)
    else:
        value = sa.func.max(sa.case((b.rn == 1, b.value), else_=None))
    finer = (
        sa.select(
            *(b[k] for k in keys),
            value.label("value"),
            *flags(b, lambda e: sa.func.max(as_int(sa.and_(pick, e)))),
        )
        .where(b.period_rank == b.best)
        .group_by(*(b[k] for k in keys))
    )
    return sa.union_all(own, finer)


def _flag(expr: Any) -> Any:
    return sa.func.max(sa.case((expr == 1, 1), else_=0))


def cells_sql(q: Query, d: IndicatorDefinition, actor: Actor, *, mean: bool) -> Any:
    """Rows ``(place, period, breakdown key, value, suppressed, draft, provisional, estimated,
    break in series, direct)``: each asked place's own cells (direct = 1), and each asked county's
    and Lithuania's roll-up of its municipalities (direct = 0)."""
    t = time_sql(q, d, actor).cte("t")
    flags = (t.c.draft, t.c.provisional, t.c.estimated, t.c.break_in_series)
    own = sa.select(
        t.c.place,
        t.c.rp,
        t.c.breakdown_key,
        t.c.value,
        t.c.suppressed,
        *flags,
        sa.literal(1).label("direct"),
    )
    # The time roll-up holds the rows of the asked places and of the asked counties' members. Only
    # members that were not asked themselves are left out of the direct cells: when there are none,
    # no filter (a list of 60 names compared with every row cost a third of the statement).
    asked_members = {p.municipality_id for p in q.places if p.level == places.MUNICIPALITY}
    members = set().union(*(p.members for p in q.places if p.level != places.MUNICIPALITY))
    if members - asked_members:
        municipal_codes = sorted(p.code for p in q.places if p.level == places.MUNICIPALITY)
        own = own.where(sa.or_(t.c.place_level != places.MUNICIPALITY, t.c.place.in_(municipal_codes)))
    parts = [own]
    counties = sorted(p.county for p in q.places if p.level == places.COUNTY and p.county)
    total = sa.func.sum(t.c.value)
    value = (total / sa.func.count()) if mean else total
    rolled = [
        value,
        # A member without a value (suppressed, or none loaded) makes the roll-up suppressed.
        sa.func.max(sa.case((sa.or_(t.c.suppressed == 1, t.c.value.is_(None)), 1), else_=0)),
        *[_flag(f) for f in flags],
        sa.literal(0),
    ]
    municipal = t.c.place_level == places.MUNICIPALITY
    if counties:
        code = sa.literal(places.COUNTY_PREFIX, sa.String) + t.c.county
        parts.append(
            sa.select(code, t.c.rp, t.c.breakdown_key, *rolled)
            .where(municipal, t.c.county.in_(counties))
            .group_by(t.c.county, t.c.rp, t.c.breakdown_key)
        )
    if any(p.level == places.COUNTRY for p in q.places):
        parts.append(
            sa.select(sa.literal(places.COUNTRY_CODE, sa.String), t.c.rp, t.c.breakdown_key, *rolled)
            .where(municipal)
            .group_by(t.c.rp, t.c.breakdown_key)
        )
    return parts[0] if len(parts) == 1 else sa.union_all(*parts)
