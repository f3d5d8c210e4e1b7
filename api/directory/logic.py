"""What the directory offers other domains (keyword-only, stable): where an organisation belongs,
a brief of one service, and services matching a person's needs.

The directory's own reads and writes live in its subject packages (``services/``,
``organizations/``, ``locations/``, ``hsds/``).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from api.directory import scope
from api.directory.categories import reference as _categories
from api.directory.models import Service
from api.directory.services.schemas import ServiceBrief
from api.municipalities.models import Organization


def expand_categories(codes: Iterable[str]) -> set[str]:
    """The category codes and all their descendants (service-categories.csv)."""
    return _categories.expand_categories(codes)


def _brief(service: Service, org_name: dict[str, str] | None) -> ServiceBrief:
    return ServiceBrief(
        id=service.id,
        organization_id=service.organization_id,
        municipality_id=service.municipality_id,
        name=dict(service.name or {}),
        categories=list(service.categories or []),
        languages=list(service.languages or []),
        status=service.status,
        organization_name=dict(org_name or {}),
    )


def service_brief(session: Session, *, service_id: uuid.UUID) -> ServiceBrief | None:
    """A live service's brief, or None when it does not exist or was deleted."""
    row = session.exec(
        select(Service, Organization.name)
        .join(Organization, col(Organization.id) == Service.organization_id)
        .where(col(Service.id) == service_id, col(Service.deleted_at).is_(None))
    ).first()
    if row is None:
        return None
    service, org_name = row
    return _brief(service, dict(org_name))


def eligibility_filters(*, legal_status: str | None, age: int | None) -> list[sa.ColumnElement[bool]]:
    filters: list[sa.ColumnElement[bool]] = []
    if legal_status:
        filters.append(
            sa.or_(col(Service.status_keys) == "", col(Service.status_keys).like(f"%|{legal_status}|%"))
        )
    if age is not None:
        filters.append(sa.or_(col(Service.age_min).is_(None), col(Service.age_min) <= age))
        filters.append(sa.or_(col(Service.age_max).is_(None), col(Service.age_max) >= age))
    return filters


def match_services(
    session: Session,
    *,
    municipality_id: uuid.UUID,
    categories: list[str],
    language: str | None = None,
    legal_status: str | None = None,
    age: int | None = None,
    limit: int = 10,
) -> list[ServiceBrief]:
    """Active services in any of ``categories`` (or their sub-categories) open to that legal status
    and age, best first: in the person's municipality, then delivered in their language, then the
    most recently verified. An empty category list matches every category."""
    limit = max(1, min(limit, 100))
    query = (
        select(Service, Organization.name)
        .join(Organization, col(Organization.id) == Service.organization_id)
        .where(col(Service.deleted_at).is_(None), col(Service.status) == "active")
    )
    codes = sorted({c for c in categories if c})
    if codes:
        # category_keys holds every ancestor, so a parent's code finds its sub-categories' services.
        query = query.where(sa.or_(*(col(Service.category_keys).like(f"%|{c}|%") for c in codes)))
    for condition in eligibility_filters(legal_status=legal_status, age=age):
        query = query.where(condition)
    same_place = sa.case((scope.in_municipality(Service, municipality_id), 0), else_=1)
    order: list[Any] = [same_place]
    if language:
        order.append(sa.case((col(Service.language_keys).like(f"%|{language}|%"), 0), else_=1))
    order.append(sa.case((col(Service.assured_date).is_(None), 1), else_=0))
    order.append(col(Service.assured_date).desc())
    order.append(col(Service.id))
    rows = session.exec(query.order_by(*order).limit(limit)).all()
    return [_brief(service, dict(org_name)) for service, org_name in rows]
