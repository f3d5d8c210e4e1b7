"""Keyset pagination: ``limit`` and an opaque ``cursor``; deep pages cost the same as the first.

A cursor carries the sort key values of the last row of the page (and the name of the sort, so a
cursor cannot be replayed against another ordering). The next page is the rows strictly after it in
the sort order, found with an index range scan rather than an OFFSET.
"""

from __future__ import annotations

import base64
import binascii
import json
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any, Generic, TypeVar

import sqlalchemy as sa
from fastapi import Depends, Query, Request, Response
from pydantic import BaseModel

from api.core.errors import ProblemError

T = TypeVar("T")
DEFAULT_LIMIT = 20
MAX_LIMIT = 100


class Page(BaseModel, Generic[T]):
    items: list[T]
    next_cursor: str | None = None


@dataclass(frozen=True)
class PageParams:
    limit: int
    cursor: str | None


def page_params(
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Page size")] = DEFAULT_LIMIT,
    cursor: Annotated[
        str | None, Query(max_length=1000, description="Opaque cursor from `next_cursor`")
    ] = None,
) -> PageParams:
    return PageParams(limit=limit, cursor=cursor)


PageDep = Annotated[PageParams, Depends(page_params)]


@dataclass(frozen=True)
class SortKey:
    """One column of a keyset ordering. The last key must be unique (usually the id)."""

    column: Any
    descending: bool = False


def _enc(value: Any) -> Any:
    if isinstance(value, datetime):
        return {"t": "dt", "v": value.isoformat()}
    if isinstance(value, date):
        return {"t": "d", "v": value.isoformat()}
    if isinstance(value, uuid.UUID):
        return {"t": "u", "v": str(value)}
    if isinstance(value, Decimal):
        return {"t": "dec", "v": str(value)}
    return value


def _dec(value: Any) -> Any:
    if isinstance(value, dict):
        kind, raw = value.get("t"), str(value.get("v"))
        if kind == "dt":
            return datetime.fromisoformat(raw)
        if kind == "d":
            return date.fromisoformat(raw)
        if kind == "u":
            return uuid.UUID(raw)
        if kind == "dec":
            return Decimal(raw)
        raise ValueError("unknown cursor value")
    return value


def encode_cursor(sort_name: str, values: Sequence[Any]) -> str:
    raw = json.dumps({"s": sort_name, "k": [_enc(v) for v in values]}, separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def _bad_cursor() -> ProblemError:
    return ProblemError(
        400,
        "The cursor is not valid for this list; start again without a cursor.",
        slug="invalid-cursor",
        title="Invalid cursor",
    )


def decode_cursor(cursor: str, sort_name: str, size: int) -> list[Any]:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        data = json.loads(base64.urlsafe_b64decode(padded.encode()))
        if not isinstance(data, dict) or data.get("s") != sort_name:
            raise _bad_cursor()
        values = [_dec(v) for v in data["k"]]
    except ProblemError:
        raise
    except (ValueError, KeyError, TypeError, binascii.Error, UnicodeDecodeError) as exc:
        raise _bad_cursor() from exc
    if len(values) != size:
        raise _bad_cursor()
    return values


def after(keys: Sequence[SortKey], values: Sequence[Any]) -> sa.ColumnElement[bool]:
    """Rows strictly after ``values`` in the order given by ``keys`` (mixed directions allowed).

    When every key sorts the same way the condition is one row-value comparison,
    ``(a, b, id) > (:a, :b, :id)``, which PostgreSQL answers with an index range scan on
    ``(a, b, id)`` (the expanded ``OR`` form below makes it filter instead, so deep pages cost more
    than the first). SQLite understands row values too (3.15+). Mixed directions keep the ``OR``.
    """
    if len(keys) > 1 and len({k.descending for k in keys}) == 1:
        row = sa.tuple_(*(k.column for k in keys))
        cursor = sa.tuple_(*(sa.literal(v, type_=k.column.type) for k, v in zip(keys, values, strict=True)))
        return row < cursor if keys[0].descending else row > cursor
    clauses = []
    for i, key in enumerate(keys):
        eqs = [keys[j].column == values[j] for j in range(i)]
        cmp = key.column < values[i] if key.descending else key.column > values[i]
        clauses.append(sa.and_(*eqs, cmp) if eqs else cmp)
    return sa.or_(*clauses)


def order_by(keys: Sequence[SortKey]) -> list[Any]:
    return [k.column.desc() if k.descending else k.column.asc() for k in keys]


S = TypeVar("S", bound=Any)


def keyset(
    stmt: S,
    *,
    keys: Sequence[SortKey],
    params: PageParams,
    sort_name: str = "default",
) -> S:
    """Add ordering, the cursor's range condition and LIMIT (one extra row to detect a next page)."""
    if params.cursor:
        values = decode_cursor(params.cursor, sort_name, len(keys))
        stmt = stmt.where(after(keys, values))
    return stmt.order_by(*order_by(keys)).limit(params.limit + 1)


def finish(
    rows: Sequence[T],
    *,
    params: PageParams,
    key_of: Callable[[T], Sequence[Any]],
    sort_name: str = "default",
) -> tuple[list[T], str | None]:
    """Trim the extra row and build the next cursor from the last row kept."""
    items = list(rows[: params.limit])
    next_cursor = None
    if len(rows) > params.limit and items:
        next_cursor = encode_cursor(sort_name, key_of(items[-1]))
    return items, next_cursor


def set_link_header(request: Request, response: Response, next_cursor: str | None) -> None:
    if not next_cursor:
        return
    url = request.url.include_query_params(cursor=next_cursor)
    response.headers["Link"] = f'<{url}>; rel="next"'
