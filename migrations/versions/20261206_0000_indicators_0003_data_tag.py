"""indicators: a data tag that changes with every write analytics answers depend on

``indicator_data_tag`` holds one row; triggers give it a new random tag whenever observations,
indicator definitions or municipalities are inserted, changed or deleted: on SQLite once per row
(SQLite has no statement triggers; it has one writer at a time anyway), on PostgreSQL once per
writing transaction, at its commit (see ``_postgresql``). The analytics answer cache
(``api/indicators/analytics/answers.py``) serves an answer only under the tag it was computed under.
Being part of the writing transaction, a new tag is seen exactly when its data is.

Revision ID: indicators_0003
Revises: indicators_0002
Create Date: 2026-12-06 00:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "indicators_0003"
down_revision: str | Sequence[str] | None = "indicators_0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = "0001_foundation"

TABLES = ("indicator_observations", "indicator_definitions", "municipalities")
EVENTS = ("insert", "update", "delete")


def upgrade() -> None:
    op.create_table(
        "indicator_data_tag",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("tag", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_indicator_data_tag")),
    )
    op.execute("INSERT INTO indicator_data_tag (id, tag) VALUES (1, 0)")
    if op.get_bind().dialect.name == "postgresql":
        _postgresql()
        return
    for table in TABLES:
        for event in EVENTS:
            op.execute(
                f"CREATE TRIGGER {table}_retag_{event} AFTER {event.upper()} ON {table} "  # noqa: S608 (constants)
                "BEGIN UPDATE indicator_data_tag SET tag = random() WHERE id = 1; END"
            )


def _postgresql() -> None:
    """A writing transaction marks itself in ``indicator_data_writes`` (its own row, so concurrent
    writers never wait for each other) with a random ``n`` per statement, which its own later reads
    see; at its commit a deferred trigger gives the tag a new value and removes the mark, so the tag's
    row is locked only while the transaction commits, not for the whole of a long import."""
    op.execute("CREATE TABLE indicator_data_writes (txid bigint PRIMARY KEY, n bigint NOT NULL)")
    op.execute(
        """CREATE FUNCTION indicator_data_written() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            INSERT INTO indicator_data_writes (txid, n)
                VALUES (txid_current(), floor(random() * 9007199254740991)::bigint)
                ON CONFLICT (txid) DO UPDATE SET n = excluded.n;
            RETURN NULL;
        END $$"""
    )
    op.execute(
        """CREATE FUNCTION indicator_data_retag() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            UPDATE indicator_data_tag SET tag = floor(random() * 9007199254740991)::bigint WHERE id = 1;
            DELETE FROM indicator_data_writes WHERE txid = NEW.txid;
            RETURN NULL;
        END $$"""
    )
    op.execute(
        "CREATE CONSTRAINT TRIGGER indicator_data_writes_retag AFTER INSERT ON indicator_data_writes "
        "DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION indicator_data_retag()"
    )
    for table in TABLES:
        op.execute(
            f"CREATE TRIGGER {table}_retag AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION indicator_data_written()"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table in TABLES:
            op.execute(f"DROP TRIGGER IF EXISTS {table}_retag ON {table}")
        # Writes earlier in this transaction left their commit-time trigger pending: run it now.
        op.execute("SET CONSTRAINTS indicator_data_writes_retag IMMEDIATE")
        op.execute("DROP TABLE IF EXISTS indicator_data_writes")
        op.execute("DROP FUNCTION IF EXISTS indicator_data_written()")
        op.execute("DROP FUNCTION IF EXISTS indicator_data_retag()")
    else:
        for table in TABLES:
            for event in EVENTS:
                op.execute(f"DROP TRIGGER IF EXISTS {table}_retag_{event}")
    op.drop_table("indicator_data_tag")
