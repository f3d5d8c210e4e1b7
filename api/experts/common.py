"""Helpers the experts modules share: freshness, who counts as staff, reference lookups, audit."""

from __future__ import annotations

import uuid
import weakref
from datetime import datetime
from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from api.core import audit
from api.core.actor import Actor
from api.core.errors import unprocessable
from api.experts.models import Competence
from api.municipalities.models import Municipality

# Unconfirmed profiles drop out of search results after this many months.
FRESH_MONTHS = 13
# A reminder goes out this many months after the last confirmation.
REMIND_AFTER_MONTHS = 12

STAFF_SCOPES = ("experts:contact", "expert_requests:write", "experts:manage")


def months_before(moment: datetime, months: int) -> datetime:
    """The same day and time ``months`` calendar months earlier (clamped to the month's end)."""
    total = moment.year * 12 + (moment.month - 1) - months
    year, month = divmod(total, 12)
    month += 1
    day = min(moment.day, _days_in_month(year, month))
    return moment.replace(year=year, month=month, day=day)


def months_after(moment: datetime, months: int) -> datetime:
    return months_before(moment, -months)


def _days_in_month(year: int, month: int) -> int:
    if month == 12:
        return 31
    return (datetime(year, month + 1, 1) - datetime(year, month, 1)).days


def fresh_cutoff(now: datetime) -> datetime:
    return months_before(now, FRESH_MONTHS)


def is_staff(actor: Actor) -> bool:
    """Municipal and NGO staff (and admins): they may see cards marked `staff`."""
    return actor.kind == "user" and any(actor.has(s) for s in STAFF_SCOPES)


def sees_contact(actor: Actor) -> bool:
    return actor.kind == "user" and actor.has("experts:contact")


# Reference data never changes while the process runs (only migrations change it), so it is
# cached per engine. Municipality ids are UUID v5 of the slug: the same in every database.
_slug_cache: weakref.WeakKeyDictionary[Engine, dict[uuid.UUID, str]] = weakref.WeakKeyDictionary()
_competence_cache: weakref.WeakKeyDictionary[Engine, dict[str, Competence]] = weakref.WeakKeyDictionary()


def _engine(session: Session) -> Engine:
    bind = session.get_bind()
    return bind if isinstance(bind, Engine) else bind.engine


def slugs(session: Session) -> dict[uuid.UUID, str]:
    engine = _engine(session)
    cached = _slug_cache.get(engine)
    if cached is None:
        cached = {m.id: m.slug for m in session.exec(select(Municipality)).all()}
        _slug_cache[engine] = cached
    return cached


def slug_ids(session: Session, values: list[str], *, field: str) -> list[uuid.UUID]:
    """Municipality slugs to ids; an unknown slug is a 422 naming the field."""
    by_slug = {slug: mid for mid, slug in slugs(session).items()}
    missing = [s for s in values if s not in by_slug]
    if missing:
        raise unprocessable(
            f"Unknown municipality code(s): {', '.join(missing)}.",
            errors=[
                {"loc": ["body", field], "msg": f"unknown municipality '{s}'", "type": "unknown_code"}
                for s in missing
            ],
        )
    return [by_slug[s] for s in values]


def slug_id(session: Session, value: str, *, field: str, loc: str = "body") -> uuid.UUID:
    by_slug = {slug: mid for mid, slug in slugs(session).items()}
    if value not in by_slug:
        raise unprocessable(
            f"Unknown municipality '{value}'.",
            errors=[{"loc": [loc, field], "msg": f"unknown municipality '{value}'", "type": "unknown_code"}],
        )
    return by_slug[value]


def competences(session: Session) -> dict[str, Competence]:
    engine = _engine(session)
    cached = _competence_cache.get(engine)
    if cached is None:
        rows = session.exec(select(Competence).order_by(Competence.position)).all()  # type: ignore[arg-type]
        cached = {c.code: Competence.model_validate(c.model_dump()) for c in rows}
        _competence_cache[engine] = cached
    return cached


def check_competences(
    session: Session, codes: list[str], *, field: str = "competences", loc: str = "body"
) -> list[str]:
    known = competences(session)
    unknown = [c for c in codes if c not in known]
    if unknown:
        raise unprocessable(
            f"Unknown competence code(s): {', '.join(unknown)}.",
            errors=[
                {"loc": [loc, field], "msg": f"unknown competence '{c}'", "type": "unknown_code"}
                for c in unknown
            ],
        )
    return codes


def record(
    session: Session,
    *,
    actor: Actor,
    action: str,
    record_type: str,
    record_id: uuid.UUID,
    subject_id: uuid.UUID | None = None,
    municipality_id: uuid.UUID | None = None,
    details: dict[str, Any] | None = None,
) -> None:
    audit.record(
        session,
        actor=actor,
        action=action,
        record_type=record_type,
        record_id=record_id,
        municipality_id=municipality_id or actor.municipality_id,
        subject_id=subject_id,
        details=details,
    )
