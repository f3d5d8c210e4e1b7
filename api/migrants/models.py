"""One-stop shop tables: people, their legal-status history, special-category notes, consents,
cases with needs and a timeline, referrals to directory services, returnee packages, transfers.

Personal data lives only in ``migrant_people``, ``migrant_special_notes`` and free-text columns
(timeline text, need notes, referral messages and reasons, transfer reasons); erasure clears
exactly those (see :mod:`api.migrants.gdpr`). Everything else holds codes, dates and ids.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

import api.core.db  # noqa: F401 - naming convention before any table
from api.core.db import (
    UTCDateTime,
    created_field,
    id_field,
    json_field,
    one_of,
    trigram_index,
    ts_field,
    updated_field,
    utcnow,
    version_field,
)
from api.migrants.vocab import CONSENT_PURPOSES, NEED_STATUSES, PRIORITIES, REFERRAL_STATUSES


class Person(SQLModel, table=True):
    __tablename__ = "migrant_people"
    __table_args__ = (
        sa.CheckConstraint("sex IN ('female','male','other','unknown')", name="sex"),
        # The municipality's own system reference is unique within the municipality (intake upserts).
        sa.UniqueConstraint("municipality_id", "external_ref"),
        # The coordinator's list: municipality first, then the name order (keyset).
        sa.Index("ix_migrant_people_list", "municipality_id", "search_name", "id"),
        sa.Index("ix_migrant_people_status", "municipality_id", "legal_status"),
        sa.Index("ix_migrant_people_coordinator", "municipality_id", "coordinator_id"),
        trigram_index("ix_migrant_people_search_trgm", "search_name"),
    )

    id: uuid.UUID = id_field()
    municipality_id: uuid.UUID = Field(foreign_key="municipalities.id", nullable=False)
    given_name: str = Field(default="", max_length=120, nullable=False)
    family_name: str = Field(default="", max_length=120, nullable=False)
    birth_date: date | None = Field(default=None)
    # Kept after erasure (coarsened): statistics count people by age band.
    birth_year: int | None = Field(default=None)
    sex: str = Field(default="unknown", max_length=10, nullable=False)
    citizenships: list[str] = json_field(list)
    # [{"language": "uk", "level": "native"}, ...]; Lithuanian is also in lithuanian_level.
    languages: list[dict[str, Any]] = json_field(list)
    lithuanian_level: str = Field(default="none", max_length=10, nullable=False)
    legal_status: str = Field(max_length=30, nullable=False)
    permit_expires_on: date | None = Field(default=None)
    arrival_date: date | None = Field(default=None)
    email: str | None = Field(default=None, max_length=320)
    phone: str | None = Field(default=None, max_length=40)
    address: str | None = Field(default=None, max_length=300)
    preferred_language: str = Field(default="lt", max_length=2, nullable=False)
    # [{"relation": "child", "birth_year": 2019, "name": "..."}]; children's ages matter for school.
    household: list[dict[str, Any]] = json_field(list)
    external_ref: str | None = Field(default=None, max_length=100)
    # Normalised "given family" (no diacritics, lower case) for search and the list order.
    search_name: str = Field(default="", max_length=250, nullable=False)
    # Denormalised from the open case, so list filters need no join.
    coordinator_id: uuid.UUID | None = Field(default=None, foreign_key="users.id")
    case_open: bool = Field(default=False, nullable=False)
    version: int = version_field()
    created_at: datetime = created_field()
    updated_at: datetime = updated_field()
    anonymised_at: datetime | None = ts_field()


class StatusHistory(SQLModel, table=True):
    __tablename__ = "migrant_status_history"

    id: uuid.UUID = id_field()
    person_id: uuid.UUID = Field(foreign_key="migrant_people.id", nullable=False, index=True)
    legal_status: str = Field(max_length=30, nullable=False)
    permit_expires_on: date | None = Field(default=None)
    recorded_at: datetime = created_field()
    recorded_by: str | None = Field(default=None, max_length=64)


class SpecialNote(SQLModel, table=True):
    """GDPR art. 9 notes (health and the like): their own table and their own scope."""

    __tablename__ = "migrant_special_notes"

    id: uuid.UUID = id_field()
    person_id: uuid.UUID = Field(foreign_key="migrant_people.id", nullable=False, index=True)
    category: str = Field(default="health", max_length=20, nullable=False)
    text: str = Field(sa_type=sa.Text, nullable=False)
    created_at: datetime = created_field()
    created_by: str | None = Field(default=None, max_length=64)


class Consent(SQLModel, table=True):
    """One row per grant; withdrawing sets ``withdrawn_at``. The current consent is the row with none."""

    __tablename__ = "migrant_consents"
    __table_args__ = (
        sa.CheckConstraint(one_of("purpose", CONSENT_PURPOSES), name="purpose"),
        sa.Index("ix_migrant_consents_person_purpose", "person_id", "purpose"),
    )

    id: uuid.UUID = id_field()
    person_id: uuid.UUID = Field(foreign_key="migrant_people.id", nullable=False)
    purpose: str = Field(max_length=30, nullable=False)
    granted_at: datetime = created_field()
    granted_by: str | None = Field(default=None, max_length=64)
    withdrawn_at: datetime | None = ts_field()
    withdrawn_by: str | None = Field(default=None, max_length=64)


class Case(SQLModel, table=True):
    __tablename__ = "migrant_cases"
    __table_args__ = (
        sa.CheckConstraint("status IN ('open','closed')", name="status"),
        # One open case per person and municipality.
        sa.Index(
            "uq_migrant_cases_open",
            "person_id",
            "municipality_id",
            unique=True,
            postgresql_where=sa.text("status = 'open'"),
            sqlite_where=sa.text("status = 'open'"),
        ),
        sa.Index("ix_migrant_cases_municipality", "municipality_id", "status", "closed_at"),
    )

    id: uuid.UUID = id_field()
    person_id: uuid.UUID = Field(foreign_key="migrant_people.id", nullable=False, index=True)
    municipality_id: uuid.UUID = Field(foreign_key="municipalities.id", nullable=False)
    coordinator_id: uuid.UUID | None = Field(default=None, foreign_key="users.id")
    status: str = Field(default="open", max_length=10, nullable=False)
    opened_at: datetime = created_field()
    closed_at: datetime | None = ts_field()
    close_reason: str | None = Field(default=None, max_length=300)
    # When the returnee package was proposed for this case (once per case, whatever retries).
    package_applied_at: datetime | None = ts_field()
    version: int = version_field()
    updated_at: datetime = updated_field()


class Need(SQLModel, table=True):
    __tablename__ = "migrant_needs"
    __table_args__ = (
        sa.UniqueConstraint("case_id", "code"),
        sa.CheckConstraint(one_of("status", NEED_STATUSES), name="status"),
        sa.CheckConstraint(one_of("priority", PRIORITIES), name="priority"),
        sa.Index("ix_migrant_needs_code", "code", "case_id"),
    )

    id: uuid.UUID = id_field()
    case_id: uuid.UUID = Field(foreign_key="migrant_cases.id", nullable=False)
    code: str = Field(max_length=30, nullable=False)
    priority: str = Field(default="normal", max_length=10, nullable=False)
    status: str = Field(default="open", max_length=12, nullable=False)
    note: str | None = Field(default=None, max_length=2000)
    version: int = version_field()
    created_at: datetime = created_field()
    updated_at: datetime = updated_field()


class CaseEvent(SQLModel, table=True):
    """The case timeline: coordinators' notes and what happened (status moves, referrals...)."""

    __tablename__ = "migrant_case_events"
    __table_args__ = (sa.Index("ix_migrant_case_events_case_at", "case_id", "at", "id"),)

    id: uuid.UUID = id_field()
    case_id: uuid.UUID = Field(foreign_key="migrant_cases.id", nullable=False)
    at: datetime = created_field()
    kind: str = Field(max_length=30, nullable=False)
    text: str | None = Field(default=None, sa_type=sa.Text)
    actor_id: str | None = Field(default=None, max_length=64)
    details: dict[str, Any] = json_field()


