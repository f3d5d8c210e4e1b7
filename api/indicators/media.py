"""Media types of the indicators answers and files, and content negotiation (``format=`` or ``Accept``).

An answer that can be JSON, CSV or SDMX-CSV takes ``format=``; without it the ``Accept`` header
chooses (RFC 9110 q-values and specificity). An ``Accept`` naming none of them is 406. The same
media types name import files (:data:`IMPORT_TYPES`), so what is served can be sent back as is.
"""

from __future__ import annotations

from typing import Any

from api.core.errors import ProblemError

JSON = "application/json"
CSV = "text/csv"
SDMX_CSV = "application/vnd.sdmx.data+csv"
SDMX_VERSION = "2.0.0"
# The SDMX-CSV 2.0 media type as declared in OpenAPI, and as served (UTF-8 said explicitly).
SDMX_CSV_TYPE = f"{SDMX_CSV}; version={SDMX_VERSION}"
SERVED = {
    "json": JSON,
    "csv": f"{CSV}; charset=utf-8",
    "sdmx-csv": f"{SDMX_CSV_TYPE}; charset=utf-8",
}
# What each format is called in Accept, in our order of preference when the client ties.
OFFERED = (("json", JSON), ("csv", CSV), ("sdmx-csv", SDMX_CSV))
VARY = "Accept, Accept-Language, Authorization"

IMPORT_TYPES = {
    CSV: "csv",
    SDMX_CSV: "sdmx-csv",
    "application/x-ndjson": "ndjson",
    "application/ndjson": "ndjson",
    JSON: "json",
}


def _params(text: str) -> dict[str, str]:
    out = {}
    for part in text.split(";"):
        name, sep, value = part.partition("=")
        if sep:
            out[name.strip().lower()] = value.strip().strip('"')
    return out


def _quality(params: dict[str, str]) -> float:
    try:
        q = float(params.get("q", "1"))
    except ValueError:
        return 0.0
    return q if 0.0 <= q <= 1.0 else 0.0


def _version_ok(params: dict[str, str]) -> bool:
    """SDMX-CSV asked for in a version we write (2.0.0; ``2`` and ``2.0`` say the same)."""
    version = params.get("version")
    return version is None or version in ("2", "2.0", SDMX_VERSION)


def negotiate(accept: str | None, offered: tuple[tuple[str, str], ...] = OFFERED) -> str:
    """The format (``json``, ``csv``, ``sdmx-csv``) the ``Accept`` header prefers; 406 if none fits.

    Each offered type takes the quality of the most specific range matching it (``text/csv`` before
    ``text/*`` before ``*/*``); the highest quality wins, ties go to the more specific range, then to
    the order of ``offered``. No header (or an empty one) accepts anything: the first offered.
    """
    if accept is None or not accept.strip():
        return offered[0][0]
    ranges = []
    for piece in accept.split(","):
        media, _, rest = piece.strip().partition(";")
        media = media.strip().lower()
        if "/" not in media:
            continue
        main, sub = (s.strip() for s in media.split("/", 1))
        params = _params(rest)
        ranges.append((main, sub, params, _quality(params)))
    best: tuple[float, int, int, str] | None = None
    for order, (fmt, media) in enumerate(offered):
        main, sub = media.split("/", 1)
        match: tuple[int, float] | None = None
        for r_main, r_sub, params, q in ranges:
            if (r_main, r_sub) == (main, sub):
                specificity = 2 if media != SDMX_CSV or _version_ok(params) else -1
            elif (r_main, r_sub) == (main, "*"):
                specificity = 1
            elif (r_main, r_sub) == ("*", "*"):
                specificity = 0
            else:
                continue
            if specificity < 0:
                continue
            if match is None or specificity > match[0]:
                match = (specificity, q)
        if match is None or match[1] <= 0:
            continue
        candidate = (match[1], match[0], -order, fmt)
        if best is None or candidate[:3] > best[:3]:
            best = candidate
    if best is None:
        names = ", ".join(media for _, media in offered)
        raise ProblemError(
            406,
            f"This answer can be {names} (`{SDMX_CSV_TYPE}`); the Accept header takes none of them. "
            "Ask for one in Accept, or say ?format=.",
            slug="not-acceptable",
            headers={"Vary": VARY},
        )
    return best[3]


def text_content() -> dict[str, Any]:
    """The OpenAPI ``content`` of the CSV and SDMX-CSV forms of an answer (FastAPI adds the JSON one
    from the route's ``response_model``)."""
    return {CSV: {"schema": {"type": "string"}}, SDMX_CSV_TYPE: {"schema": {"type": "string"}}}


VARY_HEADER = {"Vary": {"description": "The answer depends on Accept", "schema": {"type": "string"}}}


def import_format(content_type: str | None) -> str | None:
    """The import format a Content-Type names (parameters such as ``version`` or ``charset`` aside)."""
    media = (content_type or "").split(";")[0].strip().lower()
    return IMPORT_TYPES.get(media)
