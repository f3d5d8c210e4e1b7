"""Role × route matrix for the ideas domain. 200/201/204 allowed, 401 not signed in, 403 without the
scope (or a machine client), 404 outside the caller's tenancy, 422 allowed but the empty body refused."""

from __future__ import annotations

import pytest

from tests.ideas.conftest import V, budget_body

ROLES = [
    "anonymous",
    "admin",
    "coordinator",
    "coordinator_kaunas",
    "provider",
    "analyst",
    "expert",
    "resident",
    "client",
]

MATRIX = [
    (("GET", "/ideas", None), [200, 200, 200, 200, 200, 200, 200, 200, 200]),
    (("GET", "/ideas/{idea}", None), [200, 200, 200, 200, 200, 200, 200, 200, 200]),
    (("POST", "/ideas", {}), [401, 422, 422, 422, 422, 422, 422, 422, 403]),
    (("PUT", "/ideas/{idea}/vote", None), [401, 201, 201, 201, 201, 201, 201, 201, 403]),
    (("POST", "/ideas/{idea}/flags", {}), [401, 422, 422, 422, 422, 422, 422, 422, 403]),
    (
        ("POST", "/ideas/{idea}/answers", {"body": {"lt": "Ačiū"}}),
        [401, 201, 201, 404, 403, 403, 403, 403, 403],
    ),
    (("GET", "/ideas/{idea}/answers", None), [200, 200, 200, 200, 200, 200, 200, 200, 200]),
    (("PUT", "/ideas/settings/vilniaus-m", {}), [401, 200, 200, 404, 403, 403, 403, 403, 403]),
    (("PATCH", "/ideas/{idea}", {}), [401, 403, 403, 403, 403, 403, 403, 403, 403]),
    (("GET", "/moderation/cases", None), [401, 200, 200, 200, 403, 403, 403, 403, 403]),
    (("POST", "/moderation/blocks", {}), [401, 422, 422, 422, 403, 403, 403, 403, 403]),
    (("GET", "/notifications", None), [401, 200, 200, 200, 200, 200, 200, 200, 403]),
    (("GET", "/budgets", None), [200, 200, 200, 200, 200, 200, 200, 200, 200]),
    (("POST", "/budgets", {}), [401, 422, 422, 422, 403, 403, 403, 403, 403]),
    (("POST", "/budgets", "vilnius"), [401, 201, 201, 422, 403, 403, 403, 403, 403]),
    (("PATCH", "/budgets/{budget}", {}), [401, 200, 200, 404, 403, 403, 403, 403, 403]),
    (("GET", "/budgets/{budget}/ballot", None), [401, 200, 200, 200, 200, 200, 200, 200, 403]),
    (("POST", "/budgets/{budget}/count", None), [401, 409, 409, 404, 403, 403, 403, 403, 403]),
    (("GET", "/budgets/{budget}/results", None), [404, 404, 404, 404, 404, 404, 404, 404, 404]),
    (("POST", "/open-calls", {}), [401, 422, 422, 422, 403, 403, 403, 403, 403]),
]


def _ids():
    for (method, path, _), _exp in MATRIX:
        for role in ROLES:
            yield f"{method} {path} as {role}"


@pytest.fixture
def targets(client, auth, base):
    idea = client.post(
        f"{V}/ideas",
        json={
            "municipality": "vilniaus-m",
            "category": "other",
            "title": {"lt": "Matrica"},
            "body": {"lt": "x"},
        },
        headers=auth.headers(base.expert2),
    ).json()
    budget = client.post(f"{V}/budgets", json=budget_body(), headers=auth.headers(base.coordinator)).json()
    return {"idea": idea["id"], "budget": budget["id"]}


@pytest.mark.parametrize(
    ("route", "role", "expected"),
    [(route, role, exp[i]) for route, exp in MATRIX for i, role in enumerate(ROLES)],
    ids=list(_ids()),
)
def test_ideas_role_route_matrix(client, auth, base, targets, route, role, expected):
    method, path, body = route
    if body == "vilnius":
        body = budget_body()
    headers = {}
    if role == "client":
        headers = auth.headers(base.clients["stats"])
    elif role != "anonymous":
        headers = auth.headers(getattr(base, role))
    if method == "PATCH":
        headers["If-Match"] = "*"
    if method == "POST" and path.endswith("/count"):
        headers["If-Match"] = "*"
    r = client.request(method, V + path.format(**targets), json=body, headers=headers)
    assert r.status_code == expected, r.text


def test_personal_answers_are_not_cached(client, auth, base, targets):
    h = auth.headers(base.resident)
    assert client.get(f"{V}/notifications", headers=h).headers["Cache-Control"] == "no-store"
    assert (
        client.get(f"{V}/budgets/{targets['budget']}/ballot", headers=h).headers["Cache-Control"]
        == "no-store"
    )
    assert "no-store" in client.get(f"{V}/ideas/{targets['idea']}", headers=h).headers["Cache-Control"]
