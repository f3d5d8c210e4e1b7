"""Anyone may say a service's listing is wrong; its owner sees it in a queue and handles it."""

from __future__ import annotations

import uuid


def _suggest(client, service_id, **body):
    payload = {"kind": "hours", "message": "Open on Tuesdays until 19:00, not 17:00.", **body}
    return client.post(
        f"/api/v1/services/{service_id}/corrections", json=payload, headers={"Accept-Language": "uk"}
    )


def test_a_newcomer_suggests_a_correction_and_the_provider_handles_it(client, auth, base, make_service):
    service = make_service(name={"lt": "Teisinė pagalba", "uk": "Юридична допомога"})
    sent = _suggest(client, service.id, contact="olena@example.org")
    assert sent.status_code == 202, sent.text
    assert sent.json()["status"] == "open"
    queue = client.get("/api/v1/service-corrections", headers=auth.headers(base.provider))
    assert queue.status_code == 200 and queue.headers["cache-control"] == "no-store"
    (item,) = [i for i in queue.json()["items"] if i["id"] == sent.json()["id"]]
    assert (
        item["service_name"] == "Teisinė pagalba"
        and item["lang"] == "uk"
        and item["contact"] == "olena@example.org"
    )
    done = client.post(
        f"/api/v1/service-corrections/{item['id']}/decision",
        json={"status": "resolved", "note": "Hours fixed"},
        headers=auth.headers(base.provider),
    )
    assert done.status_code == 200 and done.json()["status"] == "resolved"
    # The sender's contact is not kept once the correction is handled.
    assert done.json()["contact"] is None
    again = client.post(
        f"/api/v1/service-corrections/{item['id']}/decision",
        json={"status": "dismissed"},
        headers=auth.headers(base.provider),
    )
    assert again.status_code == 409
    handled = client.get(
        "/api/v1/service-corrections", params={"status": "resolved"}, headers=auth.headers(base.provider)
    )
    assert item["id"] in {i["id"] for i in handled.json()["items"]}
    assert item["id"] not in {
        i["id"]
        for i in client.get("/api/v1/service-corrections", headers=auth.headers(base.provider)).json()[
            "items"
        ]
    }


def test_only_the_owner_and_the_municipality_see_a_correction(client, auth, base, make_service):
    service = make_service()
    cid = _suggest(client, service.id).json()["id"]

    def sees(who) -> bool:
        items = client.get("/api/v1/service-corrections", headers=auth.headers(who)).json()["items"]
        return cid in {i["id"] for i in items}

    assert sees(base.provider) and sees(base.coordinator) and sees(base.admin)
    assert not sees(base.provider_kaunas) and not sees(base.coordinator_kaunas)
    r = client.post(
        f"/api/v1/service-corrections/{cid}/decision",
        json={"status": "dismissed"},
        headers=auth.headers(base.coordinator_kaunas),
    )
    assert r.status_code == 404
    assert client.get("/api/v1/service-corrections").status_code == 401
    assert client.get("/api/v1/service-corrections", headers=auth.headers(base.resident)).status_code == 403


def test_bad_input_and_unknown_services_are_refused(client, make_service):
    service = make_service()
    assert _suggest(client, uuid.uuid4()).status_code == 404
    for bad in (
        {"kind": "weather"},
        {"message": "x"},
        {"message": "y" * 2001},
        {"contact": "z" * 201},
        {"extra": 1},
    ):
        r = _suggest(client, service.id, **bad)
        assert r.status_code == 422, bad
        assert r.headers["content-type"].startswith("application/problem+json")


def test_corrections_are_rate_limited_per_service(client, make_service):
    service = make_service()
    answers = [_suggest(client, service.id).status_code for _ in range(4)]
    assert answers[:3] == [202, 202, 202] and answers[3] == 429


def test_the_owner_is_notified(client, auth, base, make_service):
    service = make_service(name={"lt": f"Paslauga {uuid.uuid4().hex[:6]}"})
    assert _suggest(client, service.id).status_code == 202

    def told(who) -> bool:
        items = client.get("/api/v1/notifications", headers=auth.headers(who)).json()["items"]
        return any(n["kind"] == "service_correction" and service.name["lt"] in n["title"] for n in items)

    assert told(base.provider) and told(base.coordinator)
    assert not told(base.provider_kaunas)


def test_each_correction_has_a_due_day_and_the_late_ones_come_first(db, client, auth, base, make_service):
    from datetime import date, timedelta

    from api.directory.models import ServiceCorrection

    service = make_service()
    closed = _suggest(client, service.id, kind="closed", message="The door is shut, moved away.").json()["id"]
    other = _suggest(client, service.id, kind="other", message="The photo is old.").json()["id"]
    h = auth.headers(base.coordinator)
    items = {
        i["id"]: i
        for i in client.get("/api/v1/service-corrections", params={"limit": 100}, headers=h).json()["items"]
    }
    today = date.today()
    assert date.fromisoformat(items[closed]["due_on"]) - today in (timedelta(days=3), timedelta(days=2))
    assert date.fromisoformat(items[other]["due_on"]) - today in (timedelta(days=14), timedelta(days=13))
    assert not items[closed]["overdue"]
    # A week later nobody has answered the closed one: it is overdue and heads the list.
    row = db.get(ServiceCorrection, uuid.UUID(closed))
    row.due_on = today - timedelta(days=1)
    db.flush()
    due = client.get("/api/v1/service-corrections", params={"sort": "due", "limit": 100}, headers=h).json()
    assert due["items"][0]["id"] == closed and due["items"][0]["overdue"] is True
    days = [i["due_on"] for i in due["items"]]
    assert days == sorted(days)
    late = client.get("/api/v1/service-corrections", params={"overdue": "true"}, headers=h).json()["items"]
    assert [i["id"] for i in late] == [closed]
    assert closed not in {
        i["id"]
        for i in client.get(
            "/api/v1/service-corrections", params={"overdue": "false", "limit": 100}, headers=h
        ).json()["items"]
    }
    # The provider who owns it sees the same in its own list; another municipality does not.
    own = client.get(
        "/api/v1/service-corrections", params={"overdue": "true"}, headers=auth.headers(base.provider)
    )
    assert [i["id"] for i in own.json()["items"]] == [closed]
    r = client.get("/api/v1/service-corrections", params={"sort": "soon"}, headers=h)
    assert r.status_code == 422
