"""The application factory: middleware, error handlers, every domain's routes, the frontend."""

from __future__ import annotations

import gc
from typing import Any

import anyio
import anyio.to_thread
import sqlalchemy as sa
from fastapi import APIRouter, Depends, FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse
from fastapi.routing import APIRoute
from fastapi.staticfiles import StaticFiles
from sqlalchemy.engine import Engine
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api import __version__, registry
from api.core.config import Settings, get_settings
from api.core.db import make_engine, make_read_session_factory, make_session_factory
from api.core.errors import install_error_handlers, problem_response
from api.core.etag import ETagMiddleware
from api.core.http import refuse_unknown_query
from api.core.idempotency import IdempotencyMiddleware
from api.core.localize import ProblemLanguageMiddleware
from api.core.logging import configure_logging
from api.core.middleware import BodyGuardMiddleware, BodyLimitMiddleware, RequestContextMiddleware
from api.core.openapi import customise_openapi
from api.core.routing import guard_included_routers

API_PREFIX = "/api/v1"


def _operation_id(route: APIRoute) -> str:
    tag = route.tags[0] if route.tags else "default"
    return f"{tag}-{route.name}"


class SecurityHeadersMiddleware:
    """Conservative browser security headers on every answer."""

    HEADERS = [
        (b"x-content-type-options", b"nosniff"),
        (b"referrer-policy", b"strict-origin-when-cross-origin"),
        (b"x-frame-options", b"DENY"),
        (b"cross-origin-opener-policy", b"same-origin"),
    ]
    CSP = (
        "default-src 'self'; img-src 'self' data: https:; style-src 'self'; script-src 'self'; "
        "connect-src {connect}; frame-ancestors 'none'; base-uri 'self'; form-action 'self'"
    )

    def __init__(self, app: ASGIApp, connect_src: list[str] | None = None) -> None:
        self.app = app
        # The page may call its own origin and the API origins configured, nothing else.
        sources = " ".join(["'self'", *(connect_src or [])])
        self.csp = self.CSP.format(connect=sources).encode("latin-1")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def wrapped(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {k.lower() for k, _ in headers}
                headers += [(k, v) for k, v in self.HEADERS if k not in present]
                if b"content-security-policy" not in present:
                    headers.append((b"content-security-policy", self.csp))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, wrapped)


def create_app(settings: Settings | None = None, engine: Engine | None = None) -> FastAPI:
    settings = settings or get_settings()
    configure_logging(settings.log_level, settings.log_json)
    app = FastAPI(
        title="Langelis API",
        version=__version__,
        description=(
            "One-stop shop for foreign-origin residents and returnees in Lithuanian municipalities, "
            "and a way for each city's diaspora to give back. Errors are RFC 9457 problem+json; "
            "lists use keyset pagination (`limit`, `cursor`); translatable text follows `?lang=` or "
            "`Accept-Language`."
        ),
        openapi_url=f"{API_PREFIX}/openapi.json",
        docs_url=f"{API_PREFIX}/docs",
        redoc_url=None,
        generate_unique_id_function=_operation_id,
    )
    app.state.settings = settings
    app.state.engine = engine or make_engine(
        settings.database_url,
        echo=settings.database_echo,
        pool_size=settings.database_pool_size,
        max_overflow=settings.database_max_overflow,
        pool_timeout=settings.database_pool_timeout,
        threads=settings.worker_threads,
        pre_ping=settings.database_pre_ping,
    )
    app.state.session_factory = make_session_factory(app.state.engine)
    app.state.read_session_factory = make_read_session_factory(app.state.engine)

    install_error_handlers(app)
    _add_system_routes(app)

    def _size_thread_pool() -> None:
        # Blocking route code runs on these threads; the SQLite pool has one connection each.
        anyio.to_thread.current_default_thread_limiter().total_tokens = settings.worker_threads

    app.router.on_startup.append(_size_thread_pool)
    # Every API operation refuses query parameters it does not know (400), never ignores them.
    registry.import_models()  # every table, and the session listeners (the translation tracker)
    unknown = [Depends(refuse_unknown_query)]
    domain_routers: list[APIRouter] = []
    domain_middleware: list[Any] = []  # innermost, inside the ETag middleware
    for _domain, module in registry.modules("router"):
        domain_routers += getattr(module, "routers", None) or [module.router]
        domain_middleware += getattr(module, "middleware", [])
        for router in getattr(module, "root_routers", []):
            app.include_router(router, dependencies=unknown)
    # Each domain's routers straight under the app with the /api/v1 prefix, not under one /api/v1
    # router: FastAPI matches a request by walking the routers it includes, and with every domain
    # one level down each request walked all of them (~180 µs of a signed-in /me's ~260).
    app.add_api_route(
        API_PREFIX,
        api_index,
        methods=["GET"],
        tags=["system"],
        summary="API version and links",
        dependencies=unknown,
    )
    for router in domain_routers:
        app.include_router(router, prefix=API_PREFIX, dependencies=unknown)
    customise_openapi(app)
    guard_included_routers(app)  # a branch none of whose paths begins the request's is skipped

    # Innermost first: idempotency sees the final answer; the request id wraps everything.
    app.add_middleware(IdempotencyMiddleware, settings=settings)
    for middleware in domain_middleware:  # inside ETag: If-None-Match sees the ETag they send
        app.add_middleware(middleware)
    app.add_middleware(ETagMiddleware)
    app.add_middleware(BodyGuardMiddleware)
    app.add_middleware(BodyLimitMiddleware, limit_for=_body_limit(settings))
    app.add_middleware(ProblemLanguageMiddleware)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST", "PATCH", "PUT", "DELETE"],
            allow_headers=[
                "Authorization",
                "Content-Type",
                "If-Match",
                "If-None-Match",
                "Idempotency-Key",
                "Accept-Language",
                "X-Request-ID",
            ],
            expose_headers=["ETag", "Link", "Location", "Retry-After", "Content-Language", "X-Request-ID"],
            max_age=600,
        )
    app.add_middleware(SecurityHeadersMiddleware, connect_src=settings.csp_connect_src)
    app.add_middleware(RequestContextMiddleware)

    if settings.serve_frontend and settings.frontend_dir.is_dir():
        app.mount("/", StaticFiles(directory=settings.frontend_dir, html=True), name="frontend")
    return app


