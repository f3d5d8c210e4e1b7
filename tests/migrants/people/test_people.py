"""People and cases: registration, reading, search, rectification, consent, special notes."""

from __future__ import annotations

import uuid

import sqlalchemy as sa


def test_register_opens_case_with_needs_and_no_store(client, auth, base, register):
    person = register()
    assert person["given_name"] == "Olena"
    assert person["open_case_id"]
    assert person["status_history"][0]["legal_status"] == "temporary_protection"
    assert {c["purpose"] for c in person["consents"] if c["granted"]} == {
        "case_management",
        "provider_sharing",
    }
    r = client.get(f"/api/v1/migrants/{person['id']}", headers=auth.headers(base.coordinator))
    assert r.status_code == 200
    assert r.headers["cache-control"] == "no-store"
    assert r.headers["etag"].startswith('"v1')
    case = client.get(
        f"/api/v1/cases/{person['open_case_id']}", headers=auth.headers(base.coordinator)
    ).json()
    assert {n["code"] for n in case["needs"]} == {"language", "housing"}
    assert case["coordinator_id"] == str(base.coordinator.id)


def test_unknown_codes_are_422(client, auth, base):
    from tests.migrants.conftest import PERSON

    h = auth.headers(base.coordinator)
    assert (
        client.post("/api/v1/migrants", json={**PERSON, "legal_status": "martian"}, headers=h).status_code
        == 422
    )
    assert client.post("/api/v1/migrants", json={**PERSON, "needs": ["flying"]}, headers=h).status_code == 422
    assert (
        client.post("/api/v1/migrants", json={**PERSON, "citizenships": ["XX"]}, headers=h).status_code == 422
    )
    assert client.post("/api/v1/migrants", json={**PERSON, "extra": 1}, headers=h).status_code == 422


def test_search_ignores_diacritics_and_filters(client, auth, base, register):
    a = register(given_name="Žydrūnė", family_name="Šalčiūtė", legal_status="returnee", needs=["employment"])
    b = register(given_name="Ahmad", family_name="Al-Khatib", legal_status="refugee", needs=["housing"])
    h = auth.headers(base.coordinator)
    found = client.get("/api/v1/migrants", params={"q": "zydrune salciute"}, headers=h).json()["items"]
    assert [p["id"] for p in found] == [a["id"]]
    by_status = client.get("/api/v1/migrants", params={"status": "refugee"}, headers=h).json()["items"]
    assert b["id"] in [p["id"] for p in by_status] and a["id"] not in [p["id"] for p in by_status]
    by_need = client.get("/api/v1/migrants", params={"need": "employment"}, headers=h).json()["items"]
    assert [p["id"] for p in by_need] == [a["id"]]
    mine = client.get(
        "/api/v1/migrants", params={"coordinator": str(base.coordinator.id), "case": "open"}, headers=h
    ).json()["items"]
    assert {a["id"], b["id"]} <= {p["id"] for p in mine}
    closed = client.get("/api/v1/migrants", params={"case": "closed"}, headers=h).json()["items"]
    assert a["id"] not in [p["id"] for p in closed]
    r = client.get("/api/v1/migrants", headers=auth.headers(base.coordinator_kaunas))
    assert a["id"] not in [p["id"] for p in r.json()["items"]]


def test_search_pages_with_cursor(client, auth, base, register):
    for i in range(3):
        register(given_name=f"Pagina{i}", family_name="Testas")
    h = auth.headers(base.coordinator)
    first = client.get("/api/v1/migrants", params={"q": "pagina", "limit": 2}, headers=h)
    assert len(first.json()["items"]) == 2 and first.json()["next_cursor"]
    assert 'rel="next"' in first.headers["link"]
    second = client.get(
        "/api/v1/migrants",
        params={"q": "pagina", "limit": 2, "cursor": first.json()["next_cursor"]},
        headers=h,
    ).json()
    assert len(second["items"]) == 1 and second["next_cursor"] is None


