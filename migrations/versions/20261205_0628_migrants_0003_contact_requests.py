"""migrants: contact requests

Revision ID: migrants_0003
Revises: migrants_0002
Create Date: 2026-12-05 06:28:35.564098
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import api.core.db

revision: str = "migrants_0003"
down_revision: str | Sequence[str] | None = "migrants_0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "migrant_contact_requests",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", api.core.db.UTCDateTime(), nullable=False),
        sa.Column("municipality_id", sa.Uuid(), nullable=False),
        sa.Column("reference", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.Column("email", sqlmodel.sql.sqltypes.AutoString(length=320), nullable=True),
        sa.Column("phone", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=True),
        sa.Column("preferred_language", sqlmodel.sql.sqltypes.AutoString(length=12), nullable=False),
        sa.Column("needs", api.core.db.JSONType, nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("service_id", sa.Uuid(), nullable=True),
        sa.Column("abroad", sa.Boolean(), nullable=False),
        sa.Column("consent_version", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("consent_at", api.core.db.UTCDateTime(), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
        sa.Column("close_reason", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=True),
        sa.Column("handled_at", api.core.db.UTCDateTime(), nullable=True),
        sa.Column("handled_by", sa.Uuid(), nullable=True),
        sa.Column("person_id", sa.Uuid(), nullable=True),
        sa.CheckConstraint(
            "status IN ('new','converted','closed')", name=op.f("ck_migrant_contact_requests_status")
        ),
        sa.ForeignKeyConstraint(
            ["municipality_id"],
            ["municipalities.id"],
            name=op.f("fk_migrant_contact_requests_municipality_id_municipalities"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_migrant_contact_requests")),
        sa.UniqueConstraint("reference", name=op.f("uq_migrant_contact_requests_reference")),
    )
    with op.batch_alter_table("migrant_contact_requests", schema=None) as batch_op:
        batch_op.create_index(
            "ix_migrant_contact_requests_queue",
            ["municipality_id", "status", "created_at", "id"],
            unique=False,
        )


def downgrade() -> None:
    with op.batch_alter_table("migrant_contact_requests", schema=None) as batch_op:
        batch_op.drop_index("ix_migrant_contact_requests_queue")

    op.drop_table("migrant_contact_requests")
