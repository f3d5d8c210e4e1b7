"""Helpers for the events tests: create events as an organiser, make extra people."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from api.core.db import utcnow

V = "/api/v1"


def soon(days: int = 7, hour: int = 15) -> datetime:
    d = utcnow() + timedelta(days=days)
    return datetime(d.year, d.month, d.day, hour, 0, tzinfo=UTC)


@pytest.fixture
def make_event(client, auth, base):
    def make(who: Any = None, **extra: Any) -> dict:
        start = extra.pop("starts_at", soon())
        body = {
            "municipality": extra.pop("municipality", "vilniaus-m"),
            "title": extra.pop("title", {"lt": f"Renginys {uuid.uuid4().hex[:6]}", "en": "An event"}),
            "kind": extra.pop("kind", "gathering"),
            "starts_at": start.isoformat(),
            "ends_at": extra.pop("ends_at", start + timedelta(hours=2)).isoformat(),
            **extra,
        }
        r = client.post(f"{V}/events", json=body, headers=auth.headers(who or base.coordinator))
        assert r.status_code == 201, r.text
        return r.json()

    return make


@pytest.fixture
def people(db):
    from api.accounts.models import User

    def make(n: int, country: str = "LT") -> list[Any]:
        users = [
            User(
                email=f"e{i}-{uuid.uuid4().hex[:8]}@test.lt",
                role="resident",
                display_name=f"Person {i}",
                country=country,
                email_verified_at=utcnow(),
            )
            for i in range(n)
        ]
        db.add_all(users)
        db.flush()
        return users

    return make
