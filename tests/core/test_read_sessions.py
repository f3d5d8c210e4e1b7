"""Read-only sessions (``core.hot.read_session``): on PostgreSQL each statement is its own
transaction (no ``BEGIN``/``ROLLBACK`` round trips), and the pooled connection goes back to its
usual transactions afterwards; on SQLite they are the usual deferred transactions."""

from __future__ import annotations

import sqlalchemy as sa

from api.core.db import make_read_session_factory, make_session_factory


def _after_a_select(factory, dialect: str, *, autocommit: bool) -> None:
    """One SELECT in a session of ``factory``: on PostgreSQL the connection is in autocommit with
    no transaction open (psycopg sent no BEGIN), or in a transaction as usual; SQLite: a transaction."""
    with factory() as session:
        assert session.execute(sa.text("SELECT 1")).scalar_one() == 1
        raw = session.connection().connection.dbapi_connection
        if dialect == "postgresql":
            import psycopg

            status = psycopg.pq.TransactionStatus
            assert raw.autocommit is autocommit
            assert raw.info.transaction_status == (status.IDLE if autocommit else status.INTRANS)
        else:
            assert session.in_transaction()
        session.rollback()


def test_a_read_session_runs_its_statements_without_a_transaction_on_postgresql(engine, dialect):
    _after_a_select(make_read_session_factory(engine), dialect, autocommit=True)
    # A pooled connection checked out again by an ordinary session is transactional again.
    _after_a_select(make_session_factory(engine), dialect, autocommit=False)


def test_a_read_session_reads_what_a_transaction_reads(engine, dialect):
    """The same rows through both kinds of session (a read session is not a different view)."""
    query = sa.text("SELECT slug FROM municipalities ORDER BY slug")
    with make_read_session_factory(engine)() as session:
        read = session.execute(query).scalars().all()
    with make_session_factory(engine)() as session:
        usual = session.execute(query).scalars().all()
    assert read == usual and len(read) == 60
