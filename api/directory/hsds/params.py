"""The query parameters of the HSDS feed (the names of the HSDS 3.0 OpenAPI) and their parsing; a
parameter we cannot apply is a 400 naming it, never ignored (issue 11). The dependency that refuses
undeclared parameters is :func:`api.core.http.refuse_unknown_query` (app-wide)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Annotated, Literal

from fastapi import Query

from api.core.errors import ProblemError

PageQ = Annotated[int, Query(ge=1, le=100000, description="Page number, from 1")]
PerPageQ = Annotated[int, Query(ge=1, le=100, description="Items per page")]
FormatQ = Annotated[
    Literal["json", "ndjson"] | None,
    Query(description="`ndjson` streams every match, one object a line, without pages"),
]
SearchQ = Annotated[str | None, Query(max_length=200, description="Full text search; diacritics ignored")]
CodeQ = Annotated[str | None, Query(max_length=60)]
ModifiedAfterQ = Annotated[
    str | None,
    Query(max_length=40, description="ISO 8601 time: only what changed on or after it (no zone = UTC)"),
]
FullQ = Annotated[bool, Query(description="Fully nested objects")]
MinimalQ = Annotated[bool, Query(description="Only the main fields, no nested objects")]
PostcodeQ = Annotated[
    str | None,
    Query(
        max_length=20,
        description="Locations with this postal code (`01128` or `LT-01128`); with `proximity`, the "
        "centre of our locations with this postal code",
    ),
]
ProximityQ = Annotated[
    str | None,
    Query(
        max_length=60,
        description="Meters from the centre of `postcode` (HSDS), or `lat,lng,meters`: only "
        "locations with coordinates within that distance",
        examples=["2000", "54.6872,25.2797,1500"],
    ),
]


def bad_parameter(name: str, detail: str) -> ProblemError:
    return ProblemError(
        400,
        detail,
        slug="unsupported-parameter",
        title="Unsupported query parameter",
        errors=[{"loc": ["query", name], "msg": detail, "type": "unsupported"}],
    )


@dataclass(frozen=True)
class Near:
    """A circle: its centre (or the postal code whose centre it is) and radius in meters."""

    meters: float
    lat: float | None = None
    lng: float | None = None
    postcode: str | None = None


def parse_proximity(proximity: str | None, postcode: str | None) -> Near | None:
    if proximity is None:
        return None
    parts = [p.strip() for p in proximity.split(",")]
    try:
        numbers = [float(p) for p in parts]
    except ValueError:
        numbers = []
    if len(numbers) not in (1, 3) or not all(math.isfinite(n) for n in numbers):
        raise bad_parameter("proximity", "proximity is meters (with postcode) or lat,lng,meters.")
    meters = numbers[-1]
    if not 0 < meters <= 500_000:
        raise bad_parameter("proximity", "proximity must be between 0 and 500000 meters.")
    if len(numbers) == 3:
        lat, lng = numbers[0], numbers[1]
        if not (-90 <= lat <= 90 and -180 <= lng <= 180):
            raise bad_parameter("proximity", "proximity: latitude or longitude out of range.")
        return Near(meters=meters, lat=lat, lng=lng)
    if not postcode:
        raise bad_parameter("proximity", "proximity in meters needs a postcode (or give lat,lng,meters).")
    return Near(meters=meters, postcode=postcode)


def postcode_forms(postcode: str) -> list[str]:
    """The spellings of a Lithuanian postal code: ``01128``, ``LT-01128``, ``LT01128``."""
    raw = postcode.strip().upper()
    digits = raw.removeprefix("LT").lstrip("- ")
    return sorted({raw, digits, f"LT-{digits}", f"LT{digits}"})
