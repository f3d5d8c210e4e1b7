"""webhooks: per-record delivery order

Deliveries written before this revision have no record key and keep going out as they come due;
every delivery written after it waits for the earlier pending ones of the same record.

Revision ID: webhooks_0002
Revises: webhooks_0001
Create Date: 2026-12-05 11:03:13.302537
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "webhooks_0002"
down_revision: str | Sequence[str] | None = "webhooks_0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("webhook_deliveries", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("object_key", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=True)
        )
        batch_op.create_index(
            "ix_webhook_deliveries_object",
            ["subscription_id", "object_key", "status", "created_at"],
            unique=False,
        )


def downgrade() -> None:
    with op.batch_alter_table("webhook_deliveries", schema=None) as batch_op:
        batch_op.drop_index("ix_webhook_deliveries_object")
        batch_op.drop_column("object_key")
