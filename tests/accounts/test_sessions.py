"""Sessions that should end, end (issue 10, item 3): a reused refresh token ends its family's access
tokens at once; a password change ends every other session of the account; an admin's reset or a
deactivation ends them all."""

from __future__ import annotations

from typing import Any

PASSWORD = "correct-horse-battery"


def _login(client: Any, email: str, password: str = PASSWORD) -> dict[str, Any]:
    r = client.post(
        "/api/v1/auth/token", data={"grant_type": "password", "username": email, "password": password}
    )
    assert r.status_code == 200, r.text
    return dict(r.json())


def _refresh(client: Any, refresh_token: str) -> Any:
    return client.post(
        "/api/v1/auth/token", data={"grant_type": "refresh_token", "refresh_token": refresh_token}
    )


def _me(client: Any, access: str) -> Any:
    return client.get("/api/v1/me", headers={"Authorization": f"Bearer {access}"})


def test_reused_refresh_token_ends_the_family_access_tokens(client: Any, base: Any) -> None:
    first = _login(client, base.resident.email)
    rotated = _refresh(client, first["refresh_token"])
    assert rotated.status_code == 200
    second = rotated.json()
    assert _me(client, second["access_token"]).status_code == 200
    # The old refresh token again: a thief or a replay. The family ends, access tokens included.
    reuse = _refresh(client, first["refresh_token"])
    assert reuse.status_code == 400
    assert _me(client, second["access_token"]).status_code == 401
    assert _me(client, first["access_token"]).status_code == 401
    assert _refresh(client, second["refresh_token"]).status_code == 400


def test_other_sessions_survive_a_reuse_in_one_family(client: Any, base: Any) -> None:
    laptop = _login(client, base.resident.email)
    phone = _login(client, base.resident.email)
    _refresh(client, laptop["refresh_token"])
    _refresh(client, laptop["refresh_token"])  # reuse ends the laptop's family only
    assert _me(client, phone["access_token"]).status_code == 200


def test_password_change_ends_every_other_session(client: Any, base: Any) -> None:
    email = base.expert.email
    other = _login(client, email)
    mine = _login(client, email)
    me = _me(client, mine["access_token"])
    changed = client.patch(
        "/api/v1/me",
        json={"password": "a-new-password-2026", "current_password": PASSWORD},
        headers={"Authorization": f"Bearer {mine['access_token']}", "If-Match": me.headers["etag"]},
    )
    assert changed.status_code == 200, changed.text
    try:
        assert _me(client, other["access_token"]).status_code == 401
        assert _refresh(client, other["refresh_token"]).status_code == 400
        # The session that changed the password goes on.
        assert _me(client, mine["access_token"]).status_code == 200
        assert _refresh(client, mine["refresh_token"]).status_code == 200
    finally:
        me = _me(client, mine["access_token"])
        client.patch(
            "/api/v1/me",
            json={"password": PASSWORD, "current_password": "a-new-password-2026"},
            headers={"Authorization": f"Bearer {mine['access_token']}", "If-Match": me.headers["etag"]},
        )


def test_admin_password_reset_ends_every_session(client: Any, auth: Any, base: Any) -> None:
    session = _login(client, base.provider.email)
    admin = auth.headers(base.admin)
    url = f"/api/v1/users/{base.provider.id}"
    etag = client.get(url, headers=admin).headers["etag"]
    r = client.patch(url, json={"password": "reset-by-admin-2026"}, headers={**admin, "If-Match": etag})
    assert r.status_code == 200, r.text
    try:
        assert _me(client, session["access_token"]).status_code == 401
        assert _refresh(client, session["refresh_token"]).status_code == 400
    finally:
        etag = client.get(url, headers=admin).headers["etag"]
        client.patch(url, json={"password": PASSWORD}, headers={**admin, "If-Match": etag})


def test_logout_ends_the_family_access_tokens(client: Any, base: Any) -> None:
    first = _login(client, base.analyst.email)
    second = _refresh(client, first["refresh_token"]).json()
    r = client.post(
        "/api/v1/auth/logout",
        json={"refresh_token": second["refresh_token"]},
        headers={"Authorization": f"Bearer {second['access_token']}"},
    )
    assert r.status_code == 204
    assert _me(client, second["access_token"]).status_code == 401
    assert _me(client, first["access_token"]).status_code == 401
