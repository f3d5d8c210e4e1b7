"""The expert's own profile: create, change with If-Match, confirm, hide, delete; who sees contact
details; the 13-month freshness rule."""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa
from sqlmodel import select

from api.core.db import utcnow
from api.core.models import AuditEntry, OutboxMessage
from api.experts.common import months_before
from api.experts.models import (
    ExpertCompetence,
    ExpertHome,
    ExpertInvitation,
    ExpertLanguage,
    ExpertProfile,
    ExpertShowcase,
)
from api.experts.profiles import reminders
from tests.experts.conftest import etag_of

BODY = {
    "headline": "Miestų planuotoja Londone",
    "home_municipalities": ["siauliu-m", "vilniaus-m"],
    "country": "GB",
    "city": "London",
    "bio": {"lt": "Dirbu miestų planavimo biure.", "en": "I work at an urban planning office."},
    "help_topics": {"lt": "Viešosios erdvės, dviračių takai"},
    "competences": ["urban_planning", "transport_mobility"],
    "tags": ["dviračiai", "Dviračiai", "parks"],
    "languages": [{"language": "en", "level": "C2"}, {"language": "lt", "level": "native"}],
    "hours_per_month": 6,
    "ways": ["remote_advice", "workshop"],
    "contact_email": "ruta@example.org",
    "contact_phone": "+44 20 7946 0000",
    "contact_consent": True,
}


def test_create_and_read_own_profile(client, auth, base):
    h = auth.headers(base.expert)
    assert client.get("/api/v1/experts/me", headers=h).status_code == 404
    r = client.post("/api/v1/experts", json=BODY, headers=h)
    assert r.status_code == 201, r.text
    data = r.json()
    assert r.headers["Location"] == f"/api/v1/experts/{data['id']}"
    assert r.headers["Cache-Control"] == "no-store"
    assert data["display_name"] == base.expert.display_name
    assert data["home_municipalities"] == ["siauliu-m", "vilniaus-m"]
    assert [c["code"] for c in data["competences"]] == ["urban_planning", "transport_mobility"]
    assert data["tags"] == ["dviračiai", "parks"]  # repeated tags (any case) kept once
    assert data["languages"][0] == {"language": "lt", "level": "native"}
    assert data["contact"] == {"email": "ruta@example.org", "phone": "+44 20 7946 0000", "url": None}
    assert data["visibility"] == "public" and data["stale"] is False
    assert data["contact_consent_at"] is not None
    # Texts resolve by language; the map with translations=all.
    assert (
        client.get("/api/v1/experts/me?lang=en", headers=h).json()["bio"]
        == "I work at an urban planning office."
    )
    assert (
        client.get("/api/v1/experts/me?lang=uk", headers=h).json()["bio"]
        == "I work at an urban planning office."  # no Ukrainian text: English before Lithuanian
    )
    uk = client.get("/api/v1/experts/me?lang=uk", headers=h).json()
    assert uk["text_languages"]["bio"] == "en" and uk["translation_status"] is None
    full = client.get("/api/v1/experts/me?translations=all", headers=h).json()
    assert full["bio"]["en"] == "I work at an urban planning office."
    assert full["translation_status"]["bio"]["uk"] == "missing" and full["text_languages"] is None
    assert full["competences"][0]["name"]["uk"] == "Містобудування"
    # One profile per account.
    assert client.post("/api/v1/experts", json=BODY, headers=h).status_code == 409


def test_profile_validation(client, auth, base):
    h = auth.headers(base.expert)
    cases = [
        ({"home_municipalities": ["atlantis"]}, "home_municipalities"),
        ({"competences": ["juggling"]}, "competences"),
        ({"country": "XX"}, "country"),
        ({"languages": [{"language": "en", "level": "B3"}]}, "level"),
        ({"residence_municipality": "kauno-m"}, "residence_municipality"),  # lives in GB
        ({"mentor_capacity": 2}, "mentor_capacity"),  # without the mentoring way
        ({"contact_email": None, "contact_phone": None}, "contact_consent"),  # consent, nothing to share
        ({"unknown": 1}, "unknown"),
    ]
    for change, field in cases:
        r = client.post("/api/v1/experts", json={**BODY, **change}, headers=h)
        assert r.status_code == 422, (change, r.text)
        assert any(field in e["loc"] for e in r.json()["errors"]), (change, r.json())


