"""Locations and organisations: confidential addresses, changes, another tenant's record is 404."""

from __future__ import annotations

import json
import uuid

import pytest

from api.directory.models import Location, ServiceAtLocation
from tests.directory.conftest import NEW_SERVICE


@pytest.fixture
def shelter(db, base, make_service):
    location = Location(
        organization_id=base.org.id,
        municipality_id=base.municipality.id,
        name={"lt": "Krizių centras"},
        address="Slapta g. 13",
        city="Vilnius",
        latitude=54.7123456789,
        longitude=25.2987654321,
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
            # Coordinates with more decimals than any timestamp, so only a leak can match them.
            assert (
                "Slapta" not in export.text
                and "54.712345" not in export.text
                and "25.298765" not in export.text
            )
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
