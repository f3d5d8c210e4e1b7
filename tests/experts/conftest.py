"""Factories for the experts tests: expert accounts with profiles, requests, actors."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from api.accounts.models import User
from api.accounts.scopes import allowed_scopes
from api.core.actor import Actor
from api.core.db import utcnow
from api.experts.profiles import logic as profiles
from api.experts.profiles.schemas import ExpertProfileCreate
from api.experts.requests import logic as expert_requests
from api.experts.requests.schemas import ExpertRequestCreate


def actor_of(user: Any) -> Actor:
    return Actor(
        kind="user",
        id=user.id,
        role=user.role,
        municipality_id=user.municipality_id,
        organization_id=user.organization_id,
        scopes=allowed_scopes(user.role, user.extra_scopes),
        display_name=user.display_name,
    )


PROFILE_DEFAULTS: dict[str, Any] = {
    "home_municipalities": ["vilniaus-m"],
    "country": "GB",
    "city": "London",
    "competences": ["urban_planning"],
    "languages": [{"language": "en", "level": "C1"}, {"language": "lt", "level": "native"}],
    "hours_per_month": 4,
    "ways": ["remote_advice"],
    "bio": {"en": "I plan cities."},
    "help_topics": {"en": "Public spaces"},
}


@pytest.fixture
def make_expert(db):
    """make_expert(name, **profile_fields) -> (user, profile); None profile with profile=False."""

    def make(name: str = "Test Expert", *, profile: bool = True, **fields: Any) -> tuple[User, Any]:
        user = User(
            email=f"{uuid.uuid4().hex[:12]}@experts.test",
            role="expert",
            display_name=name,
            country=fields.get("country", "GB"),
            email_verified_at=utcnow(),
        )
        db.add(user)
        db.flush()
        if not profile:
            return user, None
        data = {**PROFILE_DEFAULTS, **fields}
        created = profiles.create(db, actor=actor_of(user), data=ExpertProfileCreate(**data))
        db.flush()
        return user, created

    return make


@pytest.fixture
def make_request(db, base):
    """make_request(owner=base.coordinator, status="open", **fields) -> ExpertRequest."""

    def make(owner: Any = None, *, status: str = "open", **fields: Any) -> Any:
        owner = owner or base.coordinator
        data = {
            "title": {"lt": "Kaip atgaivinti upės krantinę?", "en": "How to revive the riverside?"},
            "question": {"en": "What would you change first?"},
            "competences": ["urban_planning"],
            **fields,
        }
        actor = actor_of(owner)
        req = expert_requests.create(db, actor=actor, data=ExpertRequestCreate(**data), municipality=None)
        path = {"draft": [], "open": ["open"], "in_progress": ["open", "in_progress"]}
        path["answered"] = [*path["in_progress"], "answered"]
        path["closed"] = [*path["answered"], "closed"]
        path["cancelled"] = ["cancelled"]
        for to in path[status]:
            expert_requests.change_status(
                db, actor=actor, req=req, to=to, outcome="Done." if to == "closed" else None, if_match=None
            )
        db.flush()
        return req

    return make


def etag_of(client: Any, url: str, headers: dict[str, str]) -> str:
    r = client.get(url, headers=headers)
    assert r.status_code == 200, r.text
    return r.headers["ETag"]
