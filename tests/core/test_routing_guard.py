"""The literal-prefix guard on the app's included routers (``api.core.routing``) changes no match:
for every operation's path, with every method and with the trailing slash toggled, and for paths no
route serves, the guarded walk picks the same route as FastAPI's own walk, fully or partly."""

from __future__ import annotations

import re
import uuid
from typing import Any

import pytest
from fastapi import APIRouter, FastAPI
from fastapi import routing as fastapi_routing
from starlette.routing import Match

from api.core.routing import GuardedBranch, guard_included_routers

_METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE")


def _scope(method: str, path: str) -> dict[str, Any]:
    return {
        "type": "http",
        "method": method,
        "path": path,
        "root_path": "",
        "headers": [],
        "query_string": b"",
    }


def _walk(app: FastAPI, scope: dict[str, Any], *, guarded: bool) -> tuple[Any, Any]:
    """The first full and the first partial match over the app's routes, as FastAPI's walk finds
    them; unguarded: each branch matched by FastAPI's own method."""
    full = partial = None
    for route in app.router.routes:
        if not guarded and isinstance(route, GuardedBranch):
            match, _ = fastapi_routing._IncludedRouter.matches(route, scope)
        else:
            match, _ = route.matches(scope)
        if match == Match.FULL and full is None:
            full = route
        if match == Match.PARTIAL and partial is None:
            partial = route
    return full, partial


def _paths(app: FastAPI) -> list[str]:
    concrete = [re.sub(r"\{[^}]+\}", str(uuid.uuid4()), path) for path in app.openapi()["paths"]]
    toggled = [p[:-1] if p.endswith("/") else p + "/" for p in concrete]
    nowhere = [
        "/api/v1/nothing",
        "/api/v1",
        "/api/v1/",
        "/",
        "/hsds",
        "/api/v2/services",
        "/api/v1/ideas/x/y/z",
    ]
    return concrete + toggled + nowhere


def test_every_match_is_the_one_fastapi_makes(app: FastAPI) -> None:
    guarded = [route for route in app.router.routes if isinstance(route, GuardedBranch)]
    assert len(guarded) > 20  # every domain router
    assert all(branch._prefixes != ("",) for branch in guarded)  # none left unguarded
    compared = 0
    for path in _paths(app):
        for method in _METHODS:
            scope = _scope(method, path)
            assert _walk(app, scope, guarded=True) == _walk(app, scope, guarded=False), (method, path)
            compared += 1
    assert compared > 1000


def test_a_route_added_to_a_guarded_router_later_is_found() -> None:
    router = APIRouter()

    @router.get("/first")
    def first() -> dict[str, str]:
        return {}

    app = FastAPI()
    app.include_router(router, prefix="/api/v1")
    assert guard_included_routers(app) == 1
    branch = app.router.routes[-1]
    assert isinstance(branch, GuardedBranch)
    assert branch.matches(_scope("GET", "/api/v1/later/x"))[0] == Match.NONE

    @router.get("/later/{item}")
    def later(item: str) -> dict[str, str]:
        return {"item": item}

    assert branch.matches(_scope("GET", "/api/v1/later/x"))[0] == Match.FULL
    assert branch.matches(_scope("POST", "/api/v1/later/x"))[0] == Match.PARTIAL
    assert branch.matches(_scope("GET", "/api/v1/first"))[0] == Match.FULL
    assert branch.matches(_scope("GET", "/api/v1/elsewhere"))[0] == Match.NONE


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [("GET", "/api/v1/nothing-here", 404), ("DELETE", "/api/v1/services", 405), ("GET", "/healthz", 200)],
)
def test_answers_through_the_guard(client: Any, method: str, path: str, status: int) -> None:
    response = client.request(method, path)
    assert response.status_code == status
    if status == 405:
        assert "GET" in response.headers["allow"]
