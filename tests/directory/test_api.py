"""The /api/v1 directory routes: filters, search, sync with tombstones, who may change what,
confidential addresses, ETag and If-Match."""

from __future__ import annotations

import csv
import io
import json
import uuid
from datetime import date, timedelta

import pytest

from api.directory.models import Location, ServiceAtLocation


def _ids(response) -> set[str]:
    assert response.status_code == 200, response.text
    return {item["id"] for item in response.json()["items"]}


@pytest.fixture
def marker() -> str:
    return "zq" + uuid.uuid4().hex[:8]


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
        found = _ids(client.get("/api/v1/services", params={"q": marker, "limit": 100, **params}))
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
        uuid.UUID(i).hex for i in _ids(client.get("/api/v1/services", params={"q": f"Siauliai {marker}"}))
    }
    found = _ids(client.get("/api/v1/services", params={"q": "пошуком житла"}))
    assert str(ukrainian.id) in found
    found = _ids(client.get("/api/v1/services", params={"q": "ПОШУКОМ"}))
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


def test_categories_tree(client) -> None:
    body = client.get("/api/v1/categories", params={"lang": "uk"}).json()
    legal = next(n for n in body["items"] if n["code"] == "legal")
    assert legal["name"] == "Юридичні консультації"
    assert {c["code"] for c in legal["children"]} == {"legal.migration", "legal.labour"}
    assert client.get("/api/v1/services/legal-statuses").json()["items"][0]["code"] == "asylum_seeker"


NEW_SERVICE = {
    "name": {"lt": "Lietuvių kalbos kursai", "uk": "Курси литовської мови"},
    "description": {"lt": "Kursai suaugusiems"},
    "categories": ["language.course"],
    "languages": ["lt", "uk"],
    "level": "A1",
    "format": "hybrid",
    "schedule": [{"weekday": 2, "opens": "18:00", "closes": "19:30"}],
    "start_date": "2027-01-10",
    "end_date": "2027-05-30",
}


def test_sync_sees_created_changed_and_deleted(client, base, auth, make_service) -> None:
    before = client.get("/api/v1/services", params={"limit": 1, "sort": "-last_modified"}).json()["items"]
    since = before[0]["last_modified"] if before else "2000-01-01T00:00:00Z"
    changed = make_service(name={"lt": "Keisiama"})
    doomed = make_service(name={"lt": "Trinama"})
    headers = auth.headers(base.provider)
    created = client.post("/api/v1/services", json=NEW_SERVICE, headers=headers)
    assert created.status_code == 201, created.text
    etag = client.get(f"/api/v1/services/{changed.id}").headers["ETag"]
    patched = client.patch(
        f"/api/v1/services/{changed.id}",
        json={"name": {"lt": "Pakeista"}},
        headers={**headers, "If-Match": etag},
    )
    assert patched.status_code == 200, patched.text
    etag = client.get(f"/api/v1/services/{doomed.id}").headers["ETag"]
    assert (
        client.delete(f"/api/v1/services/{doomed.id}", headers={**headers, "If-Match": etag}).status_code
        == 204
    )
    assert client.get(f"/api/v1/services/{doomed.id}").status_code == 404

    seen: dict[str, dict] = {}
    cursor = None
    while True:
        params = {"modified_after": since, "limit": 2, **({"cursor": cursor} if cursor else {})}
        page = client.get("/api/v1/services", params=params).json()
        for item in page["items"]:
            seen[item["id"]] = item
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert seen[created.json()["id"]]["name"] == "Lietuvių kalbos kursai"
    assert seen[str(changed.id)]["name"] == "Pakeista"
    assert seen[str(doomed.id)]["deleted"] is True and seen[str(doomed.id)]["deleted_at"]
    # Without modified_after the deleted service is gone.
    assert str(doomed.id) not in _ids(client.get("/api/v1/services", params={"q": "Trinama"}))


