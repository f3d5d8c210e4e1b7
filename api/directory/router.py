"""HTTP routes of the directory: categories, services, organisations, locations (``/api/v1``) and
the HSDS 3.0 feed (``/hsds``, in :mod:`api.directory.hsds_router`)."""

from __future__ import annotations

import hashlib
import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response, status
from fastapi.responses import StreamingResponse

from api.accounts.deps import ActorDep
from api.core.db import SessionDep
from api.core.errors import problem_responses
from api.core.etag import none_match
from api.core.i18n import LocaleDep
from api.core.pagination import PageDep, set_link_header
from api.directory import catalog, organizations, places, search
from api.directory.categories import legal_statuses, tree
from api.directory.deps import (
    AsyncLocaleDep,
    AsyncPageDep,
    ExportFiltersDep,
    ExportFormat,
    ServiceFiltersDep,
    json_body,
    with_etag,
)
from api.directory.hsds_router import router as hsds_router
from api.directory.schemas import (
    CategoryNode,
    CategoryTree,
    LegalStatusList,
    LegalStatusRead,
    LocationCreate,
    LocationList,
    LocationRead,
    LocationUpdate,
    OrganizationCreate,
    OrganizationKind,
    OrganizationList,
    OrganizationRead,
    OrganizationUpdate,
    ServiceCreate,
    ServiceList,
    ServiceRead,
    ServiceSort,
    ServiceUpdate,
)

reference = APIRouter(tags=["directory"])
services = APIRouter(prefix="/services", tags=["directory"])
orgs = APIRouter(prefix="/organizations", tags=["directory"])
locations = APIRouter(prefix="/locations", tags=["directory"])


@reference.get("/categories", response_model=CategoryTree, summary="The service category tree")
def list_categories(locale: LocaleDep) -> CategoryTree:
    def node(raw: dict[str, object]) -> CategoryNode:
        children = raw["children"]
        assert isinstance(children, list)
        return CategoryNode(
            code=str(raw["code"]),
            parent=raw["parent"] if isinstance(raw["parent"], str) else None,
            name=locale.text(raw["name"]),  # type: ignore[arg-type]
            children=[node(c) for c in children],
        )

    return CategoryTree(items=[node(n) for n in tree()])


# --- services ----------------------------------------------------------------------------------


@services.get(
    "",
    response_model=ServiceList,
    summary="Search and list services (filters combine with AND; keyset pages)",
    responses=problem_responses(400, 422),
)
def list_services(
    request: Request,
    response: Response,
    session: SessionDep,
    actor: ActorDep,
    locale: AsyncLocaleDep,
    page: AsyncPageDep,
    filters: ServiceFiltersDep,
    sort: Annotated[ServiceSort | None, Query(description="Default: relevance with q, else name")] = None,
) -> Response:
    items, next_cursor = search.search(
        session, actor=actor, filters=filters, params=page, sort=sort, locale=locale
    )
    set_link_header(request, response, next_cursor)
    return json_body(response, ServiceList(items=items, next_cursor=next_cursor))


@services.get(
    "/export",
    summary="Every matching service, streamed as CSV or NDJSON",
    responses={
        200: {"content": {"text/csv": {}, "application/x-ndjson": {}}, "description": "The services"},
        **problem_responses(304, 422),
    },
    response_class=StreamingResponse,
)
def export_services(
    request: Request,
    session: SessionDep,
    actor: ActorDep,
    locale: LocaleDep,
    filters: ExportFiltersDep,
    format: ExportFormat = "csv",
    sort: Annotated[ServiceSort | None, Query()] = None,
) -> Response:
    total, newest = search.fingerprint(session, filters=filters)
    # The ETag changes with the data, the query, the language and what the caller may see.
    seed = f"{total}|{newest}|{request.url.query}|{locale.lang}|{actor.kind}|{actor.role}|{actor.municipality_id}|{actor.organization_id}"
    etag = 'W/"' + hashlib.sha256(seed.encode()).hexdigest()[:32] + '"'
    if none_match(request.headers.get("if-none-match"), etag):
        return Response(status_code=304, headers={"ETag": etag})
    media = "text/csv; charset=utf-8" if format == "csv" else "application/x-ndjson"
    return StreamingResponse(
        search.export_chunks(
            request.app.state.session_factory,
            actor=actor,
            filters=filters,
            sort=sort,
            locale=locale,
            fmt=format,
        ),
        media_type=media,
        headers={
            "Content-Disposition": f'attachment; filename="services.{format}"',
            "ETag": etag,
            "Content-Language": locale.lang,
        },
    )