def test_rectification_needs_if_match_and_records_history(client, auth, base, register):
    person = register()
    url = f"/api/v1/migrants/{person['id']}"
    h = auth.headers(base.coordinator)
    assert client.patch(url, json={"legal_status": "temporary_residence"}, headers=h).status_code == 428
    stale = client.patch(url, json={"legal_status": "temporary_residence"}, headers={**h, "If-Match": '"v9"'})
    assert stale.status_code == 412
    etag = client.get(url, headers=h).headers["etag"]
    r = client.patch(
        url,
        json={"legal_status": "temporary_residence", "permit_expires_on": "2027-05-01"},
        headers={**h, "If-Match": etag},
    )
    assert r.status_code == 200, r.text
    assert [s["legal_status"] for s in r.json()["status_history"]] == [
        "temporary_protection",
        "temporary_residence",
    ]
    audit = client.get(
        "/api/v1/audit", params={"subject": person["id"], "record_type": "migrant_person"}, headers=h
    )
    update = [e for e in audit.json()["items"] if e["action"] == "update"]
    assert update and "legal_status" in update[0]["details"]["fields"]
    assert "temporary_residence" not in str(update[0]["details"])


def test_one_open_case_per_person(client, auth, base, register):
    person = register()
    h = auth.headers(base.coordinator)
    r = client.post(f"/api/v1/migrants/{person['id']}/cases", json={}, headers=h)
    assert r.status_code == 409
    case_url = f"/api/v1/cases/{person['open_case_id']}"
    etag = client.get(case_url, headers=h).headers["etag"]
    closed = client.patch(
        case_url, json={"status": "closed", "close_reason": "moved on"}, headers={**h, "If-Match": etag}
    )
    assert closed.status_code == 200 and closed.json()["status"] == "closed"
    assert client.post(f"/api/v1/migrants/{person['id']}/cases", json={}, headers=h).status_code == 201


def test_needs_and_timeline(client, auth, base, register):
    person = register()
    h = auth.headers(base.coordinator)
    case_url = f"/api/v1/cases/{person['open_case_id']}"
    need = client.post(f"{case_url}/needs", json={"code": "employment", "priority": "high"}, headers=h)
    assert need.status_code == 201
    assert client.post(f"{case_url}/needs", json={"code": "employment"}, headers=h).status_code == 409
    nid = need.json()["id"]
    r = client.patch(
        f"{case_url}/needs/{nid}",
        json={"status": "in_progress"},
        headers={**h, "If-Match": need.headers["etag"]},
    )
    assert r.status_code == 200 and r.json()["status"] == "in_progress"
    assert client.patch(f"{case_url}/needs/{nid}", json={"status": "met"}, headers=h).status_code == 428
    assert (
        client.post(f"{case_url}/notes", json={"text": "Called, speaks good English."}, headers=h).status_code
        == 201
    )
    events = client.get(f"{case_url}/timeline", headers=h).json()["items"]
    assert events[0]["kind"] == "note"
    assert {"case_opened", "need_added", "need_status"} <= {e["kind"] for e in events}


def test_special_notes_need_their_own_scope(client, auth, base, register):
    person = register()
    url = f"/api/v1/migrants/{person['id']}/special-notes"
    assert client.get(url, headers=auth.headers(base.coordinator)).status_code == 403
    r = client.post(
        url, json={"text": "Diabetes; needs regular insulin."}, headers=auth.headers(base.coordinator_special)
    )
    assert r.status_code == 201
    notes = client.get(url, headers=auth.headers(base.coordinator_special)).json()["items"]
    assert notes[0]["text"].startswith("Diabetes")
    plain = client.get(f"/api/v1/migrants/{person['id']}", headers=auth.headers(base.coordinator)).json()
    assert "Diabetes" not in str(plain)


def test_every_read_writes_an_audit_entry(client, auth, base, register, db):
    from api.core.models import AuditEntry

    person = register()
    h = auth.headers(base.coordinator)

    def reads() -> int:
        return db.execute(
            sa.select(sa.func.count())
            .select_from(AuditEntry)
            .where(
                AuditEntry.subject_id == uuid.UUID(person["id"]),
                AuditEntry.action.in_(["read", "list", "export"]),
            )
        ).scalar_one()

    before = reads()
    client.get(f"/api/v1/migrants/{person['id']}", headers=h)
    assert reads() == before + 1
    client.get("/api/v1/migrants", params={"q": "olena"}, headers=h)
    assert reads() == before + 2
    client.get(f"/api/v1/migrants/{person['id']}/export", headers=h)
    assert reads() >= before + 3
    entry = (
        db.execute(
            sa.select(AuditEntry)
            .where(AuditEntry.subject_id == uuid.UUID(person["id"]))
            .order_by(AuditEntry.at.desc())
        )
        .scalars()
        .first()
    )
    assert entry.actor_id == str(base.coordinator.id) and entry.purpose


