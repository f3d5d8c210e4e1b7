"""Commenting checks in the same order as before it ran in one worker thread: a missing or bad token
is 401 before the body is validated; then 422, 403, 404, a revoked token 401, and the rate limit."""

from __future__ import annotations

import uuid

from tests.core.test_errors import assert_problem
from tests.ideas.conftest import V
from tests.token_checks import refused_before_the_body, revoked_headers


def _problem(r, status):
    assert_problem(r, status)
    return r


def test_comment_checks_come_in_order(app, client, auth, base, make_idea, db):
    idea = make_idea(base.resident)
    path = f"{V}/ideas/{idea['id']}/comments"
    bad = {"body": ""}
    refused_before_the_body(client, path, bad)
    _problem(client.post(path, json=bad, headers=auth.headers(base.resident2)), 422)
    _problem(client.post(path, json={"body": "Gerai"}, headers=auth.headers(base.clients["stats"])), 403)
    _problem(
        client.post(
            f"{V}/ideas/{uuid.uuid4()}/comments", json={"body": "x"}, headers=auth.headers(base.resident2)
        ),
        404,
    )
    # A token revoked since it was issued (never checked before, so not remembered).
    revoked = revoked_headers(app, db, auth, base.resident2)
    r = _problem(client.post(path, json={"body": "x"}, headers=revoked), 401)
    assert "revoked" in r.json()["detail"]
    made = client.post(path, json={"body": "Puiki mintis"}, headers=auth.headers(base.resident2))
    assert made.status_code == 201 and made.json()["body"] == "Puiki mintis" and made.headers["ETag"]
