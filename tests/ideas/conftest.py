"""Helpers for the ideas tests: propose ideas, make extra participants, shift budget phases."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

import pytest

from api.core.db import utcnow

V = "/api/v1"


@pytest.fixture
def make_idea(client, auth, base):
    def make(
        who: Any = None, *, municipality: str = "vilniaus-m", publish: bool = True, **extra: Any
    ) -> dict:
        body = {
            "municipality": municipality,
            "category": extra.pop("category", "public_space"),
            "title": extra.pop("title", {"lt": f"Idėja {uuid.uuid4().hex[:6]}"}),
            "body": extra.pop("body", {"lt": "Daugiau suoliukų prie upės."}),
            "publish": publish,
            **extra,
        }
        r = client.post(f"{V}/ideas", json=body, headers=auth.headers(who or base.resident))
        assert r.status_code == 201, r.text
        return r.json()

    return make


@pytest.fixture
def people(db):
    """Extra participants (residents in LT unless a country is given), in the test's transaction."""
    from api.accounts.models import User

    def make(n: int, country: str = "LT") -> list[Any]:
        users = []
        for i in range(n):
            u = User(
                email=f"p{i}-{uuid.uuid4().hex[:8]}@test.lt",
                role="resident",
                display_name=f"Person {i}",
                country=country,
                email_verified_at=utcnow(),
            )
            db.add(u)
            users.append(u)
        db.flush()
        return users

    return make


def etag(client, path: str, headers: dict) -> str:
    r = client.get(path, headers=headers)
    assert r.status_code == 200, r.text
    return r.headers["ETag"]


def budget_body(**over: Any) -> dict:
    now = utcnow()
    body = {
        "municipality": "vilniaus-m",
        "title": {"lt": "Dalyvaujamasis biudžetas"},
        "total_amount": 100,
        "ballot_rule": "knapsack",
        "counting_method": "greedy",
        "collecting_from": (now - timedelta(days=3)).isoformat(),
        "reviewing_from": (now + timedelta(days=1)).isoformat(),
        "voting_from": (now + timedelta(days=2)).isoformat(),
        "voting_until": (now + timedelta(days=3)).isoformat(),
    }
    body.update(over)
    return body


def set_phase(db, budget_id: str, phase: str) -> None:
    """Move a budget's dates so that it is in ``phase`` now."""
    from api.ideas.models import Budget

    budget = db.get(Budget, uuid.UUID(budget_id))
    now = utcnow()
    day = timedelta(days=1)
    offsets = {
        "collecting": (-3, 1, 2, 3),
        "reviewing": (-3, -1, 2, 3),
        "voting": (-3, -2, -1, 2),
        "counting": (-4, -3, -2, -1),
    }[phase]
    budget.collecting_from, budget.reviewing_from, budget.voting_from, budget.voting_until = (
        now + o * day for o in offsets
    )
    db.add(budget)
    db.flush()
