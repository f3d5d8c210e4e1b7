"""The HSDS 3.0 feed under ``/hsds`` (Open Referral's API names, paging envelope and objects).
Reads only, public; confidential addresses stay hidden as everywhere else."""

from __future__ import annotations

import json
import math
import uuid
from collections.abc import Iterator
from typing import Annotated, Any, Literal

import sqlalchemy as sa
from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import StreamingResponse
from sqlmodel import Session, col, select

from api.accounts.deps import ActorDep
from api.core.actor import Actor
from api.core.db import SessionDep
from api.core.errors import not_found, problem_responses, unprocessable
from api.core.i18n import LocaleDep, like_escape, search_terms
from api.directory import hsds
from api.directory.models import Location, Organization, Service, ServiceAtLocation
from api.directory.search import ServiceFilters, conditions

router = APIRouter(prefix="/hsds", tags=["hsds"])

PageQ = Annotated[int, Query(ge=1, le=100000, description="Page number, from 1")]
PerPageQ = Annotated[int, Query(ge=1, le=100, description="Items per page")]
FormatQ = Annotated[Literal["json", "ndjson"] | None, Query(description="ndjson streams every match")]
JSONObj = dict[str, Any]


def _envelope(contents: list[JSONObj], *, total: int, page: int, per_page: int) -> JSONObj:
    pages = max(1, math.ceil(total / per_page)) if total else 1
    return {
        "total_items": total,
        "total_pages": pages,
        "page_number": page,
        "size": len(contents),
        "first_page": page == 1,
        "last_page": page >= pages,
        "empty": len(contents) == 0,
        "contents": contents,
    }


def _json(body: Any, lang: str) -> Response:
    return Response(
        content=json.dumps(body, ensure_ascii=False, separators=(",", ":")),
        media_type="application/json",
        headers={"Content-Language": lang, "Vary": "Accept-Language, Authorization"},
    )


@router.get("", summary="HSDS: about this API", responses=problem_responses())
@router.get("/", summary="HSDS: about this API", include_in_schema=False)
def hsds_root(request: Request) -> JSONObj:
    base = str(request.base_url).rstrip("/")
    return {
        "version": hsds.HSDS_VERSION,
        "profile": "https://openreferral.org/imports/hsds/",
        "openapi_url": f"{base}/api/v1/openapi.json",
    }


def _service_filters(
    session: Session,
    *,
    search: str | None,
    taxonomy_term_id: str | None,
    taxonomy_id: str | None,
    organization_id: uuid.UUID | None,
    modified_after: Any,
) -> list[sa.ColumnElement[bool]]:
    categories: list[str] = []
    where: list[sa.ColumnElement[bool]] = []
    if taxonomy_term_id:
        found = hsds.term_code(taxonomy_term_id)
        if found is None:
            raise unprocessable(
                "Unknown taxonomy term.",
                errors=[{"loc": ["query", "taxonomy_term_id"], "msg": "unknown term", "type": "unknown_id"}],
            )
        taxonomy, code = found
        if taxonomy == "langelis-service-categories":
            # category_keys holds ancestors, so the code alone also finds its sub-categories.
            categories = [code]
        elif taxonomy == "langelis-legal-statuses":
            where.append(col(Service.status_keys).like(f"%|{like_escape(code)}|%", escape="\\"))
        elif taxonomy == "langelis-service-formats":
            where.append(col(Service.format) == code)
        else:
            where.append(col(Service.level) == code)
    if taxonomy_id and taxonomy_id not in {hsds.taxonomy_id(name) for name in hsds.TAXONOMIES}:
        raise unprocessable(
            "Unknown taxonomy.",
            errors=[{"loc": ["query", "taxonomy_id"], "msg": "unknown taxonomy", "type": "unknown_id"}],
        )
    filters = ServiceFilters(q=search, categories=categories, organization_id=organization_id)
    where.extend(conditions(filters))
    if modified_after is not None:
        # HSDS has no tombstones: deleted services simply stop appearing.
        where.append(col(Service.updated_at) > modified_after)
    return where


