"""Factories for the directory tests: organisations and services written straight to the session."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

import pytest

from api.accounts.scopes import allowed_scopes
from api.core.actor import Actor
from api.directory.derived_fields import refresh_organization, refresh_service
from api.directory.models import Service
from api.municipalities.models import Organization


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


@pytest.fixture
def make_org(db, base):
    def make(municipality: Any = None, *, name: dict[str, str] | None = None, **fields: Any) -> Organization:
        org = Organization(
            municipality_id=(municipality or base.municipality).id,
            name=name or {"lt": f"Organizacija {uuid.uuid4().hex[:6]}"},
            **fields,
        )
        refresh_organization(org)
        db.add(org)
        db.flush()
        return org

    return make


@pytest.fixture
def make_service(db, base):
    """make_service(org=base.org, name=..., **fields) -> Service (flushed)."""

    def make(org: Any = None, *, name: dict[str, str] | None = None, **fields: Any) -> Service:
        org = db.get(Organization, (org or base.org).id)
        data: dict[str, Any] = {
            "categories": ["info"],
            "languages": ["lt"],
            "description": {"lt": "Aprašymas"},
            "assured_date": date(2026, 11, 1),
            **fields,
        }
        service = Service(
            organization_id=org.id,
            municipality_id=org.municipality_id,
            name=name or {"lt": f"Paslauga {uuid.uuid4().hex[:6]}"},
            **data,
        )
        refresh_service(service, org)
        db.add(service)
        db.flush()
        return service

    return make


def ids(response) -> set[str]:
    """The ids of a list answer (which must be a 200)."""
    assert response.status_code == 200, response.text
    return {item["id"] for item in response.json()["items"]}


@pytest.fixture
def marker() -> str:
    return "zq" + uuid.uuid4().hex[:8]


NEW_SERVICE = {
    "name": {"lt": "Lietuvių kalbos kursai", "uk": "Курси литовської мови"},
    "description": {"lt": "Kursai suaugusiems"},
    "categories": ["language.course"],
    "languages": ["lt", "uk"],
    "level": "A1",
    "format": "hybrid",
    "schedule": [{"weekday": 2, "opens": "18:00", "closes": "19:30"}],
    "start_date": "2027-01-10",
    "end_date": "2027-05-30",
}
