"""Participatory budgets: phases by date, projects from ideas, ballots, counting, overrides, results.

Phases follow the dates: collecting (from ``collecting_from``; ideas are entered), reviewing (from
``reviewing_from``; cost estimates and feasibility verdicts), voting (``voting_from`` until
``voting_until``; one ballot per person, changeable until voting closes), counting (after
``voting_until``: a manager counts, may override with a recorded reason, and publishes), finished.
"""

from __future__ import annotations

import itertools
import uuid
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from api.accounts.models import User
from api.core import audit
from api.core.actor import Actor
from api.core.db import dialect_insert, utcnow
from api.core.errors import ProblemError, conflict, not_found, unprocessable
from api.core.i18n import Locale
from api.core.pagination import PageParams, SortKey, finish, keyset
from api.ideas import access, counting, notifications
from api.ideas.budget_schemas import (
    BallotRead,
    BudgetCreate,
    BudgetRead,
    BudgetUpdate,
    OverrideCreate,
    ProjectRead,
    ProjectUpdate,
)
from api.ideas.categories import residence_of
from api.ideas.logic import idea_link, notify_state_change
from api.ideas.models import (
    Budget,
    BudgetBallot,
    BudgetBallotLine,
    BudgetOverride,
    BudgetProject,
    Idea,
)
from api.municipalities import logic as municipalities

_ballots = BudgetBallot.__table__  # type: ignore[attr-defined]
_lines = BudgetBallotLine.__table__  # type: ignore[attr-defined]
_budgets = Budget.__table__  # type: ignore[attr-defined]
ENTERABLE_STATES = ("published", "under_review", "accepted")
WON = {
    "lt": "Idėja „{title}“ laimėjo dalyvaujamajame biudžete",
    "en": "“{title}” won in the participatory budget",
    "uk": "Ідея «{title}» перемогла в бюджеті участі",
    "ru": "Идея «{title}» победила в бюджете участия",
}


def phase(budget: Budget, now: datetime | None = None) -> str:
    now = now or utcnow()
    if budget.finished_at is not None:
        return "finished"
    if now >= budget.voting_until:
        return "counting"
    if now >= budget.voting_from:
        return "voting"
    if now >= budget.reviewing_from:
        return "reviewing"
    return "collecting"


def _eligible(budget: Budget, user: User | None) -> bool:
    if user is None:
        return False
    return budget.eligibility == "everyone" or residence_of(user.country) == "resident"


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
        description=locale.text(budget.description),
        total_amount=budget.total_amount,
        currency=budget.currency,
        eligibility=budget.eligibility,
        ballot_rule=budget.ballot_rule,
        max_choices=budget.max_choices,
        counting_method=budget.counting_method,
        collecting_from=budget.collecting_from,
        reviewing_from=budget.reviewing_from,
        voting_from=budget.voting_from,
        voting_until=budget.voting_until,
        phase=current,
        counted_at=budget.counted_at,
        finished_at=budget.finished_at,
        project_count=project_count,
        ballot_count=budget.ballot_count,
        can_manage=access.is_budget_manager_of(actor, budget.municipality_id),
        can_vote=current == "voting" and actor.has("ideas:participate") and _eligible(budget, user),
        created_at=budget.created_at,
        updated_at=budget.updated_at,
    )


def list_budgets(
    session: Session, *, params: PageParams, municipality: str | None, phase_filter: str | None
) -> tuple[list[Budget], str | None]:
    stmt: Any = select(Budget)
    if municipality:
        stmt = stmt.where(Budget.municipality_id == municipalities.resolve_slug(session, municipality).id)
    now = utcnow()
    if phase_filter == "finished":
        stmt = stmt.where(col(Budget.finished_at).is_not(None))
    elif phase_filter == "counting":
        stmt = stmt.where(col(Budget.finished_at).is_(None), Budget.voting_until <= now)
    elif phase_filter == "voting":
        stmt = stmt.where(
            col(Budget.finished_at).is_(None), Budget.voting_from <= now, Budget.voting_until > now
        )
    elif phase_filter == "reviewing":
        stmt = stmt.where(
            col(Budget.finished_at).is_(None), Budget.reviewing_from <= now, Budget.voting_from > now
        )
    elif phase_filter == "collecting":
        stmt = stmt.where(col(Budget.finished_at).is_(None), Budget.reviewing_from > now)
    keys = [SortKey(Budget.voting_until, descending=True), SortKey(Budget.id, descending=True)]
    rows = list(session.exec(keyset(stmt, keys=keys, params=params)).all())
    return finish(rows, params=params, key_of=lambda b: [b.voting_until, b.id])


def get(session: Session, budget_id: uuid.UUID) -> Budget:
    budget = session.get(Budget, budget_id)
    if budget is None:
        raise not_found("budget")
    return budget


def get_managed(session: Session, *, actor: Actor, budget_id: uuid.UUID) -> Budget:
    """Tenancy: another municipality's budget is not found for its would-be managers."""
    budget = session.get(Budget, budget_id)
    if budget is None or not access.is_budget_manager_of(actor, budget.municipality_id):
        raise not_found("budget")
    return budget


