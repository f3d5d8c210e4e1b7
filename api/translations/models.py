"""Tables of the translations domain (the statuses themselves are a core table,
``api.core.models.TranslationState``, kept by ``api.core.translation_status``)."""

from __future__ import annotations

import uuid

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from api.core.db import id_field


class MachineUsage(SQLModel, table=True):
    """Characters sent to the machine-translation provider, per municipality ("national" for texts of
    no municipality) and calendar month."""

    __tablename__ = "machine_translation_usage"
    __table_args__ = (sa.UniqueConstraint("budget_key", "month", name="uq_machine_translation_usage"),)

    id: uuid.UUID = id_field()
    budget_key: str = Field(max_length=40, nullable=False)
    month: str = Field(max_length=7, nullable=False)
    characters: int = Field(default=0, nullable=False)
