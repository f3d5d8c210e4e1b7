"""The response toolkit every domain router uses: no-store, ETags, Location, list pages.

* ``NoStore``: a router-level dependency (``APIRouter(dependencies=[NoStore])``) for routers that
  serve personal data, instead of a call in each route.
* ``with_etag(response, version, body)``: a strong ETag from the record version (what ``If-Match``
  checks) that also changes with the representation.
* ``created(response, url)``: 201 and ``Location``.
* ``Reply`` / ``ReplyDep``: what a route answering with one record reads (request, response, session,
  language); ``reply.tagged(version, body)`` and ``reply.created(record_id, version, body)``. A domain
  whose answers carry more (the caller, the page) subclasses it.
* ``Page[T]``: the one list envelope; a named list is ``class ThingList(Page[ThingRead]): ...``.
  ``page_response`` sets ``Link: <…>; rel="next"`` and serialises the page once.
* ``json_body``: an answer serialised once, keeping the headers set on the injected response.
* ``fast_json(obj)`` / ``rows_page_response``: hot reads built as plain dicts from Core rows, encoded
  by orjson (UTC as ``Z``, decimals as strings: byte for byte what the Pydantic models dump).
* ``op(model, summary, errors)``: a route's OpenAPI declaration in one line,
  ``@router.get("/{id}", **op(ThingRead, "One thing", (404,)))``.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from decimal import Decimal
from typing import Annotated, Any, TypeVar

import orjson
from fastapi import Depends, Request, Response
from pydantic import BaseModel
from sqlmodel import Session

from api.core.db import SessionDep, mark_writer
from api.core.errors import ProblemError, problem_responses
from api.core.etag import set_etag
from api.core.i18n import Locale, LocaleDep
from api.core.pagination import Page, set_link_header

__all__ = [
    "DELETE_ERRORS",
    "NoStore",
    "NoStoreRead",
    "Page",
    "Reply",
    "ReplyDep",
    "created",
    "creating",
    "deleting",
    "fast_json",
    "json_body",
    "no_content",
    "no_store",
    "op",
    "page_bytes_response",
    "page_response",
    "row_response",
    "rows_page_body",
    "rows_page_response",
    "with_etag",
]

M = TypeVar("M", bound=BaseModel)


async def no_store(request: Request, response: Response) -> None:
    """Personal data is never kept by a browser or a proxy. Reads of personal data are audited
    (they write), so the request is served as a writer (see api.core.db)."""
    mark_writer(request)
    response.headers["Cache-Control"] = "no-store"


NoStore: Any = Depends(no_store)


async def no_store_read(response: Response) -> None:
    """Personal data that is read without an audit entry (your own account): never cached, and
    the request stays a reader (on SQLite it runs beside other readers, not behind the write gate)."""
    response.headers["Cache-Control"] = "no-store"


NoStoreRead: Any = Depends(no_store_read)


def op(
    model: Any,
    summary: str,
    errors: tuple[int, ...] = (),
    *,
    status: int | None = None,
    responses: dict[int | str, dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """The keyword arguments of a route decorator: its answer model (None for an empty answer), its
    summary, the problem statuses it may answer (RFC 9457 bodies) and its success status."""
    spec: dict[str, Any] = {
        "summary": summary,
        "responses": {**problem_responses(*errors), **(responses or {})},
    }
    if model is not None:
        spec["response_model"] = model
    if status is not None:
        spec["status_code"] = status
    return spec


def creating(model: Any, summary: str, errors: tuple[int, ...] = (), **extra: Any) -> dict[str, Any]:
    """``op`` for a route that creates: 201 with the new record (and ``Location``, see ``created``)."""
    return op(model, summary, errors, status=201, **extra)


DELETE_ERRORS = (401, 403, 404, 412, 428)


def deleting(summary: str, errors: tuple[int, ...] = DELETE_ERRORS) -> dict[str, Any]:
    """``op`` for a route that deletes: 204 and no body; by default If-Match is required."""
    return op(None, summary, errors, status=204)


def no_content() -> Response:
    """The empty answer of a delete (204)."""
    return Response(status_code=204)


def with_etag(response: Response, version: int, body: M) -> M:
    set_etag(response, version, body.model_dump_json())
    return body


def created(response: Response, url: str) -> None:
    response.status_code = 201
    response.headers["Location"] = url


@dataclass(frozen=True)
class Reply:
    """What a route answering with one record reads besides its subject and its caller: the
    request and response (ETag, ``Location``), the session and the language."""

    request: Request
    response: Response
    session: Session
    locale: Locale

    def tagged(self, version: int, body: M) -> M:
        """The record with its ETag (``with_etag``)."""
        return with_etag(self.response, version, body)

    def created(self, record_id: uuid.UUID | str, version: int, body: M) -> M:
        """201 with the new record's ``Location`` (below the path posted to) and its ETag."""
        created(self.response, f"{self.request.url.path}/{record_id}")
        return self.tagged(version, body)


