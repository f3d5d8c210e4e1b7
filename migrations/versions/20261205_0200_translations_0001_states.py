"""translations: the status of translated texts, and machine-translation usage

Revision ID: translations_0001
Revises:
Create Date: 2026-12-05 02:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import api.core.db

revision: str = "translations_0001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = ("translations",)
depends_on: str | Sequence[str] | None = "0001_foundation"


def upgrade() -> None:
    op.create_table(
        "translation_states",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("record_type", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("record_id", sa.Uuid(), nullable=False),
        sa.Column("field", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("lang", sqlmodel.sql.sqltypes.AutoString(length=12), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=12), nullable=False),
        sa.Column("source_lang", sqlmodel.sql.sqltypes.AutoString(length=12), nullable=True),
        sa.Column("source_text", sa.Text(), nullable=True),
        sa.Column("changed_at", api.core.db.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_translation_states")),
        sa.UniqueConstraint("record_type", "record_id", "field", "lang", name="uq_translation_states_text"),
    )
    op.create_index("ix_translation_states_lang_status", "translation_states", ["lang", "status"])
    op.create_table(
        "machine_translation_usage",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("budget_key", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("month", sqlmodel.sql.sqltypes.AutoString(length=7), nullable=False),
        sa.Column("characters", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_machine_translation_usage")),
        sa.UniqueConstraint("budget_key", "month", name="uq_machine_translation_usage"),
    )


def downgrade() -> None:
    op.drop_table("machine_translation_usage")
    op.drop_index("ix_translation_states_lang_status", table_name="translation_states")
    op.drop_table("translation_states")
