"""Role × route matrix for the experts domain: each role reaches what it should and nothing else.

Statuses: 200/201/204 allowed, 401 not signed in, 403 signed in without the scope, 404 outside the
caller's tenancy (or not theirs), 422 allowed but the (deliberately empty) body is refused, 428
allowed but the change needs If-Match.
"""

from __future__ import annotations

import uuid

import pytest

from api.experts import logic
from api.experts.models import ExpertInvitation
from api.experts.profiles import logic as profiles
from api.experts.profiles.schemas import ExpertProfileCreate
from api.experts.requests import logic as expert_requests
from api.experts.requests.schemas import ExpertRequestCreate
from tests.experts.conftest import PROFILE_DEFAULTS, actor_of

ROLES = ["anonymous", "admin", "coordinator", "provider", "analyst", "expert", "resident"]
ME = "/api/v1/experts/me"
REQ = "/api/v1/expert-requests"

MATRIX = [
    (("GET", "/api/v1/competences", None), [200, 200, 200, 200, 200, 200, 200]),
    (("GET", "/api/v1/experts", None), [200, 200, 200, 200, 200, 200, 200]),
    (("POST", "/api/v1/experts", {}), [401, 403, 403, 403, 403, 422, 403]),
    (("GET", ME, None), [401, 403, 403, 403, 403, 200, 403]),
    (("GET", f"{ME}/invitations", None), [401, 403, 403, 403, 403, 200, 403]),
    (("GET", f"{ME}/invitations/{{inv_id}}", None), [401, 403, 403, 403, 403, 200, 403]),
    (("POST", f"{ME}/invitations/{{inv_id}}/accept", None), [401, 403, 403, 403, 403, 428, 403]),
    (("POST", f"{ME}/invitations/{{inv_id}}/answer", {}), [401, 403, 403, 403, 403, 422, 403]),
    (("GET", "/api/v1/experts/showcase", None), [200, 200, 200, 200, 200, 200, 200]),
    (("GET", "/api/v1/experts/{own_id}", None), [200, 200, 200, 200, 200, 200, 200]),
    (("GET", "/api/v1/experts/{staff_id}", None), [404, 200, 200, 200, 404, 404, 404]),
    (("PATCH", "/api/v1/experts/{own_id}", {}), [401, 403, 403, 403, 403, 428, 403]),
    (("PATCH", "/api/v1/experts/{other_id}", {}), [401, 403, 403, 403, 403, 404, 403]),
    (("POST", "/api/v1/experts/{own_id}/confirm", None), [401, 403, 403, 403, 403, 428, 403]),
    (("DELETE", "/api/v1/experts/{other_id}", None), [401, 403, 403, 403, 403, 404, 403]),
    (("PUT", "/api/v1/experts/{own_id}/showcase", {}), [401, 422, 422, 403, 403, 403, 403]),
    (("DELETE", "/api/v1/experts/{own_id}/showcase", None), [401, 422, 404, 403, 403, 403, 403]),
    (("GET", "/api/v1/mentors", None), [401, 200, 200, 403, 403, 403, 403]),
    (("GET", "/api/v1/mentorships", None), [401, 200, 200, 403, 403, 403, 403]),
    (("GET", "/api/v1/mentorships/{ms_id}", None), [401, 200, 200, 403, 403, 403, 403]),
    (("POST", "/api/v1/mentorships/{ms_id}/end", None), [401, 428, 428, 403, 403, 403, 403]),
    (("GET", REQ, None), [401, 200, 200, 200, 403, 403, 403]),
    (("POST", REQ, {}), [401, 422, 422, 422, 403, 403, 403]),
    (("GET", f"{REQ}/contributors", None), [401, 200, 200, 200, 403, 403, 403]),
    (("GET", f"{REQ}/{{req_id}}", None), [401, 200, 200, 404, 403, 403, 403]),
    (("GET", f"{REQ}/{{org_req_id}}", None), [401, 200, 404, 200, 403, 403, 403]),
    (("PATCH", f"{REQ}/{{req_id}}", {}), [401, 428, 428, 404, 403, 403, 403]),
    (("POST", f"{REQ}/{{req_id}}/status", {}), [401, 422, 422, 404, 403, 403, 403]),
    (("GET", f"{REQ}/{{req_id}}/proposals", None), [401, 200, 200, 404, 403, 403, 403]),
    (("GET", f"{REQ}/{{req_id}}/invitations", None), [401, 200, 200, 404, 403, 403, 403]),
    (("POST", f"{REQ}/{{req_id}}/invitations", {}), [401, 422, 422, 404, 403, 403, 403]),
    (("GET", f"{REQ}/{{req_id}}/invitations/{{inv_id}}", None), [401, 200, 200, 404, 403, 403, 403]),
    (("PATCH", f"{REQ}/{{req_id}}/invitations/{{inv_id}}", {}), [401, 422, 422, 404, 403, 403, 403]),
    (
        ("POST", f"{REQ}/{{req_id}}/invitations/{{inv_id}}/withdraw", None),
        [401, 428, 428, 404, 403, 403, 403],
    ),
    (("GET", f"{REQ}/public", None), [200, 200, 200, 200, 200, 200, 200]),
    (("GET", f"{REQ}/public/{{pub_id}}", None), [200, 200, 200, 200, 200, 200, 200]),
    (("POST", f"{REQ}/public/{{pub_id}}/answers", {}), [401, 403, 403, 403, 403, 422, 403]),
]


