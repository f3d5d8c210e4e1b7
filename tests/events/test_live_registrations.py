"""Thirty people register at once for ten seats against a real server (SQLite file or PostgreSQL):
exactly ten are confirmed; then the ten cancel at once and exactly ten waitlisted people are
promoted, each once, with the seat counter never above capacity."""

from __future__ import annotations

import uuid
from datetime import timedelta

import httpx
import pytest

from api.core.db import utcnow
from tests.live.conftest import COORDINATOR, LiveServer, live, live_env, together  # noqa: F401

V = "/api/v1"
pytestmark = pytest.mark.live


def _residents(server: LiveServer, n: int) -> list[dict[str, str]]:
    from api.accounts.models import User
    from api.core.db import make_engine, make_session_factory
    from api.core.security import hash_password

    engine = make_engine(server.env["LANGELIS_DATABASE_URL"])
    password = "Event-racer-2026"
    emails = [f"racer-{uuid.uuid4().hex[:10]}@test.lt" for _ in range(n)]
    hashed = hash_password(password)
    with make_session_factory(engine)() as s:
        s.add_all(
            User(
                email=e,
                password_hash=hashed,
                role="resident",
                display_name=e,
                country="LT" if i % 3 else "DE",
                email_verified_at=utcnow(),
            )
            for i, e in enumerate(emails)
        )
        s.commit()
    engine.dispose()
    return [{"Authorization": f"Bearer {server.token(e, password)}"} for e in emails]


def test_thirty_concurrent_registrations_and_cancellations(live: LiveServer) -> None:  # noqa: F811
    start = utcnow() + timedelta(days=10)
    body = {
        "municipality": "vilniaus-m",
        "title": {"lt": "Lenktynės"},
        "kind": "workshop",
        "capacity": 10,
        "starts_at": start.isoformat(),
        "ends_at": (start + timedelta(hours=2)).isoformat(),
    }
    coordinator = live.headers(COORDINATOR)
    event = httpx.post(f"{live.url}{V}/events", json=body, headers=coordinator, timeout=30).json()
    people = _residents(live, 30)
    path = f"{live.url}{V}/events/{event['id']}/registration"

    answers = together(30, lambda i, c: c.post(path, json={}, headers=people[i]))
    assert all(isinstance(a, httpx.Response) and a.status_code == 201 for a in answers), answers
    states = [a.json()["status"] for a in answers if isinstance(a, httpx.Response)]
    assert states.count("confirmed") == 10 and states.count("waitlisted") == 20
    confirmed = [i for i, s in enumerate(states) if s == "confirmed"]

    gone = together(10, lambda i, c: c.delete(path, headers=people[confirmed[i]]))
    assert all(isinstance(a, httpx.Response) and a.status_code == 204 for a in gone), gone
    regs = httpx.get(
        f"{live.url}{V}/events/{event['id']}/registrations", headers=coordinator, timeout=30
    ).json()
    by_state: dict[str, int] = {}
    for r in regs["items"]:
        by_state[r["status"]] = by_state.get(r["status"], 0) + 1
    assert by_state == {"confirmed": 10, "waitlisted": 10, "cancelled": 10}
    assert httpx.get(f"{live.url}{V}/events/{event['id']}", timeout=30).json()["confirmed_count"] == 10
