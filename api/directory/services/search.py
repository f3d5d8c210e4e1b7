"""Finding services: typed filters combined with AND, diacritic-insensitive free text ranked by
where it matched, keyset pages on the sort key and id, and exports streamed in keyset batches.

Free text: every translation of the name, description, organisation name, category names,
eligibility note and how-to-apply is folded once when written (lower case, no diacritics, Cyrillic
too) into ``search_text``; a query is folded the same way and each of its words must occur
(``LIKE '%word%'``, answered by a trigram index on both databases: ``text_index.py``). Hits in the
(Lithuanian) name rank first.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from api.core.actor import Actor
from api.core.errors import unprocessable
from api.core.i18n import Locale, like_escape, search_stems
from api.core.pagination import PageParams, SortKey, after, decode_cursor, finish, order_by
from api.directory import scope
from api.directory.codes import municipality_id
from api.directory.derived_fields import WEEKDAY_BITS
from api.directory.hsds.places import distance_m
from api.directory.models import Location, Service, ServiceAtLocation
from api.directory.services import logic as catalog
from api.directory.services import nearby, rows
from api.directory.services.place_names import split_places
from api.directory.services.rows import JSONObj
from api.directory.services.text_index import KEYS, TextHas, candidates, indexed, plain
from api.municipalities.models import Organization

_FAR_PAST = date(1900, 1, 1)
WEEKDAYS = sum(WEEKDAY_BITS[d] for d in range(1, 6))
WEEKEND = WEEKDAY_BITS[6] | WEEKDAY_BITS[7]


@dataclass(frozen=True)
class ServiceFilters:
    q: str | None = None
    categories: list[str] = field(default_factory=list)
    municipality_ids: list[uuid.UUID] = field(default_factory=list)
    # Municipality codes as given; resolved to ids by :func:`resolved` (unknown code: 422).
    municipalities: list[str] = field(default_factory=list)
    organization_id: uuid.UUID | None = None
    language: str | None = None
    provided_language: str | None = None
    when: list[str] = field(default_factory=list)
    eligible_status: str | None = None
    age: int | None = None
    format: list[str] = field(default_factory=list)
    level: str | None = None
    free: bool | None = None
    status: list[str] = field(default_factory=list)
    open_on: date | None = None
    modified_after: datetime | None = None
    stale: bool | None = None
    funding_ends_before: date | None = None
    # Place names found in q ("у Вільнюсі"): the words, and the municipalities they mean.
    place_words: list[str] = field(default_factory=list)
    place_ids: list[uuid.UUID] = field(default_factory=list)
    # "Near me": (latitude, longitude, meters): services with a public place within reach.
    near: tuple[float, float, float] | None = None


def _like(column: Any, code: str) -> sa.ColumnElement[bool]:
    return column.like(f"%|{like_escape(code)}|%", escape="\\")


def resolved(session: Session, f: ServiceFilters) -> ServiceFilters:
    """Municipality codes to ids. Place names in the query ("Вільнюс") match the services of that
    place or a text that names it, unless the caller named municipalities (then they are dropped)."""
    q, words, places = split_places(f.q)
    if places:
        named = f.municipalities or f.municipality_ids
        ids = [] if named else [municipality_id(session, slug) for slug in places]
        f = replace(f, q=q, place_words=list(words) if ids else [], place_ids=ids)
    if not f.municipalities:
        return f
    ids = [municipality_id(session, slug) for slug in f.municipalities]
    return replace(f, municipality_ids=[*f.municipality_ids, *ids], municipalities=[])


def conditions(f: ServiceFilters, *, today: date | None = None) -> list[sa.ColumnElement[bool]]:
    where: list[sa.ColumnElement[bool]] = []
    if f.modified_after is None:
        where.append(col(Service.deleted_at).is_(None))
    else:
        where.append(col(Service.updated_at) > f.modified_after)
    if terms := search_stems(f.q):
        where.append(TextHas(terms))
    return where + _filters(f, today=today)


def _filters(f: ServiceFilters, *, today: date | None = None) -> list[sa.ColumnElement[bool]]:
    """The conditions of every filter but free text and the deleted ones (:func:`conditions`)."""
    where: list[sa.ColumnElement[bool]] = []
    if f.near is not None:
        at = sa.select(col(ServiceAtLocation.service_id)).join(
            Location, col(Location.id) == ServiceAtLocation.location_id
        )
        where.append(col(Service.id).in_(at.where(*nearby.within(f.near)[0])))
    if f.place_ids:
        named = [col(Service.search_text).like(f"%{like_escape(w)}%", escape="\\") for w in f.place_words]
        where.append(sa.or_(scope.in_municipality(Service, f.place_ids), *named))
    if f.categories:
        where.append(sa.or_(*(_like(col(Service.category_keys), c) for c in f.categories)))
    if f.municipality_ids:
        ids = f.municipality_ids
        where.append(scope.in_municipality(Service, ids))
    if f.organization_id:
        where.append(scope.of_organization(Service, f.organization_id))
    if f.language:
        where.append(_like(col(Service.language_keys), f.language))
    if f.provided_language:
        where.append(_like(col(Service.provided_keys), f.provided_language))
    if f.when:
        runs = {
            "weekdays": col(Service.weekday_mask).op("&")(WEEKDAYS) != 0,
            "evenings": col(Service.evening_mask) != 0,
            "weekends": col(Service.weekday_mask).op("&")(WEEKEND) != 0,
        }
        where.append(sa.or_(*(runs[w] for w in f.when)))
    if f.eligible_status:
        where.append(
            sa.or_(col(Service.status_keys) == "", _like(col(Service.status_keys), f.eligible_status))
        )
    if f.age is not None:
        where.append(sa.or_(col(Service.age_min).is_(None), col(Service.age_min) <= f.age))
        where.append(sa.or_(col(Service.age_max).is_(None), col(Service.age_max) >= f.age))
    if f.format:
        where.append(col(Service.format).in_(f.format))
    if f.level:
        where.append(col(Service.level) == f.level)
    if f.free is not None:
        where.append(col(Service.free).is_(f.free))
    if f.status:
        where.append(col(Service.status).in_(f.status))
    if f.open_on is not None:
        bit = WEEKDAY_BITS[f.open_on.isoweekday()]
        where.append(col(Service.status) == "active")
        where.append(sa.or_(col(Service.start_date).is_(None), col(Service.start_date) <= f.open_on))
        where.append(sa.or_(col(Service.end_date).is_(None), col(Service.end_date) >= f.open_on))
        where.append(sa.or_(col(Service.weekday_mask) == 0, col(Service.weekday_mask).op("&")(bit) != 0))
    if f.stale is not None:
        cut = catalog.stale_before(today)
        is_stale = sa.or_(col(Service.assured_date).is_(None), col(Service.assured_date) < cut)
        where.append(is_stale if f.stale else sa.not_(is_stale))
    if f.funding_ends_before is not None:
        where.append(col(Service.funding_ends_on) < f.funding_ends_before)
    return where


def _score(q: str | None, sort_name: Any) -> Any:
    """Each word found in the name counts 2; every row here already holds every word."""
    terms = search_stems(q)
    parts = [sa.case((sort_name.like(f"%{like_escape(t)}%", escape="\\"), 2), else_=0) for t in terms]
    return sa.literal(0) if not parts else sum(parts[1:], parts[0])


def sort_keys(sort: str, q: str | None, *, keys: Any = None) -> tuple[str, list[SortKey]]:
    """The sort's keys; by name or relevance they may be ``keys``' columns (``sort_name``, and
    ``service_id`` for the id: :data:`text_index.KEYS`) instead of the services' own."""
    sort_name, service_id = (
        (col(Service.sort_name), col(Service.id)) if keys is None else (keys.c.sort_name, keys.c.service_id)
    )
    if sort == "relevance" and search_stems(q):
        return "relevance", [SortKey(_score(q, sort_name), True), SortKey(sort_name), SortKey(service_id)]
    if sort == "-name":
        return sort, [SortKey(sort_name, True), SortKey(service_id, True)]
    if sort == "last_modified":
        return sort, [SortKey(col(Service.updated_at)), SortKey(col(Service.id))]
    if sort == "-last_modified":
        return sort, [SortKey(col(Service.updated_at), True), SortKey(col(Service.id), True)]
    if sort == "-assured_date":
        return sort, [
            SortKey(sa.func.coalesce(col(Service.assured_date), _FAR_PAST), True),
            SortKey(col(Service.id), True),
        ]
    return "name", [SortKey(sort_name), SortKey(service_id)]


