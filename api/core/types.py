"""Shared field types: ISO 3166-1 country codes, ISO 639-1 language codes, CEFR levels."""

from __future__ import annotations

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
