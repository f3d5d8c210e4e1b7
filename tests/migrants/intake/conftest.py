"""Intake read-back fixtures: an intake call as a municipality's machine client."""

from __future__ import annotations

from typing import Any

import pytest

from tests.migrants.package.test_package_gdpr import INTAKE

URL = "/api/v1/migrants/intake"


@pytest.fixture
def intake(client, auth, base):
    """intake(ref, who="intake_vilnius", **fields) -> the POST /intake answer (JSON)."""

    def post(ref: str, who: str = "intake_vilnius", **fields: Any) -> dict[str, Any]:
        body = {**INTAKE, "external_ref": ref, **fields}
        r = client.post(URL, json=body, headers=auth.headers(base.clients[who]))
        assert r.status_code in (200, 201), r.text
        return r.json()

    return post


@pytest.fixture
def as_client(auth, base):
    """as_client("intake_kaunas", **headers) -> request headers of that machine client."""

    def headers(who: str = "intake_vilnius", **extra: str) -> dict[str, str]:
        return auth.headers(base.clients[who], **extra)

    return headers
