"""The intake list a municipal system syncs from (keyset pages, modified_after, case_status) and
the conditional change of the non-identifying intake fields."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import sqlalchemy as sa

from tests.migrants.intake.conftest import URL
from tests.migrants.package.test_package_gdpr import _package

OLD = datetime(2020, 1, 1, tzinfo=UTC)


def _refs(client, headers, **params) -> list[str]:
    return [s["external_ref"] for s in client.get(URL, params=params, headers=headers).json()["items"]]


def _backdate(db, *ids: str) -> None:
    from api.migrants.models import Case, Person, Referral

    pids = [uuid.UUID(i) for i in ids]
    db.execute(sa.update(Person).where(Person.id.in_(pids)).values(updated_at=OLD))
    db.execute(sa.update(Case).where(Case.person_id.in_(pids)).values(updated_at=OLD))
    db.execute(sa.update(Referral).where(Referral.person_id.in_(pids)).values(updated_at=OLD))
    db.commit()


def test_pages_in_reference_order(client, intake, as_client):
    for n in range(5):
        intake(f"PG-{n}")
    h = as_client()
    first = client.get(URL, params={"limit": 2}, headers=h)
    assert first.status_code == 200 and first.headers["cache-control"] == "no-store"
    assert "etag" in first.headers
    assert [s["external_ref"] for s in first.json()["items"]] == ["PG-0", "PG-1"]
    assert 'rel="next"' in first.headers["link"]
    seen, cursor = [], None
    while True:
        params = {"limit": 2, **({"cursor": cursor} if cursor else {})}
        page = client.get(URL, params=params, headers=h).json()
        seen += [s["external_ref"] for s in page["items"]]
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert seen == [f"PG-{n}" for n in range(5)]
    assert client.get(URL, params={"cursor": "garbage"}, headers=h).status_code == 400
    assert client.get(URL, params={"limit": 101}, headers=h).status_code == 422
    # An unknown query parameter is refused, as on every operation.
    assert client.get(URL, params={"colour": "blue"}, headers=h).status_code == 400  # never ignored


def test_modified_after_sees_the_person_its_case_or_its_referrals(
    client, auth, base, service, intake, as_client, db
):
    _package(client, auth, base, [{"need": "language", "service_id": str(service.id)}])
    person = intake("MA-PERSON", legal_status="refugee")
    case = intake("MA-CASE", legal_status="refugee")
    referral = intake("MA-REFERRAL")  # a returnee: the package proposes one referral
    quiet = intake("MA-QUIET", legal_status="refugee")
    _backdate(db, person["id"], case["id"], referral["id"], quiet["id"])
    h = as_client()
    since = "2021-06-01T00:00:00Z"
    assert _refs(client, h, modified_after=since) == []

    etag = client.get(f"{URL}/MA-PERSON", headers=h).headers["etag"]
    assert (
        client.patch(f"{URL}/MA-PERSON", json={"phone": "+37060000009"}, headers={**h, "If-Match": etag})
    ).status_code == 200
    coordinator = auth.headers(base.coordinator)
    case_etag = client.get(f"/api/v1/cases/{case['case_id']}", headers=coordinator).headers["etag"]
    closed = client.patch(
        f"/api/v1/cases/{case['case_id']}",
        json={"status": "closed"},
        headers={**coordinator, "If-Match": case_etag},
    )
    assert closed.status_code == 200, closed.text
    [ref] = client.get(f"{URL}/MA-REFERRAL", headers=h).json()["referrals"]
    ref_etag = client.get(f"/api/v1/referrals/{ref['id']}", headers=coordinator).headers["etag"]
    dropped = client.post(
        f"/api/v1/referrals/{ref['id']}/transitions",
        json={"status": "dropped", "reason": "moved away"},
        headers={**coordinator, "If-Match": ref_etag},
    )
    assert dropped.status_code == 200, dropped.text
    # Closing the case and dropping the referral left the people's rows as they were: the list
    # below finds them through their case and their referral.
    for ref_ in ("MA-CASE", "MA-REFERRAL"):
        assert client.get(f"{URL}/{ref_}", headers=h).json()["updated_at"].startswith("2020-01-01")

    assert _refs(client, h, modified_after=since) == ["MA-CASE", "MA-PERSON", "MA-REFERRAL"]
    assert _refs(client, h, modified_after="2021-06-01") == ["MA-CASE", "MA-PERSON", "MA-REFERRAL"]
    assert _refs(client, h, modified_after="2019-01-01T00:00:00+02:00")[-1] == "MA-REFERRAL"
    assert client.get(URL, params={"modified_after": "yesterday"}, headers=h).status_code == 422
    listed = client.get(URL, params={"modified_after": since}, headers=h).json()["items"]
    by_ref = {s["external_ref"]: s for s in listed}
    assert by_ref["MA-CASE"]["case"]["status"] == "closed" and by_ref["MA-CASE"]["case"]["closed_at"]
    assert by_ref["MA-REFERRAL"]["referrals"][0]["state"] == "dropped"

    assert "MA-CASE" not in _refs(client, h, case_status="open")
    assert _refs(client, h, case_status="closed") == ["MA-CASE"]
    assert client.get(URL, params={"case_status": "lost"}, headers=h).status_code == 422


def test_patch_needs_a_current_if_match(client, intake, as_client, db):
    from api.migrants.models import Person, StatusHistory

    made = intake("UP-1", legal_status="refugee")
    h = as_client()
    read = client.get(f"{URL}/UP-1", headers=h)
    etag = read.headers["etag"]
    body = {"legal_status": "temporary_protection", "citizenships": ["ua"], "email": "New@Example.org"}
    assert client.patch(f"{URL}/UP-1", json=body, headers=h).status_code == 428
    ok = client.patch(f"{URL}/UP-1", json=body, headers={**h, "If-Match": etag})
    assert ok.status_code == 200, ok.text
    assert ok.json()["version"] == read.json()["version"] + 1
    assert ok.headers["etag"] != etag and ok.headers["cache-control"] == "no-store"
    assert ok.json()["external_ref"] == "UP-1"
    stale = client.patch(f"{URL}/UP-1", json={"phone": "+37060000000"}, headers={**h, "If-Match": etag})
    assert stale.status_code == 412
    # The version in the body works as an If-Match too (list items carry no ETag header).
    again = client.patch(
        f"{URL}/UP-1", json={"phone": "+37060000000"}, headers={**h, "If-Match": f'"v{ok.json()["version"]}"'}
    )
    assert again.status_code == 200
    person = db.get(Person, uuid.UUID(made["id"]))
    db.refresh(person)
    assert person.legal_status == "temporary_protection" and person.citizenships == ["UA"]
    assert person.email == "new@example.org" and person.phone == "+37060000000"
    assert person.given_name == "Rūta"
    history = db.execute(sa.select(StatusHistory.legal_status).where(StatusHistory.person_id == person.id))
    assert "temporary_protection" in history.scalars().all()


def test_patch_validates_like_intake(client, intake, as_client):
    intake("UP-2", legal_status="refugee")
    before = client.get(f"{URL}/UP-2", headers=as_client()).json()["version"]
    h = as_client(**{"If-Match": "*"})
    for body in (
        {"given_name": "Other"},
        {"birth_date": "1990-01-01"},
        {"external_ref": "UP-3"},
        {"household": []},
        {"legal_status": "astronaut"},
        {"legal_status": None},
        {"citizenships": ["XX"]},
        {"preferred_language": "zz"},
        {"email": "not-an-address"},
        {"phone": "call me"},
    ):
        r = client.patch(f"{URL}/UP-2", json=body, headers=h)
        assert r.status_code == 422, (body, r.text)
        assert r.headers["content-type"].startswith("application/problem+json")
    assert client.get(f"{URL}/UP-2", headers=as_client()).json()["version"] == before