def effective_sort(filters: ServiceFilters, sort: str | None) -> str:
    if sort == "distance" and filters.near is None:
        message = "sort=distance needs near=latitude,longitude,meters."
        raise unprocessable(message, [{"loc": ["query", "sort"], "msg": message, "type": "value_error"}])
    if filters.modified_after is not None and sort is None:
        return "last_modified"  # a sync reads changes in the order they happened
    if sort is None:
        return "relevance" if search_stems(filters.q) else "name"
    return sort


def key_after(keys: list[SortKey], values: list[Any] | tuple[Any, ...]) -> sa.ColumnElement[bool]:
    """Rows after the cursor. One direction: a row-value comparison, which both databases answer
    with an index range scan (the OR-expanded form made PostgreSQL walk the index from the start,
    so deep pages got slower); mixed directions (relevance): the core expansion."""
    if len({k.descending for k in keys}) == 1:
        left = sa.tuple_(*(k.column for k in keys))
        right = sa.tuple_(*(sa.literal(v, type_=k.column.type) for k, v in zip(keys, values, strict=True)))
        return left < right if keys[0].descending else left > right
    return after(keys, values)


def key_values(sort_name: str, service: Any, score: int | None) -> tuple[Any, ...]:
    """The keyset values of a row (a ``Service`` or a Core row with its columns)."""
    if sort_name == "relevance":
        return (score, service.sort_name, service.id)
    if sort_name == "distance":
        return (score, service.id)
    if sort_name in ("name", "-name"):
        return (service.sort_name, service.id)
    if sort_name in ("last_modified", "-last_modified"):
        return (service.updated_at, service.id)
    return (service.assured_date or _FAR_PAST, service.id)


