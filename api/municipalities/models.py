"""The tenant units: municipalities (loaded by a data migration from the reference list) and the
bare organisation that provider staff and machine clients belong to. The directory adds services
and locations around organisations; accounts link people and clients to both."""

from __future__ import annotations

import uuid
from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from api.core.db import created_field, id_field, json_field, ts_field, updated_field, version_field


class Municipality(SQLModel, table=True):
    __tablename__ = "municipalities"

    id: uuid.UUID = id_field()
    slug: str = Field(max_length=60, unique=True, nullable=False)
    name: dict[str, str] = json_field()
    county: str = Field(max_length=40, nullable=False, index=True)
    county_name: dict[str, str] = json_field()
    kind: str = Field(max_length=20, nullable=False)


class Organization(SQLModel, table=True):
    __tablename__ = "organizations"
    __table_args__ = (sa.Index("ix_organizations_sort", "sort_name", "id"),)

    id: uuid.UUID = id_field()
    municipality_id: uuid.UUID = Field(foreign_key="municipalities.id", nullable=False, index=True)
    name: dict[str, str] = json_field()
    kind: str = Field(default="ngo", max_length=30, nullable=False)
    description: dict[str, str] = json_field()
    website: str | None = Field(default=None, max_length=300)
    email: str | None = Field(default=None, max_length=320)
    phones: list[str] = json_field(list)
    sort_name: str = Field(default="", max_length=300, nullable=False)
    version: int = version_field()
    created_at: datetime = created_field()
    updated_at: datetime = updated_field()
    deleted_at: datetime | None = ts_field()
