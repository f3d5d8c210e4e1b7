"""Derived indicators: the platform's own figures, computed from the domains' records.

Providers are found in every domain's ``derived`` module (``api.registry.modules("derived")``, see
:mod:`api.indicators.providers`). For each provider and year the engine asks for every place
(60 municipalities, 10 counties, Lithuania) and period (the provider's period types within the
year, up to today), checks the cells, protects small cells (:mod:`api.indicators.privacy`) and
replaces the provider's stored observations of that year: new cells are drafts, published cells
stay published with their new value, cells of a period still running are flagged provisional.
"""

from __future__ import annotations

import logging
import math
import uuid
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, select

from api import registry
from api.core.db import utcnow
from api.indicators import periods as P
from api.indicators import places, privacy
from api.indicators.analytics.rebuild import build_soon
from api.indicators.data.store import OBS, insert_rows
from api.indicators.definitions.logic import is_computed, rollup
from api.indicators.models import DerivationRun, IndicatorDefinition, ObservationChange
from api.indicators.providers import DerivedCell, Provider, Scope
from api.indicators.vocab import breakdown_key, dimensions

log = logging.getLogger("langelis.indicators.derive")
SYSTEM = "system:derive"


class DerivationError(ValueError):
    pass


def discover() -> list[Provider]:
    found: list[Provider] = []
    for _domain, module in registry.modules("derived"):
        found.extend(getattr(module, "providers", []))
    return found


def _check_cell(cell: DerivedCell, d: IndicatorDefinition, provider: Provider) -> dict[str, str]:
    dims = dimensions()
    where = f"provider for '{d.code}'"
    breakdowns = {}
    for name, value in dict(cell.breakdowns).items():
        if name not in d.breakdowns or name not in dims:
            raise DerivationError(f"{where}: breakdown '{name}' is not allowed for the indicator")
        if not isinstance(value, str) or not dims[name].allows(value):
            raise DerivationError(f"{where}: '{name}' value is not a code of the dimension")
        breakdowns[name] = value
    if cell.value is not None and (not isinstance(cell.value, int | float) or not math.isfinite(cell.value)):
        raise DerivationError(f"{where}: a value must be a finite number or None")
    if d.personal and cell.people is None:
        raise DerivationError(f"{where}: the indicator is personal, each cell needs its number of people")
    if cell.people is not None and (not isinstance(cell.people, int) or cell.people < 0):
        raise DerivationError(f"{where}: people must be a whole number ≥ 0")
    return breakdowns


def _periods(provider: Provider, year: int, today: date) -> list[P.Period]:
    kinds = [k for k in (P.YEAR, P.QUARTER, P.MONTH) if k in provider.period_types]
    if not kinds:
        raise DerivationError(f"provider for '{provider.indicator}' names no period type")
    whole = P.year(year)
    return [p for kind in kinds for p in whole.children(kind) if p.start <= today]


def compute(
    session: Session, provider: Provider, d: IndicatorDefinition, year: int, as_of: datetime
) -> dict[privacy.Key, privacy.CellValue]:
    geo = places.geography(session)
    every_place = [*geo.municipalities, *geo.counties, geo.country]
    cells: dict[privacy.Key, privacy.CellValue] = {}
    for period in _periods(provider, year, as_of.date()):
        for place in every_place:
            scope = Scope(place.code, place.members, period.code, period.start, period.end, as_of)
            for cell in provider.compute(session, scope):
                breakdowns = _check_cell(cell, d, provider)
                key = (place.code, period.code, breakdown_key(breakdowns)[0])
                if key in cells:
                    raise DerivationError(f"provider for '{d.code}': two cells for {key}")
                cells[key] = privacy.CellValue(
                    value=None if cell.value is None else float(cell.value),
                    people=cell.people,
                    breakdowns=breakdowns,
                )
    return cells


