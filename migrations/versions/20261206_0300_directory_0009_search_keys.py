"""directory: the keys a free-text search sorts by, beside the SQLite trigram index's row ids

A free-text search on SQLite finds its candidates in ``service_search`` (directory_0008) as row ids
of ``service_search_rows``, then needs each candidate's name and whether it is deleted to rank and
sort them. Those were read from ``services`` through its text primary key (one B-tree search per
candidate: ~10 ms for the 6,331 candidates of a broad word among 100,000 services). This copies
``sort_name`` and ``deleted_at`` into ``service_search_rows``, whose integer keys the candidates
already are, kept in step by triggers; a search with no other filter then reads ``services`` only
for the page's rows. Nothing on PostgreSQL (its trigram GIN index reads the rows themselves).

Revision ID: directory_0009
Revises: directory_0008
Create Date: 2026-12-06 03:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "directory_0009"
down_revision: str | Sequence[str] | None = "directory_0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UP = [
    "ALTER TABLE service_search_rows ADD COLUMN sort_name VARCHAR(300) NOT NULL DEFAULT ''",
    "ALTER TABLE service_search_rows ADD COLUMN deleted_at DATETIME",
    "DROP TRIGGER services_search_insert",
    """CREATE TRIGGER services_search_insert AFTER INSERT ON services BEGIN
        INSERT INTO service_search_rows (service_id, sort_name, deleted_at)
            VALUES (new.id, new.sort_name, new.deleted_at);
        INSERT INTO service_search (rowid, search_text)
            VALUES ((SELECT id FROM service_search_rows WHERE service_id = new.id), new.search_text);
    END""",
    """CREATE TRIGGER services_search_keys AFTER UPDATE OF sort_name, deleted_at ON services BEGIN
        UPDATE service_search_rows SET sort_name = new.sort_name, deleted_at = new.deleted_at
            WHERE service_id = new.id;
    END""",
    """UPDATE service_search_rows SET (sort_name, deleted_at) =
        (SELECT s.sort_name, s.deleted_at FROM services s WHERE s.id = service_search_rows.service_id)""",
]

DOWN = [
    "DROP TRIGGER IF EXISTS services_search_keys",
    "DROP TRIGGER IF EXISTS services_search_insert",
    """CREATE TRIGGER services_search_insert AFTER INSERT ON services BEGIN
        INSERT INTO service_search_rows (service_id) VALUES (new.id);
        INSERT INTO service_search (rowid, search_text)
            VALUES ((SELECT id FROM service_search_rows WHERE service_id = new.id), new.search_text);
    END""",
    "ALTER TABLE service_search_rows DROP COLUMN deleted_at",
    "ALTER TABLE service_search_rows DROP COLUMN sort_name",
]


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for statement in UP:
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for statement in DOWN:
        op.execute(statement)
