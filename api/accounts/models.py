"""Accounts: people, machine clients and the token state that must be shared by all workers."""

from __future__ import annotations

import uuid
from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from api.core.db import UTCDateTime, created_field, id_field, json_field, ts_field, updated_field


class User(SQLModel, table=True):
    __tablename__ = "users"
    __table_args__ = (
        sa.CheckConstraint(
            "role IN ('admin','coordinator','provider','analyst','expert','resident')", name="role"
        ),
    )

    id: uuid.UUID = id_field()
    email: str = Field(max_length=320, unique=True, nullable=False)
    password_hash: str | None = Field(default=None, max_length=200)
    role: str = Field(max_length=20, nullable=False, index=True)
    municipality_id: uuid.UUID | None = Field(default=None, foreign_key="municipalities.id", index=True)
    organization_id: uuid.UUID | None = Field(default=None, foreign_key="organizations.id", index=True)
    display_name: str = Field(max_length=120, nullable=False)
    # ISO 3166-1 alpha-2 of where the person lives: "LT" for residents, anything else for diaspora.
    country: str | None = Field(default=None, max_length=2)
    preferred_language: str = Field(default="lt", max_length=2, nullable=False)
    extra_scopes: list[str] = json_field(list)
    is_active: bool = Field(default=True, nullable=False)
    email_verified_at: datetime | None = ts_field()
    last_login_at: datetime | None = ts_field()
    created_at: datetime = created_field()
    updated_at: datetime = updated_field()
    version: int = Field(default=1, nullable=False)


class MachineClient(SQLModel, table=True):
    """OAuth2 client_credentials client for municipal IT or a partner NGO."""

    __tablename__ = "machine_clients"

    id: uuid.UUID = id_field()
    client_id: str = Field(max_length=64, unique=True, nullable=False)
    secret_hash: str = Field(max_length=128, nullable=False)
    name: str = Field(max_length=200, nullable=False)
    municipality_id: uuid.UUID | None = Field(default=None, foreign_key="municipalities.id", index=True)
    organization_id: uuid.UUID | None = Field(default=None, foreign_key="organizations.id", index=True)
    scopes: list[str] = json_field(list)
    is_active: bool = Field(default=True, nullable=False)
    created_by: uuid.UUID | None = Field(default=None, foreign_key="users.id")
    created_at: datetime = created_field()
    updated_at: datetime = updated_field()
    last_used_at: datetime | None = ts_field()
    version: int = Field(default=1, nullable=False)


class RefreshToken(SQLModel, table=True):
    """One row per refresh token issued. A used token presented again revokes its whole family."""

    __tablename__ = "refresh_tokens"

    jti: str = Field(primary_key=True, max_length=64)
    family_id: str = Field(max_length=64, nullable=False, index=True)
    user_id: uuid.UUID = Field(foreign_key="users.id", nullable=False, index=True)
    scopes: list[str] = json_field(list)
    created_at: datetime = created_field()
    expires_at: datetime = Field(sa_type=UTCDateTime, nullable=False)
    used_at: datetime | None = ts_field()
    revoked_at: datetime | None = ts_field()


class RevokedToken(SQLModel, table=True):
    """Access tokens ended early (logout), kept until they would have expired anyway."""

    __tablename__ = "revoked_tokens"

    jti: str = Field(primary_key=True, max_length=64)
    expires_at: datetime = Field(sa_type=UTCDateTime, nullable=False, index=True)


class EmailConfirmation(SQLModel, table=True):
    __tablename__ = "email_confirmations"

    token_hash: str = Field(primary_key=True, max_length=64)
    user_id: uuid.UUID = Field(foreign_key="users.id", nullable=False, index=True)
    created_at: datetime = created_field()
    expires_at: datetime = Field(sa_type=UTCDateTime, nullable=False)
    used_at: datetime | None = ts_field()
