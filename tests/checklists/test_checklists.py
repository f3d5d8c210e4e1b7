"""What do I need? The steps that fit her answers, in her language, with services open to her; a
municipality hides, changes or adds steps; bad answers are a 422; nothing is stored."""

from __future__ import annotations

from datetime import date, timedelta

from tests.directory.conftest import make_org, make_service  # noqa: F401 - fixtures

ANSWERS = {
    "municipality": "vilniaus-m",
    "legal_status": "temporary_protection",
    "arrival_date": (date.today() - timedelta(days=30)).isoformat(),
    "children": True,
    "lithuanian_level": "A1",
    "needs": ["language", "housing"],
}


def _checklist(client, lang="uk", **changes):
    return client.post("/api/v1/checklists", json={**ANSWERS, **changes}, headers={"Accept-Language": lang})


def test_the_steps_fit_her_answers_in_her_language(client, make_service):  # noqa: F811 - the fixture
    course = make_service(
        categories=["language.course"], level="A2", name={"lt": "Lietuvių kalba A2", "uk": "Литовська A2"}
    )
    r = _checklist(client)
    assert r.status_code == 200, r.text
    assert r.headers["cache-control"] == "no-store"
    keys = [s["key"] for s in r.json()["steps"]]
    assert keys[0] == "declare_residence" and keys[-1] == "community"
    assert {"permit", "school", "lithuanian_course", "housing"} <= set(keys)
    assert "employment" not in keys and "returnee_package" not in keys
    lt_step = next(s for s in r.json()["steps"] if s["key"] == "lithuanian_course")
    assert lt_step["title"] == "Почніть курси литовської мови свого рівня"
    # A1 now: the next course is A2, and the one offered in Vilnius is listed.
    assert str(course.id) in {s["id"] for s in lt_step["services"]}
    assert lt_step["search"]["municipality"] == "vilniaus-m"


def test_other_answers_other_steps(client):
    keys = lambda r: {s["key"] for s in r.json()["steps"]}  # noqa: E731
    returnee = _checklist(
        client, legal_status="returnee", children=False, lithuanian_level="native", needs=["employment"]
    )
    assert {"returnee_package", "employment"} <= keys(returnee)
    assert not {"permit", "school", "lithuanian_course"} & keys(returnee)
    long_ago = _checklist(client, arrival_date="2015-01-01")
    assert "declare_residence" not in keys(long_ago)


def test_a_municipality_changes_its_checklist(client, auth, base):
    h = auth.headers(base.coordinator)
    url = "/api/v1/checklist-templates/vilniaus-m/steps"
    assert client.put(f"{url}/school", json={"hidden": True}, headers=h).status_code == 200
    where = {
        "lt": "Vilniaus švietimo centras, Gedimino pr. 9",
        "uk": "Освітній центр Вільнюса, Gedimino pr. 9",
    }
    assert client.put(f"{url}/family_doctor", json={"where": where}, headers=h).status_code == 200
    local = {
        "title": {"lt": "Gaukite Vilniečio kortelę", "uk": "Отримайте картку вільнюсця"},
        "order": 35,
        "categories": ["info"],
    }
    r = client.put(f"{url}/vilnius_card", json=local, headers=h)
    assert r.status_code == 200, r.text
    sources = {s["key"]: s["source"] for s in r.json()["steps"]}
    assert (
        sources["vilnius_card"] == "local"
        and sources["family_doctor"] == "changed"
        and sources["permit"] == "national"
    )
    steps = {s["key"]: s for s in _checklist(client).json()["steps"]}
    assert "school" not in steps and steps["vilnius_card"]["title"] == "Отримайте картку вільнюсця"
    assert steps["family_doctor"]["where"].startswith("Освітній центр")
    # Kaunas is not changed, and a Kaunas coordinator cannot change Vilnius.
    kaunas = {s["key"] for s in _checklist(client, municipality="kauno-m").json()["steps"]}
    assert "school" in kaunas and "vilnius_card" not in kaunas
    assert (
        client.put(
            f"{url}/permit", json={"hidden": True}, headers=auth.headers(base.coordinator_kaunas)
        ).status_code
        == 403
    )
    assert (
        client.put(f"{url}/permit", json={"hidden": True}, headers=auth.headers(base.provider)).status_code
        == 403
    )
    assert client.put(f"{url}/permit", json={"hidden": True}).status_code == 401
    # Back to the national step.
    assert client.delete(f"{url}/school", headers=h).status_code == 204
    assert "school" in {s["key"] for s in _checklist(client).json()["steps"]}


