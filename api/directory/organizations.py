"""Organisations: public reads, changes by the organisation's own staff, the municipality's
coordinator or an admin; created and deleted (soft) by coordinators and admins."""

from __future__ import annotations

import uuid
from typing import Any

from fastapi import Request
from sqlmodel import Session, col, select

from api.core.actor import Actor
from api.core.audit import record
from api.core.db import utcnow
from api.core.errors import ProblemError, not_found
from api.core.etag import require_if_match
from api.core.i18n import Locale
from api.core.pagination import PageParams, SortKey, finish, keyset
from api.directory import access, places
from api.directory.derived_fields import refresh_organization, refresh_service
from api.directory.models import Organization, Service
from api.directory.schemas import OrganizationCreate, OrganizationRead, OrganizationUpdate


def to_read(session: Session, org: Organization, locale: Locale) -> OrganizationRead:
    return OrganizationRead(
        id=org.id,
        municipality=places.slug_of(session, org.municipality_id),
        name=locale.text(org.name),
        kind=org.kind,
        description=locale.text(org.description),
        website=org.website,
        email=org.email,
        phones=list(org.phones or []),
        version=org.version,
        last_modified=org.updated_at,
    )


def get_live(session: Session, organization_id: uuid.UUID) -> Organization:
    org = session.get(Organization, organization_id)
    if org is None or org.deleted_at is not None:
        raise not_found("organization")
    return org


def writable(session: Session, *, actor: Actor, organization_id: uuid.UUID) -> Organization:
    access.require_writer(actor)
    org = get_live(session, organization_id)
    if not access.can_write(actor, municipality_id=org.municipality_id, organization_id=org.id):
        raise not_found("organization")
    return org


def _require_manager(actor: Actor) -> None:
    access.require_writer(actor)
    if not (actor.is_admin or actor.role == "coordinator"):
        raise ProblemError(403, "Coordinators and admins add and remove organisations.", slug="forbidden")


def list_organizations(
    session: Session, *, municipality: uuid.UUID | None, kind: str | None, params: PageParams
) -> tuple[list[Organization], str | None]:
    stmt = select(Organization).where(col(Organization.deleted_at).is_(None))
    if municipality:
        stmt = stmt.where(col(Organization.municipality_id) == municipality)
    if kind:
        stmt = stmt.where(col(Organization.kind) == kind)
    keys = [SortKey(Organization.sort_name), SortKey(Organization.id)]
    rows = session.exec(keyset(stmt, keys=keys, params=params, sort_name="name")).all()
    return finish(rows, params=params, key_of=lambda o: (o.sort_name, o.id), sort_name="name")


def create(session: Session, *, actor: Actor, data: OrganizationCreate) -> Organization:
    _require_manager(actor)
    if data.municipality:
        municipality_id = places.municipality_id(session, data.municipality)
    elif actor.municipality_id:
        municipality_id = actor.municipality_id
    else:
        raise ProblemError(422, "Name the municipality.", slug="validation-error")
    if not actor.is_admin and municipality_id != actor.municipality_id:
        raise ProblemError(
            422,
            "You can add organisations in your own municipality only.",
            slug="validation-error",
            errors=[
                {"loc": ["body", "municipality"], "msg": "not your municipality", "type": "forbidden_value"}
            ],
        )
    values: dict[str, Any] = data.model_dump(exclude={"municipality"})
    org = Organization(municipality_id=municipality_id, **values)
    refresh_organization(org)
    session.add(org)
    session.flush()
    record(
        session,
        actor=actor,
        action="create",
        record_type="organization",
        record_id=org.id,
        municipality_id=municipality_id,
    )
    return org


def update(
    session: Session, *, actor: Actor, request: Request, org: Organization, data: OrganizationUpdate
) -> Organization:
    require_if_match(request, org.version)
    changes = data.model_dump(exclude_unset=True)
    if "name" in changes and changes["name"] is None:
        raise ProblemError(422, "name cannot be empty.", slug="validation-error")
    for key, value in changes.items():
        if key in ("description",) and value is None:
            value = {}
        if key == "phones" and value is None:
            value = []
        setattr(org, key, value)
    refresh_organization(org)
    org.version += 1
    org.updated_at = utcnow()
    session.add(org)
    if "name" in changes:
        # The organisation's name is part of each service's search text.
        for service in session.exec(select(Service).where(col(Service.organization_id) == org.id)).all():
            refresh_service(service, org)
            session.add(service)
    session.flush()
    record(
        session,
        actor=actor,
        action="update",
        record_type="organization",
        record_id=org.id,
        municipality_id=org.municipality_id,
    )
    return org


def delete(session: Session, *, actor: Actor, request: Request, org: Organization) -> None:
    _require_manager(actor)
    require_if_match(request, org.version)
    now = utcnow()
    org.deleted_at = org.updated_at = now
    org.version += 1
    session.add(org)
    # Its services go with it, as tombstones a sync sees.
    for service in session.exec(
        select(Service).where(col(Service.organization_id) == org.id, col(Service.deleted_at).is_(None))
    ).all():
        service.deleted_at = service.updated_at = now
        service.version += 1
        session.add(service)
    session.flush()
    record(
        session,
        actor=actor,
        action="delete",
        record_type="organization",
        record_id=org.id,
        municipality_id=org.municipality_id,
    )
