"""HTTP routes of organisations: public reads; changes by their staff, coordinators and admins."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response, status
from sqlmodel import Session

from api.accounts.deps import ActorDep
from api.core.conditional import IfMatchDep
from api.core.db import SessionDep
from api.core.http import created, op, with_etag
from api.core.i18n import Locale, LocaleDep
from api.core.pagination import PageDep, set_link_header
from api.directory.codes import optional_municipality_id
from api.directory.deps import ManagedOrganization, ReadableOrganization, WritableOrganization
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


def _answer(response: Response, session: Session, org: Organization, locale: Locale) -> OrganizationRead:
    return with_etag(response, org.version, logic.to_read(session, org, locale))


@router.get("", **op(OrganizationList, "Organisations", (400, 422)))
def list_organizations(
    request: Request,
    response: Response,
    session: SessionDep,
    locale: LocaleDep,
    page: PageDep,
    municipality: Annotated[str | None, Query(max_length=60)] = None,
    kind: Annotated[OrganizationKind | None, Query()] = None,
) -> OrganizationList:
    rows, next_cursor = logic.list_organizations(
        session,
        municipality=optional_municipality_id(session, municipality),
        kind=kind,
        params=page,
    )
    set_link_header(request, response, next_cursor)
    return OrganizationList(items=[logic.to_read(session, o, locale) for o in rows], next_cursor=next_cursor)


@router.get("/{organization_id}", **op(OrganizationRead, "One organisation", (404,)))
def read_organization(
    org: ReadableOrganization, response: Response, session: SessionDep, locale: LocaleDep
) -> OrganizationRead:
    return _answer(response, session, org, locale)


@router.post(
    "",
    **op(
        OrganizationRead,
        "Add an organisation (coordinators, admins)",
        (401, 403, 422),
        status=status.HTTP_201_CREATED,
    ),
)
def create_organization(
    body: OrganizationCreate, response: Response, session: SessionDep, actor: ActorDep, locale: LocaleDep
) -> OrganizationRead:
    org = logic.create(session, actor=actor, data=body)
    created(response, f"/api/v1/organizations/{org.id}")
    return _answer(response, session, org, locale)


@router.patch(
    "/{organization_id}",
    **op(OrganizationRead, "Change an organisation (If-Match required)", (401, 403, 404, 412, 422, 428)),
)
def update_organization(
    org: WritableOrganization,
    body: OrganizationUpdate,
    if_match: IfMatchDep,
    response: Response,
    session: SessionDep,
    actor: ActorDep,
    locale: LocaleDep,
) -> OrganizationRead:
    org = logic.update(session, actor=actor, org=org, data=body, if_match=if_match)
    return _answer(response, session, org, locale)


@router.delete(
    "/{organization_id}",
    **op(
        None,
        "Delete an organisation and its services (tombstones; If-Match required)",
        (401, 403, 404, 412, 428),
        status=status.HTTP_204_NO_CONTENT,
    ),
)
def delete_organization(
    org: ManagedOrganization, if_match: IfMatchDep, session: SessionDep, actor: ActorDep
) -> Response:
    logic.delete(session, actor=actor, org=org, if_match=if_match)
    return Response(status_code=204)
