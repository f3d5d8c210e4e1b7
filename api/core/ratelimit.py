"""Sliding-window counters in the database, shared by every worker and replica.

Each key has one row per fixed window (``"{key}|{window_seconds}|{window_index}"``: its count in that
window). A limit is compared with the sliding-window estimate, the approximation API gateways use::

    estimate(now) = previous_window_count * (1 - elapsed_fraction_of_current_window) + current_count

so a burst straddling a boundary is still counted (a plain fixed window starts again at zero there and
lets up to twice a limit through). ``count``/``add`` stay exact per-window counts (proof of work's
one-time-use check needs exactly that).

Counters are kept in the caller's session (the request's own; a request never opens a second
connection): ``hit`` counts, commits the count and refuses; ``estimates``/``add`` let a caller count
only failures (in its own transaction).
"""

from __future__ import annotations

import hashlib
import math
import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, TypeVar

import sqlalchemy as sa
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session

from api.core.db import dialect_insert
from api.core.errors import ProblemError
from api.core.models import RateLimitCounter

T = TypeVar("T")
_table = RateLimitCounter.__table__  # type: ignore[attr-defined]
_BUCKET_LENGTH = 300  # the column's


def clock() -> float:
    """Now, in seconds since the epoch: the rate limits' single source of time (tests pin it)."""
    return time.time()


def _bucket(key: str, window_seconds: int, window: int) -> str:
    """The row of ``key`` in one window. A key too long for the column is shortened with a digest of
    it, never cut: the window's suffix must stay, or every window of the key would share one row."""
    suffix = f"|{window_seconds}|{window}"
    if len(key) + len(suffix) > _BUCKET_LENGTH:
        key = f"{key[:200]}#{hashlib.sha256(key.encode()).hexdigest()[:32]}"
    return key + suffix


