"""Answers remembered per worker while the data under them is unchanged (analytics, the public
directory).

A subject whose answers are worth remembering keeps a *data tag*: a table of one row whose random
``tag`` database triggers change with every write to the tables its answers are made of (the
subject's migration: ``indicators_0003``, ``directory_0010``). On PostgreSQL the tag changes when the
writing transaction commits; until then that transaction marks itself in a ``…_writes`` table, which
only its own reads see. A request reads the tag (one primary-key read) *before* its data and takes a
remembered answer only under the same tag, so an answer computed before a write is never served after
the write is committed, and one computed from data that was then rolled back is never served at all
(the tag is random: it does not come back).

The store is bounded per worker (a size in bytes; the least recently used answer goes first; a limit
of 0 turns remembering off). The caller's key must hold everything that decides the answer besides
the data: the parsed request, the language, the date when the answer depends on it, and what the
caller may see.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, Generic, TypeVar

import sqlalchemy as sa
from sqlmodel import Session

T = TypeVar("T")
Tag = tuple[int, int | None]


class DataTag:
    """Reads a subject's data tag as this transaction sees it: ``(tag, own mark)``; the mark is the
    PostgreSQL transaction's own uncommitted write (None on SQLite or when it wrote nothing)."""

    def __init__(self, table: str, writes: str) -> None:
        self._plain = sa.text(f"SELECT tag FROM {table} WHERE id = 1")  # noqa: S608 (constants)
        self._postgresql = sa.text(
            f"SELECT t.tag, (SELECT max(w.n) FROM {writes} w) FROM {table} t WHERE t.id = 1"  # noqa: S608
        )

    def __call__(self, session: Session) -> Tag:
        if session.get_bind().dialect.name == "postgresql":
            tag, mine = session.execute(self._postgresql).one()
            return int(tag), None if mine is None else int(mine)
        return int(session.execute(self._plain).scalar_one()), None


class Answers(Generic[T]):
    """A least-recently-used map of answers bounded by their total size, safe across threads.
    ``size_of`` tells an answer's size in bytes (``len`` for bytes)."""

    def __init__(self, limit_bytes: int, size_of: Callable[[T], int] = len) -> None:  # type: ignore[assignment]
        self.limit = limit_bytes
        self._size_of = size_of
        self._items: OrderedDict[tuple[Any, ...], tuple[Any, T, int]] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()
        # Keys being computed: a lock each and how many threads hold or wait for it.
        self._flights: dict[tuple[Any, ...], list[Any]] = {}

    @contextmanager
    def flight(self, key: tuple[Any, ...]) -> Iterator[None]:
        """One computation of ``key`` at a time: threads asking for an answer being computed wait
        for it (and then find it remembered) instead of computing it beside it. Sixteen clients
        asking a page no worker has yet would otherwise compute it sixteen times at once, each
        slower for the others, and the first page after every change would be the slowest."""
        with self._lock:
            entry = self._flights.setdefault(key, [threading.Lock(), 0])
            entry[1] += 1
        entry[0].acquire()
        try:
            yield
        finally:
            entry[0].release()
            with self._lock:
                entry[1] -= 1
                if entry[1] == 0:
                    del self._flights[key]

    def waiting(self, key: tuple[Any, ...]) -> int:
        """How many threads are computing ``key`` or waiting for it."""
        with self._lock:
            entry = self._flights.get(key)
            return 0 if entry is None else int(entry[1])

    def get(self, key: tuple[Any, ...], tag: Any) -> T | None:
        with self._lock:
            hit = self._items.get(key)
            if hit is None or hit[0] != tag:
                return None
            self._items.move_to_end(key)
            return hit[1]

    def put(self, key: tuple[Any, ...], tag: Any, answer: T) -> None:
        size = self._size_of(answer)
        if size > self.limit // 4:
            return  # one answer never pushes out most of the others
        with self._lock:
            old = self._items.pop(key, None)
            if old is not None:
                self._size -= old[2]
            self._items[key] = (tag, answer, size)
            self._size += size
            while self._size > self.limit:
                _, (_, _, dropped) = self._items.popitem(last=False)
                self._size -= dropped

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self._size = 0

    def __len__(self) -> int:
        return len(self._items)

    @property
    def size(self) -> int:
        """The answers' total size in bytes."""
        return self._size


class UnderTag:
    """Small things read from the database (definitions, what is built), kept while the data tag is
    the one they were read under: a request that read the tag first takes them without a round trip.

    Only the newest tag's values are kept. A transaction with writes of its own (an own mark) reads
    them afresh: what it sees is seen by no one else. The loader must read after the tag was read,
    so that what is kept under a tag is never older than it."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._tag: Tag | None = None
        self._values: dict[Any, Any] = {}

    def get(self, tag: Tag, key: Any, load: Callable[[], T], *, fresh: bool = False) -> T:
        """The value of ``key`` kept under ``tag``, else ``load()``'s (kept); ``fresh``: load anyway."""
        if tag[1] is not None:
            return load()
        if not fresh:
            with self._lock:
                if self._tag == tag and key in self._values:
                    return self._values[key]
        value = load()
        with self._lock:
            if self._tag != tag:
                self._tag, self._values = tag, {}
            self._values[key] = value
        return value


_create_lock = threading.Lock()


def kept_on(state: Any, name: str, make: Callable[[], T]) -> T:
    """The app's object called ``name`` (kept on ``app.state``), made on first use, once."""
    found: T | None = getattr(state, name, None)
    if found is None:
        with _create_lock:
            found = getattr(state, name, None)
            if found is None:
                found = make()
                setattr(state, name, found)
    return found


def store_of(state: Any, name: str, limit_mb: int, size_of: Callable[[Any], int] = len) -> Answers[Any]:
    """The app's store called ``name`` (kept on ``app.state``), created on first use."""
    return kept_on(state, name, lambda: Answers(limit_mb * 1024 * 1024, size_of))


def remembered(
    store: Answers[T],
    tag_of: Callable[[Session], Tag],
    session: Session,
    key: tuple[Any, ...],
    compute: Callable[[], T],
    *,
    tag: Tag | None = None,
) -> T:
    """The answer remembered under the current data tag, else computed and remembered. ``tag``: the
    tag as this request already read it, before reading any data (else it is read here)."""
    if store.limit <= 0:
        return compute()
    if tag is None:
        tag = tag_of(session)  # read before the data, so a write in between never hides behind it
    answer = store.get(key, tag)
    if answer is not None:
        return answer
    with store.flight(key):
        answer = store.get(key, tag)  # computed while this thread waited
        if answer is None:
            answer = compute()
            store.put(key, tag, answer)
    return answer
