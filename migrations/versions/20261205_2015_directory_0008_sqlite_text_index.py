"""directory: a trigram full-text index of the services' search text on SQLite

PostgreSQL answers ``search_text LIKE '%word%'`` with its trigram GIN index (directory_0001). SQLite
has no such index, so every free-text search read the whole table. This adds an FTS5 table with
the trigram tokenizer (a quoted word is a phrase of its trigrams, found where they stand side by
side: exactly where the word occurs, as ``LIKE '%word%'`` finds it), keyed through ``service_search_rows`` (an
``INTEGER PRIMARY KEY``, which VACUUM never renumbers, unlike the services' implicit rowid), and
triggers that keep both in step with every insert, change of ``search_text`` and delete, and an
index of the keys a search sorts its candidates by (``service_search_keys``). A table
rebuilt by a later batch migration loses its triggers: ``tests/directory/services/test_text_index.py``
fails then. Nothing on PostgreSQL.

Revision ID: directory_0008
Revises: directory_0007
Create Date: 2026-12-05 20:15:00
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

from alembic import op

revision: str = "directory_0008"
down_revision: str | Sequence[str] | None = "directory_0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UP = [
    "CREATE TABLE service_search_rows (id INTEGER PRIMARY KEY, service_id CHAR(32) NOT NULL UNIQUE)",
    "CREATE VIRTUAL TABLE service_search USING fts5(search_text, tokenize = 'trigram')",
    """CREATE TRIGGER services_search_insert AFTER INSERT ON services BEGIN
        INSERT INTO service_search_rows (service_id) VALUES (new.id);
        INSERT INTO service_search (rowid, search_text)
            VALUES ((SELECT id FROM service_search_rows WHERE service_id = new.id), new.search_text);
    END""",
    """CREATE TRIGGER services_search_update AFTER UPDATE OF search_text ON services BEGIN
        UPDATE service_search SET search_text = new.search_text
            WHERE rowid = (SELECT id FROM service_search_rows WHERE service_id = new.id);
    END""",
    """CREATE TRIGGER services_search_delete AFTER DELETE ON services BEGIN
        DELETE FROM service_search WHERE rowid = (SELECT id FROM service_search_rows WHERE service_id = old.id);
        DELETE FROM service_search_rows WHERE service_id = old.id;
    END""",
    # A search's candidates are sorted by name (after their hits in it) once they are found: this
    # index answers that without reading the services' wide rows.
    "CREATE INDEX service_search_keys ON services (id, deleted_at, sort_name)",
    "INSERT INTO service_search_rows (service_id) SELECT id FROM services ORDER BY id",
    "INSERT INTO service_search (rowid, search_text)"
    " SELECT r.id, s.search_text FROM service_search_rows r JOIN services s ON s.id = r.service_id",
]

DOWN = [
    "DROP TRIGGER IF EXISTS services_search_delete",
    "DROP TRIGGER IF EXISTS services_search_update",
    "DROP TRIGGER IF EXISTS services_search_insert",
    "DROP INDEX IF EXISTS service_search_keys",
    "DROP TABLE IF EXISTS service_search",
    "DROP TABLE IF EXISTS service_search_rows",
]


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    if sqlite3.sqlite_version_info < (3, 34):
        raise RuntimeError(
            f"SQLite {sqlite3.sqlite_version} is too old for the directory's search index: "
            "it needs 3.34 or newer with FTS5 (the trigram tokenizer); use a newer Python or "
            "system SQLite, or PostgreSQL"
        )
    for statement in UP:
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for statement in DOWN:
        op.execute(statement)
