"""directory: service corrections

Revision ID: directory_0002
Revises: directory_0001
Create Date: 2026-12-05 06:11:49.866898
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import api.core.db

revision: str = "directory_0002"
down_revision: str | Sequence[str] | None = "directory_0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "service_corrections",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", api.core.db.UTCDateTime(), nullable=False),
        sa.Column("service_id", sa.Uuid(), nullable=False),
        sa.Column("municipality_id", sa.Uuid(), nullable=False),
        sa.Column("organization_id", sa.Uuid(), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("lang", sqlmodel.sql.sqltypes.AutoString(length=12), nullable=False),
        sa.Column("contact", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
        sa.Column("handled_at", api.core.db.UTCDateTime(), nullable=True),
        sa.Column("handled_by", sa.Uuid(), nullable=True),
        sa.Column("note", sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=True),
        sa.CheckConstraint(
            "status IN ('open','resolved','dismissed')", name=op.f("ck_service_corrections_status")
        ),
        sa.ForeignKeyConstraint(
            ["municipality_id"],
            ["municipalities.id"],
            name=op.f("fk_service_corrections_municipality_id_municipalities"),
        ),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organizations.id"],
            name=op.f("fk_service_corrections_organization_id_organizations"),
        ),
        sa.ForeignKeyConstraint(
            ["service_id"], ["services.id"], name=op.f("fk_service_corrections_service_id_services")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_service_corrections")),
    )
    with op.batch_alter_table("service_corrections", schema=None) as batch_op:
        batch_op.create_index(
            "ix_service_corrections_org", ["organization_id", "status", "created_at", "id"], unique=False
        )
        batch_op.create_index(
            "ix_service_corrections_queue", ["municipality_id", "status", "created_at", "id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_service_corrections_service_id"), ["service_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("service_corrections", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_service_corrections_service_id"))
        batch_op.drop_index("ix_service_corrections_queue")
        batch_op.drop_index("ix_service_corrections_org")

    op.drop_table("service_corrections")
