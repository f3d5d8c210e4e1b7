"""The ideas domain's translatable texts (see api.core.translatable)."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlmodel import col, select

from api.core.actor import Actor
from api.core.translatable import Translatable
from api.ideas import scope as ideas_scope
from api.ideas.models import Budget, Idea, IdeaAnswer, OpenCall


def _answers(actor: Actor) -> Any:
    """Official answers to the ideas the actor moderates."""
    moderated = ideas_scope.moderated_ideas(actor).with_only_columns(Idea.id)
    return select(IdeaAnswer).where(col(IdeaAnswer.idea_id).in_(moderated))


def _answer_municipality() -> Any:
    return (
        sa.select(col(Idea.municipality_id)).where(col(Idea.id) == col(IdeaAnswer.idea_id)).scalar_subquery()
    )


# An idea's translatable texts (also what its reads report with translations=all).
IDEA_TEXTS = ("title", "body")

ENTRIES = (
    Translatable(
        "idea",
        "ideas",
        Idea,
        IDEA_TEXTS,
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
        "idea_answer",
        "ideas",
        IdeaAnswer,
        ("body",),
        _answer_municipality,
        _answers,
        False,
        "#/ideas",
    ),
)
