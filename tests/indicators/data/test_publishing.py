"""Drafts are invisible to the public; published data is visible. Tenancy of bound actors."""

from __future__ import annotations

from tests.indicators.conftest import csv_lines

ROWS = [
    "foreign_residents,kauno-m,2024Q4,1000",
    "foreign_residents,vilniaus-m,2024Q4,5000",
    "experienced_discrimination,kauno-m,2024,21.5",
]


def _load(ind):
    ind.loaded(csv_lines("indicator,place,period,value", ROWS))


def test_draft_is_invisible_to_the_public_and_published_is_visible(ind):
    _load(ind)
    params = {"indicator": "foreign_residents", "period": "2024Q4", "place": "kauno-m,vilniaus-m"}
    assert ind.table(None, **params) == {}
    assert ind.table("analyst", **params) == {
        ("foreign_residents", "kauno-m", "2024Q4"): 1000,
        ("foreign_residents", "vilniaus-m", "2024Q4"): 5000,
    }
    assert ind.table("analyst", published_only="true", **params) == {}
    r = ind.publish(["foreign_residents"], ["kauno-m"], ["2024"])
    assert r.status_code == 200 and r.json() == {"action": "publish", "observations": 1}
    assert ind.table(None, **params) == {("foreign_residents", "kauno-m", "2024Q4"): 1000}
    listed = ind.client.get("/api/v1/indicators/data", params={"indicator": "foreign_residents"}).json()[
        "items"
    ]
    assert [(o["place"], o["status"]) for o in listed] == [("kauno-m", "published")]
    # Published values are locked: a change needs the set withdrawn first.
    s = ind.loaded(csv_lines("indicator,place,period,value", ["foreign_residents,kauno-m,2024Q4,1001"]))
    assert s["conflicts"][0]["code"] == "published"
    r = ind.client.post(
        "/api/v1/indicators/unpublish",
        json={"indicators": ["foreign_residents"], "places": ["kauno-m"], "periods": ["2024Q4"]},
        headers=ind.analyst,
    )
    assert r.json()["observations"] == 1
    assert ind.table(None, **params) == {}


def test_restricted_indicators_are_hidden_from_the_public(ind):
    _load(ind)
    ind.publish(["experienced_discrimination"], ["kauno-m"], ["2024"])
    r = ind.analytics(None, indicator="experienced_discrimination", period="2024", place="kauno-m")
    assert r.status_code == 422
    assert ind.client.get("/api/v1/indicators/experienced_discrimination").status_code == 404
    codes = {d["code"] for d in ind.client.get("/api/v1/indicators", params={"limit": 100}).json()["items"]}
    assert "experienced_discrimination" not in codes and "foreign_residents" in codes
    assert ind.table("analyst", indicator="experienced_discrimination", period="2024", place="kauno-m") == {
        ("experienced_discrimination", "kauno-m", "2024"): 21.5
    }


def test_bound_actors_see_drafts_of_their_municipality_only(ind, base):
    _load(ind)
    params = {"indicator": "foreign_residents", "period": "2024Q4", "place": "kauno-m,vilniaus-m"}
    assert ind.table(base.analyst_vilnius, **params) == {("foreign_residents", "vilniaus-m", "2024Q4"): 5000}
    assert ind.table(base.coordinator_kaunas, **params) == {("foreign_residents", "kauno-m", "2024Q4"): 1000}
    # Rolled up, a bound actor's county total holds only what it may see.
    t = ind.table(base.coordinator, indicator="foreign_residents", period="2024Q4", place="LT")
    assert t == {("foreign_residents", "LT", "2024Q4"): 5000}


def test_publishing_is_limited_to_the_own_municipality(ind, base):
    _load(ind)
    r = ind.publish(["foreign_residents"], ["kauno-m"], ["2024Q4"], who=base.coordinator)
    assert r.status_code == 403
    r = ind.publish(["foreign_residents"], ["vilniaus-m"], ["2024Q4"], who=base.coordinator)
    assert r.status_code == 200 and r.json()["observations"] == 1
    r = ind.publish(["foreign_residents"], ["kauno-m"], ["2024Q4"], who=base.resident)
    assert r.status_code == 403
    r = ind.publish(["nope", "tcn_share"], ["atlantis"], ["2024"])
    assert r.status_code == 422