def freeze_startup_heap() -> None:
    """Take what is alive once the worker has started out of the cyclic garbage collector's sight.

    A worker holds some 370,000 long-lived objects after start-up (routes, models, SQLAlchemy
    tables, compiled schemas). Every full collection walked all of them: about 100 ms, once every
    few requests that make many objects (an analytics answer of 2,400 cells), a stall for every
    request in flight. Frozen, a full collection took about 10 ms. Objects made later are collected
    as before; the frozen ones are never garbage (they live as long as the worker).
    """
    gc.collect()
    gc.freeze()


def _body_limit(settings: Settings) -> Any:
    overrides = sorted(settings.large_body_paths.items(), key=lambda kv: -len(kv[0]))

    def limit_for(path: str) -> int:
        for prefix, limit in overrides:
            if path.startswith(prefix):
                return limit
        return settings.max_body_bytes

    return limit_for


def api_index(request: Request) -> dict[str, Any]:
    base = str(request.base_url).rstrip("/") + API_PREFIX
    links = {"self": base, "openapi": f"{base}/openapi.json", "docs": f"{base}/docs"}
    for _domain, module in registry.modules("router"):
        for name, path in getattr(module, "links", {}).items():
            links[name] = base + path
    return {"name": "Langelis API", "version": __version__, "links": links}


def _add_system_routes(app: FastAPI) -> None:
    # async and without the database: answers on the event loop even when every worker thread
    # and every connection is busy.
    @app.get("/healthz", tags=["system"], summary="The process is alive")
    async def healthz() -> dict[str, str]:
        return {"status": "ok"}

    ready_limiter = anyio.CapacityLimiter(2)

    def _ping(request: Request) -> bool:
        try:
            with request.app.state.engine.connect() as conn:
                conn.execute(sa.text("SELECT 1"))
        except sa.exc.SQLAlchemyError:
            return False
        return True

    @app.get(
        "/readyz",
        tags=["system"],
        summary="The database is reachable",
        responses={503: {"description": "Database unavailable"}},
    )
    async def readyz(request: Request) -> Any:
        # Its own two threads: a saturated worker pool does not delay the answer.
        if not await anyio.to_thread.run_sync(_ping, request, limiter=ready_limiter):
            return problem_response(
                503,
                detail="The database is unavailable.",
                slug="database-unavailable",
                headers={"Retry-After": "5"},
            )
        return JSONResponse({"status": "ready"})
