"""indicators: analytics cells kept ready (DHIS2's analytics tables)

``indicator_analytics_cells`` holds, for published data, the cells analytics computes: every year,
quarter and month of the data's years × every municipality, county and Lithuania × every breakdown
key, after the time roll-up and the place roll-up. ``indicator_analytics_built`` records the data
tag (indicators_0003) each indicator's cells were built under: a request uses them only while the tag
is still that one. Built by ``api/indicators/analytics/cells.py`` (a periodic job and
``langelis indicators cells``).

Revision ID: indicators_0004
Revises: indicators_0003
Create Date: 2026-12-06 13:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import api.core.db

revision: str = "indicators_0004"
down_revision: str | Sequence[str] | None = "indicators_0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "indicator_analytics_cells",
        sa.Column("indicator_id", sa.Uuid(), nullable=False),
        sa.Column("breakdown_dims", sa.String(length=200), nullable=False),
        sa.Column("period", sa.String(length=10), nullable=False),
        sa.Column("place", sa.String(length=80), nullable=False),
        sa.Column("breakdown_key", sa.String(length=400), nullable=False),
        sa.Column("direct", sa.Integer(), nullable=False),
        sa.Column("value", sa.Float(), nullable=True),
        sa.Column("suppressed", sa.Integer(), nullable=False),
        sa.Column("draft", sa.Integer(), nullable=False),
        sa.Column("provisional", sa.Integer(), nullable=False),
        sa.Column("estimated", sa.Integer(), nullable=False),
        sa.Column("break_in_series", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint(
            "indicator_id",
            "breakdown_dims",
            "period",
            "place",
            "breakdown_key",
            "direct",
            name=op.f("pk_indicator_analytics_cells"),
        ),
    )
    op.create_table(
        "indicator_analytics_built",
        sa.Column("indicator_id", sa.Uuid(), nullable=False),
        sa.Column("breakdown_dims", sa.String(length=200), nullable=False),
        sa.Column("tag", sa.BigInteger(), nullable=False),
        sa.Column("mark", sa.BigInteger(), nullable=True),
        sa.Column("drafts", sa.Boolean(), nullable=False),
        sa.Column("cells", sa.Integer(), nullable=False),
        sa.Column("built_at", api.core.db.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("indicator_id", "breakdown_dims", name=op.f("pk_indicator_analytics_built")),
    )


def downgrade() -> None:
    op.drop_table("indicator_analytics_built")
    op.drop_table("indicator_analytics_cells")