def test_only_experts_have_profiles(client, auth, base):
    for who in (base.resident, base.coordinator, base.admin):
        assert client.post("/api/v1/experts", json=BODY, headers=auth.headers(who)).status_code == 403
    assert client.post("/api/v1/experts", json=BODY).status_code == 401


def test_change_needs_if_match_and_only_own(client, auth, base, make_expert):
    h = auth.headers(base.expert)
    mine = client.post("/api/v1/experts", json=BODY, headers=h).json()
    url = f"/api/v1/experts/{mine['id']}"
    assert client.patch(url, json={"city": "Leeds"}, headers=h).status_code == 428
    assert client.patch(url, json={"city": "Leeds"}, headers={**h, "If-Match": '"v99"'}).status_code == 412
    tag = etag_of(client, "/api/v1/experts/me", h)
    r = client.patch(
        url,
        json={"city": "Leeds", "ways": ["mentoring"], "mentor_capacity": 2},
        headers={**h, "If-Match": tag},
    )
    assert r.status_code == 200, r.text
    assert r.json()["city"] == "Leeds" and r.json()["mentoring"] == {"offers": True, "capacity": 2}
    assert r.headers["ETag"] != tag
    # Another expert (or anyone else) cannot change, confirm or delete it: 404, not 403.
    _, other = make_expert("Kitas Ekspertas")
    other_url = f"/api/v1/experts/{other.id}"
    for method, path in [("PATCH", other_url), ("POST", f"{other_url}/confirm"), ("DELETE", other_url)]:
        r = client.request(
            method, path, json={"city": "X"} if method == "PATCH" else None, headers={**h, "If-Match": "*"}
        )
        assert r.status_code == 404, (method, path, r.text)


def test_contact_details_only_for_staff_with_consent(client, auth, base, make_expert):
    _, consenting = make_expert("Sutinkanti", contact_email="a@example.org", contact_consent=True)
    _, private = make_expert("Nesutinkantis", contact_email="b@example.org", contact_consent=False)
    for profile, shown in ((consenting, True), (private, False)):
        url = f"/api/v1/experts/{profile.id}"
        for who, sees in [
            (None, False),
            (base.resident, False),
            (base.diaspora, False),
            (base.expert2, False),
            (base.analyst, False),
            (base.coordinator, shown),
            (base.provider, shown),
            (base.admin, shown),
        ]:
            r = client.get(url, headers=auth.headers(who) if who else {})
            assert r.status_code == 200, r.text
            assert r.headers["Cache-Control"] == "no-store"
            contact = r.json()["contact"]
            assert (contact is not None) is sees, (profile.display_name, who and who.role)
            if sees:
                assert contact["email"] == "a@example.org"
            # The search results follow the same rule.
            hits = client.get(
                "/api/v1/experts", params={"q": "public"}, headers=auth.headers(who) if who else {}
            )
            for hit in hits.json()["items"]:
                if hit["id"] == str(profile.id):
                    assert (hit["contact"] is not None) is sees
            assert "b@example.org" not in r.text


def test_contact_reads_are_audited(client, auth, base, make_expert, db):
    _, profile = make_expert("Audituojama", contact_email="a@example.org", contact_consent=True)
    client.get(f"/api/v1/experts/{profile.id}", headers=auth.headers(base.coordinator))
    entries = db.exec(
        select(AuditEntry).where(AuditEntry.record_id == str(profile.id), AuditEntry.action == "read_contact")
    ).all()
    assert len(entries) == 1
    assert entries[0].actor_id == str(base.coordinator.id)
    assert "a@example.org" not in str(entries[0].details)


