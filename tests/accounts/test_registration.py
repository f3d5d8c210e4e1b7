from __future__ import annotations

from sqlmodel import select

from api.core.models import OutboxMessage


def _register(client, email, **extra):
    body = {"email": email, "password": "a-long-password-1", "display_name": "Nauja Narė", **extra}
    return client.post("/api/v1/auth/register", json=body)


def _token_from_outbox(db, email):
    msg = db.exec(
        select(OutboxMessage).where(OutboxMessage.recipient == email, OutboxMessage.kind == "confirm_email")
    ).first()
    assert msg is not None
    return msg.payload["token"]


def test_register_confirm_login(client, db):
    email = "Nauja.Nare@Test.Langelis.lt"
    r = _register(client, email, role="expert", country="NO", preferred_language="en")
    assert r.status_code == 202
    login = {"grant_type": "password", "username": email.lower(), "password": "a-long-password-1"}
    refused = client.post("/api/v1/auth/token", data=login)
    assert refused.status_code == 400 and "Confirm" in refused.json()["detail"]
    token = _token_from_outbox(db, email.lower())
    confirmed = client.post("/api/v1/auth/confirm", json={"token": token})
    assert confirmed.status_code == 200
    assert confirmed.json()["role"] == "expert" and confirmed.json()["country"] == "NO"
    assert client.post("/api/v1/auth/confirm", json={"token": token}).status_code == 400
    ok = client.post("/api/v1/auth/token", data=login)
    assert ok.status_code == 200
    assert "experts:profile" in ok.json()["scope"]


def test_register_does_not_reveal_existing_accounts(client, base, db):
    r = _register(client, base.resident.email)
    assert r.status_code == 202
    kinds = [
        m.kind for m in db.exec(select(OutboxMessage).where(OutboxMessage.recipient == base.resident.email))
    ]
    assert kinds == ["account_exists"]


def test_register_refuses_staff_roles_and_weak_passwords(client):
    assert _register(client, "x1@test.langelis.lt", role="admin").status_code == 422
    assert _register(client, "x2@test.langelis.lt", role="coordinator").status_code == 422
    r = client.post(
        "/api/v1/auth/register",
        json={"email": "x3@test.langelis.lt", "password": "short", "display_name": "X"},
    )
    assert r.status_code == 422
    assert _register(client, "not-an-email").status_code == 422


def test_demo_outbox_only_in_demo_mode(client):
    assert client.get("/api/v1/auth/demo-outbox?email=a@b.lt").status_code == 404


def test_login_rate_limit_returns_429_with_retry_after(client, settings, base):
    original = settings.login_rate_limit
    settings.login_rate_limit = 3
    try:
        statuses = []
        for _ in range(5):
            r = client.post(
                "/api/v1/auth/token",
                data={
                    "grant_type": "password",
                    "username": "ratelimited@test.langelis.lt",
                    "password": "wrong-password",
                },
            )
            statuses.append(r.status_code)
        assert statuses[:3] == [400, 400, 400]
        assert statuses[3:] == [429, 429]
        assert int(r.headers["retry-after"]) > 0
        assert r.headers["content-type"].startswith("application/problem+json")
    finally:
        settings.login_rate_limit = original


def test_register_rate_limit(client, settings):
    original = settings.register_rate_limit
    settings.register_rate_limit = 2
    try:
        codes = [_register(client, f"rl{i}@test.langelis.lt").status_code for i in range(4)]
        assert codes[:2] == [202, 202] and codes[2:] == [429, 429]
    finally:
        settings.register_rate_limit = original
