"""Place names in any script in a free-text query: "Вільнюс", "Вильнюс", "Vilnius", "Vilniaus" (and
their near word forms, "у Вільнюсі") mean the municipalities of that place. The query keeps its other
words; the place becomes a municipality filter, so a newcomer typing a city in her own alphabet finds
what is there, whatever language the services are written in.

Names come from api/reference/municipalities.csv (Lithuanian, English, Ukrainian and Russian names
and the bare place names in Cyrillic), folded like the search text.
"""

from __future__ import annotations

import csv
from functools import cache

from api.core.i18n import normalize
from api.directory.categories.reference import REFERENCE as REFERENCE_DIR

_SUFFIXES = (" city municipality", " district municipality", " municipality")
# Prepositions that go with a place ("у Вільнюсі", "в Вильнюсе", "in Vilnius", "prie Kauno"): dropped
# with it, or every service would have to contain them.
_WITH_PLACE = frozenset(
    {
        "у",
        "в",
        "во",
        "до",
        "з",
        "із",
        "из",
        "на",
        "біля",
        "возле",
        "около",
        "in",
        "at",
        "near",
        "around",
        "prie",
        "is",
        "i",
    }
)


def _place_of(name_en: str) -> str:
    for suffix in _SUFFIXES:
        if name_en.endswith(suffix):
            return name_en[: -len(suffix)]
    return name_en


@cache
def place_names() -> dict[str, tuple[str, ...]]:
    """Folded place name → the municipality codes of that place (a city and its district share one)."""
    found: dict[str, set[str]] = {}
    with (REFERENCE_DIR / "municipalities.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            lt_first = row["name_lt"].split(" miesto ")[0].split(" rajono ")[0].replace(" savivaldybė", "")
            for name in (_place_of(row["name_en"]), lt_first, row["place_uk"], row["place_ru"]):
                folded = normalize(name)
                if folded:
                    found.setdefault(folded, set()).add(row["slug"])
    return {name: tuple(sorted(slugs)) for name, slugs in found.items()}


def _matches(word: str, place: str) -> bool:
    if word == place:
        return True
    # Near word forms: "вільнюсі", "вильнюса", "vilniuje" (a place of five letters or more).
    return len(place) >= 5 and word.startswith(place[:-1]) and len(word) <= len(place) + 2


def split_places(query: str | None) -> tuple[str | None, tuple[str, ...], tuple[str, ...]]:
    """The query without its place names, those names as typed (folded), and the municipality codes
    they mean."""
    if not query:
        return query, (), ()
    words = normalize(query).split()
    places = place_names()
    kept: list[str] = []
    named: list[str] = []
    slugs: list[str] = []
    index = 0
    while index < len(words):
        two = " ".join(words[index : index + 2])
        width = 2 if index + 1 < len(words) and two in places else 1  # "kazlu ruda"
        hit = (
            two
            if width == 2
            else next((p for p in places if " " not in p and _matches(words[index], p)), None)
        )
        if hit is None:
            kept.append(words[index])
        else:
            slugs.extend(places[hit])
            named.append(" ".join(words[index : index + width]))
            if kept and kept[-1] in _WITH_PLACE:
                kept.pop()
        index += width
    if not slugs:
        return query, (), ()
    return (" ".join(kept) or None), tuple(named), tuple(dict.fromkeys(slugs))
