"""Analytics over HTTP: the rolled-up table (JSON, CSV, SDMX-CSV) and the catalogue of breakdowns."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Literal

from fastapi import APIRouter, Header, Query, Request, Response

from api.accounts.deps import ActorDep
from api.core.db import SessionDep
from api.core.errors import problem_responses
from api.core.http import op
from api.core.i18n import LocaleDep
from api.core.types import IsoDate
from api.indicators import media
from api.indicators.analytics import logic, serve
from api.indicators.analytics.query import Query as AnalyticsQuery
from api.indicators.analytics.query import parse_query
from api.indicators.analytics.schemas import AnalyticsResponse, CatalogueRead
from api.indicators.models import IndicatorDefinition
from api.indicators.scope import sees_restricted

router = APIRouter(prefix="/analytics", tags=["analytics"])


@router.get(
    "",
    response_model=AnalyticsResponse,
    summary="Indicators × periods × places × breakdowns, rolled up; JSON, CSV or SDMX-CSV",
    responses={
        **problem_responses(400, 406, 422),
        200: {
            "description": "The table (`headers`, `rows`, `meta`) as JSON, or CSV, or SDMX-CSV 2.0 "
            f"(`{media.SDMX_CSV_TYPE}`, loads back through `POST /indicators/data` unchanged): "
            "chosen by `format=`, else by `Accept`",
            "content": media.text_content(),
            "headers": media.VARY_HEADER,
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
    format: Annotated[
        Literal["json", "csv", "sdmx-csv"] | None,
        Query(description="The answer's format (default: as `Accept` asks, else JSON)"),
    ] = None,
    published_only: Annotated[bool, Query(description="Only published data, as the public sees it")] = False,
    as_of: Annotated[
        IsoDate | None, Query(description="The day relative periods count from (default today)")
    ] = None,
    accept: Annotated[str | None, Header(include_in_schema=False)] = None,
) -> Response:
    fmt = format or media.negotiate(accept)

    def ask(defs: dict[str, IndicatorDefinition]) -> AnalyticsQuery:
        return parse_query(
            session,
            actor=actor,
            indicator=indicator,
            period=period,
            place=place,
            breakdown=breakdown,
            filters=filter,
            published_only=published_only,
            as_of=as_of or datetime.now(UTC).date(),
            defs=defs,
        )

    body = serve.answer(request.app.state, session, actor=actor, locale=locale, fmt=fmt, ask=ask)
    headers = {"Content-Language": locale.lang, "Vary": media.VARY}
    if sees_restricted(actor) and not published_only:
        headers["Cache-Control"] = "private, no-store"
    if fmt == "csv":
        headers["Content-Disposition"] = 'attachment; filename="analytics.csv"'
    elif fmt == "sdmx-csv":
        headers["Content-Disposition"] = 'attachment; filename="analytics-sdmx.csv"'
    return Response(body, media_type=media.SERVED[fmt], headers=headers)


@router.get(
    "/dimensions", **op(CatalogueRead, "Breakdowns and their codes, place selections, period formats")
)
def get_dimensions(locale: LocaleDep) -> CatalogueRead:
    return logic.catalogue(locale)
