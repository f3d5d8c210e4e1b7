"""Directory dependencies: the service filters as typed query parameters, response helpers."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, date, datetime
from typing import Annotated, Literal, TypeVar

from fastapi import Depends, Query, Request, Response
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel
from sqlmodel import Session

from api.accounts.deps import actor_in_own_session, oauth2
from api.core.actor import ANONYMOUS, Actor
from api.core.etag import set_etag
from api.core.i18n import LangCode, Locale, get_locale
from api.core.pagination import DEFAULT_LIMIT, MAX_LIMIT, PageParams, page_params
from api.directory.schemas import CefrLevel, ServiceFormat, ServiceStatus
from api.directory.search import ServiceFilters


# async: pure parsing, so FastAPI runs these in the event loop instead of a worker thread each.
async def _common_filters(
    q: Annotated[
        str | None, Query(max_length=200, description="Free text in any language; diacritics ignored")
    ] = None,
    category: Annotated[
        list[str] | None, Query(max_length=20, description="Category code(s); sub-categories included")
    ] = None,
    municipality: Annotated[
        list[str] | None, Query(max_length=60, description="Municipality code(s)")
    ] = None,
    organization: Annotated[uuid.UUID | None, Query(description="Organisation id")] = None,
    language: Annotated[
        str | None, Query(pattern=r"^[a-z]{2}$", description="Delivered in this language (ISO 639-1)")
    ] = None,
    eligible_status: Annotated[
        str | None, Query(max_length=40, description="Open to this legal status (legal-statuses.csv)")
    ] = None,
    age: Annotated[int | None, Query(ge=0, le=120, description="Open to a person of this age")] = None,
    level: Annotated[CefrLevel | None, Query(description="CEFR level of a language course")] = None,
    free: Annotated[bool | None, Query(description="true: free of charge only")] = None,
    status: Annotated[list[ServiceStatus] | None, Query(max_length=4)] = None,
    open_on: Annotated[date | None, Query(description="Active and running on this date")] = None,
    modified_after: Annotated[
        datetime | None, Query(description="Changed after this time; deleted services come as tombstones")
    ] = None,
    stale: Annotated[bool | None, Query(description="true: not verified for 180 days")] = None,
    funding_ends_before: Annotated[date | None, Query(description="Funding ends before this date")] = None,
) -> ServiceFilters:
    return ServiceFilters(
        q=q,
        categories=list(category or []),
        municipalities=list(municipality or []),
        organization_id=organization,
        language=language,
        eligible_status=eligible_status,
        age=age,
        level=level,
        free=free,
        status=list(status or []),
        open_on=open_on,
        # A time without a zone is taken as UTC (the column is UTC; a naive value cannot be compared).
        modified_after=modified_after.replace(tzinfo=UTC)
        if modified_after and modified_after.tzinfo is None
        else modified_after,
        stale=stale,
        funding_ends_before=funding_ends_before,
    )


CommonFilters = Annotated[ServiceFilters, Depends(_common_filters)]


async def service_filters(
    common: CommonFilters,
    format: Annotated[list[ServiceFormat] | None, Query(max_length=4, description="Delivery format")] = None,
) -> ServiceFilters:
    return replace(common, format=list(format or []))


async def export_filters(
    common: CommonFilters,
    service_format: Annotated[
        list[ServiceFormat] | None,
        Query(max_length=4, description="Delivery format (`format` is the file's)"),
    ] = None,
) -> ServiceFilters:
    return replace(common, format=list(service_format or []))


ServiceFiltersDep = Annotated[ServiceFilters, Depends(service_filters)]
ExportFiltersDep = Annotated[ServiceFilters, Depends(export_filters)]
ExportFormat = Literal["csv", "ndjson"]


def json_body(response: Response, body: BaseModel) -> Response:
    """The answer serialised once (the route still declares its model for OpenAPI); headers set on
    the injected response are carried over."""
    headers = {
        k: v for k, v in response.headers.items() if k.lower() not in ("content-length", "content-type")
    }
    return Response(content=body.model_dump_json(), media_type="application/json", headers=headers)


M = TypeVar("M", bound=BaseModel)


def with_etag(response: Response, version: int, body: M) -> M:
    """A version ETag (what If-Match checks) that also changes with the representation."""
    set_etag(response, version, body.model_dump_json())
    return body


# The hot read routes take the language and the page through these async twins of the core
# dependencies (same parameters, same behaviour): a sync dependency costs a worker-thread hop per
# request, which on a busy machine was most of the gap between the API and raw SQL.
async def async_locale(
    request: Request,
    response: Response,
    lang: Annotated[LangCode | None, Query(description="Response language (else Accept-Language)")] = None,
    translations: Annotated[
        Literal["all"] | None, Query(description="`all` returns every translation as a map")
    ] = None,
) -> Locale:
    return get_locale(request, response, lang, translations)


async def async_page(
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Page size")] = DEFAULT_LIMIT,
    cursor: Annotated[
        str | None, Query(max_length=1000, description="Opaque cursor from `next_cursor`")
    ] = None,
) -> PageParams:
    return page_params(limit, cursor)


AsyncLocaleDep = Annotated[Locale, Depends(async_locale)]
AsyncPageDep = Annotated[PageParams, Depends(async_page)]


async def async_actor(request: Request, token: Annotated[str | None, Depends(oauth2)]) -> Actor:
    """``get_actor`` without a worker thread for the anonymous public, who make most reads; a token
    is still checked by ``get_actor`` itself."""
    if not token:
        return ANONYMOUS
    return await run_in_threadpool(actor_in_own_session, request, token)


AsyncActorDep = Annotated[Actor, Depends(async_actor)]


@contextmanager
def read_session(request: Request) -> Iterator[Session]:
    """A session for a read-only route that does all its database work in one worker thread (the
    request-scoped session dependency costs a thread hop to open and another to close)."""
    factory = request.app.state.session_factory
    session = factory()
    try:
        yield session
    finally:
        session.rollback()
        session.close()
