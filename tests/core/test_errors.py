"""Every error is RFC 9457 problem+json; bad input is a 4xx, never a 500."""

from __future__ import annotations

import pytest

PROBLEM = "application/problem+json"


def assert_problem(response, status: int) -> dict:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith(PROBLEM)
    body = response.json()
    assert body["status"] == status
    assert body["title"]
    assert "type" in body
    return body


def test_unknown_route_is_problem(client):
    assert_problem(client.get("/api/v1/no-such-thing"), 404)


def test_method_not_allowed_is_problem(client):
    assert_problem(client.delete("/api/v1/municipalities"), 405)


def test_bad_json_is_400(client, auth, base):
    r = client.post(
        "/api/v1/users",
        content=b'{"email": ',
        headers=auth.headers(base.admin, **{"content-type": "application/json"}),
    )
    body = assert_problem(r, 400)
    assert body["errors"][0]["type"] == "json_invalid"


def test_wrong_types_and_missing_fields_list_every_error(client, auth, base):
    r = client.post("/api/v1/users", json={"email": 5, "role": "king"}, headers=auth.headers(base.admin))
    body = assert_problem(r, 422)
    locs = {tuple(e["loc"]) for e in body["errors"]}
    assert ("body", "email") in locs
    assert ("body", "role") in locs
    assert ("body", "password") in locs


def test_unknown_fields_are_refused(client, auth, base):
    r = client.patch(
        "/api/v1/me",
        json={"display_name": "X", "role": "admin"},
        headers=auth.headers(base.resident, **{"If-Match": "*"}),
    )
    body = assert_problem(r, 422)
    assert any(e["type"] == "extra_forbidden" for e in body["errors"])


def test_bad_query_parameter_is_422(client):
    body = assert_problem(client.get("/api/v1/municipalities?limit=1000"), 422)
    assert body["errors"][0]["loc"] == ["query", "limit"]


def test_oversized_body_is_413(client, auth, base):
    r = client.post(
        "/api/v1/users",
        content=b"[" + b"1," * 600_000 + b"1]",
        headers=auth.headers(base.admin, **{"content-type": "application/json"}),
    )
    assert_problem(r, 413)


def test_oversized_streamed_body_is_413(client, auth, base):
    def chunks():
        for _ in range(40):
            yield b"x" * 50_000

    r = client.post(
        "/api/v1/users",
        content=chunks(),
        headers=auth.headers(base.admin, **{"content-type": "application/json"}),
    )
    assert_problem(r, 413)


def test_invalid_cursor_is_400(client):
    body = assert_problem(client.get("/api/v1/municipalities?cursor=not-a-cursor"), 400)
    assert body["type"].endswith("invalid-cursor")


@pytest.mark.parametrize("lang", ["xx", "LT1"])
def test_unknown_language_is_422(client, lang):
    assert_problem(client.get(f"/api/v1/municipalities?lang={lang}"), 422)


def test_request_id_is_returned_and_kept(client):
    r = client.get("/healthz", headers={"X-Request-ID": "abc12345-request"})
    assert r.headers["x-request-id"] == "abc12345-request"
    r = client.get("/healthz", headers={"X-Request-ID": "bad id with spaces"})
    assert r.headers["x-request-id"] != "bad id with spaces"
    assert len(r.headers["x-request-id"]) == 32


def test_security_headers(client):
    r = client.get("/healthz")
    assert r.headers["x-content-type-options"] == "nosniff"
    assert "frame-ancestors 'none'" in r.headers["content-security-policy"]


def test_values_the_database_refuses_are_422(client, auth, base, dialect):
    # A NUL character passes JSON and pydantic; SQLite stores it, PostgreSQL text cannot hold it.
    h = auth.headers(base.resident)
    etag = client.get("/api/v1/me", headers=h).headers["etag"]
    r = client.patch("/api/v1/me", json={"display_name": "Nul\u0000Name"}, headers={**h, "If-Match": etag})
    q = client.get("/api/v1/municipalities?county=ka%00unas")
    if dialect == "postgresql":
        assert_problem(r, 422)
        assert_problem(q, 422)
    else:
        assert r.status_code == 200
        assert q.status_code == 200 and q.json()["items"] == []
