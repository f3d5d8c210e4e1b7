"""Places: municipality → county → Lithuania, from the municipalities table.

Codes: ``LT`` (Lithuania), ``county-kaunas`` (a county, by the municipalities table's county code),
``vilniaus-m`` (a municipality, by slug). Selections also accept ``municipalities`` (all 60),
``counties`` (all 10) and ``county-kaunas/municipalities`` (every municipality of a county).
"""

from __future__ import annotations

import threading
import uuid
from dataclasses import dataclass

from sqlmodel import Session, select

from api.municipalities.models import Municipality

COUNTRY, COUNTY, MUNICIPALITY = "country", "county", "municipality"
LEVELS = (COUNTRY, COUNTY, MUNICIPALITY)
COUNTRY_CODE = "LT"
COUNTY_PREFIX = "county-"
LITHUANIA = {"lt": "Lietuva", "en": "Lithuania", "uk": "Литва", "ru": "Литва"}
# County names in Ukrainian and Russian (the municipalities table has lt/en).
_COUNTY_UK_RU = {
    "alytus": ("Алітуський повіт", "Алитусский уезд"),
    "kaunas": ("Каунаський повіт", "Каунасский уезд"),
    "klaipeda": ("Клайпедський повіт", "Клайпедский уезд"),
    "marijampole": ("Маріямпольський повіт", "Мариямпольский уезд"),
    "panevezys": ("Паневежиський повіт", "Паневежский уезд"),
    "siauliai": ("Шяуляйський повіт", "Шяуляйский уезд"),
    "taurage": ("Таураґський повіт", "Таурагский уезд"),
    "telsiai": ("Тельшяйський повіт", "Тельшяйский уезд"),
    "utena": ("Утенський повіт", "Утенский уезд"),
    "vilnius": ("Вільнюський повіт", "Вильнюсский уезд"),
}


class PlaceError(ValueError):
    pass


@dataclass(frozen=True)
class Place:
    code: str
    level: str
    name: dict[str, str]
    county: str | None = None
    municipality_id: uuid.UUID | None = None
    # The municipalities that make up the place (itself for a municipality).
    members: frozenset[uuid.UUID] = frozenset()


@dataclass(frozen=True)
class Geography:
    by_code: dict[str, Place]
    by_municipality: dict[uuid.UUID, Place]
    municipalities: tuple[Place, ...]
    counties: tuple[Place, ...]
    country: Place

    def get(self, code: str) -> Place:
        place = self.by_code.get(code.strip())
        if place is None:
            raise PlaceError(code)
        return place

    def select(self, expression: str) -> list[Place]:
        """The places a selection names, in a stable order."""
        text = expression.strip()
        if text == "municipalities":
            return list(self.municipalities)
        if text == "counties":
            return list(self.counties)
        if text.endswith("/municipalities"):
            county = self.get(text.removesuffix("/municipalities"))
            if county.level != COUNTY:
                raise PlaceError(expression)
            return [m for m in self.municipalities if m.county == county.county]
        return [self.get(text)]

    def select_all(self, expressions: list[str]) -> list[Place]:
        seen: dict[str, Place] = {}
        bad: list[str] = []
        for expression in expressions:
            try:
                for place in self.select(expression):
                    seen.setdefault(place.code, place)
            except PlaceError:
                bad.append(expression)
        if bad:
            raise PlaceError(", ".join(bad))
        return list(seen.values())

    def parents(self, place: Place) -> list[Place]:
        if place.level == MUNICIPALITY and place.county:
            return [self.by_code[COUNTY_PREFIX + place.county], self.country]
        if place.level == COUNTY:
            return [self.country]
        return []


_cache: dict[str, Geography] = {}
_lock = threading.Lock()


def geography(session: Session) -> Geography:
    """Municipalities never change while the application runs (a migration loads them): cached."""
    bind = session.get_bind()
    key = str(getattr(bind, "url", id(bind)))
    found = _cache.get(key)
    if found is not None:
        return found
    rows = list(session.exec(select(Municipality).order_by(Municipality.slug)).all())
    by_county: dict[str, list[Municipality]] = {}
    for m in rows:
        by_county.setdefault(m.county, []).append(m)
    municipalities = tuple(
        Place(
            code=m.slug,
            level=MUNICIPALITY,
            name=dict(m.name),
            county=m.county,
            municipality_id=m.id,
            members=frozenset({m.id}),
        )
        for m in rows
    )
    counties = []
    for county, members in sorted(by_county.items()):
        uk, ru = _COUNTY_UK_RU.get(county, (None, None))
        name = dict(members[0].county_name)
        if uk and ru:
            name.setdefault("uk", uk)
            name.setdefault("ru", ru)
        counties.append(
            Place(
                code=COUNTY_PREFIX + county,
                level=COUNTY,
                name=name,
                county=county,
                members=frozenset(m.id for m in members),
            )
        )
    country = Place(code=COUNTRY_CODE, level=COUNTRY, name=LITHUANIA, members=frozenset(m.id for m in rows))
    by_code = {p.code: p for p in (*municipalities, *counties, country)}
    geo = Geography(
        by_code=by_code,
        by_municipality={p.municipality_id: p for p in municipalities if p.municipality_id},
        municipalities=municipalities,
        counties=tuple(counties),
        country=country,
    )
    if rows:
        with _lock:
            _cache[key] = geo
    return geo
