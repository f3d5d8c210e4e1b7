"""Role × route matrix for the foundation's routes: each role reaches what it should and nothing else.

Statuses: 200/201/204 allowed, 401 not signed in, 403 signed in without the scope, 404 outside the
caller's tenancy, 422 allowed but the (deliberately empty) body is refused.
"""

from __future__ import annotations

import pytest

ROLES = ["anonymous", "admin", "coordinator", "provider", "analyst", "expert", "resident"]

# (method, path, body) -> expected status per role, in ROLES order.
MATRIX = [
    (("GET", "/api/v1/municipalities", None), [200, 200, 200, 200, 200, 200, 200]),
    (("GET", "/api/v1/me", None), [401, 200, 200, 200, 200, 200, 200]),
    (("GET", "/api/v1/users", None), [401, 200, 200, 403, 403, 403, 403]),
    (("POST", "/api/v1/users", {}), [401, 422, 422, 403, 403, 403, 403]),
    (("GET", "/api/v1/users/{admin_id}", None), [401, 200, 404, 403, 403, 403, 403]),
    (("GET", "/api/v1/users/{provider_id}", None), [401, 200, 200, 403, 403, 403, 403]),
    (("GET", "/api/v1/users/{provider_kaunas_id}", None), [401, 200, 404, 403, 403, 403, 403]),
    (("GET", "/api/v1/clients", None), [401, 200, 403, 403, 403, 403, 403]),
    (("POST", "/api/v1/clients", {}), [401, 422, 403, 403, 403, 403, 403]),
    (("GET", "/api/v1/clients/{client_id}", None), [401, 200, 403, 403, 403, 403, 403]),
    (("POST", "/api/v1/auth/logout", None), [401, 204, 204, 204, 204, 204, 204]),
]


def _case_ids():
    for (method, path, _), _expected in MATRIX:
        for role in ROLES:
            yield f"{method} {path} as {role}"


@pytest.mark.parametrize(
    ("route", "role", "expected"),
    [(route, role, exp[i]) for route, exp in MATRIX for i, role in enumerate(ROLES)],
    ids=list(_case_ids()),
)
def test_role_route_matrix(client, auth, base, route, role, expected):
    method, path, body = route
    path = path.format(
        admin_id=base.admin.id,
        provider_id=base.provider.id,
        provider_kaunas_id=base.provider_kaunas.id,
        client_id=base.clients["stats"].id,
    )
    headers = {} if role == "anonymous" else auth.headers(getattr(base, role))
    r = client.request(method, path, json=body, headers=headers)
    assert r.status_code == expected, r.text


def test_machine_client_cannot_manage_accounts(client, auth, base):
    h = auth.headers(base.clients["stats"])
    assert client.get("/api/v1/users", headers=h).status_code == 403
    assert client.get("/api/v1/clients", headers=h).status_code == 403
