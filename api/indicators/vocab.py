"""Breakdown dimensions (sex, age group, citizenship…) and the codes each one allows.

Every breakdown value stored or shown is a code from a closed list (or, for age groups, a strict
pattern), so an observation can never carry free text such as a person's name or identifier.
"""

from __future__ import annotations

import csv
import gettext
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pycountry

from api.core.i18n import reference_names
from api.core.types import CEFR_LEVELS, country_codes, language_codes

REFERENCE = Path(__file__).resolve().parents[1] / "reference"
LANGS = ("lt", "en", "uk", "ru")
AGE_GROUP_RE = re.compile(r"^(\d{1,3})(?:-(\d{1,3})|\+)$")


def texts(lt: str, en: str, uk: str, ru: str) -> dict[str, str]:
    return {"lt": lt, "en": en, "uk": uk, "ru": ru}


@dataclass(frozen=True)
class Dimension:
    code: str
    name: dict[str, str]
    # Closed list of values with their names; None when values follow a rule (``check``).
    values: dict[str, dict[str, str]] | None = None
    check: Callable[[str], bool] | None = None
    namer: Callable[[str], dict[str, str]] | None = None
    # SDMX-CSV codes that differ from ours (e.g. sex F/M), ours -> SDMX.
    sdmx: dict[str, str] = field(default_factory=dict)

    def allows(self, value: str) -> bool:
        if self.values is not None:
            return value in self.values
        return bool(self.check and self.check(value))

    def value_name(self, value: str) -> dict[str, str]:
        if self.values is not None and value in self.values:
            return self.values[value]
        if self.namer is not None:
            return self.namer(value)
        return {"en": value}

    def from_sdmx(self, value: str) -> str:
        for ours, theirs in self.sdmx.items():
            if theirs == value:
                return ours
        return value

    def to_sdmx(self, value: str) -> str:
        return self.sdmx.get(value, value)


def _age_ok(value: str) -> bool:
    m = AGE_GROUP_RE.match(value)
    if not m:
        return False
    low = int(m.group(1))
    high = m.group(2)
    return low <= 120 and (high is None or low <= int(high) <= 120)


def _age_name(value: str) -> dict[str, str]:
    shown = value.replace("-", "–")
    return {"lt": f"{shown} m.", "en": f"{shown} years", "uk": f"{shown} р.", "ru": f"{shown} лет"}


@lru_cache
def _translator(domain: str, lang: str) -> Callable[[str], str]:
    try:
        return gettext.translation(domain, pycountry.LOCALES_DIR, languages=[lang]).gettext
    except OSError:
        return lambda s: s


def _country_name(code: str) -> dict[str, str]:
    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        return {"en": code}
    english = getattr(country, "common_name", None) or country.name
    out = {"en": english}
    for lang in ("lt", "uk", "ru"):
        out[lang] = _translator("iso3166-1", lang)(country.name)
    return out


def _of_countries(code: str, label: dict[str, str]) -> Dimension:
    """A dimension whose values are ISO 3166 country codes, named in the reader's language."""
    return Dimension(code, label, check=lambda v: v in country_codes(), namer=_country_name)


def _language_name(code: str) -> dict[str, str]:
    language = pycountry.languages.get(alpha_2=code)
    if language is None:
        return {"en": code}
    out = {"en": language.name}
    for lang in ("lt", "uk", "ru"):
        out[lang] = _translator("iso639-3", lang)(language.name)
    return out


def _read_csv(name: str) -> list[dict[str, str]]:
    with (REFERENCE / name).open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


@lru_cache
def _legal_statuses() -> dict[str, dict[str, str]]:
    return {row["code"]: reference_names(row) for row in _read_csv("legal-statuses.csv")}


@lru_cache
def _categories() -> dict[str, dict[str, str]]:
    return {row["code"]: reference_names(row) for row in _read_csv("service-categories.csv")}


@lru_cache
def _competences() -> dict[str, dict[str, str]]:
    return {row["code"]: reference_names(row) for row in _read_csv("competences.csv")}


