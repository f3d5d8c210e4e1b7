"""Fixed-window rate limits with counters in the database, shared by every worker and replica."""

from __future__ import annotations

import random
import time

import sqlalchemy as sa
from sqlalchemy.orm import sessionmaker
from sqlmodel import Session

from api.core.db import dialect_insert, side_session
from api.core.errors import ProblemError
from api.core.models import RateLimitCounter

_table = RateLimitCounter.__table__  # type: ignore[attr-defined]


def hit(factory: sessionmaker[Session], key: str, *, limit: int, window_seconds: int) -> None:
    """Count one attempt for ``key``; raise 429 with Retry-After once ``limit`` is passed.

    The counter is written in a transaction of its own, so failed attempts count too. Call it
    before the route first uses the request's session: on SQLite a transaction holds the single
    write lock, so a counter taken while the request's transaction is open would wait for it.
    """
    now = time.time()
    window = int(now // window_seconds)
    bucket = f"{key}|{window_seconds}|{window}"[:300]
    with side_session(factory) as session:
        stmt = dialect_insert(session, _table).values(
            bucket=bucket, window_start=window * window_seconds, count=1
        )
        stmt = stmt.on_conflict_do_update(
            index_elements=["bucket"], set_={"count": _table.c.count + 1}
        ).returning(_table.c.count)
        count = session.execute(stmt).scalar_one()
        if random.random() < 0.01:
            # Old windows are useless; sweep them now and then rather than in a separate job.
            session.execute(sa.delete(_table).where(_table.c.window_start < int(now) - 2 * 86400))
    if count > limit:
        retry_after = max(1, int((window + 1) * window_seconds - now) + 1)
        raise ProblemError(
            429,
            "Too many attempts. Please wait before trying again.",
            slug="rate-limited",
            headers={"Retry-After": str(retry_after)},
        )
