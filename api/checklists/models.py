"""A municipality's changes to the national checklist: hide a step, change its texts or order,
or add a step of its own (a key the national template does not have)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

import api.core.db  # noqa: F401 - naming convention before any table
from api.core.db import id_field, json_field, updated_field


class ChecklistOverride(SQLModel, table=True):
    __tablename__ = "checklist_overrides"
    __table_args__ = (sa.UniqueConstraint("municipality_id", "key"),)

    id: uuid.UUID = id_field()
    municipality_id: uuid.UUID = Field(foreign_key="municipalities.id", nullable=False)
    key: str = Field(max_length=40, nullable=False)
    hidden: bool = Field(default=False, nullable=False)
    order: int | None = Field(default=None)
    title: dict[str, Any] = json_field()
    what_to_bring: dict[str, Any] = json_field()
    where: dict[str, Any] = json_field()
    categories: list[str] = json_field(list)
    updated_at: datetime = updated_field()
    updated_by: uuid.UUID | None = Field(default=None)
