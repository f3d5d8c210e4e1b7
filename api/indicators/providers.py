"""The interface other domains implement to feed derived indicators (``api/<domain>/derived.py``).

A domain's ``derived.py`` exposes ``providers``: a list of objects with

* ``indicator``: the code of the indicator definition it fills (e.g. ``"referrals_completed"``);
* ``period_types``: the kinds of period to compute, among ``"year"``, ``"quarter"``, ``"month"``;
* ``compute(session, scope)``: the cells of one place and one period.

``scope.municipality_ids`` is the place: one municipality, the municipalities of a county, or all
of Lithuania. The provider counts its records in those municipalities between ``scope.start`` and
``scope.end`` (inclusive dates; ignore records after ``scope.as_of``) and returns
:class:`DerivedCell` s: the total (no breakdowns) and, if it can, one cell per breakdown value.
For an indicator marked ``personal`` each cell must say how many distinct people are behind it.

The engine (:mod:`api.indicators.derivation`) does the rest: every place and period, validation of
codes (a breakdown value must be a code from the dimension's list, so no identifier can pass),
small-cell and complementary suppression, storing, and the change history.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Protocol, runtime_checkable

from sqlmodel import Session


@dataclass(frozen=True)
class Scope:
    place: str  # place code, e.g. "vilniaus-m", "county-kaunas", "LT" (for logs)
    municipality_ids: frozenset[uuid.UUID]
    period: str  # e.g. "2025Q1"
    start: date
    end: date  # inclusive
    as_of: datetime  # when the run started (timezone-aware)

    def bounds(self) -> tuple[datetime, datetime]:
        """The period as instants ``[start, end)`` in UTC; the end is capped at ``as_of``, so a
        period still running counts only what existed when the run started."""
        start = datetime.combine(self.start, time.min, tzinfo=UTC)
        end = datetime.combine(self.end + timedelta(days=1), time.min, tzinfo=UTC)
        return start, min(end, self.as_of)


@dataclass(frozen=True)
class DerivedCell:
    value: float | None
    people: int | None = None
    breakdowns: Mapping[str, str] = field(default_factory=dict)


@runtime_checkable
class Provider(Protocol):
    indicator: str
    period_types: tuple[str, ...]

    def compute(self, session: Session, scope: Scope) -> Iterable[DerivedCell]: ...
