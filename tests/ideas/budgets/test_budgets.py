"""Participatory budgets and open calls: phases, review, ballots, counting by both rules, overrides."""

from __future__ import annotations

import csv
import io
import uuid
from datetime import timedelta

import pytest

from api.core.db import utcnow
from api.ideas.counting import Candidate, equal_shares, greedy
from tests.ideas.conftest import V, budget_body, etag, set_phase

# --- the rules on their own, computed by hand ---------------------------------------------------------


def test_greedy_by_votes_with_consul_tie_rule():
    """Budget 100. P1 60 (5 votes), P2 50 (5), P3 40 (3), P4 30 (3).
    Order: P2 (5 votes, number 2 beats number 1), P1, P4 (3, number 4), P3.
    P2 fits (50); P1 does not (110); P4 fits (80); P3 does not (120). Winners P2, P4."""
    p = [uuid.uuid4() for _ in range(4)]
    cands = [
        Candidate(p[0], 1, 60, 5),
        Candidate(p[1], 2, 50, 5),
        Candidate(p[2], 3, 40, 3),
        Candidate(p[3], 4, 30, 3),
    ]
    out = greedy(cands, 100)
    assert out.selected == [p[1], p[3]]
    assert out.ranks == {p[1]: 1, p[0]: 2, p[3]: 3, p[2]: 4}


def test_equal_shares_is_proportional_and_breaks_ties_like_consul():
    """Budget 100, 10 voters with 10 each. R1 40 and R2 40 approved by 6 voters, B1 40 by 4.
    R1, R2: each supporter pays 40/6 ≈ 6.67, 6 effective votes; B1: 10 each, 4 effective votes.
    R1 and R2 tie → R2 (higher number). Its 6 supporters keep 3.33 each = 20 < 40, so R1 is
    unaffordable; B1's 4 supporters pay 10 each. Outcome {R2, B1} (80); 20 left, nothing fits.
    Greedy would give the majority both: {R2, R1}."""
    r1, r2, b1 = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    cands = [Candidate(r1, 1, 40, 6), Candidate(r2, 2, 40, 6), Candidate(b1, 3, 40, 4)]
    ballots = [frozenset({r1, r2})] * 6 + [frozenset({b1})] * 4
    assert equal_shares(cands, ballots, 100).selected == [r2, b1]
    assert greedy(cands, 100).selected == [r2, r1]


def test_equal_shares_completion_fills_the_rest_greedily():
    """Budget 90, 3 voters with 30 each. A 60 (voters 1, 2), C 30 (voter 3), D 60 (voter 3).
    MES: A costs 30 per supporter (eff. 2), C 30 (eff. 1), D unaffordable (voter 3 has 30).
    A, then C: 90 spent, exhaustive. Outcome {A, C}."""
    a, c, d = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    cands = [Candidate(a, 1, 60, 2), Candidate(c, 2, 30, 1), Candidate(d, 3, 60, 1)]
    ballots = [frozenset({a}), frozenset({a}), frozenset({c, d})]
    assert equal_shares(cands, ballots, 90).selected == [a, c]


def test_equal_shares_completion_raises_shares_until_the_budget_is_used():
    """Budget 100, 4 voters with 25 each. X 60 (voters 1, 2), Y 30 (voters 3, 4), Z 10 (voter 4).
    Fair shares: X unaffordable (50 < 60); Y at 15 each (price 0.5); Z at 10 (price 1): {Y, Z}, 40
    spent, and X (60) would still fit. Raising the shares in 1% steps, at 30 each X becomes
    affordable at price 0.5, tying Y (Y first: same votes, higher number); then Z: {Y, X, Z} = 100.
    Below 30 X stays out, so completion stops exactly there."""
    x, y, z = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    cands = [Candidate(x, 1, 60, 2), Candidate(y, 2, 30, 2), Candidate(z, 3, 10, 1)]
    ballots = [frozenset({x}), frozenset({x}), frozenset({y}), frozenset({y, z})]
    out = equal_shares(cands, ballots, 100)
    assert out.selected == [y, x, z]
    assert out.details["completion_steps"] == 20


def test_equal_shares_never_exceeds_the_budget():
    p = [uuid.uuid4() for _ in range(5)]
    cands = [
        Candidate(k, i + 1, cost, 1) for i, (k, cost) in enumerate(zip(p, [70, 50, 40, 30, 25], strict=True))
    ]
    ballots = [frozenset({p[0], p[1]}), frozenset({p[2], p[3]}), frozenset({p[4], p[0]}), frozenset({p[1]})]
    out = equal_shares(cands, ballots, 120)
    assert sum(c.cost for c in cands if c.key in out.selected) <= 120


