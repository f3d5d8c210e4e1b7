"""Fixed-window counters in the database, shared by every worker and replica.

Counters are kept in the caller's session (the request's own; a request never opens a second
connection): ``hit`` counts, commits the count and refuses; ``count``/``add`` let a caller count only
failures (in its own transaction).
"""

from __future__ import annotations

import random
import time
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session

from api.core.db import dialect_insert
from api.core.errors import ProblemError
from api.core.models import RateLimitCounter

_table = RateLimitCounter.__table__  # type: ignore[attr-defined]


def clock() -> float:
    """Now, in seconds since the epoch. Tests pin it: a fixed window's count starts again at the
    window's boundary, so a test counting attempts across one would see its count restart."""
    return time.time()


def _bucket(key: str, window_seconds: int, now: float) -> tuple[str, int]:
    window = int(now // window_seconds)
    return f"{key}|{window_seconds}|{window}"[:300], window


def too_many(window_seconds: int, now: float | None = None) -> ProblemError:
    now = clock() if now is None else now
    window = int(now // window_seconds)
    retry_after = max(1, int((window + 1) * window_seconds - now) + 1)
    return ProblemError(
        429,
        "Too many attempts. Please wait before trying again.",
        slug="rate-limited",
        headers={"Retry-After": str(retry_after)},
    )


def count(session: Session, key: str, *, window_seconds: int, now: float | None = None) -> int:
    """The count of ``key`` in the window holding ``now`` (default: the current one)."""
    bucket, _ = _bucket(key, window_seconds, clock() if now is None else now)
    value = session.execute(sa.select(_table.c.count).where(_table.c.bucket == bucket)).scalar()
    return int(value or 0)


_UPSERTS: dict[str, Any] = {}


def _upsert(session: Session) -> Any:
    """The counting statement, built once per dialect (building it cost more than running it on a
    hot write such as a vote); values are bound by name (``rl_`` names, never a column's)."""
    dialect = session.get_bind().dialect.name
    stmt = _UPSERTS.get(dialect)
    if stmt is None:
        stmt = (
            dialect_insert(session, _table)
            .values(bucket=sa.bindparam("rl_bucket"), window_start=sa.bindparam("rl_window"), count=1)
            .on_conflict_do_update(index_elements=["bucket"], set_={"count": _table.c.count + 1})
            .returning(_table.c.count)
        )
        _UPSERTS[dialect] = stmt
    return stmt


def add(session: Session, key: str, *, window_seconds: int) -> int:
    now = clock()
    bucket, window = _bucket(key, window_seconds, now)
    params = {"rl_bucket": bucket, "rl_window": window * window_seconds}
    value = int(session.execute(_upsert(session), params).scalar_one())
    if random.random() < 0.01:
        # Old windows are useless; sweep them now and then rather than in a separate job.
        session.execute(sa.delete(_table).where(_table.c.window_start < int(now) - 2 * 86400))
    return value


def hit(session: Session, key: str, *, limit: int, window_seconds: int) -> None:
    """Count one attempt for ``key``; raise 429 with Retry-After once ``limit`` is passed.

    The count is committed at once, so an attempt that fails later (a wrong proof of work, an
    unknown record, a 422 from the logic) still counts: otherwise its rollback would undo the count
    and invalid attempts would never be limited. Call it before the request writes anything."""
    value = add(session, key, window_seconds=window_seconds)
    session.commit()
    if value > limit:
        raise too_many(window_seconds)
