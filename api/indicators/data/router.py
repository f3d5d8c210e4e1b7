"""Observations over HTTP: load files, list what is loaded, past imports, change history, publishing."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Annotated, Any, Literal

import anyio
import anyio.from_thread
from fastapi import APIRouter, Query, Request, Response

from api.accounts.deps import ActorDep
from api.core.db import SessionDep
from api.core.errors import ProblemError, problem_responses
from api.core.http import NoStore, json_body, op, page_response
from api.core.pagination import PageDep
from api.indicators import media
from api.indicators.data import logic, publishing
from api.indicators.data.formats import ChunkReader
from api.indicators.data.schemas import (
    ChangeList,
    ImportFormat,
    ImportList,
    ImportRead,
    ImportSummary,
    ObservationList,
    PublishRequest,
    PublishResult,
    Strategy,
)
from api.indicators.deps import Publisher, ReadableImport, Reader, Writer

router = APIRouter(tags=["indicators"])


def today() -> date:
    return datetime.now(UTC).date()


_OBSERVATION_SCHEMA = {
    "type": "object",
    "required": ["indicator", "place", "period"],
    "properties": {
        "indicator": {"type": "string", "example": "foreign_residents"},
        "place": {"type": "string", "example": "vilniaus-m"},
        "period": {"type": "string", "example": "2024Q4"},
        "value": {"type": ["number", "null"], "example": 51234},
        "breakdowns": {
            "type": "object",
            "additionalProperties": {"type": "string"},
            "example": {"sex": "female"},
        },
        "flags": {
            "type": "array",
            "items": {"enum": ["provisional", "estimated", "break_in_series", "suppressed"]},
        },
        "source": {"type": "string"},
        "people": {"type": "integer", "minimum": 0},
    },
    "additionalProperties": False,
}
_IMPORT_BODY = {
    "requestBody": {
        "required": True,
        "description": (
            'Observations as JSON (an array, or `{"observations": [...]}`), NDJSON, CSV with the header '
            "`indicator,place,period,value,flags,source,people` plus one column per breakdown "
            "(`sex`, `age_group`, `citizenship`…; empty = total), or SDMX-CSV "
            "(`STRUCTURE,STRUCTURE_ID,ACTION,INDICATOR,REF_AREA,TIME_PERIOD,<BREAKDOWNS>,OBS_VALUE,OBS_STATUS,CONF_STATUS`). "
            "Content types: `application/json`, `application/x-ndjson`, `text/csv`, "
            f"`{media.SDMX_CSV_TYPE}` (or `?format=`); a `text/csv` file whose header starts with "
            "`STRUCTURE` (or `DATAFLOW`) is read as SDMX-CSV. What `GET /analytics` serves as CSV or "
            "SDMX-CSV loads back as it is (the `*_name` columns and the `draft` flag are skipped). "
            "The body is read as a stream: files of any size load with bounded memory."
        ),
        "content": {
            "application/json": {"schema": {"type": "array", "items": _OBSERVATION_SCHEMA}},
            "application/x-ndjson": {"schema": {"type": "string"}},
            "text/csv": {"schema": {"type": "string"}},
            media.SDMX_CSV_TYPE: {"schema": {"type": "string"}},
        },
    }
}


def _format_of(request: Request, fmt: str | None) -> str:
    if fmt:
        return fmt
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    found = media.import_format(content_type)
    if found:
        return found
    if content_type in ("", "application/octet-stream", "text/plain"):
        raise ProblemError(
            415,
            "Say the format: a Content-Type (text/csv, application/json…) or ?format=.",
            slug="unsupported-media-type",
        )
    raise ProblemError(415, f"Unsupported Content-Type '{content_type}'.", slug="unsupported-media-type")


@router.post(
    "/data",
    response_model=ImportSummary,
    summary="Load observations (JSON, NDJSON, CSV, SDMX-CSV), streamed; answers an import summary",
    responses=problem_responses(400, 401, 403, 409, 413, 415, 422),
    openapi_extra=_IMPORT_BODY,
    dependencies=[NoStore],
)
async def import_data(
    request: Request,
    response: Response,
    session: SessionDep,
    actor: Writer,
    strategy: Annotated[Strategy, Query(description="What to do with new and existing observations")] = (
        "create_and_update"
    ),
    dry_run: Annotated[bool, Query(description="Check and count only; change nothing")] = False,
    atomic: Annotated[bool, Query(description="Any conflict rejects the whole file (409)")] = False,
    format: Annotated[ImportFormat | None, Query(description="Overrides the Content-Type")] = None,
) -> Any:
    fmt = _format_of(request, format)
    chunks = request.stream().__aiter__()

    async def next_chunk() -> bytes:
        try:
            return await chunks.__anext__()
        except StopAsyncIteration:
            return b""

    def work() -> ImportSummary:
        reader = ChunkReader(lambda: anyio.from_thread.run(next_chunk))
        return logic.load(
            session, actor=actor, binary=reader, fmt=fmt, strategy=strategy, dry_run=dry_run, atomic=atomic
        )

    return json_body(response, await anyio.to_thread.run_sync(work))


@router.get(
    "/data",
    **op(ObservationList, "List observations as loaded (no roll-up): for checking and syncing", (400, 422)),
)
def list_observations(
    request: Request,
    response: Response,
    session: SessionDep,
    actor: ActorDep,
    page: PageDep,
    indicator: Annotated[str | None, Query(max_length=64)] = None,
    place: Annotated[
        str | None, Query(max_length=400, description="Place codes or selections, comma-separated")
    ] = None,
    period: Annotated[
        str | None, Query(max_length=400, description="Periods, ranges or relative periods")
    ] = None,
    status_: Annotated[Literal["draft", "published"] | None, Query(alias="status")] = None,
) -> Response:
    wanted = logic.Wanted(indicator, place, period, status_)
    items, cursor = logic.list_observations(session, actor=actor, params=page, wanted=wanted, today=today())
    return page_response(request, response, ObservationList(items=items, next_cursor=cursor))


@router.get(
    "/imports",
    **op(ImportList, "Past imports with their summaries (yours, or your municipality's)", (400, 401, 403)),
)
def list_imports(
    request: Request, response: Response, session: SessionDep, actor: Writer, page: PageDep
) -> Response:
    rows, cursor = logic.list_imports(session, actor=actor, params=page)
    items = [logic.import_to_read(session, i) for i in rows]
    return page_response(request, response, ImportList(items=items, next_cursor=cursor))


@router.get("/imports/{import_id}", **op(ImportRead, "One import and its conflicts", (401, 403, 404)))
def get_import(imp: ReadableImport, session: SessionDep) -> ImportRead:
    return logic.import_to_read(session, imp)


@router.get(
    "/changes",
    **op(
        ChangeList, "History of changed and deleted values: old value, new value, who, when", (400, 401, 403)
    ),
)
def list_changes(
    request: Request,
    response: Response,
    session: SessionDep,
    actor: Reader,
    page: PageDep,
    indicator: Annotated[str | None, Query(max_length=64)] = None,
    place: Annotated[str | None, Query(max_length=80)] = None,
) -> Response:
    items, cursor = logic.list_changes(session, actor=actor, params=page, indicator=indicator, place=place)
    return page_response(request, response, ChangeList(items=items, next_cursor=cursor))


@router.post(
    "/publish",
    **op(
        PublishResult,
        "Publish sets (indicator × place × period, with sub-periods): the public sees them",
        (401, 403, 422),
    ),
)
def publish(data: PublishRequest, session: SessionDep, actor: Publisher) -> PublishResult:
    count = publishing.publish(session, actor=actor, data=data, publish=True, today=today())
    return PublishResult(action="publish", observations=count)


@router.post("/unpublish", **op(PublishResult, "Withdraw published sets back to draft", (401, 403, 422)))
def unpublish(data: PublishRequest, session: SessionDep, actor: Publisher) -> PublishResult:
    count = publishing.publish(session, actor=actor, data=data, publish=False, today=today())
    return PublishResult(action="unpublish", observations=count)
