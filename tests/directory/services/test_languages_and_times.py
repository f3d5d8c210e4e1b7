"""Finding services as a newcomer means it: "help available in" (staff, interpretation, or the
service is given in it) apart from "given or taught in"; and when a service runs (weekdays,
evenings, weekends)."""

from __future__ import annotations

from tests.directory.conftest import ids


def _find(client, marker, **params):
    return ids(client.get("/api/v1/services", params={"q": marker, "limit": 50, **params}))


def test_help_in_versus_taught_in(client, make_service, marker):
    course = make_service(
        categories=["language.course"],
        languages=["uk", "ru"],  # explained in Ukrainian and Russian
        provided_languages=["lt"],  # taught in Lithuanian
        description={"lt": marker},
        level="A2",
    )
    ukrainian_ngo = make_service(languages=[], provided_languages=["uk"], description={"lt": marker})
    lithuanian_only = make_service(languages=["lt"], provided_languages=["lt"], description={"lt": marker})
    # "I can get help in Ukrainian": the course explained in it and the service given in it.
    assert _find(client, marker, language="uk") == {str(course.id), str(ukrainian_ngo.id)}
    # "Taught in Lithuanian": the course and the Lithuanian-only service, not the Ukrainian NGO.
    assert _find(client, marker, provided_language="lt") == {str(course.id), str(lithuanian_only.id)}
    assert _find(client, marker, provided_language="uk", language="uk") == {str(ukrainian_ngo.id)}
    item = client.get(f"/api/v1/services/{course.id}").json()
    assert item["languages"] == ["uk", "ru"] and item["provided_languages"] == ["lt"]
    r = client.get("/api/v1/services", params={"provided_language": "ukr"})
    assert r.status_code == 422 and r.headers["content-type"].startswith("application/problem+json")


def test_the_languages_are_written_and_checked_through_the_api(client, auth, base):
    from tests.directory.conftest import NEW_SERVICE

    h = auth.headers(base.provider)
    body = {**NEW_SERVICE, "languages": ["uk"], "provided_languages": ["lt"]}
    r = client.post("/api/v1/services", json=body, headers=h)
    assert r.status_code == 201, r.text
    assert r.json()["provided_languages"] == ["lt"]
    r = client.post("/api/v1/services", json={**NEW_SERVICE, "provided_languages": ["xx"]}, headers=h)
    assert r.status_code == 422


def test_when_a_service_runs(client, make_service, marker):
    def slots(*days: int, closes: str = "17:00"):
        return [
            {"weekday": d, "opens": "09:00" if closes <= "17:00" else "17:30", "closes": closes} for d in days
        ]

    weekday_mornings = make_service(schedule=slots(1, 3), description={"lt": marker})
    weekday_evenings = make_service(schedule=slots(2, 4, closes="20:00"), description={"lt": marker})
    saturday = make_service(schedule=slots(6), description={"lt": marker})
    no_times = make_service(schedule=[], description={"lt": marker})
    assert _find(client, marker, when="evenings") == {str(weekday_evenings.id)}
    assert _find(client, marker, when="weekends") == {str(saturday.id)}
    assert _find(client, marker, when="weekdays") == {str(weekday_mornings.id), str(weekday_evenings.id)}
    both = _find(client, marker, when=["evenings", "weekends"])
    assert both == {str(weekday_evenings.id), str(saturday.id)}
    assert str(no_times.id) not in both
    r = client.get("/api/v1/services", params={"when": "nights"})
    assert r.status_code == 422
