"""directory: organisation details, services, locations, service-at-location links

Revision ID: directory_0001
Revises:
Create Date: 2026-11-23 09:05:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import api.core.db

revision: str = "directory_0001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = ("directory",)
depends_on: str | Sequence[str] | None = "0001_foundation"


def upgrade() -> None:
    with op.batch_alter_table("organizations", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("description", api.core.db.JSONType, nullable=False, server_default="{}")
        )
        batch_op.add_column(sa.Column("website", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=True))
        batch_op.add_column(sa.Column("email", sqlmodel.sql.sqltypes.AutoString(length=320), nullable=True))
        batch_op.add_column(sa.Column("phones", api.core.db.JSONType, nullable=False, server_default="[]"))
        batch_op.add_column(
            sa.Column(
                "sort_name", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False, server_default=""
            )
        )
        batch_op.add_column(sa.Column("version", sa.Integer(), nullable=False, server_default="1"))
    # The defaults only filled the existing rows; the application always sets these columns.
    with op.batch_alter_table("organizations", schema=None) as batch_op:
        batch_op.alter_column("description", server_default=None)
        batch_op.alter_column("phones", server_default=None)
        batch_op.alter_column("sort_name", server_default=None)
        batch_op.alter_column("version", server_default=None)
        batch_op.create_index("ix_organizations_sort", ["sort_name", "id"], unique=False)

    op.create_table(
        "services",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("organization_id", sa.Uuid(), nullable=False),
        sa.Column("municipality_id", sa.Uuid(), nullable=False),
        sa.Column("name", api.core.db.JSONType, nullable=False),
        sa.Column("description", api.core.db.JSONType, nullable=False),
        sa.Column("categories", api.core.db.JSONType, nullable=False),
        sa.Column("category_keys", sa.Text(), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("languages", api.core.db.JSONType, nullable=False),
        sa.Column("language_keys", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("eligible_statuses", api.core.db.JSONType, nullable=False),
        sa.Column("status_keys", sqlmodel.sql.sqltypes.AutoString(length=400), nullable=False),
        sa.Column("age_min", sa.Integer(), nullable=True),
        sa.Column("age_max", sa.Integer(), nullable=True),
        sa.Column("sex", sqlmodel.sql.sqltypes.AutoString(length=10), nullable=True),
        sa.Column("eligibility_note", api.core.db.JSONType, nullable=False),
        sa.Column("format", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("level", sqlmodel.sql.sqltypes.AutoString(length=2), nullable=True),
        sa.Column("free", sa.Boolean(), nullable=False),
        sa.Column("cost_amount", sa.Numeric(10, 2), nullable=True),
        sa.Column("cost_description", api.core.db.JSONType, nullable=False),
        sa.Column("schedule", api.core.db.JSONType, nullable=False),
        sa.Column("weekday_mask", sa.Integer(), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=True),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column("capacity", sa.Integer(), nullable=True),
        sa.Column("application_process", api.core.db.JSONType, nullable=False),
        sa.Column("url", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=True),
        sa.Column("email", sqlmodel.sql.sqltypes.AutoString(length=320), nullable=True),
        sa.Column("phone", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=True),
        sa.Column("funding_source", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
        sa.Column("funding_ends_on", sa.Date(), nullable=True),
        sa.Column("assured_date", sa.Date(), nullable=True),
        sa.Column("assured_by", sa.Uuid(), nullable=True),
        sa.Column("sort_name", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
        sa.Column("search_text", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", api.core.db.UTCDateTime(), nullable=False),
        sa.Column("updated_at", api.core.db.UTCDateTime(), nullable=False),
        sa.Column("deleted_at", api.core.db.UTCDateTime(), nullable=True),
        sa.CheckConstraint(
            "status IN ('active','inactive','defunct','temporarily_closed')", name=op.f("ck_services_status")
        ),
        sa.CheckConstraint(
            "format IN ('in_person','online','hybrid','informal')", name=op.f("ck_services_format")
        ),
        sa.ForeignKeyConstraint(["assured_by"], ["users.id"], name=op.f("fk_services_assured_by_users")),
        sa.ForeignKeyConstraint(
            ["municipality_id"],
            ["municipalities.id"],
            name=op.f("fk_services_municipality_id_municipalities"),
        ),
        sa.ForeignKeyConstraint(
            ["organization_id"], ["organizations.id"], name=op.f("fk_services_organization_id_organizations")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_services")),
    )
    with op.batch_alter_table("services", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_services_organization_id"), ["organization_id"], unique=False)
        batch_op.create_index("ix_services_sort", ["sort_name", "id"], unique=False)
        batch_op.create_index(
            "ix_services_municipality_sort", ["municipality_id", "sort_name", "id"], unique=False
        )
        batch_op.create_index("ix_services_updated", ["updated_at", "id"], unique=False)
        batch_op.create_index("ix_services_assured", ["assured_date", "id"], unique=False)
        batch_op.create_index("ix_services_funding", ["funding_ends_on"], unique=False)

    op.create_table(
        "locations",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("organization_id", sa.Uuid(), nullable=False),
        sa.Column("municipality_id", sa.Uuid(), nullable=False),
        sa.Column("name", api.core.db.JSONType, nullable=False),
        sa.Column("address", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=True),
        sa.Column("city", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=True),
        sa.Column("postal_code", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=True),
        sa.Column("latitude", sa.Float(), nullable=True),
        sa.Column("longitude", sa.Float(), nullable=True),
        sa.Column("accessibility", api.core.db.JSONType, nullable=False),
        sa.Column("opening_hours", api.core.db.JSONType, nullable=False),
        sa.Column("confidential", sa.Boolean(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", api.core.db.UTCDateTime(), nullable=False),
        sa.Column("updated_at", api.core.db.UTCDateTime(), nullable=False),
        sa.Column("deleted_at", api.core.db.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["municipality_id"],
            ["municipalities.id"],
            name=op.f("fk_locations_municipality_id_municipalities"),
        ),
        sa.ForeignKeyConstraint(
            ["organization_id"], ["organizations.id"], name=op.f("fk_locations_organization_id_organizations")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_locations")),
    )
    with op.batch_alter_table("locations", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_locations_municipality_id"), ["municipality_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_locations_organization_id"), ["organization_id"], unique=False)

    op.create_table(
        "service_at_locations",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("service_id", sa.Uuid(), nullable=False),
        sa.Column("location_id", sa.Uuid(), nullable=False),
        sa.Column("created_at", api.core.db.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["location_id"], ["locations.id"], name=op.f("fk_service_at_locations_location_id_locations")
        ),
        sa.ForeignKeyConstraint(
            ["service_id"], ["services.id"], name=op.f("fk_service_at_locations_service_id_services")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_service_at_locations")),
        sa.UniqueConstraint(
            "service_id", "location_id", name=op.f("uq_service_at_locations_service_id_location_id")
        ),
    )
    with op.batch_alter_table("service_at_locations", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_service_at_locations_location_id"), ["location_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_service_at_locations_service_id"), ["service_id"], unique=False)
    _trigram_index()


def downgrade() -> None:
    op.drop_index("ix_services_search_trgm", table_name="services")
    with op.batch_alter_table("service_at_locations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_service_at_locations_service_id"))
        batch_op.drop_index(batch_op.f("ix_service_at_locations_location_id"))
    op.drop_table("service_at_locations")
    with op.batch_alter_table("locations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_locations_organization_id"))
        batch_op.drop_index(batch_op.f("ix_locations_municipality_id"))
    op.drop_table("locations")
    with op.batch_alter_table("services", schema=None) as batch_op:
        batch_op.drop_index("ix_services_funding")
        batch_op.drop_index("ix_services_assured")
        batch_op.drop_index("ix_services_updated")
        batch_op.drop_index("ix_services_municipality_sort")
        batch_op.drop_index("ix_services_sort")
        batch_op.drop_index(batch_op.f("ix_services_organization_id"))
    op.drop_table("services")
    with op.batch_alter_table("organizations", schema=None) as batch_op:
        batch_op.drop_index("ix_organizations_sort")
        batch_op.drop_column("version")
        batch_op.drop_column("sort_name")
        batch_op.drop_column("phones")
        batch_op.drop_column("email")
        batch_op.drop_column("website")
        batch_op.drop_column("description")


def _trigram_index() -> None:
    """LIKE '%term%' on the folded search text: a trigram GIN index on PostgreSQL (pg_trgm, left in
    place on downgrade as other tables use it); an empty partial index of the same name on SQLite."""
    if op.get_bind().dialect.name == "postgresql":
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    op.create_index(
        "ix_services_search_trgm",
        "services",
        ["search_text"],
        unique=False,
        postgresql_using="gin",
        postgresql_ops={"search_text": "gin_trgm_ops"},
        sqlite_where=sa.text("0"),
    )
