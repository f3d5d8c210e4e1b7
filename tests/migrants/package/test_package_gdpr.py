"""The returnee package, machine intake, transfers, export, erasure and retention."""

from __future__ import annotations

import uuid
from datetime import timedelta

import sqlalchemy as sa

from tests.migrants.conftest import PERSON

INTAKE = {
    "external_ref": "GR-2026-0001",
    "given_name": "Rūta",
    "family_name": "Grįžusi",
    "birth_date": "1990-02-02",
    "legal_status": "returnee",
    "citizenships": ["LT"],
    "preferred_language": "lt",
    "email": "ruta@example.org",
    "consents": ["case_management"],
}


def _package(client, auth, base, items, coordinator=None):
    h = auth.headers(base.coordinator)
    current = client.get("/api/v1/returnee-package", headers=h)
    if current.json()["version"]:
        h = {**h, "If-Match": current.headers["etag"]}
    body = {"responsible_coordinator_id": str(coordinator.id) if coordinator else None, "items": items}
    r = client.put("/api/v1/returnee-package", json=body, headers=h)
    assert r.status_code == 200, r.text
    return r.json()


def test_package_editor_validates(client, auth, base, service):
    h = auth.headers(base.coordinator)
    bad = client.put("/api/v1/returnee-package", json={"items": [{"need": "language"}]}, headers=h)
    assert bad.status_code == 422
    bad = client.put(
        "/api/v1/returnee-package", json={"items": [{"need": "language", "category": "zzz"}]}, headers=h
    )
    assert bad.status_code == 422
    made = _package(client, auth, base, [{"need": "language", "service_id": str(service.id)}])
    assert made["version"] == 1 and made["municipality"] == "vilniaus-m"
    again = client.put("/api/v1/returnee-package", json={"items": []}, headers=h)
    assert again.status_code == 428
    kaunas = client.get("/api/v1/returnee-package", headers=auth.headers(base.coordinator_kaunas)).json()
    assert kaunas["items"] == []


def test_registering_a_returnee_proposes_the_package(client, auth, base, register, service, make_service):
    make_service(categories=["community.culture_tickets"], languages=["lt"], name={"lt": "Kultūros bilietai"})
    _package(
        client,
        auth,
        base,
        [
            {"need": "language", "service_id": str(service.id)},
            {"need": "community", "category": "community.culture_tickets"},
        ],
        coordinator=base.coordinator_special,
    )
    person = register(
        who=base.coordinator,
        legal_status="returnee",
        citizenships=["LT"],
        preferred_language="lt",
        consents=[],
    )
    case = client.get(
        f"/api/v1/cases/{person['open_case_id']}", headers=auth.headers(base.coordinator)
    ).json()
    assert case["coordinator_id"] == str(base.coordinator_special.id)
    assert case["package_applied_at"]
    refs = client.get(
        "/api/v1/referrals", params={"person_id": person["id"]}, headers=auth.headers(base.coordinator)
    ).json()["items"]
    assert len(refs) == 2 and all(r["status"] == "proposed" and r["from_package"] for r in refs)
    assert {r["need"] for r in refs} == {"language", "community"}
    # A non-returnee gets no package.
    other = register(legal_status="refugee")
    refs = client.get(
        "/api/v1/referrals", params={"person_id": other["id"]}, headers=auth.headers(base.coordinator)
    ).json()["items"]
    assert refs == []


def test_intake_twice_with_same_key_gives_one_person_one_package(client, auth, base, service, db):
    from api.migrants.models import Person, Referral

    _package(client, auth, base, [{"need": "language", "service_id": str(service.id)}])
    client_actor = base.clients["intake_vilnius"]
    h = auth.headers(client_actor, **{"Idempotency-Key": "decl-77"})
    first = client.post("/api/v1/migrants/intake", json=INTAKE, headers=h)
    assert first.status_code == 201, first.text
    assert first.json()["package_referrals"] == 1
    assert "Rūta" not in first.text
    second = client.post("/api/v1/migrants/intake", json=INTAKE, headers=h)
    assert second.status_code == 201 and second.json() == first.json()
    # Without the key, the external reference still finds the same person: no second package.
    third = client.post(
        "/api/v1/migrants/intake",
        json={**INTAKE, "phone": "+37061234567"},
        headers=auth.headers(client_actor),
    )
    assert third.status_code == 200 and third.json()["created"] is False
    assert third.json()["id"] == first.json()["id"] and third.json()["package_referrals"] == 0
    pid = uuid.UUID(first.json()["id"])
    assert (
        db.execute(
            sa.select(sa.func.count()).select_from(Person).where(Person.external_ref == "GR-2026-0001")
        ).scalar_one()
        == 1
    )
    assert (
        db.execute(
            sa.select(sa.func.count()).select_from(Referral).where(Referral.person_id == pid)
        ).scalar_one()
        == 1
    )
    # Coordinators see it; another municipality's intake client creates its own record.
    got = client.get(f"/api/v1/migrants/{pid}", headers=auth.headers(base.coordinator)).json()
    assert got["phone"] == "+37061234567"
    other = client.post(
        "/api/v1/migrants/intake", json=INTAKE, headers=auth.headers(base.clients["intake_kaunas"])
    )
    assert other.status_code == 201 and other.json()["id"] != str(pid)
    # People cannot use intake; intake clients cannot read people.
    assert (
        client.post(
            "/api/v1/migrants/intake", json=INTAKE, headers=auth.headers(base.coordinator)
        ).status_code
        == 403
    )
    assert client.get(f"/api/v1/migrants/{pid}", headers=auth.headers(client_actor)).status_code == 404


