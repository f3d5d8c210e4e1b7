"""Directory tables, aligned with Open Referral HSDS 3.0: organisations, services, locations and
the service-at-location links.

The foundation created ``organizations`` (accounts link provider staff to it); the directory's own
migration adds the rest of its columns and the other tables.

Code lists a service is filtered by (categories with their ancestors, languages, eligible legal
statuses) are kept twice: as a JSON list for reading and as a ``|a|b|`` key text for filtering, so
one ``LIKE '%|code|%'`` answers "this category or any sub-category" on both databases.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

import api.core.db  # noqa: F401 - naming convention before any table
from api.core.db import created_field, id_field, json_field, trigram_index, ts_field, updated_field
from api.municipalities.models import Organization

# The tenant unit lives in api.municipalities; re-exported while tests/conftest.py, tests/migrants and
# bench/ still import it from here (nothing in api/ does).
__all__ = ["Organization"]


class Service(SQLModel, table=True):
    __tablename__ = "services"
    __table_args__ = (
        sa.CheckConstraint("status IN ('active','inactive','defunct','temporarily_closed')", name="status"),
        sa.CheckConstraint("format IN ('in_person','online','hybrid','informal')", name="format"),
        sa.Index("ix_services_sort", "sort_name", "id"),
        sa.Index("ix_services_municipality_sort", "municipality_id", "sort_name", "id"),
        sa.Index("ix_services_updated", "updated_at", "id"),
        sa.Index("ix_services_assured", "assured_date", "id"),
        sa.Index("ix_services_funding", "funding_ends_on"),
        trigram_index("ix_services_search_trgm", "search_text"),
    )

    id: uuid.UUID = id_field()
    organization_id: uuid.UUID = Field(foreign_key="organizations.id", nullable=False, index=True)
    # The organisation's municipality, copied so tenant filters need no join.
    municipality_id: uuid.UUID = Field(foreign_key="municipalities.id", nullable=False)
    name: dict[str, str] = json_field()
    description: dict[str, str] = json_field()
    categories: list[str] = json_field(list)
    category_keys: str = Field(default="", sa_type=sa.Text, nullable=False)
    status: str = Field(default="active", max_length=20, nullable=False)
    # Languages people can get help in (staff who speak it, interpretation); a service given in a
    # language helps in it too, so ``language_keys`` covers both lists.
    languages: list[str] = json_field(list)
    language_keys: str = Field(default="", max_length=200, nullable=False)
    # Languages the service is given or taught in (a Lithuanian course: "lt").
    provided_languages: list[str] = json_field(list)
    provided_keys: str = Field(default="", max_length=200, nullable=False)
    # Empty: open to every legal status.
    eligible_statuses: list[str] = json_field(list)
    status_keys: str = Field(default="", max_length=400, nullable=False)
    age_min: int | None = Field(default=None)
    age_max: int | None = Field(default=None)
    sex: str | None = Field(default=None, max_length=10)
    eligibility_note: dict[str, str] = json_field()
    format: str = Field(default="in_person", max_length=20, nullable=False)
    level: str | None = Field(default=None, max_length=2)
    free: bool = Field(default=True, nullable=False)
    cost_amount: Decimal | None = Field(default=None, sa_type=sa.Numeric(10, 2))
    cost_description: dict[str, str] = json_field()
    # Weekly times [{"weekday": 1..7, "opens": "HH:MM", "closes": "HH:MM"}]; the weekdays as a
    # bit set (Monday = 1) so ``open_on`` is one integer test. 0: no weekly schedule.
    schedule: list[dict[str, Any]] = json_field(list)
    weekday_mask: int = Field(default=0, nullable=False)
    # The weekdays with a time slot that lasts into the evening (closes at 18:00 or later).
    evening_mask: int = Field(default=0, nullable=False)
    start_date: date | None = Field(default=None)
    end_date: date | None = Field(default=None)
    capacity: int | None = Field(default=None)
    application_process: dict[str, str] = json_field()
    url: str | None = Field(default=None, max_length=300)
    email: str | None = Field(default=None, max_length=320)
    phone: str | None = Field(default=None, max_length=40)
    funding_source: str | None = Field(default=None, max_length=200)
    funding_ends_on: date | None = Field(default=None)
    assured_date: date | None = Field(default=None)
    assured_by: uuid.UUID | None = Field(default=None, foreign_key="users.id")
    sort_name: str = Field(default="", max_length=300, nullable=False)
    search_text: str = Field(default="", sa_type=sa.Text, nullable=False)
    version: int = Field(default=1, nullable=False)
    created_at: datetime = created_field()
    updated_at: datetime = updated_field()
    deleted_at: datetime | None = ts_field()


class Location(SQLModel, table=True):
    __tablename__ = "locations"
    # "Near me" narrows by a latitude band first.
    __table_args__ = (sa.Index("ix_locations_coordinates", "latitude", "longitude"),)

    id: uuid.UUID = id_field()
    organization_id: uuid.UUID = Field(foreign_key="organizations.id", nullable=False, index=True)
    municipality_id: uuid.UUID = Field(foreign_key="municipalities.id", nullable=False, index=True)
    name: dict[str, str] = json_field()
    address: str | None = Field(default=None, max_length=300)
    city: str | None = Field(default=None, max_length=120)
    postal_code: str | None = Field(default=None, max_length=20)
    latitude: float | None = Field(default=None)
    longitude: float | None = Field(default=None)
    accessibility: dict[str, str] = json_field()
    opening_hours: list[dict[str, Any]] = json_field(list)
    # Shelters: address and coordinates only for the owner's staff, the coordinator and admins.
    confidential: bool = Field(default=False, nullable=False)
    version: int = Field(default=1, nullable=False)
    created_at: datetime = created_field()
    updated_at: datetime = updated_field()
    deleted_at: datetime | None = ts_field()


class ServiceAtLocation(SQLModel, table=True):
    __tablename__ = "service_at_locations"
    __table_args__ = (sa.UniqueConstraint("service_id", "location_id"),)

    id: uuid.UUID = id_field()
    service_id: uuid.UUID = Field(foreign_key="services.id", nullable=False, index=True)
    location_id: uuid.UUID = Field(foreign_key="locations.id", nullable=False, index=True)
    created_at: datetime = created_field()


class ServiceCorrection(SQLModel, table=True):
    """Someone who used a service says what is wrong in its listing (hours, address, contact…).
    No account needed; the optional contact is kept only until the correction is handled."""

    __tablename__ = "service_corrections"
    __table_args__ = (
        sa.CheckConstraint("status IN ('open','resolved','dismissed')", name="status"),
        sa.Index("ix_service_corrections_queue", "municipality_id", "status", "created_at", "id"),
        sa.Index("ix_service_corrections_org", "organization_id", "status", "created_at", "id"),
        sa.Index("ix_service_corrections_due", "status", "due_on", "id"),
    )

    id: uuid.UUID = id_field()
    created_at: datetime = created_field()
    service_id: uuid.UUID = Field(foreign_key="services.id", nullable=False, index=True)
    municipality_id: uuid.UUID = Field(foreign_key="municipalities.id", nullable=False)
    organization_id: uuid.UUID = Field(foreign_key="organizations.id", nullable=False)
    kind: str = Field(max_length=20, nullable=False)
    message: str = Field(sa_type=sa.Text, nullable=False)
    lang: str = Field(max_length=12, nullable=False)
    contact: str | None = Field(default=None, max_length=200)
    status: str = Field(default="open", max_length=10, nullable=False)
    # The owner answers by then (a closed service or wrong hours sooner than the rest).
    due_on: date = Field(nullable=False)
    handled_at: datetime | None = ts_field()
    handled_by: uuid.UUID | None = Field(default=None)
    note: str | None = Field(default=None, max_length=1000)


class UnmetNeed(SQLModel, table=True):
    """A search that found nothing, and what the person says she was looking for. Anonymous: no
    account, no address, no contact — only what was asked, in which language, and where."""

    __tablename__ = "unmet_needs"
    __table_args__ = (sa.Index("ix_unmet_needs_place", "municipality_id", "created_at", "id"),)

    id: uuid.UUID = id_field()
    created_at: datetime = created_field()
    municipality_id: uuid.UUID | None = Field(default=None, foreign_key="municipalities.id")
    # The interface language she used (ISO 639-1).
    language: str = Field(max_length=12, nullable=False)
    query: str = Field(default="", max_length=200, nullable=False)
    # The other filters of the search, as given (category, level, language…).
    filters: dict[str, Any] = json_field()
    message: str = Field(default="", sa_type=sa.Text, nullable=False)


class DirectoryDataTag(SQLModel, table=True):
    """One row whose ``tag`` changes with every write to what the public directory's answers are made
    of (services, locations and their links, organisations, municipalities, translation states), set
    by database triggers (directory_0010). A remembered answer (``api/directory/answers.py``) is
    served only while the tag is the one it was computed under; random, so a rolled-back write never
    brings an old tag back."""

    __tablename__ = "directory_data_tag"

    id: int = Field(default=1, primary_key=True)
    tag: int = Field(default=0, sa_type=sa.BigInteger, nullable=False)
