from __future__ import annotations


def _user(email, role="provider", **extra):
    return {"email": email, "password": "a-long-password-1", "display_name": "Staff", "role": role, **extra}


def test_coordinator_creates_provider_for_own_municipality(client, auth, base):
    h = auth.headers(base.coordinator)
    r = client.post(
        "/api/v1/users",
        json=_user("new.provider@test.langelis.lt", organization_id=str(base.org.id)),
        headers=h,
    )
    assert r.status_code == 201, r.text
    assert r.json()["municipality"] == "vilniaus-m"
    assert r.headers["location"].endswith(r.json()["id"])
    listed = client.get("/api/v1/users?role=provider", headers=h).json()["items"]
    emails = {u["email"] for u in listed}
    assert "new.provider@test.langelis.lt" in emails
    assert base.provider_kaunas.email not in emails


def test_coordinator_cannot_create_other_roles_or_other_municipality(client, auth, base):
    h = auth.headers(base.coordinator)
    assert (
        client.post(
            "/api/v1/users",
            json=_user("c1@test.langelis.lt", role="coordinator", municipality="vilniaus-m"),
            headers=h,
        ).status_code
        == 403
    )
    assert (
        client.post("/api/v1/users", json=_user("c2@test.langelis.lt", role="admin"), headers=h).status_code
        == 403
    )
    r = client.post(
        "/api/v1/users", json=_user("c3@test.langelis.lt", organization_id=str(base.org_kaunas.id)), headers=h
    )
    assert r.status_code == 422


def test_coordinator_cannot_change_provider_role(client, auth, base):
    h = auth.headers(base.coordinator)
    etag = client.get(f"/api/v1/users/{base.provider.id}", headers=h).headers["etag"]
    r = client.patch(
        f"/api/v1/users/{base.provider.id}", json={"role": "coordinator"}, headers={**h, "If-Match": etag}
    )
    assert r.status_code == 403
    r = client.patch(
        f"/api/v1/users/{base.provider.id}", json={"display_name": "Renamed"}, headers={**h, "If-Match": etag}
    )
    assert r.status_code == 200 and r.json()["display_name"] == "Renamed"


def test_admin_creates_each_role_with_its_placement(client, auth, base):
    h = auth.headers(base.admin)
    assert (
        client.post(
            "/api/v1/users", json=_user("k@test.langelis.lt", role="coordinator"), headers=h
        ).status_code
        == 422
    )
    r = client.post(
        "/api/v1/users",
        json=_user("k@test.langelis.lt", role="coordinator", municipality="kauno-m"),
        headers=h,
    )
    assert r.status_code == 201 and r.json()["municipality"] == "kauno-m"
    assert (
        client.post(
            "/api/v1/users",
            json=_user("k@test.langelis.lt", role="coordinator", municipality="kauno-m"),
            headers=h,
        ).status_code
        == 409
    )
    r = client.post("/api/v1/users", json=_user("a@test.langelis.lt", role="analyst"), headers=h)
    assert r.status_code == 201 and r.json()["municipality"] is None
    assert (
        client.post("/api/v1/users", json=_user("p@test.langelis.lt", role="provider"), headers=h).status_code
        == 422
    )
    r = client.post(
        "/api/v1/users",
        json=_user("x@test.langelis.lt", role="coordinator", municipality="nowhere"),
        headers=h,
    )
    assert r.status_code == 422
    assert r.json()["errors"][0]["loc"] == ["municipality"]


def test_admin_grants_special_category_scope(client, auth, base):
    h = auth.headers(base.admin)
    r = client.post(
        "/api/v1/users",
        json=_user(
            "s@test.langelis.lt",
            role="coordinator",
            municipality="vilniaus-m",
            extra_scopes=["migrants:special"],
        ),
        headers=h,
    )
    assert r.status_code == 201 and "migrants:special" in r.json()["scopes"]
    r = client.post(
        "/api/v1/users",
        json=_user("s2@test.langelis.lt", role="resident", extra_scopes=["migrants:special"]),
        headers=h,
    )
    assert r.status_code == 422


