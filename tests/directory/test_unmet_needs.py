"""'Tell us what you were looking for': anonymous, limited, nothing personal; coordinators see their
municipality's, a report by municipality and language, and a derived indicator."""

from __future__ import annotations

from datetime import date, timedelta

from api.core.db import utcnow

V = "/api/v1/unmet-needs"


def _tell(client, **body):
    payload = {"municipality": "vilniaus-m", "language": "uk", "query": "курси польської мови", **body}
    return client.post(V, json=payload)


def test_anyone_tells_and_the_coordinator_reads_it(client, auth, base):
    r = _tell(client, filters={"category": "language.course", "level": "B1"}, message="Шукаю курси польської")
    assert r.status_code == 201, r.text
    h = auth.headers(base.coordinator)
    items = client.get(V, headers=h)
    assert items.status_code == 200 and items.headers["cache-control"] == "no-store"
    (mine,) = [i for i in items.json()["items"] if i["id"] == r.json()["id"]]
    assert mine["municipality"] == "vilniaus-m" and mine["language"] == "uk"
    assert mine["filters"] == {"category": "language.course", "level": "B1"}
    assert set(mine) == {"id", "created_at", "municipality", "language", "query", "filters", "message"}
    # Filters narrow the list.
    found = client.get(V, params={"language": "uk", "q": "польськ"}, headers=h).json()["items"]
    assert r.json()["id"] in {i["id"] for i in found}
    assert not client.get(V, params={"language": "ar"}, headers=h).json()["items"]
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    assert not client.get(V, params={"from": tomorrow}, headers=h).json()["items"]


def test_bad_input_is_refused(client):
    assert _tell(client, query="", message="").status_code == 422
    assert _tell(client, query=None, message=None).status_code == 422
    assert _tell(client, language="ukr").status_code == 422
    r = _tell(client, municipality="atlantis")
    assert r.status_code == 422 and r.headers["content-type"].startswith("application/problem+json")
    assert _tell(client, name="Olena").status_code == 422  # nothing personal is taken
    assert _tell(client, filters={"q": "x" * 101}).status_code == 422


def test_one_address_is_limited(client):
    answers = [_tell(client, query=f"шукаю {i}").status_code for i in range(21)]
    assert answers[:20] == [201] * 20 and answers[20] == 429


def test_tenancy_and_roles(client, auth, base):
    vilnius = _tell(client).json()["id"]
    kaunas = _tell(client, municipality="kauno-m").json()["id"]
    anywhere = _tell(client, municipality=None).json()["id"]

    def sees(who) -> set[str]:
        r = client.get(V, params={"limit": 100}, headers=auth.headers(who))
        assert r.status_code == 200, r.text
        return {i["id"] for i in r.json()["items"]}

    assert vilnius in sees(base.coordinator) and not {kaunas, anywhere} & sees(base.coordinator)
    assert kaunas in sees(base.coordinator_kaunas) and vilnius not in sees(base.coordinator_kaunas)
    assert {vilnius, kaunas, anywhere} <= sees(base.admin)
    assert client.get(V, headers=auth.headers(base.provider)).status_code == 403
    assert client.get(V).status_code == 401
    report = client.get(f"{V}/report", headers=auth.headers(base.coordinator_kaunas)).json()
    assert {g["municipality"] for g in report["groups"]} == {"kauno-m"}


def test_report_groups_by_place_and_language_with_the_words_asked_for(client, auth, base):
    for query in ("курси польської мови", "курсів польської", "житло"):
        assert _tell(client, query=query).status_code == 201
    assert _tell(client, language="ru", query="курсы польского").status_code == 201
    h = auth.headers(base.coordinator)
    report = client.get(f"{V}/report", headers=h).json()
    groups = {(g["municipality"], g["language"]): g for g in report["groups"]}
    uk = groups[("vilniaus-m", "uk")]
    assert uk["count"] >= 3 and groups[("vilniaus-m", "ru")]["count"] >= 1
    terms = {t["term"]: t["count"] for t in uk["terms"]}
    # "курси" and "курсів" are one word; so are "польської" twice.
    assert max(terms.values()) >= 2
    assert report["total"] == sum(g["count"] for g in report["groups"])
    csv = client.get(f"{V}/report.csv", headers=h)
    assert csv.status_code == 200 and csv.headers["content-type"].startswith("text/csv")
    lines = csv.text.strip().splitlines()
    assert lines[0] == "municipality,language,count,terms" and any(
        line.startswith("vilniaus-m,uk,") for line in lines
    )
    assert client.get(f"{V}/report", params={"from": "yesterday"}, headers=h).status_code == 422


def test_the_derived_indicator_counts_them(client, db):
    from api.directory.derived import UnmetServiceSearches
    from api.indicators.providers import Scope
    from api.municipalities.logic import get_by_slug

    def cells():
        today = date.today()
        scope = Scope(
            place="vilniaus-m",
            municipality_ids=frozenset({get_by_slug(db, "vilniaus-m").id}),
            period=str(today.year),
            start=date(today.year, 1, 1),
            end=date(today.year, 12, 31),
            as_of=utcnow() + timedelta(days=1),
        )
        return {
            next(iter(c.breakdowns.values()), "total"): c.value
            for c in UnmetServiceSearches().compute(db, scope)
        }

    before = cells()
    _tell(client)
    _tell(client, language="ar", query="دروس اللغة")
    _tell(client, municipality="kauno-m")
    after = cells()
    assert after["total"] - before.get("total", 0) == 2
    assert after["uk"] - before.get("uk", 0) == 1 and after["ar"] - before.get("ar", 0) == 1


def test_the_indicator_is_defined(db):
    from sqlmodel import select

    from api.indicators.models import IndicatorDefinition

    d = db.exec(select(IndicatorDefinition).where(IndicatorDefinition.code == "unmet_service_searches")).one()
    assert d.breakdowns == ["language"] and d.aggregation == "SUM" and not d.personal
