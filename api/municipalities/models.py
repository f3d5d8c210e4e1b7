"""Municipalities: the tenants. Loaded by a data migration from the reference list."""

from __future__ import annotations

import uuid

from sqlmodel import Field, SQLModel

from api.core.db import id_field, json_field


class Municipality(SQLModel, table=True):
    __tablename__ = "municipalities"

    id: uuid.UUID = id_field()
    slug: str = Field(max_length=60, unique=True, nullable=False)
    name: dict[str, str] = json_field()
    county: str = Field(max_length=40, nullable=False, index=True)
    county_name: dict[str, str] = json_field()
    kind: str = Field(max_length=20, nullable=False)
