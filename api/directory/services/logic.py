"""Services: reading (one or a page, with their locations), creating, changing, verifying and
deleting (a tombstone stays for syncing partners)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from sqlmodel import Session, col, select

from api.core.actor import Actor
from api.core.audit import record_of
from api.core.conditional import IfMatch, claim
from api.core.errors import unprocessable
from api.core.i18n import Locale, resolve, resolved_language
from api.core.translation_status import status_maps
from api.core.types import language_codes
from api.directory.categories.reference import categories, legal_statuses
from api.directory.changes import apply, claimed_changes, invalid, stamped, tombstoned
from api.directory.codes import slug_of
from api.directory.derived_fields import refresh_service
from api.directory.locations.logic import check_locations, link, location_read, locations_of
from api.directory.models import Service
from api.directory.organizations.logic import owning_organization
from api.directory.services.schemas import ServiceCreate, ServiceRead, ServiceTombstone, ServiceUpdate
from api.directory.translatable import SERVICE_TEXTS
from api.municipalities.models import Organization
from api.webhooks.emit import emit

STALE_DAYS = 180
_LISTS = ("categories", "languages", "provided_languages", "eligible_statuses", "schedule")
# The rest of what a service shows of its own columns is shown as it is stored.
_AS_STORED = tuple(
    field
    for field in ServiceRead.model_fields
    if field in Service.model_fields and field not in (*SERVICE_TEXTS, *_LISTS)
)


def stale_before(today: date | None = None) -> date:
    return (today or date.today()) - timedelta(days=STALE_DAYS)


def _check_codes(
    *,
    categories_: Sequence[str] | None,
    statuses: Sequence[str] | None,
    languages: Sequence[str] | None = None,
) -> None:
    checked = (
        ("languages", languages, language_codes(), "language"),
        ("categories", categories_, categories(), "category"),
        ("eligible_statuses", statuses, legal_statuses(), "legal status"),
    )
    errors = [
        {"loc": ["body", field], "msg": f"unknown {what} '{code}'", "type": "unknown_code"}
        for field, codes, known, what in checked
        for code in codes or []
        if code not in known
    ]
    if errors:
        raise unprocessable("Unknown code(s).", errors=errors)


def _check_ranges(service: Service) -> None:
    if service.age_min is not None and service.age_max is not None and service.age_min > service.age_max:
        raise invalid("age_min is above age_max.", "age_min", "above age_max", "range")
    if service.start_date and service.end_date and service.start_date > service.end_date:
        raise invalid("start_date is after end_date.", "start_date", "after end_date", "range")
    if service.level and not any(c.startswith("language") for c in service.categories or []):
        raise invalid(
            "A CEFR level is for language courses.", "level", "only for language categories", "invalid"
        )
    if service.free:
        service.cost_amount = None


def served_languages(service: Service, lang: str) -> dict[str, str]:
    """The language each of the service's texts is shown in for a reader of ``lang``."""
    out = {}
    for field in SERVICE_TEXTS:
        served = resolved_language(getattr(service, field), lang)
        if served:
            out[field] = served
    return out


def _stored(service: Service, locale: Locale) -> dict[str, Any]:
    """What a service shows as it is stored: plain values, its texts in the reader's language, lists."""
    return {
        **{field: getattr(service, field) for field in _AS_STORED},
        **{field: locale.text(getattr(service, field)) for field in SERVICE_TEXTS},
        **{field: list(getattr(service, field) or []) for field in _LISTS},
    }


def read(
    session: Session,
    services: Sequence[Service],
    *,
    actor: Actor,
    locale: Locale,
    org_names: dict[uuid.UUID, dict[str, str]] | None = None,
) -> list[ServiceRead]:
    """Services as the API shows them, their locations and organisation names loaded in bulk."""
    ids = [s.id for s in services]
    locations = locations_of(session, ids)
    if org_names is None:
        org_ids = list({s.organization_id for s in services})
        found = session.exec(
            select(Organization.id, Organization.name).where(col(Organization.id).in_(org_ids))
        )
        org_names = {oid: dict(name) for oid, name in found.all()} if org_ids else {}
    cut = stale_before()
    statuses = status_maps(session, "service", services, SERVICE_TEXTS) if locale.all_translations else {}
    return [
        # Built from our own rows, so no validation: model_construct keeps the hot list route cheap.
        ServiceRead.model_construct(
            **_stored(s, locale),
            organization_name=locale.text(org_names.get(s.organization_id)),
            municipality=slug_of(session, s.municipality_id),
            text_language=None if locale.all_translations else resolved_language(s.name, locale.lang),
            text_languages=None if locale.all_translations else served_languages(s, locale.lang),
            translation_status=statuses.get(s.id),
            stale=s.assured_date is None or s.assured_date < cut,
            locations=[location_read(session, loc, actor=actor, locale=locale) for loc in locations[s.id]],
            last_modified=s.updated_at,
        )
        for s in services
    ]


