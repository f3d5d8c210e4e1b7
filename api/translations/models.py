"""Tables of the translations domain. A text's status is read from its record's translation map
plus at most one row here per (record, field, language):

* no text in the language → ``missing``;
* a row → its status (``original``, ``up_to_date``, ``outdated``, ``machine``);
* no row → ``original`` for the record's original language (see ``status.default_original``),
  ``up_to_date`` for the others (written together with the record, never changed since).
"""

from __future__ import annotations

import uuid
from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from api.core.db import UTCDateTime, id_field, utcnow


class TranslationState(SQLModel, table=True):
    __tablename__ = "translation_states"
    __table_args__ = (
        sa.UniqueConstraint("record_type", "record_id", "field", "lang", name="uq_translation_states_text"),
        sa.Index("ix_translation_states_lang_status", "lang", "status"),
    )

    id: uuid.UUID = id_field()
    record_type: str = Field(max_length=40, nullable=False)
    record_id: uuid.UUID = Field(nullable=False)
    field: str = Field(max_length=40, nullable=False)
    lang: str = Field(max_length=12, nullable=False)
    status: str = Field(max_length=12, nullable=False)
    source_lang: str | None = Field(default=None, max_length=12)
    # The source text this translation was made from (what the diff of an outdated text starts from).
    source_text: str | None = Field(default=None, sa_type=sa.Text)
    changed_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False)


class MachineUsage(SQLModel, table=True):
    """Characters sent to the machine-translation provider, per municipality ("national" for texts of
    no municipality) and calendar month."""

    __tablename__ = "machine_translation_usage"
    __table_args__ = (sa.UniqueConstraint("budget_key", "month", name="uq_machine_translation_usage"),)

    id: uuid.UUID = id_field()
    budget_key: str = Field(max_length=40, nullable=False)
    month: str = Field(max_length=7, nullable=False)
    characters: int = Field(default=0, nullable=False)
