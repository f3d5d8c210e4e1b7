"""Asking for help without an account: proof of work, consent, rate limits, a reference in her
language; the coordinators' queue, converting into a person and case, closing; tenancy."""

from __future__ import annotations

import pytest

from api.core import pow

V = "/api/v1/contact-requests"


@pytest.fixture
def solved(client):
    def get() -> dict[str, str]:
        found = client.get(f"{V}/challenge").json()
        return {
            "challenge": found["challenge"],
            "solution": pow.solve(found["challenge"], found["difficulty"]),
        }

    return get


@pytest.fixture
def ask(client, solved):
    def send(**fields):
        body = {
            "municipality": "vilniaus-m",
            "name": "Olena",
            "email": f"olena{len(fields)}@example.org",
            "preferred_language": "uk",
            "needs": ["language", "housing"],
            "message": "Шукаю курси литовської мови B1",
            "consent": True,
            **solved(),
            **fields,
        }
        return client.post(V, json=body, headers={"Accept-Language": "uk"})

    return send


def test_she_asks_and_gets_a_reference_in_her_language_and_a_mail(client, ask, db):
    r = ask()
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["reference"].startswith("LG-") and body["reference"] in body["message"]
    assert "Ваше звернення отримано" in body["message"]
    from sqlmodel import select

    from api.core.models import OutboxMessage

    mail = db.exec(select(OutboxMessage).where(OutboxMessage.recipient == "olena0@example.org")).all()
    assert mail and body["reference"] in mail[-1].subject


def test_the_coordinator_converts_a_request_into_a_person_with_a_case(client, auth, base, ask):
    ref = ask(abroad=True).json()["reference"]
    h = auth.headers(base.coordinator)
    queue = client.get(V, headers=h)
    assert queue.status_code == 200 and queue.headers["cache-control"] == "no-store"
    (item,) = [i for i in queue.json()["items"] if i["reference"] == ref]
    assert item["abroad"] and item["needs"] == ["language", "housing"] and item["status"] == "new"
    converted = client.post(
        f"{V}/{item['id']}/convert",
        json={"given_name": "Olena", "family_name": "Kovalenko", "legal_status": "returnee"},
        headers=h,
    )
    assert converted.status_code == 201, converted.text
    person = client.get(f"/api/v1/migrants/{converted.json()['person_id']}", headers=h).json()
    assert person["email"] == item["email"] and person["preferred_language"] == "uk"
    assert person["open_case_id"] == converted.json()["case_id"]
    case = client.get(f"/api/v1/cases/{converted.json()['case_id']}", headers=h).json()
    assert {n["code"] for n in case["needs"]} >= {"language", "housing"}
    assert client.post(f"{V}/{item['id']}/close", json={"reason": "x"}, headers=h).status_code == 409
    assert ref not in {i["reference"] for i in client.get(V, headers=h).json()["items"]}
    done = client.get(V, params={"status": "converted"}, headers=h).json()["items"]
    assert ref in {i["reference"] for i in done}
    audit = client.get("/api/v1/audit", params={"record_id": item["id"]}, headers=h).json()["items"]
    assert {"list", "convert"} <= {e["action"] for e in audit}


def test_another_municipality_never_sees_it(client, auth, base, ask):
    rid = None
    ref = ask().json()["reference"]
    for i in client.get(V, headers=auth.headers(base.coordinator)).json()["items"]:
        if i["reference"] == ref:
            rid = i["id"]
    assert rid
    other = auth.headers(base.coordinator_kaunas)
    assert ref not in {i["reference"] for i in client.get(V, headers=other).json()["items"]}
    assert client.get(f"{V}/{rid}", headers=other).status_code == 404
    assert client.post(f"{V}/{rid}/close", json={"reason": "spam"}, headers=other).status_code == 404
    assert client.get(f"{V}/{rid}", headers=auth.headers(base.provider)).status_code == 404
    assert client.get(V).status_code == 401
    closed = client.post(
        f"{V}/{rid}/close", json={"reason": "Answered by phone"}, headers=auth.headers(base.coordinator)
    )
    assert closed.status_code == 200 and closed.json()["status"] == "closed"


def test_the_form_needs_consent_a_way_to_answer_and_real_work(client, ask, solved):
    assert ask(consent=False).status_code == 422
    r = ask(email=None, phone=None)
    assert r.status_code == 422 and "телефону" in r.text  # answered in her language
    assert ask(needs=["nonsense"]).status_code == 422
    assert ask(municipality="atlantis").status_code == 422
    unsolved = client.get(f"{V}/challenge").json()
    r = ask(challenge=unsolved["challenge"], solution="0")
    assert r.status_code == 422 and r.json()["errors"][0]["loc"] == ["body", "proof"]
    forged = solved()
    r = ask(challenge=forged["challenge"].replace(".", "x.", 1), solution=forged["solution"])
    assert r.status_code == 422


def test_a_solved_challenge_is_good_for_one_request_only(ask, solved):
    once = solved()
    assert ask(email="first@example.org", **once).status_code == 201
    r = ask(email="second@example.org", **once)
    assert r.status_code == 422 and "вже використано" in r.json()["errors"][0]["msg"]


def test_one_address_cannot_flood_the_queue(client, ask):
    answers = [ask(email=f"p{i}@example.org").status_code for i in range(6)]
    assert answers[:5] == [201] * 5 and answers[5] == 429


def test_refused_attempts_count_too(client, ask):
    """A wrong proof of work is refused and still counted: invalid requests are limited as well
    (their rollback does not undo the count)."""
    wrong = [ask(solution="0").status_code for _ in range(5)]
    assert wrong == [422] * 5
    r = ask(email="late@example.org")
    assert r.status_code == 429 and "retry-after" in r.headers


def test_the_purge_removes_handled_requests_only(client, auth, base, ask, db):
    from datetime import timedelta

    from sqlmodel import select

    from api.core.db import utcnow
    from api.migrants.contact.logic import purge
    from api.migrants.models import ContactRequest

    keep = ask(email="keep@example.org").json()["reference"]
    gone = ask(email="gone@example.org").json()["reference"]
    h = auth.headers(base.coordinator)
    rid = next(i["id"] for i in client.get(V, headers=h).json()["items"] if i["reference"] == gone)
    client.post(f"{V}/{rid}/close", json={"reason": "duplicate"}, headers=h)
    row = db.exec(select(ContactRequest).where(ContactRequest.reference == gone)).one()
    row.handled_at = utcnow() - timedelta(days=100)
    db.add(row)
    db.flush()
    assert purge(db, days=90) >= 1
    left = {r.reference for r in db.exec(select(ContactRequest)).all()}
    assert keep in left and gone not in left


def test_the_coordinators_are_notified(client, auth, base, ask):
    ref = ask().json()["reference"]
    items = client.get("/api/v1/notifications", headers=auth.headers(base.coordinator)).json()["items"]
    mine = [n for n in items if n["kind"] == "contact_request" and ref in n["title"]]
    assert mine and mine[0]["link"] == "/migrants/contact-requests"
    other = client.get("/api/v1/notifications", headers=auth.headers(base.coordinator_kaunas)).json()["items"]
    assert not [n for n in other if ref in n["title"]]
