"""Database engine, session per request, shared column types and the constraint naming convention.

How a request uses the database (one connection at most, never two at once):

* Every route shares the request's one session (``SessionDep``); the token check, rate limits and
  the route's own work all run in it. Nothing opens a second session while the first is open.
* Reads (GET/HEAD), signed in or not, run in a plain deferred transaction: on SQLite they never take
  the write lock (WAL readers run side by side), on PostgreSQL they are ordinary READ COMMITTED
  transactions.
* Writes on SQLite take the process's *write gate* (an async lock, waited for on the event loop,
  so a waiting writer holds neither a thread nor a connection), then ``BEGIN IMMEDIATE``; the gate
  opens again once the transaction commits. Other processes (CLI, worker) meet ``busy_timeout``.
  A route that writes during a GET marks itself a writer (``mark_writer``; ``NoStore`` does, since
  personal-data reads are audited).
* JSON columns are decoded by orjson (the same Python values as the stdlib, several times faster:
  a page of 50 services decodes some 700 of them).
* The pool is as large as the worker threads, and a checkout waits at most
  ``database_pool_timeout`` seconds: an exhausted pool answers 503 with ``Retry-After``.
"""

from __future__ import annotations

import asyncio
import uuid
import weakref
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import Annotated, Any

import anyio
import anyio.to_thread
import orjson
import sqlalchemy as sa
from fastapi import Depends, Request
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.engine import Engine
from sqlalchemy.orm import sessionmaker
from sqlmodel import Field, Session, SQLModel

from api.core.errors import not_found

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
# Must be set before any table is declared: every domain's models import this module first.
SQLModel.metadata.naming_convention = NAMING_CONVENTION


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(sa.types.TypeDecorator[datetime]):
    """A timezone-aware UTC timestamp on both PostgreSQL (timestamptz) and SQLite (naive text)."""

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: sa.Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given for a UTC column")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: sa.Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


# JSON on SQLite, JSONB on PostgreSQL (indexable, compact).
JSONType = sa.JSON().with_variant(JSONB(), "postgresql")


def id_field(**kwargs: Any) -> Any:
    return Field(default_factory=uuid.uuid4, primary_key=True, **kwargs)


def created_field() -> Any:
    return Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False)


def updated_field() -> Any:
    """Set on insert; domains set it again whenever they change the row."""
    return Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False)


def ts_field(*, nullable: bool = True, index: bool = False) -> Any:
    return Field(default=None, sa_type=UTCDateTime, nullable=nullable, index=index)


def json_field(default_factory: Callable[[], Any] = dict, *, nullable: bool = False) -> Any:
    return Field(default_factory=default_factory, sa_type=JSONType, nullable=nullable)


def version_field() -> Any:
    """The row's version: what ``If-Match`` checks and ``conditional.claim`` increments."""
    return Field(default=1, nullable=False)


def trigram_index(name: str, column: str) -> sa.Index:
    """Free-text search is ``LIKE '%term%'``: a trigram index answers it on PostgreSQL. SQLite has
    no such index; there it is declared empty (``WHERE 0``), so the schemas still compare equal and
    it costs nothing."""
    return sa.Index(
        name,
        column,
        postgresql_using="gin",
        postgresql_ops={column: "gin_trgm_ops"},
        sqlite_where=sa.text("0"),
    )


# Tables and indexes a migration makes for one database and the database maintains by triggers,
# outside the models (the SQLite full-text index of the directory, directory_0008, with FTS5's own
# shadow tables and its keys' index): schema comparisons leave them alone.
# PostgreSQL's marks of transactions writing indicator or directory data (indicators_0003,
# directory_0010) likewise.
DERIVED_PREFIXES = ("service_search", "indicator_data_writes", "directory_data_writes")


def in_models(name: str | None, type_: str, parent_names: Any) -> bool:
    """Alembic's ``include_name``: every table and index but the derived ones above."""
    derived = type_ in ("table", "index") and name is not None and name.startswith(DERIVED_PREFIXES)
    return not derived


