"""The HSDS feed's reads: which services, organisations, terms and service-at-location links a
query finds, one page at a time (HSDS pages by number) or streamed, shaped by :mod:`.mapping`.
Reads only, public; confidential addresses stay hidden as everywhere else."""

from __future__ import annotations

import json
import math
import uuid
from collections.abc import Callable, Hashable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from api.core.actor import Actor
from api.core.db import found
from api.core.i18n import like_escape
from api.directory import scope
from api.directory.changes import invalid
from api.directory.hsds import mapping, totals
from api.directory.hsds.taxonomy import TAXONOMIES, all_terms, taxonomy_id, term_code
from api.directory.models import Location, Service, ServiceAtLocation
from api.directory.services.search import ServiceFilters, conditions
from api.municipalities.models import Organization

JSONObj = dict[str, Any]
STREAM_BATCH = 500


@dataclass(frozen=True)
class Shape:
    """How an answer shows its objects: to whom (confidential addresses), in which language, and
    how much of each (``minimal``: the bare fields; ``full``: services with their locations;
    ``full_service``: an organisation's services in full)."""

    actor: Actor
    lang: str
    minimal: bool = False
    full: bool = False
    full_service: bool = False


def envelope(contents: list[JSONObj], *, total: int, page: int, per_page: int) -> JSONObj:
    pages = max(1, math.ceil(total / per_page)) if total else 1
    return {
        "total_items": total,
        "total_pages": pages,
        "page_number": page,
        "size": len(contents),
        "first_page": page == 1,
        "last_page": page >= pages,
        "empty": len(contents) == 0,
        "contents": contents,
    }


def numbered(
    session: Session, stmt: Any, order: list[Any], *, page: int, per_page: int
) -> tuple[int, list[Any]]:
    """HSDS pages by number: the total and one page of ``stmt`` in ``order``."""
    total = int(session.exec(select(sa.func.count()).select_from(stmt.subquery())).one())
    rows = session.exec(stmt.order_by(*order).offset((page - 1) * per_page).limit(per_page)).all()
    return total, list(rows)


def sliced(items: list[JSONObj], *, page: int, per_page: int) -> JSONObj:
    chunk = items[(page - 1) * per_page : page * per_page]
    return envelope(chunk, total=len(items), page=page, per_page=per_page)


def parse_modified_after(value: str | None) -> datetime | None:
    """HSDS clients send any ISO 8601 time; one without a zone is UTC."""
    try:
        after = datetime.fromisoformat(value) if value else None
    except ValueError as exc:
        detail = "modified_after is not an ISO 8601 time."
        raise invalid(detail, "modified_after", "not a date-time", "datetime_parsing", part="query") from exc
    if after is not None and after.tzinfo is None:
        after = after.replace(tzinfo=UTC)
    return after


def service_filters(
    *,
    search: str | None,
    taxonomy_term_id: str | None,
    taxonomy_id_: str | None,
    organization_id: uuid.UUID | None,
    modified_after: datetime | None,
    links: bool = False,
) -> list[sa.ColumnElement[bool]]:
    """The conditions of an HSDS service search; with ``links``, ``modified_after`` asks for the
    services at locations changed since (see :func:`modified_link_after`)."""
    categories: list[str] = []
    where: list[sa.ColumnElement[bool]] = []
    if taxonomy_term_id:
        term = term_code(taxonomy_term_id)
        if term is None:
            raise invalid(
                "Unknown taxonomy term.", "taxonomy_term_id", "unknown term", "unknown_id", part="query"
            )
        taxonomy, code = term
        if taxonomy == "langelis-service-categories":
            # category_keys holds ancestors, so the code alone also finds its sub-categories.
            categories = [code]
        elif taxonomy == "langelis-legal-statuses":
            where.append(col(Service.status_keys).like(f"%|{like_escape(code)}|%", escape="\\"))
        elif taxonomy == "langelis-service-formats":
            where.append(col(Service.format) == code)
        else:
            where.append(col(Service.level) == code)
    if taxonomy_id_:
        where.append(_in_taxonomy(taxonomy_id_))
    filters = ServiceFilters(q=search, categories=categories, organization_id=organization_id)
    where.extend(conditions(filters))
    if modified_after is not None and links:
        where.append(modified_link_after(modified_after))
    elif modified_after is not None:
        # HSDS has no tombstones: deleted services simply stop appearing.
        where.append(col(Service.updated_at) >= modified_after)
    return where


