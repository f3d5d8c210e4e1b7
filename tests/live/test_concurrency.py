"""Issue 10 against a real server: bursts, racing If-Match writes, health while saturated, SIGTERM.

Every burst starts its requests together (a barrier) and asserts on answers, never on time; the
figures (p50/p99/slowest) are measured by ``bench/bench_burst.py``.
"""

from __future__ import annotations

import signal
import subprocess
import uuid
from typing import Any

import httpx
import pytest

from tests.live.conftest import ADMIN, COORDINATOR, RESIDENT, LiveServer, start_server, together

V = "/api/v1"


def _intake_client(live: LiveServer) -> dict[str, str]:
    created = httpx.post(
        f"{live.url}{V}/clients",
        json={
            "name": f"Burst {uuid.uuid4().hex[:6]}",
            "municipality": "vilniaus-m",
            "scopes": ["migrants:intake"],
        },
        headers=live.headers(ADMIN),
        timeout=30,
    )
    assert created.status_code == 201, created.text
    body = created.json()
    token = httpx.post(
        f"{live.url}{V}/auth/token",
        data={
            "grant_type": "client_credentials",
            "client_id": body["client_id"],
            "client_secret": body["client_secret"],
        },
        timeout=30,
    )
    assert token.status_code == 200, token.text
    return {"Authorization": f"Bearer {token.json()['access_token']}"}


def intake_body(i: int) -> dict[str, Any]:
    return {
        "external_ref": f"BURST-{uuid.uuid4().hex[:10]}-{i}",
        "given_name": "Olena",
        "family_name": f"Burst{i}",
        "birth_date": "1990-02-02",
        "legal_status": "temporary_protection",
        "citizenships": ["UA"],
        "preferred_language": "uk",
        "consents": ["case_management"],
    }


def test_sixty_concurrent_intakes_all_answered(live: LiveServer) -> None:
    headers = _intake_client(live)

    def post(i: int, client: httpx.Client) -> httpx.Response:
        return client.post(
            f"{live.url}{V}/migrants/intake",
            json=intake_body(i),
            headers={**headers, "Idempotency-Key": uuid.uuid4().hex},
        )

    answers = together(60, post)
    statuses = sorted(a.status_code if isinstance(a, httpx.Response) else repr(a) for a in answers)
    assert all(isinstance(a, httpx.Response) and 200 <= a.status_code < 300 for a in answers), statuses
    assert len({a.json()["id"] for a in answers if isinstance(a, httpx.Response)}) == 60


def test_sixty_concurrent_authenticated_reads_all_answered(live: LiveServer) -> None:
    headers = live.headers(COORDINATOR)
    paths = [f"{V}/migrants?limit=20", f"{V}/services?limit=20", f"{V}/me"]

    def get(i: int, client: httpx.Client) -> httpx.Response:
        return client.get(f"{live.url}{paths[i % len(paths)]}", headers=headers)

    answers = together(60, get)
    bad = [
        a if isinstance(a, Exception) else (a.status_code, a.text[:200])
        for a in answers
        if not (isinstance(a, httpx.Response) and a.status_code == 200)
    ]
    assert not bad


def test_health_answers_while_the_api_is_saturated(live: LiveServer) -> None:
    headers = _intake_client(live)

    def call(i: int, client: httpx.Client) -> httpx.Response:
        if i % 10 == 0:
            return client.get(f"{live.url}/healthz")
        return client.post(
            f"{live.url}{V}/migrants/intake",
            json=intake_body(i),
            headers={**headers, "Idempotency-Key": uuid.uuid4().hex},
        )

    answers = together(50, call)
    health = [a for i, a in enumerate(answers) if i % 10 == 0]
    assert all(isinstance(a, httpx.Response) and a.status_code == 200 for a in health)
    assert all(isinstance(a, httpx.Response) and a.status_code < 500 for a in answers)


# --- racing If-Match: exactly one winner ---------------------------------------------------------


def _first(live: LiveServer, path: str, headers: dict[str, str]) -> dict[str, Any]:
    r = httpx.get(f"{live.url}{path}", headers=headers, timeout=30)
    assert r.status_code == 200, r.text
    return dict(r.json()["items"][0])


def _race(live: LiveServer, url: str, body: dict[str, Any], headers: dict[str, str]) -> list[int]:
    current = httpx.get(f"{live.url}{url}", headers=headers, timeout=30)
    assert current.status_code == 200, current.text
    etag = current.headers["etag"]

    def patch(i: int, client: httpx.Client) -> httpx.Response:
        return client.patch(f"{live.url}{url}", json=body, headers={**headers, "If-Match": etag})

    answers = together(20, patch)
    statuses = [a.status_code if isinstance(a, httpx.Response) else 0 for a in answers]
    return sorted(statuses)


