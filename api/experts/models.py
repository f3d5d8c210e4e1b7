"""Expert database tables: competences (reference), expert profiles and what hangs off them,
requests for expert opinion and their invitations, mentorships.

A deleted profile stays as an anonymous tombstone: every personal column is cleared, the link to
the account is cut, and only what the city's statistics need remains (home municipalities, when it
was created and last confirmed, and the hours on its answered invitations).
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

import api.core.db  # noqa: F401 - naming convention before any table
from api.core.db import (
    created_field,
    id_field,
    json_field,
    trigram_index,
    ts_field,
    updated_field,
    version_field,
)


class Competence(SQLModel, table=True):
    """Reference list (api/reference/competences.csv), loaded by the experts data migration."""

    __tablename__ = "competences"

    code: str = Field(primary_key=True, max_length=40)
    area: str = Field(max_length=30, nullable=False)
    name: dict[str, str] = json_field()
    position: int = Field(default=0, nullable=False)


class ExpertProfile(SQLModel, table=True):
    __tablename__ = "expert_profiles"
    __table_args__ = (
        sa.CheckConstraint("visibility IN ('public','staff','hidden')", name="visibility"),
        sa.CheckConstraint("hours_per_month >= 0 AND hours_per_month <= 200", name="hours"),
        sa.CheckConstraint("mentor_capacity >= 0 AND mentor_capacity <= 20", name="mentor_capacity"),
        # Search: the visibility test and the 13-month freshness cut come first in every query.
        sa.Index("ix_expert_profiles_listed", "visibility", "confirmed_at"),
        sa.Index("ix_expert_profiles_country", "country", "visibility"),
        sa.Index("ix_expert_profiles_name", "display_name", "id"),
        trigram_index("ix_expert_profiles_search_trgm", "search_text"),
    )

    id: uuid.UUID = id_field()
    # NULL once deleted (the tombstone belongs to nobody); unique while it belongs to someone.
    user_id: uuid.UUID | None = Field(default=None, foreign_key="users.id", unique=True)
    display_name: str = Field(default="", max_length=120, nullable=False)
    headline: str = Field(default="", max_length=160, nullable=False)
    # ISO 3166-1 alpha-2 of where the expert lives now, the city there, and (in Lithuania) the
    # municipality, which is what makes a local volunteer findable as a mentor.
    country: str | None = Field(default=None, max_length=2)
    city: str = Field(default="", max_length=120, nullable=False)
    residence_municipality_id: uuid.UUID | None = Field(
        default=None, foreign_key="municipalities.id", index=True
    )
    bio: dict[str, str] = json_field()
    help_topics: dict[str, str] = json_field()
    tags: list[str] = json_field(list)
    hours_per_month: int = Field(default=0, nullable=False)
    # Ways of helping as a bit set (api.experts.profiles.ranking.WAY_BITS): one integer test per filter.
    ways: int = Field(default=0, nullable=False)
    mentor_capacity: int = Field(default=0, nullable=False)
    visibility: str = Field(default="public", max_length=10, nullable=False)
    contact_email: str | None = Field(default=None, max_length=320)
    contact_phone: str | None = Field(default=None, max_length=40)
    contact_url: str | None = Field(default=None, max_length=300)
    contact_consent: bool = Field(default=False, nullable=False)
    contact_consent_at: datetime | None = ts_field()
    # Normalised (lower case, no diacritics) text for search: everything searchable, and the part
    # that weighs more in the ranking (help topics, tags, headline).
    search_text: str = Field(default="", sa_type=sa.Text, nullable=False)
    search_topics: str = Field(default="", sa_type=sa.Text, nullable=False)
    confirmed_at: datetime = created_field()
    reminded_at: datetime | None = ts_field()
    created_at: datetime = created_field()
    updated_at: datetime = updated_field()
    deleted_at: datetime | None = ts_field()
    version: int = version_field()


class ExpertHome(SQLModel, table=True):
    """The municipalities an expert is from (one or more)."""

    __tablename__ = "expert_homes"
    __table_args__ = (sa.Index("ix_expert_homes_municipality", "municipality_id", "expert_id"),)

    expert_id: uuid.UUID = Field(foreign_key="expert_profiles.id", primary_key=True, ondelete="CASCADE")
    municipality_id: uuid.UUID = Field(foreign_key="municipalities.id", primary_key=True)


class ExpertCompetence(SQLModel, table=True):
    __tablename__ = "expert_competences"
    __table_args__ = (sa.Index("ix_expert_competences_code", "competence_code", "expert_id"),)

    expert_id: uuid.UUID = Field(foreign_key="expert_profiles.id", primary_key=True, ondelete="CASCADE")
    competence_code: str = Field(foreign_key="competences.code", primary_key=True, max_length=40)


class ExpertLanguage(SQLModel, table=True):
    """A language the expert speaks; ``level_rank`` orders A1=1 … C2=6, native=7 for range tests."""

    __tablename__ = "expert_languages"
    __table_args__ = (
        sa.Index("ix_expert_languages_lookup", "language", "level_rank", "expert_id"),
        sa.CheckConstraint("level_rank BETWEEN 1 AND 7", name="level_rank"),
    )

    expert_id: uuid.UUID = Field(foreign_key="expert_profiles.id", primary_key=True, ondelete="CASCADE")
    language: str = Field(primary_key=True, max_length=2)
    level: str = Field(max_length=6, nullable=False)
    level_rank: int = Field(nullable=False)


class ExpertShowcase(SQLModel, table=True):
    """A notable kraštietis, chosen by a municipality for its role-model showcase."""

    __tablename__ = "expert_showcase"
    __table_args__ = (sa.Index("ix_expert_showcase_listing", "municipality_id", "position", "expert_id"),)

    expert_id: uuid.UUID = Field(foreign_key="expert_profiles.id", primary_key=True, ondelete="CASCADE")
    municipality_id: uuid.UUID = Field(foreign_key="municipalities.id", primary_key=True)
    story: dict[str, str] = json_field()
    position: int = Field(default=0, nullable=False)
    marked_by: uuid.UUID | None = Field(default=None, foreign_key="users.id", ondelete="SET NULL")
    created_at: datetime = created_field()
    updated_at: datetime = updated_field()
    version: int = version_field()


class ExpertRequest(SQLModel, table=True):
    """A municipality's or an organisation's request for expert opinion or time."""

    __tablename__ = "expert_requests"
    __table_args__ = (
        sa.CheckConstraint(
            "status IN ('draft','open','in_progress','answered','closed','cancelled')", name="status"
        ),
        sa.CheckConstraint("visibility IN ('public','invitation_only')", name="visibility"),
        sa.Index("ix_expert_requests_municipality_created", "municipality_id", "created_at", "id"),
        sa.Index("ix_expert_requests_organization_created", "organization_id", "created_at", "id"),
        sa.Index("ix_expert_requests_public", "visibility", "status", "created_at", "id"),
    )

    id: uuid.UUID = id_field()
    municipality_id: uuid.UUID = Field(foreign_key="municipalities.id", nullable=False)
    # Set when an organisation's staff posted it: the request then belongs to the organisation.
    organization_id: uuid.UUID | None = Field(default=None, foreign_key="organizations.id")
    created_by: uuid.UUID | None = Field(default=None, foreign_key="users.id", ondelete="SET NULL")
    title: dict[str, str] = json_field()
    question: dict[str, str] = json_field()
    context: dict[str, str] = json_field()
    competences: list[str] = json_field(list)
    # [{"language": "en", "min_level": "B2"}, …]
    languages: list[dict[str, str]] = json_field(list)
    ways: list[str] = json_field(list)
    hours_needed: int | None = Field(default=None)
    deadline: date | None = Field(default=None, sa_type=sa.Date)
    visibility: str = Field(default="invitation_only", max_length=20, nullable=False)
    status: str = Field(default="draft", max_length=20, nullable=False)
    outcome: str | None = Field(default=None, sa_type=sa.Text)
    search_text: str = Field(default="", sa_type=sa.Text, nullable=False)
    opened_at: datetime | None = ts_field()
    closed_at: datetime | None = ts_field()
    created_at: datetime = created_field()
    updated_at: datetime = updated_field()
    version: int = version_field()


class ExpertInvitation(SQLModel, table=True):
    """An expert asked to help with a request (or volunteering on a public one), and the answer."""

    __tablename__ = "expert_invitations"
    __table_args__ = (
        sa.UniqueConstraint("request_id", "expert_id"),
        sa.CheckConstraint(
            "status IN ('invited','accepted','declined','answered','withdrawn')", name="status"
        ),
        sa.CheckConstraint("origin IN ('invited','volunteered')", name="origin"),
        sa.CheckConstraint(
            "answer_kind IS NULL OR answer_kind IN ('opinion','time_offer')", name="answer_kind"
        ),
        sa.CheckConstraint("hours_given IS NULL OR (hours_given >= 0 AND hours_given <= 1000)", name="hours"),
        sa.Index("ix_expert_invitations_inbox", "expert_id", "created_at", "id"),
        sa.Index("ix_expert_invitations_request", "request_id", "created_at", "id"),
        sa.Index("ix_expert_invitations_answered", "answered_at"),
    )

    id: uuid.UUID = id_field()
    request_id: uuid.UUID = Field(foreign_key="expert_requests.id", nullable=False)
    # The expert's profile (or its anonymous tombstone once the profile was deleted).
    expert_id: uuid.UUID = Field(foreign_key="expert_profiles.id", nullable=False)
    municipality_id: uuid.UUID = Field(foreign_key="municipalities.id", nullable=False)
    origin: str = Field(default="invited", max_length=12, nullable=False)
    status: str = Field(default="invited", max_length=12, nullable=False)
    invited_by: uuid.UUID | None = Field(default=None, foreign_key="users.id", ondelete="SET NULL")
    message: str | None = Field(default=None, sa_type=sa.Text)
    # Why Langelis proposed this expert when they were invited (score and its parts).
    score: int | None = Field(default=None)
    reasons: list[dict[str, Any]] = json_field(list)
    decline_reason: str | None = Field(default=None, max_length=500)
    answer_kind: str | None = Field(default=None, max_length=12)
    answer_text: str | None = Field(default=None, sa_type=sa.Text)
    hours_offered: float | None = Field(default=None)
    hours_given: float | None = Field(default=None)
    responded_at: datetime | None = ts_field()
    answered_at: datetime | None = ts_field()
    created_at: datetime = created_field()
    updated_at: datetime = updated_field()
    version: int = version_field()


class Mentorship(SQLModel, table=True):
    """A mentor linked to a newcomer's case. The case is an opaque reference owned by the migrants
    domain, which checks the person's consent before it asks for the link."""

    __tablename__ = "expert_mentorships"
    __table_args__ = (
        sa.Index("ix_expert_mentorships_municipality", "municipality_id", "started_at", "id"),
        sa.Index("ix_expert_mentorships_mentor", "mentor_id", "ended_at"),
        sa.Index("ix_expert_mentorships_case", "case_ref"),
    )

    id: uuid.UUID = id_field()
    mentor_id: uuid.UUID = Field(foreign_key="expert_profiles.id", nullable=False)
    municipality_id: uuid.UUID = Field(foreign_key="municipalities.id", nullable=False)
    case_ref: uuid.UUID = Field(nullable=False)
    started_by: uuid.UUID | None = Field(default=None, foreign_key="users.id", ondelete="SET NULL")
    started_at: datetime = created_field()
    ended_at: datetime | None = ts_field()
    end_reason: str | None = Field(default=None, max_length=300)
    version: int = version_field()
