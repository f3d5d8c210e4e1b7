"""The ideas domain's translatable texts (see api.core.translatable)."""

from __future__ import annotations

from api.core.translatable import Translatable
from api.ideas import scope as ideas_scope
from api.ideas.models import Budget, Idea, OpenCall

ENTRIES = (
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
)
