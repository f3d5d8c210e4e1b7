"""The hot read path: async twins of the core dependencies and one worker thread per request.

FastAPI runs a sync dependency in a worker thread; a read route with four sync dependencies pays
four thread hops before it touches the database, which on a busy machine was most of the gap
between the public directory and raw SQL. A hot read route therefore:

* takes the language and the page through :data:`AsyncLocaleDep` and :data:`AsyncPageDep` (same
  query parameters, same behaviour and OpenAPI as ``LocaleDep`` and ``PageDep``; pure parsing, so
  they run in the event loop);
* does all its database work in one worker thread with a session of its own
  (:func:`read_in_thread`), instead of the request-scoped ``SessionDep`` (which costs a hop to open
  and another to close).

Only for reads: nothing is committed, the session is rolled back and closed in the same thread.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Annotated, Any, ParamSpec, TypeVar

from fastapi import Depends, Query, Request, Response
from fastapi.concurrency import run_in_threadpool
from sqlmodel import Session

from api.core.i18n import LangQuery, Locale, TranslationsQuery, get_locale
from api.core.pagination import DEFAULT_LIMIT, MAX_LIMIT, PageParams, page_params

__all__ = [
    "AsyncLocaleDep",
    "AsyncPageDep",
    "async_locale",
    "async_page",
    "in_thread",
    "read_in_thread",
    "read_session",
]

T = TypeVar("T")
P = ParamSpec("P")


async def async_locale(
    request: Request, response: Response, lang: LangQuery = None, translations: TranslationsQuery = None
) -> Locale:
    """``get_locale`` in the event loop."""
    return get_locale(request, response, lang, translations)


async def async_page(
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Page size")] = DEFAULT_LIMIT,
    cursor: Annotated[
        str | None, Query(max_length=1000, description="Opaque cursor from `next_cursor`")
    ] = None,
) -> PageParams:
    """``page_params`` in the event loop."""
    return page_params(limit, cursor)


async_locale.openapi_accept_language = True  # type: ignore[attr-defined]
AsyncLocaleDep = Annotated[Locale, Depends(async_locale)]
AsyncPageDep = Annotated[PageParams, Depends(async_page)]


async def in_thread(fn: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
    """Blocking work (a token check, a query) in one worker thread, awaited from an async route."""
    return await run_in_threadpool(fn, *args, **kwargs)


async def in_thread_committed(session: Session, fn: Callable[[], T]) -> T:
    """A change in one worker thread, committed in that thread as soon as it is done (``fn`` builds
    its answer first). The request session's own commit, after the route, would need a second hop:
    under load the thread pool's queue sits between the two, and every row lock the change took
    (a seat on an event, an idea's counter) is held while it waits, so concurrent changes to one
    record queue behind each other's hops instead of their SQL."""

    def run() -> T:
        answer = fn()
        session.commit()
        return answer

    return await run_in_threadpool(run)


@contextmanager
def read_session(state: Any) -> Iterator[Session]:
    """A session for read-only work from the app's ``state`` (``core.db.make_read_session_factory``:
    autocommit on PostgreSQL, so nothing written in it is undone); rolled back and closed at the end."""
    session = state.read_session_factory()
    try:
        yield session
    finally:
        session.rollback()
        session.close()


async def read_in_thread(request: Request, work: Callable[[Session], T]) -> T:
    """``work(session)`` in one worker thread with a read-only session opened and closed there."""

    def run() -> T:
        with read_session(request.app.state) as session:
            return work(session)

    return await run_in_threadpool(run)
