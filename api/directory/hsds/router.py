"""The HSDS 3.0 feed under ``/hsds`` (Open Referral's API names, paging envelope and objects).
Reads only, public; the queries and shapes are in :mod:`.logic` and :mod:`.reads`.

Every parameter of the HSDS 3.0 OpenAPI for an endpoint we serve either works or is a 400 naming
it; so is any parameter the endpoint does not declare (:func:`api.core.http.refuse_unknown_query`, which the app applies to every operation). The
answers are serialised once from plain dicts; the ``Hsds…`` models describe them in OpenAPI."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

from fastapi import APIRouter, Request, Response
from fastapi.responses import StreamingResponse

from api.accounts.deps import ActorDep
from api.core.db import SessionDep
from api.core.errors import problem_responses
from api.core.http import fast_json, op
from api.directory import answers
from api.directory.deps import AsyncActorDep, HsdsLocaleDep, remembered_page
from api.directory.hsds import logic, reads
from api.directory.hsds import schemas as s
from api.directory.hsds.logic import Shape
from api.directory.hsds.mapping import HSDS_VERSION
from api.directory.hsds.params import (
    CodeQ,
    FormatQ,
    FullQ,
    MinimalQ,
    ModifiedAfterQ,
    PageQ,
    PerPageQ,
    PostcodeQ,
    ProximityQ,
    SearchQ,
    parse_proximity,
)
from api.directory.hsds.places import location_filter

router = APIRouter(prefix="/hsds", tags=["hsds"])

NDJSON = "application/x-ndjson"


def _page(model: type[Any], summary: str, what: str) -> dict[str, Any]:
    """The route's summary and answers: an HSDS page of ``what`` (or every match as NDJSON)."""
    page = {
        "model": model,
        "description": f"An HSDS page of {what}; with format=ndjson every match, one a line",
        "content": {NDJSON: {"schema": {"type": "string", "description": "One JSON object a line"}}},
    }
    return {"summary": summary, "responses": {200: page, **problem_responses(400, 422)}}


def _one(model: type[Any], summary: str) -> dict[str, Any]:
    """The route's summary and answers: one HSDS object."""
    one = {"model": model, "description": "One HSDS object"}
    return {"summary": summary, "responses": {200: one, **problem_responses(400, 404, 422)}}


def _json(body: Any, lang: str, *, content: bytes | None = None) -> Response:
    """``body`` as JSON (or ``content``, already serialised)."""
    return Response(
        content=fast_json(body) if content is None else content,
        media_type="application/json",
        headers={"Content-Language": lang, "Vary": "Accept-Language, Authorization"},
    )


def _stream(lines: Iterator[str], lang: str) -> Response:
    return StreamingResponse(lines, media_type=NDJSON, headers={"Content-Language": lang})


@router.get("", **op(s.HsdsAbout, "HSDS: about this API", (400,)))
@router.get("/", summary="HSDS: about this API", include_in_schema=False)
def hsds_root(request: Request) -> s.HsdsAbout:
    base = str(request.base_url).rstrip("/")
    return s.HsdsAbout(
        version=HSDS_VERSION,
        profile="https://openreferral.org/imports/hsds/",
        openapi_url=f"{base}/api/v1/openapi.json",
    )


@router.get("/services", **_page(s.HsdsServicePage, "HSDS: services", "services"))
async def hsds_services(
    request: Request,
    actor: AsyncActorDep,
    locale: HsdsLocaleDep,
    search: SearchQ = None,
    page: PageQ = 1,
    per_page: PerPageQ = 50,
    format: FormatQ = None,
    taxonomy_term_id: CodeQ = None,
    taxonomy_id: CodeQ = None,
    organization_id: uuid.UUID | None = None,
    modified_after: ModifiedAfterQ = None,
    minimal: MinimalQ = False,
    full: FullQ = False,
) -> Response:
    # A hot public read: async dependencies, the database work in one worker thread.
    after = logic.parse_modified_after(modified_after)
    where = logic.service_filters(
        search=search,
        taxonomy_term_id=taxonomy_term_id,
        taxonomy_id_=taxonomy_id,
        organization_id=organization_id,
        modified_after=after,
    )
    shape = Shape(actor, locale.lang, minimal=minimal, full=full)
    if format == "ndjson":
        return _stream(logic.service_lines(request.app.state.session_factory, where, shape), locale.lang)
    key = (search, taxonomy_term_id, taxonomy_id, organization_id, after)
    # A page asked before is answered from memory while the directory is unchanged (answers.py).
    found = await remembered_page(
        request,
        route="hsds/services",
        locale=locale,
        actor=actor,
        compute=lambda session: answers.Page.of(
            fast_json(logic.service_page(session, where, shape, page=page, per_page=per_page, count_key=key))
        ),
    )
    response = _json(None, locale.lang, content=found.body)
    response.headers["ETag"] = found.etag
    return response


@router.get("/services/{service_id}", **_one(s.HsdsService, "HSDS: one service"))
def hsds_service(
    service_id: uuid.UUID, session: SessionDep, actor: ActorDep, locale: HsdsLocaleDep
) -> Response:
    return _json(logic.one_service(session, service_id, actor=actor, lang=locale.lang), locale.lang)