@services.get(
    "/legal-statuses",
    response_model=LegalStatusList,
    summary="Legal statuses a service may be open to (legal-statuses.csv)",
)
def list_legal_statuses(locale: LocaleDep) -> LegalStatusList:
    return LegalStatusList(
        items=[LegalStatusRead(code=code, name=locale.text(name)) for code, name in legal_statuses().items()]
    )


@services.get(
    "/{service_id}", response_model=ServiceRead, summary="One service", responses=problem_responses(404)
)
def read_service(
    service_id: uuid.UUID, response: Response, session: SessionDep, actor: ActorDep, locale: AsyncLocaleDep
) -> ServiceRead:
    service = catalog.get_live(session, service_id)
    body = catalog.read(session, [service], actor=actor, locale=locale)[0]
    return with_etag(response, service.version, body)


@services.post(
    "",
    response_model=ServiceRead,
    status_code=status.HTTP_201_CREATED,
    summary="Add a service (providers for their organisation, coordinators in their municipality)",
    responses=problem_responses(401, 403, 422),
)
def create_service(
    body: ServiceCreate, response: Response, session: SessionDep, actor: ActorDep, locale: LocaleDep
) -> ServiceRead:
    service = catalog.create(session, actor=actor, data=body)
    response.headers["Location"] = f"/api/v1/services/{service.id}"
    return with_etag(
        response, service.version, catalog.read(session, [service], actor=actor, locale=locale)[0]
    )


@services.patch(
    "/{service_id}",
    response_model=ServiceRead,
    summary="Change a service (If-Match required)",
    responses=problem_responses(401, 403, 404, 412, 422, 428),
)
def update_service(
    service_id: uuid.UUID,
    body: ServiceUpdate,
    request: Request,
    response: Response,
    session: SessionDep,
    actor: ActorDep,
    locale: LocaleDep,
) -> ServiceRead:
    service = catalog.writable_service(session, actor=actor, service_id=service_id)
    service = catalog.update(session, actor=actor, request=request, service=service, data=body)
    return with_etag(
        response, service.version, catalog.read(session, [service], actor=actor, locale=locale)[0]
    )


@services.post(
    "/{service_id}/verify",
    response_model=ServiceRead,
    summary="Mark the service's information as checked today (assured_date)",
    responses=problem_responses(401, 404, 412),
)
def verify_service(
    service_id: uuid.UUID,
    request: Request,
    response: Response,
    session: SessionDep,
    actor: ActorDep,
    locale: LocaleDep,
) -> ServiceRead:
    service = catalog.verify(session, actor=actor, request=request, service_id=service_id)
    return with_etag(
        response, service.version, catalog.read(session, [service], actor=actor, locale=locale)[0]
    )


@services.delete(
    "/{service_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Delete a service (a tombstone stays for syncs; If-Match required)",
    responses=problem_responses(401, 403, 404, 412, 428),
)
def delete_service(service_id: uuid.UUID, request: Request, session: SessionDep, actor: ActorDep) -> Response:
    service = catalog.writable_service(session, actor=actor, service_id=service_id)
    catalog.delete(session, actor=actor, request=request, service=service)
    return Response(status_code=204)


# --- organisations -----------------------------------------------------------------------------


@orgs.get("", response_model=OrganizationList, summary="Organisations", responses=problem_responses(400, 422))
def list_organizations(
    request: Request,
    response: Response,
    session: SessionDep,
    locale: LocaleDep,
    page: PageDep,
    municipality: Annotated[str | None, Query(max_length=60)] = None,
    kind: Annotated[OrganizationKind | None, Query()] = None,
) -> OrganizationList:
    municipality_id = places.municipality_id(session, municipality) if municipality else None
    rows, next_cursor = organizations.list_organizations(
        session, municipality=municipality_id, kind=kind, params=page
    )
    set_link_header(request, response, next_cursor)
    return OrganizationList(
        items=[organizations.to_read(session, o, locale) for o in rows], next_cursor=next_cursor
    )


@orgs.get(
    "/{organization_id}",
    response_model=OrganizationRead,
    summary="One organisation",
    responses=problem_responses(404),
)
def read_organization(
    organization_id: uuid.UUID, response: Response, session: SessionDep, locale: LocaleDep
) -> OrganizationRead:
    org = organizations.get_live(session, organization_id)
    return with_etag(response, org.version, organizations.to_read(session, org, locale))