def test_visibility_staff_and_hidden(client, auth, base, make_expert):
    _, staff_only = make_expert("Tik Darbuotojams", visibility="staff")
    _, hidden = make_expert("Paslėptas", visibility="hidden")
    assert client.get(f"/api/v1/experts/{staff_only.id}").status_code == 404
    assert (
        client.get(f"/api/v1/experts/{staff_only.id}", headers=auth.headers(base.resident)).status_code == 404
    )
    assert (
        client.get(f"/api/v1/experts/{staff_only.id}", headers=auth.headers(base.coordinator)).status_code
        == 200
    )
    for who in (None, base.resident, base.coordinator, base.admin):
        r = client.get(f"/api/v1/experts/{hidden.id}", headers=auth.headers(who) if who else {})
        assert r.status_code == 404
    public_ids = {h["id"] for h in client.get("/api/v1/experts", params={"limit": 100}).json()["items"]}
    staff_ids = {
        h["id"]
        for h in client.get(
            "/api/v1/experts", params={"limit": 100}, headers=auth.headers(base.coordinator)
        ).json()["items"]
    }
    assert str(staff_only.id) not in public_ids and str(staff_only.id) in staff_ids
    assert str(hidden.id) not in staff_ids


def test_hide_at_any_time(client, auth, make_expert):
    user, profile = make_expert("Slepiasi")
    h = auth.headers(user)
    assert client.get(f"/api/v1/experts/{profile.id}").status_code == 200
    tag = etag_of(client, "/api/v1/experts/me", h)
    r = client.patch(
        f"/api/v1/experts/{profile.id}", json={"visibility": "hidden"}, headers={**h, "If-Match": tag}
    )
    assert r.status_code == 200
    assert client.get(f"/api/v1/experts/{profile.id}").status_code == 404
    # The owner still sees it.
    assert client.get(f"/api/v1/experts/{profile.id}", headers=h).status_code == 200


def test_unconfirmed_profiles_drop_out_of_search_after_13_months(client, auth, db, make_expert):
    user, profile = make_expert("Seniai Patvirtinęs", help_topics={"en": "zebrafish"})
    _, fresh = make_expert("Neseniai Patvirtinęs", help_topics={"en": "zebrafish"})
    now = utcnow()
    profile.confirmed_at = months_before(now, 13) - timedelta(days=1)
    fresh.confirmed_at = months_before(now, 13) + timedelta(days=1)
    db.add_all([profile, fresh])
    db.flush()
    found = {h["id"] for h in client.get("/api/v1/experts", params={"q": "zebrafish"}).json()["items"]}
    assert found == {str(fresh.id)}
    assert client.get(f"/api/v1/experts/{profile.id}").status_code == 404
    staff = client.get(f"/api/v1/experts/{profile.id}", headers=auth.headers(user)).json()
    assert staff["stale"] is True
    # Confirming brings it back for another 13 months.
    h = auth.headers(user)
    assert client.post(f"/api/v1/experts/{profile.id}/confirm", headers=h).status_code == 428
    tag = etag_of(client, "/api/v1/experts/me", h)
    r = client.post(f"/api/v1/experts/{profile.id}/confirm", headers={**h, "If-Match": tag})
    assert r.status_code == 200, r.text
    assert r.json()["stale"] is False
    due = r.json()["confirm_due"]
    assert due[:7] > now.isoformat()[:7]
    found = {h["id"] for h in client.get("/api/v1/experts", params={"q": "zebrafish"}).json()["items"]}
    assert found == {str(fresh.id), str(profile.id)}


def test_confirmation_reminders_go_to_the_outbox_once(db, make_expert):
    user, profile = make_expert("Priminimas")
    _, recent = make_expert("Naujas")
    now = utcnow()
    profile.confirmed_at = months_before(now, 12) - timedelta(days=2)
    db.add(profile)
    db.flush()
    assert reminders.send_confirmation_reminders(db, now=now, base_url="https://langelis.example") == 1
    mail = db.exec(select(OutboxMessage).where(OutboxMessage.recipient == user.email)).all()
    assert len(mail) == 1 and mail[0].kind == "expert_confirm_reminder"
    assert "https://langelis.example/#/experts/me" in mail[0].body
    # Not twice for the same confirmation; again after the next year.
    assert reminders.send_confirmation_reminders(db, now=now, base_url="https://x") == 0
    assert recent.reminded_at is None