@router.get(
    "/services",
    summary="HSDS: services",
    responses={
        200: {
            "description": "An HSDS page of services, or with format=ndjson one service per line",
            "content": {"application/json": {}, "application/x-ndjson": {}},
        },
        **problem_responses(422),
    },
)
def hsds_services(
    request: Request,
    session: SessionDep,
    actor: ActorDep,
    locale: LocaleDep,
    search: Annotated[str | None, Query(max_length=200)] = None,
    page: PageQ = 1,
    per_page: PerPageQ = 50,
    format: FormatQ = None,
    taxonomy_term_id: Annotated[str | None, Query(max_length=60)] = None,
    taxonomy_id: Annotated[str | None, Query(max_length=60)] = None,
    organization_id: uuid.UUID | None = None,
    modified_after: Annotated[Any, Query()] = None,
    minimal: bool = False,
    full: bool = False,
) -> Response:
    from datetime import datetime

    try:
        after = datetime.fromisoformat(modified_after) if modified_after else None
    except ValueError as exc:
        raise unprocessable(
            "modified_after is not an ISO 8601 time.",
            errors=[
                {"loc": ["query", "modified_after"], "msg": "not a date-time", "type": "datetime_parsing"}
            ],
        ) from exc
    if after is not None and after.tzinfo is None:
        from datetime import UTC

        after = after.replace(tzinfo=UTC)
    where = _service_filters(
        session,
        search=search,
        taxonomy_term_id=taxonomy_term_id,
        taxonomy_id=taxonomy_id,
        organization_id=organization_id,
        modified_after=after,
    )
    order = [col(Service.sort_name), col(Service.id)]
    if format == "ndjson":
        factory = request.app.state.session_factory
        return StreamingResponse(
            _ndjson(factory, where, actor=actor, lang=locale.lang, minimal=minimal, full=full),
            media_type="application/x-ndjson",
            headers={"Content-Language": locale.lang},
        )
    total = int(session.exec(select(sa.func.count()).select_from(Service).where(*where)).one())
    rows = session.exec(
        select(Service).where(*where).order_by(*order).offset((page - 1) * per_page).limit(per_page)
    ).all()
    contents = _shape(session, list(rows), actor=actor, lang=locale.lang, minimal=minimal, full=full)
    return _json(_envelope(contents, total=total, page=page, per_page=per_page), locale.lang)


def _shape(
    session: Session, rows: list[Service], *, actor: Actor, lang: str, minimal: bool, full: bool
) -> list[JSONObj]:
    if full and not minimal:
        return hsds.services(session, rows, actor=actor, lang=lang)
    objs = hsds.services(session, rows, actor=actor, lang=lang, minimal=True)
    if minimal:
        keep = ("id", "organization_id", "name", "description", "status")
        return [{k: o[k] for k in keep if k in o} for o in objs]
    return objs


def _ndjson(
    factory: Any, where: list[Any], *, actor: Actor, lang: str, minimal: bool, full: bool
) -> Iterator[str]:
    last: tuple[str, uuid.UUID] | None = None
    with factory() as session:
        while True:
            stmt = select(Service).where(*where)
            if last is not None:
                stmt = stmt.where(sa.tuple_(Service.sort_name, Service.id) > sa.tuple_(*last))
            rows = list(session.exec(stmt.order_by(col(Service.sort_name), col(Service.id)).limit(500)).all())
            if not rows:
                return
            yield "".join(
                json.dumps(o, ensure_ascii=False) + "\n"
                for o in _shape(session, rows, actor=actor, lang=lang, minimal=minimal, full=full)
            )
            last = (rows[-1].sort_name, rows[-1].id)
            session.expunge_all()


@router.get("/services/{service_id}", summary="HSDS: one service", responses=problem_responses(404))
def hsds_service(service_id: uuid.UUID, session: SessionDep, actor: ActorDep, locale: LocaleDep) -> Response:
    svc = session.get(Service, service_id)
    if svc is None or svc.deleted_at is not None:
        raise not_found("service")
    return _json(hsds.services(session, [svc], actor=actor, lang=locale.lang)[0], locale.lang)


@router.get("/organizations", summary="HSDS: organisations", responses=problem_responses(422))
def hsds_organizations(
    session: SessionDep,
    locale: LocaleDep,
    search: Annotated[str | None, Query(max_length=200)] = None,
    page: PageQ = 1,
    per_page: PerPageQ = 50,
) -> Response:
    where: list[Any] = [col(Organization.deleted_at).is_(None)]
    for term in search_terms(search):
        where.append(col(Organization.sort_name).like(f"%{like_escape(term)}%", escape="\\"))
    total = int(session.exec(select(sa.func.count()).select_from(Organization).where(*where)).one())
    rows = session.exec(
        select(Organization)
        .where(*where)
        .order_by(col(Organization.sort_name), col(Organization.id))
        .offset((page - 1) * per_page)
        .limit(per_page)
    ).all()
    contents = [hsds.organization(o, locale.lang) for o in rows]
    return _json(_envelope(contents, total=total, page=page, per_page=per_page), locale.lang)


@router.get(
    "/organizations/{organization_id}",
    summary="HSDS: one organisation with its services",
    responses=problem_responses(404),
)
def hsds_organization(
    organization_id: uuid.UUID, session: SessionDep, actor: ActorDep, locale: LocaleDep
) -> Response:
    org = session.get(Organization, organization_id)
    if org is None or org.deleted_at is not None:
        raise not_found("organization")
    body = hsds.organization(org, locale.lang)
    rows = session.exec(
        select(Service)
        .where(col(Service.organization_id) == org.id, col(Service.deleted_at).is_(None))
        .order_by(col(Service.sort_name), col(Service.id))
        .limit(500)
    ).all()
    body["services"] = hsds.services(session, list(rows), actor=actor, lang=locale.lang, minimal=True)
    return _json(body, locale.lang)