# --- through the API -----------------------------------------------------------------------------------


@pytest.fixture
def budget_with_projects(client, auth, base, db, make_idea):
    def make(costs: list[int], **over) -> tuple[dict, list[dict]]:
        coord = auth.headers(base.coordinator)
        r = client.post(f"{V}/budgets", json=budget_body(**over), headers=coord)
        assert r.status_code == 201, r.text
        budget = r.json()
        projects = []
        for _cost in costs:
            idea = make_idea(base.resident)
            r = client.post(
                f"{V}/budgets/{budget['id']}/projects",
                json={"idea_id": idea["id"]},
                headers=auth.headers(base.resident),
            )
            assert r.status_code == 201, r.text
            projects.append(r.json())
        set_phase(db, budget["id"], "reviewing")
        for p, cost in zip(projects, costs, strict=True):
            path = f"{V}/budgets/{budget['id']}/projects/{p['id']}"
            r = client.patch(
                path,
                json={"cost": cost, "feasibility": "feasible"},
                headers={**coord, "If-Match": etag(client, path, coord)},
            )
            assert r.status_code == 200, r.text
            p.update(r.json())
        set_phase(db, budget["id"], "voting")
        return budget, projects

    return make


def _ballot(client, auth, who, budget, ids):
    return client.put(
        f"{V}/budgets/{budget['id']}/ballot",
        json={"project_ids": [p["id"] for p in ids]},
        headers=auth.headers(who),
    )


def test_greedy_budget_end_to_end(client, auth, base, db, people, budget_with_projects):
    budget, (p1, p2, p3, p4) = budget_with_projects([60, 50, 40, 30])
    voters = people(10)
    for i, v in enumerate(voters):
        choice = [[p1, p3], [p1, p3], [p1, p3], [p1], [p1], [p2, p4], [p2, p4], [p2, p4], [p2], [p2]][i]
        r = _ballot(client, auth, v, budget, choice)
        assert r.status_code == 200, r.text
    assert _ballot(client, auth, voters[0], budget, [p1, p2]).status_code == 422
    assert _ballot(client, auth, voters[0], budget, [p1, p3]).json()["remaining"] == 0
    coord = auth.headers(base.coordinator)
    bpath = f"{V}/budgets/{budget['id']}"
    assert (
        client.post(f"{bpath}/count", headers={**coord, "If-Match": etag(client, bpath, coord)}).status_code
        == 409
    )
    set_phase(db, budget["id"], "counting")
    assert _ballot(client, auth, voters[0], budget, [p1]).status_code == 409
    r = client.post(f"{bpath}/count", headers={**coord, "If-Match": etag(client, bpath, coord)})
    assert r.status_code == 200, r.text
    res = r.json()
    by_number = {row["number"]: row for row in res["items"]}
    assert {n: (row["votes"], row["selected"], row["rank"]) for n, row in by_number.items()} == {
        1: (5, False, 2),
        2: (5, True, 1),
        3: (3, False, 4),
        4: (3, True, 3),
    }
    assert res["allocated"] == 80 and res["ballot_count"] == 10
    assert client.get(f"{bpath}/results").status_code == 404
    assert client.get(f"{bpath}/results", headers=auth.headers(base.coordinator_kaunas)).status_code == 404
    o = client.post(
        f"{bpath}/overrides",
        json={"project_id": p3["id"], "selected": True, "reason": "Co-funded by the district"},
        headers=coord,
    )
    assert o.status_code == 201 and o.json()["allocated"] == 120
    assert (
        client.post(
            f"{bpath}/overrides",
            json={"project_id": p3["id"], "selected": True, "reason": "short"},
            headers=coord,
        ).status_code
        == 422
    )
    r = client.post(f"{bpath}/finish", headers={**coord, "If-Match": etag(client, bpath, coord)})
    assert r.status_code == 200 and r.json()["finished"] is True
    public = client.get(f"{bpath}/results").json()
    assert [(row["number"], row["overridden"]) for row in public["items"] if row["selected"]] == [
        (2, False),
        (4, False),
        (3, True),
    ]
    assert public["overrides"][0]["reason"] == "Co-funded by the district"
    assert client.get(f"{V}/ideas/{p2['idea_id']}").json()["state"] == "in_progress"
    assert client.get(f"{V}/ideas/{p1['idea_id']}").json()["state"] == "published"
    csv_rows = list(csv.DictReader(io.StringIO(client.get(f"{bpath}/results/export?format=csv").text)))
    assert [r["selected"] for r in csv_rows] == ["true", "false", "true", "true"]
    notes = client.get(f"{V}/notifications", headers=auth.headers(base.resident)).json()["items"]
    assert any(n["kind"] == "budget_won" for n in notes)


