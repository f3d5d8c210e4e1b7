"""Registering and cancelling check in the same order as before they ran in one worker thread: a
missing or bad token is 401 before the body is validated; then 422, 403, 404, a revoked token 401."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from api.accounts.models import RevokedToken
from api.core.security import decode_token
from tests.events.conftest import V


def _problem(r, status):
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/problem+json")
    return r


def test_registration_checks_come_in_order(app, client, auth, base, make_event, people, db):
    e = make_event()
    (person,) = people(1)
    path = f"{V}/events/{e['id']}/registration"
    bad = {"answers": "not an object"}
    r = _problem(client.post(path, json=bad), 401)
    assert r.headers["WWW-Authenticate"] == 'Bearer realm="langelis"'
    r = _problem(client.post(path, json=bad, headers={"Authorization": "Bearer not-a-token"}), 401)
    assert 'error="invalid_token"' in r.headers["WWW-Authenticate"]
    _problem(client.post(path, json=bad, headers=auth.headers(person)), 422)
    _problem(client.post(path, json={}, headers=auth.headers(base.clients["stats"])), 403)
    missing = f"{V}/events/{uuid.uuid4()}/registration"
    _problem(client.post(missing, json={}, headers=auth.headers(person)), 404)
    _problem(client.delete(missing, headers=auth.headers(person)), 404)
    _problem(client.delete(path), 401)
    token = auth.token(person)
    db.add(
        RevokedToken(
            jti=decode_token(app.state.settings, token, expected="access").jti,
            expires_at=datetime.now(UTC) + timedelta(hours=1),
        )
    )
    db.flush()
    r = _problem(client.post(path, json={}, headers={"Authorization": f"Bearer {token}"}), 401)
    assert "revoked" in r.json()["detail"]
    made = client.post(path, json={}, headers=auth.headers(person))
    assert made.status_code == 201 and made.json()["status"] == "confirmed"
    assert client.post(path, json={}, headers=auth.headers(person)).status_code == 409
    assert client.delete(path, headers=auth.headers(person)).status_code == 204
