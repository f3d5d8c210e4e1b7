"""Token handling: every forged, expired, misdirected or misused token is a 401."""

from __future__ import annotations

import base64
import json
import time
from datetime import UTC, datetime, timedelta

import pytest
from jose import jwt

from api.core.security import encode_token


def _login(client, email, password="correct-horse-battery", **extra):
    return client.post(
        "/api/v1/auth/token",
        data={"grant_type": "password", "username": email, "password": password, **extra},
    )


def _b64(data: dict) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).decode().rstrip("=")


def _claims(settings, base, **over):
    now = int(time.time())
    claims = {
        "iss": settings.jwt_issuer,
        "aud": settings.jwt_audience,
        "sub": f"user:{base.admin.id}",
        "iat": now,
        "exp": now + 600,
        "jti": "x" * 32,
        "typ": "access",
        "scope": "profile users:manage",
    }
    claims.update(over)
    return {k: v for k, v in claims.items() if v is not None}


def _me(client, token):
    return client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})


def test_password_login_and_me(client, base):
    r = _login(client, base.coordinator.email)
    assert r.status_code == 200
    assert r.headers["cache-control"] == "no-store"
    body = r.json()
    assert body["token_type"] == "Bearer" and body["refresh_token"]
    assert "migrants:read" in body["scope"].split()
    me = _me(client, body["access_token"])
    assert me.status_code == 200
    assert me.json()["email"] == base.coordinator.email
    assert me.json()["municipality"] == "vilniaus-m"


def test_wrong_password_is_invalid_grant(client, base):
    r = _login(client, base.coordinator.email, "wrong-password-123")
    assert r.status_code == 400
    assert r.headers["content-type"].startswith("application/problem+json")
    assert r.json()["error"] == "invalid_grant"
    assert _login(client, "nobody@nowhere.lt", "whatever-password").json()["error"] == "invalid_grant"


def test_narrowed_scope_and_unknown_scope(client, base):
    r = _login(client, base.coordinator.email, scope="profile")
    assert r.json()["scope"] == "profile"
    token = r.json()["access_token"]
    assert client.get("/api/v1/users", headers={"Authorization": f"Bearer {token}"}).status_code == 403
    r = _login(client, base.resident.email, scope="users:manage")
    assert r.status_code == 400 and r.json()["error"] == "invalid_scope"


def test_alg_none_is_refused(client, settings, base):
    token = _b64({"alg": "none", "typ": "JWT"}) + "." + _b64(_claims(settings, base)) + "."
    assert _me(client, token).status_code == 401


def test_wrong_key_is_refused(client, settings, base):
    token = jwt.encode(_claims(settings, base), "another-secret-key-0123456789-abcdefghij", algorithm="HS256")
    assert _me(client, token).status_code == 401


def test_other_hmac_algorithm_is_refused(client, settings, base):
    token = jwt.encode(_claims(settings, base), settings.secret_key, algorithm="HS512")
    assert _me(client, token).status_code == 401


def test_expired_is_refused(client, settings, base):
    past = datetime.now(UTC) - timedelta(hours=2)
    token, _ = encode_token(
        settings, subject=f"user:{base.admin.id}", typ="access", scopes=["profile"], now=past
    )
    r = _me(client, token)
    assert r.status_code == 401
    assert 'error="invalid_token"' in r.headers["www-authenticate"]


@pytest.mark.parametrize("claim", ["aud", "iss"])
def test_wrong_audience_or_issuer_is_refused(client, settings, base, claim):
    token = jwt.encode(
        _claims(settings, base, **{claim: "https://evil.example"}), settings.secret_key, algorithm="HS256"
    )
    assert _me(client, token).status_code == 401


@pytest.mark.parametrize("claim", ["exp", "iat", "jti", "sub", "typ", "aud", "iss"])
def test_missing_required_claim_is_refused(client, settings, base, claim):
    token = jwt.encode(_claims(settings, base, **{claim: None}), settings.secret_key, algorithm="HS256")
    assert _me(client, token).status_code == 401


def test_refresh_token_is_not_an_access_token(client, base):
    refresh = _login(client, base.resident.email).json()["refresh_token"]
    assert _me(client, refresh).status_code == 401


def test_access_token_is_not_a_refresh_token(client, base):
    access = _login(client, base.resident.email).json()["access_token"]
    r = client.post("/api/v1/auth/token", data={"grant_type": "refresh_token", "refresh_token": access})
    assert r.status_code == 400 and r.json()["error"] == "invalid_grant"


def test_refresh_rotation_and_reuse_revokes_the_family(client, base):
    first = _login(client, base.resident.email).json()
    second = client.post(
        "/api/v1/auth/token", data={"grant_type": "refresh_token", "refresh_token": first["refresh_token"]}
    )
    assert second.status_code == 200
    third_refresh = second.json()["refresh_token"]
    # The first refresh token again: refused, and the whole family ends with it.
    reuse = client.post(
        "/api/v1/auth/token", data={"grant_type": "refresh_token", "refresh_token": first["refresh_token"]}
    )
    assert reuse.status_code == 400
    r = client.post(
        "/api/v1/auth/token", data={"grant_type": "refresh_token", "refresh_token": third_refresh}
    )
    assert r.status_code == 400, "a reused refresh token must revoke the tokens issued after it"


def test_logout_revokes_access_and_refresh(client, base):
    tokens = _login(client, base.resident2.email).json()
    h = {"Authorization": f"Bearer {tokens['access_token']}"}
    assert (
        client.post(
            "/api/v1/auth/logout", json={"refresh_token": tokens["refresh_token"]}, headers=h
        ).status_code
        == 204
    )
    assert _me(client, tokens["access_token"]).status_code == 401
    r = client.post(
        "/api/v1/auth/token", data={"grant_type": "refresh_token", "refresh_token": tokens["refresh_token"]}
    )
    assert r.status_code == 400


def test_deactivated_account_token_stops_working(client, auth, base, db):
    from api.accounts.models import User

    token = auth.token(base.expert2)
    user = db.get(User, base.expert2.id)
    user.is_active = False
    db.flush()
    assert _me(client, token).status_code == 401


def test_password_hashes_are_argon2id(db, base):
    from api.accounts.models import User

    stored = db.get(User, base.admin.id)
    assert stored.password_hash.startswith("$argon2id$v=19$m=19456,t=2,p=1$")


def test_client_credentials(client, base):
    secret = base.client_secrets["intake_vilnius"]
    r = client.post(
        "/api/v1/auth/token",
        data={
            "grant_type": "client_credentials",
            "client_id": "lgc_test_intake_vilnius",
            "client_secret": secret,
        },
    )
    assert r.status_code == 200
    assert r.json()["scope"] == "migrants:intake"
    assert "refresh_token" not in r.json()
    basic = base64.b64encode(f"lgc_test_intake_vilnius:{secret}".encode()).decode()
    r = client.post(
        "/api/v1/auth/token",
        data={"grant_type": "client_credentials"},
        headers={"Authorization": f"Basic {basic}"},
    )
    assert r.status_code == 200
    bad = client.post(
        "/api/v1/auth/token",
        data={
            "grant_type": "client_credentials",
            "client_id": "lgc_test_intake_vilnius",
            "client_secret": "nope",
        },
    )
    assert bad.status_code == 401 and bad.json()["error"] == "invalid_client"
    # A machine client has no /me.
    assert _me(client, r.json()["access_token"]).status_code == 403


def test_unsupported_grant_type_is_4xx(client):
    r = client.post("/api/v1/auth/token", data={"grant_type": "implicit"})
    assert r.status_code == 422
