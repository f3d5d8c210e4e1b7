"""Tables shared by every domain: rate-limit counters, idempotency records, the audit log, the outbox,
the status of translated texts.

They live in the database so that several workers or replicas behave as one.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from api.core.db import UTCDateTime, created_field, id_field, json_field, ts_field, utcnow


class RateLimitCounter(SQLModel, table=True):
    __tablename__ = "rate_limit_counters"

    bucket: str = Field(primary_key=True, max_length=300)
    window_start: int = Field(nullable=False, index=True)
    count: int = Field(default=0, nullable=False)


class IdempotencyRecord(SQLModel, table=True):
    __tablename__ = "idempotency_records"
    __table_args__ = (sa.UniqueConstraint("owner", "key"),)

    id: uuid.UUID = id_field()
    owner: str = Field(max_length=200, nullable=False)
    key: str = Field(max_length=255, nullable=False)
    fingerprint: str = Field(max_length=64, nullable=False)
    state: str = Field(default="processing", max_length=20, nullable=False)
    status_code: int | None = None
    response_headers: dict[str, Any] = json_field()
    response_body: bytes | None = Field(default=None, sa_type=sa.LargeBinary)
    created_at: datetime = created_field()
    expires_at: datetime = Field(sa_type=UTCDateTime, nullable=False, index=True)


class AuditEntry(SQLModel, table=True):
    """Append-only: the API has no route to change it and the database refuses UPDATE and DELETE."""

    __tablename__ = "audit_entries"
    __table_args__ = (
        sa.Index("ix_audit_entries_municipality_at", "municipality_id", "at"),
        sa.Index("ix_audit_entries_record", "record_type", "record_id"),
    )

    id: uuid.UUID = id_field()
    at: datetime = created_field()
    actor_kind: str = Field(max_length=20, nullable=False)
    actor_id: str | None = Field(default=None, max_length=64, index=True)
    actor_role: str | None = Field(default=None, max_length=30)
    municipality_id: uuid.UUID | None = Field(default=None, foreign_key="municipalities.id")
    action: str = Field(max_length=40, nullable=False)
    record_type: str = Field(max_length=40, nullable=False)
    record_id: str = Field(max_length=64, nullable=False)
    subject_id: uuid.UUID | None = Field(default=None, index=True)
    purpose: str | None = Field(default=None, max_length=60)
    request_id: str | None = Field(default=None, max_length=64)
    details: dict[str, Any] = json_field()


class OutboxMessage(SQLModel, table=True):
    """Mail waiting to be sent: the transaction that creates it also creates the message."""

    __tablename__ = "outbox_messages"

    id: uuid.UUID = id_field()
    created_at: datetime = created_field()
    recipient: str = Field(max_length=320, nullable=False, index=True)
    kind: str = Field(max_length=40, nullable=False)
    subject: str = Field(max_length=300, nullable=False)
    body: str = Field(sa_type=sa.Text, nullable=False)
    payload: dict[str, Any] = json_field()
    sent_at: datetime | None = ts_field()


class JobRun(SQLModel, table=True):
    """One background job's bookkeeping (api.core.jobs): when it is due, its last run and failure."""

    __tablename__ = "job_runs"

    name: str = Field(primary_key=True, max_length=80)
    next_due_at: datetime | None = ts_field()
    last_claimed_at: datetime | None = ts_field()
    last_started_at: datetime | None = ts_field()
    last_finished_at: datetime | None = ts_field()
    last_count: int | None = None
    runs: int = Field(default=0, nullable=False)
    failures: int = Field(default=0, nullable=False)
    last_failed_at: datetime | None = ts_field()
    last_error: str | None = Field(default=None, sa_type=sa.Text)


class TranslationState(SQLModel, table=True):
    """What a record's translation map cannot tell about one language of one text (see
    ``api.core.translation_status``): no text → ``missing``; a row → its status; no row →
    ``original`` for the record's original language, ``up_to_date`` for the others."""

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
