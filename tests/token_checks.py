"""Shared checks of routes that refuse a bad token before reading the body (one-hop write routes)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from api.accounts.models import RevokedToken
from api.core.security import decode_token
from tests.core.test_errors import assert_problem


def refused_before_the_body(client: Any, path: str, bad_body: dict[str, Any]) -> None:
    """No token, or one that does not verify: 401 with its challenge, though the body is invalid too."""
    r = client.post(path, json=bad_body)
    assert_problem(r, 401)
    assert r.headers["WWW-Authenticate"] == 'Bearer realm="langelis"'
    r = client.post(path, json=bad_body, headers={"Authorization": "Bearer not-a-token"})
    assert_problem(r, 401)
    assert 'error="invalid_token"' in r.headers["WWW-Authenticate"]


def revoked_headers(app: Any, db: Any, auth: Any, who: Any) -> dict[str, str]:
    """A fresh token of ``who`` (never checked, so not remembered), revoked since it was issued."""
    token = auth.token(who)
    jti = decode_token(app.state.settings, token, expected="access").jti
    db.add(RevokedToken(jti=jti, expires_at=datetime.now(UTC) + timedelta(hours=1)))
    db.flush()
    return {"Authorization": f"Bearer {token}"}