def test_if_match_is_required_and_checked(client, base, auth, make_service) -> None:
    service = make_service()
    headers = auth.headers(base.provider)
    assert (
        client.patch(f"/api/v1/services/{service.id}", json={"capacity": 5}, headers=headers).status_code
        == 428
    )
    stale = client.patch(
        f"/api/v1/services/{service.id}", json={"capacity": 5}, headers={**headers, "If-Match": '"v99"'}
    )
    assert stale.status_code == 412
    assert client.delete(f"/api/v1/services/{service.id}", headers=headers).status_code == 428
    first = client.get(f"/api/v1/services/{service.id}")
    assert (
        client.get(
            f"/api/v1/services/{service.id}", headers={"If-None-Match": first.headers["ETag"]}
        ).status_code
        == 304
    )
    listing = client.get("/api/v1/services", params={"limit": 5})
    assert listing.headers.get("ETag")


def test_provider_cannot_touch_another_organisations_service(client, base, auth, make_service) -> None:
    theirs = make_service(base.org_kaunas)
    etag = client.get(f"/api/v1/services/{theirs.id}").headers["ETag"]
    headers = {**auth.headers(base.provider), "If-Match": etag}
    assert (
        client.patch(f"/api/v1/services/{theirs.id}", json={"capacity": 1}, headers=headers).status_code
        == 404
    )
    assert client.delete(f"/api/v1/services/{theirs.id}", headers=headers).status_code == 404
    assert client.post(f"/api/v1/services/{theirs.id}/verify", headers=headers).status_code == 404
    # Nor may a coordinator of another municipality.
    other = {**auth.headers(base.coordinator), "If-Match": etag}
    assert (
        client.patch(f"/api/v1/services/{theirs.id}", json={"capacity": 1}, headers=other).status_code == 404
    )
    # Creating for someone else's organisation is refused too.
    body = {**NEW_SERVICE, "organization_id": str(base.org_kaunas.id)}
    assert client.post("/api/v1/services", json=body, headers=auth.headers(base.provider)).status_code == 422
    # The Kaunas coordinator and an admin may.
    for who in (base.coordinator_kaunas, base.admin):
        etag = client.get(f"/api/v1/services/{theirs.id}").headers["ETag"]
        ok = client.patch(
            f"/api/v1/services/{theirs.id}",
            json={"capacity": 3},
            headers={**auth.headers(who), "If-Match": etag},
        )
        assert ok.status_code == 200, ok.text
    # Residents and the anonymous public read only.
    assert (
        client.post("/api/v1/services", json=NEW_SERVICE, headers=auth.headers(base.resident)).status_code
        == 403
    )
    assert client.post("/api/v1/services", json=NEW_SERVICE).status_code == 401


def test_coordinator_verifies_and_lists_stale(client, base, auth, make_service, marker) -> None:
    old = make_service(description={"lt": marker}, assured_date=date.today() - timedelta(days=300))
    assert _ids(client.get("/api/v1/services", params={"q": marker, "stale": "true"})) == {str(old.id)}
    verified = client.post(f"/api/v1/services/{old.id}/verify", headers=auth.headers(base.coordinator))
    assert verified.status_code == 200, verified.text
    assert verified.json()["assured_date"] == date.today().isoformat()
    assert verified.json()["assured_by"] == str(base.coordinator.id)
    assert _ids(client.get("/api/v1/services", params={"q": marker, "stale": "true"})) == set()


def test_invalid_bodies_are_422(client, base, auth) -> None:
    headers = auth.headers(base.provider)
    for bad in (
        {**NEW_SERVICE, "categories": ["nope"]},
        {**NEW_SERVICE, "eligible_statuses": ["martian"]},
        {**NEW_SERVICE, "age_min": 10, "age_max": 5},
        {**NEW_SERVICE, "categories": ["health"], "level": "B1"},
        {**NEW_SERVICE, "name": {"xx": "?"}},
        {**NEW_SERVICE, "unknown": 1},
        {**NEW_SERVICE, "location_ids": [str(uuid.uuid4())]},
        {**NEW_SERVICE, "languages": ["xx"]},
    ):
        assert client.post("/api/v1/services", json=bad, headers=headers).status_code == 422, bad


