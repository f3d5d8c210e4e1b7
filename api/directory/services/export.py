"""Every matching service as CSV or NDJSON, streamed in keyset batches."""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Iterator
from typing import Any

from sqlmodel import Session, select

from api.core.actor import Actor
from api.core.i18n import Locale, resolve
from api.core.pagination import order_by
from api.directory.models import Service
from api.directory.services import logic as catalog
from api.directory.services.schemas import ServiceRead, ServiceTombstone
from api.directory.services.search import (
    ServiceFilters,
    conditions,
    effective_sort,
    fingerprint,
    key_after,
    key_values,
    resolved,
    sort_keys,
)

EXPORT_BATCH = 500

# --- export ------------------------------------------------------------------------------------

CSV_COLUMNS = [
    "id",
    "deleted",
    "name",
    "organization",
    "municipality",
    "categories",
    "status",
    "languages",
    "eligible_statuses",
    "age_min",
    "age_max",
    "format",
    "level",
    "free",
    "cost_amount",
    "start_date",
    "end_date",
    "capacity",
    "url",
    "email",
    "phone",
    "addresses",
    "funding_source",
    "funding_ends_on",
    "assured_date",
    "last_modified",
]


def _csv_safe(value: str) -> str:
    """Spreadsheets run cells starting with = + - @ as formulas; a quote keeps them text."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def _csv_row(item: ServiceRead | ServiceTombstone, lang: str) -> list[Any]:
    if isinstance(item, ServiceTombstone):
        return [item.id, "true"] + [""] * (len(CSV_COLUMNS) - 3) + [item.last_modified.isoformat()]
    addresses = "; ".join(
        ", ".join(p for p in (loc.address, loc.city) if p) for loc in item.locations if loc.address
    )

    def text(value: Any) -> str:
        return _csv_safe(value if isinstance(value, str) else resolve(value, lang) or "" if value else "")

    return [
        item.id,
        "false",
        text(item.name),
        text(item.organization_name),
        item.municipality,
        " ".join(item.categories),
        item.status,
        " ".join(item.languages),
        " ".join(item.eligible_statuses),
        "" if item.age_min is None else item.age_min,
        "" if item.age_max is None else item.age_max,
        item.format,
        item.level or "",
        "true" if item.free else "false",
        "" if item.cost_amount is None else item.cost_amount,
        item.start_date or "",
        item.end_date or "",
        "" if item.capacity is None else item.capacity,
        _csv_safe(item.url or ""),
        _csv_safe(item.email or ""),
        _csv_safe(item.phone or ""),
        _csv_safe(addresses),
        _csv_safe(item.funding_source or ""),
        item.funding_ends_on or "",
        item.assured_date or "",
        item.last_modified.isoformat(),
    ]


def export_chunks(
    factory: Any, *, actor: Actor, filters: ServiceFilters, sort: str | None, locale: Locale, fmt: str
) -> Iterator[str]:
    """Every matching service, streamed in keyset batches with a session of its own (the request's
    session is closed by the time a streamed body is sent)."""
    with factory() as session:
        filters = resolved(session, filters)
    name = effective_sort(filters, sort)
    if name == "relevance":
        name = "name"
    name, keys = sort_keys(name, None)
    if fmt == "csv":
        out = io.StringIO()
        csv.writer(out).writerow(CSV_COLUMNS)
        yield out.getvalue()
    last: tuple[Any, ...] | None = None
    with factory() as session:
        while True:
            stmt = select(Service).where(*conditions(filters))
            if last is not None:
                stmt = stmt.where(key_after(keys, last))
            services = list(session.exec(stmt.order_by(*order_by(keys)).limit(EXPORT_BATCH)).all())
            if not services:
                return
            live = {
                r.id: r
                for r in catalog.read(
                    session, [s for s in services if s.deleted_at is None], actor=actor, locale=locale
                )
            }
            items = [live[s.id] if s.deleted_at is None else catalog.tombstone(s) for s in services]
            out = io.StringIO()
            if fmt == "csv":
                writer = csv.writer(out)
                for item in items:
                    writer.writerow(_csv_row(item, locale.lang))
            else:
                for item in items:
                    out.write(item.model_dump_json())
                    out.write("\n")
            yield out.getvalue()
            last = key_values(name, services[-1], None)
            session.expunge_all()


def etag(session: Session, *, filters: ServiceFilters, query: str, locale: Locale, actor: Actor) -> str:
    """The export's ETag: it changes with the data, the query, the language and what the caller
    may see."""
    total, newest = fingerprint(session, filters=filters)
    seed = (
        f"{total}|{newest}|{query}|{locale.lang}|{actor.kind}|{actor.role}|"
        f"{actor.municipality_id}|{actor.organization_id}"
    )
    return 'W/"' + hashlib.sha256(seed.encode()).hexdigest()[:32] + '"'
