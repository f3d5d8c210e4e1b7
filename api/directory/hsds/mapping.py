"""Our records as Open Referral HSDS 3.0 objects.

Mapping (also in the README): translatable text is given in one language (``?lang=`` or
Accept-Language, with our fallback chain; ``Content-Language`` says which); categories are HSDS
taxonomy terms of the taxonomy ``langelis-service-categories`` (ids are UUID5 of the code, the code
is in ``code``) linked to services by ``attributes``; eligible legal statuses, the format and the
CEFR level are attributes of the taxonomies ``langelis-legal-statuses``, ``langelis-service-formats``
and ``cefr``; the delivery languages are ``languages``; funding, cost, weekly times and dates map to
``funding``, ``cost_options`` and ``schedules`` (RRULE-style ``byday``). Confidential locations carry
no address or coordinates unless the caller may see them.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from api.core.actor import Actor
from api.core.i18n import resolve
from api.directory import scope
from api.directory.hsds.taxonomy import term_id, uid
from api.directory.models import Location, Service, ServiceAtLocation
from api.municipalities.models import Organization

HSDS_VERSION = "3.0"
BYDAY = {1: "MO", 2: "TU", 3: "WE", 4: "TH", 5: "FR", 6: "SA", 7: "SU"}
LANGUAGE_NAMES = {
    "lt": "Lithuanian",
    "en": "English",
    "uk": "Ukrainian",
    "ru": "Russian",
    "ar": "Arabic",
    "pl": "Polish",
    "be": "Belarusian",
    "fr": "French",
    "de": "German",
    "es": "Spanish",
    "tr": "Turkish",
    "fa": "Persian",
    "hi": "Hindi",
    "ka": "Georgian",
    "uz": "Uzbek",
    "tg": "Tajik",
    "ky": "Kyrgyz",
}


def _clean(obj: dict[str, Any]) -> dict[str, Any]:
    """HSDS fields are typed strings or numbers: leave out what we do not have."""
    return {k: v for k, v in obj.items() if v is not None and v != ""}


def organization(org: Organization, lang: str) -> dict[str, Any]:
    return _clean(
        {
            "id": str(org.id),
            "name": resolve(org.name, lang) or "",
            "description": resolve(org.description, lang) or resolve(org.name, lang) or "",
            "email": org.email,
            "website": org.website,
            "legal_status": org.kind,
            "phones": [
                {"id": uid("org-phone", org.id, i), "organization_id": str(org.id), "number": p}
                for i, p in enumerate(org.phones or [])
            ],
        }
    )


def _location(location: Location, *, actor: Actor, lang: str) -> dict[str, Any]:
    hidden = location.confidential and not scope.sees_confidential(
        actor, municipality_id=location.municipality_id, organization_id=location.organization_id
    )
    out: dict[str, Any] = {
        "id": str(location.id),
        "location_type": "physical",
        "organization_id": str(location.organization_id),
        "name": resolve(location.name, lang),
        "addresses": [],
        "accessibility": [],
        "schedules": [
            _schedule(slot, location_id=location.id, index=i)
            for i, slot in enumerate(location.opening_hours or [])
        ],
    }
    if location.accessibility:
        out["accessibility"] = [
            {
                "id": uid("access", location.id),
                "location_id": str(location.id),
                "description": resolve(location.accessibility, lang),
            }
        ]
    if not hidden:
        out["latitude"] = location.latitude
        out["longitude"] = location.longitude
        if location.address:
            out["addresses"] = [
                {
                    "id": uid("address", location.id),
                    "location_id": str(location.id),
                    "address_1": location.address,
                    "city": location.city or "",
                    "state_province": "",
                    "postal_code": location.postal_code or "",
                    "country": "LT",
                    "address_type": "physical",
                }
            ]
    return _clean(out)


def _schedule(
    slot: dict[str, Any],
    *,
    service_id: uuid.UUID | None = None,
    location_id: uuid.UUID | None = None,
    index: int = 0,
    valid_from: Any = None,
    valid_to: Any = None,
) -> dict[str, Any]:
    owner = service_id or location_id
    return _clean(
        {
            "id": uid("schedule", owner, index),
            "service_id": str(service_id) if service_id else None,
            "location_id": str(location_id) if location_id else None,
            "freq": "WEEKLY",
            "wkst": "MO",
            "byday": BYDAY.get(int(slot.get("weekday", 0))),
            "opens_at": slot.get("opens"),
            "closes_at": slot.get("closes"),
            "valid_from": valid_from.isoformat() if valid_from else None,
            "valid_to": valid_to.isoformat() if valid_to else None,
        }
    )


def _attribute(
    service_id: uuid.UUID,
    taxonomy: str,
    code: str,
    terms: dict[str, dict[str, Any]],
    value: str | None = None,
) -> dict[str, Any]:
    tid = term_id(taxonomy, code)
    term = terms.get(tid) or {"id": tid, "name": code, "description": code}
    return _clean(
        {
            "id": uid("attribute", service_id, taxonomy, code),
            "link_id": str(service_id),
            "link_type": taxonomy,
            "link_entity": "service",
            "taxonomy_term_id": tid,
            "value": value,
            "taxonomy_term": term,
        }
    )


def service(
    svc: Service,
    *,
    org: Organization | None,
    links: Sequence[tuple[ServiceAtLocation, Location]],
    actor: Actor,
    lang: str,
    terms: dict[str, dict[str, Any]],
    minimal: bool = False,
) -> dict[str, Any]:
    status = "temporarily closed" if svc.status == "temporarily_closed" else svc.status
    out: dict[str, Any] = {
        "id": str(svc.id),
        "organization_id": str(svc.organization_id),
        "name": resolve(svc.name, lang) or "",
        "description": resolve(svc.description, lang),
        "url": svc.url,
        "email": svc.email,
        "status": status,
        "application_process": resolve(svc.application_process, lang),
        "fees_description": resolve(svc.cost_description, lang) or ("Free" if svc.free else None),
        "eligibility_description": resolve(svc.eligibility_note, lang),
        "minimum_age": svc.age_min,
        "maximum_age": svc.age_max,
        "assured_date": svc.assured_date.isoformat() if svc.assured_date else None,
        "last_modified": svc.updated_at.isoformat(),
    }
    if minimal:
        return _clean(out)
    out["phones"] = (
        [{"id": uid("phone", svc.id), "service_id": str(svc.id), "number": svc.phone}] if svc.phone else []
    )
    out["languages"] = [
        {
            "id": uid("language", svc.id, code),
            "service_id": str(svc.id),
            "code": code,
            "name": LANGUAGE_NAMES.get(code, code),
        }
        for code in svc.languages or []
    ]
    out["schedules"] = [
        _schedule(slot, service_id=svc.id, index=i, valid_from=svc.start_date, valid_to=svc.end_date)
        for i, slot in enumerate(svc.schedule or [])
    ]
    if not out["schedules"] and (svc.start_date or svc.end_date):
        out["schedules"] = [
            _clean(
                {
                    "id": uid("schedule", svc.id, "dates"),
                    "service_id": str(svc.id),
                    "valid_from": svc.start_date.isoformat() if svc.start_date else None,
                    "valid_to": svc.end_date.isoformat() if svc.end_date else None,
                }
            )
        ]
    out["funding"] = (
        [_clean({"id": uid("funding", svc.id), "service_id": str(svc.id), "source": svc.funding_source})]
        if svc.funding_source
        else []
    )
    out["cost_options"] = [
        _clean(
            {
                "id": uid("cost", svc.id),
                "service_id": str(svc.id),
                "option": "free" if svc.free else "paid",
                "currency": None if svc.free else "EUR",
                "amount": 0
                if svc.free
                else (float(svc.cost_amount) if svc.cost_amount is not None else None),
                "amount_description": resolve(svc.cost_description, lang),
            }
        )
    ]
    attrs = [_attribute(svc.id, "langelis-service-categories", c, terms) for c in svc.categories or []]
    attrs += [_attribute(svc.id, "langelis-legal-statuses", c, terms) for c in svc.eligible_statuses or []]
    attrs.append(_attribute(svc.id, "langelis-service-formats", svc.format, terms))
    if svc.level:
        attrs.append(_attribute(svc.id, "cefr", svc.level, terms))
    if svc.funding_ends_on:
        attrs.append(
            _clean(
                {
                    "id": uid("attribute", svc.id, "funding_ends_on"),
                    "link_id": str(svc.id),
                    "link_type": "funding_ends_on",
                    "link_entity": "service",
                    "value": svc.funding_ends_on.isoformat(),
                }
            )
        )
    out["attributes"] = attrs
    out["service_at_locations"] = [
        service_at_location(link, location, actor=actor, lang=lang) for link, location in links
    ]
    if org is not None:
        out["organization"] = organization(org, lang)
    return _clean(out)


def service_at_location(
    link: ServiceAtLocation, location: Location, *, actor: Actor, lang: str
) -> dict[str, Any]:
    return {
        "id": str(link.id),
        "service_id": str(link.service_id),
        "location_id": str(link.location_id),
        "location": _location(location, actor=actor, lang=lang),
    }
