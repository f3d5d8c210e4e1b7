"""HTTP routes of services: search and export (the hot public reads), one service, legal statuses,
and the changes (create, change, verify, delete)."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Body, Query, Request, Response
from fastapi.responses import StreamingResponse
from sqlmodel import Session

from api.accounts.deps import ActorDep
from api.core.actor import Actor
from api.core.conditional import IfMatchDep
from api.core.db import SessionDep
from api.core.errors import problem_responses
from api.core.etag import none_match
from api.core.hot import AsyncLocaleDep, AsyncPageDep, read_in_thread
from api.core.http import (
    Reply,
    ReplyDep,
    deleting,
    no_content,
    op,
    page_bytes_response,
    row_response,
    rows_page_body,
)
from api.core.i18n import LocaleDep
from api.directory import answers
from api.directory.categories.reference import legal_statuses
from api.directory.categories.schemas import LegalStatusList, LegalStatusRead
from api.directory.deps import (
    CHANGE_ERRORS,
    AsyncActorDep,
    OptionalIfMatchDep,
    VerifiableService,
    WritableService,
    remembered_page,
)
from api.directory.models import Service
from api.directory.services import export, rows, search
from api.directory.services import logic as catalog
from api.directory.services.examples import (
    CREATE_EXAMPLES,
    SERVICE_LIST,
    SERVICE_READ,
    example_content,
)
from api.directory.services.params import ExportFiltersDep, ExportFormat, ServiceFiltersDep
from api.directory.services.schemas import ServiceCreate, ServiceList, ServiceRead, ServiceUpdate
from api.directory.vocab import ServiceSort

router = APIRouter(prefix="/services", tags=["directory"])


def _shown(
    model: Any, summary: str, errors: tuple[int, ...], example: dict[str, Any], shown: str, status: int = 200
) -> dict[str, Any]:
    """``op`` with an example of the answer (``shown`` describes it) for the OpenAPI file."""
    answer = {"description": shown, "content": example_content(example)}
    return op(model, summary, errors, status=status, responses={status: answer})


def _answer(reply: Reply, actor: Actor, service: Service, *, created: bool = False) -> ServiceRead:
    """One service as the API shows it, with its version ETag (and its URL when ``created``)."""
    body = catalog.read(reply.session, [service], actor=actor, locale=reply.locale)[0]
    return (
        reply.created(service.id, service.version, body) if created else reply.tagged(service.version, body)
    )


@router.get(
    "",
    **_shown(
        ServiceList,
        "Search and list services (filters combine with AND; keyset pages)",
        (400, 422),
        SERVICE_LIST,
        "One page of services",
    ),
)
async def list_services(
    request: Request,
    response: Response,
    actor: AsyncActorDep,
    locale: AsyncLocaleDep,
    page: AsyncPageDep,
    filters: ServiceFiltersDep,
    sort: Annotated[ServiceSort | None, Query(description="Default: relevance with q, else name")] = None,
) -> Response:
    # The hottest route: every dependency is async and the database work runs in one worker thread;
    # a page asked before is answered from memory while the directory is unchanged (answers.py).
    def compute(session: Session) -> answers.Page:
        items, next_cursor = search.search(
            session, actor=actor, filters=filters, params=page, sort=sort, locale=locale
        )
        return answers.Page.of(rows_page_body(items, next_cursor), next_cursor)

    found = await remembered_page(request, route="services", locale=locale, actor=actor, compute=compute)
    return page_bytes_response(request, response, found.body, found.etag, found.next_cursor)


@router.get(
    "/export",
    summary="Every matching service, streamed as CSV or NDJSON",
    responses={
        200: {
            "description": "The services: CSV with a header row (`format=csv`) or one JSON object a line "
            "(`format=ndjson`; a deleted service is a tombstone line with `modified_after`)",
            "content": {
                "text/csv": {"schema": {"type": "string"}},
                "application/x-ndjson": {"schema": {"type": "string"}},
            },
        },
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
    etag = export.etag(session, filters=filters, query=request.url.query, locale=locale, actor=actor)
    if none_match(request.headers.get("if-none-match"), etag):
        return Response(status_code=304, headers={"ETag": etag})
    media = "text/csv; charset=utf-8" if format == "csv" else "application/x-ndjson"
    return StreamingResponse(
        export.export_chunks(
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


@router.get(
    "/legal-statuses", **op(LegalStatusList, "Legal statuses a service may be open to (legal-statuses.csv)")
)
def list_legal_statuses(locale: LocaleDep) -> LegalStatusList:
    return LegalStatusList(
        items=[LegalStatusRead(code=code, name=locale.text(name)) for code, name in legal_statuses().items()]
    )


@router.get("/{service_id}", **_shown(ServiceRead, "One service", (404,), SERVICE_READ, "The service"))
async def read_service(
    service_id: uuid.UUID, request: Request, response: Response, actor: AsyncActorDep, locale: AsyncLocaleDep
) -> Response:
    body = await read_in_thread(
        request, lambda session: rows.one_service(session, actor=actor, locale=locale, service_id=service_id)
    )
    return row_response(response, body, body["version"])


@router.post(
    "",
    **_shown(
        ServiceRead,
        "Add a service (providers for their organisation, coordinators in their municipality)",
        (401, 403, 422),
        SERVICE_READ,
        "The service as created",
        status=201,
    ),
)
def create_service(
    body: Annotated[ServiceCreate, Body(openapi_examples=CREATE_EXAMPLES)], actor: ActorDep, reply: ReplyDep
) -> ServiceRead:
    service = catalog.create(reply.session, actor=actor, data=body)
    return _answer(reply, actor, service, created=True)


@router.patch("/{service_id}", **op(ServiceRead, "Change a service (If-Match required)", CHANGE_ERRORS))
def update_service(
    service: WritableService, body: ServiceUpdate, if_match: IfMatchDep, actor: ActorDep, reply: ReplyDep
) -> ServiceRead:
    service = catalog.update(reply.session, actor=actor, service=service, data=body, if_match=if_match)
    return _answer(reply, actor, service)


@router.post(
    "/{service_id}/verify",
    **op(ServiceRead, "Mark the service's information as checked today (assured_date)", (401, 404, 412)),
)
def verify_service(
    service: VerifiableService, if_match: OptionalIfMatchDep, actor: ActorDep, reply: ReplyDep
) -> ServiceRead:
    service = catalog.verify(reply.session, actor=actor, service=service, if_match=if_match)
    return _answer(reply, actor, service)


@router.delete(
    "/{service_id}", **deleting("Delete a service (a tombstone stays for syncs; If-Match required)")
)
def delete_service(
    service: WritableService, if_match: IfMatchDep, session: SessionDep, actor: ActorDep
) -> Response:
    catalog.delete(session, actor=actor, service=service, if_match=if_match)
    return no_content()
