"""Events API: filters, pages, tenancy (404), permissions per role, changes with If-Match."""

from __future__ import annotations

import uuid
from datetime import timedelta

from tests.events.conftest import V, soon


def _ids(client, **params) -> list[str]:
    params.setdefault("from", soon(0, 0).isoformat())
    params.setdefault("to", soon(60, 0).isoformat())
    r = client.get(f"{V}/events", params=params)
    assert r.status_code == 200, r.text
    return [o["event_id"] for o in r.json()["items"]]


def test_each_filter_filters(client, make_event, base):
    tag = uuid.uuid4().hex[:8]
    a = make_event(
        title={"lt": f"Pokalbių klubas {tag}"}, kind="workshop", audience="diaspora", languages=["lt", "en"]
    )
    b = make_event(title={"lt": f"Festivalis {tag}"}, kind="intercultural", languages=["uk"])
    c = make_event(base.coordinator_kaunas, municipality="kauno-m", title={"lt": f"Kaunas {tag}"})
    assert set(_ids(client, q=tag)) == {a["id"], b["id"], c["id"]}
    assert set(_ids(client, q=tag, municipality="kauno-m")) == {c["id"]}
    assert set(_ids(client, q=tag, kind="workshop")) == {a["id"]}
    assert set(_ids(client, q=tag, audience="diaspora")) == {a["id"]}
    assert set(_ids(client, q=tag, language="uk")) == {b["id"]}
    assert set(_ids(client, q=f"festivalis {tag}")) == {b["id"]}
    assert _ids(client, q=tag, to=soon(1, 0).isoformat()) == []


def test_recurring_events_are_expanded_into_pages(client, make_event):
    tag = uuid.uuid4().hex[:8]
    e = make_event(title={"lt": f"Klubas {tag}"}, rrule="FREQ=WEEKLY;COUNT=5", starts_at=soon(1))
    seen, cursor = [], None
    while True:
        params = {"q": tag, "limit": 2, "from": soon(0, 0).isoformat(), "to": soon(60, 0).isoformat()}
        if cursor:
            params["cursor"] = cursor
        body = client.get(f"{V}/events", params=params).json()
        seen += [o["starts_at"] for o in body["items"]]
        assert all(o["event_id"] == e["id"] for o in body["items"])
        cursor = body["next_cursor"]
        if not cursor:
            break
    assert len(seen) == 5 and seen == sorted(seen) and len(set(seen)) == 5


def test_another_municipalitys_organiser_gets_404(client, auth, make_event, base):
    e = make_event()
    h = auth.headers(base.coordinator_kaunas, **{"If-Match": f'"v{e["version"]}"'})
    assert client.patch(f"{V}/events/{e['id']}", json={"cost": "5 €"}, headers=h).status_code == 404
    assert client.post(f"{V}/events/{e['id']}/cancel", headers=h).status_code == 404
    assert client.get(f"{V}/events/{e['id']}/registrations", headers=h).status_code == 404
    assert client.get(f"{V}/events/{e['id']}/registrations.csv", headers=h).status_code == 404


def test_permissions_per_role(client, auth, base, make_event):
    body = {
        "municipality": "vilniaus-m",
        "title": {"lt": "X"},
        "kind": "cultural",
        "starts_at": soon().isoformat(),
        "ends_at": (soon() + timedelta(hours=1)).isoformat(),
    }
    assert client.post(f"{V}/events", json=body).status_code == 401
    assert client.post(f"{V}/events", json=body, headers=auth.headers(base.resident)).status_code == 403
    assert (
        client.post(f"{V}/events", json=body, headers=auth.headers(base.coordinator_kaunas)).status_code
        == 403
    )
    made = client.post(f"{V}/events", json=body, headers=auth.headers(base.provider))
    assert made.status_code == 201
    # A provider manages their organisation's events, a coordinator all of their municipality's.
    h = {"If-Match": f'"v{made.json()["version"]}"'}
    assert (
        client.patch(
            f"{V}/events/{made.json()['id']}",
            json={"cost": "free"},
            headers=auth.headers(base.coordinator, **h),
        ).status_code
        == 200
    )
    other = make_event(base.coordinator)
    h2 = auth.headers(base.provider, **{"If-Match": f'"v{other["version"]}"'})
    assert client.patch(f"{V}/events/{other['id']}", json={"cost": "1"}, headers=h2).status_code == 404