def test_audit_log_is_read_only_and_tenant_bound(client, auth, base, register, db, dialect):
    person = register()
    h = auth.headers(base.coordinator)
    client.get(f"/api/v1/migrants/{person['id']}", headers=h)
    mine = client.get("/api/v1/audit", params={"subject": person["id"]}, headers=h)
    assert mine.status_code == 200 and mine.json()["items"]
    assert mine.headers["cache-control"] == "no-store"
    other = client.get(
        "/api/v1/audit", params={"subject": person["id"]}, headers=auth.headers(base.coordinator_kaunas)
    )
    assert other.json()["items"] == []
    admin = client.get("/api/v1/audit", params={"subject": person["id"]}, headers=auth.headers(base.admin))
    assert len(admin.json()["items"]) == len(mine.json()["items"])
    assert client.get("/api/v1/audit", headers=auth.headers(base.provider)).status_code == 403
    entry_id = mine.json()["items"][0]["id"]
    for method in ("post", "put", "patch", "delete"):
        r = client.request(method.upper(), f"/api/v1/audit/{entry_id}", headers=h, json={})
        assert r.status_code in (404, 405)
        r = client.request(method.upper(), "/api/v1/audit", headers=h, json={})
        assert r.status_code == 405
    page = client.get(
        "/api/v1/audit", params={"limit": 1, "actor": str(base.coordinator.id)}, headers=h
    ).json()
    assert len(page["items"]) == 1 and page["next_cursor"]
    if dialect == "postgresql":
        from api.core.models import AuditEntry

        try:
            with db.begin_nested():
                db.execute(sa.update(AuditEntry).values(action="x"))
            changed = True
        except sa.exc.DBAPIError:
            changed = False
        assert not changed


def test_no_one_else_can_read_or_write_people(client, auth, base, register):
    person = register()
    pid = person["id"]
    case_id = person["open_case_id"]
    tid = client.post(
        f"/api/v1/migrants/{pid}/transfers",
        json={"to_municipality": "klaipedos-m"},
        headers=auth.headers(base.coordinator),
    ).json()["id"]
    outsiders = [base.coordinator_kaunas, base.provider, base.resident, base.analyst]
    for who in outsiders:
        h = auth.headers(who, **{"If-Match": "*"})
        for method, url, body in [
            ("GET", f"/api/v1/migrants/{pid}", None),
            ("PATCH", f"/api/v1/migrants/{pid}", {"given_name": "X"}),
            ("DELETE", f"/api/v1/migrants/{pid}", None),
            ("GET", f"/api/v1/migrants/{pid}/export", None),
            ("GET", f"/api/v1/migrants/{pid}/consents", None),
            ("POST", f"/api/v1/migrants/{pid}/consents", {"purpose": "statistics", "action": "grant"}),
            ("POST", f"/api/v1/migrants/{pid}/cases", {}),
            ("GET", f"/api/v1/migrants/{pid}/suggestions?need=housing", None),
            ("GET", f"/api/v1/migrants/{pid}/mentors", None),
            ("POST", f"/api/v1/migrants/{pid}/transfers", {"to_municipality": "kauno-m"}),
            ("GET", f"/api/v1/cases/{case_id}", None),
            ("PATCH", f"/api/v1/cases/{case_id}", {"status": "closed"}),
            ("GET", f"/api/v1/cases/{case_id}/timeline", None),
            ("POST", f"/api/v1/cases/{case_id}/notes", {"text": "x"}),
            ("POST", f"/api/v1/cases/{case_id}/needs", {"code": "digital"}),
            ("POST", f"/api/v1/transfers/{tid}/accept", None),
            ("POST", f"/api/v1/transfers/{tid}/reject", None),
        ]:
            r = client.request(method, url, json=body, headers=h)
            assert r.status_code == 404, (who.email, method, url, r.status_code)
        special = client.get(f"/api/v1/migrants/{pid}/special-notes", headers=auth.headers(who))
        assert special.status_code == 404
    # Same municipality without the special scope: 403 (the person is theirs; the notes are not).
    special = client.get(f"/api/v1/migrants/{pid}/special-notes", headers=auth.headers(base.coordinator))
    assert special.status_code == 403
    assert client.get(f"/api/v1/migrants/{pid}").status_code == 401
