"""Services near a point: the public places within reach of it, and two ways to sort by distance
(:func:`by_distance` on PostgreSQL, :func:`nearest` on SQLite)."""

from __future__ import annotations

import math
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import aliased
from sqlmodel import col

from api.directory.hsds.places import METERS_PER_DEGREE
from api.directory.models import Location, Service, ServiceAtLocation


def within(
    near: tuple[float, float, float], place: Any = Location
) -> tuple[list[sa.ColumnElement[bool]], Any]:
    """The where-clause of the live public places within reach of a point, and their squared
    distance (m²). On a local flat projection: within 0.5 % of the great-circle distance at these
    ranges (100 km at most), in the same order, with no trigonometry or square root in SQL (SQLite
    has none built in); the bounding box lets the coordinates' index narrow the rows first. A
    confidential place is never found by distance (that would tell where it is). ``place`` is
    ``Location`` or an alias of it."""
    lat, lng, meters = near
    k_lat = METERS_PER_DEGREE
    k_lng = METERS_PER_DEGREE * max(math.cos(math.radians(lat)), 0.01)
    dy = (place.latitude - lat) * k_lat
    dx = (place.longitude - lng) * k_lng
    d2 = dy * dy + dx * dx
    where = [
        place.deleted_at.is_(None),
        place.confidential.is_(False),
        place.latitude.between(lat - meters / k_lat, lat + meters / k_lat),
        place.longitude.between(lng - meters / k_lng, lng + meters / k_lng),
        d2 <= meters * meters,
    ]
    return where, d2


def nearest(near: tuple[float, float, float]) -> Any:
    """Each service's squared distance (m²) to its nearest public place within reach (SQLite: its
    planner flattens the ordered places of :func:`by_distance` and sorts every row at the end,
    so grouping first is the cheaper plan there; measured in bench/bench_newcomer.py)."""
    where, d2 = within(near)
    return (
        sa.select(col(ServiceAtLocation.service_id).label("service_id"), sa.func.min(d2).label("d2"))
        .join(Location, col(Location.id) == ServiceAtLocation.location_id)
        .where(*where)
        .group_by(col(ServiceAtLocation.service_id))
        .subquery("nearest")
    )


def by_distance(stmt: Any, near: tuple[float, float, float]) -> tuple[Any, Any]:
    """``stmt`` walking from the nearest place outwards, and the squared distance to sort on.

    Each service is reached through the places within reach in the order of their distance, and
    kept only at its nearest one (no public place of it within reach is nearer; among equally near
    places, the one with the smallest id). Sorted by (distance, service id) with a limit, the
    database walks the few places nearest first and stops once a page is full, instead of
    grouping every service in reach (12,000 of them within 5 km of a city centre) to find each
    one's nearest place before it can sort."""
    where, d2 = within(near)
    # Ordered here so that PostgreSQL walks the places in this order (nested loops keep it) and
    # only sorts each equally near group by service id (an incremental sort) before the limit.
    places = (
        sa.select(col(Location.id).label("location_id"), d2.label("d2"))
        .where(*where)
        .order_by(d2, col(Location.id))
        .subquery("places")
    )
    other, other_link = aliased(Location), aliased(ServiceAtLocation)
    other_where, other_d2 = within(near, other)
    nearer = (
        sa.select(sa.literal(1))
        .select_from(other_link)
        .join(other, col(other.id) == col(other_link.location_id))
        .where(
            col(other_link.service_id) == col(Service.id),
            *other_where,
            sa.or_(
                other_d2 < places.c.d2,
                sa.and_(other_d2 == places.c.d2, other.id < places.c.location_id),
            ),
        )
    )
    walked = (
        stmt.join(ServiceAtLocation, col(ServiceAtLocation.service_id) == col(Service.id))
        .join(places, places.c.location_id == col(ServiceAtLocation.location_id))
        .where(~nearer.exists())
    )
    return walked, places.c.d2