@lru_cache
def dimensions() -> dict[str, Dimension]:
    dims = [
        Dimension(
            "sex",
            texts("Lytis", "Sex", "Стать", "Пол"),
            {
                "female": texts("Moterys", "Female", "Жінки", "Женщины"),
                "male": texts("Vyrai", "Male", "Чоловіки", "Мужчины"),
                "other": texts("Kita", "Other", "Інше", "Другое"),
            },
            sdmx={"female": "F", "male": "M", "other": "_O"},
        ),
        Dimension(
            "age_group",
            texts("Amžiaus grupė", "Age group", "Вікова група", "Возрастная группа"),
            check=_age_ok,
            namer=_age_name,
        ),
        _of_countries("citizenship", texts("Pilietybė", "Citizenship", "Громадянство", "Гражданство")),
        Dimension(
            "citizenship_group",
            texts("Pilietybės grupė", "Citizenship group", "Група громадянства", "Группа гражданства"),
            {
                "national": texts("Lietuvos piliečiai", "Nationals", "Громадяни Литви", "Граждане Литвы"),
                "eu": texts("ES piliečiai", "EU citizens", "Громадяни ЄС", "Граждане ЕС"),
                "third_country": texts(
                    "Trečiųjų šalių piliečiai",
                    "Third-country nationals",
                    "Громадяни третіх країн",
                    "Граждане третьих стран",
                ),
                "stateless": texts("Be pilietybės", "Stateless", "Без громадянства", "Без гражданства"),
            },
        ),
        Dimension(
            "legal_status",
            texts("Teisinis statusas", "Legal status", "Правовий статус", "Правовой статус"),
            _legal_statuses(),
        ),
        Dimension(
            "level",
            texts("Kalbos lygis", "Language level", "Рівень мови", "Уровень языка"),
            {lvl: {k: lvl for k in LANGS} for lvl in CEFR_LEVELS},
        ),
        Dimension(
            "category",
            texts("Paslaugų kategorija", "Service category", "Категорія послуг", "Категория услуг"),
            _categories(),
        ),
        Dimension(
            "language",
            texts("Kalba", "Language", "Мова", "Язык"),
            check=lambda v: v in language_codes(),
            namer=_language_name,
        ),
        _of_countries(
            "country",
            texts("Gyvenamoji šalis", "Country of residence", "Країна проживання", "Страна проживания"),
        ),
        Dimension(
            "competence",
            texts("Kompetencija", "Competence", "Компетенція", "Компетенция"),
            _competences(),
        ),
        Dimension(
            "author_residence",
            texts(
                "Autoriaus gyvenamoji vieta",
                "Author's residence",
                "Місце проживання автора",
                "Место жительства автора",
            ),
            {
                "resident": texts("Gyventojai", "Residents", "Мешканці", "Жители"),
                "diaspora": texts("Diaspora", "Diaspora", "Діаспора", "Диаспора"),
            },
        ),
    ]
    return {d.code: d for d in dims}


# Codes that mean "all values" (a total) in CSV and SDMX-CSV files.
FLAG_NAMES = ("provisional", "estimated", "break_in_series", "suppressed")
TOTAL_CODES = frozenset({"", "_T", "_Z", "total", "TOTAL"})


def normalise_value(dim: Dimension, raw: str) -> str:
    value = raw.strip()
    if dim.code in ("citizenship", "country"):
        return value.upper()
    if dim.code == "language":
        return value.lower()
    if dim.code == "level":
        return value.upper()
    return dim.from_sdmx(value)


def breakdown_key(values: dict[str, str]) -> tuple[str, str]:
    """The canonical key of a set of breakdown values and the list of its dimensions.

    ``{"sex": "female", "age_group": "25-44"}`` → ``("age_group=25-44|sex=female", "age_group,sex")``;
    ``{}`` (the total) → ``("", "")``.
    """
    dims = sorted(values)
    return "|".join(f"{d}={values[d]}" for d in dims), ",".join(dims)


def parse_key(key: str) -> dict[str, str]:
    if not key:
        return {}
    return dict(part.split("=", 1) for part in key.split("|"))
