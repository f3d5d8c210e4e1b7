"""Municipality codes (a process-wide map: ids are stable reference data) and locations."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from typing import Any

from fastapi import Request
from sqlmodel import Session, col, select

from api.core.actor import Actor
from api.core.db import utcnow
from api.core.errors import not_found, unprocessable
from api.core.etag import require_if_match
from api.core.i18n import Locale
from api.core.pagination import PageParams, SortKey, finish, keyset
from api.directory import access
from api.directory.models import Location, Organization, ServiceAtLocation
from api.directory.schemas import LocationCreate, LocationRead, LocationUpdate
from api.municipalities.models import Municipality

_slugs: dict[uuid.UUID, str] = {}
_ids: dict[str, uuid.UUID] = {}


def _load(session: Session) -> None:
    for m in session.exec(select(Municipality)).all():
        _slugs[m.id] = m.slug
        _ids[m.slug] = m.id


def slug_of(session: Session, municipality_id: uuid.UUID) -> str:
    if municipality_id not in _slugs:
        _load(session)
    return _slugs.get(municipality_id, "")


def municipality_id(session: Session, slug: str, *, field: str = "municipality") -> uuid.UUID:
    if slug not in _ids:
        _load(session)
    found = _ids.get(slug)
    if found is None:
        raise unprocessable(
            f"Unknown municipality '{slug}'.",
            errors=[
                {"loc": ["query", field], "msg": f"unknown municipality '{slug}'", "type": "unknown_code"}
            ],
        )
    return found


def location_read(session: Session, location: Location, *, actor: Actor, locale: Locale) -> LocationRead:
    hidden = location.confidential and not access.sees_confidential(
        actor, municipality_id=location.municipality_id, organization_id=location.organization_id
    )
    return LocationRead.model_construct(  # our own row: no validation needed
        id=location.id,
        organization_id=location.organization_id,
        municipality=slug_of(session, location.municipality_id),
        name=locale.text(location.name),
        address=None if hidden else location.address,
        city=location.city,
        postal_code=None if hidden else location.postal_code,
        latitude=None if hidden else location.latitude,
        longitude=None if hidden else location.longitude,
        accessibility=locale.text(location.accessibility),
        opening_hours=list(location.opening_hours or []),
        confidential=location.confidential,
        address_hidden=hidden,
        version=location.version,
        last_modified=location.updated_at,
    )


def locations_of(session: Session, service_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, list[Location]]:
    """Live locations of each service, in one query."""
    out: dict[uuid.UUID, list[Location]] = {sid: [] for sid in service_ids}
    if not service_ids:
        return out
    rows = session.exec(
        select(ServiceAtLocation.service_id, Location)
        .join(Location, col(Location.id) == ServiceAtLocation.location_id)
        .where(
            col(ServiceAtLocation.service_id).in_(list(service_ids)),
            col(Location.deleted_at).is_(None),
        )
        .order_by(col(ServiceAtLocation.created_at), col(Location.id))
    ).all()
    for service_id, location in rows:
        out[service_id].append(location)
    return out


def check_locations(
    session: Session, *, organization_id: uuid.UUID, location_ids: Iterable[uuid.UUID]
) -> list[uuid.UUID]:
    ids = list(dict.fromkeys(location_ids))
    if not ids:
        return []
    found = set(
        session.exec(
            select(Location.id).where(
                col(Location.id).in_(ids),
                col(Location.organization_id) == organization_id,
                col(Location.deleted_at).is_(None),
            )
        ).all()
    )
    missing = [str(i) for i in ids if i not in found]
    if missing:
        raise unprocessable(
            "A service can only be at its own organisation's locations.",
            errors=[
                {
                    "loc": ["body", "location_ids"],
                    "msg": f"unknown location(s) {missing}",
                    "type": "unknown_id",
                }
            ],
        )
    return ids


def link(session: Session, *, service_id: uuid.UUID, location_ids: list[uuid.UUID]) -> None:
    """Make the service's locations exactly ``location_ids``."""
    current = {
        link.location_id: link
        for link in session.exec(
            select(ServiceAtLocation).where(col(ServiceAtLocation.service_id) == service_id)
        ).all()
    }
    for location_id, row in current.items():
        if location_id not in location_ids:
            session.delete(row)
    for location_id in location_ids:
        if location_id not in current:
            session.add(ServiceAtLocation(service_id=service_id, location_id=location_id))
    session.flush()


def get_location(session: Session, location_id: uuid.UUID) -> Location:
    location = session.get(Location, location_id)
    if location is None or location.deleted_at is not None:
        raise not_found("location")
    return location


def writable_location(session: Session, *, actor: Actor, location_id: uuid.UUID) -> Location:
    access.require_writer(actor)
    location = get_location(session, location_id)
    if not access.can_write(
        actor, municipality_id=location.municipality_id, organization_id=location.organization_id
    ):
        raise not_found("location")
    return location


def owning_organization(session: Session, *, actor: Actor, organization_id: uuid.UUID | None) -> Organization:
    """The organisation a new record belongs to: the one named, or the caller's own."""
    access.require_writer(actor)
    chosen = organization_id or actor.organization_id
    if chosen is None:
        raise unprocessable(
            "Name the organisation (organization_id).",
            errors=[{"loc": ["body", "organization_id"], "msg": "required for your role", "type": "missing"}],
        )
    org = session.get(Organization, chosen)
    if (
        org is None
        or org.deleted_at is not None
        or not access.can_write(actor, municipality_id=org.municipality_id, organization_id=org.id)
    ):
        raise unprocessable(
            "Unknown organisation, or not one you manage.",
            errors=[
                {"loc": ["body", "organization_id"], "msg": "unknown organisation", "type": "unknown_id"}
            ],
        )
    return org


def create_location(session: Session, *, actor: Actor, data: LocationCreate) -> Location:
    org = owning_organization(session, actor=actor, organization_id=data.organization_id)
    values = data.model_dump(exclude={"organization_id"})
    location = Location(organization_id=org.id, municipality_id=org.municipality_id, **values)
    session.add(location)
    session.flush()
    return location


def update_location(
    session: Session, *, request: Request, location: Location, data: LocationUpdate
) -> Location:
    require_if_match(request, location.version)
    changes: dict[str, Any] = data.model_dump(exclude_unset=True)
    for key, value in changes.items():
        setattr(location, key, value)
    location.version += 1
    location.updated_at = utcnow()
    session.add(location)
    session.flush()
    return location


def delete_location(session: Session, *, request: Request, location: Location) -> None:
    require_if_match(request, location.version)
    location.deleted_at = location.updated_at = utcnow()
    location.version += 1
    session.add(location)
    session.flush()


def list_locations(
    session: Session, *, organization_id: uuid.UUID | None, municipality: uuid.UUID | None, params: PageParams
) -> tuple[list[Location], str | None]:
    stmt = select(Location).where(col(Location.deleted_at).is_(None))
    if organization_id:
        stmt = stmt.where(col(Location.organization_id) == organization_id)
    if municipality:
        stmt = stmt.where(col(Location.municipality_id) == municipality)
    keys = [SortKey(Location.created_at), SortKey(Location.id)]
    rows = session.exec(keyset(stmt, keys=keys, params=params, sort_name="created")).all()
    return finish(rows, params=params, key_of=lambda r: (r.created_at, r.id), sort_name="created")
