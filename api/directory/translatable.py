"""The directory's translatable texts (see api.core.translatable)."""

from __future__ import annotations

from api.core.translatable import Translatable
from api.directory import scope as directory_scope
from api.directory.models import Location, Service
from api.municipalities.models import Organization

# The translatable texts of a service (also what its reads report with translations=all).
SERVICE_TEXTS = ("name", "description", "eligibility_note", "cost_description", "application_process")

ENTRIES = (
    Translatable(
        "service",
        "directory",
        Service,
        SERVICE_TEXTS,
        "municipality_id",
        directory_scope.writable_services,
        True,
        "#/services/{id}",
    ),
    Translatable(
        "organization",
        "directory",
        Organization,
        ("name", "description"),
        "municipality_id",
        directory_scope.writable_organizations,
        True,
        "#/services/mine",
    ),
    Translatable(
        "location",
        "directory",
        Location,
        ("name", "accessibility"),
        "municipality_id",
        directory_scope.writable_locations,
        True,
        "#/services/locations",
    ),
)
