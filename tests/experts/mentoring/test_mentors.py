"""Mentors: coordinators find experts and local volunteers who offer mentoring; the migrants domain
links a case to a mentor through api.experts.logic (after the person's consent)."""

from __future__ import annotations

import uuid

import pytest

from api.core.errors import ProblemError
from api.experts import logic
from tests.experts.conftest import actor_of, etag_of

MENTOR = {"ways": ["mentoring"], "mentor_capacity": 2}


@pytest.fixture
def mentors(make_expert):
    local = make_expert(
        "Vietinė Savanorė",
        country="LT",
        city="Vilnius",
        residence_municipality="vilniaus-m",
        home_municipalities=["alytaus-m"],
        languages=[{"language": "uk", "level": "C1"}, {"language": "lt", "level": "native"}],
        help_topics={"lt": "Padedu susirasti būstą"},
        **MENTOR,
    )[1]
    diaspora = make_expert(
        "Vilnietis Dubline",
        country="IE",
        home_municipalities=["vilniaus-m"],
        languages=[{"language": "en", "level": "C2"}],
        **MENTOR,
    )[1]
    kaunas = make_expert(
        "Kaunietė", country="LT", residence_municipality="kauno-m", home_municipalities=["kauno-m"], **MENTOR
    )[1]
    not_mentor = make_expert("Ne Mentorius", home_municipalities=["vilniaus-m"], ways=["remote_advice"])[1]
    return {"local": local, "diaspora": diaspora, "kaunas": kaunas, "not_mentor": not_mentor}


def found(client, auth, who, **params):
    r = client.get("/api/v1/mentors", params={"limit": 100, **params}, headers=auth.headers(who))
    assert r.status_code == 200, r.text
    return r.json()["items"]


def test_coordinator_finds_mentors_of_their_municipality(client, auth, base, mentors):
    items = found(client, auth, base.coordinator)
    ids = [i["id"] for i in items]
    # Living in Vilnius ranks above being from Vilnius; Kaunas and non-mentors are not listed.
    assert ids[:2] == [str(mentors["local"].id), str(mentors["diaspora"].id)]
    assert str(mentors["kaunas"].id) not in ids and str(mentors["not_mentor"].id) not in ids
    local = items[0]
    assert {"factor": "residence", "value": "vilniaus-m", "points": 20, "where": None} in local["reasons"]
    assert local["free_places"] == 2 and local["mentorships_active"] == 0
    assert [i["id"] for i in found(client, auth, base.coordinator, language="uk", min_level="B2")] == [
        str(mentors["local"].id)
    ]
    assert [i["id"] for i in found(client, auth, base.coordinator, q="busta")] == [str(mentors["local"].id)]
    assert str(mentors["kaunas"].id) in {
        i["id"] for i in found(client, auth, base.coordinator, municipality="any")
    }
    assert [i["id"] for i in found(client, auth, base.coordinator_kaunas)] == [str(mentors["kaunas"].id)]


def test_only_staff_who_manage_experts_search_mentors(client, auth, base):
    assert client.get("/api/v1/mentors").status_code == 401
    for who in (base.resident, base.expert, base.analyst, base.provider):
        assert client.get("/api/v1/mentors", headers=auth.headers(who)).status_code == 403


