"""Deliveries: what reaches a partner's endpoint, signed, for which changes, with retries."""

from __future__ import annotations

import json
import threading
import uuid
from datetime import timedelta

import pytest
from sqlmodel import Session, col, select

from api.core.db import utcnow
from api.webhooks import delivery, signing
from api.webhooks.models import WebhookDelivery, WebhookEvent, WebhookSubscription
from tests.directory.conftest import NEW_SERVICE

pytestmark = pytest.mark.usefixtures("allow_private")


def _service(client, auth, base, who=None):
    r = client.post("/api/v1/services", json=NEW_SERVICE, headers=auth.headers(who or base.provider))
    assert r.status_code == 201, r.text
    return r.json()


def _events(receiver):
    return [json.loads(r.body) for r in receiver.received]


def _senders_at_once(factory, *, senders: int = 4, limit: int) -> None:
    """``senders`` threads started together, each sending what is due in batches of ``limit``."""
    barrier = threading.Barrier(senders)
    errors: list[BaseException] = []

    def sender() -> None:
        try:
            barrier.wait()
            delivery.run(factory, allow_private=True, limit=limit)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=sender) for _ in range(senders)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []


def _forget(factory, sub_id, event_ids) -> None:
    with factory() as session:
        session.execute(WebhookDelivery.__table__.delete().where(WebhookDelivery.subscription_id == sub_id))
        session.execute(WebhookEvent.__table__.delete().where(col(WebhookEvent.id).in_(event_ids)))
        session.execute(WebhookSubscription.__table__.delete().where(WebhookSubscription.id == sub_id))
        session.commit()


def test_a_new_service_reaches_the_endpoint_signed(client, auth, base, subscribe, receiver, send):
    sub = subscribe(types=["service.created", "service.updated"], url=receiver.url)
    svc = _service(client, auth, base)
    assert send() == {"delivered": 1, "pending": 0, "failed": 0}
    (got,) = receiver.received
    body = json.loads(got.body)
    assert body["type"] == "service.created"
    assert body["data"]["id"] == svc["id"] and body["data"]["municipality"] == "vilniaus-m"
    assert body["data"]["url"] == f"/api/v1/services/{svc['id']}"
    ts = int(got.headers["webhook-timestamp"])
    assert abs(ts - utcnow().timestamp()) < 300
    assert signing.verify(
        sub["secret"], got.headers["webhook-id"], ts, got.body, got.headers["webhook-signature"]
    )
    assert not signing.verify(
        sub["secret"], got.headers["webhook-id"], ts, got.body + b" ", got.headers["webhook-signature"]
    )
    # An update names the fields that changed.
    h = auth.headers(base.provider)
    etag = client.get(f"/api/v1/services/{svc['id']}", headers=h).headers["etag"]
    r = client.patch(f"/api/v1/services/{svc['id']}", json={"level": "A2"}, headers={**h, "If-Match": etag})
    assert r.status_code == 200, r.text
    send()
    assert _events(receiver)[-1]["type"] == "service.updated" and _events(receiver)[-1]["data"][
        "changed"
    ] == ["level"]
    listed = client.get(
        f"/api/v1/webhooks/{sub['id']}/deliveries", headers=auth.headers(base.coordinator)
    ).json()
    assert [d["status"] for d in listed["items"]] == ["delivered", "delivered"]
    assert (
        listed["items"][0]["event_type"] == "service.updated"
        and listed["items"][0]["last_status_code"] == 204
    )


def test_filters_decide_who_hears_what(client, auth, base, subscribe, receiver, send):
    subscribe(types=["service.created"], url=receiver.url + "/kaunas-only", municipalities=["kauno-m"])
    subscribe(types=["service.deleted"], url=receiver.url + "/deletes")
    everywhere = subscribe(base.admin, types=["service.created"], url=receiver.url + "/national")
    assert everywhere["owner"] == "national"
    _service(client, auth, base)
    send()
    assert [r.path for r in receiver.received] == ["/hook/national"]


