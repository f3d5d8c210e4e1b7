"""checklists: municipal changes to the national template

Revision ID: checklists_0001
Revises:
Create Date: 2026-12-05 06:45:46.385741
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import api.core.db

revision: str = "checklists_0001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = ("checklists",)
depends_on: str | Sequence[str] | None = "0001_foundation"


def upgrade() -> None:
    op.create_table(
        "checklist_overrides",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("municipality_id", sa.Uuid(), nullable=False),
        sa.Column("key", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("hidden", sa.Boolean(), nullable=False),
        sa.Column("order", sa.Integer(), nullable=True),
        sa.Column("title", api.core.db.JSONType, nullable=False),
        sa.Column("what_to_bring", api.core.db.JSONType, nullable=False),
        sa.Column("where", api.core.db.JSONType, nullable=False),
        sa.Column("categories", api.core.db.JSONType, nullable=False),
        sa.Column("updated_at", api.core.db.UTCDateTime(), nullable=False),
        sa.Column("updated_by", sa.Uuid(), nullable=True),
        sa.ForeignKeyConstraint(
            ["municipality_id"],
            ["municipalities.id"],
            name=op.f("fk_checklist_overrides_municipality_id_municipalities"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_checklist_overrides")),
        sa.UniqueConstraint(
            "municipality_id", "key", name=op.f("uq_checklist_overrides_municipality_id_key")
        ),
    )


def downgrade() -> None:
    op.drop_table("checklist_overrides")
