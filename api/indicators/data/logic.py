"""Observations as loaded, their change history, and the imports: list, read, load a file."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlmodel import Session, col, select

from api.core.actor import Actor
from api.core.db import found
from api.core.errors import ProblemError, unprocessable
from api.core.pagination import PageParams, SortKey, finish, keyset
from api.indicators import periods, places
from api.indicators.analytics.rebuild import build_soon
from api.indicators.data.formats import FormatError
from api.indicators.data.importer import Importer
from api.indicators.data.schemas import ChangeRead, ImportRead, ImportSummary, ObservationRead
from api.indicators.definitions.logic import definitions_by_code
from api.indicators.models import IndicatorDefinition, IndicatorImport, Observation, ObservationChange
from api.indicators.scope import readable_changes, readable_imports, visible
from api.indicators.vocab import FLAG_NAMES, parse_key
from api.municipalities import logic as municipalities


def load(
    session: Session, *, actor: Actor, binary: Any, fmt: str, strategy: str, dry_run: bool, atomic: bool
) -> ImportSummary:
    """Load a file (a binary stream); a file that cannot be read at all is a 400/422 problem."""
    importer = Importer(session, actor=actor, fmt=fmt, strategy=strategy, dry_run=dry_run, atomic=atomic)
    try:
        summary = importer.run(binary)
    except FormatError as exc:
        raise ProblemError(exc.status, str(exc), slug="bad-import-file") from exc
    if summary.status == "rejected":
        raise ProblemError(
            409,
            f"{summary.conflict_count} conflict(s): nothing was loaded (atomic import).",
            slug="import-rejected",
            title="Import rejected",
            summary=summary.model_dump(mode="json"),
        )
    if not dry_run and (summary.imported or summary.updated or summary.deleted):
        build_soon(session)
    return summary


# What the read models answer as stored; the rest is worked out where they are built.
_OBSERVATION_AS_STORED = set(ObservationRead.model_fields) - {"indicator", "value", "flags"}
_CHANGE_AS_STORED = set(ChangeRead.model_fields) - {"indicator", "breakdowns"}


def flags_of(o: Any) -> list[str]:
    return [f for f in FLAG_NAMES if getattr(o, f)]


@dataclass(frozen=True)
class Wanted:
    """Which observations a list shows: an indicator, places and periods (comma-separated codes,
    selections, ranges or relative periods), a status; None is any."""

    indicator: str | None = None
    place: str | None = None
    period: str | None = None
    status: str | None = None


def list_observations(
    session: Session, *, actor: Actor, params: PageParams, wanted: Wanted, today: date
) -> tuple[list[ObservationRead], str | None]:
    defs = definitions_by_code(session, actor=actor)
    table = Observation.__table__  # type: ignore[attr-defined]
    stmt = select(Observation, IndicatorDefinition.code).join(
        IndicatorDefinition, col(IndicatorDefinition.id) == col(Observation.indicator_id)
    )
    stmt = stmt.where(col(IndicatorDefinition.code).in_(list(defs)))
    condition = visible(actor, table)
    if condition is not None:
        stmt = stmt.where(condition)
    if wanted.indicator:
        if wanted.indicator not in defs:
            raise _unknown("indicator", [wanted.indicator])
        stmt = stmt.where(Observation.indicator_id == defs[wanted.indicator].id)
    if wanted.place:
        geo = places.geography(session)
        try:
            chosen = geo.select_all([p for p in wanted.place.split(",") if p])
        except places.PlaceError as exc:
            raise _unknown("place", str(exc).split(", ")) from exc
        stmt = stmt.where(col(Observation.place).in_([p.code for p in chosen]))
    if wanted.period:
        try:
            chosen_periods = periods.expand_all([p for p in wanted.period.split(",") if p], today)
        except periods.PeriodError as exc:
            raise unprocessable(
                str(exc), errors=[{"loc": ["query", "period"], "msg": str(exc), "type": "value_error"}]
            ) from exc
        stmt = stmt.where(col(Observation.period).in_([p.code for p in chosen_periods]))
    if wanted.status:
        stmt = stmt.where(Observation.status == wanted.status)
    keys = [
        SortKey(Observation.indicator_id),
        SortKey(Observation.period),
        SortKey(Observation.place),
        SortKey(Observation.breakdown_key),
    ]
    rows = list(session.exec(keyset(stmt, keys=keys, params=params)).all())
    page, cursor = finish(
        rows,
        params=params,
        key_of=lambda r: [r[0].indicator_id, r[0].period, r[0].place, r[0].breakdown_key],
    )
    items = [
        ObservationRead(
            **{name: getattr(o, name) for name in _OBSERVATION_AS_STORED},
            indicator=code,
            value=None if o.suppressed else o.value,
            flags=flags_of(o),
        )
        for o, code in page
    ]
    return items, cursor


def _unknown(field: str, codes: Sequence[str]) -> ProblemError:
    return unprocessable(
        f"Unknown {field} code(s): {', '.join(codes)}.",
        errors=[
            {"loc": ["query", field], "msg": f"unknown {field} '{c}'", "type": "unknown_code"} for c in codes
        ],
    )


def list_changes(
    session: Session,
    *,
    actor: Actor,
    params: PageParams,
    indicator: str | None,
    place: str | None,
) -> tuple[list[ChangeRead], str | None]:
    stmt = readable_changes(actor)
    if indicator:
        stmt = stmt.where(ObservationChange.indicator_code == indicator)
    if place:
        stmt = stmt.where(ObservationChange.place == place)
    keys = [SortKey(ObservationChange.at, descending=True), SortKey(ObservationChange.id, descending=True)]
    rows = list(session.exec(keyset(stmt, keys=keys, params=params, sort_name="-at")).all())
    page, cursor = finish(rows, params=params, key_of=lambda c: [c.at, c.id], sort_name="-at")
    return [
        ChangeRead(
            **{name: getattr(c, name) for name in _CHANGE_AS_STORED},
            indicator=c.indicator_code,
            breakdowns=parse_key(c.breakdown_key),
        )
        for c in page
    ], cursor


def import_to_read(session: Session, imp: IndicatorImport) -> ImportRead:
    slug = municipalities.get(session, imp.municipality_id).slug if imp.municipality_id else None
    return ImportRead.model_validate({**imp.model_dump(), "dry_run": False, "municipality": slug})


def list_imports(
    session: Session, *, actor: Actor, params: PageParams
) -> tuple[list[IndicatorImport], str | None]:
    keys = [
        SortKey(IndicatorImport.started_at, descending=True),
        SortKey(IndicatorImport.id, descending=True),
    ]
    stmt = keyset(readable_imports(actor), keys=keys, params=params, sort_name="-started_at")
    rows = list(session.exec(stmt).all())
    return finish(rows, params=params, key_of=lambda i: [i.started_at, i.id], sort_name="-started_at")


def get_import(session: Session, *, actor: Actor, import_id: uuid.UUID) -> IndicatorImport:
    return found(session, readable_imports(actor).where(IndicatorImport.id == import_id), "import")