def test_referrals_reach_their_municipality_and_organisation_only(
    client, auth, base, subscribe, receiver, register, service, send
):
    types = ["referral.created", "referral.status_changed"]
    subscribe(base.coordinator, types=types, url=receiver.url + "/vilnius")
    subscribe(base.coordinator_kaunas, types=types, url=receiver.url + "/kaunas")
    subscribe(base.provider, types=types, url=receiver.url + "/ngo")
    subscribe(base.provider_kaunas, types=types, url=receiver.url + "/ngo-kaunas")
    # A service anyone hears of would not do: the provider may not subscribe to transfers.
    person = register()
    body = {"person_id": person["id"], "service_id": str(service.id), "need": "language", "send": False}
    r = client.post("/api/v1/referrals", json=body, headers=auth.headers(base.coordinator))
    assert r.status_code == 201, r.text
    send()
    # A proposal not yet sent is the municipality's own business.
    assert [x.path for x in receiver.received] == ["/hook/vilnius"]
    rid = r.json()["id"]
    h = auth.headers(base.coordinator)
    etag = client.get(f"/api/v1/referrals/{rid}", headers=h).headers["etag"]
    moved = client.post(
        f"/api/v1/referrals/{rid}/transitions", json={"status": "sent"}, headers={**h, "If-Match": etag}
    )
    assert moved.status_code == 200, moved.text
    send()
    assert sorted(x.path for x in receiver.received[1:]) == ["/hook/ngo", "/hook/vilnius"]
    sent = _events(receiver)[-1]
    assert sent["type"] == "referral.status_changed"
    assert sent["data"]["status"] == "sent" and sent["data"]["previous_status"] == "proposed"
    # Nothing about the person travels: the receiver reads the referral with its own token.
    raw = b"".join(x.body for x in receiver.received)
    for personal in (b"Olena", b"Kovalenko", b"olena@example.org", person["id"].encode()):
        assert personal not in raw


def test_a_transfer_reaches_both_municipalities(client, auth, base, subscribe, receiver, register, send):
    subscribe(base.coordinator, types=["transfer.requested", "transfer.decided"], url=receiver.url + "/from")
    subscribe(
        base.coordinator_kaunas, types=["transfer.requested", "transfer.decided"], url=receiver.url + "/to"
    )
    person = register()
    r = client.post(
        f"/api/v1/migrants/{person['id']}/transfers",
        json={"to_municipality": "kauno-m", "reason": "moved"},
        headers=auth.headers(base.coordinator),
    )
    assert r.status_code == 201, r.text
    send()
    assert sorted(x.path for x in receiver.received) == ["/hook/from", "/hook/to"]
    assert {e["type"] for e in _events(receiver)} == {"transfer.requested"}


def test_failures_are_retried_on_schedule_then_given_up_and_can_be_sent_again(
    client, auth, base, subscribe, receiver, send
):
    sub = subscribe(types=["service.created"], url=receiver.url)
    receiver.answers = [500] * delivery.MAX_ATTEMPTS
    _service(client, auth, base)
    assert send() == {"delivered": 0, "pending": 1, "failed": 0}
    h = auth.headers(base.coordinator)
    items = client.get(f"/api/v1/webhooks/{sub['id']}/deliveries", headers=h).json()["items"]
    (first,) = items
    assert first["status"] == "pending" and first["attempts"] == 1 and first["last_status_code"] == 500
    assert "HTTP 500" in first["last_error"]
    # Nothing more is due until the schedule says so.
    assert sum(send().values()) == 0
    now = utcnow()
    for step in delivery.RETRY_AFTER:
        now += timedelta(seconds=step + 1)
        send(now=now)
    failed = client.get(f"/api/v1/webhooks/{sub['id']}/deliveries", headers=h).json()["items"][0]
    assert failed["status"] == "failed" and failed["attempts"] == delivery.MAX_ATTEMPTS
    assert len(receiver.received) == delivery.MAX_ATTEMPTS
    # Every attempt carries the same webhook-id, so the receiver can tell a retry from a new event.
    assert len({r.headers["webhook-id"] for r in receiver.received}) == 1
    read = client.get(f"/api/v1/webhooks/{sub['id']}", headers=h).json()
    assert read["failing_since"] is not None and read["status"] == "active"
    again = client.post(f"/api/v1/webhooks/{sub['id']}/deliveries/{failed['id']}/redeliver", headers=h)
    assert again.status_code == 202 and again.json()["status"] == "pending"
    assert (
        client.post(
            f"/api/v1/webhooks/{sub['id']}/deliveries/{failed['id']}/redeliver", headers=h
        ).status_code
        == 409
    )
    assert send()["delivered"] == 1
    assert client.get(f"/api/v1/webhooks/{sub['id']}", headers=h).json()["failing_since"] is None