def test_bad_answers_and_changes_are_refused(client, auth, base):
    for bad in (
        {"legal_status": "martian"},
        {"needs": ["flying"]},
        {"municipality": "atlantis"},
        {"lithuanian_level": "Z9"},
        {"age": 3},
    ):
        r = _checklist(client, **bad)
        assert r.status_code == 422, bad
        assert r.headers["content-type"].startswith("application/problem+json")
    h = auth.headers(base.coordinator)
    url = "/api/v1/checklist-templates/vilniaus-m/steps"
    assert client.put(f"{url}/no_title_step", json={"hidden": False}, headers=h).status_code == 422
    assert client.put(f"{url}/permit", json={"categories": ["nope"]}, headers=h).status_code == 422
    assert client.put(f"{url}/Bad-Key", json={"hidden": True}, headers=h).status_code == 422


def test_nothing_she_answers_is_stored(client, db):
    from sqlalchemy import inspect, text

    tables = [t for t in inspect(db.get_bind()).get_table_names() if t not in ("alembic_version",)]
    before = {t: db.execute(text(f'SELECT COUNT(*) FROM "{t}"')).scalar() for t in tables}
    assert _checklist(client, needs=["legal"], children=False).status_code == 200
    after = {t: db.execute(text(f'SELECT COUNT(*) FROM "{t}"')).scalar() for t in tables}
    assert {t for t in tables if before[t] != after[t]} == set()


def test_a_municipalitys_own_step_is_in_the_translation_workflow(client, auth, base):
    h = auth.headers(base.coordinator)
    url = "/api/v1/checklist-templates/vilniaus-m/steps"
    local = {"title": {"lt": "Gaukite Vilniečio kortelę"}, "order": 35, "categories": ["info"]}
    assert client.put(f"{url}/vilnius_card", json=local, headers=h).status_code == 200
    queue = client.get(
        "/api/v1/translations/queue", params={"lang": "uk", "record_type": "checklist_step"}, headers=h
    )
    assert queue.status_code == 200, queue.text
    titles = [i for i in queue.json()["items"] if i["field"] == "title"]
    assert titles and all(i["status"] == "missing" for i in titles)
    record = titles[0]["record_id"]
    etag = client.get(f"/api/v1/translations/records/checklist_step/{record}", headers=h).headers.get("etag")
    assert etag
    r = client.put(
        f"/api/v1/translations/records/checklist_step/{record}/title/uk",
        json={"text": "Отримайте картку вільнюсця"},
        headers={**h, "If-Match": etag},
    )
    assert r.status_code == 200, r.text
    steps = {s["key"]: s for s in _checklist(client).json()["steps"]}
    assert steps["vilnius_card"]["title"] == "Отримайте картку вільнюсця"
    # Kaunas's coordinator neither sees nor translates Vilnius's steps.
    other = auth.headers(base.coordinator_kaunas)
    queue = client.get(
        "/api/v1/translations/queue", params={"lang": "uk", "record_type": "checklist_step"}, headers=other
    )
    assert record not in {i["record_id"] for i in queue.json()["items"]}
    assert (
        client.get(f"/api/v1/translations/records/checklist_step/{record}", headers=other).status_code == 404
    )