@router.get("/taxonomies", summary="HSDS: taxonomies", responses=problem_responses(422))
def hsds_taxonomies(locale: LocaleDep, page: PageQ = 1, per_page: PerPageQ = 50) -> Response:
    items = hsds.taxonomy_objects()
    chunk = items[(page - 1) * per_page : page * per_page]
    return _json(_envelope(chunk, total=len(items), page=page, per_page=per_page), locale.lang)


@router.get("/taxonomies/{taxonomy_id}", summary="HSDS: one taxonomy", responses=problem_responses(404))
def hsds_taxonomy(taxonomy_id: str, locale: LocaleDep) -> Response:
    for item in hsds.taxonomy_objects():
        if item["id"] == taxonomy_id:
            return _json(item, locale.lang)
    raise not_found("taxonomy")


@router.get("/taxonomy_terms", summary="HSDS: taxonomy terms", responses=problem_responses(422))
def hsds_taxonomy_terms(
    locale: LocaleDep,
    search: Annotated[str | None, Query(max_length=200)] = None,
    page: PageQ = 1,
    per_page: PerPageQ = 50,
    taxonomy_id: Annotated[str | None, Query(max_length=60)] = None,
    top_only: bool = False,
    parent_id: Annotated[str | None, Query(max_length=60)] = None,
) -> Response:
    from api.core.i18n import normalize

    items = hsds.all_terms(locale.lang)
    if taxonomy_id:
        items = [t for t in items if t["taxonomy_id"] == taxonomy_id]
    if top_only:
        items = [t for t in items if "parent_id" not in t]
    if parent_id:
        items = [t for t in items if t.get("parent_id") == parent_id]
    for term in search_terms(search):
        items = [t for t in items if term in normalize(f"{t['name']} {t['code']} {t['description']}")]
    chunk = items[(page - 1) * per_page : page * per_page]
    return _json(_envelope(chunk, total=len(items), page=page, per_page=per_page), locale.lang)


@router.get("/taxonomy_terms/{term_id}", summary="HSDS: one taxonomy term", responses=problem_responses(404))
def hsds_taxonomy_term(term_id: str, locale: LocaleDep) -> Response:
    for term in hsds.all_terms(locale.lang):
        if term["id"] == term_id:
            return _json(term, locale.lang)
    raise not_found("taxonomy term")


def _sal_query(where: list[Any]) -> Any:
    return (
        select(ServiceAtLocation, Location)
        .join(Location, col(Location.id) == ServiceAtLocation.location_id)
        .join(Service, col(Service.id) == ServiceAtLocation.service_id)
        .where(col(Location.deleted_at).is_(None), *where)
    )


@router.get("/service_at_locations", summary="HSDS: services at locations", responses=problem_responses(422))
def hsds_service_at_locations(
    session: SessionDep,
    actor: ActorDep,
    locale: LocaleDep,
    search: Annotated[str | None, Query(max_length=200)] = None,
    taxonomy_term_id: Annotated[str | None, Query(max_length=60)] = None,
    organization_id: uuid.UUID | None = None,
    page: PageQ = 1,
    per_page: PerPageQ = 50,
) -> Response:
    where = _service_filters(
        session,
        search=search,
        taxonomy_term_id=taxonomy_term_id,
        taxonomy_id=None,
        organization_id=organization_id,
        modified_after=None,
    )
    stmt = _sal_query(where)
    total = int(session.exec(select(sa.func.count()).select_from(stmt.subquery())).one())
    rows = session.exec(
        stmt.order_by(col(ServiceAtLocation.created_at), col(ServiceAtLocation.id))
        .offset((page - 1) * per_page)
        .limit(per_page)
    ).all()
    contents = [hsds.service_at_location(link, loc, actor=actor, lang=locale.lang) for link, loc in rows]
    return _json(_envelope(contents, total=total, page=page, per_page=per_page), locale.lang)


@router.get(
    "/service_at_locations/{link_id}",
    summary="HSDS: one service at a location",
    responses=problem_responses(404),
)
def hsds_service_at_location(
    link_id: uuid.UUID, session: SessionDep, actor: ActorDep, locale: LocaleDep
) -> Response:
    row = session.exec(
        _sal_query([col(ServiceAtLocation.id) == link_id, col(Service.deleted_at).is_(None)])
    ).first()
    if row is None:
        raise not_found("service at location")
    link, loc = row
    body = hsds.service_at_location(link, loc, actor=actor, lang=locale.lang)
    svc = session.get(Service, link.service_id)
    if svc is not None:
        body["service"] = hsds.services(session, [svc], actor=actor, lang=locale.lang, minimal=True)[0]
    return _json(body, locale.lang)
