"""Helpers the experts modules share: freshness, who counts as staff, reference lookups, audit."""

from __future__ import annotations

import uuid
import weakref
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from api.core import audit
from api.core.actor import Actor
from api.core.errors import ProblemError, unprocessable
from api.core.pagination import PageParams, SortKey, finish, keyset
from api.experts.models import Competence, ExpertInvitation, ExpertProfile
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


def page_of(
    session: Session, stmt: Any, *, keys: Sequence[SortKey], params: PageParams, sort_name: str
) -> tuple[list[Any], str | None]:
    """One keyset page of table rows; the next cursor holds the sort columns of the last row."""
    rows = list(session.exec(keyset(stmt, keys=keys, params=params, sort_name=sort_name)).all())
    return finish(
        rows, params=params, sort_name=sort_name, key_of=lambda r: [getattr(r, k.column.key) for k in keys]
    )


def profiles_by_id(session: Session, ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, ExpertProfile]:
    """The profiles (tombstones too) of these ids, by id."""
    rows = session.exec(select(ExpertProfile).where(col(ExpertProfile.id).in_(list(ids)))).all()
    return {p.id: p for p in rows}


def answered_between(start: datetime, end: datetime) -> list[sa.ColumnElement[bool]]:
    """Invitations answered in ``[start, end)``."""
    answered_at = col(ExpertInvitation.answered_at)
    return [col(ExpertInvitation.status) == "answered", answered_at >= start, answered_at < end]


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


def invalid(detail: str, *, field: str, msg: str, kind: str, loc: str = "body") -> ProblemError:
    """A 422 naming the one field that is wrong."""
    return unprocessable(detail, errors=[{"loc": [loc, field], "msg": msg, "type": kind}])


def _unknown(detail: str, values: list[str], what: str, *, field: str, loc: str) -> ProblemError:
    return unprocessable(
        detail,
        errors=[
            {"loc": [loc, field], "msg": f"unknown {what} '{v}'", "type": "unknown_code"} for v in values
        ],
    )


def slug_ids(session: Session, values: list[str], *, field: str) -> list[uuid.UUID]:
    """Municipality slugs to ids; an unknown slug is a 422 naming the field."""
    by_slug = {slug: mid for mid, slug in slugs(session).items()}
    missing = [s for s in values if s not in by_slug]
    if missing:
        detail = f"Unknown municipality code(s): {', '.join(missing)}."
        raise _unknown(detail, missing, "municipality", field=field, loc="body")
    return [by_slug[s] for s in values]


def slug_id(session: Session, value: str, *, field: str, loc: str = "body") -> uuid.UUID:
    by_slug = {slug: mid for mid, slug in slugs(session).items()}
    if value not in by_slug:
        raise _unknown(f"Unknown municipality '{value}'.", [value], "municipality", field=field, loc=loc)
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
        detail = f"Unknown competence code(s): {', '.join(unknown)}."
        raise _unknown(detail, unknown, "competence", field=field, loc=loc)
    return codes


PROFILE_RECORD = "expert_profile"


def record_profile(
    session: Session,
    expert_id: uuid.UUID,
    *,
    actor: Actor,
    action: str,
    municipality_id: uuid.UUID | None = None,
    details: dict[str, Any] | None = None,
) -> None:
    """An audit entry about an expert profile (its subject is the expert), in the actor's
    municipality unless another is named (a showcase's)."""
    audit.record(
        session,
        actor=actor,
        action=action,
        record_type=PROFILE_RECORD,
        record_id=expert_id,
        municipality_id=municipality_id or actor.municipality_id,
        subject_id=expert_id,
        details=details,
    )