def _in_taxonomy(wanted: str) -> sa.ColumnElement[bool]:
    """Services with any term of the taxonomy (HSDS ``taxonomy_id``)."""
    names = {taxonomy_id(name): name for name in TAXONOMIES}
    name = names.get(wanted) or (wanted if wanted in TAXONOMIES else None)
    if name is None:
        raise invalid("Unknown taxonomy.", "taxonomy_id", "unknown taxonomy", "unknown_id", part="query")
    if name == "langelis-service-categories":
        return col(Service.category_keys) != ""
    if name == "langelis-legal-statuses":
        return col(Service.status_keys) != ""
    if name == "cefr":
        return col(Service.level).is_not(None)
    return sa.true()  # every service has a delivery format


# --- services ---------------------------------------------------------------------------------


def links_of(
    session: Session, service_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, list[tuple[ServiceAtLocation, Location]]]:
    out: dict[uuid.UUID, list[tuple[ServiceAtLocation, Location]]] = {sid: [] for sid in service_ids}
    if not service_ids:
        return out
    rows = session.exec(
        select(ServiceAtLocation, Location)
        .join(Location, col(Location.id) == ServiceAtLocation.location_id)
        .where(col(ServiceAtLocation.service_id).in_(list(service_ids)), col(Location.deleted_at).is_(None))
        .order_by(col(ServiceAtLocation.created_at), col(ServiceAtLocation.id))
    ).all()
    for link, location in rows:
        out[link.service_id].append((link, location))
    return out


def services(
    session: Session, rows: Sequence[Service], *, actor: Actor, lang: str, minimal: bool = False
) -> list[JSONObj]:
    """Services as HSDS objects; ``minimal`` leaves out their locations and organisation."""
    ids = [s.id for s in rows]
    links = links_of(session, ids) if not minimal else {}
    org_ids = list({s.organization_id for s in rows})
    orgs = (
        {o.id: o for o in session.exec(select(Organization).where(col(Organization.id).in_(org_ids))).all()}
        if org_ids and not minimal
        else {}
    )
    terms: dict[str, JSONObj] = (
        {
            t["id"]: {
                k: t[k] for k in ("id", "code", "name", "description", "taxonomy", "language") if k in t
            }
            for t in all_terms(lang)
        }
        if not minimal
        else {}
    )
    return [
        mapping.service(
            s,
            org=orgs.get(s.organization_id),
            links=links.get(s.id, []),
            actor=actor,
            lang=lang,
            terms=terms,
            minimal=minimal,
        )
        for s in rows
    ]


def _shape(session: Session, rows: list[Service], shape: Shape) -> list[JSONObj]:
    if shape.full and not shape.minimal:
        return services(session, rows, actor=shape.actor, lang=shape.lang)
    objs = services(session, rows, actor=shape.actor, lang=shape.lang, minimal=True)
    if shape.minimal:
        keep = ("id", "organization_id", "name", "description", "status")
        return [{k: o[k] for k in keep if k in o} for o in objs]
    return objs


def service_page(
    session: Session,
    where: list[sa.ColumnElement[bool]],
    shape: Shape,
    *,
    page: int,
    per_page: int,
    count_key: Hashable,
) -> JSONObj:
    """One numbered page: its rows by id (no recount when the data did not change, see
    :mod:`.totals`); ``count_key`` names the query (the parameters that built ``where``)."""
    version = totals.data_version(session)
    rows = totals.service_rows(session, where, page=page, per_page=per_page, key=count_key, version=version)
    if page == 1 and len(rows) < per_page:
        total = len(rows)  # the whole list is on this page
    else:
        total = totals.service_total(session, where, count_key, version)
    return envelope(_shape(session, rows, shape), total=total, page=page, per_page=per_page)