@dataclass(frozen=True, slots=True)
class Counts:
    """One key's counts in the window holding ``now`` and in the one before it."""

    previous: int
    current: int
    window_seconds: int
    now: float

    @property
    def start(self) -> int:
        """When the current window began."""
        return int(self.now // self.window_seconds) * self.window_seconds

    @property
    def remaining(self) -> float:
        """Seconds left in the current window (the previous window's count weighs this fraction)."""
        return self.start + self.window_seconds - self.now

    @property
    def estimate(self) -> float:
        """``previous * (1 - elapsed / window) + current``."""
        return self.previous * self.remaining / self.window_seconds + self.current

    # The comparisons multiply through by the window instead of dividing: exact at whole seconds.
    def over(self, limit: float) -> bool:
        """The estimate is above ``limit``."""
        return self.previous * self.remaining > (limit - self.current) * self.window_seconds

    def reaches(self, limit: float) -> bool:
        """The estimate is at or above ``limit``."""
        return self.previous * self.remaining >= (limit - self.current) * self.window_seconds

    def retry_after(self, ceiling: float, *, strict: bool = False) -> int:
        """Whole seconds (at least 1) until the estimate, decaying with no new counts, is at or below
        ``ceiling`` (below it if ``strict``): the earliest whole second at which a caller asking the
        same question again is answered yes.

        The estimate falls linearly: in the current window from ``previous + current`` to
        ``current`` at its end, then in the next one from ``current`` to 0."""
        window = self.window_seconds
        now, end, top = Fraction(self.now), self.start + window, Fraction(ceiling)
        previous, current = self.previous, self.current

        def fits(value: Fraction | int) -> bool:
            return value < top if strict else value <= top

        at: Fraction | int
        if fits(current):  # reached in this window, where previous * (end - t) / window + current == top
            at = end - (top - current) * window / previous if previous else now
        elif fits(0):  # reached in the next window, where current * (end + window - t) / window == top
            at = end + window - top * window / current
        else:  # never (a limit of 0): answer when every count has aged out
            at = end + window
        wait = at - now
        return max(1, math.floor(wait) + 1 if strict else math.ceil(wait))


def too_many(retry_after: int) -> ProblemError:
    """The 429 answer; ``retry_after`` from ``Counts.retry_after`` (the caller knows its comparison)."""
    return ProblemError(
        429,
        "Too many attempts. Please wait before trying again.",
        slug="rate-limited",
        headers={"Retry-After": str(max(1, retry_after))},
    )


def count(session: Session, key: str, *, window_seconds: int, now: float | None = None) -> int:
    """The exact count of ``key`` in the fixed window holding ``now`` (default: the current one)."""
    now = clock() if now is None else now
    bucket = _bucket(key, window_seconds, int(now // window_seconds))
    value = session.execute(sa.select(_table.c.count).where(_table.c.bucket == bucket)).scalar()
    return int(value or 0)


def estimates(
    session: Session, keys: Sequence[str], *, window_seconds: int, now: float | None = None
) -> list[Counts]:
    """The counts of each of ``keys`` in the current and previous windows (one statement for all);
    compare a limit with ``.estimate`` (``.over``/``.reaches``)."""
    now = clock() if now is None else now
    window = int(now // window_seconds)
    wanted = [(_bucket(k, window_seconds, window - 1), _bucket(k, window_seconds, window)) for k in keys]
    buckets = [bucket for pair in wanted for bucket in pair]
    query = sa.select(_table.c.bucket, _table.c.count).where(_table.c.bucket.in_(buckets))
    found = {bucket: value for bucket, value in session.execute(query)}
    return [
        Counts(int(found.get(prev) or 0), int(found.get(cur) or 0), window_seconds, now)
        for prev, cur in wanted
    ]


def estimate(session: Session, key: str, *, window_seconds: int, now: float | None = None) -> Counts:
    return estimates(session, [key], window_seconds=window_seconds, now=now)[0]


_UPSERTS: dict[str, Any] = {}


def _upsert(session: Session) -> Any:
    """The counting statement, built once per dialect (building it cost more than running it on a
    hot write such as a vote); values are bound by name (``rl_`` names, never a column's).

    It counts one in the current window's row and returns that row's new count with the previous
    window's count, read by a scalar subquery in RETURNING (on its own alias of the table): one round
    trip on SQLite (3.35+) and PostgreSQL alike. The subquery reads another row than the one written,
    so neither dialect's rule on what a statement sees of its own change matters."""
    dialect = session.get_bind().dialect.name
    stmt = _UPSERTS.get(dialect)
    if stmt is None:
        earlier = _table.alias("rl_previous")
        previous = (
            sa.select(earlier.c.count)
            .where(earlier.c.bucket == sa.bindparam("rl_previous"))
            .scalar_subquery()
        )
        stmt = (
            dialect_insert(session, _table)
            .values(bucket=sa.bindparam("rl_bucket"), window_start=sa.bindparam("rl_window"), count=1)
            .on_conflict_do_update(index_elements=["bucket"], set_={"count": _table.c.count + 1})
            .returning(_table.c.count, previous)
        )
        _UPSERTS[dialect] = stmt
    return stmt


def _add(session: Session, key: str, window_seconds: int, now: float) -> Counts:
    window = int(now // window_seconds)
    params = {
        "rl_bucket": _bucket(key, window_seconds, window),
        "rl_window": window * window_seconds,
        "rl_previous": _bucket(key, window_seconds, window - 1),
    }
    current, previous = session.execute(_upsert(session), params).one()
    if random.random() < 0.01:
        # Old windows are useless; sweep them now and then rather than in a separate job. Two days
        # keep the previous window of every window up to a day (the longest in use).
        session.execute(sa.delete(_table).where(_table.c.window_start < int(now) - 2 * 86400))
    return Counts(int(previous or 0), int(current), window_seconds, now)


def add(session: Session, key: str, *, window_seconds: int) -> int:
    """Count one for ``key`` in the current window; the window's exact count after it."""
    return _add(session, key, window_seconds, clock()).current


def hit(session: Session, key: str, *, limit: int, window_seconds: int) -> None:
    """Count one attempt for ``key``; raise 429 with Retry-After once the sliding estimate (this
    attempt included) passes ``limit``. One statement counts and reads the previous window.

    The count is committed at once, so an attempt that fails later (a wrong proof of work, an
    unknown record, a 422 from the logic) still counts: otherwise its rollback would undo the count
    and invalid attempts would never be limited. Call it before the request writes anything.
    Refused attempts count too. Retry-After is the wait until the next attempt would pass: until the
    estimate without it is at most ``limit - 1``."""
    hit_then(session, key, limit=limit, window_seconds=window_seconds, work=lambda: None)
    session.commit()


def hit_then(session: Session, key: str, *, limit: int, window_seconds: int, work: Callable[[], T]) -> T:
    """:func:`hit`, then ``work()``, in one transaction, which the caller commits: one commit on the
    way that succeeds instead of two. A refused attempt is committed at once (nothing else was
    written); when ``work`` fails, its transaction is rolled back and the attempt counted again in a
    transaction of its own, so every attempt counts exactly as :func:`hit` would have left it.

    The counter's row stays locked until the caller commits: only the same key's next attempt waits
    for it (keys are per person or per address)."""
    now = clock()
    counts = _add(session, key, window_seconds, now)
    if counts.over(limit):
        session.commit()
        raise too_many(counts.retry_after(limit - 1))
    try:
        return work()
    except BaseException:
        session.rollback()
        try:
            _add(session, key, window_seconds, now)
            session.commit()
        except SQLAlchemyError:
            session.rollback()  # the database is away: the work's own error is the answer
        raise
