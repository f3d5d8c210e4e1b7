"""Place names in any script: "Вільнюс", "Вильнюс", "Vilnius" (and "у Вільнюсі") in a query find
Vilnius' services, whatever language they are written in, and texts that name the place; the other
words still have to match."""

from __future__ import annotations

import pytest

from api.directory.services.place_names import split_places
from tests.directory.conftest import ids


@pytest.mark.parametrize(
    ("query", "rest", "words", "places"),
    [
        ("Вільнюс", None, ("вільнюс",), ("vilniaus-m", "vilniaus-r")),
        ("Вильнюс", None, ("вильнюс",), ("vilniaus-m", "vilniaus-r")),
        ("юридична допомога у Вільнюсі", "юридична допомога", ("вільнюсі",), ("vilniaus-m", "vilniaus-r")),
        ("lawyer in Vilnius", "lawyer", ("vilnius",), ("vilniaus-m", "vilniaus-r")),
        ("Kazlų Rūda kursai", "kursai", ("kazlu ruda",), ("kazlu-rudos",)),
        ("Šiauliai", None, ("siauliai",), ("siauliu-m", "siauliu-r")),
        ("вільні місця", "вільні місця", (), ()),  # "free places", not Vilnius
    ],
)
def test_split_places(query, rest, words, places) -> None:
    assert split_places(query) == (rest if places else query, words, places)


def test_a_cyrillic_place_name_finds_the_places_services(
    client, base, make_org, make_service, marker
) -> None:
    vilnius = make_service(name={"lt": f"Teisinė pagalba {marker}"})
    kaunas = make_service(make_org(base.municipality_kaunas), name={"lt": f"Teisinė pagalba {marker}"})
    for query in ("Вільнюс", "Вильнюс", "Vilnius", f"{marker} у Вільнюсі"):
        found = ids(
            client.get(
                "/api/v1/services", params={"q": f"{query} {marker}" if marker not in query else query}
            )
        )
        assert str(vilnius.id) in found and str(kaunas.id) not in found, query
    # a municipality named explicitly wins over a place in the words
    both = ids(client.get("/api/v1/services", params={"q": f"{marker} Вільнюс", "municipality": "kauno-m"}))
    assert str(kaunas.id) in both and str(vilnius.id) not in both
    # a service elsewhere whose text names the place is still found
    named = make_service(make_org(base.municipality_kaunas), name={"lt": f"Vilnius–Kaunas {marker} kelionės"})
    assert str(named.id) in ids(client.get("/api/v1/services", params={"q": f"Vilnius {marker}"}))