def keyset_lines(
    factory: Any,
    stmt: Any,
    keys: list[Any],
    key_of: Callable[[Any], tuple[Any, ...]],
    shape: Callable[[Session, list[Any]], list[JSONObj]],
) -> Iterator[str]:
    """Every row of ``stmt``, one JSON object a line, in keyset batches with a session of its own
    (the request's session is closed by the time a streamed body is sent)."""
    last: tuple[Any, ...] | None = None
    with factory() as session:
        while True:
            batch = stmt
            if last is not None:
                batch = batch.where(sa.tuple_(*keys) > sa.tuple_(*last))
            rows = list(session.exec(batch.order_by(*keys).limit(STREAM_BATCH)).all())
            if not rows:
                return
            yield "".join(json.dumps(o, ensure_ascii=False) + "\n" for o in shape(session, rows))
            last = key_of(rows[-1])
            session.expunge_all()


def service_lines(factory: Any, where: list[sa.ColumnElement[bool]], shape: Shape) -> Iterator[str]:
    return keyset_lines(
        factory,
        select(Service).where(*where),
        [col(Service.sort_name), col(Service.id)],
        lambda s: (s.sort_name, s.id),
        lambda session, rows: _shape(session, rows, shape),
    )


def one_service(session: Session, service_id: uuid.UUID, *, actor: Actor, lang: str) -> JSONObj:
    svc = found(session, scope.readable_services(actor).where(col(Service.id) == service_id), "service")
    return services(session, [svc], actor=actor, lang=lang)[0]


# --- services at locations ----------------------------------------------------------------------


def _sal_query(where: list[Any]) -> Any:
    return (
        select(ServiceAtLocation, Location)
        .join(Location, col(Location.id) == ServiceAtLocation.location_id)
        .join(Service, col(Service.id) == ServiceAtLocation.service_id)
        .where(col(Location.deleted_at).is_(None), *where)
    )


def modified_link_after(after: datetime) -> sa.ColumnElement[bool]:
    """A link changed when its service, its location or the link itself did."""
    return sa.or_(
        col(Service.updated_at) >= after,
        col(Location.updated_at) >= after,
        col(ServiceAtLocation.created_at) >= after,
    )


def _links_shape(session: Session, rows: Sequence[Any], shape: Shape) -> list[JSONObj]:
    actor, lang = shape.actor, shape.lang
    contents = [mapping.service_at_location(link, loc, actor=actor, lang=lang) for link, loc in rows]
    if shape.full and rows:
        wanted = list({link.service_id for link, _ in rows})
        chosen = session.exec(select(Service).where(col(Service.id).in_(wanted))).all()
        nested = {o["id"]: o for o in services(session, list(chosen), actor=actor, lang=lang, minimal=True)}
        for body, (link, _) in zip(contents, rows, strict=True):
            if str(link.service_id) in nested:
                body["service"] = nested[str(link.service_id)]
    return contents


def service_at_location_page(
    session: Session, where: list[sa.ColumnElement[bool]], shape: Shape, *, page: int, per_page: int
) -> JSONObj:
    order = [col(ServiceAtLocation.created_at), col(ServiceAtLocation.id)]
    total, rows = numbered(session, _sal_query(where), order, page=page, per_page=per_page)
    return envelope(_links_shape(session, rows, shape), total=total, page=page, per_page=per_page)


def service_at_location_lines(
    factory: Any, where: list[sa.ColumnElement[bool]], shape: Shape
) -> Iterator[str]:
    return keyset_lines(
        factory,
        _sal_query(where),
        [col(ServiceAtLocation.id)],
        lambda row: (row[0].id,),
        lambda session, rows: _links_shape(session, rows, shape),
    )


def one_service_at_location(session: Session, link_id: uuid.UUID, *, actor: Actor, lang: str) -> JSONObj:
    query = _sal_query([col(ServiceAtLocation.id) == link_id, col(Service.deleted_at).is_(None)])
    link, loc = found(session, query, "service at location")
    body = mapping.service_at_location(link, loc, actor=actor, lang=lang)
    svc = session.get(Service, link.service_id)
    if svc is not None:
        body["service"] = services(session, [svc], actor=actor, lang=lang, minimal=True)[0]
    return body
