"""Commenting checks in the same order as before it ran in one worker thread: a missing or bad token
is 401 before the body is validated; then 422, 403, 404, a revoked token 401, and the rate limit."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from api.accounts.models import RevokedToken
from api.core.security import decode_token
from tests.ideas.conftest import V


def _problem(r, status):
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/problem+json")
    return r


def test_comment_checks_come_in_order(app, client, auth, base, make_idea, db):
    idea = make_idea(base.resident)
    path = f"{V}/ideas/{idea['id']}/comments"
    bad = {"body": ""}
    r = _problem(client.post(path, json=bad), 401)
    assert r.headers["WWW-Authenticate"] == 'Bearer realm="langelis"'
    r = _problem(client.post(path, json=bad, headers={"Authorization": "Bearer not-a-token"}), 401)
    assert 'error="invalid_token"' in r.headers["WWW-Authenticate"]
    _problem(client.post(path, json=bad, headers=auth.headers(base.resident2)), 422)
    _problem(client.post(path, json={"body": "Gerai"}, headers=auth.headers(base.clients["stats"])), 403)
    _problem(
        client.post(
            f"{V}/ideas/{uuid.uuid4()}/comments", json={"body": "x"}, headers=auth.headers(base.resident2)
        ),
        404,
    )
    # A token revoked since it was issued (never checked before, so not remembered).
    token = auth.token(base.resident2)
    db.add(
        RevokedToken(
            jti=decode_token(app.state.settings, token, expected="access").jti,
            expires_at=datetime.now(UTC) + timedelta(hours=1),
        )
    )
    db.flush()
    r = _problem(client.post(path, json={"body": "x"}, headers={"Authorization": f"Bearer {token}"}), 401)
    assert "revoked" in r.json()["detail"]
    made = client.post(path, json={"body": "Puiki mintis"}, headers=auth.headers(base.resident2))
    assert made.status_code == 201 and made.json()["body"] == "Puiki mintis" and made.headers["ETag"]