def test_linking_a_case_to_a_mentor_through_logic(client, auth, base, db, mentors):
    coordinator = actor_of(base.coordinator)
    mentor = mentors["local"]
    info = logic.get_mentor(db, mentor_id=mentor.id, municipality_id=base.municipality.id)
    assert (
        info.free_places == 2
        and info.residence_municipality == "vilniaus-m"
        and ("uk", "C1") in info.languages
    )
    with pytest.raises(ProblemError) as err:
        logic.get_mentor(db, mentor_id=mentors["not_mentor"].id, municipality_id=base.municipality.id)
    assert err.value.status == 404

    case_a, case_b, case_c = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    first = logic.start_mentorship(
        db, actor=coordinator, mentor_id=mentor.id, case_ref=case_a, municipality_id=base.municipality.id
    )
    with pytest.raises(ProblemError) as err:
        logic.start_mentorship(
            db, actor=coordinator, mentor_id=mentor.id, case_ref=case_a, municipality_id=base.municipality.id
        )
    assert err.value.status == 409
    logic.start_mentorship(
        db, actor=coordinator, mentor_id=mentor.id, case_ref=case_b, municipality_id=base.municipality.id
    )
    with pytest.raises(ProblemError) as err:
        logic.start_mentorship(
            db, actor=coordinator, mentor_id=mentor.id, case_ref=case_c, municipality_id=base.municipality.id
        )
    assert err.value.status == 409 and err.value.slug == "mentor-full"
    db.flush()
    # Full mentors drop out of "available" but show with available=false.
    assert str(mentor.id) not in {i["id"] for i in found(client, auth, base.coordinator)}
    listed = {i["id"]: i for i in found(client, auth, base.coordinator, available="false")}
    assert listed[str(mentor.id)]["free_places"] == 0
    # The mentor sees how many they mentor (never who).
    own = client.get(
        "/api/v1/experts/me", headers=auth.headers(db.get(type(base.expert), mentor.user_id))
    ).json()
    assert own["mentorships_active"] == 2

    assert [
        m.id for m in logic.mentorships_for_case(db, case_ref=case_a, municipality_id=base.municipality.id)
    ] == [first.id]
    assert logic.mentorships_for_case(db, case_ref=case_a, municipality_id=base.municipality_kaunas.id) == []
    ended = logic.end_mentorship(
        db,
        actor=coordinator,
        case_ref=case_a,
        municipality_id=base.municipality.id,
        reason="Consent withdrawn",
    )
    assert [m.id for m in ended] == [first.id] and first.ended_at is not None
    assert (
        logic.end_mentorship(db, actor=coordinator, case_ref=case_a, municipality_id=base.municipality.id)
        == []
    )
    db.flush()
    assert logic.get_mentor(db, mentor_id=mentor.id, municipality_id=base.municipality.id).free_places == 1


def test_mentorships_routes_and_tenancy(client, auth, base, db, mentors):
    row = logic.start_mentorship(
        db,
        actor=actor_of(base.coordinator),
        mentor_id=mentors["diaspora"].id,
        case_ref=uuid.uuid4(),
        municipality_id=base.municipality.id,
    )
    db.flush()
    h = auth.headers(base.coordinator)
    items = client.get("/api/v1/mentorships", params={"active": "true"}, headers=h).json()["items"]
    assert [i["id"] for i in items] == [str(row.id)] and items[0]["mentor_name"] == "Vilnietis Dubline"
    url = f"/api/v1/mentorships/{row.id}"
    kh = {**auth.headers(base.coordinator_kaunas), "If-Match": "*"}
    assert client.get(url, headers=kh).status_code == 404
    assert client.post(f"{url}/end", headers=kh).status_code == 404
    assert client.get("/api/v1/mentorships", headers=kh).json()["items"] == []
    assert client.post(f"{url}/end", headers=h).status_code == 428
    r = client.post(
        f"{url}/end", json={"reason": "Baigta"}, headers={**h, "If-Match": etag_of(client, url, h)}
    )
    assert r.status_code == 200 and r.json()["ended_at"] and r.json()["end_reason"] == "Baigta"
    assert client.post(f"{url}/end", headers={**h, "If-Match": "*"}).status_code == 409
    assert client.get("/api/v1/mentorships", params={"active": "true"}, headers=h).json()["items"] == []


def test_deleting_a_mentor_ends_their_mentorships(client, auth, base, db, make_expert):
    user, mentor = make_expert("Išeinanti Mentorė", **MENTOR)
    row = logic.start_mentorship(
        db,
        actor=actor_of(base.coordinator),
        mentor_id=mentor.id,
        case_ref=uuid.uuid4(),
        municipality_id=base.municipality.id,
    )
    db.flush()
    h = auth.headers(user)
    assert (
        client.delete(
            f"/api/v1/experts/{mentor.id}",
            headers={**h, "If-Match": etag_of(client, "/api/v1/experts/me", h)},
        ).status_code
        == 204
    )
    db.refresh(row)
    assert row.ended_at is not None
    item = client.get(f"/api/v1/mentorships/{row.id}", headers=auth.headers(base.coordinator)).json()
    assert item["mentor_name"] is None