def test_equal_shares_budget_with_approval_ballots(client, auth, base, db, people, budget_with_projects):
    budget, (r1, r2, b1) = budget_with_projects(
        [40, 40, 40], ballot_rule="approval", max_choices=2, counting_method="equal_shares"
    )
    voters = people(10)
    for v in voters[:6]:
        assert _ballot(client, auth, v, budget, [r1, r2]).status_code == 200
    for v in voters[6:]:
        assert _ballot(client, auth, v, budget, [b1]).status_code == 200
    over = _ballot(client, auth, voters[0], budget, [r1, r2, b1])
    assert over.status_code == 422 and over.json()["errors"][0]["type"] == "too_many"
    set_phase(db, budget["id"], "counting")
    coord = auth.headers(base.coordinator)
    bpath = f"{V}/budgets/{budget['id']}"
    res = client.post(f"{bpath}/count", headers={**coord, "If-Match": etag(client, bpath, coord)}).json()
    assert sorted(row["number"] for row in res["items"] if row["selected"]) == [2, 3]
    assert res["details"]["method"] == "equal_shares"


def test_knapsack_over_budget_is_422(client, auth, base, budget_with_projects):
    budget, (a, b) = budget_with_projects([70, 40])
    r = _ballot(client, auth, base.resident2, budget, [a, b])
    assert r.status_code == 422 and r.json()["errors"][0]["type"] == "over_budget"
    assert _ballot(client, auth, base.resident2, budget, [a]).json() | {"updated_at": None} == {
        "budget_id": budget["id"],
        "project_ids": [a["id"]],
        "total_cost": 70,
        "remaining": 30,
        "choices_left": None,
        "updated_at": None,
    }
    assert _ballot(client, auth, base.resident2, budget, [a, a]).status_code == 422
    assert _ballot(client, auth, base.resident2, budget, []).json()["project_ids"] == []


def test_eligibility_residents_only(client, auth, base, budget_with_projects):
    budget, (a,) = budget_with_projects([10], eligibility="residents")
    assert _ballot(client, auth, base.diaspora, budget, [a]).status_code == 403
    assert _ballot(client, auth, base.resident2, budget, [a]).status_code == 200
    got = client.get(f"{V}/budgets/{budget['id']}", headers=auth.headers(base.diaspora)).json()
    assert got["can_vote"] is False and got["phase"] == "voting" and got["ballot_count"] == 1


def test_review_rules_and_phases(client, auth, base, db, make_idea):
    coord = auth.headers(base.coordinator)
    budget = client.post(f"{V}/budgets", json=budget_body(), headers=coord).json()
    assert budget["phase"] == "collecting" and budget["can_manage"] is True
    idea = make_idea(base.resident)
    assert (
        client.post(
            f"{V}/budgets/{budget['id']}/projects",
            json={"idea_id": idea["id"]},
            headers=auth.headers(base.resident2),
        ).status_code
        == 403
    )
    project = client.post(
        f"{V}/budgets/{budget['id']}/projects",
        json={"idea_id": idea["id"]},
        headers=auth.headers(base.resident),
    ).json()
    assert (
        client.post(
            f"{V}/budgets/{budget['id']}/projects",
            json={"idea_id": idea["id"]},
            headers=auth.headers(base.resident),
        ).status_code
        == 409
    )
    kaunas_idea = make_idea(base.resident, municipality="kauno-m")
    assert (
        client.post(
            f"{V}/budgets/{budget['id']}/projects",
            json={"idea_id": kaunas_idea["id"]},
            headers=auth.headers(base.resident),
        ).status_code
        == 422
    )
    path = f"{V}/budgets/{budget['id']}/projects/{project['id']}"
    r = client.patch(
        path, json={"feasibility": "unfeasible"}, headers={**coord, "If-Match": etag(client, path, coord)}
    )
    assert r.status_code == 422
    r = client.patch(
        path,
        json={"feasibility": "unfeasible", "feasibility_explanation": {"lt": "Ne savivaldybės žemė"}},
        headers={**coord, "If-Match": etag(client, path, coord)},
    )
    assert r.status_code == 200 and r.json()["on_ballot"] is False
    kaunas = auth.headers(base.coordinator_kaunas)
    assert client.patch(path, json={"cost": 5}, headers={**kaunas, "If-Match": "*"}).status_code == 404
    bpath = f"{V}/budgets/{budget['id']}"
    assert (
        client.patch(bpath, json={"total_amount": 5}, headers={**kaunas, "If-Match": "*"}).status_code == 404
    )
    set_phase(db, budget["id"], "voting")
    assert (
        client.patch(
            path, json={"cost": 5}, headers={**coord, "If-Match": etag(client, path, coord)}
        ).status_code
        == 409
    )
    locked = client.patch(
        bpath, json={"total_amount": 5}, headers={**coord, "If-Match": etag(client, bpath, coord)}
    )
    assert locked.status_code == 409
    close = client.patch(
        bpath,
        json={"voting_until": utcnow().isoformat()},
        headers={**coord, "If-Match": etag(client, bpath, coord)},
    )
    assert close.status_code == 200 and close.json()["phase"] == "counting"
    assert (
        client.post(f"{V}/budgets", json=budget_body(municipality="kauno-m"), headers=coord).status_code
        == 422
    )
    bad = budget_body(voting_until=(utcnow() - timedelta(days=30)).isoformat())
    assert client.post(f"{V}/budgets", json=bad, headers=coord).status_code == 422
    assert (
        client.post(f"{V}/budgets", json=budget_body(), headers=auth.headers(base.resident)).status_code
        == 403
    )
    listed = client.get(f"{V}/budgets?municipality=vilniaus-m&phase=counting").json()["items"]
    assert budget["id"] in [b["id"] for b in listed]


