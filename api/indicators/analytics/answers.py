"""Analytics answers remembered per worker, served while the data they were computed from is unchanged.

An answer is keyed by everything that decides its bytes — the format, the language, the indicators,
periods, places, breakdowns and filters as parsed (relative periods already resolved against
``as_of``) and what the caller may see (published data only; everything; or published data and one
municipality's drafts) — and kept with the data tag (:class:`~api.indicators.models.IndicatorDataTag`)
read *before* it was computed. A request reads the tag (one primary-key read) and takes a remembered
answer only under the same tag. Every write to observations, definitions or municipalities gives the
tag a new random value in the writing transaction (database triggers, migration indicators_0003), so
an answer computed before a write is never served after it is committed, and one computed from data
that was then rolled back is never served at all (its tag does not come back).

Memory is bounded per worker (``LANGELIS_ANALYTICS_CACHE_MB``; the least recently used answer goes
first; 0 turns remembering off). Only aggregates are kept: cells under the small-cell rule are
already suppressed in them, and drafts only under the key of those allowed to see them.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session

from api.core.actor import Actor
from api.indicators.analytics.query import Query
from api.indicators.models import IndicatorDataTag
from api.indicators.scope import visibility_key

TAG = IndicatorDataTag.__table__  # type: ignore[attr-defined]
_READ_TAG = sa.select(TAG.c.tag).where(TAG.c.id == 1)
# On PostgreSQL the tag changes when a writing transaction commits; until then that transaction's
# own reads see its mark in indicator_data_writes (no other transaction's: uncommitted, then gone).
_READ_TAG_POSTGRESQL = sa.text(
    "SELECT t.tag, (SELECT max(w.n) FROM indicator_data_writes w) FROM indicator_data_tag t WHERE t.id = 1"
)


def data_tag(session: Session) -> tuple[int, int | None]:
    """The version of the data analytics answers are made of, as this transaction sees it."""
    if session.get_bind().dialect.name == "postgresql":
        tag, mine = session.execute(_READ_TAG_POSTGRESQL).one()
        return int(tag), None if mine is None else int(mine)
    return int(session.execute(_READ_TAG).scalar_one()), None


def key_of(q: Query, actor: Actor, fmt: str, lang: str) -> tuple[Any, ...]:
    return (
        fmt,
        lang,
        tuple(d.code for d in q.indicators),
        tuple(p.code for p in q.periods),
        tuple(p.code for p in q.places),
        tuple(q.dims),
        tuple((name, tuple(values)) for name, values in q.filters.items()),
        q.published_only,
        q.as_of.isoformat(),
        visibility_key(actor, published_only=q.published_only),
    )


class Answers:
    """A least-recently-used map of answers bounded by their total size, safe across threads."""

    def __init__(self, limit_bytes: int) -> None:
        self.limit = limit_bytes
        self._items: OrderedDict[tuple[Any, ...], tuple[tuple[int, int | None], bytes]] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()

    def get(self, key: tuple[Any, ...], tag: Any) -> bytes | None:
        with self._lock:
            hit = self._items.get(key)
            if hit is None or hit[0] != tag:
                return None
            self._items.move_to_end(key)
            return hit[1]

    def put(self, key: tuple[Any, ...], tag: Any, body: bytes) -> None:
        if len(body) > self.limit // 4:
            return  # one answer never pushes out most of the others
        with self._lock:
            old = self._items.pop(key, None)
            if old is not None:
                self._size -= len(old[1])
            self._items[key] = (tag, body)
            self._size += len(body)
            while self._size > self.limit:
                _, (_, dropped) = self._items.popitem(last=False)
                self._size -= len(dropped)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self._size = 0


_create_lock = threading.Lock()


def answers_of(state: Any) -> Answers:
    """The app's store (on ``app.state``), sized by its settings."""
    store: Answers | None = getattr(state, "analytics_answers", None)
    if store is None:
        with _create_lock:
            store = getattr(state, "analytics_answers", None)
            if store is None:
                store = state.analytics_answers = Answers(state.settings.analytics_cache_mb * 1024 * 1024)
    return store


def remembered(
    store: Answers,
    session: Session,
    q: Query,
    actor: Actor,
    fmt: str,
    lang: str,
    compute: Callable[[], bytes],
) -> bytes:
    """The answer's bytes: remembered under the current data tag, else computed and remembered."""
    if store.limit <= 0:
        return compute()
    tag = data_tag(session)  # read before the data, so a write in between never hides behind it
    key = key_of(q, actor, fmt, lang)
    body = store.get(key, tag)
    if body is None:
        body = compute()
        store.put(key, tag, body)
    return body
