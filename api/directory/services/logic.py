"""Services: reading (one or a page, with their locations), creating, changing, verifying and
deleting (a tombstone stays for syncing partners)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from sqlmodel import Session, col, select

from api.core.actor import Actor
from api.core.audit import record
from api.core.conditional import IfMatch, claim
from api.core.db import utcnow
from api.core.errors import unprocessable
from api.core.i18n import Locale, resolve, resolved_language
from api.core.translation_status import status_maps
from api.core.types import language_codes
from api.directory.categories.reference import categories, legal_statuses
from api.directory.changes import apply
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


def stale_before(today: date | None = None) -> date:
    return (today or date.today()) - timedelta(days=STALE_DAYS)


def _check_codes(
    *,
    categories_: Sequence[str] | None,
    statuses: Sequence[str] | None,
    languages: Sequence[str] | None = None,
) -> None:
    errors: list[dict[str, Any]] = []
    known_languages = language_codes()
    for code in languages or []:
        if code not in known_languages:
            errors.append(
                {"loc": ["body", "languages"], "msg": f"unknown language '{code}'", "type": "unknown_code"}
            )
    known = categories()
    for code in categories_ or []:
        if code not in known:
            errors.append(
                {"loc": ["body", "categories"], "msg": f"unknown category '{code}'", "type": "unknown_code"}
            )
    known_statuses = legal_statuses()
    for code in statuses or []:
        if code not in known_statuses:
            errors.append(
                {
                    "loc": ["body", "eligible_statuses"],
                    "msg": f"unknown legal status '{code}'",
                    "type": "unknown_code",
                }
            )
    if errors:
        raise unprocessable("Unknown code(s).", errors=errors)


def _check_ranges(service: Service) -> None:
    if service.age_min is not None and service.age_max is not None and service.age_min > service.age_max:
        raise unprocessable(
            "age_min is above age_max.",
            errors=[{"loc": ["body", "age_min"], "msg": "above age_max", "type": "range"}],
        )
    if service.start_date and service.end_date and service.start_date > service.end_date:
        raise unprocessable(
            "start_date is after end_date.",
            errors=[{"loc": ["body", "start_date"], "msg": "after end_date", "type": "range"}],
        )
    if service.level and not any(c.startswith("language") for c in service.categories or []):
        raise unprocessable(
            "A CEFR level is for language courses.",
            errors=[{"loc": ["body", "level"], "msg": "only for language categories", "type": "invalid"}],
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
    out = []
    for s in services:
        # Built from our own rows, so no validation: model_construct keeps the hot list route cheap.
        out.append(
            ServiceRead.model_construct(
                id=s.id,
                organization_id=s.organization_id,
                organization_name=locale.text(org_names.get(s.organization_id)),
                municipality=slug_of(session, s.municipality_id),
                name=locale.text(s.name),
                description=locale.text(s.description),
                text_language=None if locale.all_translations else resolved_language(s.name, locale.lang),
                text_languages=None if locale.all_translations else served_languages(s, locale.lang),
                translation_status=statuses.get(s.id),
                categories=list(s.categories or []),
                status=s.status,  # type: ignore[arg-type]  # a CHECK constraint keeps it one of these
                languages=list(s.languages or []),
                provided_languages=list(s.provided_languages or []),
                eligible_statuses=list(s.eligible_statuses or []),
                age_min=s.age_min,
                age_max=s.age_max,
                sex=s.sex,
                eligibility_note=locale.text(s.eligibility_note),
                format=s.format,  # type: ignore[arg-type]
                level=s.level,
                free=s.free,
                cost_amount=s.cost_amount,
                cost_description=locale.text(s.cost_description),
                schedule=list(s.schedule or []),
                start_date=s.start_date,
                end_date=s.end_date,
                capacity=s.capacity,
                application_process=locale.text(s.application_process),
                url=s.url,
                email=s.email,
                phone=s.phone,
                funding_source=s.funding_source,
                funding_ends_on=s.funding_ends_on,
                assured_date=s.assured_date,
                assured_by=s.assured_by,
                stale=s.assured_date is None or s.assured_date < cut,
                locations=[
                    location_read(session, loc, actor=actor, locale=locale) for loc in locations[s.id]
                ],
                version=s.version,
                created_at=s.created_at,
                last_modified=s.updated_at,
            )
        )
    return out


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
    claim(session, service, if_match)
    changes = data.model_dump(exclude_unset=True)
    for required in ("name", "categories", "status", "format", "free"):
        if required in changes and changes[required] is None:
            raise unprocessable(
                f"{required} cannot be empty.",
                errors=[{"loc": ["body", required], "msg": "null", "type": "missing"}],
            )
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
    apply(
        service,
        changes,
        lists=("languages", "provided_languages", "eligible_statuses", "schedule"),
        maps=("description", "eligibility_note", "cost_description", "application_process"),
    )
    _check_ranges(service)
    refresh_service(service, session.get(Organization, service.organization_id))
    service.updated_at = utcnow()
    session.add(service)
    session.flush()
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
    service.updated_at = utcnow()
    session.add(service)
    session.flush()
    _audit(session, actor, "verify", service)
    return service


def delete(session: Session, *, actor: Actor, service: Service, if_match: IfMatch) -> None:
    claim(session, service, if_match)
    service.deleted_at = service.updated_at = utcnow()
    session.add(service)
    session.flush()
    _audit(session, actor, "delete", service)


def _audit(
    session: Session, actor: Actor, action: str, service: Service, details: dict[str, Any] | None = None
) -> None:
    record(
        session,
        actor=actor,
        action=action,
        record_type="service",
        record_id=service.id,
        municipality_id=service.municipality_id,
        details=details,
    )
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
