"""notifications: preferences per kind, delivery columns on notifications; core: job_runs

Revision ID: notifications_0001
Revises:
Create Date: 2026-12-05 06:20:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import api.core.db

revision: str = "notifications_0001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = ("notifications",)
depends_on: str | Sequence[str] | None = "ideas_0001"


def upgrade() -> None:
    op.create_table(
        "notification_preferences",
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("channel", sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
        sa.Column("updated_at", api.core.db.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_notification_preferences_user_id_users")
        ),
        sa.PrimaryKeyConstraint("user_id", "kind", name=op.f("pk_notification_preferences")),
    )
    op.create_table(
        "notification_once",
        sa.Column("key", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("created_at", api.core.db.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_notification_once")),
    )
    op.create_table(
        "job_runs",
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
        sa.Column("next_due_at", api.core.db.UTCDateTime(), nullable=True),
        sa.Column("last_claimed_at", api.core.db.UTCDateTime(), nullable=True),
        sa.Column("last_started_at", api.core.db.UTCDateTime(), nullable=True),
        sa.Column("last_finished_at", api.core.db.UTCDateTime(), nullable=True),
        sa.Column("last_count", sa.Integer(), nullable=True),
        sa.Column("runs", sa.Integer(), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("last_failed_at", api.core.db.UTCDateTime(), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_job_runs")),
    )
    with op.batch_alter_table("notifications") as batch:
        batch.add_column(
            sa.Column(
                "delivery",
                sqlmodel.sql.sqltypes.AutoString(length=10),
                server_default="in_app",
                nullable=False,
            )
        )
        batch.add_column(sa.Column("mailed_at", api.core.db.UTCDateTime(), nullable=True))
        batch.create_index("ix_notifications_digest", ["delivery", "mailed_at"])


def downgrade() -> None:
    with op.batch_alter_table("notifications") as batch:
        batch.drop_index("ix_notifications_digest")
        batch.drop_column("mailed_at")
        batch.drop_column("delivery")
    op.drop_table("job_runs")
    op.drop_table("notification_once")
    op.drop_table("notification_preferences")
