"""foundation

Revision ID: 0001_foundation
Revises:
Create Date: 2026-11-23 05:43:25.880013
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import api.core.db

revision: str = "0001_foundation"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = ("foundation",)
depends_on: str | Sequence[str] | None = None


# The 60 municipalities (slug, name lt, name en, county code, county lt, county en, kind).
# Ids derive from the slug (UUID v5), so every installation shares them.
MUNICIPALITIES = [
    (
        "alytaus-m",
        "Alytaus miesto savivaldybė",
        "Alytus city municipality",
        "alytus",
        "Alytaus apskritis",
        "Alytus county",
        "city",
    ),
    (
        "alytaus-r",
        "Alytaus rajono savivaldybė",
        "Alytus district municipality",
        "alytus",
        "Alytaus apskritis",
        "Alytus county",
        "district",
    ),
    (
        "druskininku",
        "Druskininkų savivaldybė",
        "Druskininkai municipality",
        "alytus",
        "Alytaus apskritis",
        "Alytus county",
        "municipality",
    ),
    (
        "lazdiju-r",
        "Lazdijų rajono savivaldybė",
        "Lazdijai district municipality",
        "alytus",
        "Alytaus apskritis",
        "Alytus county",
        "district",
    ),
    (
        "varenos-r",
        "Varėnos rajono savivaldybė",
        "Varėna district municipality",
        "alytus",
        "Alytaus apskritis",
        "Alytus county",
        "district",
    ),
    (
        "birstono",
        "Birštono savivaldybė",
        "Birštonas municipality",
        "kaunas",
        "Kauno apskritis",
        "Kaunas county",
        "municipality",
    ),
    (
        "jonavos-r",
        "Jonavos rajono savivaldybė",
        "Jonava district municipality",
        "kaunas",
        "Kauno apskritis",
        "Kaunas county",
        "district",
    ),
    (
        "kaisiadoriu-r",
        "Kaišiadorių rajono savivaldybė",
        "Kaišiadorys district municipality",
        "kaunas",
        "Kauno apskritis",
        "Kaunas county",
        "district",
    ),
    (
        "kauno-m",
        "Kauno miesto savivaldybė",
        "Kaunas city municipality",
        "kaunas",
        "Kauno apskritis",
        "Kaunas county",
        "city",
    ),
    (
        "kauno-r",
        "Kauno rajono savivaldybė",
        "Kaunas district municipality",
        "kaunas",
        "Kauno apskritis",
        "Kaunas county",
        "district",
    ),
    (
        "kedainiu-r",
        "Kėdainių rajono savivaldybė",
        "Kėdainiai district municipality",
        "kaunas",
        "Kauno apskritis",
        "Kaunas county",
        "district",
    ),
    (
        "prienu-r",
        "Prienų rajono savivaldybė",
        "Prienai district municipality",
        "kaunas",
        "Kauno apskritis",
        "Kaunas county",
        "district",
    ),
    (
        "raseiniu-r",
        "Raseinių rajono savivaldybė",
        "Raseiniai district municipality",
        "kaunas",
        "Kauno apskritis",
        "Kaunas county",
        "district",
    ),
    (
        "klaipedos-m",
        "Klaipėdos miesto savivaldybė",
        "Klaipėda city municipality",
        "klaipeda",
        "Klaipėdos apskritis",
        "Klaipėda county",
        "city",
    ),
    (
        "klaipedos-r",
        "Klaipėdos rajono savivaldybė",
        "Klaipėda district municipality",
        "klaipeda",
        "Klaipėdos apskritis",
        "Klaipėda county",
        "district",
    ),
    (
        "kretingos-r",
        "Kretingos rajono savivaldybė",
        "Kretinga district municipality",
        "klaipeda",
        "Klaipėdos apskritis",
        "Klaipėda county",
        "district",
    ),
    (
        "neringos",
        "Neringos savivaldybė",
        "Neringa municipality",
        "klaipeda",
        "Klaipėdos apskritis",
        "Klaipėda county",
        "municipality",
    ),
    (
        "palangos-m",
        "Palangos miesto savivaldybė",
        "Palanga city municipality",
        "klaipeda",
        "Klaipėdos apskritis",
        "Klaipėda county",
        "city",
    ),
    (
        "skuodo-r",
        "Skuodo rajono savivaldybė",
        "Skuodas district municipality",
        "klaipeda",
        "Klaipėdos apskritis",
        "Klaipėda county",
        "district",
    ),
    (
        "silutes-r",
        "Šilutės rajono savivaldybė",
        "Šilutė district municipality",
        "klaipeda",
        "Klaipėdos apskritis",
        "Klaipėda county",
        "district",
    ),
    (
        "kalvarijos",
        "Kalvarijos savivaldybė",
        "Kalvarija municipality",
        "marijampole",
        "Marijampolės apskritis",
        "Marijampolė county",
        "municipality",
    ),
    (
        "kazlu-rudos",
        "Kazlų Rūdos savivaldybė",
        "Kazlų Rūda municipality",
        "marijampole",
        "Marijampolės apskritis",
        "Marijampolė county",
        "municipality",
    ),
    (
        "marijampoles",
        "Marijampolės savivaldybė",
        "Marijampolė municipality",
        "marijampole",
        "Marijampolės apskritis",
        "Marijampolė county",
        "municipality",
    ),
    (
        "sakiu-r",
        "Šakių rajono savivaldybė",
        "Šakiai district municipality",
        "marijampole",
        "Marijampolės apskritis",
        "Marijampolė county",
        "district",
    ),
    (
        "vilkaviskio-r",
        "Vilkaviškio rajono savivaldybė",
        "Vilkaviškis district municipality",
        "marijampole",
        "Marijampolės apskritis",
        "Marijampolė county",
        "district",
    ),
    (
        "birzu-r",
        "Biržų rajono savivaldybė",
        "Biržai district municipality",
        "panevezys",
        "Panevėžio apskritis",
        "Panevėžys county",
        "district",
    ),
    (
        "kupiskio-r",
        "Kupiškio rajono savivaldybė",
        "Kupiškis district municipality",
        "panevezys",
        "Panevėžio apskritis",
        "Panevėžys county",
        "district",
    ),
    (
        "panevezio-m",
        "Panevėžio miesto savivaldybė",
        "Panevėžys city municipality",
        "panevezys",
        "Panevėžio apskritis",
        "Panevėžys county",
        "city",
    ),
    (
        "panevezio-r",
        "Panevėžio rajono savivaldybė",
        "Panevėžys district municipality",
        "panevezys",
        "Panevėžio apskritis",
        "Panevėžys county",
        "district",
    ),
    (
        "pasvalio-r",
        "Pasvalio rajono savivaldybė",
        "Pasvalys district municipality",
        "panevezys",
        "Panevėžio apskritis",
        "Panevėžys county",
        "district",
    ),
    (
        "rokiskio-r",
        "Rokiškio rajono savivaldybė",
        "Rokiškis district municipality",
        "panevezys",
        "Panevėžio apskritis",
        "Panevėžys county",
        "district",
    ),
    (
        "akmenes-r",
        "Akmenės rajono savivaldybė",
        "Akmenė district municipality",
        "siauliai",
        "Šiaulių apskritis",
        "Šiauliai county",
        "district",
    ),
    (
        "joniskio-r",
        "Joniškio rajono savivaldybė",
        "Joniškis district municipality",
        "siauliai",
        "Šiaulių apskritis",
        "Šiauliai county",
        "district",
    ),
    (
        "kelmes-r",
        "Kelmės rajono savivaldybė",
        "Kelmė district municipality",
        "siauliai",
        "Šiaulių apskritis",
        "Šiauliai county",
        "district",
    ),
    (
        "pakruojo-r",
        "Pakruojo rajono savivaldybė",
        "Pakruojis district municipality",
        "siauliai",
        "Šiaulių apskritis",
        "Šiauliai county",
        "district",
    ),
    (
        "radviliskio-r",
        "Radviliškio rajono savivaldybė",
        "Radviliškis district municipality",
        "siauliai",
        "Šiaulių apskritis",
        "Šiauliai county",
        "district",
    ),
    (
        "siauliu-m",
        "Šiaulių miesto savivaldybė",
        "Šiauliai city municipality",
        "siauliai",
        "Šiaulių apskritis",
        "Šiauliai county",
        "city",
    ),
    (
        "siauliu-r",
        "Šiaulių rajono savivaldybė",
        "Šiauliai district municipality",
        "siauliai",
        "Šiaulių apskritis",
        "Šiauliai county",
        "district",
    ),
    (
        "jurbarko-r",
        "Jurbarko rajono savivaldybė",
        "Jurbarkas district municipality",
        "taurage",
        "Tauragės apskritis",
        "Tauragė county",
        "district",
    ),
    (
        "pagegiu",
        "Pagėgių savivaldybė",
        "Pagėgiai municipality",
        "taurage",
        "Tauragės apskritis",
        "Tauragė county",
        "municipality",
    ),
    (
        "silales-r",
        "Šilalės rajono savivaldybė",
        "Šilalė district municipality",
        "taurage",
        "Tauragės apskritis",
        "Tauragė county",
        "district",
    ),
    (
        "taurages-r",
        "Tauragės rajono savivaldybė",
        "Tauragė district municipality",
        "taurage",
        "Tauragės apskritis",
        "Tauragė county",
        "district",
    ),
    (
        "mazeikiu-r",
        "Mažeikių rajono savivaldybė",
        "Mažeikiai district municipality",
        "telsiai",
        "Telšių apskritis",
        "Telšiai county",
        "district",
    ),
    (
        "plunges-r",
        "Plungės rajono savivaldybė",
        "Plungė district municipality",
        "telsiai",
        "Telšių apskritis",
        "Telšiai county",
        "district",
    ),
    (
        "rietavo",
        "Rietavo savivaldybė",
        "Rietavas municipality",
        "telsiai",
        "Telšių apskritis",
        "Telšiai county",
        "municipality",
    ),
    (
        "telsiu-r",
        "Telšių rajono savivaldybė",
        "Telšiai district municipality",
        "telsiai",
        "Telšių apskritis",
        "Telšiai county",
        "district",
    ),
    (
        "anyksciu-r",
        "Anykščių rajono savivaldybė",
        "Anykščiai district municipality",
        "utena",
        "Utenos apskritis",
        "Utena county",
        "district",
    ),
    (
        "ignalinos-r",
        "Ignalinos rajono savivaldybė",
        "Ignalina district municipality",
        "utena",
        "Utenos apskritis",
        "Utena county",
        "district",
    ),
    (
        "moletu-r",
        "Molėtų rajono savivaldybė",
        "Molėtai district municipality",
        "utena",
        "Utenos apskritis",
        "Utena county",
        "district",
    ),
    (
        "utenos-r",
        "Utenos rajono savivaldybė",
        "Utena district municipality",
        "utena",
        "Utenos apskritis",
        "Utena county",
        "district",
    ),
    (
        "visagino",
        "Visagino savivaldybė",
        "Visaginas municipality",
        "utena",
        "Utenos apskritis",
        "Utena county",
        "municipality",
    ),
    (
        "zarasu-r",
        "Zarasų rajono savivaldybė",
        "Zarasai district municipality",
        "utena",
        "Utenos apskritis",
        "Utena county",
        "district",
    ),
    (
        "elektrenu",
        "Elektrėnų savivaldybė",
        "Elektrėnai municipality",
        "vilnius",
        "Vilniaus apskritis",
        "Vilnius county",
        "municipality",
    ),
    (
        "salcininku-r",
        "Šalčininkų rajono savivaldybė",
        "Šalčininkai district municipality",
        "vilnius",
        "Vilniaus apskritis",
        "Vilnius county",
        "district",
    ),
    (
        "sirvintu-r",
        "Širvintų rajono savivaldybė",
        "Širvintos district municipality",
        "vilnius",
        "Vilniaus apskritis",
        "Vilnius county",
        "district",
    ),
    (
        "svencioniu-r",
        "Švenčionių rajono savivaldybė",
        "Švenčionys district municipality",
        "vilnius",
        "Vilniaus apskritis",
        "Vilnius county",
        "district",
    ),
    (
        "traku-r",
        "Trakų rajono savivaldybė",
        "Trakai district municipality",
        "vilnius",
        "Vilniaus apskritis",
        "Vilnius county",
        "district",
    ),
    (
        "ukmerges-r",
        "Ukmergės rajono savivaldybė",
        "Ukmergė district municipality",
        "vilnius",
        "Vilniaus apskritis",
        "Vilnius county",
        "district",
    ),
    (
        "vilniaus-m",
        "Vilniaus miesto savivaldybė",
        "Vilnius city municipality",
        "vilnius",
        "Vilniaus apskritis",
        "Vilnius county",
        "city",
    ),
    (
        "vilniaus-r",
        "Vilniaus rajono savivaldybė",
        "Vilnius district municipality",
        "vilnius",
        "Vilniaus apskritis",
        "Vilnius county",
        "district",
    ),
]

MUNICIPALITY_NAMESPACE = uuid.UUID("6f1c1e52-3d0a-4b8e-9a57-1a2b3c4d5e6f")


def upgrade() -> None:
    # ### commands auto generated by Alembic - please adjust! ###
    op.create_table(
        "idempotency_records",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("owner", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("key", sqlmodel.sql.sqltypes.AutoString(length=255), nullable=False),
        sa.Column("fingerprint", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("state", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("status_code", sa.Integer(), nullable=True),
        sa.Column("response_headers", api.core.db.JSONType, nullable=False),
        sa.Column("response_body", sa.LargeBinary(), nullable=True),
        sa.Column("created_at", api.core.db.UTCDateTime(), nullable=False),
        sa.Column("expires_at", api.core.db.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_idempotency_records")),
        sa.UniqueConstraint("owner", "key", name=op.f("uq_idempotency_records_owner_key")),
    )
    with op.batch_alter_table("idempotency_records", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_idempotency_records_expires_at"), ["expires_at"], unique=False)

    op.create_table(
        "municipalities",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("slug", sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
        sa.Column("name", api.core.db.JSONType, nullable=False),
        sa.Column("county", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("county_name", api.core.db.JSONType, nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_municipalities")),
        sa.UniqueConstraint("slug", name=op.f("uq_municipalities_slug")),
    )
    with op.batch_alter_table("municipalities", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_municipalities_county"), ["county"], unique=False)

    op.create_table(
        "outbox_messages",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", api.core.db.UTCDateTime(), nullable=False),
        sa.Column("recipient", sqlmodel.sql.sqltypes.AutoString(length=320), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("subject", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("payload", api.core.db.JSONType, nullable=False),
        sa.Column("sent_at", api.core.db.UTCDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outbox_messages")),
    )
    with op.batch_alter_table("outbox_messages", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_outbox_messages_recipient"), ["recipient"], unique=False)

    op.create_table(
        "rate_limit_counters",
        sa.Column("bucket", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
        sa.Column("window_start", sa.Integer(), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("bucket", name=op.f("pk_rate_limit_counters")),
    )
    with op.batch_alter_table("rate_limit_counters", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_rate_limit_counters_window_start"), ["window_start"], unique=False
        )

    op.create_table(
        "revoked_tokens",
        sa.Column("jti", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("expires_at", api.core.db.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("jti", name=op.f("pk_revoked_tokens")),
    )
    with op.batch_alter_table("revoked_tokens", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_revoked_tokens_expires_at"), ["expires_at"], unique=False)

    op.create_table(
        "audit_entries",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("at", api.core.db.UTCDateTime(), nullable=False),
        sa.Column("actor_kind", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("actor_id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
        sa.Column("actor_role", sqlmodel.sql.sqltypes.AutoString(length=30), nullable=True),
        sa.Column("municipality_id", sa.Uuid(), nullable=True),
        sa.Column("action", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("record_type", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("record_id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("subject_id", sa.Uuid(), nullable=True),
        sa.Column("purpose", sqlmodel.sql.sqltypes.AutoString(length=60), nullable=True),
        sa.Column("request_id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
        sa.Column("details", api.core.db.JSONType, nullable=False),
        sa.ForeignKeyConstraint(
            ["municipality_id"],
            ["municipalities.id"],
            name=op.f("fk_audit_entries_municipality_id_municipalities"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_entries")),
    )
    with op.batch_alter_table("audit_entries", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_audit_entries_actor_id"), ["actor_id"], unique=False)
        batch_op.create_index("ix_audit_entries_municipality_at", ["municipality_id", "at"], unique=False)
        batch_op.create_index("ix_audit_entries_record", ["record_type", "record_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_audit_entries_subject_id"), ["subject_id"], unique=False)

    op.create_table(
        "organizations",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("municipality_id", sa.Uuid(), nullable=False),
        sa.Column("name", api.core.db.JSONType, nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
        sa.Column("created_at", api.core.db.UTCDateTime(), nullable=False),
        sa.Column("updated_at", api.core.db.UTCDateTime(), nullable=False),
        sa.Column("deleted_at", api.core.db.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["municipality_id"],
            ["municipalities.id"],
            name=op.f("fk_organizations_municipality_id_municipalities"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_organizations")),
    )
    with op.batch_alter_table("organizations", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_organizations_municipality_id"), ["municipality_id"], unique=False
        )

    op.create_table(
        "users",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("email", sqlmodel.sql.sqltypes.AutoString(length=320), nullable=False),
        sa.Column("password_hash", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
        sa.Column("role", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("municipality_id", sa.Uuid(), nullable=True),
        sa.Column("organization_id", sa.Uuid(), nullable=True),
        sa.Column("display_name", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.Column("country", sqlmodel.sql.sqltypes.AutoString(length=2), nullable=True),
        sa.Column("preferred_language", sqlmodel.sql.sqltypes.AutoString(length=2), nullable=False),
        sa.Column("extra_scopes", api.core.db.JSONType, nullable=False),
        sa.Column("is_active", sa.Boolean(), nullable=False),
        sa.Column("email_verified_at", api.core.db.UTCDateTime(), nullable=True),
        sa.Column("last_login_at", api.core.db.UTCDateTime(), nullable=True),
        sa.Column("created_at", api.core.db.UTCDateTime(), nullable=False),
        sa.Column("updated_at", api.core.db.UTCDateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "role IN ('admin','coordinator','provider','analyst','expert','resident')",
            name=op.f("ck_users_role"),
        ),
        sa.ForeignKeyConstraint(
            ["municipality_id"], ["municipalities.id"], name=op.f("fk_users_municipality_id_municipalities")
        ),
        sa.ForeignKeyConstraint(
            ["organization_id"], ["organizations.id"], name=op.f("fk_users_organization_id_organizations")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_users")),
        sa.UniqueConstraint("email", name=op.f("uq_users_email")),
    )
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_users_municipality_id"), ["municipality_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_users_organization_id"), ["organization_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_users_role"), ["role"], unique=False)

    op.create_table(
        "email_confirmations",
        sa.Column("token_hash", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("created_at", api.core.db.UTCDateTime(), nullable=False),
        sa.Column("expires_at", api.core.db.UTCDateTime(), nullable=False),
        sa.Column("used_at", api.core.db.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_email_confirmations_user_id_users")),
        sa.PrimaryKeyConstraint("token_hash", name=op.f("pk_email_confirmations")),
    )
    with op.batch_alter_table("email_confirmations", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_email_confirmations_user_id"), ["user_id"], unique=False)

    op.create_table(
        "machine_clients",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("client_id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("secret_hash", sqlmodel.sql.sqltypes.AutoString(length=128), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("municipality_id", sa.Uuid(), nullable=True),
        sa.Column("organization_id", sa.Uuid(), nullable=True),
        sa.Column("scopes", api.core.db.JSONType, nullable=False),
        sa.Column("is_active", sa.Boolean(), nullable=False),
        sa.Column("created_by", sa.Uuid(), nullable=True),
        sa.Column("created_at", api.core.db.UTCDateTime(), nullable=False),
        sa.Column("updated_at", api.core.db.UTCDateTime(), nullable=False),
        sa.Column("last_used_at", api.core.db.UTCDateTime(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["created_by"], ["users.id"], name=op.f("fk_machine_clients_created_by_users")
        ),
        sa.ForeignKeyConstraint(
            ["municipality_id"],
            ["municipalities.id"],
            name=op.f("fk_machine_clients_municipality_id_municipalities"),
        ),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organizations.id"],
            name=op.f("fk_machine_clients_organization_id_organizations"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_machine_clients")),
        sa.UniqueConstraint("client_id", name=op.f("uq_machine_clients_client_id")),
    )
    with op.batch_alter_table("machine_clients", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_machine_clients_municipality_id"), ["municipality_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_machine_clients_organization_id"), ["organization_id"], unique=False
        )

    op.create_table(
        "refresh_tokens",
        sa.Column("jti", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("family_id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("scopes", api.core.db.JSONType, nullable=False),
        sa.Column("created_at", api.core.db.UTCDateTime(), nullable=False),
        sa.Column("expires_at", api.core.db.UTCDateTime(), nullable=False),
        sa.Column("used_at", api.core.db.UTCDateTime(), nullable=True),
        sa.Column("revoked_at", api.core.db.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_refresh_tokens_user_id_users")),
        sa.PrimaryKeyConstraint("jti", name=op.f("pk_refresh_tokens")),
    )
    with op.batch_alter_table("refresh_tokens", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_refresh_tokens_family_id"), ["family_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_refresh_tokens_user_id"), ["user_id"], unique=False)

    # ### end Alembic commands ###
    _load_municipalities()
    _protect_audit_log()


def downgrade() -> None:
    _unprotect_audit_log()
    # ### commands auto generated by Alembic - please adjust! ###
    with op.batch_alter_table("refresh_tokens", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_refresh_tokens_user_id"))
        batch_op.drop_index(batch_op.f("ix_refresh_tokens_family_id"))

    op.drop_table("refresh_tokens")
    with op.batch_alter_table("machine_clients", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_machine_clients_organization_id"))
        batch_op.drop_index(batch_op.f("ix_machine_clients_municipality_id"))

    op.drop_table("machine_clients")
    with op.batch_alter_table("email_confirmations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_email_confirmations_user_id"))

    op.drop_table("email_confirmations")
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_users_role"))
        batch_op.drop_index(batch_op.f("ix_users_organization_id"))
        batch_op.drop_index(batch_op.f("ix_users_municipality_id"))

    op.drop_table("users")
    with op.batch_alter_table("organizations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_organizations_municipality_id"))

    op.drop_table("organizations")
    with op.batch_alter_table("audit_entries", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_audit_entries_subject_id"))
        batch_op.drop_index("ix_audit_entries_record")
        batch_op.drop_index("ix_audit_entries_municipality_at")
        batch_op.drop_index(batch_op.f("ix_audit_entries_actor_id"))

    op.drop_table("audit_entries")
    with op.batch_alter_table("revoked_tokens", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_revoked_tokens_expires_at"))

    op.drop_table("revoked_tokens")
    with op.batch_alter_table("rate_limit_counters", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_rate_limit_counters_window_start"))

    op.drop_table("rate_limit_counters")
    with op.batch_alter_table("outbox_messages", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_outbox_messages_recipient"))

    op.drop_table("outbox_messages")
    with op.batch_alter_table("municipalities", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_municipalities_county"))

    op.drop_table("municipalities")
    with op.batch_alter_table("idempotency_records", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_idempotency_records_expires_at"))

    op.drop_table("idempotency_records")
    # ### end Alembic commands ###


def _load_municipalities() -> None:
    table = sa.table(
        "municipalities",
        sa.column("id", sa.Uuid()),
        sa.column("slug", sa.String()),
        sa.column("name", api.core.db.JSONType),
        sa.column("county", sa.String()),
        sa.column("county_name", api.core.db.JSONType),
        sa.column("kind", sa.String()),
    )
    op.bulk_insert(
        table,
        [
            {
                "id": uuid.uuid5(MUNICIPALITY_NAMESPACE, slug),
                "slug": slug,
                "name": {"lt": name_lt, "en": name_en},
                "county": county,
                "county_name": {"lt": county_lt, "en": county_en},
                "kind": kind,
            }
            for slug, name_lt, name_en, county, county_lt, county_en, kind in MUNICIPALITIES
        ],
    )


def _protect_audit_log() -> None:
    """The audit log is append-only in the database itself, not only in the API."""
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            """
            CREATE FUNCTION audit_entries_append_only() RETURNS trigger AS $$
            BEGIN
                RAISE EXCEPTION 'audit_entries is append-only';
            END;
            $$ LANGUAGE plpgsql
            """
        )
        op.execute(
            "CREATE TRIGGER audit_entries_no_change BEFORE UPDATE OR DELETE ON audit_entries "
            "FOR EACH ROW EXECUTE FUNCTION audit_entries_append_only()"
        )
    else:
        for event in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER audit_entries_no_{event.lower()} BEFORE {event} ON audit_entries "
                "BEGIN SELECT RAISE(ABORT, 'audit_entries is append-only'); END"
            )


def _unprotect_audit_log() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS audit_entries_no_change ON audit_entries")
        op.execute("DROP FUNCTION IF EXISTS audit_entries_append_only()")
    else:
        op.execute("DROP TRIGGER IF EXISTS audit_entries_no_update")
        op.execute("DROP TRIGGER IF EXISTS audit_entries_no_delete")