@pytest.fixture
def shelter(db, base, make_service):
    location = Location(
        organization_id=base.org.id,
        municipality_id=base.municipality.id,
        name={"lt": "Krizių centras"},
        address="Slapta g. 13",
        city="Vilnius",
        latitude=54.7,
        longitude=25.3,
        confidential=True,
    )
    db.add(location)
    db.flush()
    service = make_service(name={"lt": "Laikinas apgyvendinimas"}, categories=["housing.temporary"])
    db.add(ServiceAtLocation(service_id=service.id, location_id=location.id))
    db.flush()
    return service, location


def test_confidential_address_hidden_from_the_public(client, base, auth, shelter) -> None:
    service, location = shelter
    for who in (None, base.resident, base.provider_kaunas, base.coordinator_kaunas):
        headers = auth.headers(who) if who else {}
        body = client.get(f"/api/v1/services/{service.id}", headers=headers).json()
        loc = body["locations"][0]
        assert loc["address"] is None and loc["latitude"] is None and loc["address_hidden"] is True
        assert "Slapta" not in json.dumps(body)
        assert "Slapta" not in client.get(f"/api/v1/locations/{location.id}", headers=headers).text
        assert "Slapta" not in client.get(f"/api/v1/services/{service.id}", headers=headers).text
        for fmt in ("csv", "ndjson"):
            export = client.get(
                "/api/v1/services/export", params={"format": fmt, "q": "Laikinas"}, headers=headers
            )
            assert export.status_code == 200 and str(service.id) in export.text
            assert "Slapta" not in export.text and "54.7" not in export.text
        assert "Slapta" not in client.get(f"/hsds/services/{service.id}", headers=headers).text
        assert "Slapta" not in client.get("/hsds/service_at_locations", headers=headers).text
        assert (
            "Slapta"
            not in client.get(
                "/hsds/services", params={"full": "true", "search": "Laikinas"}, headers=headers
            ).text
        )
    for who in (base.provider, base.coordinator, base.admin):
        body = client.get(f"/api/v1/services/{service.id}", headers=auth.headers(who)).json()
        assert body["locations"][0]["address"] == "Slapta g. 13"
        export = client.get(
            "/api/v1/services/export", params={"format": "csv", "q": "Laikinas"}, headers=auth.headers(who)
        )
        assert "Slapta" in export.text


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


def test_locations_and_organisations_crud(client, base, auth) -> None:
    provider = auth.headers(base.provider)
    created = client.post(
        "/api/v1/locations",
        json={"address": "Gedimino pr. 1", "city": "Vilnius", "name": {"lt": "Biuras"}},
        headers=provider,
    )
    assert created.status_code == 201, created.text
    location_id = created.json()["id"]
    service = client.post(
        "/api/v1/services", json={**NEW_SERVICE, "location_ids": [location_id]}, headers=provider
    )
    assert service.status_code == 201, service.text
    assert service.json()["locations"][0]["address"] == "Gedimino pr. 1"
    etag = client.get(f"/api/v1/locations/{location_id}").headers["ETag"]
    changed = client.patch(
        f"/api/v1/locations/{location_id}",
        json={"confidential": True},
        headers={**provider, "If-Match": etag},
    )
    assert changed.status_code == 200
    assert client.get(f"/api/v1/locations/{location_id}").json()["address"] is None
    # Another organisation's provider cannot change it.
    etag = client.get(f"/api/v1/locations/{location_id}").headers["ETag"]
    other = {**auth.headers(base.provider_kaunas), "If-Match": etag}
    assert (
        client.patch(f"/api/v1/locations/{location_id}", json={"city": "X"}, headers=other).status_code == 404
    )

    org = client.post(
        "/api/v1/organizations",
        json={"name": {"lt": "Nauja NVO"}, "kind": "ngo"},
        headers=auth.headers(base.coordinator),
    )
    assert org.status_code == 201, org.text
    assert org.json()["municipality"] == "vilniaus-m"
    assert (
        client.post("/api/v1/organizations", json={"name": {"lt": "X"}}, headers=provider).status_code == 403
    )
    assert (
        client.post(
            "/api/v1/organizations",
            json={"name": {"lt": "X"}, "municipality": "kauno-m"},
            headers=auth.headers(base.coordinator),
        ).status_code
        == 422
    )
    own = client.get(f"/api/v1/organizations/{base.org.id}")
    renamed = client.patch(
        f"/api/v1/organizations/{base.org.id}",
        json={"description": {"lt": "Mūsų NVO"}},
        headers={**provider, "If-Match": own.headers["ETag"]},
    )
    assert renamed.status_code == 200, renamed.text
    theirs = client.get(f"/api/v1/organizations/{base.org_kaunas.id}")
    assert (
        client.patch(
            f"/api/v1/organizations/{base.org_kaunas.id}",
            json={"description": {"lt": "?"}},
            headers={**provider, "If-Match": theirs.headers["ETag"]},
        ).status_code
        == 404
    )
    listed = client.get("/api/v1/organizations", params={"municipality": "vilniaus-m", "limit": 100})
    assert str(base.org.id) in {o["id"] for o in listed.json()["items"]}


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


