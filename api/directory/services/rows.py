"""Services from Core rows straight to JSON-ready dicts: the hot list's shape without ORM instances
or model validation (one query for the page, one for its locations).

The dicts hold exactly what ``ServiceRead`` / ``LocationRead`` / ``ServiceTombstone`` dump to, key
for key and in the same order (tests compare both paths for every filter on both databases); the
models still describe the answer in OpenAPI.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session

from api.core.actor import Actor
from api.core.errors import not_found
from api.core.i18n import Locale, resolve, resolved_language
from api.core.translation_status import status_maps
from api.directory import scope
from api.directory.codes import slug_of
from api.directory.models import Location, Service, ServiceAtLocation
from api.directory.services.logic import served_languages, stale_before
from api.directory.translatable import SERVICE_TEXTS
from api.municipalities.models import Organization

JSONObj = dict[str, Any]

SERVICES = Service.__table__  # type: ignore[attr-defined]
LOCATIONS = Location.__table__  # type: ignore[attr-defined]
LINKS = ServiceAtLocation.__table__  # type: ignore[attr-defined]
ORGANIZATIONS = Organization.__table__  # type: ignore[attr-defined]

# Every column but the folded search text and the derived filter keys (the answer never shows them).
_DERIVED = frozenset(
    {
        "search_text",
        "category_keys",
        "language_keys",
        "provided_keys",
        "status_keys",
        "weekday_mask",
        "evening_mask",
    }
)
SERVICE_COLUMNS = [c for c in SERVICES.c if c.name not in _DERIVED]
_LOCATION_COLUMNS = [
    "id",
    "organization_id",
    "municipality_id",
    "name",
    "address",
    "city",
    "postal_code",
    "latitude",
    "longitude",
    "accessibility",
    "opening_hours",
    "confidential",
    "version",
    "updated_at",
]


class Texts:
    """``Locale.text`` with the fallback chain worked out once per page, not once per field."""

    def __init__(self, locale: Locale) -> None:
        self.all = locale.all_translations
        self.lang = locale.lang

    def __call__(self, value: dict[str, str] | None) -> Any:
        if self.all:
            return dict(value or {})
        if not value:
            return None
        text = value.get(self.lang)
        return text if text else resolve(value, self.lang)


def locations_by_service(
    session: Session, service_ids: Sequence[uuid.UUID], *, actor: Actor, text: Texts
) -> dict[uuid.UUID, list[JSONObj]]:
    """Live locations of each service as ``LocationRead`` dicts, in one query."""
    out: dict[uuid.UUID, list[JSONObj]] = {sid: [] for sid in service_ids}
    if not service_ids:
        return out
    stmt = (
        sa.select(LINKS.c.service_id, *(LOCATIONS.c[name] for name in _LOCATION_COLUMNS))
        .join(LOCATIONS, LOCATIONS.c.id == LINKS.c.location_id)
        .where(LINKS.c.service_id.in_(list(service_ids)), LOCATIONS.c.deleted_at.is_(None))
        .order_by(LINKS.c.created_at, LOCATIONS.c.id)
    )
    for r in session.execute(stmt):
        hidden = r.confidential and not scope.sees_confidential(
            actor, municipality_id=r.municipality_id, organization_id=r.organization_id
        )
        out[r.service_id].append(
            {
                "id": r.id,
                "organization_id": r.organization_id,
                "municipality": slug_of(session, r.municipality_id),
                "name": text(r.name),
                "address": None if hidden else r.address,
                "city": r.city,
                "postal_code": None if hidden else r.postal_code,
                "latitude": None if hidden else r.latitude,
                "longitude": None if hidden else r.longitude,
                "accessibility": text(r.accessibility),
                "opening_hours": list(r.opening_hours or []),
                "confidential": r.confidential,
                "address_hidden": hidden,
                "version": r.version,
                "last_modified": r.updated_at,
            }
        )
    return out


def tombstone(r: Any) -> JSONObj:
    return {"id": r.id, "deleted": True, "deleted_at": r.deleted_at, "last_modified": r.updated_at}


def service_dicts(
    session: Session,
    rows: Sequence[Any],
    *,
    actor: Actor,
    locale: Locale,
    org_names: dict[uuid.UUID, dict[str, str]],
    stale_cut: date,
) -> list[JSONObj]:
    """Rows (``SERVICE_COLUMNS``) as the API shows them; a deleted service is a tombstone."""
    text = Texts(locale)
    live = [r.id for r in rows if r.deleted_at is None]
    locations = locations_by_service(session, live, actor=actor, text=text)
    statuses = (
        status_maps(session, "service", [r for r in rows if r.deleted_at is None], SERVICE_TEXTS)
        if text.all
        else {}
    )
    out: list[JSONObj] = []
    for r in rows:
        if r.deleted_at is not None:
            out.append(tombstone(r))
            continue
        assured = r.assured_date
        out.append(
            {
                "translation_status": statuses.get(r.id),
                "text_languages": None if text.all else served_languages(r, text.lang),
                "id": r.id,
                "deleted": False,
                "organization_id": r.organization_id,
                "organization_name": text(org_names.get(r.organization_id)),
                "municipality": slug_of(session, r.municipality_id),
                "name": text(r.name),
                "description": text(r.description),
                "text_language": None if text.all else resolved_language(r.name, text.lang),
                "categories": list(r.categories or []),
                "status": r.status,
                "languages": list(r.languages or []),
                "provided_languages": list(r.provided_languages or []),
                "eligible_statuses": list(r.eligible_statuses or []),
                "age_min": r.age_min,
                "age_max": r.age_max,
                "sex": r.sex,
                "eligibility_note": text(r.eligibility_note),
                "format": r.format,
                "level": r.level,
                "free": r.free,
                "cost_amount": r.cost_amount,
                "cost_description": text(r.cost_description),
                "schedule": list(r.schedule or []),
                "start_date": r.start_date,
                "end_date": r.end_date,
                "capacity": r.capacity,
                "application_process": text(r.application_process),
                "url": r.url,
                "email": r.email,
                "phone": r.phone,
                "funding_source": r.funding_source,
                "funding_ends_on": r.funding_ends_on,
                "assured_date": assured,
                "assured_by": r.assured_by,
                "stale": assured is None or assured < stale_cut,
                "locations": locations[r.id],
                "distance_m": None,
                "version": r.version,
                "created_at": r.created_at,
                "last_modified": r.updated_at,
            }
        )
    return out


def one_service(session: Session, *, actor: Actor, locale: Locale, service_id: uuid.UUID) -> JSONObj:
    """One readable service (404 otherwise) as ``ServiceRead`` dumps it: one query for the row and
    its organisation's name, one for its locations."""
    stmt = (
        scope.readable_services(actor)
        .with_only_columns(*SERVICE_COLUMNS, ORGANIZATIONS.c.name.label("org_name"))
        .select_from(SERVICES.join(ORGANIZATIONS, ORGANIZATIONS.c.id == SERVICES.c.organization_id))
        .where(SERVICES.c.id == service_id)
    )
    row = session.execute(stmt).first()
    if row is None:
        raise not_found("service")
    org_names = {row.organization_id: row.org_name}
    return service_dicts(
        session, [row], actor=actor, locale=locale, org_names=org_names, stale_cut=stale_before()
    )[0]