class Referral(SQLModel, table=True):
    __tablename__ = "referrals"
    __table_args__ = (
        sa.CheckConstraint(one_of("status", REFERRAL_STATUSES), name="status"),
        # The provider inbox: the organisation's shared referrals, newest change first.
        sa.Index("ix_referrals_inbox", "organization_id", "shared", "updated_at", "id"),
        sa.Index("ix_referrals_municipality", "municipality_id", "updated_at", "id"),
        sa.Index("ix_referrals_person", "person_id", "created_at"),
    )

    id: uuid.UUID = id_field()
    person_id: uuid.UUID = Field(foreign_key="migrant_people.id", nullable=False)
    case_id: uuid.UUID = Field(foreign_key="migrant_cases.id", nullable=False, index=True)
    municipality_id: uuid.UUID = Field(foreign_key="municipalities.id", nullable=False)
    service_id: uuid.UUID = Field(foreign_key="services.id", nullable=False, index=True)
    # Copied from the service when the referral is made: the inbox filters on it without a join.
    organization_id: uuid.UUID = Field(nullable=False)
    need: str = Field(max_length=30, nullable=False)
    status: str = Field(default="proposed", max_length=12, nullable=False)
    # True while the provider may see it: sent at least once and the person's sharing consent holds.
    shared: bool = Field(default=False, nullable=False)
    from_package: bool = Field(default=False, nullable=False)
    message: str | None = Field(default=None, max_length=2000)
    reason: str | None = Field(default=None, max_length=1000)
    created_by: str | None = Field(default=None, max_length=64)
    created_at: datetime = created_field()
    updated_at: datetime = updated_field()
    sent_at: datetime | None = ts_field()
    started_at: datetime | None = ts_field()
    finished_at: datetime | None = ts_field()
    version: int = version_field()


