"""Shared field types: ISO 3166-1 country codes, ISO 639-1 language codes, CEFR levels."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from functools import lru_cache
from typing import Annotated, Literal

import pycountry
from pydantic import AfterValidator, BeforeValidator, StringConstraints

CEFR_LEVELS: tuple[str, ...] = ("A1", "A2", "B1", "B2", "C1", "C2")
CefrLevel = Literal["A1", "A2", "B1", "B2", "C1", "C2"]
# Native speakers and "none yet" next to the CEFR scale, for people's language profiles.
LanguageLevel = Literal["none", "A1", "A2", "B1", "B2", "C1", "C2", "native"]
LANGUAGE_LEVEL_ORDER = {
    level: i for i, level in enumerate(("none", "A1", "A2", "B1", "B2", "C1", "C2", "native"))
}


@lru_cache
def country_codes() -> frozenset[str]:
    return frozenset(c.alpha_2 for c in pycountry.countries)


@lru_cache
def language_codes() -> frozenset[str]:
    return frozenset(lang.alpha_2 for lang in pycountry.languages if hasattr(lang, "alpha_2"))


def _strip(value: object) -> object:
    return value.strip() if isinstance(value, str) else value


def _country(value: str) -> str:
    code = value.upper()
    if code not in country_codes():
        raise ValueError(f"'{value}' is not an ISO 3166-1 alpha-2 country code")
    return code


def _language(value: str) -> str:
    code = value.lower()
    if code not in language_codes():
        raise ValueError(f"'{value}' is not an ISO 639-1 language code")
    return code


CountryCode = Annotated[
    str, BeforeValidator(_strip), StringConstraints(min_length=2, max_length=2), AfterValidator(_country)
]
LanguageCode = Annotated[
    str, BeforeValidator(_strip), StringConstraints(min_length=2, max_length=2), AfterValidator(_language)
]


_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})?$")


def _iso_date(value: object) -> object:
    """A calendar date written as ``YYYY-MM-DD``; numbers (``0.5`` read as a Unix time) are refused."""
    if isinstance(value, date | datetime) and not isinstance(value, datetime):
        return value
    if not isinstance(value, str) or not _ISO_DATE.match(value.strip()):
        raise ValueError("expected a date as YYYY-MM-DD")
    return value.strip()


def _iso_datetime(value: object) -> object:
    """An ISO 8601 instant; a time without a zone is read as UTC."""
    if isinstance(value, datetime):
        parsed = value
    elif isinstance(value, str) and _ISO_DATETIME.match(value.strip()):
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    elif isinstance(value, str) and _ISO_DATE.match(value.strip()):
        parsed = datetime.fromisoformat(value.strip())
    else:
        raise ValueError("expected a date-time as YYYY-MM-DDTHH:MM:SS with a zone (Z or +02:00)")
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


# Use these for query parameters and bodies instead of bare ``date``/``datetime``.
IsoDate = Annotated[date, BeforeValidator(_iso_date)]
IsoDateTime = Annotated[datetime, BeforeValidator(_iso_datetime)]
