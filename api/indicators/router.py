"""HTTP routes of the indicators domain: definitions, data loads, publishing, analytics, reports."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from typing import Annotated, Any, Literal

import anyio
import anyio.from_thread
from fastapi import APIRouter, Depends, Query, Request, Response, status
from fastapi.responses import HTMLResponse, JSONResponse

from api.accounts.deps import ActorDep, require_scopes
from api.core.actor import Actor
from api.core.db import SessionDep
from api.core.errors import ProblemError, problem_response, problem_responses, unprocessable
from api.core.etag import require_if_match, set_etag
from api.core.i18n import LocaleDep
from api.core.pagination import PageDep, set_link_header
from api.indicators import access, analytics, formats, logic, output, periods, places, reports
from api.indicators.importer import Importer
from api.indicators.schemas import (
    AnalyticsResponse,
    CatalogueRead,
    ChangeList,
    DefinitionCreate,
    DefinitionList,
    DefinitionRead,
    DefinitionUpdate,
    DimensionRead,
    DimensionValue,
    ImportFormat,
    ImportList,
    ImportRead,
    ImportSummary,
    ObservationList,
    PublishRequest,
    PublishResult,
    SourceKind,
    Strategy,
)
from api.indicators.vocab import dimensions
from api.municipalities import logic as municipalities


def _start_scheduler() -> None:
    """The in-app daily derivation, when LANGELIS_INDICATORS_DERIVE_AT is set (see jobs.py)."""
    import os

    if not os.environ.get("LANGELIS_INDICATORS_DERIVE_AT"):
        return
    from api.core.config import get_settings
    from api.core.db import make_engine, make_session_factory
    from api.indicators.jobs import start_scheduler

    start_scheduler(make_session_factory(make_engine(get_settings().database_url)))


indicators = APIRouter(prefix="/indicators", tags=["indicators"], on_startup=[_start_scheduler])
analytics_router = APIRouter(prefix="/analytics", tags=["analytics"])

Reader = Annotated[Actor, Depends(require_scopes(access.READ))]
Writer = Annotated[Actor, Depends(require_scopes(access.WRITE))]
Publisher = Annotated[Actor, Depends(require_scopes(access.PUBLISH))]
CodePath = Annotated[str, Query(max_length=64)]
NO_STORE = {"Cache-Control": "no-store"}
CONTENT_TYPES = {
    "text/csv": "csv",
    "application/vnd.sdmx.data+csv": "sdmx-csv",
    "application/x-ndjson": "ndjson",
    "application/ndjson": "ndjson",
    "application/json": "json",
}


def today() -> date:
    return datetime.now(UTC).date()


# --- definitions ----------------------------------------------------------------------------------


@indicators.get(
    "",
    response_model=DefinitionList,
    summary="List indicator definitions",
    responses=problem_responses(400, 422),
)
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
) -> DefinitionList:
    rows, cursor = logic.list_definitions(
        session, actor=actor, params=page, domain=domain, source_kind=source_kind, computed=computed, q=q
    )
    set_link_header(request, response, cursor)
    return DefinitionList(items=[logic.to_read(d, locale) for d in rows], next_cursor=cursor)


@indicators.post(
    "",
    response_model=DefinitionRead,
    status_code=201,
    summary="Create an indicator definition (a computed one with numerator, denominator and factor)",
    responses=problem_responses(401, 403, 409, 422),
)
def create_definition(
    data: DefinitionCreate, response: Response, session: SessionDep, actor: Writer, locale: LocaleDep
) -> DefinitionRead:
    d = logic.create_definition(session, actor=actor, data=data)
    set_etag(response, d.version)
    response.headers["Location"] = f"/api/v1/indicators/{d.code}"
    return logic.to_read(d, locale)


# --- data -----------------------------------------------------------------------------------------

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
            "`application/vnd.sdmx.data+csv` (or `?format=`). "
            "The body is read as a stream: files of any size load with bounded memory."
        ),
        "content": {
            "application/json": {"schema": {"type": "array", "items": _OBSERVATION_SCHEMA}},
            "text/csv": {"schema": {"type": "string"}},
        },
    }
}


def _format_of(request: Request, fmt: str | None) -> str:
    if fmt:
        return fmt
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type in CONTENT_TYPES:
        return CONTENT_TYPES[content_type]
    if content_type in ("", "application/octet-stream", "text/plain"):
        raise ProblemError(
            415,
            "Say the format: a Content-Type (text/csv, application/json…) or ?format=.",
            slug="unsupported-media-type",
        )
    raise ProblemError(415, f"Unsupported Content-Type '{content_type}'.", slug="unsupported-media-type")


@indicators.post(
    "/data",
    response_model=ImportSummary,
    summary="Load observations (JSON, NDJSON, CSV, SDMX-CSV), streamed; answers an import summary",
    responses=problem_responses(400, 401, 403, 409, 413, 415, 422),
    openapi_extra=_IMPORT_BODY,
)
async def import_data(
    request: Request,
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
        reader = formats.ChunkReader(lambda: anyio.from_thread.run(next_chunk))
        importer = Importer(session, actor=actor, fmt=fmt, strategy=strategy, dry_run=dry_run, atomic=atomic)
        return importer.run(reader)

    try:
        summary = await anyio.to_thread.run_sync(work)
    except formats.FormatError as exc:
        return problem_response(
            exc.status, detail=str(exc), slug="bad-import-file", instance=request.url.path
        )
    body = summary.model_dump(mode="json")
    if summary.status == "rejected":
        return problem_response(
            409,
            detail=f"{summary.conflict_count} conflict(s): nothing was loaded (atomic import).",
            slug="import-rejected",
            title="Import rejected",
            instance=request.url.path,
            extra={"summary": body},
        )
    return JSONResponse(body, headers=NO_STORE)


@indicators.get(
    "/data",
    response_model=ObservationList,
    summary="List observations as loaded (no roll-up): for checking and syncing",
    responses=problem_responses(400, 422),
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
) -> ObservationList:
    items, cursor = logic.list_observations(
        session,
        actor=actor,
        params=page,
        indicator=indicator,
        place=place,
        period=period,
        status=status_,
        today=today(),
    )
    set_link_header(request, response, cursor)
    return ObservationList(items=items, next_cursor=cursor)


@indicators.get(
    "/imports",
    response_model=ImportList,
    summary="Past imports with their summaries (yours, or your municipality's)",
    responses=problem_responses(400, 401, 403),
)
def list_imports(
    request: Request, response: Response, session: SessionDep, actor: Writer, page: PageDep
) -> ImportList:
    rows, cursor = logic.list_imports(session, actor=actor, params=page)
    set_link_header(request, response, cursor)
    return ImportList(items=[logic.import_to_read(session, i) for i in rows], next_cursor=cursor)


@indicators.get(
    "/imports/{import_id}",
    response_model=ImportRead,
    summary="One import and its conflicts",
    responses=problem_responses(401, 403, 404),
)
def get_import(import_id: uuid.UUID, session: SessionDep, actor: Writer) -> ImportRead:
    return logic.import_to_read(session, logic.get_import(session, actor=actor, import_id=import_id))


@indicators.get(
    "/changes",
    response_model=ChangeList,
    summary="History of changed and deleted values: old value, new value, who, when",
    responses=problem_responses(400, 401, 403),
)
def list_changes(
    request: Request,
    response: Response,
    session: SessionDep,
    actor: Reader,
    page: PageDep,
    indicator: Annotated[str | None, Query(max_length=64)] = None,
    place: Annotated[str | None, Query(max_length=80)] = None,
) -> ChangeList:
    items, cursor = logic.list_changes(session, actor=actor, params=page, indicator=indicator, place=place)
    set_link_header(request, response, cursor)
    return ChangeList(items=items, next_cursor=cursor)


@indicators.post(
    "/publish",
    response_model=PublishResult,
    summary="Publish sets (indicator × place × period, with sub-periods): the public sees them",
    responses=problem_responses(401, 403, 422),
)
def publish(data: PublishRequest, session: SessionDep, actor: Publisher) -> PublishResult:
    count = logic.publish(session, actor=actor, data=data, publish=True, today=today())
    return PublishResult(action="publish", observations=count)


@indicators.post(
    "/unpublish",
    response_model=PublishResult,
    summary="Withdraw published sets back to draft",
    responses=problem_responses(401, 403, 422),
)
def unpublish(data: PublishRequest, session: SessionDep, actor: Publisher) -> PublishResult:
    count = logic.publish(session, actor=actor, data=data, publish=False, today=today())
    return PublishResult(action="unpublish", observations=count)


# --- one definition (after the fixed paths above) -------------------------------------------------


@indicators.get(
    "/{code}",
    response_model=DefinitionRead,
    summary="Get an indicator definition",
    responses=problem_responses(404),
)
def get_definition(
    code: str, response: Response, session: SessionDep, actor: ActorDep, locale: LocaleDep
) -> DefinitionRead:
    d = logic.get_definition(session, actor=actor, code=code)
    set_etag(response, d.version, locale.lang + str(locale.all_translations))
    return logic.to_read(d, locale)


@indicators.patch(
    "/{code}",
    response_model=DefinitionRead,
    summary="Change an indicator definition (If-Match)",
    responses=problem_responses(401, 403, 404, 409, 412, 422, 428),
)
def update_definition(
    code: str,
    data: DefinitionUpdate,
    request: Request,
    response: Response,
    session: SessionDep,
    actor: Writer,
    locale: LocaleDep,
) -> DefinitionRead:
    d = logic.get_definition(session, actor=actor, code=code)
    require_if_match(request, d.version)
    d = logic.update_definition(session, actor=actor, d=d, data=data)
    set_etag(response, d.version)
    return logic.to_read(d, locale)


@indicators.delete(
    "/{code}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Delete an indicator definition without observations (If-Match)",
    responses=problem_responses(401, 403, 404, 409, 412, 428),
)
def delete_definition(code: str, request: Request, session: SessionDep, actor: Writer) -> Response:
    d = logic.get_definition(session, actor=actor, code=code)
    require_if_match(request, d.version)
    logic.delete_definition(session, actor=actor, d=d)
    return Response(status_code=204)


# --- analytics ------------------------------------------------------------------------------------

ListParam = Annotated[list[str], Query(max_length=50)]


@analytics_router.get(
    "",
    response_model=AnalyticsResponse,
    summary="Indicators × periods × places × breakdowns, rolled up; JSON, CSV or SDMX-CSV",
    responses={
        **problem_responses(400, 422),
        200: {
            "description": "The table (`headers`, `rows`, `meta`), or CSV / SDMX-CSV with `format=`",
            "content": {"text/csv": {"schema": {"type": "string"}}},
        },
    },
)
def get_analytics(
    request: Request,
    session: SessionDep,
    actor: ActorDep,
    locale: LocaleDep,
    indicator: Annotated[
        list[str], Query(max_length=50, description="Indicator codes (repeat or comma-separate)")
    ],
    period: Annotated[
        list[str],
        Query(max_length=50, description="`2024`, `2024Q1`, `2024-03`, ranges `2020..2024`, `LAST_5_YEARS`…"),
    ],
    place: Annotated[
        list[str],
        Query(
            max_length=50,
            description="`LT`, `county-kaunas`, `vilniaus-m`, `municipalities`, `counties`, "
            "`county-kaunas/municipalities` (default `LT`)",
        ),
    ] = [],  # noqa: B006
    breakdown: Annotated[list[str], Query(max_length=10, description="Breakdowns shown as dimensions")] = [],  # noqa: B006
    filter: Annotated[
        list[str], Query(max_length=10, description="`dimension:code;code` — those values, aggregated away")
    ] = [],  # noqa: B006
    format: Literal["json", "csv", "sdmx-csv"] = "json",
    published_only: Annotated[bool, Query(description="Only published data, as the public sees it")] = False,
    as_of: Annotated[
        date | None, Query(description="The day relative periods count from (default today)")
    ] = None,
) -> Response:
    q = analytics.parse_query(
        session,
        actor=actor,
        indicator=indicator,
        period=period,
        place=place,
        breakdown=breakdown,
        filters=filter,
        published_only=published_only,
        as_of=as_of or today(),
    )
    results = analytics.evaluate(session, actor=actor, q=q)
    rows = analytics.table(q, results)
    headers = {"Content-Language": locale.lang, "Vary": "Accept-Language, Authorization"}
    if access.sees_restricted(actor) and not published_only:
        headers["Cache-Control"] = "private, no-store"
    if format == "csv":
        headers["Content-Disposition"] = 'attachment; filename="analytics.csv"'
        return Response(output.as_csv(q, locale, rows), media_type="text/csv; charset=utf-8", headers=headers)
    if format == "sdmx-csv":
        headers["Content-Disposition"] = 'attachment; filename="analytics-sdmx.csv"'
        return Response(output.as_sdmx_csv(q, rows), media_type="text/csv; charset=utf-8", headers=headers)
    return Response(output.as_json(q, locale, rows), media_type="application/json", headers=headers)


@analytics_router.get(
    "/dimensions",
    response_model=CatalogueRead,
    summary="Breakdowns and their codes, place selections, period formats",
)
def get_dimensions(locale: LocaleDep) -> CatalogueRead:
    out = []
    for d in dimensions().values():
        values = (
            [DimensionValue(code=code, name=locale.text(name)) for code, name in d.values.items()]
            if d.values is not None
            else None
        )
        rule = None
        if d.values is None:
            rule = {
                "age_group": "ages `N-M` or `N+`, e.g. `25-44`, `65+`",
                "citizenship": "ISO 3166-1 alpha-2, e.g. `UA`",
                "country": "ISO 3166-1 alpha-2, e.g. `IE`",
                "language": "ISO 639-1, e.g. `uk`",
            }.get(d.code)
        out.append(DimensionRead(code=d.code, name=locale.text(d.name), values=values, rule=rule))
    return CatalogueRead(
        breakdowns=out,
        place_selections=[
            places.COUNTRY_CODE,
            "counties",
            "municipalities",
            f"{places.COUNTY_PREFIX}<county>",
            f"{places.COUNTY_PREFIX}<county>/municipalities",
            "<municipality slug>",
        ],
        relative_periods=[
            "THIS_YEAR",
            "LAST_YEAR",
            "LAST_5_YEARS",
            "THIS_QUARTER",
            "LAST_QUARTER",
            "LAST_4_QUARTERS",
            "THIS_MONTH",
            "LAST_MONTH",
            "LAST_12_MONTHS",
            "LAST_<n>_YEARS|QUARTERS|MONTHS",
        ],
        period_formats=["2024", "2024Q1", "2024-03", "2020..2024", "2023Q1..2024Q4"],
    )


# --- evaluation reports ---------------------------------------------------------------------------

reports_router = APIRouter(prefix="/reports", tags=["reports"])
REPORT_CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; "
    "frame-ancestors 'none'"
)


@reports_router.get(
    "/monitoring",
    response_class=HTMLResponse,
    summary="Interim or final evaluation report of a municipality (HTML, printable to PDF)",
    responses={**problem_responses(422), 200: {"content": {"text/html": {"schema": {"type": "string"}}}}},
)
def monitoring_report(
    request: Request,
    session: SessionDep,
    actor: ActorDep,
    locale: LocaleDep,
    municipality: Annotated[str, Query(max_length=60, description="Municipality slug")],
    from_: Annotated[
        str | None, Query(alias="from", max_length=10, description="First year, e.g. `2021`")
    ] = None,
    to: Annotated[str | None, Query(max_length=10, description="Last year (default: last year)")] = None,
    kind: Literal["interim", "final"] = "interim",
    include_drafts: Annotated[
        bool, Query(description="Readers of the municipality's data may include drafts (marked †)")
    ] = False,
) -> HTMLResponse:
    m = municipalities.resolve_slug(session, municipality, field="municipality")
    try:
        years = reports.years_between(from_, to, today())
    except periods.PeriodError as exc:
        raise unprocessable(
            str(exc), errors=[{"loc": ["query", "from"], "msg": str(exc), "type": "value_error"}]
        ) from exc
    drafts = include_drafts and reports.can_include_drafts(actor, m.id)
    ctx = reports.ReportContext(
        municipality_id=m.id,
        municipality=m.slug,
        municipality_name=dict(m.name),
        county=m.county,
        lang=locale.lang,
        start=date(years[0], 1, 1),
        end=date(years[-1], 12, 31),
        years=years,
        actor=actor,
        include_drafts=drafts,
    )
    document = reports.render(
        ctx,
        reports.sections(session, ctx),
        kind=kind,
        stylesheet=str(request.url_for("monitoring_report_css")),
    )
    headers = {"Content-Security-Policy": REPORT_CSP, "Content-Language": locale.lang}
    if drafts:
        headers["Cache-Control"] = "private, no-store"
    return HTMLResponse(document, headers=headers)


@reports_router.get("/monitoring.css", summary="The report's stylesheet", response_class=Response,
                    responses={200: {"content": {"text/css": {"schema": {"type": "string"}}}}})  # fmt: skip
def monitoring_report_css() -> Response:
    return Response(
        reports.STYLESHEET, media_type="text/css", headers={"Cache-Control": "public, max-age=3600"}
    )


routers = [indicators, analytics_router, reports_router]
links = {"indicators": "/indicators", "analytics": "/analytics", "reports": "/reports/monitoring"}