def _one_winner(statuses: list[int]) -> None:
    assert statuses.count(200) == 1, statuses
    assert statuses.count(412) == 19, statuses


def test_racing_service_edits_have_one_winner(live: LiveServer) -> None:
    h = live.headers(COORDINATOR)
    service = _first(live, f"{V}/services?municipality=vilniaus-m&limit=1", h)
    _one_winner(_race(live, f"{V}/services/{service['id']}", {"email": "race@example.org"}, h))


def test_racing_organization_edits_have_one_winner(live: LiveServer) -> None:
    h = live.headers(COORDINATOR)
    service = _first(live, f"{V}/services?municipality=vilniaus-m&limit=1", h)
    org_id = service["organization_id"]
    _one_winner(_race(live, f"{V}/organizations/{org_id}", {"website": "https://race.example.org"}, h))


def test_racing_location_edits_have_one_winner(live: LiveServer) -> None:
    h = live.headers(COORDINATOR)
    location = _first(live, f"{V}/locations?municipality=vilniaus-m&limit=1", h)
    _one_winner(_race(live, f"{V}/locations/{location['id']}", {"city": "Vilnius"}, h))


def test_racing_person_edits_have_one_winner(live: LiveServer) -> None:
    h = live.headers(COORDINATOR)
    person = _first(live, f"{V}/migrants?limit=1", h)
    _one_winner(_race(live, f"{V}/migrants/{person['id']}", {"preferred_language": "en"}, h))


def test_racing_idea_edits_have_one_winner(live: LiveServer) -> None:
    h = live.headers(RESIDENT)
    created = httpx.post(
        f"{live.url}{V}/ideas",
        json={
            "municipality": "vilniaus-m",
            "category": "public_space",
            "title": {"lt": "Lenktynės"},
            "body": {"lt": "Daugiau suoliukų."},
            "publish": False,
        },
        headers=h,
        timeout=30,
    )
    assert created.status_code == 201, created.text
    _one_winner(_race(live, f"{V}/ideas/{created.json()['id']}", {"place": "Prie upės"}, h))


def test_racing_budget_edits_have_one_winner(live: LiveServer) -> None:
    h = live.headers(COORDINATOR)
    from datetime import UTC, datetime, timedelta

    now = datetime.now(UTC)
    created = httpx.post(
        f"{live.url}{V}/budgets",
        json={
            "municipality": "vilniaus-m",
            "title": {"lt": "Lenktynių biudžetas"},
            "total_amount": 100,
            "ballot_rule": "knapsack",
            "counting_method": "greedy",
            "collecting_from": (now - timedelta(days=3)).isoformat(),
            "reviewing_from": (now + timedelta(days=1)).isoformat(),
            "voting_from": (now + timedelta(days=2)).isoformat(),
            "voting_until": (now + timedelta(days=3)).isoformat(),
        },
        headers=h,
        timeout=30,
    )
    assert created.status_code == 201, created.text
    _one_winner(_race(live, f"{V}/budgets/{created.json()['id']}", {"total_amount": 200}, h))


def test_fifty_concurrent_votes_all_answered(live: LiveServer) -> None:
    h = live.headers(COORDINATOR)
    ideas = httpx.get(f"{live.url}{V}/ideas?limit=1&state=published", headers=h, timeout=30).json()["items"]
    if not ideas:
        pytest.fail("the demo data has no published idea")
    resident = live.headers(RESIDENT)

    def vote(i: int, client: httpx.Client) -> httpx.Response:
        return client.put(f"{live.url}{V}/ideas/{ideas[0]['id']}/vote", headers=resident)

    answers = together(50, vote)
    assert all(isinstance(a, httpx.Response) and a.status_code < 500 for a in answers), [
        getattr(a, "status_code", a) for a in answers
    ]


def test_sigterm_stops_the_server_within_ten_seconds(live_env: dict[str, str]) -> None:
    proc, url = start_server({**live_env, "LANGELIS_SHUTDOWN_GRACE_SECONDS": "5"})
    assert httpx.get(f"{url}/healthz", timeout=10).status_code == 200
    proc.send_signal(signal.SIGTERM)
    try:
        code = proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        pytest.fail("the server did not stop within 10 s of SIGTERM")
    assert code in (0, -signal.SIGTERM)