def create(session: Session, *, actor: Actor, data: BudgetCreate) -> Budget:
    municipality = municipalities.resolve_slug(session, data.municipality)
    if not access.is_budget_manager_of(actor, municipality.id):
        raise unprocessable(
            "You manage another municipality's budgets.",
            errors=[{"loc": ["body", "municipality"], "msg": "not yours", "type": "value_error"}],
        )
    budget = Budget(
        municipality_id=municipality.id,
        **data.model_dump(exclude={"municipality"}),
        created_by=actor.id,
    )
    session.add(budget)
    session.flush()
    audit.record(
        session,
        actor=actor,
        action="create",
        record_type="budget",
        record_id=budget.id,
        municipality_id=municipality.id,
    )
    return budget


LOCKED_AFTER_VOTING_STARTS = {"total_amount", "eligibility", "ballot_rule", "max_choices", "voting_from"}


def update(session: Session, *, actor: Actor, budget: Budget, data: BudgetUpdate) -> Budget:
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
    budget.version += 1
    return budget


# --- projects ---------------------------------------------------------------------------------------


def on_ballot(project: BudgetProject) -> bool:
    return project.feasibility == "feasible" and project.cost is not None


def project_read(budget: Budget, project: BudgetProject, actor: Actor, locale: Locale) -> ProjectRead:
    results_visible = budget.finished_at is not None or (
        budget.counted_at is not None and access.is_budget_manager_of(actor, budget.municipality_id)
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
    project = session.get(BudgetProject, project_id)
    if project is None or project.budget_id != budget.id:
        raise not_found("project")
    return project


def add_project(session: Session, *, actor: Actor, budget: Budget, idea_id: uuid.UUID) -> BudgetProject:
    """Authors enter their ideas while collecting; managers may add ideas until voting starts."""
    manager = access.is_budget_manager_of(actor, budget.municipality_id)
    current = phase(budget)
    now = utcnow()
    idea = session.exec(access.readable_ideas(actor).where(Idea.id == idea_id)).first()
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
    session: Session, *, budget: Budget, project: BudgetProject, data: ProjectUpdate
) -> BudgetProject:
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
    project.version += 1
    return project


def delete_project(session: Session, *, budget: Budget, project: BudgetProject) -> None:
    if phase(budget) not in ("collecting", "reviewing"):
        raise conflict("Projects can be removed until voting starts.", slug="budget-phase")
    session.delete(project)


# --- ballots ---------------------------------------------------------------------------------------


def _ballot_projects(session: Session, budget: Budget) -> dict[uuid.UUID, BudgetProject]:
    rows = session.exec(
        select(BudgetProject).where(
            BudgetProject.budget_id == budget.id,
            BudgetProject.feasibility == "feasible",
            col(BudgetProject.cost).is_not(None),
        )
    ).all()
    return {p.id: p for p in rows}


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
    projects = _ballot_projects(session, budget)
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
    if not _eligible(budget, user) or user is None:
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
    projects = _ballot_projects(session, budget)
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
        session.execute(
            sa.update(_budgets)
            .where(_budgets.c.id == budget.id)
            .values(ballot_count=_budgets.c.ballot_count + 1)
        )
        session.expire(budget, ["ballot_count"])
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


def _remove_ballot(session: Session, *, actor: Actor, budget: Budget) -> bool:
    deleted = session.execute(
        sa.delete(_ballots)
        .where(_ballots.c.budget_id == budget.id, _ballots.c.user_id == actor.id)
        .returning(_ballots.c.id)
    ).first()
    if deleted is None:
        return False
    session.execute(sa.delete(_lines).where(_lines.c.ballot_id == deleted[0]))
    session.execute(
        sa.update(_budgets).where(_budgets.c.id == budget.id).values(ballot_count=_budgets.c.ballot_count - 1)
    )
    session.expire(budget, ["ballot_count"])
    return True


def withdraw_ballot(session: Session, *, actor: Actor, budget: Budget) -> None:
    if phase(budget) != "voting":
        raise conflict("Voting is not open for this budget.", slug="voting-closed")
    if _remove_ballot(session, actor=actor, budget=budget):
        audit.record(
            session,
            actor=actor,
            action="withdraw_ballot",
            record_type="budget_ballot",
            record_id=budget.id,
            municipality_id=budget.municipality_id,
            subject_id=actor.id,
        )


# --- counting and results --------------------------------------------------------------------------


