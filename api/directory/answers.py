"""Directory pages remembered per worker while the directory is unchanged (:mod:`api.core.remembered`).

The hot directory pages (``GET /services`` and the HSDS ``/hsds/services`` page) are the same for
everyone who asks the same question: the newcomer's first page in her language, a partner's nightly
HSDS pull. A computed page is kept as its bytes and ETag under a key of everything that decides
them besides the data — the route, the query string as sent, the language (and whether every
translation was asked for), the day (a service's ``stale`` flag follows the date), and what of the
directory the caller may see beyond the public (:func:`sight`: confidential addresses) — with the
directory's data tag read *before* the page was computed. Any write to services, locations, their
links, organisations, municipalities or the translation states of services, organisations and
locations changes the tag (directory_0010, directory_0011), so the next request on every worker
computes the page again.

An anonymous request is answered before routing (:class:`RememberedPublicPages`, which also
remembers one service, ``/api/v1/services/{id}`` and ``/hsds/services/{id}``).

Bounded per worker by ``LANGELIS_DIRECTORY_CACHE_MB`` (0 turns it off). Nothing personal is kept:
the directory is public, and a confidential address only under the key of those who may see it.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session
from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.core.actor import Actor
from api.core.etag import body_etag
from api.core.hot import read_session
from api.core.i18n import parse_accept_language
from api.core.remembered import Answers, DataTag, Tag, remembered, store_of
from api.directory.services.logic import stale_before

# The version of the directory's data, as a transaction sees it.
directory_tag = DataTag("directory_data_tag", "directory_data_writes")


@dataclass(frozen=True, slots=True)
class Page:
    """A page as sent: its body, the ETag of that body and, for keyset pages, the next cursor."""

    body: bytes
    etag: str
    next_cursor: str | None = None

    @classmethod
    def of(cls, body: bytes, next_cursor: str | None = None) -> Page:
        return cls(body, body_etag(body), next_cursor)


def _size(page: Page | Sent) -> int:
    return len(page.body) + 200


def store(state: Any) -> Answers[Any]:
    """The app's store (on ``app.state``), sized by its settings."""
    return store_of(state, "directory_answers", state.settings.directory_cache_mb, _size)


def sight(actor: Actor) -> tuple[Any, ...]:
    """What of the directory ``actor`` may see beyond the public: the inputs of
    :func:`api.directory.scope.sees_confidential` (the only difference between callers' pages)."""
    if actor.is_admin:
        return ("admin",)
    return (actor.municipality_id if actor.role == "coordinator" else None, actor.organization_id)


def page(
    pages: Answers[Page],
    session: Session,
    *,
    route: str,
    query: bytes,
    lang: str,
    all_translations: bool,
    actor: Actor,
    compute: Callable[[], Page],
) -> Page:
    """The page remembered under the directory's current tag, else ``compute()`` remembered;
    ``query`` is the request's query string as sent."""
    key = (
        route,
        query,
        lang,
        all_translations,
        stale_before().isoformat(),
        sight(actor),
    )
    return remembered(pages, directory_tag, session, key, compute)


# The public pages answered before routing when remembered: the two hot lists of the directory and
# one service in either shape (an id only: never the export, which streams, nor a sub-resource).
PUBLIC_PAGES = frozenset({"/api/v1/services", "/hsds/services"})
ONE_SERVICE = re.compile(r"^(?:/api/v1|/hsds)/services/[0-9A-Fa-f-]{32,36}$")


# Set in the scope of a request whose answer the lane keeps: the routes then compute it without
# keeping it again (a second tag read, and the same page twice in memory).
KEPT_BEFORE_ROUTING = "langelis.directory.kept"


def is_public_page(path: str) -> bool:
    return path in PUBLIC_PAGES or ONE_SERVICE.match(path) is not None


@dataclass(frozen=True, slots=True)
class Sent:
    """An answer as the routes sent it: the start message's headers and the body."""

    headers: tuple[tuple[bytes, bytes], ...]
    body: bytes


def _read_tag(state: Any) -> Tag:
    with read_session(state) as session:
        return directory_tag(session)


class RememberedPublicPages:
    """ASGI middleware: an anonymous ``GET`` of a public directory page asked before (same path,
    query string, host, scheme and language, the same day) is answered from memory under the
    directory's current tag, before routing, dependency solving and validation, which are most of
    a remembered page's cost. What the routes sent (status 200 only: a 4xx is computed each time)
    is kept under the tag read before they ran, so the same rules hold as for :func:`page`. A
    request with ``Authorization`` goes to the routes, which remember by what the caller may see.
    Inside the ETag middleware: ``If-None-Match`` is answered from the remembered ETag."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        # Pages being computed in this worker's event loop: later askers wait for the first.
        self._flights: dict[tuple[Any, ...], asyncio.Future[None]] = {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "GET" or not is_public_page(scope["path"]):
            await self.app(scope, receive, send)
            return
        state = scope["app"].state
        pages = store(state)
        language = host = None
        for name, value in scope["headers"]:
            if name == b"authorization":
                await self.app(scope, receive, send)
                return
            if name == b"accept-language":
                language = parse_accept_language(value.decode("latin-1"))
            elif name == b"host":
                host = value
        if pages.limit <= 0:
            await self.app(scope, receive, send)
            return
        key = (
            "public",
            scope["path"],
            scope["query_string"],
            scope.get("scheme"),
            host,
            scope.get("root_path", ""),
            language,
            stale_before().isoformat(),
        )
        try:
            tag = await run_in_threadpool(_read_tag, state)  # before the data, as in ``remembered``
        except SQLAlchemyError:
            # No connection in time, the database away: the routes answer it (503 with Retry-After,
            # a problem+json), which an error raised here, outside their handlers, would not.
            await self.app(scope, receive, send)
            return
        hit = pages.get(key, tag)
        pending = self._flights.get(key) if hit is None else None
        if pending is not None:  # the same page is being computed: wait for it (Answers.flight)
            await asyncio.shield(pending)
            hit = pages.get(key, tag)
        if hit is not None:
            await send({"type": "http.response.start", "status": 200, "headers": list(hit.headers)})
            await send({"type": "http.response.body", "body": hit.body})
            return
        if pending is not None or key in self._flights:  # not kept (a 4xx, another tag): compute
            await self.app(scope, receive, send)
            return
        flight = self._flights[key] = asyncio.get_running_loop().create_future()
        try:
            await self._computed(scope, receive, send, pages, key, tag)
        finally:
            del self._flights[key]
            flight.set_result(None)

    async def _computed(
        self, scope: Scope, receive: Receive, send: Send, pages: Answers[Any], key: tuple[Any, ...], tag: Tag
    ) -> None:
        """The routes' answer, sent and kept when it is a whole 200."""
        scope[KEPT_BEFORE_ROUTING] = True
        start: Message = {}
        chunks: list[bytes] = []

        async def kept(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                start = message
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))
            await send(message)

        await self.app(scope, receive, kept)
        headers = tuple((bytes(k), bytes(v)) for k, v in start.get("headers", []))
        length = next((v for k, v in headers if k.lower() == b"content-length"), None)
        body = b"".join(chunks)
        if start.get("status") == 200 and length is not None and int(length) == len(body):
            pages.put(key, tag, Sent(headers, body))
