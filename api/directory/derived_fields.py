"""Columns computed from what a service says: filter keys, sort name, folded search text."""

from __future__ import annotations

from typing import Any

from api.core.i18n import normalize, resolve, search_blob
from api.directory.categories.reference import categories, category_keys, code_keys
from api.directory.models import Service
from api.municipalities.models import Organization

WEEKDAY_BITS = {day: 1 << (day - 1) for day in range(1, 8)}


def weekday_mask(schedule: list[dict[str, object]]) -> int:
    mask = 0
    for slot in schedule or []:
        day = slot.get("weekday")
        if isinstance(day, int) and day in WEEKDAY_BITS:
            mask |= WEEKDAY_BITS[day]
    return mask


EVENING_FROM = "18:00"


def evening_mask(schedule: list[dict[str, object]]) -> int:
    """Weekdays with a slot that closes at 18:00 or later (open after working hours)."""
    mask = 0
    for slot in schedule or []:
        day, closes = slot.get("weekday"), slot.get("closes")
        if (
            isinstance(day, int)
            and day in WEEKDAY_BITS
            and isinstance(closes, str)
            and closes >= EVENING_FROM
        ):
            mask |= WEEKDAY_BITS[day]
    return mask


def sort_name(name: dict[str, str] | None) -> str:
    return normalize(resolve(name, "lt") or "")[:300]


def derive(values: dict[str, Any], organization_name: dict[str, str] | None) -> dict[str, Any]:
    """The derived columns of a service given as column values (bulk inserts use this directly)."""
    known = categories()
    cats = values.get("categories") or []
    category_names = [known[c].name for c in cats if c in known]
    return {
        "category_keys": category_keys(cats),
        "language_keys": code_keys(
            list(dict.fromkeys([*(values.get("languages") or []), *(values.get("provided_languages") or [])]))
        ),
        "provided_keys": code_keys(values.get("provided_languages") or []),
        "status_keys": code_keys(values.get("eligible_statuses") or []),
        "weekday_mask": weekday_mask(values.get("schedule") or []),
        "evening_mask": evening_mask(values.get("schedule") or []),
        "sort_name": sort_name(values.get("name")),
        "search_text": search_blob(
            values.get("name"),
            values.get("description"),
            organization_name,
            *category_names,
            values.get("eligibility_note"),
            values.get("application_process"),
        ),
    }


def refresh_service(service: Service, organization: Organization | None) -> None:
    """Set the derived columns; call after every change of the service (or its organisation's name)."""
    fields = (
        "name",
        "description",
        "categories",
        "languages",
        "provided_languages",
        "eligible_statuses",
        "schedule",
    )
    values = {f: getattr(service, f) for f in (*fields, "eligibility_note", "application_process")}
    for key, value in derive(values, organization.name if organization else None).items():
        setattr(service, key, value)


def refresh_organization(organization: Organization) -> None:
    organization.sort_name = sort_name(organization.name)