def test_create_is_idempotent_with_a_key(client, base, auth, marker) -> None:
    headers = {**auth.headers(base.provider), "Idempotency-Key": f"key-{marker}"}
    body = {**NEW_SERVICE, "name": {"lt": f"Vienas {marker}"}}
    first = client.post("/api/v1/services", json=body, headers=headers)
    again = client.post("/api/v1/services", json=body, headers=headers)
    assert first.status_code == again.status_code == 201
    assert first.json()["id"] == again.json()["id"]
    assert len(_ids(client.get("/api/v1/services", params={"q": marker}))) == 1


def test_other_tenants_get_404_on_organisations_and_locations(client, base, auth, db) -> None:
    location = Location(
        organization_id=base.org_kaunas.id, municipality_id=base.municipality_kaunas.id, city="Kaunas"
    )
    db.add(location)
    db.flush()
    loc_etag = client.get(f"/api/v1/locations/{location.id}").headers["ETag"]
    org_etag = client.get(f"/api/v1/organizations/{base.org_kaunas.id}").headers["ETag"]
    for who in (base.provider, base.coordinator):
        headers = auth.headers(who)
        assert (
            client.delete(
                f"/api/v1/locations/{location.id}", headers={**headers, "If-Match": loc_etag}
            ).status_code
            == 404
        )
        assert (
            client.delete(
                f"/api/v1/organizations/{base.org_kaunas.id}", headers={**headers, "If-Match": org_etag}
            ).status_code
            == 404
        )
    assert client.get(f"/api/v1/locations/{uuid.uuid4()}").status_code == 404
    assert client.get(f"/api/v1/organizations/{uuid.uuid4()}").status_code == 404
    # The Kaunas coordinator removes the organisation; its services become tombstones.
    kaunas = auth.headers(base.coordinator_kaunas)
    gone = client.delete(
        f"/api/v1/organizations/{base.org_kaunas.id}", headers={**kaunas, "If-Match": org_etag}
    )
    assert gone.status_code == 204
    assert client.get(f"/api/v1/organizations/{base.org_kaunas.id}").status_code == 404


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


def test_partner_machine_client_writes_its_organisations_services(client, base, auth, make_service) -> None:
    sync = base.clients["ngo_sync"]
    created = client.post("/api/v1/services", json=NEW_SERVICE, headers=auth.headers(sync))
    assert created.status_code == 201, created.text
    assert created.json()["organization_id"] == str(base.org.id)
    theirs = make_service(base.org_kaunas)
    etag = client.get(f"/api/v1/services/{theirs.id}").headers["ETag"]
    refused = client.patch(
        f"/api/v1/services/{theirs.id}",
        json={"capacity": 2},
        headers={**auth.headers(sync), "If-Match": etag},
    )
    assert refused.status_code == 404
