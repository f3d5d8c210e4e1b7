"""directory: an index on the places' coordinates ("near me" narrows by a latitude band first)

Revision ID: directory_0007
Revises: directory_0006
Create Date: 2026-12-05 12:40:00
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "directory_0007"
down_revision: str | Sequence[str] | None = "directory_0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("locations", schema=None) as batch_op:
        batch_op.create_index("ix_locations_coordinates", ["latitude", "longitude"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("locations", schema=None) as batch_op:
        batch_op.drop_index("ix_locations_coordinates")