def test_an_endpoint_failing_for_days_is_disabled(db, client, auth, base, subscribe, receiver, send):
    sub = subscribe(types=["service.created"], url=receiver.url)
    row = db.get(WebhookSubscription, uuid.UUID(sub["id"]))
    row.failing_since = utcnow() - delivery.DISABLE_AFTER - timedelta(hours=1)
    db.add(row)
    db.flush()
    receiver.answers = [503] * delivery.MAX_ATTEMPTS
    _service(client, auth, base)
    now = utcnow()
    send(now=now)
    for step in delivery.RETRY_AFTER:
        now += timedelta(seconds=step + 1)
        send(now=now)
    read = client.get(f"/api/v1/webhooks/{sub['id']}", headers=auth.headers(base.coordinator)).json()
    assert read["status"] == "disabled" and "failed since" in read["disabled_reason"]
    # A disabled endpoint hears of nothing new until its owner activates it again.
    _service(client, auth, base)
    kept = db.exec(select(WebhookDelivery).where(col(WebhookDelivery.subscription_id) == row.id)).all()
    assert len(kept) == 1


def test_a_paused_subscription_keeps_its_deliveries_for_later(client, auth, base, subscribe, receiver, send):
    sub = subscribe(types=["service.created"], url=receiver.url)
    _service(client, auth, base)
    h = auth.headers(base.coordinator)
    client.patch(f"/api/v1/webhooks/{sub['id']}", json={"status": "paused"}, headers={**h, "If-Match": "*"})
    assert send() == {"delivered": 0, "pending": 1, "failed": 0}
    assert receiver.received == []
    client.patch(f"/api/v1/webhooks/{sub['id']}", json={"status": "active"}, headers={**h, "If-Match": "*"})
    assert send(now=utcnow() + timedelta(minutes=6))["delivered"] == 1


def test_ping_and_the_private_address_guard(client, auth, base, subscribe, receiver, send, app):
    sub = subscribe(types=["service.created"], url=receiver.url)
    h = auth.headers(base.coordinator)
    ping = client.post(f"/api/v1/webhooks/{sub['id']}/ping", headers=h)
    assert ping.status_code == 202
    # Outside local testing, an endpoint that resolves to a loopback address is never called.
    counts = delivery.send_due(app.state.session_factory, allow_private=False)
    assert counts == {"delivered": 0, "pending": 1, "failed": 0} and receiver.received == []
    item = client.get(f"/api/v1/webhooks/{sub['id']}/deliveries", headers=h).json()["items"][0]
    assert "non-public address" in item["last_error"]
    send(now=utcnow() + timedelta(seconds=10))
    assert _events(receiver)[0]["type"] == "ping"


def test_nothing_is_recorded_when_nobody_listens(db, client, auth, base):
    before = len(db.exec(select(WebhookEvent)).all())
    _service(client, auth, base)
    assert len(db.exec(select(WebhookEvent)).all()) == before


def test_concurrent_senders_deliver_each_event_once(engine, base, receiver):
    """Four senders at once on the real database (not the test transaction): each delivery is
    claimed by one of them, so every event arrives exactly once."""
    from sqlalchemy.orm import sessionmaker

    factory = sessionmaker(bind=engine, class_=Session, expire_on_commit=False)
    with factory() as session:
        sub = WebhookSubscription(
            url=receiver.url,
            event_types=["ping"],
            municipality_id=base.municipality.id,
            created_by="test",
            secret=signing.new_secret(),
        )
        session.add(sub)
        session.flush()
        events = [
            WebhookEvent(type="ping", municipality_id=base.municipality.id, data={"n": i}) for i in range(40)
        ]
        session.add_all(events)
        session.flush()
        session.add_all([WebhookDelivery(subscription_id=sub.id, event_id=e.id) for e in events])
        session.commit()
        sub_id, event_ids = sub.id, [e.id for e in events]
    try:
        _senders_at_once(factory, limit=5)
        ids = [r.headers["webhook-id"] for r in receiver.received]
        assert sorted(ids) == sorted(str(e) for e in event_ids)
    finally:
        _forget(factory, sub_id, event_ids)