def search(
    session: Session,
    *,
    actor: Actor,
    filters: ServiceFilters,
    params: PageParams,
    sort: str | None,
    locale: Locale,
) -> tuple[list[JSONObj], str | None]:
    """One page as JSON-ready dicts (``ServiceRead`` / ``ServiceTombstone`` shapes): Core rows, one
    query for the page with its organisation names and one for its locations."""
    filters = resolved(session, filters)
    wanted = effective_sort(filters, sort)
    inner: Any = sa.select(col(Service.id).label("page_id"))
    keyed = None
    if wanted == "distance":
        assert filters.near is not None
        if session.get_bind().dialect.name == "postgresql":
            inner, d2 = nearby.by_distance(inner, filters.near)
        else:
            closest = nearby.nearest(filters.near)
            inner, d2 = inner.join(closest, closest.c.service_id == col(Service.id)), closest.c.d2
        name, keys = "distance", [SortKey(d2), SortKey(col(Service.id))]
    elif keyed := _keyed(session, filters, wanted):
        inner, where = keyed
        name, keys = sort_keys(wanted, filters.q, keys=KEYS)
    else:
        name, keys = sort_keys(wanted, filters.q)
    scored = name in ("relevance", "distance")
    score = keys[0].column if scored else sa.literal(None)
    if not keyed:
        # Sorted by distance, the walk from the nearest places already keeps the services in
        # reach: the same test again as a condition would run the places' subquery twice.
        where = conditions(replace(filters, near=None) if name == "distance" else filters)
    inner = inner.add_columns(score.label("k0")).where(*where)
    if params.cursor:
        inner = inner.where(key_after(keys, decode_cursor(params.cursor, name, len(keys))))
    found = session.execute(
        _page(
            inner,
            keys,
            params.limit + 1,
            scored,
            deferred=bool(search_stems(filters.q)),
            # The page's rows are ``services``' own: sorted again by its columns of the same keys.
            outer=sort_keys(wanted, filters.q)[1] if keyed else keys,
        )
    ).all()
    page, next_cursor = finish(
        found, params=params, key_of=lambda r: key_values(name, r, r.k0), sort_name=name
    )
    items = rows.service_dicts(
        session,
        page,
        actor=actor,
        locale=locale,
        org_names={r.organization_id: r.org_name for r in page},
        stale_cut=catalog.stale_before(),
    )
    if filters.near is not None:
        lat, lng, meters = filters.near
        for item in items:
            if item.get("deleted"):
                continue
            # Public places only: a confidential one (whose coordinates staff may see) never
            # makes a service nearer, or it would tell where the place is.
            reach = [
                d
                for loc in item["locations"]
                if not loc["confidential"] and loc["latitude"] is not None and loc["longitude"] is not None
                for d in [distance_m(lat, lng, loc["latitude"], loc["longitude"])]
                if d <= meters * 1.01
            ]
            item["distance_m"] = round(min(reach)) if reach else None
    return items, next_cursor


