"""indicators: observations carry no foreign key to their definition

PostgreSQL checks a foreign key once per inserted row (a trigger and a lookup each): 30-45 % of a
bulk COPY of observations (481,600 rows, binary: 95,000-125,000 rows/s with the key, 170,000-176,000
without it). Instead, every writer of observations locks the definitions it writes for
(``SELECT … FOR SHARE``, ``api/indicators/data/store.py`` ``lock_definitions``) and deleting a
definition checks for observations after its own lock on the row (the version claim): a definition
is never deleted under observations, as the key ensured. On SQLite writers take the write lock up
front (``BEGIN IMMEDIATE``), one at a time.

SQLite cannot drop a constraint in place: the table is built again (Alembic's batch mode) and its
data-tag triggers (indicators_0003) with it.

Revision ID: indicators_0005
Revises: indicators_0004
Create Date: 2026-12-06 17:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "indicators_0005"
down_revision: str | Sequence[str] | None = "indicators_0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLE = "indicator_observations"
KEY = "fk_indicator_observations_indicator_id_indicator_definitions"
EVENTS = ("insert", "update", "delete")


def _sqlite_triggers() -> None:
    """The data tag's triggers (indicators_0003), lost when SQLite builds the table again."""
    for event in EVENTS:
        op.execute(f"DROP TRIGGER IF EXISTS {TABLE}_retag_{event}")
        op.execute(
            f"CREATE TRIGGER {TABLE}_retag_{event} AFTER {event.upper()} ON {TABLE} "  # noqa: S608 (constants)
            "BEGIN UPDATE indicator_data_tag SET tag = random() WHERE id = 1; END"
        )


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.drop_constraint(KEY, TABLE, type_="foreignkey")
        return
    with op.batch_alter_table(TABLE, recreate="always") as batch:
        batch.drop_constraint(KEY, type_="foreignkey")
    _sqlite_triggers()


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.create_foreign_key(KEY, TABLE, "indicator_definitions", ["indicator_id"], ["id"])
        return
    with op.batch_alter_table(TABLE, recreate="always") as batch:
        batch.create_foreign_key(KEY, "indicator_definitions", ["indicator_id"], ["id"])
    _sqlite_triggers()