def test_delete_erases_personal_data_and_keeps_anonymous_hours(
    client, auth, db, base, make_expert, make_request
):
    from api.experts.logic import contributions_by_home_municipality

    user, profile = make_expert(
        "Ištrinsiu Save",
        contact_email="erase@example.org",
        contact_consent=True,
        home_municipalities=["jonavos-r"],
        tags=["secret-tag"],
    )
    req = make_request()
    db.add(
        ExpertShowcase(expert_id=profile.id, municipality_id=base.municipality.id, story={"lt": "Istorija"})
    )
    db.add(
        ExpertInvitation(
            request_id=req.id,
            expert_id=profile.id,
            municipality_id=req.municipality_id,
            status="answered",
            answer_kind="opinion",
            answer_text="Plant trees.",
            hours_given=7.5,
            answered_at=utcnow(),
        )
    )
    other_req = make_request()
    db.add(
        ExpertInvitation(request_id=other_req.id, expert_id=profile.id, municipality_id=req.municipality_id)
    )
    db.flush()
    start, end = utcnow() - timedelta(days=1), utcnow() + timedelta(days=1)
    jonava = [
        c
        for c in contributions_by_home_municipality(db, start=start, end=end)
        if c.municipality == "jonavos-r"
    ]
    assert jonava[0].hours == 7.5

    h = auth.headers(user)
    tag = etag_of(client, "/api/v1/experts/me", h)
    assert client.delete(f"/api/v1/experts/{profile.id}", headers=h).status_code == 428
    assert client.delete(f"/api/v1/experts/{profile.id}", headers={**h, "If-Match": tag}).status_code == 204
    assert client.get("/api/v1/experts/me", headers=h).status_code == 404
    assert (
        client.get(f"/api/v1/experts/{profile.id}", headers=auth.headers(base.coordinator)).status_code == 404
    )

    # The database itself: nothing personal left, the tombstone has no owner.
    db.expire_all()
    row = db.get(ExpertProfile, profile.id)
    assert row.user_id is None and row.deleted_at is not None
    assert row.display_name == "" and row.headline == "" and row.city == "" and row.country is None
    assert row.bio == {} and row.help_topics == {} and row.tags == [] and row.search_text == ""
    assert row.contact_email is None and row.contact_phone is None and row.contact_consent is False
    for table in (ExpertCompetence, ExpertLanguage, ExpertShowcase):
        assert db.exec(select(table).where(table.expert_id == profile.id)).first() is None
    raw = db.connection().execute(sa.text("SELECT * FROM expert_profiles")).fetchall()
    assert not any(
        "erase@example.org" in str(r) or "Ištrinsiu" in str(r) or "secret-tag" in str(r) for r in raw
    )
    # The home municipality and the hours stay, anonymously.
    assert db.exec(select(ExpertHome).where(ExpertHome.expert_id == profile.id)).first() is not None
    invitations = db.exec(select(ExpertInvitation).where(ExpertInvitation.expert_id == profile.id)).all()
    assert {i.status for i in invitations} == {"answered", "declined"}
    jonava = [
        c
        for c in contributions_by_home_municipality(db, start=start, end=end)
        if c.municipality == "jonavos-r"
    ]
    assert jonava[0].hours == 7.5 and jonava[0].contributing_experts == 1
    # The requester still reads the answer, no longer attributed.
    inv = client.get(
        f"/api/v1/expert-requests/{req.id}/invitations", headers=auth.headers(base.coordinator)
    ).json()
    assert inv["items"][0]["expert"] is None and inv["items"][0]["answer_text"] == "Plant trees."
    # The account may start a new profile.
    assert client.post("/api/v1/experts", json=BODY, headers=h).status_code == 201


def test_profiles_in_every_language_are_searchable(client, make_expert):
    _, uk = make_expert("Олена", help_topics={"uk": "Інтеграція біженців, психологічна підтримка"})
    _, ru = make_expert("Дмитрий", bio={"ru": "Работаю инженером-строителем в Осло"})
    _, lt = make_expert("Jūratė", help_topics={"lt": "Šiaulių kultūros paveldas"})

    def ids(q):
        return {h["id"] for h in client.get("/api/v1/experts", params={"q": q}).json()["items"]}

    assert str(uk.id) in ids("біженців")
    assert str(uk.id) in ids("ПСИХОЛОГІЧНА")
    assert str(ru.id) in ids("инженером")
    assert str(lt.id) in ids("siauliu paveldas")  # without diacritics
    assert str(lt.id) in ids("ŠIAULIŲ")