def test_one_records_events_arrive_in_order_even_after_a_failure(
    client, auth, base, subscribe, receiver, send
):
    """A record's later change waits while an earlier one is waiting for its retry; other records
    are not held up."""
    subscribe(types=["service.created", "service.updated"], url=receiver.url)
    receiver.answers = [500]  # the first POST (A created) fails
    a = _service(client, auth, base)
    h = auth.headers(base.provider)
    for level in ("A2", "B1"):
        etag = client.get(f"/api/v1/services/{a['id']}", headers=h).headers["etag"]
        r = client.patch(
            f"/api/v1/services/{a['id']}", json={"level": level}, headers={**h, "If-Match": etag}
        )
        assert r.status_code == 200, r.text
    b = _service(client, auth, base)
    # A's creation failed and waits for its retry; A's updates wait behind it; B goes out.
    assert send() == {"delivered": 1, "pending": 1, "failed": 0}
    assert [(e["type"], e["data"]["id"]) for e in _events(receiver)[1:]] == [("service.created", b["id"])]
    assert sum(send().values()) == 0  # nothing of A is due before the retry
    send(now=utcnow() + timedelta(seconds=delivery.RETRY_AFTER[0] + 1))
    of_a = [(e["type"], e["data"].get("changed")) for e in _events(receiver) if e["data"]["id"] == a["id"]]
    assert of_a == [
        ("service.created", None),  # the failed attempt
        ("service.created", None),  # its retry
        ("service.updated", ["level"]),
        ("service.updated", ["level"]),
    ]


def test_concurrent_senders_keep_each_records_order(engine, base, receiver):
    """Four senders on the real database, 12 records with 5 changes each: every record's changes
    arrive in the order they were made, each once."""
    from sqlalchemy.orm import sessionmaker

    from api.webhooks.emit import object_key

    factory = sessionmaker(bind=engine, class_=Session, expire_on_commit=False)
    records = [str(uuid.uuid4()) for _ in range(12)]
    start = utcnow() - timedelta(minutes=1)
    with factory() as session:
        sub = WebhookSubscription(
            url=receiver.url,
            event_types=["service.updated"],
            municipality_id=base.municipality.id,
            created_by="test",
            secret=signing.new_secret(),
        )
        session.add(sub)
        session.flush()
        rows = []
        for n in range(5):
            for i, record in enumerate(records):
                at = start + timedelta(milliseconds=n * 100 + i)
                data = {"id": record, "n": n}
                event = WebhookEvent(
                    type="service.updated", municipality_id=base.municipality.id, data=data, created_at=at
                )
                session.add(event)
                session.flush()
                rows.append(
                    WebhookDelivery(
                        subscription_id=sub.id,
                        event_id=event.id,
                        created_at=at,
                        next_attempt_at=at,
                        object_key=object_key("service.updated", data),
                    )
                )
        session.add_all(rows)
        session.commit()
        sub_id, event_ids = sub.id, [r.event_id for r in rows]
    try:
        _senders_at_once(factory, limit=4)
        # A sender stops when it finds nothing due; whatever a finished sender left is sent now.
        delivery.run(factory, allow_private=True)
        got = _events(receiver)
        assert len(got) == len(event_ids)
        for record in records:
            assert [e["data"]["n"] for e in got if e["data"]["id"] == record] == [0, 1, 2, 3, 4]
    finally:
        _forget(factory, sub_id, event_ids)


def test_the_background_job_sends_what_is_due(
    db, client, auth, base, subscribe, receiver, settings, monkeypatch
):
    """The job the worker runs (after each commit and every minute) delivers the queued event."""
    from api.core.jobs import named_tasks, periodic_jobs
    from api.webhooks import jobs as webhook_jobs

    assert named_tasks()["webhooks.deliver"] is webhook_jobs.deliver
    assert periodic_jobs()["webhooks.retry"].run is webhook_jobs.deliver
    monkeypatch.setattr(webhook_jobs, "get_settings", lambda: settings)  # no job runtime in tests
    subscribe(types=["service.created"], url=receiver.url)
    _service(client, auth, base)
    assert webhook_jobs.deliver(db, utcnow()) == 1
    assert _events(receiver)[0]["type"] == "service.created"
    assert webhook_jobs.deliver(db, utcnow()) == 0  # nothing left
