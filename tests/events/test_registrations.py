"""Registration: capacity, waitlist, promotion once, answers, attendance, CSV, messages, reminders."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

from sqlmodel import select

from api.events.notices import send_reminders
from tests.events.conftest import V


def _notes(db, user, kind):
    from api.notifications.models import Notification

    return db.exec(
        select(Notification).where(Notification.user_id == user.id, Notification.kind == kind)
    ).all()


def test_capacity_waitlist_and_promotion(client, auth, make_event, people, db):
    e = make_event(capacity=2, online_url="https://meet.example.org/x", questions=["Diet?"])
    a, b, c, d = people(4)
    path = f"{V}/events/{e['id']}/registration"
    states = [
        client.post(path, json={"answers": {"Diet?": "vegan"}}, headers=auth.headers(p)).json()["status"]
        for p in (a, b, c, d)
    ]
    assert states == ["confirmed", "confirmed", "waitlisted", "waitlisted"]
    assert client.post(path, json={}, headers=auth.headers(a)).status_code == 409
    # Only registered people see the online link.
    assert client.get(f"{V}/events/{e['id']}", headers=auth.headers(a)).json()["online_url"]
    assert client.get(f"{V}/events/{e['id']}", headers=auth.headers(c)).json()["online_url"] is None
    assert client.get(f"{V}/events/{e['id']}").json()["online_url"] is None
    assert client.delete(path, headers=auth.headers(a)).status_code == 204
    assert (
        client.get(f"{V}/events/{e['id']}", headers=auth.headers(c)).json()["my_registration"] == "confirmed"
    )
    assert (
        client.get(f"{V}/events/{e['id']}", headers=auth.headers(d)).json()["my_registration"] == "waitlisted"
    )
    assert client.get(f"{V}/events/{e['id']}").json()["confirmed_count"] == 2
    assert len(_notes(db, c, "event_promoted")) == 1 and len(_notes(db, d, "event_waitlisted")) == 1
    # A waitlisted person leaving frees no seat.
    assert client.delete(path, headers=auth.headers(d)).status_code == 204
    assert client.get(f"{V}/events/{e['id']}").json()["confirmed_count"] == 2
    assert client.delete(path, headers=auth.headers(d)).status_code == 404


def test_organisers_see_registrations_mark_attendance_export_and_message(
    client, auth, base, make_event, people, db
):
    e = make_event(questions=["Diet?"])
    a, b = people(2)
    for p in (a, b):
        client.post(
            f"{V}/events/{e['id']}/registration", json={"answers": {"Diet?": "none"}}, headers=auth.headers(p)
        )
    h = auth.headers(base.coordinator)
    regs = client.get(f"{V}/events/{e['id']}/registrations", headers=h).json()["items"]
    assert {r["user_id"] for r in regs} == {str(a.id), str(b.id)}
    assert client.get(f"{V}/events/{e['id']}/registrations", headers=auth.headers(a)).status_code == 404
    r = client.put(
        f"{V}/events/{e['id']}/registrations/{regs[0]['id']}/attendance", json={"attended": True}, headers=h
    )
    assert r.status_code == 200 and r.json()["attended"] is True
    out = client.get(f"{V}/events/{e['id']}/registrations.csv", headers=h)
    assert out.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(out.text)))
    assert (
        len(rows) == 2 and {r["Diet?"] for r in rows} == {"none"} and "True" in {r["attended"] for r in rows}
    )
    sent = client.post(
        f"{V}/events/{e['id']}/messages",
        json={"text": {"lt": "Atsineškite batus", "en": "Bring shoes"}},
        headers=h,
    )
    assert sent.json() == {"recipients": 2}
    assert len(_notes(db, a, "event_message")) == 1


def test_cancelling_notifies_registrants_and_blocks_registration(client, auth, base, make_event, people, db):
    e = make_event()
    (a,) = people(1)
    client.post(f"{V}/events/{e['id']}/registration", json={}, headers=auth.headers(a))
    r = client.post(
        f"{V}/events/{e['id']}/cancel",
        headers=auth.headers(base.coordinator, **{"If-Match": f'"v{e["version"]}"'}),
    )
    assert r.status_code == 200 and r.json()["status"] == "cancelled"
    assert len(_notes(db, a, "event_cancelled")) == 1
    (b,) = people(1)
    assert (
        client.post(f"{V}/events/{e['id']}/registration", json={}, headers=auth.headers(b)).status_code == 409
    )


def test_reminders_the_day_before_once(client, auth, make_event, people, db):
    from api.core.db import utcnow

    e = make_event(starts_at=utcnow() + timedelta(hours=20))
    (a,) = people(1)
    client.post(f"{V}/events/{e['id']}/registration", json={}, headers=auth.headers(a))
    now = utcnow()
    assert send_reminders(db, now) >= 1
    send_reminders(db, now + timedelta(minutes=5))
    assert len(_notes(db, a, "event_reminder")) == 1
