"""Hostile bodies (issue 10, item 4): nesting 1,000 deep and lone surrogates answer 4xx problem+json
on every operation, never 500. A schemathesis run over every operation sends such bodies, beside
explicit cases for the requests that once broke the server."""

from __future__ import annotations

import json
import os
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

DEEP = 1000
MAX_EXAMPLES = int(os.environ.get("LANGELIS_SCHEMATHESIS_EXAMPLES", "25"))


def deep_array(depth: int = DEEP) -> str:
    return "[" * depth + "]" * depth


def _poison(value: Any) -> Any:
    if isinstance(value, str):
        return value + "\ud800"
    if isinstance(value, dict):
        return {k: _poison(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_poison(v) for v in value]
    return value


def _nest(value: Any, depth: int = DEEP) -> Any:
    for _ in range(depth):
        value = [value]
    return value


def _schema_app() -> Any:
    from api.core.config import Settings
    from api.main import create_app

    return create_app(Settings(_env_file=None, database_url="sqlite://", secret_key="x" * 40))


hostile = schemathesis.openapi.from_asgi("/api/v1/openapi.json", _schema_app())
hostile.config.phases.coverage.enabled = False


@hostile.include(method=["POST", "PUT", "PATCH"]).parametrize()
@settings(
    max_examples=max(3, MAX_EXAMPLES // 5),
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
    database=None,
)
def test_hostile_bodies_on_every_operation(case: Any, client: Any, auth: Any, base: Any) -> None:
    """Each generated body sent twice more: wrapped 1,000 arrays deep, and with a lone surrogate
    in every string. Hypothesis cannot hold such values itself, so they are made as text."""
    body = case.body if isinstance(case.body, dict | list | str | int | float | bool) else {}
    query = case.query if isinstance(case.query, dict) else None
    plain = json.dumps(body)
    half = DEEP // 2
    variants = ["[" * half + plain + "]" * half, json.dumps(_poison(body))]
    headers = {**auth.headers(base.admin), "Content-Type": "application/json"}
    for content in variants:
        r = client.request(case.method, case.formatted_path, params=query, content=content, headers=headers)
        assert r.status_code < 500, (case.method, case.formatted_path, r.status_code, r.text[:300])
        assert r.status_code == 400 or "\\ud800" not in content, (
            case.method,
            case.formatted_path,
            r.text[:300],
        )


@pytest.mark.parametrize("path", ["/api/v1/indicators/data", "/api/v1/ideas", "/api/v1/services"])
def test_deeply_nested_json_is_a_400_problem(client: Any, auth: Any, base: Any, path: str) -> None:
    r = client.post(
        path, content=deep_array(), headers={**auth.headers(base.admin), "Content-Type": "application/json"}
    )
    assert r.status_code == 400, r.text
    assert r.headers["content-type"].startswith("application/problem+json")
    assert r.json()["status"] == 400


def test_deeply_nested_ndjson_is_a_400_problem(client: Any, auth: Any, base: Any) -> None:
    body = '{"a": 1}\n' + deep_array() + "\n"
    r = client.post(
        "/api/v1/indicators/data",
        content=body,
        headers={**auth.headers(base.admin), "Content-Type": "application/x-ndjson"},
    )
    assert 400 <= r.status_code < 500, r.text
    assert r.headers["content-type"].startswith("application/problem+json")


@pytest.mark.parametrize("path", ["/api/v1/ideas", "/api/v1/services", "/api/v1/organizations"])
def test_lone_surrogate_is_a_400_problem(client: Any, auth: Any, base: Any, path: str) -> None:
    body = '{"title": {"lt": "\\ud800"}, "name": {"lt": "\\ud800"}, "municipality": "vilniaus-m"}'
    r = client.post(
        path, content=body, headers={**auth.headers(base.admin), "Content-Type": "application/json"}
    )
    assert r.status_code == 400, r.text
    assert r.json()["type"].endswith("invalid-text")


def test_nesting_within_the_limit_reaches_validation(client: Any, auth: Any, base: Any) -> None:
    r = client.post("/api/v1/ideas", content=json.dumps(_nest({}, 10)), headers=auth.headers(base.admin))
    assert r.status_code == 422, r.text
