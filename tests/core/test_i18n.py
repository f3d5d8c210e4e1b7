from __future__ import annotations

import pytest

from api.core.i18n import normalize, parse_accept_language, resolve, search_blob


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Šiauliai", "siauliai"),
        ("  KLAIPĖDA  ", "klaipeda"),
        ("Київ", "киів"),
        ("Житомир", "житомир"),
        (None, ""),
    ],
)
def test_normalize(text, expected):
    assert normalize(text) == expected


def test_fallback_chain():
    value = {"en": "Hello", "lt": "Labas"}
    assert resolve(value, "uk") == "Hello"  # English before Lithuanian for a Ukrainian reader
    assert resolve(value, "lt") == "Labas"
    assert resolve({"lt": "Labas"}, "ru") == "Labas"
    assert resolve({"en": "Hello"}, "uk") == "Hello"
    assert resolve({"ru": "Привет"}, "uk") == "Привет"
    assert resolve({}, "lt") is None


def test_accept_language_quality():
    assert parse_accept_language("de-DE, uk;q=0.9, en;q=0.8") == "uk"
    assert parse_accept_language("en;q=0.1, ru;q=0.5") == "ru"
    assert parse_accept_language("fr") is None


def test_search_blob_joins_all_languages():
    blob = search_blob({"lt": "Lietuvių kalbos kursai", "uk": "Курси литовської"}, ["Vilnius"])
    assert "lietuviu" in blob and "курси" in blob and "vilnius" in blob


def test_language_negotiation_on_responses(client):
    r = client.get("/api/v1/municipalities/siauliu-m", headers={"Accept-Language": "en-GB,en;q=0.9"})
    assert r.headers["content-language"] == "en"
    assert r.json()["name"] == "Šiauliai city municipality"
    r = client.get("/api/v1/municipalities/siauliu-m?lang=uk")
    assert r.headers["content-language"] == "uk"
    assert r.json()["name"] == "Самоврядування міста Шяуляй"
    r = client.get("/api/v1/municipalities/siauliu-m?translations=all")
    assert r.json()["name"] == {
        "lt": "Šiaulių miesto savivaldybė",
        "en": "Šiauliai city municipality",
        "uk": "Самоврядування міста Шяуляй",
        "ru": "Самоуправление города Шяуляй",
    }


def test_diacritic_insensitive_municipality_search(client):
    items = client.get("/api/v1/municipalities?q=Siauliu").json()["items"]
    assert {m["slug"] for m in items} == {"siauliu-m", "siauliu-r"}