@router.get("/organizations", **_page(s.HsdsOrganizationPage, "HSDS: organisations", "organisations"))
def hsds_organizations(
    request: Request,
    session: SessionDep,
    actor: ActorDep,
    locale: HsdsLocaleDep,
    search: SearchQ = None,
    full_service: FullQ = False,
    full: FullQ = False,
    page: PageQ = 1,
    per_page: PerPageQ = 50,
    format: FormatQ = None,
    modified_after: ModifiedAfterQ = None,
    minimal: MinimalQ = False,
) -> Response:
    query: dict[str, Any] = {"search": search, "modified_after": logic.parse_modified_after(modified_after)}
    shape = Shape(actor, locale.lang, minimal=minimal, full=full, full_service=full_service)
    if format == "ndjson":
        lines = reads.organization_lines(request.app.state.session_factory, shape, **query)
        return _stream(lines, locale.lang)
    body = reads.organization_page(session, shape, page=page, per_page=per_page, **query)
    return _json(body, locale.lang)


@router.get(
    "/organizations/{organization_id}", **_one(s.HsdsOrganization, "HSDS: one organisation with its services")
)
def hsds_organization(
    organization_id: uuid.UUID,
    session: SessionDep,
    actor: ActorDep,
    locale: HsdsLocaleDep,
    full_service: FullQ = False,
) -> Response:
    body = reads.one_organization(
        session, organization_id, actor=actor, lang=locale.lang, full_service=full_service
    )
    return _json(body, locale.lang)


@router.get("/taxonomies", **_page(s.HsdsTaxonomyPage, "HSDS: taxonomies", "taxonomies"))
async def hsds_taxonomies(
    locale: HsdsLocaleDep,
    search: SearchQ = None,
    page: PageQ = 1,
    per_page: PerPageQ = 50,
    format: FormatQ = None,
) -> Response:
    if format == "ndjson":
        return _stream(reads.lines(reads.taxonomies(search=search)), locale.lang)
    return _json(reads.taxonomy_page(search=search, page=page, per_page=per_page), locale.lang)


@router.get("/taxonomies/{taxonomy_id}", **_one(s.HsdsTaxonomy, "HSDS: one taxonomy"))
async def hsds_taxonomy(taxonomy_id: str, locale: HsdsLocaleDep) -> Response:
    return _json(reads.one_taxonomy(taxonomy_id), locale.lang)


@router.get("/taxonomy_terms", **_page(s.HsdsTaxonomyTermPage, "HSDS: taxonomy terms", "terms"))
async def hsds_taxonomy_terms(
    locale: HsdsLocaleDep,
    search: SearchQ = None,
    page: PageQ = 1,
    per_page: PerPageQ = 50,
    format: FormatQ = None,
    taxonomy_id: CodeQ = None,
    top_only: bool = False,
    parent_id: CodeQ = None,
) -> Response:
    items = reads.terms(
        lang=locale.lang, search=search, taxonomy=taxonomy_id, top_only=top_only, parent_id=parent_id
    )
    if format == "ndjson":
        return _stream(reads.lines(items), locale.lang)
    return _json(logic.sliced(items, page=page, per_page=per_page), locale.lang)


@router.get("/taxonomy_terms/{term_id}", **_one(s.HsdsTaxonomyTerm, "HSDS: one taxonomy term"))
async def hsds_taxonomy_term(term_id: str, locale: HsdsLocaleDep) -> Response:
    return _json(reads.one_term(term_id, lang=locale.lang), locale.lang)


@router.get(
    "/service_at_locations",
    **_page(s.HsdsServiceAtLocationPage, "HSDS: services at locations", "services at locations"),
)
def hsds_service_at_locations(
    request: Request,
    session: SessionDep,
    actor: ActorDep,
    locale: HsdsLocaleDep,
    search: SearchQ = None,
    taxonomy_term_id: CodeQ = None,
    taxonomy_id: CodeQ = None,
    organization_id: uuid.UUID | None = None,
    modified_after: ModifiedAfterQ = None,
    full: FullQ = False,
    page: PageQ = 1,
    per_page: PerPageQ = 50,
    format: FormatQ = None,
    postcode: PostcodeQ = None,
    proximity: ProximityQ = None,
) -> Response:
    near = parse_proximity(proximity, postcode)
    where = logic.service_filters(
        search=search,
        taxonomy_term_id=taxonomy_term_id,
        taxonomy_id_=taxonomy_id,
        organization_id=organization_id,
        modified_after=logic.parse_modified_after(modified_after),
        links=True,
    )
    where += location_filter(session, actor=actor, postcode=postcode, near=near)
    shape = Shape(actor, locale.lang, full=full)
    if format == "ndjson":
        lines = logic.service_at_location_lines(request.app.state.session_factory, where, shape)
        return _stream(lines, locale.lang)
    body = logic.service_at_location_page(session, where, shape, page=page, per_page=per_page)
    return _json(body, locale.lang)


@router.get(
    "/service_at_locations/{link_id}", **_one(s.HsdsServiceAtLocation, "HSDS: one service at a location")
)
def hsds_service_at_location(
    link_id: uuid.UUID, session: SessionDep, actor: ActorDep, locale: HsdsLocaleDep
) -> Response:
    return _json(logic.one_service_at_location(session, link_id, actor=actor, lang=locale.lang), locale.lang)
