"""The OpenAPI document as the whole integration contract (issue 11).

FastAPI describes bodies and query parameters; what the API also reads and writes is added here,
from markers the dependencies carry (``core`` knows no domain, so the markers are plain attributes):

* ``openapi_security = "required" | "optional"`` on the dependency that reads the bearer token;
  ``openapi_scopes`` on scope-checking dependencies. Public operations get no security, optional
  ones ``[{}, {"OAuth2": []}]``, signed-in ones ``OAuth2`` with their scopes.
* ``openapi_if_match`` (``api.core.conditional.if_match``): a required ``If-Match`` header.
* ``openapi_accept_language`` (``api.core.i18n.get_locale`` and its async twin): ``Accept-Language``.
* every POST: an optional ``Idempotency-Key`` header (except the sign-in endpoints).
* response headers: ``ETag`` on 200/201, ``Location`` on 201, ``Link`` on lists, ``Content-Language``
  where the language is chosen, ``Retry-After`` on 429/503.
* one OAuth2 scheme with both flows people and machines use (password, client credentials).
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.routing import APIRoute
from fastapi.security import OAuth2

SCHEME = "OAuth2"
TOKEN_URL = "/api/v1/auth/token"  # noqa: S105 - a path, not a secret

HEADERS = {
    "ETag": {
        "description": "The representation's version; send it back in If-Match to change the record",
        "schema": {"type": "string"},
    },
    "Location": {"description": "The URL of the record created", "schema": {"type": "string"}},
    "Link": {
        "description": 'RFC 8288 link to the next page: `<…?cursor=…>; rel="next"`',
        "schema": {"type": "string"},
    },
    "Content-Language": {
        "description": "The language of the translatable text",
        "schema": {"type": "string"},
    },
    "Retry-After": {"description": "Seconds to wait before retrying", "schema": {"type": "integer"}},
    "X-Request-ID": {
        "description": "The request's id (yours when you sent a sane one), also in the server's logs",
        "schema": {"type": "string"},
    },
    "Idempotent-Replayed": {
        "description": "`true` when this is the stored answer to an earlier request with the same key",
        "schema": {"type": "string"},
    },
}
PARAMETERS = {
    "If-Match": {
        "name": "If-Match",
        "in": "header",
        "required": True,
        "description": "The ETag you last read (428 without it, 412 when the record changed since)",
        "schema": {"type": "string"},
    },
    "Idempotency-Key": {
        "name": "Idempotency-Key",
        "in": "header",
        "required": False,
        "description": "Any unique string: a retry with the same key and body is done once and "
        "answered with the first answer (Idempotent-Replayed: true)",
        "schema": {"type": "string", "minLength": 1, "maxLength": 255},
    },
    "X-Request-ID": {
        "name": "X-Request-ID",
        "in": "header",
        "required": False,
        "description": "Your id for this request (8–64 of A-Z a-z 0-9 . _ -), echoed and logged",
        "schema": {"type": "string", "pattern": "^[A-Za-z0-9._-]{8,64}$"},
    },
    "Accept-Language": {
        "name": "Accept-Language",
        "in": "header",
        "required": False,
        "description": "Preferred languages (lt, en, uk, ru, …); `?lang=` wins",
        "schema": {"type": "string"},
    },
}


def _routes(app: FastAPI) -> list[Any]:
    """Every operation with its effective path and dependencies (router-level ones included)."""
    out: list[Any] = []
    for route in app.routes:
        if isinstance(route, APIRoute):
            out.append(route)
        elif hasattr(route, "effective_route_contexts"):
            out.extend(route.effective_route_contexts())
    return out


def _calls(route: Any) -> list[Any]:
    found: list[Any] = []
    stack = [route.dependant]
    while stack:
        dep = stack.pop()
        if dep.call is not None:
            found.append(dep.call)
        stack.extend(dep.dependencies)
    return found


def _security(calls: list[Any]) -> list[dict[str, list[str]]] | None:
    marks = {getattr(c, "openapi_security", None) for c in calls}
    scopes = sorted({s for c in calls for s in getattr(c, "openapi_scopes", ())})
    if "required" in marks or scopes:
        return [{SCHEME: scopes}]
    if "optional" in marks or any(isinstance(c, OAuth2) for c in calls):
        return [{}, {SCHEME: []}]
    return None


def _add_parameter(operation: dict[str, Any], name: str) -> None:
    params = operation.setdefault("parameters", [])
    if not any(p.get("name", "").lower() == name.lower() and p.get("in") == "header" for p in params):
        params.append({"$ref": f"#/components/parameters/{name}"})


def _add_header(response: dict[str, Any], name: str) -> None:
    response.setdefault("headers", {})[name] = {"$ref": f"#/components/headers/{name}"}


def apply(app: FastAPI, schema: dict[str, Any], *, scopes: dict[str, str]) -> None:
    by_id = {}
    for route in _routes(app):
        for method in route.methods:
            by_id[(route.path_format, method.lower())] = route
    components = schema.setdefault("components", {})
    components["securitySchemes"] = {
        SCHEME: {
            "type": "oauth2",
            "description": "People sign in with the password flow; partner systems (machine clients) "
            "with client credentials (form fields or HTTP Basic). Access tokens are bearer JWTs.",
            "flows": {
                "password": {"tokenUrl": TOKEN_URL, "refreshUrl": TOKEN_URL, "scopes": scopes},
                "clientCredentials": {"tokenUrl": TOKEN_URL, "scopes": scopes},
            },
        }
    }
    components["headers"] = HEADERS
    components["parameters"] = PARAMETERS
    for path, item in schema.get("paths", {}).items():
        for method, operation in item.items():
            if not isinstance(operation, dict):
                continue
            route = by_id.get((path, method))
            calls = _calls(route) if route is not None else []
            security = _security(calls)
            if security is None:
                operation.pop("security", None)
            else:
                operation["security"] = security
            if any(getattr(c, "openapi_if_match", False) for c in calls):
                _add_parameter(operation, "If-Match")
            keyed = method == "post" and not path.startswith("/api/v1/auth/")
            if keyed:
                _add_parameter(operation, "Idempotency-Key")
            _add_parameter(operation, "X-Request-ID")
            reads_language = any(getattr(c, "openapi_accept_language", False) for c in calls)
            if reads_language:
                _add_parameter(operation, "Accept-Language")
            is_list = any(p.get("name") == "cursor" for p in operation.get("parameters", []))
            for code, response in operation.get("responses", {}).items():
                if code[0] in "2345" or code == "default":
                    _add_header(response, "X-Request-ID")
                if keyed and code in ("200", "201"):
                    _add_header(response, "Idempotent-Replayed")
                if code in ("200", "201"):
                    _add_header(response, "ETag")
                    if reads_language:
                        _add_header(response, "Content-Language")
                if code == "201":
                    _add_header(response, "Location")
                if code == "200" and is_list:
                    _add_header(response, "Link")
                if code in ("429", "503"):
                    _add_header(response, "Retry-After")
