"""Search: every filter narrows as it should, the ranking puts the better match first, the reason
adds up to the score, and pages neither overlap nor skip."""

from __future__ import annotations

import pytest

from api.experts.profiles.ranking import POINTS

# A marker word in every profile of this module keeps other tests' data out of the assertions.
MARK = "kvarkas"


@pytest.fixture
def population(make_expert):
    """Five experts who differ in one thing each."""
    people = {
        "ona": make_expert(
            "Ona Planuotoja",
            home_municipalities=["siauliu-m"],
            country="GB",
            competences=["urban_planning", "architecture"],
            languages=[{"language": "en", "level": "C2"}, {"language": "uk", "level": "B1"}],
            ways=["remote_advice", "workshop"],
            hours_per_month=10,
            help_topics={"lt": f"{MARK} viešosios erdvės"},
            bio={"en": "Architect in London."},
        ),
        "petras": make_expert(
            "Petras Inžinierius",
            home_municipalities=["kauno-m"],
            country="NO",
            competences=["engineering", "energy"],
            languages=[{"language": "en", "level": "B2"}, {"language": "no", "level": "C1"}],
            ways=["in_person_visit"],
            hours_per_month=2,
            help_topics={"en": f"{MARK} heat pumps"},
            bio={"en": "Energy engineer, public spaces lover."},
        ),
        "ruta": make_expert(
            "Rūta Teisininkė",
            home_municipalities=["siauliu-m", "vilniaus-m"],
            country="DE",
            competences=["law_migration"],
            languages=[{"language": "de", "level": "C1"}, {"language": "en", "level": "B1"}],
            ways=["remote_advice", "media"],
            hours_per_month=20,
            help_topics={"en": f"{MARK} Aufenthaltsrecht (German residence law)"},
        ),
        "jonas": make_expert(
            "Jonas Mentorius",
            home_municipalities=["jonavos-r"],
            country="LT",
            residence_municipality="jonavos-r",
            competences=["social_work", "urban_planning"],
            languages=[{"language": "ru", "level": "native"}, {"language": "en", "level": "A2"}],
            ways=["mentoring"],
            mentor_capacity=2,
            hours_per_month=8,
            help_topics={"ru": f"{MARK} помощь беженцам"},
        ),
        "ieva": make_expert(
            "Ieva Dizainerė",
            home_municipalities=["siauliu-m"],
            country="GB",
            competences=["design"],
            languages=[{"language": "en", "level": "native"}],
            ways=["job_trial"],
            hours_per_month=0,
            help_topics={"en": f"{MARK} graphic design"},
            bio={"en": "Urban sketcher; viesosios erdves."},
        ),
    }
    return {k: str(v[1].id) for k, v in people.items()}


def names(client, **params):
    r = client.get("/api/v1/experts", params={"q": MARK, "limit": 100, **params})
    assert r.status_code == 200, r.text
    return r.json()["items"]


def ids(client, **params):
    return {h["id"] for h in names(client, **params)}


def test_each_filter_narrows(client, population):
    p = population
    assert ids(client) == set(p.values())
    assert ids(client, competence="urban_planning") == {p["ona"], p["jonas"]}
    assert ids(client, competence=["design", "energy"]) == {p["ieva"], p["petras"]}
    assert ids(client, language="en") == {p["ona"], p["petras"], p["ruta"], p["jonas"], p["ieva"]}
    assert ids(client, language="en", min_level="B2") == {p["ona"], p["petras"], p["ieva"]}
    assert ids(client, language="en", min_level="native") == {p["ieva"]}
    assert ids(client, language="uk") == {p["ona"]}
    assert ids(client, municipality="siauliu-m") == {p["ona"], p["ruta"], p["ieva"]}
    assert ids(client, municipality="vilniaus-m") == {p["ruta"]}
    assert ids(client, country="GB") == {p["ona"], p["ieva"]}
    assert ids(client, country="gb") == {p["ona"], p["ieva"]}
    assert ids(client, way="mentoring") == {p["jonas"]}
    assert ids(client, way=["media", "in_person_visit"]) == {p["ruta"], p["petras"]}
    assert ids(client, min_hours=8) == {p["ona"], p["ruta"], p["jonas"]}
    assert ids(client, min_hours=21) == set()
    # Combined with AND.
    assert ids(client, municipality="siauliu-m", country="GB", language="en", min_level="C1") == {
        p["ona"],
        p["ieva"],
    }
    assert ids(client, municipality="siauliu-m", competence="architecture", way="workshop") == {p["ona"]}


