"""``postcode`` and ``proximity`` on services at locations: which locations are near a point.

A bounding box narrows the candidates in SQL (both databases, no geo extension), the exact
great-circle distance decides in Python. A confidential location whose position the caller may not
see is never found by where it is."""

from __future__ import annotations

import math
import uuid
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col

from api.core.actor import Actor
from api.directory import scope
from api.directory.hsds.params import Near, bad_parameter, postcode_forms
from api.directory.models import Location, ServiceAtLocation

EARTH_RADIUS_M = 6_371_008.8
METERS_PER_DEGREE = 111_320.0


def distance_m(lat1: float, lng1: float, lat2: float, lng2: float) -> float:
    """Haversine distance in meters."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lng2 - lng1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(a)))


def _candidates(session: Session, *where: Any) -> list[Any]:
    stmt: Any = sa.select(
        col(Location.id),
        col(Location.latitude),
        col(Location.longitude),
        col(Location.confidential),
        col(Location.municipality_id),
        col(Location.organization_id),
    ).where(col(Location.deleted_at).is_(None), *where)
    return list(session.execute(stmt).all())


def _visible(actor: Actor, row: Any) -> bool:
    return not row.confidential or scope.sees_confidential(
        actor, municipality_id=row.municipality_id, organization_id=row.organization_id
    )


def _centre(session: Session, actor: Actor, postcode: str) -> tuple[float, float]:
    rows = [
        r
        for r in _candidates(
            session,
            col(Location.postal_code).in_(postcode_forms(postcode)),
            col(Location.latitude).is_not(None),
            col(Location.longitude).is_not(None),
        )
        if _visible(actor, r)
    ]
    if not rows:
        raise bad_parameter(
            "postcode", f"No location with postcode {postcode} has coordinates to measure proximity from."
        )
    return sum(r.latitude for r in rows) / len(rows), sum(r.longitude for r in rows) / len(rows)


def location_filter(
    session: Session, *, actor: Actor, postcode: str | None, near: Near | None
) -> list[sa.ColumnElement[bool]]:
    """The where-clause on service-at-location rows for ``postcode`` / ``proximity`` (none without)."""
    if near is None and not postcode:
        return []
    ids: list[uuid.UUID]
    if near is None:
        assert postcode is not None
        rows = _candidates(session, col(Location.postal_code).in_(postcode_forms(postcode)))
        ids = [r.id for r in rows if _visible(actor, r)]
    else:
        if near.lat is not None and near.lng is not None:
            lat, lng = near.lat, near.lng
        else:
            lat, lng = _centre(session, actor, near.postcode or "")
        dlat = near.meters / METERS_PER_DEGREE
        dlng = near.meters / (METERS_PER_DEGREE * max(math.cos(math.radians(lat)), 0.01))
        rows = _candidates(
            session,
            col(Location.latitude).between(lat - dlat, lat + dlat),
            col(Location.longitude).between(lng - dlng, lng + dlng),
        )
        ids = [
            r.id
            for r in rows
            if _visible(actor, r) and distance_m(lat, lng, r.latitude, r.longitude) <= near.meters
        ]
    return [col(ServiceAtLocation.location_id).in_(ids)]
