"""Changing a definition claims its version: one If-Match wins once, a missing one is 428."""

from __future__ import annotations

URL = "/api/v1/indicators/returnees_arrived"


def test_the_same_if_match_wins_once(client, auth, base):
    h = auth.headers(base.analyst)
    r = client.get(URL, headers=h)
    assert r.status_code == 200, r.text
    etag, version = r.headers["etag"], r.json()["version"]
    answers = [
        client.patch(URL, json={"note": f"edit {i}"}, headers={**h, "If-Match": etag}).status_code
        for i in range(20)
    ]
    assert answers.count(200) == 1 and answers.count(412) == 19
    after = client.get(URL, headers=h).json()
    assert (after["version"], after["note"]) == (version + 1, "edit 0")


def test_changes_without_if_match_are_refused(client, auth, base):
    h = auth.headers(base.analyst)
    assert client.patch(URL, json={"note": "x"}, headers=h).status_code == 428
    assert client.delete(URL, headers=h).status_code == 428
    r = client.delete(URL, headers={**h, "If-Match": '"v999"'})
    assert r.status_code == 412
    assert r.headers["content-type"].startswith("application/problem+json")
