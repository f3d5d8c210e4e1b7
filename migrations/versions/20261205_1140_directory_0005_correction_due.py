"""directory: a due day for each correction a reader suggests

Open corrections written before get their due day from when they were sent and their kind.

Revision ID: directory_0005
Revises: directory_0004
Create Date: 2026-12-05 11:40:00
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

import sqlalchemy as sa
from alembic import op

revision: str = "directory_0005"
down_revision: str | Sequence[str] | None = "directory_0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_DAYS = {"closed": 3, "hours": 5, "address": 5, "contact": 7}


def upgrade() -> None:
    with op.batch_alter_table("service_corrections", schema=None) as batch_op:
        batch_op.add_column(sa.Column("due_on", sa.Date(), nullable=True))
    bind = op.get_bind()
    table = sa.table(
        "service_corrections",
        sa.column("id"),
        sa.column("kind"),
        sa.column("created_at", sa.DateTime()),
        sa.column("due_on", sa.Date()),
    )
    for row in bind.execute(sa.select(table.c.id, table.c.kind, table.c.created_at)).all():
        created = row.created_at
        if isinstance(created, str):
            created = datetime.fromisoformat(created)
        due = created.date() + timedelta(days=_DAYS.get(row.kind, 14))
        bind.execute(sa.update(table).where(table.c.id == row.id).values(due_on=due))
    with op.batch_alter_table("service_corrections", schema=None) as batch_op:
        batch_op.alter_column("due_on", existing_type=sa.Date(), nullable=False)
        batch_op.create_index("ix_service_corrections_due", ["status", "due_on", "id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("service_corrections", schema=None) as batch_op:
        batch_op.drop_index("ix_service_corrections_due")
        batch_op.drop_column("due_on")
