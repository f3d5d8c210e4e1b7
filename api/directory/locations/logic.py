"""Locations: how they read (confidential addresses hidden), a service's locations in bulk,
adding, changing and deleting them (a location belongs to one organisation)."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence

from sqlmodel import Session, col, select

from api.core.actor import Actor
from api.core.conditional import IfMatch, claim
from api.core.i18n import Locale
from api.core.pagination import PageParams, SortKey, finish, keyset
from api.directory import scope
from api.directory.changes import apply, claimed_changes, invalid, stamped, tombstoned
from api.directory.codes import slug_of
from api.directory.locations.schemas import LocationCreate, LocationRead, LocationUpdate
from api.directory.models import Location, ServiceAtLocation
from api.directory.organizations.logic import owning_organization


def location_read(session: Session, location: Location, *, actor: Actor, locale: Locale) -> LocationRead:
    hidden = location.confidential and not scope.sees_confidential(
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
    """The ids, once each, when every one is a live location of the organisation; else 422."""
    ids = list(dict.fromkeys(location_ids))
    if not ids:
        return []
    found = set(
        session.exec(
            select(Location.id).where(
                col(Location.id).in_(ids),
                scope.of_organization(Location, organization_id),
                col(Location.deleted_at).is_(None),
            )
        ).all()
    )
    missing = [str(i) for i in ids if i not in found]
    if missing:
        detail = "A service can only be at its own organisation's locations."
        raise invalid(detail, "location_ids", f"unknown location(s) {missing}", "unknown_id")
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


def create_location(session: Session, *, actor: Actor, data: LocationCreate) -> Location:
    org = owning_organization(session, actor=actor, organization_id=data.organization_id)
    values = data.model_dump(exclude={"organization_id"})
    location = Location(organization_id=org.id, municipality_id=org.municipality_id, **values)
    session.add(location)
    session.flush()
    return location


def update_location(
    session: Session, *, location: Location, data: LocationUpdate, if_match: IfMatch
) -> Location:
    apply(location, claimed_changes(session, location, data, if_match))
    stamped(session, location)
    return location


def delete_location(session: Session, *, location: Location, if_match: IfMatch) -> None:
    claim(session, location, if_match)
    tombstoned(session, location)


def list_locations(
    session: Session,
    *,
    actor: Actor,
    organization_id: uuid.UUID | None,
    municipality: uuid.UUID | None,
    params: PageParams,
) -> tuple[list[Location], str | None]:
    stmt = scope.readable_locations(actor)
    if organization_id:
        stmt = stmt.where(scope.of_organization(Location, organization_id))
    if municipality:
        stmt = stmt.where(scope.in_municipality(Location, municipality))
    keys = [SortKey(Location.created_at), SortKey(Location.id)]
    rows = session.exec(keyset(stmt, keys=keys, params=params, sort_name="created")).all()
    return finish(rows, params=params, key_of=lambda r: (r.created_at, r.id), sort_name="created")
