"""A municipality's intake client reads back what its intake made: by external_ref, without names
or contact data, audited, only in its own municipality, never an erased person."""

from __future__ import annotations

import uuid

import sqlalchemy as sa

from tests.migrants.intake.conftest import URL
from tests.migrants.package.test_package_gdpr import INTAKE, _package


def test_read_back_after_intake_created_then_updated(client, auth, base, service, intake, as_client):
    _package(client, auth, base, [{"need": "language", "service_id": str(service.id)}])
    made = intake("RB-1")
    assert made["created"] is True
    r = client.get(f"{URL}/RB-1", headers=as_client())
    assert r.status_code == 200, r.text
    assert r.headers["cache-control"] == "no-store"
    etag = r.headers["etag"]
    status = r.json()
    assert status["external_ref"] == "RB-1" and status["id"] == made["id"]
    assert status["case"]["id"] == made["case_id"] and status["case"]["status"] == "open"
    assert status["case"]["closed_at"] is None
    [referral] = status["referrals"]
    assert referral["state"] == "proposed" and referral["need"] == "language"
    assert referral["service_id"] == str(service.id)
    assert set(referral) == {"id", "state", "service_id", "need", "updated_at"}

    again = intake("RB-1", legal_status="refugee")
    assert again["created"] is False and again["id"] == made["id"]
    r2 = client.get(f"{URL}/RB-1", headers=as_client())
    assert r2.json()["version"] == status["version"] + 1 and r2.headers["etag"] != etag
    assert r2.json()["updated_at"] > status["updated_at"]
    # The same ETag answers 304.
    same = client.get(f"{URL}/RB-1", headers=as_client(**{"If-None-Match": r2.headers["etag"]}))
    assert same.status_code == 304


def test_no_names_contacts_or_notes_in_any_answer(client, auth, base, service, intake, as_client):
    _package(client, auth, base, [{"need": "language", "service_id": str(service.id)}])
    intake("RB-NAMES", address="Gedimino pr. 1", phone="+37060000001")
    bodies = [
        client.get(f"{URL}/RB-NAMES", headers=as_client()).text,
        client.get(URL, headers=as_client()).text,
    ]
    etag = client.get(f"{URL}/RB-NAMES", headers=as_client()).headers["etag"]
    patched = client.patch(
        f"{URL}/RB-NAMES", json={"preferred_language": "en"}, headers=as_client(**{"If-Match": etag})
    )
    assert patched.status_code == 200, patched.text
    bodies.append(patched.text)
    staff = (base.coordinator.display_name, base.coordinator_special.display_name)
    for body in bodies:
        for secret in (INTAKE["given_name"], INTAKE["family_name"], INTAKE["email"], *staff):
            assert secret not in body
        for secret in ("Gedimino", "+37060000001", "1990-02-02", "coordinator_id", "message", "note"):
            assert secret not in body


def test_reads_are_audited(client, intake, as_client, base, db):
    from api.core.models import AuditEntry

    made = intake("RB-AUDIT")
    client.get(f"{URL}/RB-AUDIT", headers=as_client())
    client.get(URL, headers=as_client())
    actions = (
        db.execute(
            sa.select(AuditEntry.action).where(
                AuditEntry.subject_id == uuid.UUID(made["id"]),
                AuditEntry.actor_id == str(base.clients["intake_vilnius"].id),
            )
        )
        .scalars()
        .all()
    )
    assert "read" in actions and "list" in actions


def test_another_municipality_sees_nothing(client, intake, as_client):
    intake("RB-VLN-ONLY")
    intake("RB-KAUNAS", who="intake_kaunas")
    assert client.get(f"{URL}/RB-VLN-ONLY", headers=as_client("intake_kaunas")).status_code == 404
    unknown = client.get(f"{URL}/NO-SUCH-REF", headers=as_client())
    assert unknown.status_code == 404
    assert unknown.headers["content-type"].startswith("application/problem+json")
    refs = [s["external_ref"] for s in client.get(URL, headers=as_client("intake_kaunas")).json()["items"]]
    assert "RB-KAUNAS" in refs and "RB-VLN-ONLY" not in refs
    # A change from Kaunas is a 404 too, and changes nothing.
    tried = client.patch(
        f"{URL}/RB-VLN-ONLY",
        json={"legal_status": "refugee"},
        headers=as_client("intake_kaunas", **{"If-Match": "*"}),
    )
    assert tried.status_code == 404


def test_only_intake_clients_use_these_routes(client, auth, base, intake, register, as_client):
    intake("RB-SCOPE")
    for who in (base.coordinator, base.admin, base.provider):
        assert client.get(f"{URL}/RB-SCOPE", headers=auth.headers(who)).status_code == 404
        assert client.get(URL, headers=auth.headers(who)).status_code == 403
        r = client.patch(f"{URL}/RB-SCOPE", json={}, headers=auth.headers(who, **{"If-Match": "*"}))
        assert r.status_code == 404
    assert client.get(f"{URL}/RB-SCOPE", headers=as_client("ngo_sync")).status_code == 404
    assert client.get(f"{URL}/RB-SCOPE").status_code == 401
    # A person a coordinator registered without a reference is not the client's to read.
    person = register(external_ref=None)
    refs = [s["id"] for s in client.get(URL, headers=as_client()).json()["items"]]
    assert person["id"] not in refs


def test_references_with_slashes_and_spaces(client, intake, as_client):
    made = intake("VLN/2026/17 A")
    r = client.get(f"{URL}/VLN/2026/17%20A", headers=as_client())
    assert r.status_code == 200 and r.json()["id"] == made["id"]


def test_an_erased_person_is_not_found(client, auth, base, intake, as_client):
    made = intake("RB-ERASED")
    h = auth.headers(base.coordinator)
    etag = client.get(f"/api/v1/migrants/{made['id']}", headers=h).headers["etag"]
    assert client.delete(f"/api/v1/migrants/{made['id']}", headers={**h, "If-Match": etag}).status_code == 204
    assert client.get(f"{URL}/RB-ERASED", headers=as_client()).status_code == 404
    assert made["id"] not in client.get(URL, headers=as_client()).text
    tried = client.patch(
        f"{URL}/RB-ERASED", json={"phone": "+370600"}, headers=as_client(**{"If-Match": "*"})
    )
    assert tried.status_code == 404
