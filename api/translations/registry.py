"""Every translatable text of every domain: which record type, which fields, whose municipality,
and who may edit it (the owning domain's own scope functions, so tenancy is decided in one place).

Adding a domain's texts means adding one entry here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlmodel import select

from api.core.actor import Actor
from api.directory import scope as directory_scope
from api.directory.models import Location, Service
from api.experts import scope as experts_scope
from api.experts.models import ExpertProfile, ExpertRequest
from api.ideas import scope as ideas_scope
from api.ideas.models import Budget, Idea, OpenCall
from api.indicators.models import IndicatorDefinition
from api.municipalities.models import Organization

# Languages a translator works in (the interface languages); content may carry more (e.g. ar).
WORK_LANGUAGES = ("lt", "en", "uk", "ru")


@dataclass(frozen=True)
class Translatable:
    record_type: str
    domain: str
    model: Any
    fields: tuple[str, ...]
    # The column holding the record's municipality (None: national texts).
    municipality: str | None
    # The ids of the records this actor may edit, as a Select (None: none).
    editable: Callable[[Actor], Any]
    # Volunteers with a ``translate:<lang>`` scope may translate these (public texts).
    public: bool
    # The web-app route of the record.
    link: str

    def ids(self, stmt: Any) -> Any:
        return stmt.with_only_columns(self.model.id)


def _indicators(actor: Actor) -> Any:
    if not actor.has("indicators:write"):
        return None
    return select(IndicatorDefinition)


ENTRIES: tuple[Translatable, ...] = (
    Translatable(
        "service",
        "directory",
        Service,
        ("name", "description", "eligibility_note", "cost_description", "application_process"),
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
        "#/organizations/{id}",
    ),
    Translatable(
        "location",
        "directory",
        Location,
        ("name", "accessibility"),
        "municipality_id",
        directory_scope.writable_locations,
        True,
        "#/locations/{id}",
    ),
    Translatable(
        "expert_profile",
        "experts",
        ExpertProfile,
        ("bio", "help_topics"),
        "residence_municipality_id",
        experts_scope.own_profile,
        False,
        "#/experts/{id}",
    ),
    Translatable(
        "expert_request",
        "experts",
        ExpertRequest,
        ("title", "question", "context"),
        "municipality_id",
        lambda actor: select(ExpertRequest).where(
            *experts_scope.request_owner(actor, whole_municipality=True)
        ),
        False,
        "#/expert-requests/{id}",
    ),
    Translatable(
        "idea",
        "ideas",
        Idea,
        ("title", "body"),
        "municipality_id",
        ideas_scope.moderated_ideas,
        False,
        "#/ideas/{id}",
    ),
    Translatable(
        "budget",
        "ideas",
        Budget,
        ("title", "description"),
        "municipality_id",
        ideas_scope.managed_budgets,
        True,
        "#/budgets/{id}",
    ),
    Translatable(
        "open_call",
        "ideas",
        OpenCall,
        ("title", "description", "prize"),
        "municipality_id",
        ideas_scope.managed_calls,
        True,
        "#/open-calls/{id}",
    ),
    Translatable(
        "indicator_definition",
        "indicators",
        IndicatorDefinition,
        ("name", "description"),
        None,
        _indicators,
        True,
        "#/indicators/{id}",
    ),
)

BY_TYPE: dict[str, Translatable] = {e.record_type: e for e in ENTRIES}
BY_MODEL: dict[Any, Translatable] = {e.model: e for e in ENTRIES}
DOMAINS: tuple[str, ...] = tuple(dict.fromkeys(e.domain for e in ENTRIES))


def municipality_column(entry: Translatable) -> Any:
    return getattr(entry.model, entry.municipality) if entry.municipality else sa.null()
