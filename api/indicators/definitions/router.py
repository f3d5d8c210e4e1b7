"""Indicator definitions over HTTP: the collection (list, create) and one definition (read, change, delete).

Two routers, because the collection comes before the data paths and one definition (``/{code}``)
after them: ``/indicators/data`` must not be read as the definition ``data``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, Response
from sqlmodel import Session

from api.accounts.deps import ActorDep
from api.core.conditional import IfMatchDep
from api.core.db import SessionDep
from api.core.http import created, creating, deleting, no_content, op, page_response, with_etag
from api.core.i18n import Locale, LocaleDep
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


@dataclass(frozen=True)
class Reply:
    """What the definition routes answer in: the language; ``definition`` sends one definition
    with its ETag."""

    response: Response
    session: Session
    locale: Locale

    def definition(self, d: IndicatorDefinition) -> DefinitionRead:
        return with_etag(self.response, d.version, logic.to_read(d, self.locale, self.session))


def _reply(response: Response, session: SessionDep, locale: LocaleDep) -> Reply:
    return Reply(response, session, locale)


ReplyDep = Annotated[Reply, Depends(_reply)]


@collection.get("", **op(DefinitionList, "List indicator definitions", (400, 422)))
def list_definitions(
    request: Request,
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
    return page_response(request, reply.response, DefinitionList(items=items, next_cursor=cursor))


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
    created(reply.response, f"/api/v1/indicators/{d.code}")
    return reply.definition(d)


@item.get("/{code}", **op(DefinitionRead, "Get an indicator definition", (404,)))
def get_definition(d: ReadableDefinition, reply: ReplyDep) -> DefinitionRead:
    return reply.definition(d)


@item.patch(
    "/{code}",
    **op(DefinitionRead, "Change an indicator definition (If-Match)", (401, 403, 404, 409, 412, 422, 428)),
)
def update_definition(
    data: DefinitionUpdate, d: WritableDefinition, if_match: IfMatchDep, reply: ReplyDep, actor: Writer
) -> DefinitionRead:
    return reply.definition(
        logic.update_definition(reply.session, actor=actor, d=d, data=data, if_match=if_match)
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
