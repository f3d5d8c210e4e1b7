"""Translations: ``{"lt", "en", "uk", "ru"}`` maps, language negotiation and search normalisation."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from fastapi import Depends, Query, Request, Response
from pydantic import AfterValidator

from api.core.types import language_codes

LANGUAGES: tuple[str, ...] = ("lt", "en", "uk", "ru")
DEFAULT_LANGUAGE = "lt"
LangCode = Literal["lt", "en", "uk", "ru"]
MAX_TRANSLATION_LENGTH = 20_000


def _check_translations(value: dict[str, str]) -> dict[str, str]:
    """Content may be written in any ISO 639-1 language (Arabic, Farsi, Turkish…), not only in the
    four languages of the interface."""
    unknown = sorted(set(value) - set(LANGUAGES) - language_codes())
    if unknown:
        raise ValueError(
            f"unknown language code(s) {unknown}; use ISO 639-1 codes such as lt, en, uk, ru, ar"
        )
    cleaned = {k: v.strip() for k, v in value.items() if isinstance(v, str) and v.strip()}
    for lang, text in cleaned.items():
        if len(text) > MAX_TRANSLATION_LENGTH:
            raise ValueError(f"the {lang} text is longer than {MAX_TRANSLATION_LENGTH} characters")
    return cleaned


def _require_one(value: dict[str, str]) -> dict[str, str]:
    if not value:
        raise ValueError("give the text in at least one language")
    return value


# A translatable text as it is written: at least one of lt/en/uk/ru.
Translations = Annotated[dict[str, str], AfterValidator(_check_translations), AfterValidator(_require_one)]
# The same, may be empty.
OptionalTranslations = Annotated[dict[str, str], AfterValidator(_check_translations)]


def reference_names(row: dict[str, str], prefix: str = "name") -> dict[str, str]:
    """A reference-data CSV row's ``<prefix>_<lang>`` columns as a translation map."""
    return {lang: row[f"{prefix}_{lang}"] for lang in LANGUAGES if row.get(f"{prefix}_{lang}")}


def fallback_chain(lang: str) -> list[str]:
    """The reader's language, then English (more readers of Ukrainian, Russian or Arabic read it than
    Lithuanian), then Lithuanian."""
    chain = [lang, "en", "lt"]
    return list(dict.fromkeys(c for c in chain if c))


def resolve(value: dict[str, str] | None, lang: str) -> str | None:
    """The text in ``lang``, else English, else Lithuanian, else any language given."""
    if not value:
        return None
    for code in fallback_chain(lang):
        text = value.get(code)
        if text:
            return text
    for text in value.values():
        if text:
            return text
    return None


def resolved_language(value: dict[str, str] | None, lang: str) -> str | None:
    """Which language :func:`resolve` picked."""
    if not value:
        return None
    for code in fallback_chain(lang):
        if value.get(code):
            return code
    return next((k for k, v in value.items() if v), None)


def parse_accept_language(header: str | None) -> str | None:
    """The best of our languages in an Accept-Language header (RFC 9110 q-values)."""
    if not header:
        return None
    choices: list[tuple[float, int, str]] = []
    for index, part in enumerate(header.split(",")):
        piece = part.strip()
        if not piece:
            continue
        tag, _, params = piece.partition(";")
        quality = 1.0
        match = re.search(r"q=([0-9.]+)", params)
        if match:
            try:
                quality = float(match.group(1))
            except ValueError:
                quality = 0.0
        primary = tag.strip().lower().split("-")[0]
        if primary in LANGUAGES and quality > 0:
            choices.append((-quality, index, primary))
    return sorted(choices)[0][2] if choices else None


@dataclass(frozen=True)
class Locale:
    lang: str
    all_translations: bool

    def text(self, value: dict[str, str] | None) -> Any:
        """A translatable field as the response shows it: a string, or the whole map on request."""
        if self.all_translations:
            return dict(value or {})
        return resolve(value, self.lang)