def found(session: Session, statement: Any, what: str) -> Any:
    """The first row of ``statement`` (a tenancy-scoped select), or 404 naming ``what``: another
    municipality's record and a missing one look the same."""
    row = session.exec(statement).first()
    if row is None:
        raise not_found(what)
    return row


SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
# True while a request that only reads is being served: its SQLite transactions start deferred.
_reading: ContextVar[bool] = ContextVar("langelis_db_reading", default=False)


def make_engine(
    url: str,
    *,
    echo: bool = False,
    pool_size: int = 20,
    max_overflow: int = 20,
    pool_timeout: float = 5.0,
    threads: int = 40,
    pre_ping: bool = False,
) -> Engine:
    if url.startswith("sqlite"):
        in_memory = url in ("sqlite://", "sqlite:///:memory:") or "mode=memory" in url
        # One connection per worker thread, plus a few for the event loop's own short work.
        pool_args: dict[str, Any] = (
            {} if in_memory else {"pool_size": threads + 4, "max_overflow": 0, "pool_timeout": pool_timeout}
        )
        engine = sa.create_engine(
            url,
            echo=echo,
            connect_args={"check_same_thread": False, "timeout": 30},
            json_deserializer=orjson.loads,
            **pool_args,
        )
        _configure_sqlite(engine)
        return engine
    if url.startswith("postgresql://") or url.startswith("postgres://"):
        url = "postgresql+psycopg://" + url.split("://", 1)[1]
    return sa.create_engine(
        url,
        echo=echo,
        json_deserializer=orjson.loads,
        # No ``SELECT 1`` before every checkout (a round trip per request): a connection the server
        # dropped fails its first query, SQLAlchemy then empties the pool and that one request
        # answers 503 + Retry-After; connections are renewed every half hour anyway.
        pool_pre_ping=pre_ping,
        pool_recycle=1800,
        pool_size=pool_size,
        max_overflow=max_overflow,
        pool_timeout=pool_timeout,
        connect_args={"connect_timeout": 5},
    )


def _configure_sqlite(engine: Engine) -> None:
    @sa.event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy, not pysqlite, open transactions, so SAVEPOINT and BEGIN IMMEDIATE work.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.close()

    @sa.event.listens_for(engine, "begin")
    def _on_begin(conn: sa.Connection) -> None:
        # A reading request never takes the write lock. Everything else takes it up front: a
        # deferred transaction that later writes can fail with SQLITE_BUSY without waiting.
        conn.exec_driver_sql("BEGIN" if _reading.get() else "BEGIN IMMEDIATE")


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(bind=engine, class_=Session, expire_on_commit=False, autoflush=True)


def make_read_session_factory(engine: Engine) -> sessionmaker[Session]:
    """Sessions for work that only reads (``core.hot.read_session``). On PostgreSQL they run in
    autocommit: each statement is its own transaction, which under READ COMMITTED sees what a
    statement inside ``BEGIN … ROLLBACK`` would see (each statement takes a new snapshot there too),
    without the two round trips of ``BEGIN`` and ``ROLLBACK`` (about a tenth of a public page's
    cost under load). The connection goes back to the pool with its usual isolation level. On SQLite
    a read is already a deferred ``BEGIN`` that takes no lock: the usual factory."""
    if engine.dialect.name == "postgresql":
        engine = engine.execution_options(isolation_level="AUTOCOMMIT")
    return make_session_factory(engine)


_gates: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Lock] = weakref.WeakKeyDictionary()


def write_gate() -> asyncio.Lock:
    """The SQLite write gate of the running event loop (one per serving process)."""
    loop = asyncio.get_running_loop()
    gate = _gates.get(loop)
    if gate is None:
        gate = _gates[loop] = asyncio.Lock()
    return gate


def begin_request(method: str) -> None:
    """Called once per request, in the request's task: reads start deferred transactions."""
    _reading.set(method in SAFE_METHODS)


def mark_writer(request: Request) -> None:
    """For a GET that writes (an audited read): serve it as a writer."""
    request.state.db_writer = True


