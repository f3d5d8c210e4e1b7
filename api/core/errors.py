"""RFC 9457 problem details: one error shape for every error the API returns."""

from __future__ import annotations

import logging
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import exc as sa_exc
from starlette.exceptions import HTTPException as StarletteHTTPException

log = logging.getLogger("langelis.errors")

PROBLEM_MEDIA_TYPE = "application/problem+json"
PROBLEM_BASE = "https://langelis.lt/problems/"


class ProblemFieldError(BaseModel):
    loc: list[str | int]
    msg: str
    type: str


class Problem(BaseModel):
    """An RFC 9457 problem details object."""

    model_config = ConfigDict(extra="allow")

    type: str = Field(default="about:blank", description="URI identifying the problem type")
    title: str
    status: int
    detail: str | None = None
    instance: str | None = None
    errors: list[ProblemFieldError] | None = None


class ProblemError(Exception):
    """Raise from anywhere to answer with a problem+json response."""

    def __init__(
        self,
        status: int,
        detail: str | None = None,
        *,
        slug: str | None = None,
        title: str | None = None,
        headers: dict[str, str] | None = None,
        errors: list[dict[str, Any]] | None = None,
        **extra: Any,
    ) -> None:
        super().__init__(detail or title or str(status))
        self.status = status
        self.detail = detail
        self.slug = slug
        self.title = title or HTTPStatus(status).phrase
        self.headers = headers or {}
        self.errors = errors
        self.extra = extra


def not_found(what: str = "resource") -> ProblemError:
    return ProblemError(404, f"The {what} was not found.", slug="not-found")


def conflict(detail: str, slug: str = "conflict", **extra: Any) -> ProblemError:
    return ProblemError(409, detail, slug=slug, **extra)


def forbidden(detail: str = "You are not allowed to do this.") -> ProblemError:
    return ProblemError(403, detail, slug="forbidden")


def unprocessable(detail: str, errors: list[dict[str, Any]] | None = None) -> ProblemError:
    return ProblemError(422, detail, slug="validation-error", title="Validation failed", errors=errors)


def problem_response(
    status: int,
    *,
    detail: str | None = None,
    title: str | None = None,
    slug: str | None = None,
    instance: str | None = None,
    headers: dict[str, str] | None = None,
    errors: list[dict[str, Any]] | None = None,
    extra: dict[str, Any] | None = None,
) -> JSONResponse:
    body: dict[str, Any] = {
        "type": PROBLEM_BASE + slug if slug else "about:blank",
        "title": title or HTTPStatus(status).phrase,
        "status": status,
    }
    if detail:
        body["detail"] = detail
    if instance:
        body["instance"] = instance
    if errors is not None:
        body["errors"] = errors
    if extra:
        body.update(extra)
    return JSONResponse(body, status_code=status, headers=headers, media_type=PROBLEM_MEDIA_TYPE)


def _instance(request: Request) -> str:
    return request.url.path


def _jsonable_loc(loc: Any) -> list[str | int]:
    return [p if isinstance(p, int) else str(p) for p in loc]


def validation_errors(exc: RequestValidationError) -> list[dict[str, Any]]:
    out = []
    for err in exc.errors():
        out.append(
            {"loc": _jsonable_loc(err.get("loc", ())), "msg": str(err.get("msg")), "type": err.get("type")}
        )
    return out


_METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")


def allowed_methods(request: Request) -> list[str]:
    """Every method some route serves at this path (Starlette names only the first route's)."""
    from starlette.routing import Match

    methods = {
        method
        for method in _METHODS
        if any(
            route.matches({**request.scope, "method": method})[0] == Match.FULL
            for route in request.app.router.routes
        )
    }
    if "GET" in methods:
        methods.add("HEAD")
    return sorted(methods)


_DB_DOWN = (
    503,
    "The database is unavailable. Please retry shortly.",
    "database-unavailable",
    None,
    "5",
    logging.ERROR,
)
# Exceptions that always get the same answer: (status, detail, slug, title, Retry-After, log level).
_FIXED_ANSWERS: dict[type[Exception], tuple[int, str, str, str | None, str | None, int | None]] = {
    sa_exc.OperationalError: _DB_DOWN,
    sa_exc.InterfaceError: _DB_DOWN,
    # Every connection is busy and none came free in time: fail fast, let the client retry.
    sa_exc.TimeoutError: (
        503,
        "The service is busy. Please retry in a moment.",
        "busy",
        None,
        "2",
        logging.WARNING,
    ),
    RecursionError: (400, "The request is nested too deeply.", "too-deep", None, None, None),
    UnicodeError: (
        400,
        "The request holds text that is not valid Unicode (for example a lone surrogate).",
        "invalid-text",
        None,
        None,
        None,
    ),
    # The database refused a value the schema let through: a NUL character in text, a number out
    # of the column's range, a malformed date. The client's input, so a 422, not a 500.
    sa_exc.DataError: (
        422,
        "A value is not acceptable (for example a NUL character or a number out of range).",
        "validation-error",
        "Validation failed",
        None,
        logging.INFO,
    ),
    # Concurrent writers racing on a unique key: the client may retry and will see the winner.
    sa_exc.IntegrityError: (
        409,
        "The change conflicts with the current state of the data.",
        "conflict",
        None,
        None,
        logging.WARNING,
    ),
}


def _fixed_answer(
    status: int, detail: str, slug: str, title: str | None, retry_after: str | None, level: int | None
) -> Any:
    async def handler(request: Request, exc: Exception) -> JSONResponse:
        if level is not None:
            cause = getattr(exc, "orig", None) or exc
            log.log(level, "%s: %s", slug, exc.__class__.__name__, extra={"error": str(cause)[:300]})
        return problem_response(
            status,
            detail=detail,
            title=title,
            slug=slug,
            instance=_instance(request),
            headers={"Retry-After": retry_after} if retry_after else None,
        )

    return handler


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ProblemError)
    async def _problem(request: Request, exc: ProblemError) -> JSONResponse:
        return problem_response(
            exc.status,
            detail=exc.detail,
            title=exc.title,
            slug=exc.slug,
            instance=_instance(request),
            headers=exc.headers,
            errors=exc.errors,
            extra=exc.extra,
        )

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = validation_errors(exc)
        body_error = any(e["type"] == "json_invalid" for e in errors)
        return problem_response(
            400 if body_error else 422,
            detail="The request body is not valid JSON."
            if body_error
            else "The request has invalid or missing fields.",
            title="Malformed request" if body_error else "Validation failed",
            slug="malformed-json" if body_error else "validation-error",
            instance=_instance(request),
            errors=errors,
        )

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        detail: str | None = exc.detail if isinstance(exc.detail, str) else None
        if detail == HTTPStatus(exc.status_code).phrase:
            detail = None
        headers = dict(exc.headers or {})
        if exc.status_code == 405:
            headers["Allow"] = ", ".join(allowed_methods(request))
        return problem_response(exc.status_code, detail=detail, instance=_instance(request), headers=headers)

    for exc_type, fixed in _FIXED_ANSWERS.items():
        app.add_exception_handler(exc_type, _fixed_answer(*fixed))

    @app.exception_handler(Exception)
    async def _unhandled(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error")
        return problem_response(500, detail="An unexpected error occurred.", instance=_instance(request))


def problem_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI `responses=` entry declaring the error statuses a route may answer with."""
    out: dict[int | str, dict[str, Any]] = {}
    for status in statuses:
        # The problem+json content is filled in by api.core.openapi for every error status.
        out[status] = {"description": HTTPStatus(status).phrase}
    return out
