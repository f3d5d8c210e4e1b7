"""Webhook subscriptions through the API: who may subscribe to what, validation, tenancy."""

from __future__ import annotations

import pytest

V = "/api/v1/webhooks"


def test_the_catalogue_says_what_each_caller_may_subscribe_to(client, auth, base):
    def available(who):
        items = client.get(f"{V}/event-types", headers=auth.headers(who) if who else {}).json()["items"]
        return {i["name"]: i["available"] for i in items}

    coordinator, provider, anonymous = available(base.coordinator), available(base.provider), available(None)
    assert coordinator["transfer.requested"] and coordinator["referral.created"]
    assert provider["referral.status_changed"] and not provider["transfer.requested"]
    assert anonymous["service.created"] and not anonymous["referral.created"]
    assert "ping" not in coordinator


def test_create_shows_the_secret_once_and_reads_never(client, auth, base, subscribe):
    sub = subscribe(types=["service.created", "referral.status_changed"], description="CRM")
    assert sub["secret"].startswith("whsec_") and sub["owner"] == "municipality"
    assert sub["municipality"] == "vilniaus-m" and sub["status"] == "active"
    h = auth.headers(base.coordinator)
    one = client.get(f"{V}/{sub['id']}", headers=h)
    assert one.status_code == 200 and "secret" not in one.json()
    assert one.headers["cache-control"] == "no-store"
    assert sub["id"] in {s["id"] for s in client.get(V, headers=h).json()["items"]}
    rotated = client.post(f"{V}/{sub['id']}/rotate-secret", headers=h).json()["secret"]
    assert rotated.startswith("whsec_") and rotated != sub["secret"]


def test_owners_see_only_their_own_subscriptions(client, auth, base, subscribe, db):
    vilnius = subscribe(base.coordinator)
    ngo = subscribe(base.provider, types=["referral.created"])
    assert ngo["owner"] == "organization"
    for who, hidden in (
        (base.coordinator_kaunas, vilnius),
        (base.provider_kaunas, ngo),
        (base.provider, vilnius),
    ):
        h = auth.headers(who)
        assert client.get(f"{V}/{hidden['id']}", headers=h).status_code == 404
        assert client.delete(f"{V}/{hidden['id']}", headers=h).status_code == 404
        assert hidden["id"] not in {s["id"] for s in client.get(V, headers=h).json()["items"]}
    # The organisation's machine client shares the organisation's subscriptions.
    from api.accounts.models import MachineClient

    machine = db.get(MachineClient, base.clients["ngo_sync"].id)
    machine.scopes = [*machine.scopes, "webhooks:manage"]
    db.add(machine)
    db.flush()
    client_h = auth.headers(base.clients["ngo_sync"], ["webhooks:manage", "referrals:inbox"])
    assert client.get(f"{V}/{ngo['id']}", headers=client_h).status_code == 200
    everything = {
        s["id"]
        for s in client.get(V, headers=auth.headers(base.admin), params={"limit": 100}).json()["items"]
    }
    assert {vilnius["id"], ngo["id"]} <= everything


def test_people_without_the_scope_cannot_subscribe(client, auth, base):
    body = {"url": "https://partner.example.org/hook", "event_types": ["service.created"]}
    assert client.post(V, json=body).status_code == 401
    for who in (base.resident, base.analyst, base.expert):
        r = client.post(V, json=body, headers=auth.headers(who))
        assert r.status_code == 403 and r.headers["content-type"].startswith("application/problem+json")


@pytest.mark.parametrize(
    ("url", "field"),
    [
        ("http://partner.example.org/hook", "url"),
        ("https://localhost/hook", "url"),
        ("https://127.0.0.1/hook", "url"),
        ("https://10.1.2.3:8443/hook", "url"),
        ("https://[::1]/hook", "url"),
        ("https://user:pw@partner.example.org/hook", "url"),
        ("ftp://partner.example.org/x", "url"),
    ],
)
def test_endpoints_must_be_public_https(client, auth, base, url, field):
    r = client.post(
        V, json={"url": url, "event_types": ["service.created"]}, headers=auth.headers(base.coordinator)
    )
    assert r.status_code == 422, r.text
    assert r.headers["content-type"].startswith("application/problem+json")
    assert r.json()["errors"][0]["loc"] == ["body", field]


def test_event_types_and_municipalities_are_checked(client, auth, base):
    h = auth.headers(base.provider)
    url = "https://partner.example.org/hook"
    r = client.post(V, json={"url": url, "event_types": ["transfer.requested", "nope"]}, headers=h)
    assert r.status_code == 422
    assert [e["loc"] for e in r.json()["errors"]] == [["body", "event_types", 0], ["body", "event_types", 1]]
    r = client.post(
        V, json={"url": url, "event_types": ["service.created"], "municipalities": ["atlantis"]}, headers=h
    )
    assert r.status_code == 422 and "atlantis" in r.json()["errors"][0]["msg"]
    assert client.post(V, json={"url": url, "event_types": []}, headers=h).status_code == 422
    r = client.post(V, json={"url": url, "event_types": ["service.created"], "secret": "mine"}, headers=h)
    assert r.status_code == 422


def test_changes_need_if_match_and_pausing_works(client, auth, base, subscribe):
    sub = subscribe()
    h = auth.headers(base.coordinator)
    url = f"{V}/{sub['id']}"
    assert client.patch(url, json={"status": "paused"}, headers=h).status_code == 428
    etag = client.get(url, headers=h).headers["etag"]
    paused = client.patch(
        url, json={"status": "paused", "municipalities": ["kauno-m"]}, headers={**h, "If-Match": etag}
    )
    assert paused.status_code == 200, paused.text
    assert paused.json()["status"] == "paused" and paused.json()["municipalities"] == ["kauno-m"]
    assert client.patch(url, json={"status": "active"}, headers={**h, "If-Match": etag}).status_code == 412
    assert client.patch(url, json={"status": "disabled"}, headers={**h, "If-Match": "*"}).status_code == 422
    assert client.patch(url, json={"url": None}, headers={**h, "If-Match": "*"}).status_code == 422
    assert client.delete(url, headers=h).status_code == 204
    assert client.get(url, headers=h).status_code == 404


def test_changes_are_audited(client, auth, base, subscribe):
    sub = subscribe()
    h = auth.headers(base.coordinator)
    client.post(f"{V}/{sub['id']}/rotate-secret", headers=h)
    entries = client.get("/api/v1/audit", params={"record_id": sub["id"]}, headers=h)
    assert entries.status_code == 200, entries.text
    assert {"webhook.create", "webhook.rotate_secret"} <= {e["action"] for e in entries.json()["items"]}
