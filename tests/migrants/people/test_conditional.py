"""If-Match writes are atomic claims: of two writers holding the same ETag only the first wins."""

from __future__ import annotations


def test_same_etag_twice_one_winner(client, auth, base, register):
    person = register()
    h = auth.headers(base.coordinator)
    etag = client.get(f"/api/v1/migrants/{person['id']}", headers=h).headers["etag"]
    url = f"/api/v1/migrants/{person['id']}"
    first = client.patch(url, json={"phone": "+370 600 22222"}, headers={**h, "If-Match": etag})
    second = client.patch(url, json={"phone": "+370 600 33333"}, headers={**h, "If-Match": etag})
    assert first.status_code == 200 and first.json()["version"] == person["version"] + 1
    assert second.status_code == 412
    assert client.patch(url, json={"phone": "+370 600 44444"}, headers=h).status_code == 428
    # Nothing changed: the version stays, a stale tag is still refused.
    fresh = client.get(url, headers=h)
    same = client.patch(
        url, json={"phone": "+370 600 22222"}, headers={**h, "If-Match": fresh.headers["etag"]}
    )
    assert same.status_code == 200 and same.json()["version"] == fresh.json()["version"]
    assert client.patch(url, json={}, headers={**h, "If-Match": etag}).status_code == 412


def test_case_and_need_claims(client, auth, base, register):
    person = register()
    h = auth.headers(base.coordinator)
    case = client.get(f"/api/v1/cases/{person['open_case_id']}", headers=h)
    etag = case.headers["etag"]
    need = case.json()["needs"][0]
    url = f"/api/v1/cases/{case.json()['id']}/needs/{need['id']}"
    need_tag = f'"v{need["version"]}"'
    assert (
        client.patch(url, json={"status": "in_progress"}, headers={**h, "If-Match": need_tag}).status_code
        == 200
    )
    assert client.patch(url, json={"status": "met"}, headers={**h, "If-Match": need_tag}).status_code == 412
    closed = client.patch(
        f"/api/v1/cases/{case.json()['id']}", json={"status": "closed"}, headers={**h, "If-Match": etag}
    )
    assert closed.status_code == 200 and closed.json()["version"] == case.json()["version"] + 1
    again = client.patch(
        f"/api/v1/cases/{case.json()['id']}", json={"status": "open"}, headers={**h, "If-Match": etag}
    )
    assert again.status_code == 412
