"""Directory tables. The foundation creates organisations (accounts link provider staff to them);
the directory issue adds services, locations and the rest of the organisation's fields."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlmodel import Field, SQLModel

from api.core.db import created_field, id_field, json_field, ts_field, updated_field


class Organization(SQLModel, table=True):
    __tablename__ = "organizations"

    id: uuid.UUID = id_field()
    municipality_id: uuid.UUID = Field(foreign_key="municipalities.id", nullable=False, index=True)
    name: dict[str, str] = json_field()
    kind: str = Field(default="ngo", max_length=30, nullable=False)
    created_at: datetime = created_field()
    updated_at: datetime = updated_field()
    deleted_at: datetime | None = ts_field()
