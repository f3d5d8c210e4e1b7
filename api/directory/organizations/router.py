"""HTTP routes of organisations: public reads; changes by their staff, coordinators and admins."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response

from api.accounts.deps import ActorDep
from api.core.conditional import IfMatchDep
from api.core.db import SessionDep
from api.core.http import Reply, ReplyDep, creating, deleting, no_content, op
from api.directory.codes import optional_municipality_id
from api.directory.deps import (
    CHANGE_ERRORS,
    ListingDep,
    ManagedOrganization,
    ReadableOrganization,
    WritableOrganization,
)
from api.directory.organizations import logic
from api.directory.organizations.schemas import (
    OrganizationCreate,
    OrganizationList,
    OrganizationRead,
    OrganizationUpdate,
)
from api.directory.vocab import OrganizationKind
from api.municipalities.models import Organization

router = APIRouter(prefix="/organizations", tags=["directory"])


def _answer(reply: Reply, org: Organization, *, created: bool = False) -> OrganizationRead:
    body = logic.to_read(reply.session, org, reply.locale)
    return reply.created(org.id, org.version, body) if created else reply.tagged(org.version, body)


@router.get("", **op(OrganizationList, "Organisations", (400, 422)))
def list_organizations(
    reply: ReplyDep,
    paging: ListingDep,
    municipality: Annotated[str | None, Query(max_length=60)] = None,
    kind: Annotated[OrganizationKind | None, Query()] = None,
) -> Response:
    session = reply.session
    rows, next_cursor = logic.list_organizations(
        session, municipality=optional_municipality_id(session, municipality), kind=kind, params=paging.page
    )
    items = [logic.to_read(session, o, reply.locale) for o in rows]
    return paging.answer(OrganizationList(items=items, next_cursor=next_cursor))


@router.get("/{organization_id}", **op(OrganizationRead, "One organisation", (404,)))
def read_organization(org: ReadableOrganization, reply: ReplyDep) -> OrganizationRead:
    return _answer(reply, org)


@router.post("", **creating(OrganizationRead, "Add an organisation (coordinators, admins)", (401, 403, 422)))
def create_organization(body: OrganizationCreate, actor: ActorDep, reply: ReplyDep) -> OrganizationRead:
    org = logic.create(reply.session, actor=actor, data=body)
    return _answer(reply, org, created=True)


@router.patch(
    "/{organization_id}", **op(OrganizationRead, "Change an organisation (If-Match required)", CHANGE_ERRORS)
)
def update_organization(
    org: WritableOrganization,
    body: OrganizationUpdate,
    if_match: IfMatchDep,
    actor: ActorDep,
    reply: ReplyDep,
) -> OrganizationRead:
    org = logic.update(reply.session, actor=actor, org=org, data=body, if_match=if_match)
    return _answer(reply, org)


@router.delete(
    "/{organization_id}",
    **deleting("Delete an organisation and its services (tombstones; If-Match required)"),
)
def delete_organization(
    org: ManagedOrganization, if_match: IfMatchDep, session: SessionDep, actor: ActorDep
) -> Response:
    logic.delete(session, actor=actor, org=org, if_match=if_match)
    return no_content()
