"""A literal-prefix guard on every router the app includes.

FastAPI (0.16x) matches a request by walking the app's routes in order; an included router is a
branch whose ``matches`` walks each of its own routes (a regular expression and some bookkeeping
each). A request for a route of the last domains paid for every route before it: ~0.8 ms to route
``PUT /api/v1/ideas/{id}/vote`` on an idle core, ~1.3 ms for ``/api/v1/indicators/analytics`` and for
a path no route serves (the 404), before any of its own work.

A route's pattern can only match a path that begins with its literal part (everything before its
first ``{``), so a branch none of whose routes' literal parts begins the path cannot match it, fully
or partly (405). :func:`guard_included_routers` gives each included branch of the app that test,
one ``str.startswith`` over a tuple, before FastAPI's walk; when it passes, FastAPI matches exactly
as before. The order of the app's routes, the OpenAPI document and every match are unchanged
(``tests/core/test_routing_guard.py`` compares every operation's match with and without the guard).

A route added to a guarded router later (a test mounting another route) is seen: the guard keeps
the route versions of the routers it was computed from and computes its prefixes again when one moved.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi import routing as fastapi_routing
from starlette.routing import Match, get_route_path
from starlette.types import Scope

_IncludedRouter: Any = getattr(fastapi_routing, "_IncludedRouter", None)
_NO_MATCH: tuple[Match, Scope] = (Match.NONE, {})


def _routers_of(branch: Any) -> list[Any]:
    """The router a branch includes and every router included under it (their route versions say
    whether the branch's routes changed)."""
    found, pending = [], [branch.original_router]
    while pending:
        router = pending.pop()
        found.append(router)
        pending += [route.original_router for route in router.routes if isinstance(route, _IncludedRouter)]
    return found


def _literal_prefixes(branch: Any) -> tuple[str, ...] | None:
    """What every path a branch's routes can match begins with; None when a route's path is not known
    (the branch is then never skipped)."""
    prefixes: set[str] = set()
    for context in branch.effective_route_contexts():
        path = getattr(context.starlette_route, "path", None) if context.starlette_route else context.path
        if not isinstance(path, str) or not path:
            return None
        prefixes.add(path.split("{", 1)[0])
    return tuple(sorted(prefixes))


if _IncludedRouter is not None:

    class GuardedBranch(_IncludedRouter):
        """An included router that refuses at once a path none of its routes can match."""

        _prefixes: tuple[str, ...]
        _versions: list[tuple[Any, int]]

        def guard(self) -> bool:
            """(Re)computes the prefixes; False when this branch cannot be guarded."""
            routers = _routers_of(self)
            prefixes = _literal_prefixes(self)
            self._versions = [(router, router._routes_version) for router in routers]
            self._prefixes = prefixes if prefixes is not None else ("",)
            return prefixes is not None

        def _unchanged(self) -> bool:
            return all(router._routes_version == version for router, version in self._versions)

        def matches(self, scope: Scope) -> tuple[Match, Scope]:
            if scope["type"] == "http" and not get_route_path(scope).startswith(self._prefixes):
                if self._unchanged():
                    return _NO_MATCH
                self.guard()
            return super().matches(scope)


def guard_included_routers(app: FastAPI) -> int:
    """Guards every router included straight into ``app``; how many were guarded. Does nothing on a
    FastAPI without included-router branches (then every branch is walked, as FastAPI does)."""
    if _IncludedRouter is None:
        return 0
    guarded = 0
    branch: Any
    for branch in app.router.routes:
        if type(branch) is _IncludedRouter:
            branch.__class__ = GuardedBranch
            guarded += branch.guard()
    return guarded