class ReturneePackage(SQLModel, table=True):
    """A municipality's returnee package: what is proposed to every registered returnee."""

    __tablename__ = "returnee_packages"

    id: uuid.UUID = id_field()
    municipality_id: uuid.UUID = Field(foreign_key="municipalities.id", nullable=False, unique=True)
    responsible_coordinator_id: uuid.UUID | None = Field(default=None, foreign_key="users.id")
    # [{"need": "community", "service_id": "..."} | {"need": "language", "category": "language"}]
    items: list[dict[str, Any]] = json_field(list)
    version: int = version_field()
    updated_at: datetime = updated_field()


class Transfer(SQLModel, table=True):
    __tablename__ = "migrant_transfers"
    __table_args__ = (
        sa.CheckConstraint("status IN ('pending','accepted','rejected')", name="status"),
        sa.Index("ix_migrant_transfers_to", "to_municipality_id", "status"),
        sa.Index("ix_migrant_transfers_from", "from_municipality_id", "status"),
    )

    id: uuid.UUID = id_field()
    person_id: uuid.UUID = Field(foreign_key="migrant_people.id", nullable=False, index=True)
    from_municipality_id: uuid.UUID = Field(foreign_key="municipalities.id", nullable=False)
    to_municipality_id: uuid.UUID = Field(foreign_key="municipalities.id", nullable=False)
    status: str = Field(default="pending", max_length=10, nullable=False)
    reason: str | None = Field(default=None, max_length=1000)
    requested_by: str | None = Field(default=None, max_length=64)
    requested_at: datetime = created_field()
    decided_by: str | None = Field(default=None, max_length=64)
    decided_at: datetime | None = ts_field()
    version: int = version_field()


class ErasedRef(SQLModel, table=True):
    """A municipality's external reference of an erased person, as a keyed hash (HMAC-SHA256 with
    the app secret) of (municipality, reference): intake can refuse to re-create the person without
    keeping anything that names them."""

    __tablename__ = "migrant_erased_refs"

    key_hash: str = Field(primary_key=True, max_length=64)
    erased_at: datetime = created_field()


class ContactRequest(SQLModel, table=True):
    """A newcomer (or a returnee still abroad) asks the municipality's one-stop shop for help,
    without an account. Kept only as long as it is handled (see ``langelis contact-requests-purge``)."""

    __tablename__ = "migrant_contact_requests"
    __table_args__ = (
        sa.CheckConstraint("status IN ('new','converted','closed')", name="status"),
        sa.Index("ix_migrant_contact_requests_queue", "municipality_id", "status", "created_at", "id"),
    )

    id: uuid.UUID = id_field()
    created_at: datetime = created_field()
    municipality_id: uuid.UUID = Field(foreign_key="municipalities.id", nullable=False)
    reference: str = Field(max_length=20, nullable=False, unique=True)
    name: str = Field(max_length=120, nullable=False)
    email: str | None = Field(default=None, max_length=320)
    phone: str | None = Field(default=None, max_length=40)
    preferred_language: str = Field(max_length=12, nullable=False)
    needs: list[str] = json_field(list)
    message: str = Field(default="", sa_type=sa.Text, nullable=False)
    service_id: uuid.UUID | None = Field(default=None)
    abroad: bool = Field(default=False, nullable=False)
    consent_version: str = Field(max_length=40, nullable=False)
    consent_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False)
    status: str = Field(default="new", max_length=10, nullable=False)
    close_reason: str | None = Field(default=None, max_length=300)
    handled_at: datetime | None = ts_field()
    handled_by: uuid.UUID | None = Field(default=None)
    person_id: uuid.UUID | None = Field(default=None)
