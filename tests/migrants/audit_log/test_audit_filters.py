"""`GET /audit`: every filter it declares narrows the answer (AND), dates are ISO 8601 only."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest


@pytest.fixture
def audited(client, auth, base, register):
    """A person registered, read and rectified by the Vilnius coordinator: several entries."""
    person = register()
    h = auth.headers(base.coordinator)
    got = client.get(f"/api/v1/migrants/{person['id']}", headers=h)
    client.patch(
        f"/api/v1/migrants/{person['id']}",
        json={"phone": "+370 600 11111"},
        headers={**h, "If-Match": got.headers["etag"]},
    )
    client.get(f"/api/v1/migrants/{person['id']}/consents", headers=h)
    return person


def _items(client, auth, base, **params):
    r = client.get("/api/v1/audit", params={"limit": 100, **params}, headers=auth.headers(base.coordinator))
    assert r.status_code == 200, r.text
    return r.json()["items"]


def test_each_filter_narrows(client, auth, base, audited):
    pid = audited["id"]
    everything = _items(client, auth, base, subject=pid)
    assert {e["action"] for e in everything} >= {"create", "read", "update", "read_consents"}
    assert all(e["subject_id"] == pid for e in everything)

    for action in ("read", "update", "read_consents"):
        found = _items(client, auth, base, subject=pid, action=action)
        assert found and {e["action"] for e in found} == {action}

    cases = _items(client, auth, base, subject=pid, record_type="migrant_case")
    assert cases and {e["record_type"] for e in cases} == {"migrant_case"}

    one = _items(client, auth, base, record_id=pid)
    assert one and {e["record_id"] for e in one} == {pid}

    mine = _items(client, auth, base, subject=pid, actor=str(base.coordinator.id))
    assert len(mine) == len(everything)
    assert _items(client, auth, base, subject=pid, actor="someone-else") == []

    purposes = {e["purpose"] for e in everything}
    assert "case_management" in purposes
    by_purpose = _items(client, auth, base, subject=pid, purpose="case_management")
    assert by_purpose and {e["purpose"] for e in by_purpose} == {"case_management"}
    assert _items(client, auth, base, subject=pid, purpose="statistics") == []


def test_time_window(client, auth, base, audited):
    pid = audited["id"]
    now = datetime.now(UTC)
    everything = _items(client, auth, base, subject=pid)
    earlier = (now - timedelta(hours=1)).isoformat()
    later = (now + timedelta(hours=1)).isoformat()
    assert len(_items(client, auth, base, subject=pid, **{"from": earlier})) == len(everything)
    assert _items(client, auth, base, subject=pid, **{"from": later}) == []
    assert _items(client, auth, base, subject=pid, to=earlier) == []
    assert len(_items(client, auth, base, subject=pid, to=later)) == len(everything)
    # A date alone is midnight UTC; a number is not a time.
    today = now.date().isoformat()
    assert len(_items(client, auth, base, subject=pid, **{"from": today})) == len(everything)
    h = auth.headers(base.coordinator)
    assert client.get("/api/v1/audit", params={"from": "0.5"}, headers=h).status_code == 422
    assert client.get("/api/v1/audit", params={"to": "1700000000"}, headers=h).status_code == 422


def test_filters_survive_paging(client, auth, base, audited):
    pid = audited["id"]
    h = auth.headers(base.coordinator)
    first = client.get(
        "/api/v1/audit", params={"subject": pid, "action": "read", "limit": 1}, headers=h
    ).json()
    seen = list(first["items"])
    cursor = first["next_cursor"]
    while cursor:
        page = client.get(
            "/api/v1/audit",
            params={"subject": pid, "action": "read", "limit": 1, "cursor": cursor},
            headers=h,
        ).json()
        seen += page["items"]
        cursor = page["next_cursor"]
    assert seen and {e["action"] for e in seen} == {"read"}