def test_deactivation_ends_sessions(client, auth, base):
    h = auth.headers(base.admin)
    created = client.post("/api/v1/users", json=_user("gone@test.langelis.lt", role="resident"), headers=h)
    user_id = created.json()["id"]
    tokens = client.post(
        "/api/v1/auth/token",
        data={"grant_type": "password", "username": "gone@test.langelis.lt", "password": "a-long-password-1"},
    ).json()
    assert client.delete(f"/api/v1/users/{user_id}", headers=h).status_code == 428
    r = client.delete(f"/api/v1/users/{user_id}", headers={**h, "If-Match": created.headers["etag"]})
    assert r.status_code == 204
    assert (
        client.get("/api/v1/me", headers={"Authorization": f"Bearer {tokens['access_token']}"}).status_code
        == 401
    )
    refresh = client.post(
        "/api/v1/auth/token", data={"grant_type": "refresh_token", "refresh_token": tokens["refresh_token"]}
    )
    assert refresh.status_code == 400


def test_admin_cannot_deactivate_self(client, auth, base):
    h = auth.headers(base.admin)
    r = client.delete(f"/api/v1/users/{base.admin.id}", headers={**h, "If-Match": "*"})
    assert r.status_code == 409


def test_machine_client_lifecycle(client, auth, base):
    h = auth.headers(base.admin)
    r = client.post(
        "/api/v1/clients",
        json={
            "name": "Vilnius residence register",
            "municipality": "vilniaus-m",
            "scopes": ["migrants:intake"],
        },
        headers=h,
    )
    assert r.status_code == 201
    created = r.json()
    assert created["client_secret"] and r.headers["cache-control"] == "no-store"
    token = client.post(
        "/api/v1/auth/token",
        data={
            "grant_type": "client_credentials",
            "client_id": created["client_id"],
            "client_secret": created["client_secret"],
        },
    )
    assert token.status_code == 200
    rotated = client.post(f"/api/v1/clients/{created['id']}/secret", headers=h).json()
    old = client.post(
        "/api/v1/auth/token",
        data={
            "grant_type": "client_credentials",
            "client_id": created["client_id"],
            "client_secret": created["client_secret"],
        },
    )
    assert old.status_code == 401
    new = client.post(
        "/api/v1/auth/token",
        data={
            "grant_type": "client_credentials",
            "client_id": created["client_id"],
            "client_secret": rotated["client_secret"],
        },
    )
    assert new.status_code == 200
    # An organisation's client cannot hold municipality-wide scopes.
    r = client.post(
        "/api/v1/clients",
        json={"name": "NGO", "organization_id": str(base.org.id), "scopes": ["migrants:intake"]},
        headers=h,
    )
    assert r.status_code == 422
    etag = client.get(f"/api/v1/clients/{created['id']}", headers=h).headers["etag"]
    assert (
        client.delete(f"/api/v1/clients/{created['id']}", headers={**h, "If-Match": etag}).status_code == 204
    )
    disabled = client.post(
        "/api/v1/auth/token",
        data={
            "grant_type": "client_credentials",
            "client_id": created["client_id"],
            "client_secret": rotated["client_secret"],
        },
    )
    assert disabled.status_code == 401


def test_me_update_and_password_change(client, auth, base):
    h = auth.headers(base.diaspora)
    etag = client.get("/api/v1/me", headers=h).headers["etag"]
    r = client.patch("/api/v1/me", json={"password": "new-password-123"}, headers={**h, "If-Match": etag})
    assert r.status_code == 422
    r = client.patch(
        "/api/v1/me",
        json={
            "password": "new-password-123",
            "current_password": base.password,
            "country": "ie",
            "preferred_language": "en",
        },
        headers={**h, "If-Match": etag},
    )
    assert r.status_code == 200
    assert r.json()["country"] == "IE" and r.json()["preferred_language"] == "en"
    login = client.post(
        "/api/v1/auth/token",
        data={"grant_type": "password", "username": base.diaspora.email, "password": "new-password-123"},
    )
    assert login.status_code == 200


def test_national_client_only_for_indicators(client, auth, base):
    h = auth.headers(base.admin)
    r = client.post(
        "/api/v1/clients", json={"name": "State Data Agency", "scopes": ["indicators:write"]}, headers=h
    )
    assert r.status_code == 201
    assert r.json()["municipality"] is None
    r = client.post("/api/v1/clients", json={"name": "Nowhere", "scopes": ["migrants:intake"]}, headers=h)
    assert r.status_code == 422