def test_free_text_over_bio_and_topics_ignores_diacritics(client, population):
    p = population
    assert ids(client, q=f"{MARK} viesosios") == {p["ona"], p["ieva"]}  # topics of Ona, bio of Ieva
    assert ids(client, q=f"{MARK} VIEŠOSIOS ERDVĖS") == {p["ona"], p["ieva"]}
    assert ids(client, q=f"{MARK} aufenthaltsrecht") == {p["ruta"]}
    assert ids(client, q=f"{MARK} беженцам") == {p["jonas"]}
    assert ids(client, q=f"{MARK} nothing-like-this") == set()
    # Words of the name or city are not searched: only bio, help topics, tags and headline.
    assert ids(client, q=f"{MARK} Dizainerė") == set()


def test_ranking_puts_the_better_match_first_and_explains_it(client, population):
    p = population
    # Both from Šiauliai speak English; Ona has more of what is asked.
    hits = names(client, q=f"{MARK} viesosios", language="en", min_level="B2")
    assert [h["id"] for h in hits] == [p["ona"], p["ieva"]]
    ona, ieva = hits
    assert ona["score"] > ieva["score"]
    for hit in hits:
        assert hit["score"] == sum(r["points"] for r in hit["reasons"])
    reasons = {(r["factor"], r["value"]): r for r in ona["reasons"]}
    assert reasons[("term", "viesosios")]["where"] == "topics"
    assert reasons[("term", "viesosios")]["points"] == POINTS["term_topics"]
    ieva_terms = {r["value"]: r for r in ieva["reasons"] if r["factor"] == "term"}
    assert (
        ieva_terms["viesosios"]["where"] == "bio" and ieva_terms["viesosios"]["points"] == POINTS["term_bio"]
    )
    # Native (rank 7) over B2 (rank 4) for Ieva: 20 + 3 × 3; C2 for Ona: 20 + 2 × 3.
    lang = {h["id"]: next(r for r in h["reasons"] if r["factor"] == "language") for h in hits}
    assert lang[p["ieva"]]["points"] == POINTS["language"] + 3 * POINTS["language_step"]
    assert lang[p["ona"]]["points"] == POINTS["language"] + 2 * POINTS["language_step"]
    assert lang[p["ona"]]["value"] == "en C2 (≥ B2)"
    # Hours: one point per two hours a month, at most ten.
    assert reasons[("hours", "10")]["points"] == 5


def test_more_matching_competences_rank_higher(client, population):
    p = population
    hits = names(client, competence=["urban_planning", "architecture"])
    assert [h["id"] for h in hits] == [p["ona"], p["jonas"]]
    assert [r for r in hits[0]["reasons"] if r["factor"] == "competence"] == [
        {"factor": "competence", "value": "urban_planning", "points": 30, "where": None},
        {"factor": "competence", "value": "architecture", "points": 30, "where": None},
    ]


def test_sorting_and_pagination(client, population):
    p = population
    seen = []
    cursor = None
    while True:
        params = {"limit": 2, "language": "en"}
        if cursor:
            params["cursor"] = cursor
        r = client.get("/api/v1/experts", params={"q": MARK, **params})
        assert r.status_code == 200, r.text
        body = r.json()
        seen += [h["id"] for h in body["items"]]
        cursor = body["next_cursor"]
        if not cursor:
            break
        assert 'rel="next"' in r.headers["Link"]
    full = [h["id"] for h in names(client, language="en")]
    assert seen == full and len(seen) == len(set(seen)) == 5
    scores = [h["score"] for h in names(client, language="en")]
    assert scores == sorted(scores, reverse=True)
    by_name = [h["display_name"] for h in names(client, sort="name")]
    assert by_name == sorted(by_name)
    assert set(p.values()) == {h["id"] for h in names(client, sort="-confirmed_at")}
    # A cursor belongs to its question: with other filters it is refused.
    first = client.get("/api/v1/experts", params={"q": MARK, "limit": 2, "language": "en"}).json()
    r = client.get(
        "/api/v1/experts", params={"q": MARK, "limit": 2, "language": "de", "cursor": first["next_cursor"]}
    )
    assert r.status_code == 400


def test_bad_filters_are_422(client):
    for params in (
        {"competence": "juggling"},
        {"municipality": "atlantis"},
        {"country": "XX"},
        {"language": "xx"},
        {"min_level": "B2"},
        {"way": "telepathy"},
        {"min_hours": -1},
        {"sort": "random"},
    ):
        r = client.get("/api/v1/experts", params=params)
        assert r.status_code == 422, (params, r.text)
        assert r.headers["content-type"].startswith("application/problem+json")


def test_competence_reference_list(client):
    r = client.get("/api/v1/competences", params={"lang": "uk"})
    assert r.status_code == 200
    items = {c["code"]: c for c in r.json()["items"]}
    assert len(items) == 44
    assert items["urban_planning"]["name"] == "Містобудування"
    assert (
        client.get("/api/v1/competences", params={"lang": "ru"}).json()["items"][0]["name"]
        == "Градостроительство"
    )
