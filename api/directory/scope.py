"""Who may see and change what in the directory: every tenancy rule of the domain, once.

Reading is public, except a confidential location's address and coordinates, which only the owning
organisation's staff (and its machine clients), the municipality's coordinators and admins see.
Writing: a provider (or an organisation's machine client) changes its own organisation's services
and locations; a coordinator everything in its municipality; an admin everything. Someone else's
record is not found (404), never forbidden.

``readable_<thing>(actor)`` and ``writable_<thing>(actor)`` return a ``Select`` of live rows; the
caller adds ``.where(id == …)`` or its filters.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any, cast

import sqlalchemy as sa
from sqlmodel import col, select
from sqlmodel.sql.expression import SelectOfScalar

from api.core.actor import Actor
from api.core.errors import ProblemError
from api.directory.models import Location, Service, ServiceCorrection, UnmetNeed
from api.municipalities.models import Organization


def _municipal(actor: Actor) -> bool:
    """Coordinators, and a municipality's own machine clients (bound to no organisation)."""
    return actor.role == "coordinator" or (actor.kind == "client" and actor.organization_id is None)


def sees_confidential(actor: Actor, *, municipality_id: uuid.UUID, organization_id: uuid.UUID) -> bool:
    if actor.is_admin:
        return True
    if actor.role == "coordinator" and actor.municipality_id == municipality_id:
        return True
    return actor.organization_id is not None and actor.organization_id == organization_id


def can_write(actor: Actor, *, municipality_id: uuid.UUID, organization_id: uuid.UUID) -> bool:
    if not actor.has("directory:write"):
        return False
    if actor.is_admin:
        return True
    if _municipal(actor):
        return actor.municipality_id == municipality_id
    return actor.organization_id is not None and actor.organization_id == organization_id


def can_verify(actor: Actor, *, municipality_id: uuid.UUID, organization_id: uuid.UUID) -> bool:
    """Coordinators and admins (directory:verify) verify; a provider confirms its own services."""
    if actor.has("directory:verify") and (actor.is_admin or actor.municipality_id == municipality_id):
        return True
    return can_write(actor, municipality_id=municipality_id, organization_id=organization_id)


def writable(actor: Actor, municipality_col: Any, organization_col: Any) -> sa.ColumnElement[bool]:
    """The tenant filter for changes, as SQL: exactly what :func:`can_write` allows."""
    if not actor.has("directory:write"):
        return sa.false()
    if actor.is_admin:
        return sa.true()
    if _municipal(actor):
        if actor.municipality_id is None:
            return sa.false()
        return cast(sa.ColumnElement[bool], municipality_col == actor.municipality_id)
    if actor.organization_id is not None:
        return cast(sa.ColumnElement[bool], organization_col == actor.organization_id)
    return sa.false()


def require_writer(actor: Actor) -> None:
    if not actor.is_authenticated:
        raise ProblemError(401, "Sign in to do this.", slug="unauthorized")
    if not actor.has("directory:write"):
        raise ProblemError(403, "This needs the scope directory:write.", slug="insufficient-scope")


def require_manager(actor: Actor) -> None:
    """Adding and removing organisations: coordinators and admins."""
    require_writer(actor)
    if not (actor.is_admin or actor.role == "coordinator"):
        raise ProblemError(403, "Coordinators and admins add and remove organisations.", slug="forbidden")


# --- statements ------------------------------------------------------------------------------


def readable_services(actor: Actor) -> SelectOfScalar[Service]:
    """Live services: the catalogue is public."""
    return select(Service).where(col(Service.deleted_at).is_(None))


def readable_organizations(actor: Actor) -> SelectOfScalar[Organization]:
    return select(Organization).where(col(Organization.deleted_at).is_(None))


def readable_locations(actor: Actor) -> SelectOfScalar[Location]:
    """Live locations (a confidential one's address is hidden when shown, not the row)."""
    return select(Location).where(col(Location.deleted_at).is_(None))


def writable_services(actor: Actor) -> SelectOfScalar[Service]:
    return readable_services(actor).where(writable(actor, Service.municipality_id, Service.organization_id))


def writable_organizations(actor: Actor) -> SelectOfScalar[Organization]:
    return readable_organizations(actor).where(writable(actor, Organization.municipality_id, Organization.id))


def writable_locations(actor: Actor) -> SelectOfScalar[Location]:
    return readable_locations(actor).where(
        writable(actor, Location.municipality_id, Location.organization_id)
    )


def handled_corrections(actor: Actor) -> SelectOfScalar[ServiceCorrection]:
    """Corrections suggested for services the actor may change (its organisation's, its
    municipality's, every one for admins)."""
    return select(ServiceCorrection).where(
        writable(actor, ServiceCorrection.municipality_id, ServiceCorrection.organization_id)
    )


def readable_unmet_needs(actor: Actor) -> SelectOfScalar[UnmetNeed]:
    """Admins every report; a coordinator (or a municipality's client) their municipality's. A
    report with no municipality (searched everywhere) is the country's: admins only."""
    stmt = select(UnmetNeed)
    if actor.is_admin:
        return stmt
    if actor.municipality_id is None:
        return stmt.where(sa.false())
    return stmt.where(col(UnmetNeed.municipality_id) == actor.municipality_id)


def services_of(organization_id: uuid.UUID) -> SelectOfScalar[Service]:
    """Every service of one organisation, deleted ones included (callers filter further)."""
    return select(Service).where(of_organization(Service, organization_id))


# --- where-clauses by municipality and organisation (filters a caller chose, reports) -----------

Owned = type[Service] | type[Location] | type[Organization]


def in_municipality(model: Owned, municipality: uuid.UUID | Sequence[uuid.UUID]) -> sa.ColumnElement[bool]:
    """Rows of one municipality, or of any of several."""
    column = col(model.municipality_id)
    if isinstance(municipality, uuid.UUID):
        return cast(sa.ColumnElement[bool], column == municipality)
    ids = list(municipality)
    return cast(sa.ColumnElement[bool], column == ids[0] if len(ids) == 1 else column.in_(ids))


def of_organization(model: Owned, organization_id: uuid.UUID) -> sa.ColumnElement[bool]:
    """Rows that belong to one organisation (the organisation itself for ``Organization``)."""
    column = col(Organization.id) if model is Organization else col(model.organization_id)  # type: ignore[union-attr]
    return cast(sa.ColumnElement[bool], column == organization_id)
