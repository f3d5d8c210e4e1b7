"""Each trigger reaches the right staff, in their language, once; nothing personal in the title."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlmodel import select

from api.directory.notices import funding_ending
from api.notifications.models import Notification
from tests.migrants.conftest import PERSON
from tests.notifications.conftest import V


def _notes(db, user, kind):
    return db.exec(
        select(Notification).where(Notification.user_id == user.id, Notification.kind == kind)
    ).all()


def _move(client, auth, who, url, status, reason=None):
    h = auth.headers(who)
    etag = client.get(url.replace("/transitions", ""), headers=h).headers["etag"]
    return client.post(url, json={"status": status, "reason": reason}, headers={**h, "If-Match": etag})


def test_referral_notifies_provider_then_coordinators(client, auth, base, db, register, service):
    person = register()
    before_provider = len(_notes(db, base.provider, "referral_new"))
    r = client.post(
        f"{V}/referrals",
        json={"person_id": person["id"], "service_id": str(service.id), "need": "language"},
        headers=auth.headers(base.coordinator),
    )
    assert r.status_code == 201, r.text
    rid = r.json()["id"]
    new = _notes(db, base.provider, "referral_new")
    assert len(new) == before_provider + 1
    note = new[-1]
    assert note.title["en"] == "New referral to the service “Lietuvių kalbos kursai”"
    assert PERSON["given_name"] not in str(note.title) and note.data["referral_id"] == rid
    # The provider in Kaunas and the coordinators are not told of a new referral.
    assert _notes(db, base.provider_kaunas, "referral_new") == []
    assert _notes(db, base.coordinator, "referral_new") == []
    inbox = f"{V}/referral-inbox/{rid}/transitions"
    assert _move(client, auth, base.provider, inbox, "accepted").status_code == 200
    answered = _notes(db, base.coordinator, "referral_answered")
    assert [n.data["status"] for n in answered if n.data["referral_id"] == rid] == ["accepted"]
    assert any(
        n.data["referral_id"] == rid for n in _notes(db, base.coordinator_special, "referral_answered")
    )
    assert _notes(db, base.coordinator_kaunas, "referral_answered") == []
    assert _move(client, auth, base.provider, inbox, "in_progress").status_code == 200
    assert _move(client, auth, base.provider, inbox, "completed").status_code == 200
    statuses = [
        n.data["status"]
        for n in _notes(db, base.coordinator, "referral_answered")
        if n.data["referral_id"] == rid
    ]
    assert statuses == ["accepted", "completed"]
    # The coordinator sees it through the API, in Ukrainian when asked.
    items = client.get(
        f"{V}/notifications?kind=referral_answered&lang=uk", headers=auth.headers(base.coordinator)
    ).json()["items"]
    assert items[0]["title"] == "Направлення до «Lietuvių kalbos kursai» виконано"


def test_declined_referral_notifies_coordinators(client, auth, base, db, register, service):
    person = register()
    rid = client.post(
        f"{V}/referrals",
        json={"person_id": person["id"], "service_id": str(service.id), "need": "language"},
        headers=auth.headers(base.coordinator),
    ).json()["id"]
    assert (
        _move(
            client, auth, base.provider, f"{V}/referral-inbox/{rid}/transitions", "declined", "full"
        ).status_code
        == 200
    )
    assert [
        n.data["status"]
        for n in _notes(db, base.coordinator, "referral_answered")
        if n.data["referral_id"] == rid
    ] == ["declined"]


def test_a_proposed_referral_tells_the_provider_only_when_sent(client, auth, base, db, register, service):
    person = register()
    rid = client.post(
        f"{V}/referrals",
        json={"person_id": person["id"], "service_id": str(service.id), "need": "language", "send": False},
        headers=auth.headers(base.coordinator),
    ).json()["id"]
    assert not [n for n in _notes(db, base.provider, "referral_new") if n.data["referral_id"] == rid]
    assert (
        _move(client, auth, base.coordinator, f"{V}/referrals/{rid}/transitions", "sent").status_code == 200
    )
    assert [n for n in _notes(db, base.provider, "referral_new") if n.data["referral_id"] == rid]


def test_transfer_notifies_the_receiving_then_the_sending_coordinators(client, auth, base, db, register):
    person = register()
    r = client.post(
        f"{V}/migrants/{person['id']}/transfers",
        json={"to_municipality": "kauno-m"},
        headers=auth.headers(base.coordinator),
    )
    assert r.status_code == 201, r.text
    tid = r.json()["id"]
    incoming = [
        n for n in _notes(db, base.coordinator_kaunas, "transfer_incoming") if n.data["transfer_id"] == tid
    ]
    assert len(incoming) == 1 and PERSON["family_name"] not in str(incoming[0].title)
    assert not [n for n in _notes(db, base.coordinator, "transfer_incoming") if n.data["transfer_id"] == tid]
    assert (
        client.post(f"{V}/transfers/{tid}/accept", headers=auth.headers(base.coordinator_kaunas)).status_code
        == 200
    )
    back = [n for n in _notes(db, base.coordinator, "transfer_incoming") if n.data["transfer_id"] == tid]
    assert [n.data["status"] for n in back] == ["accepted"]


def test_funding_ending_once_per_service_and_end_date(db, base, make_service):
    today = datetime.now(UTC)
    soon = make_service(
        funding_ends_on=(today + timedelta(days=10)).date(), name={"lt": "Kursai", "en": "Courses"}
    )
    make_service(funding_ends_on=(today + timedelta(days=60)).date())
    make_service(funding_ends_on=(today - timedelta(days=1)).date())
    assert funding_ending(db, today) >= 1
    mine = [n for n in _notes(db, base.provider, "funding_ending") if n.data["service_id"] == str(soon.id)]
    assert len(mine) == 1
    assert mine[0].title["en"].startswith("Funding of the service “Courses” ends on")
    assert [n for n in _notes(db, base.coordinator, "funding_ending") if n.data["service_id"] == str(soon.id)]
    assert not [
        n
        for n in _notes(db, base.coordinator_kaunas, "funding_ending")
        if n.data["service_id"] == str(soon.id)
    ]

    # The next day's check says nothing new of it; a new end date is told again.
    def told() -> int:
        return len(
            [n for n in _notes(db, base.provider, "funding_ending") if n.data["service_id"] == str(soon.id)]
        )

    funding_ending(db, today + timedelta(days=1))
    assert told() == 1
    soon.funding_ends_on = (today + timedelta(days=20)).date()
    db.add(soon)
    db.flush()
    funding_ending(db, today + timedelta(days=1))
    assert told() == 2
