"""Columns computed from what a service says: filter keys, sort name, folded search text."""

from __future__ import annotations

from api.core.i18n import normalize, resolve, search_blob
from api.directory.categories import categories, category_keys, code_keys
from api.directory.models import Organization, Service

WEEKDAY_BITS = {day: 1 << (day - 1) for day in range(1, 8)}


def weekday_mask(schedule: list[dict[str, object]]) -> int:
    mask = 0
    for slot in schedule or []:
        day = slot.get("weekday")
        if isinstance(day, int) and day in WEEKDAY_BITS:
            mask |= WEEKDAY_BITS[day]
    return mask


def sort_name(name: dict[str, str] | None) -> str:
    return normalize(resolve(name, "lt") or "")[:300]


def refresh_service(service: Service, organization: Organization | None) -> None:
    """Set the derived columns; call after every change of the service (or its organisation's name)."""
    service.category_keys = category_keys(service.categories or [])
    service.language_keys = code_keys(service.languages or [])
    service.status_keys = code_keys(service.eligible_statuses or [])
    service.weekday_mask = weekday_mask(service.schedule or [])
    service.sort_name = sort_name(service.name)
    known = categories()
    category_names = [known[c].name for c in service.categories or [] if c in known]
    service.search_text = search_blob(
        service.name,
        service.description,
        organization.name if organization else None,
        *category_names,
        service.eligibility_note,
        service.application_process,
    )


def refresh_organization(organization: Organization) -> None:
    organization.sort_name = sort_name(organization.name)