def store(
    session: Session,
    d: IndicatorDefinition,
    year: int,
    cells: dict[privacy.Key, privacy.CellValue],
    suppressed: set[privacy.Key],
    *,
    source: str,
    today: date,
) -> dict[str, int]:
    geo = places.geography(session)
    c = OBS.c
    existing = {
        (r.place, r.period, r.breakdown_key): r
        for r in session.execute(
            sa.select(
                c.id, c.place, c.period, c.breakdown_key, c.value, c.people, c.suppressed, c.provisional,
                c.status, c.municipality_id,
            ).where(
                c.indicator_id == d.id,
                c.derived.is_(True),
                c.period_start >= date(year, 1, 1),
                c.period_end <= date(year, 12, 31),
            )
        )
    }  # fmt: skip
    now = utcnow()
    inserts, updates, changes = [], [], []
    counts = {"cells": len(cells), "suppressed": len(suppressed), "created": 0, "updated": 0, "deleted": 0}
    for key, cell in cells.items():
        place, period_code, bkey = key
        period = P.parse(period_code)
        hidden = key in suppressed
        value = None if hidden else cell.value
        provisional = period.end >= today
        old = existing.pop(key, None)
        if old is None:
            pl = geo.by_code[place]
            _, bdims = breakdown_key(cell.breakdowns)
            inserts.append(
                {
                    "id": uuid.uuid4(), "indicator_id": d.id, "place": place, "place_level": pl.level,
                    "municipality_id": pl.municipality_id, "county": pl.county, "period": period.code,
                    "period_type": period.type, "period_rank": period.rank, "period_start": period.start,
                    "period_end": period.end, "breakdown_key": bkey, "breakdown_dims": bdims,
                    "breakdowns": cell.breakdowns, "value": value, "people": cell.people,
                    "provisional": provisional, "estimated": False, "break_in_series": False,
                    "suppressed": hidden, "status": "draft", "published_at": None, "derived": True,
                    "source": source, "import_id": None, "created_by": SYSTEM, "updated_by": SYSTEM,
                    "created_at": now, "updated_at": now,
                }
            )  # fmt: skip
            continue
        if (old.value, old.people, old.suppressed, old.provisional) == (
            value,
            cell.people,
            hidden,
            provisional,
        ):
            continue
        updates.append(
            {
                "_id": old.id, "value": value, "people": cell.people, "suppressed": hidden,
                "provisional": provisional, "updated_at": now, "updated_by": SYSTEM,
            }
        )  # fmt: skip
        changes.append(_change(d, key, old, value, "update", now))
    for key, old in existing.items():
        changes.append(_change(d, key, old, None, "delete", now))
    if inserts:
        insert_rows(session, inserts)
    if updates:
        stmt = (
            sa.update(OBS)
            .where(c.id == sa.bindparam("_id"))
            .values({k: sa.bindparam(k) for k in updates[0] if k != "_id"})
        )
        session.execute(stmt, updates, execution_options={"synchronize_session": False})
    if existing:
        session.execute(sa.delete(OBS).where(c.id.in_([o.id for o in existing.values()])))
    if changes:
        session.execute(sa.insert(ObservationChange.__table__), changes)  # type: ignore[attr-defined]
    counts.update(created=len(inserts), updated=len(updates), deleted=len(existing))
    return counts


def _change(
    d: IndicatorDefinition, key: privacy.Key, old: Any, new: float | None, action: str, now: datetime
) -> dict[str, Any]:
    return {
        "id": uuid.uuid4(), "at": now, "observation_id": old.id, "indicator_code": d.code, "place": key[0],
        "municipality_id": old.municipality_id, "period": key[1], "breakdown_key": key[2], "action": action,
        "old_value": old.value, "new_value": new, "old_flags": ["suppressed"] if old.suppressed else [],
        "new_flags": [], "actor_kind": "client", "actor_id": None, "actor_role": "system", "import_id": None,
    }  # fmt: skip


def derive(
    session: Session,
    *,
    years: Sequence[int],
    providers: Sequence[Provider] | None = None,
    as_of: datetime | None = None,
    trigger: str = "cli",
) -> DerivationRun:
    """Compute and store every provider's cells for the years given; one run record."""
    as_of = as_of or utcnow()
    chosen = list(providers) if providers is not None else discover()
    run = DerivationRun(trigger=trigger, status="running", years=sorted(set(years)), started_at=utcnow())
    defs = {x.code: x for x in session.exec(select(IndicatorDefinition)).all()}
    geo = places.geography(session)
    summary: dict[str, Any] = {}
    failed = False
    for provider in chosen:
        d = defs.get(provider.indicator)
        if d is None or is_computed(d):
            summary[provider.indicator] = {"error": "no such loaded indicator"}
            failed = True
            continue
        source = f"platform:{type(provider).__module__.split('.')[1] if '.' in type(provider).__module__ else 'test'}"
        per_year = {}
        try:
            with session.begin_nested():
                for year in sorted(set(years)):
                    cells = compute(session, provider, d, year, as_of)
                    hidden: set[privacy.Key] = set()
                    if d.personal:
                        hidden = privacy.protect(
                            cells,
                            geo=geo,
                            additive=rollup(d).places == "sum",
                            time_sum=d.aggregation == "SUM",
                        )
                    per_year[str(year)] = store(
                        session, d, year, cells, hidden, source=source, today=as_of.date()
                    )
        except DerivationError as exc:
            log.error("derivation failed", extra={"indicator": d.code, "error": str(exc)})
            summary[d.code] = {"error": str(exc)}
            failed = True
            continue
        summary[d.code] = per_year
    run.summary = summary
    run.status = "failed" if failed else "completed"
    run.finished_at = utcnow()
    session.add(run)
    session.flush()
    build_soon(session)
    return run
