"""Indicator definitions over HTTP: the collection (list, create) and one definition (read, change, delete).

Two routers, because the collection comes before the data paths and one definition (``/{code}``)
after them: ``/indicators/data`` must not be read as the definition ``data``.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response

from api.accounts.deps import ActorDep
from api.core.conditional import IfMatchDep
from api.core.db import SessionDep
from api.core.http import Reply, ReplyDep, creating, deleting, no_content, op, page_response
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
from api.indicators.models import IndicatorDefinition

collection = APIRouter(tags=["indicators"])
item = APIRouter(tags=["indicators"])


def _definition(reply: Reply, d: IndicatorDefinition) -> DefinitionRead:
    """One definition in the reply's language, with its ETag."""
    return reply.tagged(d.version, logic.to_read(d, reply.locale, reply.session))


@collection.get("", **op(DefinitionList, "List indicator definitions", (400, 422)))
def list_definitions(
    actor: ActorDep,
    reply: ReplyDep,
    page: PageDep,
    domain: Annotated[str | None, Query(max_length=40, description="e.g. `population`")] = None,
    source_kind: SourceKind | None = None,
    computed: bool | None = None,
    q: Annotated[str | None, Query(max_length=100, description="Code or name, any language")] = None,
) -> Response:
    session, locale = reply.session, reply.locale
    rows, cursor = logic.list_definitions(
        session, actor=actor, params=page, domain=domain, source_kind=source_kind, computed=computed, q=q
    )
    items = [logic.to_read(d, locale, session) for d in rows]
    return page_response(reply.request, reply.response, DefinitionList(items=items, next_cursor=cursor))


@collection.post(
    "",
    **creating(
        DefinitionRead,
        "Create an indicator definition (a computed one with numerator, denominator and factor)",
        (401, 403, 409, 422),
    ),
)
def create_definition(data: DefinitionCreate, reply: ReplyDep, actor: Writer) -> DefinitionRead:
    d = logic.create_definition(reply.session, actor=actor, data=data)
    return reply.created(d.code, d.version, logic.to_read(d, reply.locale, reply.session))


@item.get("/{code}", **op(DefinitionRead, "Get an indicator definition", (404,)))
def get_definition(d: ReadableDefinition, reply: ReplyDep) -> DefinitionRead:
    return _definition(reply, d)


@item.patch(
    "/{code}",
    **op(DefinitionRead, "Change an indicator definition (If-Match)", (401, 403, 404, 409, 412, 422, 428)),
)
def update_definition(
    data: DefinitionUpdate, d: WritableDefinition, if_match: IfMatchDep, reply: ReplyDep, actor: Writer
) -> DefinitionRead:
    return _definition(
        reply, logic.update_definition(reply.session, actor=actor, d=d, data=data, if_match=if_match)
    )


@item.delete(
    "/{code}",
    **deleting(
        "Delete an indicator definition without observations (If-Match)", (401, 403, 404, 409, 412, 428)
    ),
)
def delete_definition(
    d: WritableDefinition, if_match: IfMatchDep, session: SessionDep, actor: Writer
) -> Response:
    logic.delete_definition(session, actor=actor, d=d, if_match=if_match)
    return no_content()
