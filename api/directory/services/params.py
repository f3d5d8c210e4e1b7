"""The service filters as typed query parameters (async: pure parsing, so FastAPI runs them in the
event loop instead of a worker thread each)."""

from __future__ import annotations

import math
import uuid
from dataclasses import replace
from datetime import UTC
from typing import Annotated, Literal

from fastapi import Depends, Query

from api.core.errors import unprocessable
from api.core.types import IsoDate, IsoDateTime
from api.directory.services.search import ServiceFilters
from api.directory.vocab import CefrLevel, ServiceFormat, ServiceStatus, ServiceWhen


def parse_near(value: str | None) -> tuple[float, float, float] | None:
    """``lat,lng,meters`` (meters up to 100 km), or a 422 saying what is wrong."""
    if value is None:
        return None
    try:
        lat, lng, meters = (float(part) for part in value.split(","))
    except ValueError:
        lat = lng = meters = math.nan
    problem = None
    if not all(math.isfinite(x) for x in (lat, lng, meters)):
        problem = "near is latitude,longitude,meters, e.g. 54.6872,25.2797,5000."
    elif not (-90 <= lat <= 90 and -180 <= lng <= 180):
        problem = "near: latitude or longitude out of range."
    elif not 0 < meters <= 100_000:
        problem = "near: the distance must be between 1 and 100000 meters."
    if problem:
        raise unprocessable(problem, [{"loc": ["query", "near"], "msg": problem, "type": "value_error"}])
    return lat, lng, meters


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
        str | None,
        Query(
            pattern=r"^[a-z]{2}$",
            description="Help available in this language (ISO 639-1): staff who speak it, "
            "interpretation, or the service is given in it",
        ),
    ] = None,
    provided_language: Annotated[
        str | None,
        Query(
            pattern=r"^[a-z]{2}$",
            description="Given or taught in this language (ISO 639-1; a Lithuanian course: lt)",
        ),
    ] = None,
    when: Annotated[
        list[ServiceWhen] | None,
        Query(
            max_length=3,
            description="Runs on weekdays, in the evenings (until 18:00 or later) or at weekends "
            "(any of those given; services without weekly times are left out)",
        ),
    ] = None,
    eligible_status: Annotated[
        str | None, Query(max_length=40, description="Open to this legal status (legal-statuses.csv)")
    ] = None,
    age: Annotated[int | None, Query(ge=0, le=120, description="Open to a person of this age")] = None,
    level: Annotated[CefrLevel | None, Query(description="CEFR level of a language course")] = None,
    free: Annotated[bool | None, Query(description="true: free of charge only")] = None,
    status: Annotated[list[ServiceStatus] | None, Query(max_length=4)] = None,
    open_on: Annotated[IsoDate | None, Query(description="Active and running on this date")] = None,
    modified_after: Annotated[
        IsoDateTime | None, Query(description="Changed after this time; deleted services come as tombstones")
    ] = None,
    stale: Annotated[bool | None, Query(description="true: not verified for 180 days")] = None,
    funding_ends_before: Annotated[IsoDate | None, Query(description="Funding ends before this date")] = None,
    near: Annotated[
        str | None,
        Query(
            max_length=60,
            description="`lat,lng,meters`: services with a place (public address) within that distance",
            examples=["54.6872,25.2797,5000"],
        ),
    ] = None,
) -> ServiceFilters:
    return ServiceFilters(
        q=q,
        categories=list(category or []),
        municipalities=list(municipality or []),
        organization_id=organization,
        language=language,
        provided_language=provided_language,
        when=list(when or []),
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
        near=parse_near(near),
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
