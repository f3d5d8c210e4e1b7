"""Indicator definitions: read, create (a computed one checked against its parts), change, delete."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from api.core import audit
from api.core.actor import Actor
from api.core.conditional import IfMatch, claim
from api.core.db import found, utcnow
from api.core.errors import conflict, unprocessable
from api.core.i18n import Locale, normalize
from api.core.pagination import PageParams, SortKey, finish, keyset
from api.core.translatable import WithTranslationStatus
from api.core.translation_status import text_meta
from api.indicators.analytics.rebuild import build_soon
from api.indicators.definitions.schemas import (
    ADDITIVE_UNITS,
    DefinitionCreate,
    DefinitionRead,
    DefinitionUpdate,
    Rollup,
)
from api.indicators.models import IndicatorDefinition, Observation
from api.indicators.scope import readable_definitions


def rollup(d: IndicatorDefinition) -> Rollup:
    time = {"SUM": "sum", "AVERAGE": "average", "LAST": "last"}[d.aggregation]
    if d.aggregation == "SUM" or (d.aggregation == "LAST" and d.unit in ADDITIVE_UNITS):
        return Rollup(time=time, places="sum")
    return Rollup(time=time, places="average")


def is_computed(d: IndicatorDefinition) -> bool:
    return d.numerator is not None


# What a definition answers as stored; the rest is worked out by ``to_read``.
_WORKED_OUT = {"name", "description", "rollup", "breakdowns", "computed"}
_AS_STORED = set(DefinitionRead.model_fields) - set(WithTranslationStatus.model_fields) - _WORKED_OUT


def to_read(d: IndicatorDefinition, locale: Locale, session: Session | None = None) -> DefinitionRead:
    """``session`` adds the translation status when ``translations=all`` asks for it."""
    return DefinitionRead(
        **text_meta(session, d, locale),
        **{name: getattr(d, name) for name in _AS_STORED},
        name=locale.text(d.name),
        description=locale.text(d.description) if d.description else None,
        rollup=rollup(d),
        breakdowns=list(d.breakdowns),
        computed=is_computed(d),
    )


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
    return found(session, readable_definitions(actor).where(IndicatorDefinition.code == code), "indicator")


def definitions_by_code(session: Session, *, actor: Actor) -> dict[str, IndicatorDefinition]:
    return {d.code: d for d in session.exec(readable_definitions(actor)).all()}


def _invalid(field: str, msg: str, kind: str = "value_error") -> dict[str, Any]:
    """One entry of a 422's ``errors``, about a field of the body."""
    return {"loc": ["body", field], "msg": msg, "type": kind}


def _check_computed(session: Session, d: IndicatorDefinition) -> None:
    parts = (d.numerator, d.denominator)
    if parts == (None, None):
        if d.source_kind == "computed":
            raise unprocessable(
                "A computed indicator needs a numerator and a denominator.",
                errors=[_invalid("numerator", "required when computed", "missing")],
            )
        return
    if None in parts:
        raise unprocessable(
            "Give both numerator and denominator, or neither.",
            errors=[_invalid("denominator", "numerator and denominator", "missing")],
        )
    errors = []
    known = {
        x.code: x
        for x in session.exec(
            select(IndicatorDefinition).where(col(IndicatorDefinition.code).in_(parts))
        ).all()
    }
    for name, code in (("numerator", d.numerator), ("denominator", d.denominator)):
        other = known.get(code or "")
        if other is None:
            errors.append(_invalid(name, f"unknown indicator '{code}'", "unknown_code"))
        elif is_computed(other) or other.code == d.code:
            errors.append(_invalid(name, "must be a loaded indicator"))
        elif not set(d.breakdowns) <= set(other.breakdowns):
            extra = sorted(set(d.breakdowns) - set(other.breakdowns))
            errors.append(_invalid("breakdowns", f"'{code}' does not allow {extra}"))
    if errors:
        raise unprocessable("The computed indicator is not valid.", errors=errors)
    d.source_kind = "computed"
    if d.factor is None:
        d.factor = 1.0


def _audit(
    session: Session, actor: Actor, action: str, d: IndicatorDefinition, details: dict[str, Any] | None = None
) -> None:
    audit.record(
        session, actor=actor, action=action, record_type="indicator", record_id=d.id, details=details
    )


def create_definition(session: Session, *, actor: Actor, data: DefinitionCreate) -> IndicatorDefinition:
    if session.exec(select(IndicatorDefinition).where(IndicatorDefinition.code == data.code)).first():
        raise conflict(f"An indicator with the code '{data.code}' exists.", slug="duplicate-code")
    d = IndicatorDefinition(**data.model_dump())
    d.breakdowns = sorted(set(data.breakdowns))
    _check_computed(session, d)
    session.add(d)
    session.flush()
    _audit(session, actor, "create", d)
    build_soon(session)
    return d


def _has_observations(session: Session, d: IndicatorDefinition) -> bool:
    return (
        session.exec(select(Observation.id).where(Observation.indicator_id == d.id).limit(1)).first()
        is not None
    )


def update_definition(
    session: Session, *, actor: Actor, d: IndicatorDefinition, data: DefinitionUpdate, if_match: IfMatch
) -> IndicatorDefinition:
    claim(session, d, if_match)
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
    d.updated_at = utcnow()
    session.add(d)
    _audit(session, actor, "update", d, details={"fields": sorted(changes)})
    build_soon(session)
    return d


def delete_definition(session: Session, *, actor: Actor, d: IndicatorDefinition, if_match: IfMatch) -> None:
    claim(session, d, if_match)
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
    _audit(session, actor, "delete", d)
    session.delete(d)
    build_soon(session)