def test_transfer_accept_and_reject(client, auth, base, register):
    person = register()
    h = auth.headers(base.coordinator)
    hk = auth.headers(base.coordinator_kaunas)
    r = client.post(
        f"/api/v1/migrants/{person['id']}/transfers", json={"to_municipality": "kauno-m"}, headers=h
    )
    assert r.status_code == 201
    tid = r.json()["id"]
    again = client.post(
        f"/api/v1/migrants/{person['id']}/transfers", json={"to_municipality": "kauno-m"}, headers=h
    )
    assert again.status_code == 409
    incoming = client.get("/api/v1/transfers", headers=hk).json()["items"]
    assert [t["direction"] for t in incoming if t["id"] == tid] == ["incoming"]
    assert (
        client.post(f"/api/v1/transfers/{tid}/accept", headers=h).status_code == 404
    )  # sender cannot accept
    assert (
        client.post(f"/api/v1/transfers/{tid}/accept", headers=auth.headers(base.provider)).status_code == 404
    )
    assert client.post(f"/api/v1/transfers/{tid}/accept", headers=hk).status_code == 200
    assert client.post(f"/api/v1/transfers/{tid}/reject", headers=hk).status_code == 409
    assert client.get(f"/api/v1/migrants/{person['id']}", headers=h).status_code == 404
    moved = client.get(f"/api/v1/migrants/{person['id']}", headers=hk).json()
    assert moved["municipality"] == "kauno-m" and moved["open_case_id"]
    assert moved["open_case_id"] != person["open_case_id"]
    back = client.post(
        f"/api/v1/migrants/{person['id']}/transfers", json={"to_municipality": "vilniaus-m"}, headers=hk
    )
    tid2 = back.json()["id"]
    assert client.post(f"/api/v1/transfers/{tid2}/reject", headers=h).status_code == 200
    assert client.get(f"/api/v1/migrants/{person['id']}", headers=hk).status_code == 200


def test_export_has_everything_and_the_recipients(client, auth, base, register, service):
    person = register()
    client.post(
        "/api/v1/referrals",
        json={"person_id": person["id"], "service_id": str(service.id), "need": "language"},
        headers=auth.headers(base.coordinator),
    )
    client.post(
        f"/api/v1/migrants/{person['id']}/special-notes",
        json={"text": "Asthma"},
        headers=auth.headers(base.coordinator_special),
    )
    r = client.get(f"/api/v1/migrants/{person['id']}/export", headers=auth.headers(base.coordinator_special))
    assert r.status_code == 200 and r.headers["cache-control"] == "no-store"
    body = r.json()
    assert body["person"]["email"] == "olena@example.org"
    assert body["special_notes"][0]["text"] == "Asthma"
    assert body["recipients"][0]["organization_id"] == str(base.org.id)
    assert body["referrals"] and body["cases"] and body["timeline"] and body["access_log"]
    plain = client.get(
        f"/api/v1/migrants/{person['id']}/export", headers=auth.headers(base.coordinator)
    ).json()
    assert plain["special_notes"] is None


def _all_text(db) -> str:
    """Every text and JSON value in every table of the database, as one string."""
    from sqlmodel import SQLModel

    from api import registry

    registry.import_models()
    chunks = []
    for table in SQLModel.metadata.sorted_tables:
        for row in db.execute(sa.select(table)).all():
            chunks.append(" ".join(str(v) for v in row if v is not None))
    return "\n".join(chunks)


