"""Organisations: public reads, changes by the organisation's own staff, the municipality's
coordinator or an admin; created and deleted (soft) by coordinators and admins."""

from __future__ import annotations

import uuid
from typing import Any

from sqlmodel import Session, col

from api.core.actor import ANONYMOUS, Actor
from api.core.audit import record_of
from api.core.conditional import IfMatch, claim
from api.core.db import utcnow
from api.core.errors import ProblemError
from api.core.i18n import Locale
from api.core.pagination import PageParams, SortKey, finish, keyset
from api.core.translation_status import text_meta
from api.directory import scope
from api.directory.changes import apply, claimed_changes, invalid, stamped
from api.directory.codes import municipality_id as municipality_of
from api.directory.codes import slug_of
from api.directory.derived_fields import refresh_organization, refresh_service
from api.directory.models import Service
from api.directory.organizations.schemas import OrganizationCreate, OrganizationRead, OrganizationUpdate
from api.municipalities.models import Organization


def to_read(session: Session, org: Organization, locale: Locale) -> OrganizationRead:
    return OrganizationRead(
        id=org.id,
        municipality=slug_of(session, org.municipality_id),
        name=locale.text(org.name),
        **text_meta(session, org, locale),
        kind=org.kind,
        description=locale.text(org.description),
        website=org.website,
        email=org.email,
        phones=list(org.phones or []),
        version=org.version,
        last_modified=org.updated_at,
    )


def owning_organization(session: Session, *, actor: Actor, organization_id: uuid.UUID | None) -> Organization:
    """The organisation a new service or location belongs to: the one named, or the caller's own."""
    scope.require_writer(actor)
    chosen = organization_id or actor.organization_id
    if chosen is None:
        raise invalid(
            "Name the organisation (organization_id).", "organization_id", "required for your role", "missing"
        )
    org = session.exec(scope.writable_organizations(actor).where(col(Organization.id) == chosen)).first()
    if org is None:
        detail = "Unknown organisation, or not one you manage."
        raise invalid(detail, "organization_id", "unknown organisation", "unknown_id")
    return org


def list_organizations(
    session: Session, *, municipality: uuid.UUID | None, kind: str | None, params: PageParams
) -> tuple[list[Organization], str | None]:
    """A public list: what anyone may read."""
    stmt = scope.readable_organizations(ANONYMOUS)
    if municipality:
        stmt = stmt.where(scope.in_municipality(Organization, municipality))
    if kind:
        stmt = stmt.where(col(Organization.kind) == kind)
    keys = [SortKey(Organization.sort_name), SortKey(Organization.id)]
    rows = session.exec(keyset(stmt, keys=keys, params=params, sort_name="name")).all()
    return finish(rows, params=params, key_of=lambda o: (o.sort_name, o.id), sort_name="name")


def create(session: Session, *, actor: Actor, data: OrganizationCreate) -> Organization:
    scope.require_manager(actor)
    if data.municipality:
        municipality_id = municipality_of(session, data.municipality)
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
    _audit(session, actor, "create", org)
    return org


def update(
    session: Session, *, actor: Actor, org: Organization, data: OrganizationUpdate, if_match: IfMatch
) -> Organization:
    changes = claimed_changes(session, org, data, if_match)
    if "name" in changes and changes["name"] is None:
        raise ProblemError(422, "name cannot be empty.", slug="validation-error")
    apply(org, changes, lists=("phones",), maps=("description",))
    refresh_organization(org)
    if "name" in changes:
        # The organisation's name is part of each service's search text.
        for service in session.exec(scope.services_of(org.id)).all():
            refresh_service(service, org)
            session.add(service)
    stamped(session, org)
    _audit(session, actor, "update", org)
    return org


def delete(session: Session, *, actor: Actor, org: Organization, if_match: IfMatch) -> None:
    claim(session, org, if_match)
    now = utcnow()
    org.deleted_at = org.updated_at = now
    session.add(org)
    # Its services go with it, as tombstones a sync sees.
    for service in session.exec(scope.services_of(org.id).where(col(Service.deleted_at).is_(None))).all():
        claim(session, service, None)
        service.deleted_at = service.updated_at = now
        session.add(service)
    session.flush()
    _audit(session, actor, "delete", org)


def _audit(session: Session, actor: Actor, action: str, org: Organization) -> None:
    record_of(session, org, actor=actor, action=action, record_type="organization")
