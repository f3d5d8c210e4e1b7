"""Factories for the migrants tests: people registered through the API, directory services."""

from __future__ import annotations

from typing import Any

import pytest

from tests.directory.conftest import make_org, make_service  # noqa: F401 - fixtures

PERSON: dict[str, Any] = {
    "given_name": "Olena",
    "family_name": "Kovalenko",
    "birth_date": "1988-04-12",
    "sex": "female",
    "citizenships": ["UA"],
    "languages": [{"language": "uk", "level": "native"}, {"language": "lt", "level": "A2"}],
    "lithuanian_level": "A2",
    "legal_status": "temporary_protection",
    "arrival_date": "2022-03-20",
    "email": "olena@example.org",
    "phone": "+370 600 00000",
    "preferred_language": "uk",
    "household": [{"relation": "child", "birth_year": 2018, "name": "Marta"}],
    "consents": ["case_management", "provider_sharing"],
    "needs": ["language", "housing"],
}


@pytest.fixture
def register(client, auth, base):
    """register(who=base.coordinator, **fields) -> the created person (JSON)."""

    def make(who: Any = None, **fields: Any) -> dict[str, Any]:
        body = {**PERSON, **fields}
        r = client.post("/api/v1/migrants", json=body, headers=auth.headers(who or base.coordinator))
        assert r.status_code == 201, r.text
        return r.json()

    return make


@pytest.fixture
def service(make_service):  # noqa: F811
    """An active service of base.org (Vilnius) in the language category, in Ukrainian."""
    return make_service(
        categories=["language"], languages=["lt", "uk"], name={"lt": "Lietuvių kalbos kursai"}
    )