async def get_reply(request: Request, response: Response, session: SessionDep, locale: LocaleDep) -> Reply:
    """Pure assembly, so async (no worker-thread hop); the session and the locale are the request's."""
    return Reply(request, response, session, locale)


ReplyDep = Annotated[Reply, Depends(get_reply)]


def _carried(response: Response, content: bytes | str, status_code: int | None = None) -> Response:
    headers = {
        k: v for k, v in response.headers.items() if k.lower() not in ("content-length", "content-type")
    }
    return Response(
        content=content,
        media_type="application/json",
        headers=headers,
        status_code=status_code or response.status_code or 200,
    )


def json_body(response: Response, body: BaseModel, *, status_code: int | None = None) -> Response:
    """The answer serialised once (the route still declares its model for OpenAPI): returning the
    model would have FastAPI dump it and validate it again. Headers set on the injected response
    (no-store, Link, language, ETag) are carried over."""
    return _carried(response, body.model_dump_json(), status_code)


def page_response(request: Request, response: Response, page: BaseModel) -> Response:
    """One list answer: ``Link`` to the next page when there is one, the body serialised once."""
    set_link_header(request, response, getattr(page, "next_cursor", None))
    return json_body(response, page)


def _default(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)  # as Pydantic dumps a Decimal
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def fast_json(value: Any) -> bytes:
    """JSON as a Pydantic model of the same data would dump it, without building the model."""
    return orjson.dumps(value, default=_default, option=orjson.OPT_UTC_Z)


def rows_page_body(items: list[dict[str, Any]], next_cursor: str | None) -> bytes:
    """A page of plain dicts (the hot reads) as the list envelope's bytes."""
    return fast_json({"items": items, "next_cursor": next_cursor})


def rows_page_response(
    request: Request, response: Response, items: list[dict[str, Any]], next_cursor: str | None
) -> Response:
    """``page_response`` for a page of plain dicts (the hot reads)."""
    set_link_header(request, response, next_cursor)
    return _carried(response, rows_page_body(items, next_cursor))


def page_bytes_response(
    request: Request, response: Response, body: bytes, etag: str, next_cursor: str | None
) -> Response:
    """A page already serialised (a remembered one) with the ETag of its bytes: the ETag middleware
    takes it as it is instead of hashing the body again."""
    set_link_header(request, response, next_cursor)
    response.headers["ETag"] = etag
    return _carried(response, body)


def row_response(response: Response, body: dict[str, Any], version: int) -> Response:
    """One record as a plain dict, with the ETag ``with_etag`` gives its model (same bytes)."""
    content = fast_json(body)
    set_etag(response, version, content.decode())
    return _carried(response, content)


_ACCEPTED: dict[int, frozenset[str]] = {}


def _accepted(route: object) -> frozenset[str]:
    key = id(route)
    if key not in _ACCEPTED:
        names: set[str] = set()
        stack = [getattr(route, "dependant", None)]
        while stack:
            dependant = stack.pop()
            if dependant is None:
                continue
            names.update(param.alias for param in dependant.query_params)
            stack.extend(dependant.dependencies)
        _ACCEPTED[key] = frozenset(names)
    return _ACCEPTED[key]


async def refuse_unknown_query(request: Request) -> None:
    """A query parameter the operation does not know is a 400, never silently ignored: a filter a
    client believes applied but was not gives it wrong data (the app-wide dependency)."""
    if not request.query_params:
        return
    route = request.scope.get("route")
    if route is None:
        return
    unknown = sorted(set(request.query_params) - _accepted(route))
    if unknown:
        accepted = ", ".join(sorted(_accepted(route))) or "none"
        raise ProblemError(
            400,
            f"Unknown query parameter(s): {', '.join(unknown)}. This operation accepts: {accepted}.",
            slug="unknown-parameter",
            errors=[
                {"loc": ["query", n], "msg": "not supported here", "type": "unsupported"} for n in unknown
            ],
        )