def test_open_call_and_award(client, auth, base, db, make_idea):
    from api.ideas.models import OpenCall

    coord = auth.headers(base.coordinator)
    now = utcnow()
    body = {
        "municipality": "vilniaus-m",
        "title": {"lt": "Miesto logotipas"},
        "prize": {"lt": "Miesto logotipo premija", "en": "City logo prize"},
        "prize_amount": 3000,
        "submissions_from": (now - timedelta(days=1)).isoformat(),
        "submissions_until": (now + timedelta(days=10)).isoformat(),
    }
    call = client.post(f"{V}/open-calls", json=body, headers=coord).json()
    assert call["phase"] == "open"
    entry = make_idea(base.diaspora, open_call_id=call["id"])
    other = make_idea(base.resident)
    kaunas_call = make_idea(base.resident, municipality="kauno-m", open_call_id=None)
    assert kaunas_call["open_call_id"] is None
    entries = client.get(f"{V}/ideas?open_call={call['id']}").json()["items"]
    assert [e["id"] for e in entries] == [entry["id"]]
    path = f"{V}/open-calls/{call['id']}"
    early = client.post(
        f"{path}/award",
        json={"idea_id": entry["id"]},
        headers={**coord, "If-Match": etag(client, path, coord)},
    )
    assert early.status_code == 409
    row = db.get(OpenCall, uuid.UUID(call["id"]))
    row.submissions_until = now - timedelta(minutes=1)
    db.flush()
    late = client.post(
        f"{V}/ideas",
        json={
            "municipality": "vilniaus-m",
            "category": "culture",
            "title": {"lt": "Vėlus"},
            "body": {"lt": "x"},
            "open_call_id": call["id"],
        },
        headers=auth.headers(base.resident),
    )
    assert late.status_code == 409
    kaunas = auth.headers(base.coordinator_kaunas)
    assert (
        client.post(
            f"{path}/award", json={"idea_id": entry["id"]}, headers={**kaunas, "If-Match": "*"}
        ).status_code
        == 404
    )
    wrong = client.post(
        f"{path}/award",
        json={"idea_id": other["id"]},
        headers={**coord, "If-Match": etag(client, path, coord)},
    )
    assert wrong.status_code == 422
    r = client.post(
        f"{path}/award",
        json={"idea_id": entry["id"], "note": {"lt": "Už drąsą"}},
        headers={**coord, "If-Match": etag(client, path, coord)},
    )
    assert (
        r.status_code == 200 and r.json()["phase"] == "awarded" and r.json()["awarded_idea_id"] == entry["id"]
    )
    assert client.get(f"{V}/ideas/{entry['id']}").json()["awarded"] is True
    notes = client.get(f"{V}/notifications?lang=en", headers=auth.headers(base.diaspora)).json()["items"]
    assert any(n["kind"] == "open_call_award" and "City logo prize" in n["title"] for n in notes)