def is_writer(request: Request) -> bool:
    """A change, or a read that marked itself a writer (an audited read of personal data).

    Being signed in does not make a read a writer: a public read by a signed-in person writes
    nothing, so it runs in a deferred transaction beside every other reader (WAL), instead of
    queueing behind the write gate and ``BEGIN IMMEDIATE``."""
    return request.method not in SAFE_METHODS or getattr(request.state, "db_writer", False)


_slots: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, dict[int, asyncio.Semaphore]] = (
    weakref.WeakKeyDictionary()
)


def request_slots(engine: Engine) -> int:
    """How many requests may hold a connection at once: the pool, less a few for short side work
    (the token check of the hot public reads, /readyz). A request waits for a slot on the event loop
    (no thread, no connection); without this, requests holding connections could wait for worker
    threads held by requests waiting for connections."""
    pool = engine.pool
    size = getattr(pool, "size", None)
    if not callable(size):
        return 1_000_000
    capacity = int(size()) + max(0, int(getattr(pool, "_max_overflow", 0)))
    return max(1, capacity - 4)


def _slot(request: Request) -> asyncio.Semaphore:
    loop = asyncio.get_running_loop()
    per_loop = _slots.setdefault(loop, {})
    engine = request.app.state.engine
    key = id(engine)
    if key not in per_loop:
        per_loop[key] = asyncio.Semaphore(request_slots(engine))
    return per_loop[key]


async def _turn(request: Request) -> AsyncIterator[bool]:
    """Takes a connection slot, then the write gate (SQLite writers only); marks reads as deferred
    transactions."""
    writer = is_writer(request)
    # Set in the request's own task, so every thread the request runs code in sees it.
    _reading.set(not writer)
    async with _slot(request):
        if writer and request.app.state.engine.dialect.name == "sqlite":
            async with write_gate():
                yield writer
        else:
            yield writer


async def get_session(
    request: Request, _writer: Annotated[bool, Depends(_turn, scope="function")]
) -> AsyncIterator[Session]:
    """One session per request, committed when the route returns and rolled back on error.

    Made on the event loop (a session touches no connection until it is used), and finished there
    when it holds no transaction: a route that committed in its own worker thread
    (``core.hot.in_thread_committed``) or never used the database. Only a session with a
    transaction is committed or rolled back in a worker thread. As a plain generator, FastAPI ran
    both its start and its end in worker threads: two more hops through the thread pool's queue for
    every request, whatever it did."""
    session = request.app.state.session_factory()
    try:
        yield session
    except BaseException:
        await _finish(session, session.rollback)
        raise
    await _finish(session, session.commit)


async def _finish(session: Session, end: Callable[[], None]) -> None:
    if not session.in_transaction() and not session.dirty:
        session.close()  # no connection held and nothing changed since the last commit
        return
    # A limiter of its own, as FastAPI gives a generator's end: a commit waiting for a free thread
    # while every thread waits for a connection this session holds would never finish.
    await anyio.to_thread.run_sync(_end, session, end, limiter=anyio.CapacityLimiter(1))


def _end(session: Session, end: Callable[[], None]) -> None:
    """``end`` (the session's commit or rollback), rolled back if it fails; closed in any case."""
    try:
        end()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


SessionDep = Annotated[Session, Depends(get_session, scope="function")]


@contextmanager
def side_session(factory: sessionmaker[Session]) -> Iterator[Session]:
    """A session committed when the block ends without error and rolled back otherwise: the
    request's own (``get_session``), or a short transaction of its own that commits even when the
    request fails (rate limits, keys)."""
    session = factory()
    try:
        yield session
    except BaseException:
        _end(session, session.rollback)
        raise
    _end(session, session.commit)


def dialect_insert(session: Session, table: sa.Table) -> Any:
    """INSERT supporting ON CONFLICT on both PostgreSQL and SQLite."""
    name = session.get_bind().dialect.name
    if name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        return pg_insert(table)
    from sqlalchemy.dialects.sqlite import insert as sqlite_insert

    return sqlite_insert(table)


def metadata() -> sa.MetaData:
    return SQLModel.metadata


def one_of(column: str, values: tuple[str, ...]) -> str:
    """The SQL of a CHECK constraint: ``column`` holds one of ``values``."""
    return f"{column} IN ({', '.join(repr(v) for v in values)})"
