"""Participatory budgets: phases by date, projects from ideas, ballots, counting, overrides, results.

Phases follow the dates: collecting (from ``collecting_from``; ideas are entered), reviewing (from
``reviewing_from``; cost estimates and feasibility verdicts), voting (``voting_from`` until
``voting_until``; one ballot per person, changeable until voting closes), counting (after
``voting_until``: a manager counts, may override with a recorded reason, and publishes), finished.
"""

from __future__ import annotations

import itertools

import sqlalchemy as sa
from sqlmodel import Session, col

from api.accounts.models import User
from api.core import audit
from api.core.actor import Actor
from api.core.conditional import IfMatch, claim
from api.core.db import utcnow
from api.core.errors import conflict, unprocessable
from api.core.i18n import Locale
from api.core.translation_status import text_meta
from api.ideas import access, scope
from api.ideas.budgets.schemas import (
    BudgetCreate,
    BudgetRead,
    BudgetUpdate,
)
from api.ideas.categories import residence_of
from api.ideas.fields import as_stored
from api.ideas.listing import Dated
from api.ideas.models import (
    Budget,
    BudgetProject,
)

ENTERABLE_STATES = ("published", "under_review", "accepted")


BUDGETS = Dated(
    Budget,
    "budget",
    closed=("finished", col(Budget.finished_at)),
    stages=[
        ("collecting", None),
        ("reviewing", Budget.reviewing_from),
        ("voting", Budget.voting_from),
        ("counting", Budget.voting_until),
    ],
)
phase = BUDGETS.phase


def eligible(budget: Budget, user: User | None) -> bool:
    if user is None:
        return False
    return budget.eligibility == "everyone" or residence_of(user.country) == "resident"


AS_STORED = (
    "total_amount",
    "currency",
    "eligibility",
    "ballot_rule",
    "max_choices",
    "counting_method",
    "collecting_from",
    "reviewing_from",
    "voting_from",
    "voting_until",
    "counted_at",
    "finished_at",
    "ballot_count",
    "created_at",
    "updated_at",
)


def to_read(session: Session, budget: Budget, actor: Actor, locale: Locale) -> BudgetRead:
    project_count = int(
        session.execute(
            sa.select(sa.func.count())
            .select_from(BudgetProject)
            .where(col(BudgetProject.budget_id) == budget.id)
        ).scalar_one()
    )
    user = session.get(User, actor.id) if actor.kind == "user" else None
    current = phase(budget)
    return BudgetRead(
        id=budget.id,
        municipality=access.slug_of(session, budget.municipality_id),
        title=locale.text(budget.title),
        **text_meta(session, budget, locale),
        description=locale.text(budget.description),
        **as_stored(budget, AS_STORED),
        phase=current,
        project_count=project_count,
        can_manage=scope.is_budget_manager_of(actor, budget.municipality_id),
        can_vote=current == "voting" and actor.has("ideas:participate") and eligible(budget, user),
    )


def create(session: Session, *, actor: Actor, data: BudgetCreate) -> Budget:
    budget = BUDGETS.open(session, actor=actor, data=data)
    audit.record_of(session, budget, actor=actor, action="create", record_type="budget")
    return budget


LOCKED_AFTER_VOTING_STARTS = {"total_amount", "eligibility", "ballot_rule", "max_choices", "voting_from"}


def update(
    session: Session, *, actor: Actor, budget: Budget, data: BudgetUpdate, if_match: IfMatch
) -> Budget:
    claim(session, budget, if_match)
    changes = data.model_dump(exclude_unset=True)
    current = phase(budget)
    if current == "finished":
        raise conflict("A finished budget cannot be changed.", slug="budget-finished")
    if current in ("voting", "counting"):
        locked = sorted(
            k for k in LOCKED_AFTER_VOTING_STARTS & set(changes) if changes[k] != getattr(budget, k)
        )
        if locked:
            raise conflict(
                f"Once voting has started these cannot change: {', '.join(locked)}.", slug="budget-locked"
            )
    if current == "counting" and budget.counted_at is not None and "voting_until" in changes:
        raise conflict("The ballots were counted; voting cannot reopen.", slug="budget-locked")
    for key, value in changes.items():
        if value is None and key not in ("max_choices",):
            continue
        setattr(budget, key, value)
    dates = [budget.collecting_from, budget.reviewing_from, budget.voting_from, budget.voting_until]
    if any(a > b for a, b in itertools.pairwise(dates)) or budget.voting_from >= budget.voting_until:
        raise unprocessable(
            "The phases must be in order: collecting_from ≤ reviewing_from ≤ voting_from < voting_until.",
            errors=[{"loc": ["body"], "msg": "phase dates out of order", "type": "value_error"}],
        )
    if budget.ballot_rule == "approval" and not budget.max_choices:
        raise unprocessable(
            "An approval ballot needs max_choices.",
            errors=[{"loc": ["body", "max_choices"], "msg": "required for approval", "type": "missing"}],
        )
    if budget.ballot_rule == "knapsack":
        budget.max_choices = None
    budget.updated_at = utcnow()
    return budget
