"""Conditional writes, once for every domain: ``If-Match`` turned into an atomic version claim.

A route takes ``IfMatchDep`` (the client's ``If-Match``, 428 when missing) and hands it to the
domain logic, which calls :func:`claim` on the loaded row before changing it::

    claim(session, service, if_match)   # UPDATE … SET version = v+1 WHERE id = :id AND version = v

The version is compared *in the database*, so of twenty editors sending the same ``If-Match`` at
the same moment exactly one wins; the others get 412 (on PostgreSQL the losers wait on the row lock
and then see the new version; on SQLite writers are serialised). Nobody bumps ``version`` by hand.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Annotated, Any

import sqlalchemy as sa
from fastapi import Depends, Request
from sqlalchemy.orm.attributes import set_committed_value
from sqlmodel import Session

from api.core.errors import ProblemError

_VERSION_RE = re.compile(r'^(?:W/)?"v(\d+)(?:-[^"]*)?"$')


@dataclass(frozen=True)
class IfMatch:
    """The tags a client sent in ``If-Match`` (``*`` means "whatever is there now")."""

    tags: tuple[str, ...]

    @classmethod
    def parse(cls, header: str | None) -> IfMatch:
        if not header or not header.strip():
            raise ProblemError(
                428,
                "This change needs an If-Match header with the ETag you last read.",
                slug="precondition-required",
            )
        return cls(tuple(part.strip() for part in header.split(",") if part.strip()))

    def versions(self) -> set[int]:
        found = set()
        for tag in self.tags:
            match = _VERSION_RE.match(tag)
            if match:
                found.add(int(match.group(1)))
        return found

    @property
    def any(self) -> bool:
        return "*" in self.tags

    def expected(self, current: int) -> int:
        """The version the client claims to have read, or 412 when it is not the current one."""
        if self.any or current in self.versions():
            return current
        raise stale(current)


def stale(current: int) -> ProblemError:
    return ProblemError(
        412,
        "The record changed since you read it; read it again and retry.",
        slug="precondition-failed",
        current_etag=f'"v{current}"',
    )


def if_match(request: Request) -> IfMatch:
    return IfMatch.parse(request.headers.get("if-match"))


if_match.openapi_if_match = True  # type: ignore[attr-defined]
IfMatchDep = Annotated[IfMatch, Depends(if_match)]


def _table_and_key(row: Any) -> tuple[sa.Table, list[sa.ColumnElement[bool]]]:
    mapper = sa.inspect(type(row))
    table = mapper.local_table
    assert isinstance(table, sa.Table)
    keys = [col == getattr(row, mapper.get_property_by_column(col).key) for col in mapper.primary_key]
    return table, keys


def claim(session: Session, row: Any, precondition: IfMatch | None) -> int:
    """Move ``row`` from the version the client read to the next one, atomically.

    ``precondition`` None means the change is unconditional (a state move the server makes); the
    version is still bumped atomically from what was loaded. Returns the new version. Pending
    changes on ``row`` are flushed after the claim, so they land in the same transaction.
    """
    current = int(row.version)
    expected = precondition.expected(current) if precondition is not None else current
    table, keys = _table_and_key(row)
    result = session.execute(
        sa.update(table).where(*keys, table.c.version == expected).values(version=expected + 1)
    )
    if result.rowcount != 1:  # type: ignore[attr-defined]
        session.rollback()
        fresh = session.execute(sa.select(table.c.version).where(*keys)).scalar()
        raise stale(int(fresh) if fresh is not None else current)
    set_committed_value(row, "version", expected + 1)
    return expected + 1


def check(precondition: IfMatch, current: int) -> None:
    """For a conditional change that does not move the version (rare): compare only."""
    precondition.expected(current)