@orgs.post(
    "",
    response_model=OrganizationRead,
    status_code=status.HTTP_201_CREATED,
    summary="Add an organisation (coordinators, admins)",
    responses=problem_responses(401, 403, 422),
)
def create_organization(
    body: OrganizationCreate, response: Response, session: SessionDep, actor: ActorDep, locale: LocaleDep
) -> OrganizationRead:
    org = organizations.create(session, actor=actor, data=body)
    response.headers["Location"] = f"/api/v1/organizations/{org.id}"
    return with_etag(response, org.version, organizations.to_read(session, org, locale))


@orgs.patch(
    "/{organization_id}",
    response_model=OrganizationRead,
    summary="Change an organisation (If-Match required)",
    responses=problem_responses(401, 403, 404, 412, 422, 428),
)
def update_organization(
    organization_id: uuid.UUID,
    body: OrganizationUpdate,
    request: Request,
    response: Response,
    session: SessionDep,
    actor: ActorDep,
    locale: LocaleDep,
) -> OrganizationRead:
    org = organizations.writable(session, actor=actor, organization_id=organization_id)
    org = organizations.update(session, actor=actor, request=request, org=org, data=body)
    return with_etag(response, org.version, organizations.to_read(session, org, locale))


@orgs.delete(
    "/{organization_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Delete an organisation and its services (tombstones; If-Match required)",
    responses=problem_responses(401, 403, 404, 412, 428),
)
def delete_organization(
    organization_id: uuid.UUID, request: Request, session: SessionDep, actor: ActorDep
) -> Response:
    org = organizations.writable(session, actor=actor, organization_id=organization_id)
    organizations.delete(session, actor=actor, request=request, org=org)
    return Response(status_code=204)


# --- locations ---------------------------------------------------------------------------------


@locations.get("", response_model=LocationList, summary="Locations", responses=problem_responses(400, 422))
def list_locations(
    request: Request,
    response: Response,
    session: SessionDep,
    actor: ActorDep,
    locale: LocaleDep,
    page: PageDep,
    organization: Annotated[uuid.UUID | None, Query()] = None,
    municipality: Annotated[str | None, Query(max_length=60)] = None,
) -> LocationList:
    municipality_id = places.municipality_id(session, municipality) if municipality else None
    rows, next_cursor = places.list_locations(
        session, organization_id=organization, municipality=municipality_id, params=page
    )
    set_link_header(request, response, next_cursor)
    return LocationList(
        items=[places.location_read(session, loc, actor=actor, locale=locale) for loc in rows],
        next_cursor=next_cursor,
    )


@locations.get(
    "/{location_id}", response_model=LocationRead, summary="One location", responses=problem_responses(404)
)
def read_location(
    location_id: uuid.UUID, response: Response, session: SessionDep, actor: ActorDep, locale: LocaleDep
) -> LocationRead:
    location = places.get_location(session, location_id)
    return with_etag(
        response, location.version, places.location_read(session, location, actor=actor, locale=locale)
    )


@locations.post(
    "",
    response_model=LocationRead,
    status_code=status.HTTP_201_CREATED,
    summary="Add a location of your organisation",
    responses=problem_responses(401, 403, 422),
)
def create_location(
    body: LocationCreate, response: Response, session: SessionDep, actor: ActorDep, locale: LocaleDep
) -> LocationRead:
    location = places.create_location(session, actor=actor, data=body)
    response.headers["Location"] = f"/api/v1/locations/{location.id}"
    return with_etag(
        response, location.version, places.location_read(session, location, actor=actor, locale=locale)
    )


@locations.patch(
    "/{location_id}",
    response_model=LocationRead,
    summary="Change a location (If-Match required)",
    responses=problem_responses(401, 403, 404, 412, 422, 428),
)
def update_location(
    location_id: uuid.UUID,
    body: LocationUpdate,
    request: Request,
    response: Response,
    session: SessionDep,
    actor: ActorDep,
    locale: LocaleDep,
) -> LocationRead:
    location = places.writable_location(session, actor=actor, location_id=location_id)
    location = places.update_location(session, request=request, location=location, data=body)
    return with_etag(
        response, location.version, places.location_read(session, location, actor=actor, locale=locale)
    )


@locations.delete(
    "/{location_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Delete a location (If-Match required)",
    responses=problem_responses(401, 403, 404, 412, 428),
)
def delete_location(
    location_id: uuid.UUID, request: Request, session: SessionDep, actor: ActorDep
) -> Response:
    location = places.writable_location(session, actor=actor, location_id=location_id)
    places.delete_location(session, request=request, location=location)
    return Response(status_code=204)


routers = [reference, services, orgs, locations]
root_routers = [hsds_router]
