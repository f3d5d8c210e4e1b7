"""Finding services: every filter, free text, languages, sorts and pages, exports, odd input."""

from __future__ import annotations

import csv
import io
import json
import uuid
from datetime import date, timedelta

import pytest

from tests.directory.conftest import ids


def test_every_filter_narrows_the_list(client, base, make_service, marker) -> None:
    today = date.today()
    base_fields = {"description": {"lt": marker}}
    legal = make_service(categories=["legal.migration"], languages=["lt", "uk"], **base_fields)
    course = make_service(
        categories=["language.course"], level="A2", format="online", free=False, cost_amount=20, **base_fields
    )
    kids = make_service(categories=["family.childcare"], age_min=3, age_max=7, **base_fields)
    refugees = make_service(categories=["housing.temporary"], eligible_statuses=["refugee"], **base_fields)
    stale = make_service(categories=["health"], assured_date=today - timedelta(days=400), **base_fields)
    funding = make_service(categories=["social"], funding_ends_on=today + timedelta(days=20), **base_fields)
    closed = make_service(categories=["social"], status="inactive", **base_fields)
    weekend = make_service(
        categories=["community.events"],
        schedule=[{"weekday": 6, "opens": "10:00", "closes": "12:00"}],
        **base_fields,
    )
    kaunas = make_service(base.org_kaunas, categories=["info"], **base_fields)
    everyone = {s.id.hex for s in (legal, course, kids, refugees, stale, funding, closed, weekend, kaunas)}

    def get(**params) -> set[str]:
        found = ids(client.get("/api/v1/services", params={"q": marker, "limit": 100, **params}))
        return {uuid.UUID(i).hex for i in found}

    assert get() == everyone
    assert get(category="legal") == {legal.id.hex}
    assert get(category="language") == {course.id.hex}  # a parent finds its sub-category
    assert get(language="uk") == {legal.id.hex}
    assert get(level="A2") == {course.id.hex}
    assert get(format="online") == {course.id.hex}
    assert course.id.hex not in get(free="true")
    assert get(free="false") == {course.id.hex}
    assert kids.id.hex in get(age=5) and kids.id.hex not in get(age=30)
    assert refugees.id.hex in get(eligible_status="refugee")
    assert refugees.id.hex not in get(eligible_status="eu_citizen")
    assert legal.id.hex in get(eligible_status="eu_citizen")  # open to everyone
    assert get(stale="true") == {stale.id.hex}
    assert stale.id.hex not in get(stale="false")
    assert get(funding_ends_before=(today + timedelta(days=60)).isoformat()) == {funding.id.hex}
    assert get(status="inactive") == {closed.id.hex}
    assert get(municipality="kauno-m") == {kaunas.id.hex}
    assert get(organization=str(base.org_kaunas.id)) == {kaunas.id.hex}
    saturday = today + timedelta(days=(6 - today.isoweekday()) % 7)
    monday = saturday + timedelta(days=2)
    assert weekend.id.hex in get(open_on=saturday.isoformat())
    assert weekend.id.hex not in get(open_on=monday.isoformat())
    assert closed.id.hex not in get(open_on=saturday.isoformat())
    assert get(category="legal", language="uk", municipality="vilniaus-m") == {legal.id.hex}


def test_bad_filters_are_422(client) -> None:
    assert client.get("/api/v1/services", params={"municipality": "nowhere"}).status_code == 422
    assert client.get("/api/v1/services", params={"level": "Z9"}).status_code == 422
    assert client.get("/api/v1/services", params={"cursor": "garbage"}).status_code == 400


def test_search_ignores_diacritics_and_finds_every_language(client, make_service, marker) -> None:
    siauliai = make_service(name={"lt": f"Šiaulių {marker} centras Šiauliai"})
    ukrainian = make_service(
        name={"lt": f"Paslauga {marker}"}, description={"uk": "Допомога з пошуком житла для українців"}
    )
    assert siauliai.id.hex in {
        uuid.UUID(i).hex for i in ids(client.get("/api/v1/services", params={"q": f"Siauliai {marker}"}))
    }
    found = ids(client.get("/api/v1/services", params={"q": "пошуком житла"}))
    assert str(ukrainian.id) in found
    found = ids(client.get("/api/v1/services", params={"q": "ПОШУКОМ"}))
    assert str(ukrainian.id) in found


