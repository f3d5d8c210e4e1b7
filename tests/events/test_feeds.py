"""iCalendar output, parsed back with the icalendar library; the private feed's token."""

from __future__ import annotations

from datetime import UTC, datetime

from icalendar import Calendar

from tests.events.conftest import V


def _parse(r) -> Calendar:
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("text/calendar")
    return Calendar.from_ical(r.content)


def test_event_ics_keeps_the_rrule_and_the_zone(client, make_event):
    start = datetime(2026, 12, 26, 16, 0, tzinfo=UTC)
    e = make_event(
        title={"lt": "Diasporos susitikimas", "en": "Diaspora gathering"},
        starts_at=start,
        rrule="FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=26",
        address="Gedimino pr. 1, Vilnius",
    )
    cal = _parse(client.get(f"/api/v1/events/{e['id']}.ics", headers={"Accept-Language": "en"}))
    (ev,) = cal.walk("VEVENT")
    assert str(ev["summary"]) == "Diaspora gathering"
    assert ev["rrule"]["FREQ"] == ["YEARLY"] and ev["rrule"]["BYMONTHDAY"] == [26]
    assert ev.decoded("dtstart").hour == 18 and str(ev.decoded("dtstart").tzinfo) == "Europe/Vilnius"
    assert [tz["tzid"] for tz in cal.walk("VTIMEZONE")] == ["Europe/Vilnius"]
    assert cal["version"] == "2.0" and cal["prodid"]


def test_municipality_and_organiser_feeds(client, make_event, base):
    e = make_event()
    k = make_event(base.coordinator_kaunas, municipality="kauno-m")
    uids = {
        str(v["uid"])
        for v in _parse(client.get(f"{V}/event-feeds/municipalities/vilniaus-m.ics")).walk("VEVENT")
    }
    assert f"{e['id']}@langelis" in uids and f"{k['id']}@langelis" not in uids
    mine = _parse(client.get(f"{V}/event-feeds/organisers/{base.coordinator_kaunas.id}.ics")).walk("VEVENT")
    assert f"{k['id']}@langelis" in {str(v["uid"]) for v in mine}
    assert client.get(f"{V}/event-feeds/municipalities/nowhere.ics").status_code in (404, 422)


def test_private_feed_token_shows_my_registrations_and_can_be_revoked(client, auth, make_event, people):
    e = make_event(online_url="https://meet.example.org/abc")
    other = make_event()
    (a,) = people(1)
    client.post(f"{V}/events/{e['id']}/registration", json={}, headers=auth.headers(a))
    assert client.post(f"{V}/me/event-feed").status_code == 401
    url = client.post(f"{V}/me/event-feed", headers=auth.headers(a)).json()["url"]
    r = client.get(url)
    assert r.headers["cache-control"] == "no-store"
    events = _parse(r).walk("VEVENT")
    assert [str(v["uid"]) for v in events] == [f"{e['id']}@langelis"]
    assert str(events[0]["location"]) == "https://meet.example.org/abc"
    assert f"{other['id']}@langelis" not in r.text
    new = client.post(f"{V}/me/event-feed", headers=auth.headers(a)).json()["url"]
    assert client.get(url).status_code == 404 and client.get(new).status_code == 200
    assert client.delete(f"{V}/me/event-feed", headers=auth.headers(a)).status_code == 204
    assert client.get(new).status_code == 404
