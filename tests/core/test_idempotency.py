from __future__ import annotations

import uuid


def _new_user(n: str) -> dict:
    return {
        "email": f"idem-{n}@test.langelis.lt",
        "password": "long-enough-password",
        "display_name": "Idem",
        "role": "resident",
    }


def test_same_key_same_body_replays_first_answer(client, auth, base):
    key = str(uuid.uuid4())
    h = auth.headers(base.admin, **{"Idempotency-Key": key})
    body = _new_user(key[:8])
    first = client.post("/api/v1/users", json=body, headers=h)
    assert first.status_code == 201
    second = client.post("/api/v1/users", json=body, headers=h)
    assert second.status_code == 201
    assert second.json() == first.json()
    assert second.headers["idempotent-replayed"] == "true"
    listed = client.get(f"/api/v1/users?q=idem-{key[:8]}", headers=auth.headers(base.admin)).json()["items"]
    assert len(listed) == 1


def test_same_key_other_body_is_422(client, auth, base):
    key = str(uuid.uuid4())
    h = auth.headers(base.admin, **{"Idempotency-Key": key})
    assert client.post("/api/v1/users", json=_new_user("a" + key[:6]), headers=h).status_code == 201
    r = client.post("/api/v1/users", json=_new_user("b" + key[:6]), headers=h)
    assert r.status_code == 422
    assert r.json()["type"].endswith("idempotency-key-reused")


def test_keys_belong_to_their_caller(client, auth, base):
    key = str(uuid.uuid4())
    body = {"email": "x"}  # invalid on purpose: a 422 answer is remembered too
    r1 = client.post("/api/v1/users", json=body, headers=auth.headers(base.admin, **{"Idempotency-Key": key}))
    r2 = client.post(
        "/api/v1/users", json=body, headers=auth.headers(base.coordinator, **{"Idempotency-Key": key})
    )
    assert r1.status_code == 422
    assert r2.status_code == 422
    assert "idempotent-replayed" not in r2.headers


def test_bad_key_is_400(client, auth, base):
    r = client.post(
        "/api/v1/users", json={}, headers=auth.headers(base.admin, **{"Idempotency-Key": "x" * 300})
    )
    assert r.status_code == 400
