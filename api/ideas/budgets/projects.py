"""Projects of a budget: ideas entered while collecting, reviewed (cost, feasibility) until voting."""

from __future__ import annotations

import uuid
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from api.core.actor import Actor
from api.core.conditional import IfMatch, claim
from api.core.db import found, utcnow
from api.core.errors import ProblemError, conflict, unprocessable
from api.core.i18n import Locale
from api.core.pagination import PageParams, SortKey, finish, keyset
from api.ideas import access, scope
from api.ideas.budgets.logic import ENTERABLE_STATES, phase
from api.ideas.budgets.schemas import (
    ProjectRead,
    ProjectUpdate,
)
from api.ideas.models import (
    Budget,
    BudgetProject,
    Idea,
)


def on_ballot(project: BudgetProject) -> bool:
    return project.feasibility == "feasible" and project.cost is not None


def project_read(budget: Budget, project: BudgetProject, actor: Actor, locale: Locale) -> ProjectRead:
    results_visible = budget.finished_at is not None or (
        budget.counted_at is not None and scope.is_budget_manager_of(actor, budget.municipality_id)
    )
    return ProjectRead(
        id=project.id,
        budget_id=project.budget_id,
        idea_id=project.idea_id,
        number=project.number,
        title=locale.text(project.title),
        cost=project.cost,
        feasibility=project.feasibility,
        feasibility_explanation=locale.text(project.feasibility_explanation)
        if project.feasibility_explanation
        else (None if not locale.all_translations else {}),
        on_ballot=on_ballot(project),
        votes=project.votes if results_visible else None,
        selected=project.selected if results_visible else None,
        created_at=project.created_at,
        updated_at=project.updated_at,
    )


def list_projects(
    session: Session, *, budget: Budget, params: PageParams, ballot_only: bool, feasibility: str | None
) -> tuple[list[BudgetProject], str | None]:
    stmt: Any = select(BudgetProject).where(BudgetProject.budget_id == budget.id)
    if ballot_only:
        stmt = stmt.where(BudgetProject.feasibility == "feasible", col(BudgetProject.cost).is_not(None))
    if feasibility:
        stmt = stmt.where(BudgetProject.feasibility == feasibility)
    keys = [SortKey(BudgetProject.number)]
    rows = list(session.exec(keyset(stmt, keys=keys, params=params)).all())
    return finish(rows, params=params, key_of=lambda p: [p.number])


def get_project(session: Session, *, budget: Budget, project_id: uuid.UUID) -> BudgetProject:
    stmt = scope.budget_projects(budget.id).where(BudgetProject.id == project_id)
    return found(session, stmt, "project")


def add_project(session: Session, *, actor: Actor, budget: Budget, idea_id: uuid.UUID) -> BudgetProject:
    """Authors enter their ideas while collecting; managers may add ideas until voting starts."""
    manager = scope.is_budget_manager_of(actor, budget.municipality_id)
    current = phase(budget)
    now = utcnow()
    idea = session.exec(scope.readable_ideas(actor).where(Idea.id == idea_id)).first()
    if idea is None or idea.municipality_id != budget.municipality_id:
        raise unprocessable(
            "Unknown idea for this municipality.",
            errors=[{"loc": ["body", "idea_id"], "msg": "unknown idea", "type": "unknown_code"}],
        )
    if manager:
        if current not in ("collecting", "reviewing"):
            raise conflict("Projects can be added until voting starts.", slug="budget-phase")
    else:
        if idea.author_id != actor.id:
            raise ProblemError(403, "Only the idea's author may enter it.", slug="forbidden")
        if current != "collecting" or now < budget.collecting_from:
            raise conflict("The budget is not collecting ideas now.", slug="budget-phase")
        access.ensure_not_blocked(session, actor, budget.municipality_id)
    if idea.state not in ENTERABLE_STATES or idea.moderation != "visible":
        raise conflict(f"An idea that is {idea.state} cannot enter a budget.", slug="invalid-state")
    if session.exec(
        select(BudgetProject).where(BudgetProject.budget_id == budget.id, BudgetProject.idea_id == idea.id)
    ).first():
        raise conflict("The idea is already in this budget.", slug="already-entered")
    number = (
        int(
            session.execute(
                sa.select(sa.func.coalesce(sa.func.max(BudgetProject.number), 0)).where(
                    col(BudgetProject.budget_id) == budget.id
                )
            ).scalar_one()
        )
        + 1
    )
    project = BudgetProject(budget_id=budget.id, idea_id=idea.id, number=number, title=dict(idea.title))
    session.add(project)
    session.flush()
    return project


def update_project(
    session: Session, *, budget: Budget, project: BudgetProject, data: ProjectUpdate, if_match: IfMatch
) -> BudgetProject:
    claim(session, project, if_match)
    if phase(budget) not in ("collecting", "reviewing"):
        raise conflict("Projects can be reviewed until voting starts.", slug="budget-phase")
    changes = data.model_dump(exclude_unset=True)
    for key in ("title", "cost", "feasibility", "feasibility_explanation"):
        if key in changes and (changes[key] is not None or key == "cost"):
            setattr(project, key, changes[key])
    errors = []
    if project.feasibility == "feasible" and project.cost is None:
        errors.append(
            {"loc": ["body", "cost"], "msg": "a feasible project needs a cost estimate", "type": "missing"}
        )
    if project.cost is not None and project.cost > budget.total_amount:
        errors.append(
            {"loc": ["body", "cost"], "msg": "costs more than the whole budget", "type": "value_error"}
        )
    if project.feasibility == "unfeasible" and not project.feasibility_explanation:
        errors.append(
            {
                "loc": ["body", "feasibility_explanation"],
                "msg": "explain why it is not feasible",
                "type": "missing",
            }
        )
    if errors:
        raise unprocessable("The review is incomplete.", errors=errors)
    project.updated_at = utcnow()
    return project


def delete_project(session: Session, *, budget: Budget, project: BudgetProject, if_match: IfMatch) -> None:
    claim(session, project, if_match)
    if phase(budget) not in ("collecting", "reviewing"):
        raise conflict("Projects can be removed until voting starts.", slug="budget-phase")
    session.delete(project)


def ballot_projects(session: Session, budget: Budget) -> dict[uuid.UUID, BudgetProject]:
    rows = session.exec(
        select(BudgetProject).where(
            BudgetProject.budget_id == budget.id,
            BudgetProject.feasibility == "feasible",
            col(BudgetProject.cost).is_not(None),
        )
    ).all()
    return {p.id: p for p in rows}
