"""Indicator tables: definitions, observations, their change history, imports and derivation runs."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

import api.core.db  # noqa: F401  (naming convention before any table)
from api.core.db import UTCDateTime, created_field, id_field, json_field, ts_field, updated_field


class IndicatorDefinition(SQLModel, table=True):
    __tablename__ = "indicator_definitions"
    __table_args__ = (sa.CheckConstraint("aggregation IN ('SUM','AVERAGE','LAST')", name="aggregation"),)

    id: uuid.UUID = id_field()
    code: str = Field(max_length=64, unique=True, nullable=False)
    name: dict[str, str] = json_field()
    description: dict[str, str] = json_field()
    domain: str = Field(max_length=40, nullable=False, index=True)
    unit: str = Field(max_length=30, nullable=False)
    aggregation: str = Field(max_length=10, nullable=False)
    source_kind: str = Field(max_length=20, nullable=False)
    source: str | None = Field(default=None, max_length=300)
    breakdowns: list[str] = json_field(list)
    is_public: bool = Field(default=True, nullable=False)
    # Computed from people's records: cells of fewer than 5 people are suppressed.
    personal: bool = Field(default=False, nullable=False)
    numerator: str | None = Field(default=None, max_length=64)
    denominator: str | None = Field(default=None, max_length=64)
    factor: float | None = None
    decimals: int = Field(default=1, nullable=False)
    note: str | None = Field(default=None, sa_type=sa.Text)
    version: int = Field(default=1, nullable=False)
    created_at: datetime = created_field()
    updated_at: datetime = updated_field()


class Observation(SQLModel, table=True):
    """One value for one indicator, place, period and set of breakdown values.

    ``breakdown_key`` is the canonical form of the breakdown values (``""`` for the total,
    ``"age_group=25-44|sex=female"``); ``breakdown_dims`` lists their dimensions (``"age_group,sex"``).
    ``people`` (how many people are behind the value) is kept for privacy rules and never shown.
    """

    __tablename__ = "indicator_observations"
    __table_args__ = (
        sa.UniqueConstraint("indicator_id", "period", "place", "breakdown_key"),
        sa.Index("ix_indicator_observations_analytics", "indicator_id", "breakdown_dims", "period_start"),
        sa.CheckConstraint("status IN ('draft','published')", name="status"),
    )

    id: uuid.UUID = id_field()
    # No foreign key: checked once per inserted row, it was a third of a bulk load's time. Writers
    # lock the definitions they write for (data/store.py lock_definitions) and a definition is
    # deleted only without observations, checked under its own lock (migration indicators_0005).
    indicator_id: uuid.UUID = Field(nullable=False)
    place: str = Field(max_length=80, nullable=False)
    place_level: str = Field(max_length=12, nullable=False)
    # No foreign key or index: the importer resolves the place against the (immutable) municipalities,
    # and a per-row FK check would halve the speed of bulk loads. Tenancy filters go with indicator_id.
    municipality_id: uuid.UUID | None = Field(default=None)
    county: str | None = Field(default=None, max_length=40)
    period: str = Field(max_length=10, nullable=False)
    period_type: str = Field(max_length=8, nullable=False)
    period_rank: int = Field(nullable=False)
    period_start: date = Field(nullable=False)
    period_end: date = Field(nullable=False)
    breakdown_key: str = Field(default="", max_length=400, nullable=False)
    breakdown_dims: str = Field(default="", max_length=200, nullable=False)
    breakdowns: dict[str, str] = json_field()
    value: float | None = None
    people: int | None = None
    provisional: bool = Field(default=False, nullable=False)
    estimated: bool = Field(default=False, nullable=False)
    break_in_series: bool = Field(default=False, nullable=False)
    suppressed: bool = Field(default=False, nullable=False)
    status: str = Field(default="draft", max_length=10, nullable=False)
    published_at: datetime | None = ts_field()
    derived: bool = Field(default=False, nullable=False)
    source: str | None = Field(default=None, max_length=300)
    import_id: uuid.UUID | None = Field(default=None)
    created_by: str | None = Field(default=None, max_length=80)
    updated_by: str | None = Field(default=None, max_length=80)
    created_at: datetime = created_field()
    updated_at: datetime = updated_field()


class ObservationChange(SQLModel, table=True):
    """The history of every value changed or deleted: old value, new value, who, when."""

    __tablename__ = "indicator_observation_changes"
    __table_args__ = (sa.Index("ix_indicator_observation_changes_indicator_at", "indicator_code", "at"),)

    id: uuid.UUID = id_field()
    at: datetime = created_field()
    observation_id: uuid.UUID = Field(nullable=False, index=True)
    indicator_code: str = Field(max_length=64, nullable=False)
    place: str = Field(max_length=80, nullable=False)
    municipality_id: uuid.UUID | None = Field(default=None)
    period: str = Field(max_length=10, nullable=False)
    breakdown_key: str = Field(default="", max_length=400, nullable=False)
    action: str = Field(max_length=12, nullable=False)
    old_value: float | None = None
    new_value: float | None = None
    old_flags: list[str] = json_field(list)
    new_flags: list[str] = json_field(list)
    actor_kind: str = Field(max_length=20, nullable=False)
    actor_id: str | None = Field(default=None, max_length=64)
    actor_role: str | None = Field(default=None, max_length=30)
    import_id: uuid.UUID | None = Field(default=None)


class IndicatorImport(SQLModel, table=True):
    __tablename__ = "indicator_imports"
    __table_args__ = (sa.Index("ix_indicator_imports_started", "started_at", "id"),)

    id: uuid.UUID = id_field()
    actor_kind: str = Field(max_length=20, nullable=False)
    actor_id: str | None = Field(default=None, max_length=64, index=True)
    municipality_id: uuid.UUID | None = Field(default=None, foreign_key="municipalities.id", index=True)
    format: str = Field(max_length=12, nullable=False)
    strategy: str = Field(max_length=20, nullable=False)
    atomic: bool = Field(default=False, nullable=False)
    status: str = Field(max_length=12, nullable=False)
    rows: int = Field(default=0, nullable=False)
    imported: int = Field(default=0, nullable=False)
    updated: int = Field(default=0, nullable=False)
    ignored: int = Field(default=0, nullable=False)
    deleted: int = Field(default=0, nullable=False)
    conflict_count: int = Field(default=0, nullable=False)
    conflicts: list[dict[str, Any]] = json_field(list)
    started_at: datetime = created_field()
    finished_at: datetime | None = ts_field()


class DerivationRun(SQLModel, table=True):
    __tablename__ = "indicator_derivation_runs"

    id: uuid.UUID = id_field()
    trigger: str = Field(max_length=20, nullable=False)
    status: str = Field(max_length=12, nullable=False)
    years: list[int] = json_field(list)
    summary: dict[str, Any] = json_field()
    started_at: datetime = created_field()
    finished_at: datetime | None = ts_field(index=True)


class JobLock(SQLModel, table=True):
    """A lease: whoever holds an unexpired row runs the job; other replicas skip it."""

    __tablename__ = "indicator_job_locks"

    name: str = Field(primary_key=True, max_length=60)
    holder: str = Field(max_length=100, nullable=False)
    acquired_at: datetime = Field(sa_type=UTCDateTime, nullable=False)
    expires_at: datetime = Field(sa_type=UTCDateTime, nullable=False)


class IndicatorDataTag(SQLModel, table=True):
    """One row whose ``tag`` changes with every write to what analytics answers are made of
    (observations, definitions, municipalities), set by database triggers (indicators_0003).

    A remembered answer is served only while the tag is the one it was computed under. The tag is
    random rather than a counter, so a write rolled back never brings an old tag back for new data.
    """

    __tablename__ = "indicator_data_tag"

    id: int = Field(default=1, primary_key=True)
    tag: int = Field(default=0, sa_type=sa.BigInteger, nullable=False)


class AnalyticsCell(SQLModel, table=True):
    """One cell of published data kept ready for analytics (DHIS2's analytics tables): what the time
    and place roll-ups of :mod:`api.indicators.analytics.sql` give for one indicator, breakdown
    dimensions, period (every year, quarter and month of the data's years), place (every municipality,
    county and Lithuania) and breakdown key. ``direct``: 1 for a place's own cell (a value loaded for
    a county or Lithuania among them), 0 for a county's or Lithuania's roll-up of its municipalities.
    Built by :mod:`api.indicators.analytics.cells`; used only under the data tag it was built from."""

    __tablename__ = "indicator_analytics_cells"

    indicator_id: uuid.UUID = Field(primary_key=True)
    breakdown_dims: str = Field(primary_key=True, max_length=200)
    period: str = Field(primary_key=True, max_length=10)
    place: str = Field(primary_key=True, max_length=80)
    breakdown_key: str = Field(primary_key=True, max_length=400)
    direct: int = Field(primary_key=True)
    value: float | None = None
    suppressed: int = Field(default=0, nullable=False)
    draft: int = Field(default=0, nullable=False)
    provisional: int = Field(default=0, nullable=False)
    estimated: int = Field(default=0, nullable=False)
    break_in_series: int = Field(default=0, nullable=False)


class AnalyticsCellsBuilt(SQLModel, table=True):
    """The data tag (:class:`IndicatorDataTag`) the ready cells of one indicator and breakdown
    dimensions were built under, and whether any of its observations was a draft then."""

    __tablename__ = "indicator_analytics_built"

    indicator_id: uuid.UUID = Field(primary_key=True)
    breakdown_dims: str = Field(primary_key=True, max_length=200)
    tag: int = Field(sa_type=sa.BigInteger, nullable=False)
    # PostgreSQL: the building transaction's own mark of uncommitted writes (indicators_0003), if any.
    mark: int | None = Field(default=None, sa_type=sa.BigInteger)
    drafts: bool = Field(default=False, nullable=False)
    cells: int = Field(default=0, nullable=False)
    built_at: datetime = Field(sa_type=UTCDateTime, nullable=False)