def test_a_coordinator_grants_a_diaspora_group_the_organiser_role(client, auth, base):
    body = {
        "municipality": "vilniaus-m",
        "title": {"lt": "Kūčios"},
        "kind": "gathering",
        "starts_at": soon().isoformat(),
        "ends_at": (soon() + timedelta(hours=3)).isoformat(),
    }
    assert client.post(f"{V}/events", json=body, headers=auth.headers(base.diaspora)).status_code == 403
    assert (
        client.post(
            f"{V}/event-organisers",
            json={"user_id": str(base.diaspora.id), "group_name": "G"},
            headers=auth.headers(base.provider),
        ).status_code
        == 403
    )
    g = client.post(
        f"{V}/event-organisers",
        json={"user_id": str(base.diaspora.id), "group_name": "Airijos lietuviai"},
        headers=auth.headers(base.coordinator),
    )
    assert g.status_code == 201, g.text
    assert (
        client.get(f"{V}/event-organisers", headers=auth.headers(base.coordinator_kaunas)).json()["items"]
        == []
    )
    made = client.post(f"{V}/events", json=body, headers=auth.headers(base.diaspora))
    assert made.status_code == 201
    body["municipality"] = "kauno-m"
    assert client.post(f"{V}/events", json=body, headers=auth.headers(base.diaspora)).status_code == 403
    assert (
        client.delete(
            f"{V}/event-organisers/{g.json()['id']}", headers=auth.headers(base.coordinator_kaunas)
        ).status_code
        == 404
    )
    assert (
        client.delete(
            f"{V}/event-organisers/{g.json()['id']}", headers=auth.headers(base.coordinator)
        ).status_code
        == 204
    )


def test_changes_need_if_match_and_bad_input_is_422(client, auth, base, make_event):
    e = make_event()
    path = f"{V}/events/{e['id']}"
    assert client.patch(path, json={"cost": "2"}, headers=auth.headers(base.coordinator)).status_code == 428
    stale = auth.headers(base.coordinator, **{"If-Match": '"999"'})
    assert client.patch(path, json={"cost": "2"}, headers=stale).status_code == 412
    ok = auth.headers(base.coordinator, **{"If-Match": f'"v{e["version"]}"'})
    r = client.patch(path, json={"rrule": "FREQ=NEVER"}, headers=ok)
    assert r.status_code == 422
    r = client.patch(path, json={"timezone": "Mars/Olympus"}, headers=ok)
    assert r.status_code == 422
    r = client.patch(path, json={"cost": "3 €"}, headers=ok)
    assert r.status_code == 200 and r.json()["cost"] == "3 €"
    assert r.headers["ETag"].startswith(f'"v{e["version"] + 1}')


def test_reads_say_which_language_each_text_is_in_and_its_status(client, make_event):
    made = make_event(
        title={"lt": "Kalbos klubas", "uk": "Мовний клуб"},
        description={"lt": "Kalbamės lietuviškai"},
    )
    uk = client.get(f"{V}/events/{made['id']}", headers={"Accept-Language": "uk"})
    assert uk.status_code == 200, uk.text
    body = uk.json()
    assert body["title"] == "Мовний клуб" and body["description"] == "Kalbamės lietuviškai"
    # the description has no Ukrainian (nor English) text: the Lithuanian one is a fallback
    assert body["text_languages"] == {"title": "uk", "description": "lt"}
    listed = client.get(
        f"{V}/events", params={"q": "Kalbos klubas"}, headers={"Accept-Language": "uk"}
    ).json()
    found = [i["event"]["text_languages"] for i in listed["items"] if i["event"]["id"] == made["id"]]
    assert found == [body["text_languages"]]
    full = client.get(f"{V}/events/{made['id']}", params={"translations": "all"}).json()
    assert full["text_languages"] is None
    page = client.get(f"{V}/events", params={"q": "Kalbos klubas", "translations": "all"}).json()
    listed_status = [
        i["event"]["translation_status"] for i in page["items"] if i["event"]["id"] == made["id"]
    ]
    assert listed_status == [full["translation_status"]]
    assert full["translation_status"]["title"] == {
        "lt": "original",
        "en": "missing",
        "uk": "up_to_date",
        "ru": "missing",
    }


def test_past_one_off_events_leave_the_calendar_but_repeating_ones_stay(client, make_event):
    marker = f"Praeitis {uuid.uuid4().hex[:6]}"
    past = make_event(title={"lt": f"{marker} vienkartinis"}, starts_at=soon(days=-10))
    weekly = make_event(title={"lt": f"{marker} kas savaitę"}, starts_at=soon(days=-30), rrule="FREQ=WEEKLY")
    listed = client.get(f"{V}/events", params={"q": marker, "limit": 5}).json()["items"]
    ids = {i["event"]["id"] for i in listed}
    assert weekly["id"] in ids and past["id"] not in ids
    # Asked for the past, the one-off event is there.
    start = soon(days=-11).isoformat()
    back = client.get(f"{V}/events", params={"q": marker, "from": start, "to": soon(days=-9).isoformat()})
    assert past["id"] in {i["event"]["id"] for i in back.json()["items"]}