@pytest.fixture
def world(db, base, make_expert):
    own = profiles.create(db, actor=actor_of(base.expert), data=ExpertProfileCreate(**PROFILE_DEFAULTS))
    _, other = make_expert("Kitas")
    _, staff_only = make_expert("Tik Darbuotojams", visibility="staff")
    _, mentor = make_expert("Mentorė", ways=["mentoring"], mentor_capacity=1)
    coordinator, provider = actor_of(base.coordinator), actor_of(base.provider)
    new = {"title": {"lt": "Klausimas"}, "question": {"lt": "Kaip?"}}
    req = expert_requests.create(db, actor=coordinator, data=ExpertRequestCreate(**new), municipality=None)
    expert_requests.change_status(db, actor=coordinator, req=req, to="open", outcome=None, if_match=None)
    org_req = expert_requests.create(db, actor=provider, data=ExpertRequestCreate(**new), municipality=None)
    pub = expert_requests.create(
        db, actor=coordinator, data=ExpertRequestCreate(**new, visibility="public"), municipality=None
    )
    expert_requests.change_status(db, actor=coordinator, req=pub, to="open", outcome=None, if_match=None)
    inv = ExpertInvitation(request_id=req.id, expert_id=own.id, municipality_id=req.municipality_id)
    db.add(inv)
    ms = logic.start_mentorship(
        db,
        actor=coordinator,
        mentor_id=mentor.id,
        case_ref=uuid.uuid4(),
        municipality_id=base.municipality.id,
    )
    db.flush()
    return {
        "own_id": own.id,
        "other_id": other.id,
        "staff_id": staff_only.id,
        "req_id": req.id,
        "org_req_id": org_req.id,
        "pub_id": pub.id,
        "inv_id": inv.id,
        "ms_id": ms.id,
    }


def _case_ids():
    for (method, path, _), _expected in MATRIX:
        for role in ROLES:
            yield f"{method} {path} as {role}"


@pytest.mark.parametrize(
    ("route", "role", "expected"),
    [(route, role, exp[i]) for route, exp in MATRIX for i, role in enumerate(ROLES)],
    ids=list(_case_ids()),
)
def test_role_route_matrix(client, auth, base, world, route, role, expected):
    method, path, body = route
    path = path.format(**world)
    headers = {} if role == "anonymous" else auth.headers(getattr(base, role))
    r = client.request(method, path, json=body, headers=headers)
    assert r.status_code == expected, r.text
    if r.status_code >= 400:
        assert r.headers["content-type"].startswith("application/problem+json")


def test_machine_clients_have_no_expert_scopes(client, auth, base, world):
    h = auth.headers(base.clients["intake_vilnius"])
    assert client.get(REQ, headers=h).status_code == 403
    assert client.get("/api/v1/mentors", headers=h).status_code == 403
    assert client.get(ME, headers=h).status_code == 403
    # A machine client reads public cards like anyone, never contact details.
    r = client.get(f"/api/v1/experts/{world['own_id']}", headers=h)
    assert r.status_code == 200 and r.json()["contact"] is None
