"""Indicator definitions over HTTP: the collection (list, create) and one definition (read, change, delete).

Two routers, because the collection comes before the data paths and one definition (``/{code}``)
after them: ``/indicators/data`` must not be read as the definition ``data``.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response, status

from api.accounts.deps import ActorDep
from api.core.conditional import IfMatchDep
from api.core.db import SessionDep
from api.core.http import created, op, page_response, with_etag
from api.core.i18n import LocaleDep
from api.core.pagination import PageDep
from api.indicators.definitions import logic
from api.indicators.definitions.schemas import (
    DefinitionCreate,
    DefinitionList,
    DefinitionRead,
    DefinitionUpdate,
    SourceKind,
)
from api.indicators.deps import ReadableDefinition, WritableDefinition, Writer

collection = APIRouter(tags=["indicators"])
item = APIRouter(tags=["indicators"])


@collection.get("", **op(DefinitionList, "List indicator definitions", (400, 422)))
def list_definitions(
    request: Request,
    response: Response,
    session: SessionDep,
    actor: ActorDep,
    locale: LocaleDep,
    page: PageDep,
    domain: Annotated[str | None, Query(max_length=40, description="e.g. `population`")] = None,
    source_kind: SourceKind | None = None,
    computed: bool | None = None,
    q: Annotated[str | None, Query(max_length=100, description="Code or name, any language")] = None,
) -> Response:
    rows, cursor = logic.list_definitions(
        session, actor=actor, params=page, domain=domain, source_kind=source_kind, computed=computed, q=q
    )
    items = [logic.to_read(d, locale, session) for d in rows]
    return page_response(request, response, DefinitionList(items=items, next_cursor=cursor))


@collection.post(
    "",
    **op(
        DefinitionRead,
        "Create an indicator definition (a computed one with numerator, denominator and factor)",
        (401, 403, 409, 422),
        status=201,
    ),
)
def create_definition(
    data: DefinitionCreate, response: Response, session: SessionDep, actor: Writer, locale: LocaleDep
) -> DefinitionRead:
    d = logic.create_definition(session, actor=actor, data=data)
    created(response, f"/api/v1/indicators/{d.code}")
    return with_etag(response, d.version, logic.to_read(d, locale, session))


@item.get("/{code}", **op(DefinitionRead, "Get an indicator definition", (404,)))
def get_definition(
    d: ReadableDefinition, response: Response, session: SessionDep, locale: LocaleDep
) -> DefinitionRead:
    return with_etag(response, d.version, logic.to_read(d, locale, session))


@item.patch(
    "/{code}",
    **op(DefinitionRead, "Change an indicator definition (If-Match)", (401, 403, 404, 409, 412, 422, 428)),
)
def update_definition(
    data: DefinitionUpdate,
    d: WritableDefinition,
    if_match: IfMatchDep,
    response: Response,
    session: SessionDep,
    actor: Writer,
    locale: LocaleDep,
) -> DefinitionRead:
    d = logic.update_definition(session, actor=actor, d=d, data=data, if_match=if_match)
    return with_etag(response, d.version, logic.to_read(d, locale, session))


@item.delete(
    "/{code}",
    **op(
        None,
        "Delete an indicator definition without observations (If-Match)",
        (401, 403, 404, 409, 412, 428),
        status=status.HTTP_204_NO_CONTENT,
    ),
)
def delete_definition(
    d: WritableDefinition, if_match: IfMatchDep, session: SessionDep, actor: Writer
) -> Response:
    logic.delete_definition(session, actor=actor, d=d, if_match=if_match)
    return Response(status_code=204)