def test_erasure_leaves_no_personal_data_and_statistics_still_count(
    client, auth, base, register, service, db
):
    from api.migrants import derived

    # Registered with an Idempotency-Key: the stored reply holds the record and must go too.
    registered = client.post(
        "/api/v1/migrants",
        json={
            **PERSON,
            "given_name": "Zinaida",
            "family_name": "Erasova",
            "email": "zinaida.erasova@example.org",
            "phone": "+370 699 12345",
            "address": "Gedimino pr. 99-1",
            "external_ref": "ERASE-ME-42",
            "household": [{"relation": "child", "birth_year": 2017, "name": "Kiriliukas"}],
        },
        headers=auth.headers(base.coordinator, **{"Idempotency-Key": "register-zinaida"}),
    )
    assert registered.status_code == 201
    person = registered.json()
    pid = person["id"]
    h = auth.headers(base.coordinator)
    rid = client.post(
        "/api/v1/referrals",
        json={
            "person_id": pid,
            "service_id": str(service.id),
            "need": "language",
            "message": "Zinaida's secret message",
        },
        headers=h,
    ).json()["id"]
    client.post(
        f"/api/v1/cases/{person['open_case_id']}/notes",
        json={"text": "Zinaida told us a secret note"},
        headers=h,
    )
    client.post(
        f"/api/v1/migrants/{pid}/special-notes",
        json={"text": "Zinaida health detail"},
        headers=auth.headers(base.coordinator_special),
    )
    for status in ("accepted", "in_progress", "completed"):
        etag = client.get(f"/api/v1/referral-inbox/{rid}", headers=auth.headers(base.provider)).headers[
            "etag"
        ]
        client.post(
            f"/api/v1/referral-inbox/{rid}/transitions",
            json={"status": status},
            headers=auth.headers(base.provider, **{"If-Match": etag}),
        )
    before = derived.referral_counts(db, municipality_ids=[base.municipality.id])
    etag = client.get(f"/api/v1/migrants/{pid}", headers=h).headers["etag"]
    assert client.delete(f"/api/v1/migrants/{pid}", headers=h).status_code == 428
    from api.core.models import IdempotencyRecord

    def stored() -> int:
        return db.execute(
            sa.select(sa.func.count())
            .select_from(IdempotencyRecord)
            .where(IdempotencyRecord.key == "register-zinaida")
        ).scalar_one()

    assert stored() == 1
    r = client.delete(f"/api/v1/migrants/{pid}", headers={**h, "If-Match": etag})
    assert r.status_code == 204
    assert stored() == 0
    text = _all_text(db)
    for secret in (
        "Zinaida",
        "Erasova",
        "zinaida.erasova",
        "699 12345",
        "Gedimino",
        "ERASE-ME-42",
        "Kiriliukas",
        "secret message",
        "secret note",
        "health detail",
        "1988-04-12",
    ):
        assert secret not in text, secret
    after = derived.referral_counts(db, municipality_ids=[base.municipality.id])
    assert after == before
    got = client.get(f"/api/v1/migrants/{pid}", headers=h).json()
    assert got["anonymised"] and got["birth_year"] == 1988 and got["legal_status"] == "temporary_protection"
    assert client.get("/api/v1/referral-inbox", headers=auth.headers(base.provider)).json()["items"] == []
    assert client.delete(f"/api/v1/migrants/{pid}", headers={**h, "If-Match": "*"}).status_code == 409


def test_retention_anonymises_old_closed_cases(client, auth, base, register, db):
    from api.core.db import utcnow
    from api.migrants import gdpr
    from api.migrants.models import Case, Person

    old = register(given_name="Senas", family_name="Atvejis")
    fresh = register(given_name="Naujas", family_name="Atvejis")
    h = auth.headers(base.coordinator)
    for p in (old, fresh):
        url = f"/api/v1/cases/{p['open_case_id']}"
        etag = client.get(url, headers=h).headers["etag"]
        client.patch(url, json={"status": "closed"}, headers={**h, "If-Match": etag})
    db.execute(
        sa.update(Case)
        .where(Case.id == uuid.UUID(old["open_case_id"]))
        .values(closed_at=utcnow() - timedelta(days=4000))
    )
    n = gdpr.retention(db, older_than_days=5 * 365)
    assert n == 1
    assert db.get(Person, uuid.UUID(old["id"])).given_name == ""
    assert db.get(Person, uuid.UUID(fresh["id"])).given_name == "Naujas"


def test_mentor_link_needs_consent(client, auth, base, register):
    person = register(consents=["case_management"])
    r = client.post(
        f"/api/v1/migrants/{person['id']}/mentors",
        json={"mentor_id": str(uuid.uuid4())},
        headers=auth.headers(base.coordinator),
    )
    assert r.status_code == 409 and "mentoring_contact" in r.json()["detail"]
    client.post(
        f"/api/v1/migrants/{person['id']}/consents",
        json={"purpose": "mentoring_contact", "action": "grant"},
        headers=auth.headers(base.coordinator),
    )
    r = client.post(
        f"/api/v1/migrants/{person['id']}/mentors",
        json={"mentor_id": str(uuid.uuid4())},
        headers=auth.headers(base.coordinator),
    )
    assert r.status_code == 404
    assert (
        client.get(f"/api/v1/migrants/{person['id']}/mentors", headers=auth.headers(base.coordinator)).json()[
            "items"
        ]
        == []
    )


def test_person_template_has_no_surprises():
    assert PERSON["legal_status"] == "temporary_protection"
