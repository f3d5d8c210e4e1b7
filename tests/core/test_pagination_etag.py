from __future__ import annotations

import pytest

from api.core.etag import entity_etag, none_match
from api.core.pagination import decode_cursor, encode_cursor


def test_walk_all_municipalities_with_cursor_and_link(client):
    seen: list[str] = []
    url = "/api/v1/municipalities?limit=7"
    pages = 0
    while url:
        r = client.get(url)
        assert r.status_code == 200
        body = r.json()
        seen += [m["slug"] for m in body["items"]]
        pages += 1
        link = r.headers.get("link")
        if body["next_cursor"]:
            assert link and 'rel="next"' in link
            url = link.split(";")[0].strip("<>").replace("http://testserver", "")
        else:
            assert link is None
            url = ""
    assert len(seen) == 60 == len(set(seen))
    assert seen == sorted(seen)
    assert pages == 9


def test_cursor_is_bound_to_its_sort():
    cursor = encode_cursor("email", ["a@b.c"])
    assert decode_cursor(cursor, "email", 1) == ["a@b.c"]
    with pytest.raises(Exception, match="cursor"):
        decode_cursor(cursor, "created_at", 1)


def test_list_etag_and_304(client):
    r = client.get("/api/v1/municipalities?county=kaunas")
    etag = r.headers["etag"]
    assert etag.startswith('W/"')
    r2 = client.get("/api/v1/municipalities?county=kaunas", headers={"If-None-Match": etag})
    assert r2.status_code == 304
    assert r2.content == b""
    assert r2.headers["etag"] == etag
    r3 = client.get("/api/v1/municipalities?county=vilnius", headers={"If-None-Match": etag})
    assert r3.status_code == 200


def test_entity_etag_if_match(client, auth, base):
    h = auth.headers(base.resident2)
    r = client.get("/api/v1/me", headers=h)
    etag = r.headers["etag"]
    assert client.get("/api/v1/me", headers={**h, "If-None-Match": etag}).status_code == 304
    # No If-Match: 428. Stale If-Match: 412. Current: 200 and a new ETag.
    assert client.patch("/api/v1/me", json={"display_name": "A"}, headers=h).status_code == 428
    assert (
        client.patch(
            "/api/v1/me", json={"display_name": "A"}, headers={**h, "If-Match": '"v999"'}
        ).status_code
        == 412
    )
    ok = client.patch("/api/v1/me", json={"display_name": "A"}, headers={**h, "If-Match": etag})
    assert ok.status_code == 200
    assert ok.headers["etag"] != etag
    again = client.patch("/api/v1/me", json={"display_name": "B"}, headers={**h, "If-Match": etag})
    assert again.status_code == 412
    assert again.json()["current_etag"] == ok.headers["etag"]


def test_etag_helpers():
    assert entity_etag(3) == '"v3"'
    assert none_match('W/"v3", "v4"', '"v4"')
    assert none_match("*", '"v1"')
    assert not none_match(None, '"v1"')
