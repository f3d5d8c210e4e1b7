"""Changing services: sync with tombstones, If-Match, who may change what, verifying, bodies, idempotency."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

from tests.directory.conftest import NEW_SERVICE, ids


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
    assert str(doomed.id) not in ids(client.get("/api/v1/services", params={"q": "Trinama"}))


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
    assert ids(client.get("/api/v1/services", params={"q": marker, "stale": "true"})) == {str(old.id)}
    verified = client.post(f"/api/v1/services/{old.id}/verify", headers=auth.headers(base.coordinator))
    assert verified.status_code == 200, verified.text
    assert verified.json()["assured_date"] == date.today().isoformat()
    assert verified.json()["assured_by"] == str(base.coordinator.id)
    assert ids(client.get("/api/v1/services", params={"q": marker, "stale": "true"})) == set()


def test_verify_checks_if_match_only_when_sent(client, base, auth, make_service) -> None:
    service = make_service()
    headers = auth.headers(base.coordinator)
    url = f"/api/v1/services/{service.id}/verify"
    stale = client.post(url, headers={**headers, "If-Match": '"v99"'})
    assert stale.status_code == 412
    read = client.get(f"/api/v1/services/{service.id}")
    fresh = client.post(url, headers={**headers, "If-Match": read.headers["ETag"]})
    assert fresh.status_code == 200, fresh.text
    assert fresh.json()["version"] == read.json()["version"] + 1
    again = client.post(url, headers=headers)
    assert again.status_code == 200
    assert again.json()["version"] == read.json()["version"] + 2


def test_deleting_an_organisation_tombstones_its_services(client, base, auth, make_org, make_service) -> None:
    org = make_org()
    service = make_service(org)
    before = client.get(f"/api/v1/services/{service.id}").json()["version"]
    etag = client.get(f"/api/v1/organizations/{org.id}").headers["ETag"]
    gone = client.delete(
        f"/api/v1/organizations/{org.id}", headers={**auth.headers(base.coordinator), "If-Match": etag}
    )
    assert gone.status_code == 204, gone.text
    assert client.get(f"/api/v1/services/{service.id}").status_code == 404
    synced = client.get(
        "/api/v1/services", params={"modified_after": "2000-01-01T00:00:00Z", "organization": str(org.id)}
    )
    assert synced.json()["items"] == [
        {
            "id": str(service.id),
            "deleted": True,
            "deleted_at": synced.json()["items"][0]["deleted_at"],
            "last_modified": synced.json()["items"][0]["last_modified"],
        }
    ]
    assert before == 1


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


def test_create_is_idempotent_with_a_key(client, base, auth, marker) -> None:
    headers = {**auth.headers(base.provider), "Idempotency-Key": f"key-{marker}"}
    body = {**NEW_SERVICE, "name": {"lt": f"Vienas {marker}"}}
    first = client.post("/api/v1/services", json=body, headers=headers)
    again = client.post("/api/v1/services", json=body, headers=headers)
    assert first.status_code == again.status_code == 201
    assert first.json()["id"] == again.json()["id"]
    assert len(ids(client.get("/api/v1/services", params={"q": marker}))) == 1


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