def tombstone(service: Service) -> ServiceTombstone:
    assert service.deleted_at is not None
    return ServiceTombstone(id=service.id, deleted_at=service.deleted_at, last_modified=service.updated_at)


def create(session: Session, *, actor: Actor, data: ServiceCreate) -> Service:
    org = owning_organization(session, actor=actor, organization_id=data.organization_id)
    _check_codes(
        categories_=data.categories,
        statuses=data.eligible_statuses,
        languages=[*data.languages, *data.provided_languages],
    )
    location_ids = check_locations(session, organization_id=org.id, location_ids=data.location_ids)
    values = data.model_dump(exclude={"organization_id", "location_ids"})
    values["schedule"] = [slot.model_dump() for slot in data.schedule]
    service = Service(organization_id=org.id, municipality_id=org.municipality_id, **values)
    _check_ranges(service)
    refresh_service(service, org)
    session.add(service)
    session.flush()
    link(session, service_id=service.id, location_ids=location_ids)
    _audit(session, actor, "create", service)
    return service


def update(
    session: Session, *, actor: Actor, service: Service, data: ServiceUpdate, if_match: IfMatch
) -> Service:
    changes = claimed_changes(session, service, data, if_match)
    for required in ("name", "categories", "status", "format", "free"):
        if required in changes and changes[required] is None:
            raise invalid(f"{required} cannot be empty.", required, "null", "missing")
    _check_codes(
        categories_=changes.get("categories"),
        statuses=changes.get("eligible_statuses"),
        languages=[*(changes.get("languages") or []), *(changes.get("provided_languages") or [])],
    )
    location_ids = changes.pop("location_ids", None)
    if location_ids is not None:
        location_ids = check_locations(
            session, organization_id=service.organization_id, location_ids=location_ids
        )
    if "schedule" in changes and data.schedule is not None:
        changes["schedule"] = [slot.model_dump() for slot in data.schedule]
    apply(service, changes, lists=_LISTS, maps=SERVICE_TEXTS)
    _check_ranges(service)
    refresh_service(service, session.get(Organization, service.organization_id))
    stamped(session, service)
    if location_ids is not None:
        link(session, service_id=service.id, location_ids=location_ids)
    _audit(session, actor, "update", service, details={"fields": sorted(changes)})
    return service


def verify(session: Session, *, actor: Actor, service: Service, if_match: IfMatch | None) -> Service:
    """Mark the service's information as checked today (HSDS ``assured_date``); ``If-Match`` is
    optional here (a confirmation that nothing changed)."""
    claim(session, service, if_match)
    service.assured_date = date.today()
    service.assured_by = actor.id if actor.kind == "user" else None
    stamped(session, service)
    _audit(session, actor, "verify", service)
    return service


def delete(session: Session, *, actor: Actor, service: Service, if_match: IfMatch) -> None:
    claim(session, service, if_match)
    tombstoned(session, service)
    _audit(session, actor, "delete", service)


def _audit(
    session: Session, actor: Actor, action: str, service: Service, details: dict[str, Any] | None = None
) -> None:
    record_of(session, service, actor=actor, action=action, record_type="service", details=details)
    # Partner systems hear of every change in the same transaction (api.webhooks).
    kind = {"create": "created", "delete": "deleted"}.get(action, "updated")
    fields = (details or {}).get("fields") or (["assured_date"] if action == "verify" else [])
    emit(
        session,
        f"service.{kind}",
        municipality_id=service.municipality_id,
        data={
            "id": str(service.id),
            "organization_id": str(service.organization_id),
            "url": f"/api/v1/services/{service.id}",
            **({"changed": fields} if kind == "updated" else {}),
        },
    )


def best_name(service: Service, lang: str) -> str:
    return resolve(service.name, lang) or ""