def _keyed(session: Session, f: ServiceFilters, sort: str) -> tuple[Any, list[Any]] | None:
    """SQLite, free text sorted by relevance or name: the page's ids from the trigram table's
    candidates and their keys (:data:`text_index.KEYS`), and the conditions left to test on
    ``services`` — none for free text alone, so only the page's rows are read from there (the keys
    of a broad word's thousands of candidates were each one search of ``services``' text key).
    None: another database, sort or query (the plain :func:`conditions` path)."""
    terms = search_stems(f.q)
    if sort not in ("relevance", "name", "-name") or (inner := candidates(session, terms)) is None:
        return None
    rest = _filters(f) + plain(tuple(t for t in terms if not indexed(t)))
    if f.modified_after is None:
        inner = inner.where(KEYS.c.deleted_at.is_(None))
    else:
        rest.insert(0, col(Service.updated_at) > f.modified_after)
    if rest:
        inner = inner.join(Service, col(Service.id) == KEYS.c.service_id)
    return inner, rest


def _page(
    inner: Any, keys: list[SortKey], limit: int, scored: bool, *, deferred: bool, outer: list[SortKey]
) -> Any:
    """The page's rows in full with their organisation's name and sort score ``k0``. With free text
    (``deferred``) the page's ids are found first — only the keys of the candidates are read and
    sorted (on SQLite from the trigram table's copy of them, :func:`_keyed`, or a covering index)
    — and only those rows are read in full, sorted again by ``outer`` (the same keys as
    ``services``' columns); otherwise an index on the filter and sort already stops after the page."""
    org_name: Any = col(Organization.name).label("org_name")
    if not deferred:
        return (
            inner.with_only_columns(*rows.SERVICE_COLUMNS, org_name, *inner.selected_columns[1:])
            .join(Organization, col(Organization.id) == Service.organization_id)
            .order_by(*order_by(keys))
            .limit(limit)
        )
    ids = inner.order_by(*order_by(keys)).limit(limit).subquery("page")
    again = [SortKey(ids.c.k0, keys[0].descending), *outer[1:]] if scored else outer
    return (
        sa.select(*rows.SERVICE_COLUMNS, org_name, ids.c.k0)
        .join(ids, ids.c.page_id == col(Service.id))
        .join(Organization, col(Organization.id) == Service.organization_id)
        .order_by(*order_by(again))
    )


def fingerprint(session: Session, *, filters: ServiceFilters) -> tuple[int, str]:
    """How many match and when the newest changed: enough for an export's ETag."""
    filters = resolved(session, filters)
    row = session.exec(
        select(sa.func.count(), sa.func.max(Service.updated_at)).where(*conditions(filters))
    ).one()
    return int(row[0]), str(row[1])
