"""The HSDS 3.0 feed under ``/hsds`` (Open Referral's API names, paging envelope and objects).
Reads only, public; the queries and shapes are in :mod:`.logic`."""

from __future__ import annotations

import json
import uuid
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import StreamingResponse

from api.accounts.deps import ActorDep
from api.core.db import SessionDep
from api.core.errors import problem_responses
from api.core.i18n import LocaleDep
from api.directory.hsds import logic
from api.directory.hsds.mapping import HSDS_VERSION

router = APIRouter(prefix="/hsds", tags=["hsds"])

PageQ = Annotated[int, Query(ge=1, le=100000, description="Page number, from 1")]
PerPageQ = Annotated[int, Query(ge=1, le=100, description="Items per page")]
FormatQ = Annotated[Literal["json", "ndjson"] | None, Query(description="ndjson streams every match")]
SearchQ = Annotated[str | None, Query(max_length=200)]
CodeQ = Annotated[str | None, Query(max_length=60)]
JSONObj = dict[str, Any]


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
        "version": HSDS_VERSION,
        "profile": "https://openreferral.org/imports/hsds/",
        "openapi_url": f"{base}/api/v1/openapi.json",
    }


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
    search: SearchQ = None,
    page: PageQ = 1,
    per_page: PerPageQ = 50,
    format: FormatQ = None,
    taxonomy_term_id: CodeQ = None,
    taxonomy_id: CodeQ = None,
    organization_id: uuid.UUID | None = None,
    modified_after: Annotated[Any, Query()] = None,
    minimal: bool = False,
    full: bool = False,
) -> Response:
    where = logic.service_filters(
        search=search,
        taxonomy_term_id=taxonomy_term_id,
        taxonomy_id_=taxonomy_id,
        organization_id=organization_id,
        modified_after=logic.parse_modified_after(modified_after),
    )
    if format == "ndjson":
        return StreamingResponse(
            logic.service_lines(
                request.app.state.session_factory,
                where,
                actor=actor,
                lang=locale.lang,
                minimal=minimal,
                full=full,
            ),
            media_type="application/x-ndjson",
            headers={"Content-Language": locale.lang},
        )
    body = logic.service_page(
        session,
        where,
        actor=actor,
        lang=locale.lang,
        page=page,
        per_page=per_page,
        minimal=minimal,
        full=full,
    )
    return _json(body, locale.lang)


@router.get("/services/{service_id}", summary="HSDS: one service", responses=problem_responses(404))
def hsds_service(service_id: uuid.UUID, session: SessionDep, actor: ActorDep, locale: LocaleDep) -> Response:
    return _json(logic.one_service(session, service_id, actor=actor, lang=locale.lang), locale.lang)


@router.get("/organizations", summary="HSDS: organisations", responses=problem_responses(422))
def hsds_organizations(
    session: SessionDep, locale: LocaleDep, search: SearchQ = None, page: PageQ = 1, per_page: PerPageQ = 50
) -> Response:
    body = logic.organization_page(session, search=search, lang=locale.lang, page=page, per_page=per_page)
    return _json(body, locale.lang)


@router.get(
    "/organizations/{organization_id}",
    summary="HSDS: one organisation with its services",
    responses=problem_responses(404),
)
def hsds_organization(
    organization_id: uuid.UUID, session: SessionDep, actor: ActorDep, locale: LocaleDep
) -> Response:
    return _json(logic.one_organization(session, organization_id, actor=actor, lang=locale.lang), locale.lang)


@router.get("/taxonomies", summary="HSDS: taxonomies", responses=problem_responses(422))
def hsds_taxonomies(locale: LocaleDep, page: PageQ = 1, per_page: PerPageQ = 50) -> Response:
    return _json(logic.taxonomy_page(page=page, per_page=per_page), locale.lang)


@router.get("/taxonomies/{taxonomy_id}", summary="HSDS: one taxonomy", responses=problem_responses(404))
def hsds_taxonomy(taxonomy_id: str, locale: LocaleDep) -> Response:
    return _json(logic.one_taxonomy(taxonomy_id), locale.lang)


@router.get("/taxonomy_terms", summary="HSDS: taxonomy terms", responses=problem_responses(422))
def hsds_taxonomy_terms(
    locale: LocaleDep,
    search: SearchQ = None,
    page: PageQ = 1,
    per_page: PerPageQ = 50,
    taxonomy_id: CodeQ = None,
    top_only: bool = False,
    parent_id: CodeQ = None,
) -> Response:
    body = logic.term_page(
        lang=locale.lang,
        search=search,
        taxonomy=taxonomy_id,
        top_only=top_only,
        parent_id=parent_id,
        page=page,
        per_page=per_page,
    )
    return _json(body, locale.lang)


@router.get("/taxonomy_terms/{term_id}", summary="HSDS: one taxonomy term", responses=problem_responses(404))
def hsds_taxonomy_term(term_id: str, locale: LocaleDep) -> Response:
    return _json(logic.one_term(term_id, lang=locale.lang), locale.lang)


@router.get("/service_at_locations", summary="HSDS: services at locations", responses=problem_responses(422))
def hsds_service_at_locations(
    session: SessionDep,
    actor: ActorDep,
    locale: LocaleDep,
    search: SearchQ = None,
    taxonomy_term_id: CodeQ = None,
    organization_id: uuid.UUID | None = None,
    page: PageQ = 1,
    per_page: PerPageQ = 50,
) -> Response:
    where = logic.service_filters(
        search=search,
        taxonomy_term_id=taxonomy_term_id,
        taxonomy_id_=None,
        organization_id=organization_id,
        modified_after=None,
    )
    body = logic.service_at_location_page(
        session, where, actor=actor, lang=locale.lang, page=page, per_page=per_page
    )
    return _json(body, locale.lang)


@router.get(
    "/service_at_locations/{link_id}",
    summary="HSDS: one service at a location",
    responses=problem_responses(404),
)
def hsds_service_at_location(
    link_id: uuid.UUID, session: SessionDep, actor: ActorDep, locale: LocaleDep
) -> Response:
    return _json(logic.one_service_at_location(session, link_id, actor=actor, lang=locale.lang), locale.lang)
