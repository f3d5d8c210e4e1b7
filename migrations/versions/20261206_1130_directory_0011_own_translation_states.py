"""directory: only the directory's own translation states move its data tag

directory_0010 gave the tag a new value on every write to ``translation_states``, which holds the
states of every domain's texts: each idea, comment or event written or translated made every worker
compute every directory page again. Now only the states of the directory's records (services,
organisations, locations) move it: on SQLite a ``WHEN`` on the row triggers, on PostgreSQL
statement triggers that look at the statement's rows (transition tables) before marking the
transaction. A TRUNCATE still moves it.

Revision ID: directory_0011
Revises: directory_0010
Create Date: 2026-12-06 11:30:00
"""

# ruff: noqa: S608  (every statement here is built from this module's constants, never from input)
from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "directory_0011"
down_revision: str | Sequence[str] | None = "directory_0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The record types whose translation states the directory's answers read (api/directory/translatable.py).
OWN = "('service', 'organization', 'location')"
_MARK = """INSERT INTO directory_data_writes (txid, n)
                VALUES (txid_current(), floor(random() * 9007199254740991)::bigint)
                ON CONFLICT (txid) DO UPDATE SET n = excluded.n"""
# event: (the transition tables it names, the condition on them)
_PG_EVENTS = {
    "insert": ("NEW TABLE AS new_rows", f"EXISTS (SELECT 1 FROM new_rows WHERE record_type IN {OWN})"),
    "update": (
        "OLD TABLE AS old_rows NEW TABLE AS new_rows",
        f"EXISTS (SELECT 1 FROM new_rows WHERE record_type IN {OWN}) "
        f"OR EXISTS (SELECT 1 FROM old_rows WHERE record_type IN {OWN})",
    ),
    "delete": ("OLD TABLE AS old_rows", f"EXISTS (SELECT 1 FROM old_rows WHERE record_type IN {OWN})"),
}
_SQLITE_WHEN = {
    "insert": f"NEW.record_type IN {OWN}",
    "update": f"NEW.record_type IN {OWN} OR OLD.record_type IN {OWN}",
    "delete": f"OLD.record_type IN {OWN}",
}


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER translation_states_directory_retag ON translation_states")
        for event, (tables, condition) in _PG_EVENTS.items():
            op.execute(
                f"""CREATE FUNCTION directory_states_written_{event}() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF {condition} THEN
                        {_MARK};
                    END IF;
                    RETURN NULL;
                END $$"""
            )
            op.execute(
                f"CREATE TRIGGER translation_states_directory_retag_{event} AFTER {event.upper()} "
                f"ON translation_states REFERENCING {tables} "
                f"FOR EACH STATEMENT EXECUTE FUNCTION directory_states_written_{event}()"
            )
        op.execute(
            "CREATE TRIGGER translation_states_directory_retag_truncate AFTER TRUNCATE ON translation_states "
            "FOR EACH STATEMENT EXECUTE FUNCTION directory_data_written()"
        )
        return
    for event, when in _SQLITE_WHEN.items():
        op.execute(f"DROP TRIGGER translation_states_directory_retag_{event}")
        op.execute(
            f"CREATE TRIGGER translation_states_directory_retag_{event} AFTER {event.upper()} "
            f"ON translation_states WHEN {when} "
            "BEGIN UPDATE directory_data_tag SET tag = random() WHERE id = 1; END"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for event in (*_PG_EVENTS, "truncate"):
            op.execute(
                f"DROP TRIGGER IF EXISTS translation_states_directory_retag_{event} ON translation_states"
            )
        for event in _PG_EVENTS:
            op.execute(f"DROP FUNCTION IF EXISTS directory_states_written_{event}()")
        op.execute(
            "CREATE TRIGGER translation_states_directory_retag "
            "AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON translation_states "
            "FOR EACH STATEMENT EXECUTE FUNCTION directory_data_written()"
        )
        return
    for event in _SQLITE_WHEN:
        op.execute(f"DROP TRIGGER IF EXISTS translation_states_directory_retag_{event}")
        op.execute(
            f"CREATE TRIGGER translation_states_directory_retag_{event} AFTER {event.upper()} "
            "ON translation_states BEGIN UPDATE directory_data_tag SET tag = random() WHERE id = 1; END"
        )