def count(session: Session, *, actor: Actor, budget: Budget) -> Budget:
    if phase(budget) != "counting":
        raise conflict(
            "Ballots can be counted once voting has closed, before the results are published.",
            slug="budget-phase",
        )
    projects = _ballot_projects(session, budget)
    lines = session.execute(
        sa.select(_lines.c.ballot_id, _lines.c.project_id)
        .select_from(_lines.join(_ballots, _ballots.c.id == _lines.c.ballot_id))
        .where(_ballots.c.budget_id == budget.id)
    ).all()
    ballots: dict[uuid.UUID, set[uuid.UUID]] = {}
    for ballot_id, project_id in lines:
        if project_id in projects:
            ballots.setdefault(ballot_id, set()).add(project_id)
    votes = {pid: 0 for pid in projects}
    for chosen in ballots.values():
        for pid in chosen:
            votes[pid] += 1
    candidates = [
        counting.Candidate(key=p.id, number=p.number, cost=p.cost or 0, votes=votes[p.id])
        for p in projects.values()
    ]
    if budget.counting_method == "equal_shares":
        outcome = counting.equal_shares(
            candidates, [frozenset(b) for b in ballots.values()], budget.total_amount
        )
    else:
        outcome = counting.greedy(candidates, budget.total_amount)
    latest: dict[uuid.UUID, bool] = {}
    for o in session.exec(
        select(BudgetOverride)
        .where(BudgetOverride.budget_id == budget.id)
        .order_by(col(BudgetOverride.created_at))
    ).all():
        latest[o.project_id] = o.selected
    all_projects = session.exec(select(BudgetProject).where(BudgetProject.budget_id == budget.id)).all()
    for p in all_projects:
        if p.id in projects:
            p.votes = votes[p.id]
            p.computed_selected = p.id in outcome.selected
            p.selected = latest.get(p.id, p.computed_selected)
            p.result_rank = outcome.ranks[p.id]
        else:
            p.votes, p.computed_selected, p.selected, p.result_rank = None, None, None, None
    budget.counted_at = utcnow()
    budget.ballot_count = len(ballots)
    budget.result_details = {**outcome.details, "ballots": len(ballots)}
    budget.version += 1
    audit.record(
        session,
        actor=actor,
        action="count",
        record_type="budget",
        record_id=budget.id,
        municipality_id=budget.municipality_id,
        details={"method": budget.counting_method, "ballots": len(ballots)},
    )
    return budget


def override(session: Session, *, actor: Actor, budget: Budget, data: OverrideCreate) -> BudgetOverride:
    if budget.counted_at is None or budget.finished_at is not None:
        raise conflict("Results can be overridden after counting and before publishing.", slug="budget-phase")
    project = get_project(session, budget=budget, project_id=data.project_id)
    if not on_ballot(project):
        raise unprocessable(
            "Only projects on the ballot can win.",
            errors=[{"loc": ["body", "project_id"], "msg": "not on the ballot", "type": "value_error"}],
        )
    row = BudgetOverride(
        budget_id=budget.id,
        project_id=project.id,
        selected=data.selected,
        reason=data.reason,
        user_id=actor.id,
    )
    session.add(row)
    project.selected = data.selected
    project.version += 1
    budget.version += 1
    audit.record(
        session,
        actor=actor,
        action="override",
        record_type="budget",
        record_id=budget.id,
        municipality_id=budget.municipality_id,
        details={"project_id": str(project.id), "selected": data.selected},
    )
    session.flush()
    return row


def finish_budget(session: Session, *, actor: Actor, budget: Budget) -> Budget:
    """Publish the results; winning projects' ideas move to in_progress and their followers hear of it."""
    if budget.counted_at is None or budget.finished_at is not None:
        raise conflict("Count the ballots first; results are published once.", slug="budget-phase")
    budget.finished_at = utcnow()
    budget.version += 1
    winners = session.exec(
        select(BudgetProject).where(BudgetProject.budget_id == budget.id, BudgetProject.selected == True)  # noqa: E712
    ).all()
    for project in winners:
        idea = session.get(Idea, project.idea_id)
        if idea is None:
            continue
        notifications.notify_many(
            session,
            user_ids=notifications.followers(session, idea.id),
            kind="budget_won",
            title_translations=notifications.template(WON, idea.title),
            link=idea_link(idea.id),
            data={"idea_id": str(idea.id), "budget_id": str(budget.id)},
        )
        if idea.state in ENTERABLE_STATES:
            idea.state = "in_progress"
            idea.updated_at = utcnow()
            idea.version += 1
            notify_state_change(session, idea)
    audit.record(
        session,
        actor=actor,
        action="publish_results",
        record_type="budget",
        record_id=budget.id,
        municipality_id=budget.municipality_id,
    )
    return budget


def results_visible(budget: Budget, actor: Actor) -> bool:
    if budget.counted_at is None:
        return False
    return budget.finished_at is not None or access.is_budget_manager_of(actor, budget.municipality_id)


def results(session: Session, *, budget: Budget) -> tuple[list[BudgetProject], list[BudgetOverride]]:
    rows = list(
        session.exec(
            select(BudgetProject)
            .where(BudgetProject.budget_id == budget.id, col(BudgetProject.votes).is_not(None))
            .order_by(col(BudgetProject.result_rank))
        ).all()
    )
    overrides = list(
        session.exec(
            select(BudgetOverride)
            .where(BudgetOverride.budget_id == budget.id)
            .order_by(col(BudgetOverride.created_at))
        ).all()
    )
    return rows, overrides
