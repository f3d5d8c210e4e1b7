"""Referrals: consent, the arrows, the provider inbox and what it shows, suggestions."""

from __future__ import annotations


def _refer(client, auth, base, person, service, **extra):
    body = {
        "person_id": person["id"],
        "service_id": str(service.id),
        "need": "language",
        "message": "Needs B1",
        **extra,
    }
    return client.post("/api/v1/referrals", json=body, headers=auth.headers(base.coordinator))


def _move(client, auth, who, url, status, reason=None):
    h = auth.headers(who)
    etag = client.get(url.replace("/transitions", ""), headers=h).headers["etag"]
    return client.post(url, json={"status": status, "reason": reason}, headers={**h, "If-Match": etag})


def test_referral_without_consent_is_409(client, auth, base, register, service):
    person = register(consents=["case_management"])
    r = _refer(client, auth, base, person, service)
    assert r.status_code == 409
    assert r.json()["type"].endswith("consent-required")
    assert "provider_sharing" in r.json()["detail"]
    proposed = _refer(client, auth, base, person, service, send=False)
    assert proposed.status_code == 201 and proposed.json()["status"] == "proposed"
    url = f"/api/v1/referrals/{proposed.json()['id']}/transitions"
    assert _move(client, auth, base.coordinator, url, "sent").status_code == 409


def test_full_life_of_a_referral(client, auth, base, register, service):
    person = register()
    r = _refer(client, auth, base, person, service)
    assert r.status_code == 201, r.text
    rid = r.json()["id"]
    assert r.json()["status"] == "sent" and r.json()["service"]["name"] == "Lietuvių kalbos kursai"
    inbox_url = f"/api/v1/referral-inbox/{rid}/transitions"
    # Not along the arrows: 409.
    assert _move(client, auth, base.provider, inbox_url, "completed").status_code == 409
    assert _move(client, auth, base.provider, inbox_url, "accepted").status_code == 200
    assert _move(client, auth, base.provider, inbox_url, "sent").status_code == 409
    assert _move(client, auth, base.provider, inbox_url, "in_progress").status_code == 200
    done = _move(client, auth, base.provider, inbox_url, "completed")
    assert done.status_code == 200 and done.json()["status"] == "completed" and done.json()["allowed"] == []
    # The coordinator cannot move what the provider moves, and nothing leaves "completed".
    coord_url = f"/api/v1/referrals/{rid}/transitions"
    assert _move(client, auth, base.coordinator, coord_url, "dropped", "x").status_code == 409
    timeline = client.get(
        f"/api/v1/cases/{person['open_case_id']}/timeline", headers=auth.headers(base.coordinator)
    ).json()["items"]
    assert {"referral_sent", "referral_accepted", "referral_in_progress", "referral_completed"} <= {
        e["kind"] for e in timeline
    }


def test_decline_needs_a_reason_and_if_match(client, auth, base, register, service):
    person = register()
    rid = _refer(client, auth, base, person, service).json()["id"]
    url = f"/api/v1/referral-inbox/{rid}/transitions"
    h = auth.headers(base.provider)
    assert client.post(url, json={"status": "declined", "reason": "full"}, headers=h).status_code == 428
    assert _move(client, auth, base.provider, url, "declined").status_code == 422
    r = _move(client, auth, base.provider, url, "declined", "The course is full until March.")
    assert r.status_code == 200 and r.json()["reason"].startswith("The course")


def test_provider_sees_only_its_referrals_and_only_allowed_fields(
    client, auth, base, register, service, make_service
):
    person = register()
    rid = _refer(client, auth, base, person, service).json()["id"]
    kaunas_service = make_service(base.org_kaunas, categories=["language"])
    other = _refer(client, auth, base, person, kaunas_service).json()["id"]
    inbox = client.get("/api/v1/referral-inbox", headers=auth.headers(base.provider))
    assert inbox.status_code == 200 and inbox.headers["cache-control"] == "no-store"
    items = inbox.json()["items"]
    assert [i["id"] for i in items] == [rid]
    item = items[0]
    assert set(item) == {
        "id",
        "status",
        "given_name",
        "family_name",
        "preferred_language",
        "email",
        "phone",
        "need",
        "need_name",
        "message",
        "reason",
        "service_id",
        "service_name",
        "sent_at",
        "updated_at",
        "allowed",
        "version",
    }
    text = inbox.text
    for secret in (
        "temporary_protection",
        "1988-04-12",
        "Marta",
        "UA",
        "housing",
        str(person["open_case_id"]),
    ):
        assert secret not in text
    assert (
        client.get(f"/api/v1/referral-inbox/{other}", headers=auth.headers(base.provider)).status_code == 404
    )
    kaunas = client.get("/api/v1/referral-inbox", headers=auth.headers(base.provider_kaunas)).json()["items"]
    assert [i["id"] for i in kaunas] == [other]
    # The organisation's machine client reads the same inbox.
    ngo = client.get("/api/v1/referral-inbox", headers=auth.headers(base.clients["ngo_sync"])).json()["items"]
    assert [i["id"] for i in ngo] == [rid]
    # A proposal is not shared.
    proposed = _refer(client, auth, base, person, service, send=False, need="community").json()["id"]
    assert (
        client.get(f"/api/v1/referral-inbox/{proposed}", headers=auth.headers(base.provider)).status_code
        == 404
    )


