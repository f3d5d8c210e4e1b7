"""The query parameters of the HSDS feed (the names of the HSDS 3.0 OpenAPI) and the rule that a
parameter we do not apply is a 400, never ignored (issue 11). Every dependency here is async: pure
parsing, so the HSDS reads pay no extra thread hop."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from fastapi import Depends, Query, Request, Response

from api.core.errors import ProblemError
from api.core.i18n import LangCode, Locale, get_locale

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

_KNOWN: dict[int, frozenset[str]] = {}


def bad_parameter(name: str, detail: str) -> ProblemError:
    return ProblemError(
        400,
        detail,
        slug="unsupported-parameter",
        title="Unsupported query parameter",
        errors=[{"loc": ["query", name], "msg": detail, "type": "unsupported"}],
    )


def _query_names(dependant: Any) -> frozenset[str]:
    names: set[str] = set()
    todo = [dependant]
    while todo:
        current = todo.pop()
        names.update(p.alias for p in current.query_params)
        todo.extend(current.dependencies)
    return frozenset(names)


async def only_known_parameters(request: Request) -> None:
    """A query parameter the route does not declare is refused: a partner must never believe a
    filter was applied when it was not."""
    route: Any = request.scope.get("route")
    if route is None:
        return
    known = _KNOWN.get(id(route))
    if known is None:
        known = _query_names(route.dependant)
        _KNOWN[id(route)] = known
    unknown = sorted(set(request.query_params) - known)
    if unknown:
        names = ", ".join(unknown)
        raise ProblemError(
            400,
            f"Unsupported query parameter(s): {names}. This endpoint takes: {', '.join(sorted(known))}.",
            slug="unsupported-parameter",
            title="Unsupported query parameter",
            errors=[
                {"loc": ["query", n], "msg": "not supported here", "type": "unsupported"} for n in unknown
            ],
        )


async def hsds_locale(
    request: Request,
    response: Response,
    lang: Annotated[LangCode | None, Query(description="Response language (else Accept-Language)")] = None,
) -> Locale:
    """HSDS objects carry one language, so there is no ``translations=all`` here."""
    return get_locale(request, response, lang, None)


hsds_locale.openapi_accept_language = True  # type: ignore[attr-defined]

HsdsLocaleDep = Annotated[Locale, Depends(hsds_locale)]


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
