"""migrants: keyed hashes of erased people's external references (intake refuses to re-create them)

Revision ID: migrants_0002
Revises: migrants_0001
Create Date: 2026-12-04 23:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import api.core.db

revision: str = "migrants_0002"
down_revision: str | Sequence[str] | None = "migrants_0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "migrant_erased_refs",
        sa.Column("key_hash", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("erased_at", api.core.db.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("key_hash", name=op.f("pk_migrant_erased_refs")),
    )


def downgrade() -> None:
    op.drop_table("migrant_erased_refs")