def test_withdrawal_stops_sharing_at_once(client, auth, base, register, service):
    person = register()
    rid = _refer(client, auth, base, person, service).json()["id"]
    h = auth.headers(base.coordinator)
    r = client.post(
        f"/api/v1/migrants/{person['id']}/consents",
        json={"purpose": "provider_sharing", "action": "withdraw"},
        headers=h,
    )
    assert r.status_code == 200
    sharing = next(c for c in r.json()["items"] if c["purpose"] == "provider_sharing")
    assert sharing["granted"] is False and sharing["withdrawn_at"]
    assert client.get("/api/v1/referral-inbox", headers=auth.headers(base.provider)).json()["items"] == []
    assert client.get(f"/api/v1/referral-inbox/{rid}", headers=auth.headers(base.provider)).status_code == 404
    assert _refer(client, auth, base, person, service, need="community").status_code == 409
    client.post(
        f"/api/v1/migrants/{person['id']}/consents",
        json={"purpose": "provider_sharing", "action": "grant"},
        headers=h,
    )
    assert [
        i["id"]
        for i in client.get("/api/v1/referral-inbox", headers=auth.headers(base.provider)).json()["items"]
    ] == [rid]


def test_referral_routes_are_tenant_bound(client, auth, base, register, service):
    person = register()
    rid = _refer(client, auth, base, person, service).json()["id"]
    for who in (base.coordinator_kaunas, base.provider_kaunas, base.resident):
        h = auth.headers(who, **{"If-Match": "*"})
        for method, url, body in [
            ("GET", f"/api/v1/referrals/{rid}", None),
            ("POST", f"/api/v1/referrals/{rid}/transitions", {"status": "dropped", "reason": "x"}),
            ("GET", f"/api/v1/referral-inbox/{rid}", None),
            ("POST", f"/api/v1/referral-inbox/{rid}/transitions", {"status": "accepted"}),
        ]:
            r = client.request(method, url, json=body, headers=h)
            assert r.status_code == 404, (who.email, url, r.status_code)
    r = client.post(
        "/api/v1/referrals",
        json={"person_id": person["id"], "service_id": str(service.id), "need": "language"},
        headers=auth.headers(base.coordinator_kaunas),
    )
    assert r.status_code == 404


def test_suggestions_match_need_language_and_status(client, auth, base, register, make_service):
    good = make_service(categories=["language"], languages=["uk"], name={"lt": "Kursai ukrainiečiams"})
    make_service(categories=["housing"], languages=["uk"])
    make_service(categories=["language"], languages=["lt"], eligible_statuses=["refugee"])
    person = register()
    r = client.get(
        f"/api/v1/migrants/{person['id']}/suggestions",
        params={"need": "language"},
        headers=auth.headers(base.coordinator),
    )
    assert r.status_code == 200
    ids = [s["service_id"] for s in r.json()["items"]]
    assert ids[0] == str(good.id)
    assert r.json()["categories"] == ["language"]
    bad = client.get(
        f"/api/v1/migrants/{person['id']}/suggestions",
        params={"need": "nope"},
        headers=auth.headers(base.coordinator),
    )
    assert bad.status_code == 422


def test_provider_reads_and_moves_are_in_the_municipality_audit(client, auth, base, register, service):
    person = register()
    rid = _refer(client, auth, base, person, service).json()["id"]
    client.get("/api/v1/referral-inbox", headers=auth.headers(base.provider))
    _move(client, auth, base.provider, f"/api/v1/referral-inbox/{rid}/transitions", "accepted")
    entries = client.get(
        "/api/v1/audit", params={"record_id": rid, "limit": 100}, headers=auth.headers(base.coordinator)
    ).json()["items"]
    provider_entries = [e for e in entries if e["actor_role"] == "provider"]
    assert {e["action"] for e in provider_entries} >= {"list", "read", "move"}
    assert all(
        e["purpose"] == "provider_sharing" and e["subject_id"] == person["id"] for e in provider_entries
    )
    move = next(e for e in provider_entries if e["action"] == "move")
    assert move["details"] == {"from": "sent", "to": "accepted"}
