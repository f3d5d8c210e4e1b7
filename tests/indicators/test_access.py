"""Role × route matrix for the indicators routes.

Statuses: 200/201/204 allowed, 401 not signed in, 403 signed in without the scope, 404 unknown or
not visible, 422 allowed but the (deliberately empty or wrong) input is refused.
"""

from __future__ import annotations

import uuid

import pytest

ROLES = ["anonymous", "admin", "coordinator", "analyst", "analyst_vilnius", "resident", "stats"]
CSV = "indicator,place,period,value\nreturnees_arrived,vilniaus-m,2024Q1,5\n"
PUB = {"indicators": ["returnees_arrived"], "places": ["vilniaus-m"], "periods": ["2024"]}

MATRIX = [
    (("GET", "/api/v1/indicators", None), [200, 200, 200, 200, 200, 200, 200]),
    (("GET", "/api/v1/indicators/foreign_residents", None), [200, 200, 200, 200, 200, 200, 200]),
    (("GET", "/api/v1/indicators/experienced_discrimination", None), [404, 200, 200, 200, 200, 404, 200]),
    (("POST", "/api/v1/indicators", {}), [401, 422, 403, 422, 422, 403, 422]),
    (("PATCH", "/api/v1/indicators/foreign_residents", {}), [401, 428, 403, 428, 428, 403, 428]),
    (("DELETE", "/api/v1/indicators/foreign_residents", None), [401, 428, 403, 428, 428, 403, 428]),
    (("POST", "/api/v1/indicators/data", CSV), [401, 200, 403, 200, 200, 403, 200]),
    (("GET", "/api/v1/indicators/data", None), [200, 200, 200, 200, 200, 200, 200]),
    (("GET", "/api/v1/indicators/imports", None), [401, 200, 403, 200, 200, 403, 200]),
    (("GET", "/api/v1/indicators/imports/{missing}", None), [401, 404, 403, 404, 404, 403, 404]),
    (("GET", "/api/v1/indicators/changes", None), [401, 200, 200, 200, 200, 403, 200]),
    (("POST", "/api/v1/indicators/publish", PUB), [401, 200, 200, 200, 200, 403, 403]),
    (("POST", "/api/v1/indicators/unpublish", PUB), [401, 200, 200, 200, 200, 403, 403]),
    (
        ("GET", "/api/v1/analytics?indicator=foreign_residents&period=2024", None),
        [200, 200, 200, 200, 200, 200, 200],
    ),
    (("GET", "/api/v1/analytics/dimensions", None), [200, 200, 200, 200, 200, 200, 200]),
    (
        ("GET", "/api/v1/reports/monitoring?municipality=vilniaus-m", None),
        [200, 200, 200, 200, 200, 200, 200],
    ),
]


def _who(base, role):
    if role == "stats":
        return base.clients["stats"]
    return getattr(base, role)


def _ids():
    for (method, path, _), _exp in MATRIX:
        for role in ROLES:
            yield f"{method} {path} as {role}"


@pytest.mark.parametrize(
    ("route", "role", "expected"),
    [(route, role, exp[i]) for route, exp in MATRIX for i, role in enumerate(ROLES)],
    ids=list(_ids()),
)
def test_role_route_matrix(client, auth, base, route, role, expected):
    method, path, body = route
    path = path.format(missing=uuid.uuid4())
    headers = {} if role == "anonymous" else auth.headers(_who(base, role))
    if isinstance(body, str):
        r = client.request(
            method, path, content=body.encode(), headers={**headers, "Content-Type": "text/csv"}
        )
    else:
        r = client.request(method, path, json=body, headers=headers)
    assert r.status_code == expected, r.text


def test_another_municipalitys_import_is_not_found(ind, base, auth):
    r = ind.load("indicator,place,period,value\nreturnees_arrived,kauno-m,2024Q1,5\n")
    import_id = r.json()["id"]
    assert ind.client.get(f"/api/v1/indicators/imports/{import_id}", headers=ind.analyst).status_code == 200
    r = ind.client.get(f"/api/v1/indicators/imports/{import_id}", headers=auth.headers(base.analyst_vilnius))
    assert r.status_code == 404


def test_definitions_are_managed_with_etags(ind, client, auth, base):
    h = auth.headers(base.analyst)
    body = {
        "code": "tcn_per_population",
        "name": {"lt": "TŠP dalis", "en": "TCN share"},
        "domain": "population",
        "unit": "per_1000",
        "aggregation": "LAST",
        "numerator": "tcn_residents",
        "denominator": "population_total",
        "factor": 1000,
        "breakdowns": ["sex"],
    }
    r = client.post("/api/v1/indicators", json=body, headers=h)
    assert r.status_code == 201, r.text
    assert r.json()["computed"] and r.json()["source_kind"] == "computed"
    etag = r.headers["etag"]
    assert client.post("/api/v1/indicators", json=body, headers=h).status_code == 409
    bad = {**body, "code": "bad_share", "breakdowns": ["citizenship_group"]}
    assert client.post("/api/v1/indicators", json=bad, headers=h).status_code == 422
    r = client.patch(
        "/api/v1/indicators/tcn_per_population", json={"decimals": 2}, headers={**h, "If-Match": '"v9"'}
    )
    assert r.status_code == 412
    r = client.patch(
        "/api/v1/indicators/tcn_per_population", json={"decimals": 2}, headers={**h, "If-Match": etag}
    )
    assert r.status_code == 200 and r.json()["decimals"] == 2
    r = client.delete("/api/v1/indicators/population_total", headers={**h, "If-Match": "*"})
    assert r.status_code == 409
    r = client.delete(
        "/api/v1/indicators/tcn_per_population", headers={**h, "If-Match": r.headers.get("etag", "*")}
    )
    assert r.status_code == 204
