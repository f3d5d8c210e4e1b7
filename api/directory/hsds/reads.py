"""The HSDS feed's organisations, taxonomies and taxonomy terms (services and their locations are
in :mod:`.logic`). Reads only, public."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator, Sequence
from datetime import datetime
from typing import Any

from sqlmodel import Session, col

from api.core.actor import ANONYMOUS, Actor
from api.core.db import found
from api.core.errors import not_found
from api.core.i18n import like_escape, normalize, search_stems
from api.directory import scope
from api.directory.hsds import mapping
from api.directory.hsds.logic import (
    STREAM_BATCH,
    JSONObj,
    Shape,
    envelope,
    keyset_lines,
    numbered,
    services,
    sliced,
)
from api.directory.hsds.taxonomy import all_terms, taxonomy_objects
from api.directory.models import Service
from api.municipalities.models import Organization

MINIMAL_ORGANIZATION = ("id", "name", "description")

# --- organisations ----------------------------------------------------------------------------


def _organizations(*, search: str | None, modified_after: datetime | None) -> Any:
    stmt = scope.readable_organizations(ANONYMOUS)
    for term in search_stems(search):
        stmt = stmt.where(col(Organization.sort_name).like(f"%{like_escape(term)}%", escape="\\"))
    if modified_after is not None:
        stmt = stmt.where(col(Organization.updated_at) >= modified_after)
    return stmt


def _organizations_shape(session: Session, rows: Sequence[Organization], shape: Shape) -> list[JSONObj]:
    out = [mapping.organization(o, shape.lang) for o in rows]
    if shape.minimal:
        return [{k: o[k] for k in MINIMAL_ORGANIZATION if k in o} for o in out]
    if not (shape.full or shape.full_service) or not rows:
        return out
    chosen = session.exec(
        scope.readable_services(shape.actor)
        .where(col(Service.organization_id).in_([o.id for o in rows]))
        .order_by(col(Service.sort_name), col(Service.id))
    ).all()
    nested: dict[str, list[JSONObj]] = {body["id"]: [] for body in out}
    minimal = not shape.full_service
    for obj in services(session, list(chosen), actor=shape.actor, lang=shape.lang, minimal=minimal):
        nested[obj["organization_id"]].append(obj)
    for body in out:
        body["services"] = nested[body["id"]]
    return out


def organization_page(
    session: Session,
    shape: Shape,
    *,
    search: str | None,
    modified_after: datetime | None,
    page: int,
    per_page: int,
) -> JSONObj:
    stmt = _organizations(search=search, modified_after=modified_after)
    order = [col(Organization.sort_name), col(Organization.id)]
    total, rows = numbered(session, stmt, order, page=page, per_page=per_page)
    return envelope(_organizations_shape(session, rows, shape), total=total, page=page, per_page=per_page)


def organization_lines(
    factory: Any, shape: Shape, *, search: str | None, modified_after: datetime | None
) -> Iterator[str]:
    return keyset_lines(
        factory,
        _organizations(search=search, modified_after=modified_after),
        [col(Organization.sort_name), col(Organization.id)],
        lambda o: (o.sort_name, o.id),
        lambda session, rows: _organizations_shape(session, rows, shape),
    )


def one_organization(
    session: Session, organization_id: uuid.UUID, *, actor: Actor, lang: str, full_service: bool = False
) -> JSONObj:
    query = scope.readable_organizations(actor).where(col(Organization.id) == organization_id)
    org = found(session, query, "organization")
    body = mapping.organization(org, lang)
    rows = session.exec(
        scope.readable_services(actor)
        .where(scope.of_organization(Service, org.id))
        .order_by(col(Service.sort_name), col(Service.id))
        .limit(STREAM_BATCH)
    ).all()
    body["services"] = services(session, list(rows), actor=actor, lang=lang, minimal=not full_service)
    return body


# --- taxonomies -------------------------------------------------------------------------------


def _matching(items: list[JSONObj], search: str | None, fields: tuple[str, ...]) -> list[JSONObj]:
    for term in search_stems(search):
        items = [t for t in items if term in normalize(" ".join(str(t.get(f, "")) for f in fields))]
    return items


def taxonomies(*, search: str | None) -> list[JSONObj]:
    return _matching(taxonomy_objects(), search, ("name", "description"))


def taxonomy_page(*, search: str | None, page: int, per_page: int) -> JSONObj:
    return sliced(taxonomies(search=search), page=page, per_page=per_page)


def one_taxonomy(taxonomy: str) -> JSONObj:
    for item in taxonomy_objects():
        if item["id"] == taxonomy:
            return item
    raise not_found("taxonomy")


def terms(
    *, lang: str, search: str | None, taxonomy: str | None, top_only: bool, parent_id: str | None
) -> list[JSONObj]:
    items = all_terms(lang)
    if taxonomy:
        items = [t for t in items if taxonomy in (t["taxonomy_id"], t["taxonomy"])]
    if top_only:
        items = [t for t in items if "parent_id" not in t]
    if parent_id:
        items = [t for t in items if t.get("parent_id") == parent_id]
    return _matching(items, search, ("name", "code", "description"))


def one_term(term_id: str, *, lang: str) -> JSONObj:
    for term in all_terms(lang):
        if term["id"] == term_id:
            return term
    raise not_found("taxonomy term")


def lines(items: list[JSONObj]) -> Iterator[str]:
    yield "".join(json.dumps(o, ensure_ascii=False) + "\n" for o in items)
