"""Ballots: one per person and budget, changeable while voting, exact under concurrency."""

from __future__ import annotations

import uuid

import sqlalchemy as sa
from sqlmodel import Session, select

from api.accounts.models import User
from api.core import audit
from api.core.actor import Actor
from api.core.db import dialect_insert, utcnow
from api.core.errors import ProblemError, conflict, unprocessable
from api.ideas import access
from api.ideas.budgets.logic import eligible, phase
from api.ideas.budgets.projects import ballot_projects
from api.ideas.budgets.schemas import (
    BallotRead,
)
from api.ideas.categories import residence_of
from api.ideas.counters import add_to
from api.ideas.models import (
    Budget,
    BudgetBallot,
    BudgetBallotLine,
    BudgetProject,
)

_ballots = BudgetBallot.__table__  # type: ignore[attr-defined]
_lines = BudgetBallotLine.__table__  # type: ignore[attr-defined]


def _ballot_of(session: Session, budget: Budget, user_id: uuid.UUID | None) -> BudgetBallot | None:
    return session.exec(
        select(BudgetBallot).where(BudgetBallot.budget_id == budget.id, BudgetBallot.user_id == user_id)
    ).first()


def ballot_read(session: Session, *, actor: Actor, budget: Budget) -> BallotRead:
    ballot = _ballot_of(session, budget, actor.id)
    ids: list[uuid.UUID] = []
    if ballot is not None:
        ids = list(
            session.exec(
                select(BudgetBallotLine.project_id).where(BudgetBallotLine.ballot_id == ballot.id)
            ).all()
        )
    projects = ballot_projects(session, budget)
    ids = sorted(ids, key=lambda i: projects[i].number if i in projects else 0)
    total = sum((projects[i].cost or 0) for i in ids if i in projects)
    return BallotRead(
        budget_id=budget.id,
        project_ids=ids,
        total_cost=total,
        remaining=budget.total_amount - total if budget.ballot_rule == "knapsack" else None,
        choices_left=(budget.max_choices or 0) - len(ids) if budget.ballot_rule == "approval" else None,
        updated_at=ballot.updated_at if ballot else None,
    )


def _validate(budget: Budget, projects: dict[uuid.UUID, BudgetProject], ids: list[uuid.UUID]) -> None:
    if len(set(ids)) != len(ids):
        raise unprocessable(
            "A project is chosen twice.",
            errors=[{"loc": ["body", "project_ids"], "msg": "duplicates", "type": "value_error"}],
        )
    unknown = [str(i) for i in ids if i not in projects]
    if unknown:
        raise unprocessable(
            "Some chosen projects are not on this ballot.",
            errors=[
                {
                    "loc": ["body", "project_ids"],
                    "msg": f"not on the ballot: {unknown}",
                    "type": "value_error",
                }
            ],
        )
    if budget.ballot_rule == "knapsack":
        total = sum(projects[i].cost or 0 for i in ids)
        if total > budget.total_amount:
            raise unprocessable(
                f"The chosen projects cost {total}, more than the budget of {budget.total_amount}.",
                errors=[{"loc": ["body", "project_ids"], "msg": "over budget", "type": "over_budget"}],
            )
    elif len(ids) > (budget.max_choices or 0):
        raise unprocessable(
            f"Choose at most {budget.max_choices} projects.",
            errors=[{"loc": ["body", "project_ids"], "msg": "too many choices", "type": "too_many"}],
        )


def _check_voter(session: Session, actor: Actor, budget: Budget) -> User:
    if phase(budget) != "voting":
        raise conflict("Voting is not open for this budget.", slug="voting-closed")
    user = session.get(User, actor.id)
    if not eligible(budget, user) or user is None:
        raise ProblemError(403, "This budget is for residents of Lithuania only.", slug="not-eligible")
    access.ensure_not_blocked(session, actor, budget.municipality_id)
    return user


def cast_ballot(
    session: Session,
    *,
    actor: Actor,
    budget: Budget,
    project_ids: list[uuid.UUID],
) -> BallotRead:
    user = _check_voter(session, actor, budget)
    projects = ballot_projects(session, budget)
    _validate(budget, projects, project_ids)
    if not project_ids:
        _remove_ballot(session, actor=actor, budget=budget)
        return ballot_read(session, actor=actor, budget=budget)
    now = utcnow()
    inserted = session.execute(
        dialect_insert(session, _ballots)
        .values(
            id=uuid.uuid4(),
            budget_id=budget.id,
            user_id=user.id,
            voter_residence=residence_of(user.country),
            created_at=now,
            updated_at=now,
            version=1,
        )
        .on_conflict_do_nothing(index_elements=["budget_id", "user_id"])
        .returning(_ballots.c.id)
    ).first()
    if inserted is not None:
        add_to(session, budget, "ballot_count", 1)
        ballot_id = inserted[0]
    else:
        ballot_id = session.execute(
            sa.update(_ballots)
            .where(_ballots.c.budget_id == budget.id, _ballots.c.user_id == user.id)
            .values(updated_at=now, version=_ballots.c.version + 1)
            .returning(_ballots.c.id)
        ).scalar_one()
    session.execute(sa.delete(_lines).where(_lines.c.ballot_id == ballot_id))
    session.execute(sa.insert(_lines), [{"ballot_id": ballot_id, "project_id": p} for p in project_ids])
    audit.record(
        session,
        actor=actor,
        action="cast_ballot",
        record_type="budget_ballot",
        record_id=ballot_id,
        municipality_id=budget.municipality_id,
        subject_id=user.id,
        details={"budget_id": str(budget.id)},
    )
    session.expire_all()
    return ballot_read(session, actor=actor, budget=budget)


def ballot_lines(session: Session, budget: Budget) -> list[tuple[uuid.UUID, uuid.UUID]]:
    """Every choice on the budget's ballots: (ballot id, project id)."""
    lines = session.execute(
        sa.select(_lines.c.ballot_id, _lines.c.project_id)
        .select_from(_lines.join(_ballots, _ballots.c.id == _lines.c.ballot_id))
        .where(_ballots.c.budget_id == budget.id)
    ).all()
    return [(ballot_id, project_id) for ballot_id, project_id in lines]


def _remove_ballot(session: Session, *, actor: Actor, budget: Budget) -> bool:
    deleted = session.execute(
        sa.delete(_ballots)
        .where(_ballots.c.budget_id == budget.id, _ballots.c.user_id == actor.id)
        .returning(_ballots.c.id)
    ).first()
    if deleted is None:
        return False
    session.execute(sa.delete(_lines).where(_lines.c.ballot_id == deleted[0]))
    add_to(session, budget, "ballot_count", -1)
    return True


def withdraw_ballot(session: Session, *, actor: Actor, budget: Budget) -> None:
    if phase(budget) != "voting":
        raise conflict("Voting is not open for this budget.", slug="voting-closed")
    if _remove_ballot(session, actor=actor, budget=budget):
        audit.record_of(
            session,
            budget,
            actor=actor,
            action="withdraw_ballot",
            record_type="budget_ballot",
            subject_id=actor.id,
        )
