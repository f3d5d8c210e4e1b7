"""Recording an unmet need (anyone, rate-limited, nothing personal) and reading them (coordinators
of the municipality, admins): a list, and a report by municipality and language."""

from __future__ import annotations

import csv
import io
import uuid
from collections import Counter, defaultdict
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col

from api.core import ratelimit
from api.core.actor import Actor
from api.core.i18n import like_escape, search_stems
from api.core.pagination import PageParams, SortKey, finish, keyset
from api.directory import scope
from api.directory.codes import municipality_id, slug_of
from api.directory.models import UnmetNeed
from api.directory.unmet.schemas import (
    UnmetNeedCreate,
    UnmetNeedGroup,
    UnmetNeedRead,
    UnmetNeedReport,
    UnmetTerm,
)

PER_HOUR = 20
TOP_TERMS = 10
_KEYS = (SortKey(col(UnmetNeed.created_at), descending=True), SortKey(col(UnmetNeed.id), descending=True))


def record(session: Session, *, data: UnmetNeedCreate, client: str) -> UnmetNeed:
    ratelimit.hit(session, f"unmet:ip:{client}", limit=PER_HOUR, window_seconds=3600)
    place = municipality_id(session, data.municipality, field="municipality") if data.municipality else None
    row = UnmetNeed(
        municipality_id=place,
        language=data.language,
        query=(data.query or "").strip(),
        filters=dict(data.filters),
        message=(data.message or "").strip(),
    )
    session.add(row)
    session.flush()
    return row


def _filtered(
    session: Session,
    actor: Actor,
    *,
    municipality: str | None,
    language: str | None,
    start: date | None,
    end: date | None,
    q: str | None,
) -> Any:
    stmt = scope.readable_unmet_needs(actor)
    if municipality:
        stmt = stmt.where(col(UnmetNeed.municipality_id) == municipality_id(session, municipality))
    if language:
        stmt = stmt.where(col(UnmetNeed.language) == language)
    if start:
        stmt = stmt.where(col(UnmetNeed.created_at) >= datetime.combine(start, time.min, tzinfo=UTC))
    if end:
        stmt = stmt.where(
            col(UnmetNeed.created_at) < datetime.combine(end + timedelta(days=1), time.min, tzinfo=UTC)
        )
    for word in (q or "").split():
        pattern = f"%{like_escape(word.lower())}%"
        stmt = stmt.where(
            sa.or_(
                sa.func.lower(col(UnmetNeed.query)).like(pattern, escape="\\"),
                sa.func.lower(col(UnmetNeed.message)).like(pattern, escape="\\"),
            )
        )
    return stmt


def to_read(session: Session, row: UnmetNeed) -> UnmetNeedRead:
    return UnmetNeedRead(
        id=row.id,
        created_at=row.created_at,
        municipality=slug_of(session, row.municipality_id) if row.municipality_id else None,
        language=row.language,
        query=row.query,
        filters=dict(row.filters or {}),
        message=row.message,
    )


def listing(
    session: Session, actor: Actor, params: PageParams, **filters: Any
) -> tuple[list[UnmetNeedRead], str | None]:
    stmt = _filtered(session, actor, **filters)
    rows = session.exec(keyset(stmt, keys=_KEYS, params=params)).all()
    page, cursor = finish(rows, params=params, key_of=lambda r: (r.created_at, r.id))
    return [to_read(session, r) for r in page], cursor


def report(session: Session, actor: Actor, **filters: Any) -> UnmetNeedReport:
    """Counts by municipality and language, with the words most searched for in each (stems, so
    "курси" and "курсів" count as one)."""
    stmt = _filtered(session, actor, **filters).with_only_columns(
        col(UnmetNeed.municipality_id), col(UnmetNeed.language), col(UnmetNeed.query), col(UnmetNeed.message)
    )
    counts: Counter[tuple[uuid.UUID | None, str]] = Counter()
    terms: dict[tuple[uuid.UUID | None, str], Counter[str]] = defaultdict(Counter)
    for place, language, query, message in session.execute(stmt):
        key = (place, language)
        counts[key] += 1
        terms[key].update(set(search_stems(query or message)))
    groups = [
        UnmetNeedGroup(
            municipality=slug_of(session, place) if place else None,
            language=language,
            count=n,
            terms=[UnmetTerm(term=t, count=c) for t, c in terms[(place, language)].most_common(TOP_TERMS)],
        )
        for (place, language), n in sorted(counts.items(), key=lambda kv: (-kv[1], str(kv[0][0]), kv[0][1]))
    ]
    return UnmetNeedReport(total=sum(counts.values()), groups=groups)


def report_csv(data: UnmetNeedReport) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["municipality", "language", "count", "terms"])
    for g in data.groups:
        writer.writerow(
            [g.municipality or "", g.language, g.count, "; ".join(f"{t.term} ({t.count})" for t in g.terms)]
        )
    return out.getvalue()
