"""Indicator definitions, observation listings, change history, imports list, publishing."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from api.core import audit
from api.core.actor import Actor
from api.core.db import utcnow
from api.core.errors import ProblemError, conflict, not_found, unprocessable
from api.core.i18n import Locale
from api.core.pagination import PageParams, SortKey, finish, keyset
from api.indicators import access, periods, places
from api.indicators.models import IndicatorDefinition, IndicatorImport, Observation, ObservationChange
from api.indicators.schemas import (
    ADDITIVE_UNITS,
    ChangeRead,
    Conflict,
    DefinitionCreate,
    DefinitionRead,
    DefinitionUpdate,
    ImportRead,
    ObservationRead,
    PublishRequest,
    Rollup,
)
from api.indicators.vocab import parse_key
from api.municipalities import logic as municipalities

FLAGS = ("provisional", "estimated", "break_in_series", "suppressed")


# --- definitions ----------------------------------------------------------------------------------


def rollup(d: IndicatorDefinition) -> Rollup:
    time = {"SUM": "sum", "AVERAGE": "average", "LAST": "last"}[d.aggregation]
    if d.aggregation == "SUM" or (d.aggregation == "LAST" and d.unit in ADDITIVE_UNITS):
        return Rollup(time=time, places="sum")
    return Rollup(time=time, places="average")


def is_computed(d: IndicatorDefinition) -> bool:
    return d.numerator is not None


def to_read(d: IndicatorDefinition, locale: Locale) -> DefinitionRead:
    return DefinitionRead(
        code=d.code,
        name=locale.text(d.name),
        description=locale.text(d.description) if d.description else None,
        domain=d.domain,
        unit=d.unit,
        aggregation=d.aggregation,
        rollup=rollup(d),
        source_kind=d.source_kind,
        source=d.source,
        breakdowns=list(d.breakdowns),
        is_public=d.is_public,
        personal=d.personal,
        computed=is_computed(d),
        numerator=d.numerator,
        denominator=d.denominator,
        factor=d.factor,
        decimals=d.decimals,
        note=d.note,
        version=d.version,
        created_at=d.created_at,
        updated_at=d.updated_at,
    )


def readable_definitions(actor: Actor) -> Any:
    stmt = select(IndicatorDefinition)
    if not access.sees_restricted(actor):
        stmt = stmt.where(col(IndicatorDefinition.is_public).is_(True))
    return stmt


def list_definitions(
    session: Session,
    *,
    actor: Actor,
    params: PageParams,
    domain: str | None = None,
    source_kind: str | None = None,
    computed: bool | None = None,
    q: str | None = None,
) -> tuple[list[IndicatorDefinition], str | None]:
    stmt = readable_definitions(actor)
    if domain:
        stmt = stmt.where(IndicatorDefinition.domain == domain)
    if source_kind:
        stmt = stmt.where(IndicatorDefinition.source_kind == source_kind)
    if computed is not None:
        column = col(IndicatorDefinition.numerator)
        stmt = stmt.where(column.is_not(None) if computed else column.is_(None))
    if q:
        from api.core.i18n import normalize

        needle = normalize(q)
        every = session.exec(readable_definitions(actor)).all()
        matching = [
            d.code
            for d in every
            if needle in normalize(" ".join([d.code, *d.name.values(), *(d.description or {}).values()]))
        ]
        stmt = stmt.where(col(IndicatorDefinition.code).in_(matching))
    keys = [SortKey(IndicatorDefinition.code)]
    rows = list(session.exec(keyset(stmt, keys=keys, params=params)).all())
    return finish(rows, params=params, key_of=lambda d: [d.code])


def get_definition(session: Session, *, actor: Actor, code: str) -> IndicatorDefinition:
    found = session.exec(readable_definitions(actor).where(IndicatorDefinition.code == code)).first()
    if found is None:
        raise not_found("indicator")
    return found


def definitions_by_code(session: Session, *, actor: Actor) -> dict[str, IndicatorDefinition]:
    return {d.code: d for d in session.exec(readable_definitions(actor)).all()}


def _check_computed(session: Session, d: IndicatorDefinition) -> None:
    parts = (d.numerator, d.denominator)
    if parts == (None, None):
        if d.source_kind == "computed":
            raise unprocessable(
                "A computed indicator needs a numerator and a denominator.",
                errors=[{"loc": ["body", "numerator"], "msg": "required when computed", "type": "missing"}],
            )
        return
    if None in parts:
        raise unprocessable(
            "Give both numerator and denominator, or neither.",
            errors=[{"loc": ["body", "denominator"], "msg": "numerator and denominator", "type": "missing"}],
        )
    errors = []
    found = {
        x.code: x
        for x in session.exec(
            select(IndicatorDefinition).where(col(IndicatorDefinition.code).in_(parts))
        ).all()
    }
    for name, code in (("numerator", d.numerator), ("denominator", d.denominator)):
        other = found.get(code or "")
        if other is None:
            errors.append(
                {"loc": ["body", name], "msg": f"unknown indicator '{code}'", "type": "unknown_code"}
            )
        elif is_computed(other) or other.code == d.code:
            errors.append({"loc": ["body", name], "msg": "must be a loaded indicator", "type": "value_error"})
        elif not set(d.breakdowns) <= set(other.breakdowns):
            errors.append(
                {
                    "loc": ["body", "breakdowns"],
                    "msg": f"'{code}' does not allow {sorted(set(d.breakdowns) - set(other.breakdowns))}",
                    "type": "value_error",
                }
            )
    if errors:
        raise unprocessable("The computed indicator is not valid.", errors=errors)
    d.source_kind = "computed"
    if d.factor is None:
        d.factor = 1.0


def create_definition(session: Session, *, actor: Actor, data: DefinitionCreate) -> IndicatorDefinition:
    if session.exec(select(IndicatorDefinition).where(IndicatorDefinition.code == data.code)).first():
        raise conflict(f"An indicator with the code '{data.code}' exists.", slug="duplicate-code")
    d = IndicatorDefinition(**data.model_dump())
    d.breakdowns = sorted(set(data.breakdowns))
    _check_computed(session, d)
    session.add(d)
    session.flush()
    audit.record(session, actor=actor, action="create", record_type="indicator", record_id=d.id)
    return d


def _has_observations(session: Session, d: IndicatorDefinition) -> bool:
    return (
        session.exec(select(Observation.id).where(Observation.indicator_id == d.id).limit(1)).first()
        is not None
    )


def update_definition(
    session: Session, *, actor: Actor, d: IndicatorDefinition, data: DefinitionUpdate
) -> IndicatorDefinition:
    changes = data.model_dump(exclude_unset=True)
    for key in ("name", "domain", "unit", "aggregation", "source_kind", "is_public", "personal", "decimals"):
        if key in changes and changes[key] is None:
            changes.pop(key)
    if "breakdowns" in changes:
        new = sorted(set(changes["breakdowns"] or []))
        removed = set(d.breakdowns) - set(new)
        if removed and _has_observations(session, d):
            used = session.exec(
                select(Observation.breakdown_dims).where(Observation.indicator_id == d.id).distinct()
            ).all()
            in_use = sorted({dim for dims in used for dim in dims.split(",") if dim} & removed)
            if in_use:
                raise conflict(
                    f"Observations use the breakdown(s) {in_use}; delete them before removing it.",
                    slug="breakdown-in-use",
                )
        changes["breakdowns"] = new
    for key, value in changes.items():
        setattr(d, key, value)
    _check_computed(session, d)
    d.version += 1
    d.updated_at = utcnow()
    session.add(d)
    audit.record(
        session,
        actor=actor,
        action="update",
        record_type="indicator",
        record_id=d.id,
        details={"fields": sorted(changes)},
    )
    return d


def delete_definition(session: Session, *, actor: Actor, d: IndicatorDefinition) -> None:
    if _has_observations(session, d):
        raise conflict("The indicator has observations; delete them first.", slug="indicator-in-use")
    users = session.exec(
        select(IndicatorDefinition.code).where(
            sa.or_(
                col(IndicatorDefinition.numerator) == d.code, col(IndicatorDefinition.denominator) == d.code
            )
        )
    ).all()
    if users:
        raise conflict(f"Computed indicators use it: {', '.join(users)}.", slug="indicator-in-use")
    audit.record(session, actor=actor, action="delete", record_type="indicator", record_id=d.id)
    session.delete(d)


# --- observations ---------------------------------------------------------------------------------


def flags_of(o: Any) -> list[str]:
    return [f for f in FLAGS if getattr(o, f)]


def list_observations(
    session: Session,
    *,
    actor: Actor,
    params: PageParams,
    indicator: str | None,
    place: str | None,
    period: str | None,
    status: str | None,
    today: date,
) -> tuple[list[ObservationRead], str | None]:
    defs = definitions_by_code(session, actor=actor)
    table = Observation.__table__  # type: ignore[attr-defined]
    stmt = select(Observation, IndicatorDefinition.code).join(
        IndicatorDefinition, col(IndicatorDefinition.id) == col(Observation.indicator_id)
    )
    stmt = stmt.where(col(IndicatorDefinition.code).in_(list(defs)))
    condition = access.visible(actor, table)
    if condition is not None:
        stmt = stmt.where(condition)
    if indicator:
        if indicator not in defs:
            raise _unknown("indicator", [indicator])
        stmt = stmt.where(Observation.indicator_id == defs[indicator].id)
    if place:
        geo = places.geography(session)
        try:
            chosen = geo.select_all([p for p in place.split(",") if p])
        except places.PlaceError as exc:
            raise _unknown("place", str(exc).split(", ")) from exc
        stmt = stmt.where(col(Observation.place).in_([p.code for p in chosen]))
    if period:
        try:
            chosen_periods = periods.expand_all([p for p in period.split(",") if p], today)
        except periods.PeriodError as exc:
            raise unprocessable(
                str(exc), errors=[{"loc": ["query", "period"], "msg": str(exc), "type": "value_error"}]
            ) from exc
        stmt = stmt.where(col(Observation.period).in_([p.code for p in chosen_periods]))
    if status:
        stmt = stmt.where(Observation.status == status)
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
            indicator=code,
            place=o.place,
            period=o.period,
            breakdowns=dict(o.breakdowns),
            value=None if o.suppressed else o.value,
            flags=flags_of(o),
            status=o.status,
            published_at=o.published_at,
            derived=o.derived,
            source=o.source,
            updated_at=o.updated_at,
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
    stmt = select(ObservationChange)
    mine = access.tenant(actor)
    if mine is not None:
        stmt = stmt.where(ObservationChange.municipality_id == mine)
    if indicator:
        stmt = stmt.where(ObservationChange.indicator_code == indicator)
    if place:
        stmt = stmt.where(ObservationChange.place == place)
    keys = [SortKey(ObservationChange.at, descending=True), SortKey(ObservationChange.id, descending=True)]
    rows = list(session.exec(keyset(stmt, keys=keys, params=params, sort_name="-at")).all())
    page, cursor = finish(rows, params=params, key_of=lambda c: [c.at, c.id], sort_name="-at")
    return [
        ChangeRead(
            at=c.at,
            indicator=c.indicator_code,
            place=c.place,
            period=c.period,
            breakdowns=parse_key(c.breakdown_key),
            action=c.action,
            old_value=c.old_value,
            new_value=c.new_value,
            old_flags=list(c.old_flags),
            new_flags=list(c.new_flags),
            actor_kind=c.actor_kind,
            actor_id=c.actor_id,
            actor_role=c.actor_role,
            import_id=c.import_id,
        )
        for c in page
    ], cursor


# --- imports --------------------------------------------------------------------------------------


def readable_imports(actor: Actor) -> Any:
    stmt = select(IndicatorImport)
    mine = access.tenant(actor)
    if mine is not None:
        stmt = stmt.where(IndicatorImport.municipality_id == mine)
    return stmt


def import_to_read(session: Session, imp: IndicatorImport) -> ImportRead:
    slug = municipalities.get(session, imp.municipality_id).slug if imp.municipality_id else None
    return ImportRead(
        id=imp.id,
        status=imp.status,
        dry_run=False,
        atomic=imp.atomic,
        strategy=imp.strategy,
        format=imp.format,
        rows=imp.rows,
        imported=imp.imported,
        updated=imp.updated,
        ignored=imp.ignored,
        deleted=imp.deleted,
        conflict_count=imp.conflict_count,
        conflicts=[Conflict(**c) for c in imp.conflicts],
        actor_kind=imp.actor_kind,
        municipality=slug,
        started_at=imp.started_at,
        finished_at=imp.finished_at,
    )


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
    found = session.exec(readable_imports(actor).where(IndicatorImport.id == import_id)).first()
    if found is None:
        raise not_found("import")
    return found


# --- publishing -----------------------------------------------------------------------------------


def publish(session: Session, *, actor: Actor, data: PublishRequest, publish: bool, today: date) -> int:
    """Publish (or withdraw) every observation of the sets (indicator × place × period).

    A period covers its sub-periods: publishing ``2024`` publishes 2024, its quarters and months.
    """
    defs = definitions_by_code(session, actor=actor)
    unknown = [c for c in data.indicators if c not in defs]
    if unknown:
        raise _unknown_body("indicators", unknown)
    computed = [c for c in data.indicators if is_computed(defs[c])]
    if computed:
        raise unprocessable(
            "Computed indicators have no observations of their own: publish their numerator and denominator.",
            errors=[
                {"loc": ["body", "indicators"], "msg": f"computed '{c}'", "type": "value_error"}
                for c in computed
            ],
        )
    geo = places.geography(session)
    try:
        chosen = geo.select_all(data.places)
    except places.PlaceError as exc:
        raise _unknown_body("places", str(exc).split(", ")) from exc
    outside = [p.code for p in chosen if not access.place_allowed(actor, p)]
    if outside:
        raise ProblemError(
            403,
            f"You may publish data of your own municipality only, not: {', '.join(outside)}.",
            slug="forbidden",
        )
    try:
        chosen_periods = periods.expand_all(data.periods, today)
    except periods.PeriodError as exc:
        raise unprocessable(
            str(exc), errors=[{"loc": ["body", "periods"], "msg": str(exc), "type": "value_error"}]
        ) from exc
    period_match = sa.or_(
        *[
            sa.and_(
                col(Observation.period_start) >= p.start,
                col(Observation.period_end) <= p.end,
                col(Observation.period_rank) >= p.rank,
            )
            for p in chosen_periods
        ]
    )
    now = utcnow()
    stmt = (
        sa.update(Observation)
        .where(col(Observation.indicator_id).in_([defs[c].id for c in data.indicators]))
        .where(col(Observation.place).in_([p.code for p in chosen]))
        .where(period_match)
        .where(col(Observation.status) == ("draft" if publish else "published"))
        .values(
            status="published" if publish else "draft",
            published_at=now if publish else None,
            updated_at=now,
        )
        .execution_options(synchronize_session=False)
    )
    count = session.execute(stmt).rowcount  # type: ignore[attr-defined]
    audit.record(
        session,
        actor=actor,
        action="publish" if publish else "unpublish",
        record_type="indicator_set",
        record_id=",".join(data.indicators)[:64],
        municipality_id=access.tenant(actor),
        details={
            "indicators": data.indicators,
            "places": [p.code for p in chosen][:100],
            "periods": [p.code for p in chosen_periods][:100],
            "observations": count,
        },
    )
    return int(count or 0)


def _unknown_body(field: str, codes: Sequence[str]) -> ProblemError:
    return unprocessable(
        f"Unknown {field}: {', '.join(codes)}.",
        errors=[{"loc": ["body", field], "msg": f"unknown '{c}'", "type": "unknown_code"} for c in codes],
    )
