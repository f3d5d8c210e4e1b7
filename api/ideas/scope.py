"""Who sees and may change what in the ideas domain: every tenancy filter, once.

Each ``readable_<thing>(actor)`` / ``managed_<thing>(actor)`` returns a ``Select`` to which the caller
adds ``.where(id == …)``; "no row" is then a 404, so another municipality's record is *not found*,
never forbidden. The small ``in_municipality`` helpers are the one place a query filters by a
municipality the caller chose (a board filter, a statistics scope), so nothing else in the domain
writes a municipality comparison.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any

import sqlalchemy as sa
from sqlmodel import col, select

from api.core.actor import Actor
from api.ideas.models import Budget, BudgetProject, Idea, IdeaBlock, ModerationCase, OpenCall


def in_municipality(column: Any, municipality_id: uuid.UUID | None) -> Any:
    """``column`` belongs to the given municipality (a filter the caller asked for)."""
    return column == municipality_id


def in_municipalities(column: Any, municipality_ids: Iterable[uuid.UUID]) -> Any:
    return column.in_(list(municipality_ids))


def is_moderator_of(actor: Actor, municipality_id: uuid.UUID) -> bool:
    return actor.has("ideas:moderate") and (actor.is_admin or actor.municipality_id == municipality_id)


def is_budget_manager_of(actor: Actor, municipality_id: uuid.UUID) -> bool:
    return actor.has("budgets:manage") and (actor.is_admin or actor.municipality_id == municipality_id)


def _own_municipality(actor: Actor, column: Any, *, scope: str | None = None) -> Any:
    """Everything for admins, the actor's municipality for others; nothing without ``scope``."""
    if scope is not None and not actor.has(scope):
        return sa.false()
    if actor.is_admin:
        return sa.true()
    if actor.municipality_id is None:
        return sa.false()
    return column == actor.municipality_id


# --- ideas ------------------------------------------------------------------------------------------


def public_clause() -> Any:
    return sa.and_(
        col(Idea.state) != "draft", col(Idea.moderation) == "visible", sa.not_(col(Idea.author_blocked))
    )


def readable_clause(actor: Actor) -> Any:
    """Public ideas for everyone; your own (drafts too); everything but others' drafts for moderators
    of the idea's municipality."""
    clauses = [public_clause()]
    if actor.kind == "user" and actor.id is not None:
        clauses.append(Idea.author_id == actor.id)
    if actor.has("ideas:moderate"):
        if actor.is_admin:
            clauses.append(Idea.state != "draft")
        elif actor.municipality_id is not None:
            clauses.append(
                sa.and_(col(Idea.municipality_id) == actor.municipality_id, col(Idea.state) != "draft")
            )
    return sa.or_(*clauses) if len(clauses) > 1 else clauses[0]


def readable_ideas(actor: Actor) -> Any:
    return select(Idea).where(readable_clause(actor))


def moderated_ideas(actor: Actor) -> Any:
    """Ideas the actor moderates: their municipality's (all for admins), never drafts."""
    owned = _own_municipality(actor, Idea.municipality_id, scope="ideas:moderate")
    return select(Idea).where(Idea.state != "draft", owned)


# --- moderation -------------------------------------------------------------------------------------


def readable_cases(actor: Actor) -> Any:
    """The moderation queue: the actor's municipality (everything for admins)."""
    return select(ModerationCase).where(_own_municipality(actor, ModerationCase.municipality_id))


def readable_blocks(actor: Actor) -> Any:
    return select(IdeaBlock).where(_own_municipality(actor, IdeaBlock.municipality_id))


# --- budgets and open calls -------------------------------------------------------------------------


def readable_dated(model: Any, actor: Actor) -> Any:
    """Participatory budgets and open calls (``model``) are public."""
    return select(model)


def managed_dated(model: Any, actor: Actor) -> Any:
    """Budgets or open calls of the actor's municipality (all for admins), for their managers."""
    return select(model).where(_own_municipality(actor, model.municipality_id, scope="budgets:manage"))


def managed_budgets(actor: Actor) -> Any:
    return managed_dated(Budget, actor)


def budget_projects(budget_id: uuid.UUID) -> Any:
    return select(BudgetProject).where(BudgetProject.budget_id == budget_id)


def managed_calls(actor: Actor) -> Any:
    return managed_dated(OpenCall, actor)
