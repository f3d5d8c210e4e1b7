"""events: events, registrations, organiser grants and private feed tokens

Revision ID: events_0001
Revises:
Create Date: 2026-12-05 02:58:59.070210
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import api.core.db

revision: str = "events_0001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = ("events",)
depends_on: str | Sequence[str] | None = "0001_foundation"


def upgrade() -> None:
    op.create_table(
        "event_feed_tokens",
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("token_hash", sqlmodel.sql.sqltypes.AutoString(length=128), nullable=False),
        sa.Column("created_at", api.core.db.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_event_feed_tokens_user_id_users")),
        sa.PrimaryKeyConstraint("user_id", name=op.f("pk_event_feed_tokens")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_event_feed_tokens_token_hash")),
    )
    op.create_table(
        "event_organisers",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("municipality_id", sa.Uuid(), nullable=False),
        sa.Column("group_name", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("granted_by", sa.Uuid(), nullable=True),
        sa.Column("created_at", api.core.db.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["granted_by"], ["users.id"], name=op.f("fk_event_organisers_granted_by_users")
        ),
        sa.ForeignKeyConstraint(
            ["municipality_id"],
            ["municipalities.id"],
            name=op.f("fk_event_organisers_municipality_id_municipalities"),
        ),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_event_organisers_user_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_event_organisers")),
        sa.UniqueConstraint(
            "user_id", "municipality_id", name=op.f("uq_event_organisers_user_id_municipality_id")
        ),
    )
    op.create_table(
        "events",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("municipality_id", sa.Uuid(), nullable=False),
        sa.Column("organization_id", sa.Uuid(), nullable=True),
        sa.Column("organiser_id", sa.Uuid(), nullable=True),
        sa.Column("title", api.core.db.JSONType, nullable=False),
        sa.Column("description", api.core.db.JSONType, nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("starts_at", api.core.db.UTCDateTime(), nullable=False),
        sa.Column("ends_at", api.core.db.UTCDateTime(), nullable=False),
        sa.Column("timezone", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("rrule", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=True),
        sa.Column("recurs_until", api.core.db.UTCDateTime(), nullable=True),
        sa.Column("location_id", sa.Uuid(), nullable=True),
        sa.Column("address", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=True),
        sa.Column("online_url", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=True),
        sa.Column("audience", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("languages", api.core.db.JSONType, nullable=False),
        sa.Column("cost", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=True),
        sa.Column("capacity", sa.Integer(), nullable=True),
        sa.Column("accessibility", api.core.db.JSONType, nullable=False),
        sa.Column("service_id", sa.Uuid(), nullable=True),
        sa.Column("budget_project_id", sa.Uuid(), nullable=True),
        sa.Column("questions", api.core.db.JSONType, nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=12), nullable=False),
        sa.Column("confirmed_count", sa.Integer(), nullable=False),
        sa.Column("created_by", sa.Uuid(), nullable=True),
        sa.Column("created_at", api.core.db.UTCDateTime(), nullable=False),
        sa.Column("updated_at", api.core.db.UTCDateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "audience IN ('everyone', 'residents', 'diaspora', 'newcomers', 'professionals')",
            name=op.f("ck_events_audience"),
        ),
        sa.CheckConstraint(
            "kind IN ('gathering', 'workshop', 'camp', 'course_session', 'sports', 'cultural', 'intercultural', 'online_stream')",
            name=op.f("ck_events_kind"),
        ),
        sa.CheckConstraint("status IN ('scheduled', 'cancelled')", name=op.f("ck_events_status")),
        sa.CheckConstraint("confirmed_count >= 0", name=op.f("ck_events_confirmed")),
        sa.ForeignKeyConstraint(["created_by"], ["users.id"], name=op.f("fk_events_created_by_users")),
        sa.ForeignKeyConstraint(
            ["municipality_id"], ["municipalities.id"], name=op.f("fk_events_municipality_id_municipalities")
        ),
        sa.ForeignKeyConstraint(["organiser_id"], ["users.id"], name=op.f("fk_events_organiser_id_users")),
        sa.ForeignKeyConstraint(
            ["organization_id"], ["organizations.id"], name=op.f("fk_events_organization_id_organizations")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_events")),
    )
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.create_index("ix_events_muni_start", ["municipality_id", "starts_at", "id"], unique=False)
        batch_op.create_index(batch_op.f("ix_events_organiser_id"), ["organiser_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_events_organization_id"), ["organization_id"], unique=False)

    op.create_table(
        "event_registrations",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("event_id", sa.Uuid(), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=12), nullable=False),
        sa.Column("residence", sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
        sa.Column("answers", api.core.db.JSONType, nullable=False),
        sa.Column("attended", sa.Boolean(), nullable=True),
        sa.Column("reminded_at", api.core.db.UTCDateTime(), nullable=True),
        sa.Column("created_at", api.core.db.UTCDateTime(), nullable=False),
        sa.Column("updated_at", api.core.db.UTCDateTime(), nullable=False),
        sa.CheckConstraint(
            "residence IN ('resident','diaspora','unknown')", name=op.f("ck_event_registrations_residence")
        ),
        sa.CheckConstraint(
            "status IN ('confirmed', 'waitlisted', 'cancelled')", name=op.f("ck_event_registrations_status")
        ),
        sa.ForeignKeyConstraint(
            ["event_id"], ["events.id"], name=op.f("fk_event_registrations_event_id_events")
        ),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_event_registrations_user_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_event_registrations")),
        sa.UniqueConstraint("event_id", "user_id", name=op.f("uq_event_registrations_event_id_user_id")),
    )
    with op.batch_alter_table("event_registrations", schema=None) as batch_op:
        batch_op.create_index(
            "ix_event_registrations_queue", ["event_id", "status", "created_at", "id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_event_registrations_user_id"), ["user_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("event_registrations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_event_registrations_user_id"))
        batch_op.drop_index("ix_event_registrations_queue")

    op.drop_table("event_registrations")
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_events_organization_id"))
        batch_op.drop_index(batch_op.f("ix_events_organiser_id"))
        batch_op.drop_index("ix_events_muni_start")

    op.drop_table("events")
    op.drop_table("event_organisers")
    op.drop_table("event_feed_tokens")
