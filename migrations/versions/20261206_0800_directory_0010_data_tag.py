"""directory: a data tag that changes with every write the public directory's answers depend on

``directory_data_tag`` holds one row; triggers give it a new random tag whenever services,
locations, their links, organisations, municipalities or translation states are inserted, changed
or deleted: on SQLite once per row (SQLite has no statement triggers; one writer at a time there
anyway), on PostgreSQL once per writing transaction, at its commit, as indicators_0003 does for
analytics. The directory's answer cache (``api/directory/answers.py``) serves a page only under the
tag it was computed under.

Revision ID: directory_0010
Revises: directory_0009
Create Date: 2026-12-06 08:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "directory_0010"
down_revision: str | Sequence[str] | None = "directory_0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = "translations_0001"

TABLES = (
    "services",
    "locations",
    "service_at_locations",
    "organizations",
    "municipalities",
    "translation_states",
)
EVENTS = ("insert", "update", "delete")


def upgrade() -> None:
    op.create_table(
        "directory_data_tag",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("tag", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_directory_data_tag")),
    )
    op.execute("INSERT INTO directory_data_tag (id, tag) VALUES (1, 0)")
    if op.get_bind().dialect.name == "postgresql":
        _postgresql()
        return
    for table in TABLES:
        for event in EVENTS:
            op.execute(
                f"CREATE TRIGGER {table}_directory_retag_{event} AFTER {event.upper()} ON {table} "  # noqa: S608
                "BEGIN UPDATE directory_data_tag SET tag = random() WHERE id = 1; END"
            )


def _postgresql() -> None:
    """A writing transaction marks itself in ``directory_data_writes`` (its own row: concurrent
    writers never wait for each other), which its own later reads see; at its commit a deferred
    trigger gives the tag a new value and removes the mark, so the tag's row is locked only while
    the transaction commits."""
    op.execute("CREATE TABLE directory_data_writes (txid bigint PRIMARY KEY, n bigint NOT NULL)")
    op.execute(
        """CREATE FUNCTION directory_data_written() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            INSERT INTO directory_data_writes (txid, n)
                VALUES (txid_current(), floor(random() * 9007199254740991)::bigint)
                ON CONFLICT (txid) DO UPDATE SET n = excluded.n;
            RETURN NULL;
        END $$"""
    )
    op.execute(
        """CREATE FUNCTION directory_data_retag() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            UPDATE directory_data_tag SET tag = floor(random() * 9007199254740991)::bigint WHERE id = 1;
            DELETE FROM directory_data_writes WHERE txid = NEW.txid;
            RETURN NULL;
        END $$"""
    )
    op.execute(
        "CREATE CONSTRAINT TRIGGER directory_data_writes_retag AFTER INSERT ON directory_data_writes "
        "DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION directory_data_retag()"
    )
    for table in TABLES:
        op.execute(
            f"CREATE TRIGGER {table}_directory_retag AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION directory_data_written()"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table in TABLES:
            op.execute(f"DROP TRIGGER IF EXISTS {table}_directory_retag ON {table}")
        # Writes earlier in this transaction left their commit-time trigger pending: run it now.
        op.execute("SET CONSTRAINTS directory_data_writes_retag IMMEDIATE")
        op.execute("DROP TABLE IF EXISTS directory_data_writes")
        op.execute("DROP FUNCTION IF EXISTS directory_data_written()")
        op.execute("DROP FUNCTION IF EXISTS directory_data_retag()")
    else:
        for table in TABLES:
            for event in EVENTS:
                op.execute(f"DROP TRIGGER IF EXISTS {table}_directory_retag_{event}")
    op.drop_table("directory_data_tag")