def test_search_ranks_name_hits_first_and_pages(client, make_service, marker) -> None:
    in_text = [make_service(name={"lt": f"Kita {i}"}, description={"lt": f"apie {marker}"}) for i in range(3)]
    in_name = make_service(name={"lt": f"Z {marker}"})
    first = client.get("/api/v1/services", params={"q": marker, "limit": 2})
    items = first.json()["items"]
    assert items[0]["id"] == str(in_name.id)
    cursor = first.json()["next_cursor"]
    seen = [i["id"] for i in items]
    while cursor:
        page = client.get("/api/v1/services", params={"q": marker, "limit": 2, "cursor": cursor}).json()
        seen += [i["id"] for i in page["items"]]
        cursor = page["next_cursor"]
    assert sorted(seen) == sorted([str(in_name.id)] + [str(s.id) for s in in_text])


def test_service_text_in_the_best_language(client, make_service) -> None:
    service = make_service(
        name={"lt": "Lietuviškai", "uk": "Українською"}, description={"en": "English only"}
    )
    uk = client.get(f"/api/v1/services/{service.id}", params={"lang": "uk"}).json()
    assert uk["name"] == "Українською" and uk["text_language"] == "uk"
    assert uk["description"] == "English only"
    ru = client.get(f"/api/v1/services/{service.id}", headers={"Accept-Language": "ru"}).json()
    assert ru["name"] == "Lietuviškai"
    every = client.get(f"/api/v1/services/{service.id}", params={"translations": "all"}).json()
    assert every["name"] == {"lt": "Lietuviškai", "uk": "Українською"}


def test_export_streams_every_match(client, make_service, marker) -> None:
    made = {str(make_service(name={"lt": f"Eksportas {i}"}, description={"lt": marker}).id) for i in range(7)}
    response = client.get("/api/v1/services/export", params={"format": "csv", "q": marker})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert {r["id"] for r in rows} == made
    again = client.get(
        "/api/v1/services/export",
        params={"format": "csv", "q": marker},
        headers={"If-None-Match": response.headers["ETag"]},
    )
    assert again.status_code == 304
    lines = (
        client.get("/api/v1/services/export", params={"format": "ndjson", "q": marker})
        .text.strip()
        .splitlines()
    )
    assert {json.loads(line)["id"] for line in lines} == made


@pytest.mark.parametrize("sort", ["name", "-name", "last_modified", "-last_modified", "-assured_date"])
def test_every_sort_pages_through_everything_once(client, make_service, marker, sort) -> None:
    made = [
        make_service(
            name={"lt": f"{chr(65 + i % 3)} {marker}"},
            assured_date=None if i == 4 else date(2026, 1, 1 + i % 2),
        )
        for i in range(7)
    ]
    seen: list[str] = []
    cursor = None
    while True:
        params = {"q": marker, "sort": sort, "limit": 2, **({"cursor": cursor} if cursor else {})}
        page = client.get("/api/v1/services", params=params).json()
        seen += [i["id"] for i in page["items"]]
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert sorted(seen) == sorted(str(s.id) for s in made) and len(seen) == len(set(seen))


def test_odd_input_is_not_a_server_error(client) -> None:
    for params in (
        {"q": "%_\\"},
        {"modified_after": "2026-01-01T00:00:00"},
        {"modified_after": "2026-01-01"},
        {"open_on": "2026-02-30"},
        {"age": "-1"},
        {"sort": "bogus"},
        {"limit": "0"},
    ):
        response = client.get("/api/v1/services", params=params)
        assert response.status_code in (200, 400, 422), (params, response.status_code)
    assert client.get("/api/v1/services/export", params={"format": "xml"}).status_code == 422
    assert client.get("/hsds/services", params={"modified_after": "yesterday"}).status_code == 422
    assert client.get("/hsds/services", params={"modified_after": "2026-01-01T00:00:00"}).status_code == 200
