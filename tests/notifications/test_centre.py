"""The notification centre: listing, unread count, marking, preferences, mail and the digest."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlmodel import select

from api.core.models import OutboxMessage
from api.notifications import mail
from api.notifications.logic import notify, notify_many
from api.notifications.models import Notification
from tests.notifications.conftest import V, drain

TITLE = {"lt": "Labas", "en": "Hello", "uk": "Привіт", "ru": "Привет"}


def _send(db, users, kind="idea_state", title=TITLE):
    return notify_many(db, user_ids=[u.id for u in users], kind=kind, title_translations=title, link="/ideas")


def test_list_pages_unread_filter_mark_and_read_all(client, auth, db, people) -> None:
    (me,) = people(1)
    (other,) = people(1)
    for i in range(3):
        notify(db, user_id=me.id, kind="idea_state", title_translations={"lt": f"N{i}", "en": f"E{i}"})
    theirs = notify(db, user_id=other.id, kind="idea_state", title_translations=TITLE)
    db.flush()
    h = auth.headers(me)
    first = client.get(f"{V}/notifications?limit=2&lang=en", headers=h)
    assert first.status_code == 200 and first.headers["cache-control"] == "no-store"
    body = first.json()
    assert [n["title"] for n in body["items"]] == ["E2", "E1"] and body["next_cursor"]
    rest = client.get(f"{V}/notifications", params={"limit": 2, "cursor": body["next_cursor"]}, headers=h)
    assert [n["title"] for n in rest.json()["items"]] == ["N0"]
    assert client.get(f"{V}/notifications/summary", headers=h).json() == {"unread": 3}
    nid = body["items"][0]["id"]
    marked = client.post(f"{V}/notifications/{nid}/read", headers=h)
    assert marked.status_code == 200 and marked.json()["read"] is True
    unread = client.get(f"{V}/notifications?unread=true", headers=h).json()["items"]
    assert nid not in {n["id"] for n in unread} and len(unread) == 2
    # Someone else's notification does not exist for me.
    assert client.post(f"{V}/notifications/{theirs.id}/read", headers=h).status_code == 404
    assert client.post(f"{V}/notifications/read-all", headers=h).json() == {"updated": 2}
    assert client.get(f"{V}/notifications/summary", headers=h).json() == {"unread": 0}
    assert client.get(f"{V}/notifications/summary", headers=auth.headers(other)).json() == {"unread": 1}
    assert client.get(f"{V}/notifications?unread=maybe", headers=h).status_code == 422
    assert client.get(f"{V}/notifications").status_code == 401


def test_preferences_read_update_and_validation(client, auth, people) -> None:
    (me,) = people(1)
    h = auth.headers(me)
    r = client.get(f"{V}/notifications/preferences?lang=uk", headers=h)
    assert r.status_code == 200 and r.headers["cache-control"] == "no-store"
    body = r.json()
    assert body["channels"] == ["in_app", "email", "digest", "off"]
    kinds = {p["kind"]: p for p in body["items"]}
    assert kinds["referral_new"] == {"kind": "referral_new", "label": "Нове направлення", "channel": "in_app"}
    r = client.put(
        f"{V}/notifications/preferences",
        json={"channels": {"referral_new": "email", "idea_state": "off"}},
        headers=h,
    )
    assert r.status_code == 200
    got = {p["kind"]: p["channel"] for p in r.json()["items"]}
    assert got["referral_new"] == "email" and got["idea_state"] == "off" and got["event_reminder"] == "in_app"
    r = client.put(f"{V}/notifications/preferences", json={"channels": {"referral_new": "digest"}}, headers=h)
    assert {p["kind"]: p["channel"] for p in r.json()["items"]}["referral_new"] == "digest"
    bad = client.put(f"{V}/notifications/preferences", json={"channels": {"nope": "email"}}, headers=h)
    assert bad.status_code == 422 and bad.headers["content-type"].startswith("application/problem+json")
    assert bad.json()["errors"][0]["loc"] == ["body", "channels", "nope"]
    bad = client.put(f"{V}/notifications/preferences", json={"channels": {"idea_state": "pigeon"}}, headers=h)
    assert bad.status_code == 422
    assert client.put(f"{V}/notifications/preferences", json={"x": 1}, headers=h).status_code == 422


def test_channels_decide_delivery_off_creates_nothing(client, auth, db, people, job_runtime) -> None:
    a, b, c, d = people(4, lang="ru")
    for who, channel in ((b, "email"), (c, "digest"), (d, "off")):
        r = client.put(
            f"{V}/notifications/preferences",
            json={"channels": {"idea_state": channel}},
            headers=auth.headers(who),
        )
        assert r.status_code == 200
    assert _send(db, [a, b, c, d]) == 3
    rows = {
        n.user_id: n for n in db.exec(select(Notification).where(Notification.kind == "idea_state")).all()
    }
    assert d.id not in rows
    assert {rows[a.id].delivery, rows[b.id].delivery, rows[c.id].delivery} == {"in_app", "email", "digest"}
    assert notify(db, user_id=d.id, kind="idea_state", title_translations=TITLE) is None


def test_email_channel_writes_one_mail_in_the_recipients_language(db, people, job_runtime) -> None:
    from api.core.actor import Actor
    from api.notifications.preferences.logic import update

    (uk,) = people(1, lang="uk")
    (en,) = people(1, lang="en")
    for who in (uk, en):
        update(db, actor=Actor(kind="user", id=who.id, role="resident"), channels={"idea_state": "email"})
    _send(db, [uk, en])
    db.commit()  # the savepoint: the mail task is enqueued after it
    assert job_runtime.huey.pending_count() == 1
    drain(job_runtime)
    mails = {
        m.recipient: m
        for m in db.exec(select(OutboxMessage).where(OutboxMessage.kind == "notification")).all()
    }
    assert mails[uk.email].subject == "Привіт" and mails[en.email].subject == "Hello"
    assert "/#/ideas" in mails[uk.email].body and "Відкрити в Langelis" in mails[uk.email].body
    # Composed once: a second run writes nothing new.
    assert mail.compose(db, datetime.now(UTC)) == 0


def test_daily_digest_groups_per_person(db, people, job_runtime) -> None:
    from api.core.actor import Actor
    from api.notifications.preferences.logic import update

    a, b = people(2, lang="lt")
    for who in (a, b):
        update(
            db,
            actor=Actor(kind="user", id=who.id, role="resident"),
            channels={"idea_state": "digest", "idea_answer": "digest"},
        )
    _send(db, [a, b])
    _send(db, [a], kind="idea_answer", title={"lt": "Atsakymas", "en": "Answer"})
    db.flush()
    assert mail.digest_now(db, datetime.now(UTC)) == 2
    digests = {
        m.recipient: m
        for m in db.exec(select(OutboxMessage).where(OutboxMessage.kind == "notification_digest")).all()
    }
    assert digests[a.email].subject == "Langelis: 2 naujų pranešimų"
    assert "Labas" in digests[a.email].body and "Atsakymas" in digests[a.email].body
    assert digests[b.email].subject == "Langelis: 1 naujų pranešimų"
    assert mail.digest(db, datetime.now(UTC)) == 0
