"""directory: unmet needs (searches that found nothing) and their derived indicator

Revision ID: directory_0006
Revises: directory_0005
Create Date: 2026-12-05 11:47:00
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
import sqlmodel
from alembic import op

import api.core.db

revision: str = "directory_0006"
down_revision: str | Sequence[str] | None = "directory_0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = "indicators_0002"

NAMESPACE = uuid.UUID("5b0f3d1e-6a55-4f0e-9a57-1c1f0b7e2d11")  # the indicator definitions' namespace
CODE = "unmet_service_searches"
NOTE = (
    "From the service directory: searches that found nothing and that people reported "
    "('tell us what you were looking for'), by the language of the interface. Anonymous."
)


def upgrade() -> None:
    op.create_table(
        "unmet_needs",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", api.core.db.UTCDateTime(), nullable=False),
        sa.Column("municipality_id", sa.Uuid(), nullable=True),
        sa.Column("language", sqlmodel.sql.sqltypes.AutoString(length=12), nullable=False),
        sa.Column("query", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("filters", api.core.db.JSONType, nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["municipality_id"],
            ["municipalities.id"],
            name=op.f("fk_unmet_needs_municipality_id_municipalities"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_unmet_needs")),
    )
    with op.batch_alter_table("unmet_needs", schema=None) as batch_op:
        batch_op.create_index("ix_unmet_needs_place", ["municipality_id", "created_at", "id"], unique=False)

    now = datetime.now(UTC)
    table = sa.table(
        "indicator_definitions",
        *(
            sa.column(c, sa.String())
            for c in ("code", "domain", "unit", "aggregation", "source_kind", "source")
        ),
        sa.column("id", sa.Uuid()),
        sa.column("name", api.core.db.JSONType),
        sa.column("description", api.core.db.JSONType),
        sa.column("breakdowns", api.core.db.JSONType),
        sa.column("is_public", sa.Boolean()),
        sa.column("personal", sa.Boolean()),
        sa.column("decimals", sa.Integer()),
        sa.column("note", sa.Text()),
        sa.column("version", sa.Integer()),
        sa.column("created_at", api.core.db.UTCDateTime()),
        sa.column("updated_at", api.core.db.UTCDateTime()),
    )
    op.bulk_insert(
        table,
        [
            {
                "id": uuid.uuid5(NAMESPACE, CODE),
                "code": CODE,
                "domain": "integration_services",
                "unit": "count",
                "aggregation": "SUM",
                "source_kind": "platform",
                "source": "Langelis platform records (derived daily)",
                "name": {
                    "lt": "Paslaugų paieškos be rezultatų",
                    "en": "Service searches that found nothing",
                    "uk": "Пошуки послуг без результату",
                    "ru": "Поиски услуг без результата",
                },
                "description": {"en": NOTE},
                "breakdowns": ["language"],
                "is_public": True,
                "personal": False,
                "decimals": 0,
                "note": NOTE,
                "version": 1,
                "created_at": now,
                "updated_at": now,
            }
        ],
    )


def downgrade() -> None:
    op.execute(sa.text("DELETE FROM indicator_definitions WHERE code = :c").bindparams(c=CODE))
    with op.batch_alter_table("unmet_needs", schema=None) as batch_op:
        batch_op.drop_index("ix_unmet_needs_place")
    op.drop_table("unmet_needs")
