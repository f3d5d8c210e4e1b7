"""Registering and cancelling check in the same order as before they ran in one worker thread: a
missing or bad token is 401 before the body is validated; then 422, 403, 404, a revoked token 401."""

from __future__ import annotations

import uuid

from tests.core.test_errors import assert_problem
from tests.events.conftest import V
from tests.token_checks import refused_before_the_body, revoked_headers


def _problem(r, status):
    assert_problem(r, status)
    return r


def test_registration_checks_come_in_order(app, client, auth, base, make_event, people, db):
    e = make_event()
    (person,) = people(1)
    path = f"{V}/events/{e['id']}/registration"
    bad = {"answers": "not an object"}
    refused_before_the_body(client, path, bad)
    _problem(client.post(path, json=bad, headers=auth.headers(person)), 422)
    _problem(client.post(path, json={}, headers=auth.headers(base.clients["stats"])), 403)
    missing = f"{V}/events/{uuid.uuid4()}/registration"
    _problem(client.post(missing, json={}, headers=auth.headers(person)), 404)
    _problem(client.delete(missing, headers=auth.headers(person)), 404)
    _problem(client.delete(path), 401)
    revoked = revoked_headers(app, db, auth, person)
    r = _problem(client.post(path, json={}, headers=revoked), 401)
    assert "revoked" in r.json()["detail"]
    made = client.post(path, json={}, headers=auth.headers(person))
    assert made.status_code == 201 and made.json()["status"] == "confirmed"
    assert client.post(path, json={}, headers=auth.headers(person)).status_code == 409
    assert client.delete(path, headers=auth.headers(person)).status_code == 204
