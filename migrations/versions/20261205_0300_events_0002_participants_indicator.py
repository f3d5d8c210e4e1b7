"""events: the derived indicator ``event_participants`` (by event kind and residence)

Revision ID: events_0002
Revises: events_0001
Create Date: 2026-12-05 03:00:00
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

import api.core.db

revision: str = "events_0002"
down_revision: str | Sequence[str] | None = "events_0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = "indicators_0002"

NAMESPACE = uuid.UUID("5b0f3d1e-6a55-4f0e-9a57-1c1f0b7e2d11")  # the indicator definitions' namespace
CODE = "event_participants"
NOTE = "From the events calendar: confirmed participants (not marked absent); residents and diaspora."


def upgrade() -> None:
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
                "domain": "participation",
                "unit": "persons",
                "aggregation": "SUM",
                "source_kind": "platform",
                "source": "Langelis platform records (derived daily)",
                "name": {
                    "lt": "Renginių dalyviai",
                    "en": "Event participants",
                    "uk": "Учасники подій",
                    "ru": "Участники мероприятий",
                },
                "description": {"en": NOTE},
                "breakdowns": ["event_kind", "residence"],
                "is_public": True,
                "personal": True,
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