# The two query parameters every translated read takes (the sync and the async locale share them).
LangQuery = Annotated[LangCode | None, Query(description="Response language (else Accept-Language)")]
TranslationsQuery = Annotated[
    Literal["all"] | None, Query(description="`all` returns every translation as a map")
]


def get_locale(
    request: Request, response: Response, lang: LangQuery = None, translations: TranslationsQuery = None
) -> Locale:
    chosen = lang or parse_accept_language(request.headers.get("accept-language")) or DEFAULT_LANGUAGE
    response.headers["Content-Language"] = chosen
    response.headers["Vary"] = "Accept-Language, Authorization"
    return Locale(lang=chosen, all_translations=translations == "all")


get_locale.openapi_accept_language = True  # type: ignore[attr-defined]


LocaleDep = Annotated[Locale, Depends(get_locale)]


_SPACES = re.compile(r"\s+")


def normalize(text: str | None) -> str:
    """Lower case without diacritics, for search: "Šiauliai" and "siauliai" compare equal.

    Works for Cyrillic too (й → и, ї → і), so a Ukrainian query typed without diacritics still finds.
    """
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", stripped.casefold()).strip()


def search_blob(*values: Any) -> str:
    """One normalised text from strings and translation maps, to store beside a record for search."""
    parts: list[str] = []
    for value in values:
        if isinstance(value, dict):
            parts.extend(str(v) for v in value.values() if v)
        elif isinstance(value, list | tuple):
            parts.extend(str(v) for v in value if v)
        elif value:
            parts.append(str(value))
    return normalize(" ".join(parts))


def search_terms(query: str | None) -> list[str]:
    return [t for t in normalize(query).split(" ") if t][:10]


# Inflectional endings of the languages people search in, after ``normalize`` (no diacritics):
# Lithuanian, Ukrainian, Russian and English. A search word loses its longest ending, so that
# "юридична" and "юридичні", "teisinė" and "teisinės", "courses" and "course" meet at one stem.
_ENDINGS = sorted(
    {
        # Lithuanian
        "as",
        "is",
        "ys",
        "us",
        "a",
        "e",
        "i",
        "u",
        "o",
        "os",
        "es",
        "ai",
        "ei",
        "ams",
        "ems",
        "oms",
        "ose",
        "uose",
        "ui",
        "iai",
        "ius",
        "iu",
        "ios",
        "ies",
        "iui",
        "ioms",
        "iams",
        "ais",
        "omis",
        "emis",
        "imis",
        "ija",
        "ijos",
        # Ukrainian and Russian (й and ї are и and і after normalize)
        "ии",
        "іи",
        "ого",
        "ому",
        "ими",
        "ій",
        "ої",
        "ою",
        "ая",
        "ое",
        "ые",
        "ие",
        "ых",
        "их",
        "ым",
        "им",
        "ую",
        "юю",
        "ов",
        "ев",
        "ами",
        "ями",
        "ах",
        "ях",
        "ом",
        "ем",
        "ы",
        "и",
        "і",
        "а",
        "я",
        "е",
        "у",
        "ю",
        "о",
        "ь",
        "ей",
        "еи",
        "ой",
        "ои",
        "ці",
        "ки",
        # English
        "s",
        "ing",
        "ed",
    },
    key=len,
    reverse=True,
)
_MIN_STEM = 4


def stem(word: str) -> str:
    """A normalised word without its inflectional ending (a light stemmer: no dictionary, the
    stem keeps at least four letters, so short words and codes stay as they are)."""
    if len(word) <= _MIN_STEM or not word.isalpha():
        return word
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= _MIN_STEM:
            return word[: -len(ending)]
    return word


def search_stems(query: str | None) -> list[str]:
    """``search_terms`` reduced to stems: what a substring search looks for to find other word
    forms of the same word."""
    return [stem(t) for t in search_terms(query)]


def like_escape(term: str) -> str:
    return term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
