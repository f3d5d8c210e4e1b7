"""Counting the ballots, overriding a result with a recorded reason, publishing, and reading the results."""

from __future__ import annotations

import csv
import io
import uuid

from sqlmodel import Session, col, select

from api.core import audit
from api.core.actor import Actor
from api.core.conditional import IfMatch, claim
from api.core.db import utcnow
from api.core.errors import conflict, unprocessable
from api.core.i18n import Locale, resolve
from api.ideas import access, counting, scope
from api.ideas.budgets.ballots import ballot_lines
from api.ideas.budgets.logic import ENTERABLE_STATES, phase
from api.ideas.budgets.projects import ballot_projects, get_project, on_ballot
from api.ideas.budgets.schemas import (
    BudgetResults,
    OverrideCreate,
    OverrideRead,
    ResultRow,
)
from api.ideas.events import notify_state_change, tell_followers
from api.ideas.models import (
    Budget,
    BudgetOverride,
    BudgetProject,
    Idea,
)


def count(session: Session, *, actor: Actor, budget: Budget, if_match: IfMatch) -> Budget:
    claim(session, budget, if_match)
    if phase(budget) != "counting":
        raise conflict(
            "Ballots can be counted once voting has closed, before the results are published.",
            slug="budget-phase",
        )
    projects = ballot_projects(session, budget)
    ballots: dict[uuid.UUID, set[uuid.UUID]] = {}
    for ballot_id, project_id in ballot_lines(session, budget):
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
    details = {"method": budget.counting_method, "ballots": len(ballots)}
    audit.record_of(session, budget, actor=actor, action="count", record_type="budget", details=details)
    session.flush()
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
    claim(session, project, None)
    claim(session, budget, None)
    project.selected = data.selected
    details = {"project_id": str(project.id), "selected": data.selected}
    audit.record_of(session, budget, actor=actor, action="override", record_type="budget", details=details)
    session.flush()
    return row


def finish_budget(session: Session, *, actor: Actor, budget: Budget, if_match: IfMatch) -> Budget:
    """Publish the results; winning projects' ideas move to in_progress and their followers hear of it."""
    claim(session, budget, if_match)
    if budget.counted_at is None or budget.finished_at is not None:
        raise conflict("Count the ballots first; results are published once.", slug="budget-phase")
    budget.finished_at = utcnow()
    winners = session.exec(
        select(BudgetProject).where(BudgetProject.budget_id == budget.id, BudgetProject.selected == True)  # noqa: E712
    ).all()
    for project in winners:
        idea = session.get(Idea, project.idea_id)
        if idea is None:
            continue
        tell_followers(session, idea, "budget_won", data={"budget_id": str(budget.id)})
        if idea.state in ENTERABLE_STATES:
            claim(session, idea, None)
            idea.state = "in_progress"
            idea.updated_at = utcnow()
            notify_state_change(session, idea)
    audit.record_of(session, budget, actor=actor, action="publish_results", record_type="budget")
    return budget


def results_visible(budget: Budget, actor: Actor) -> bool:
    if budget.counted_at is None:
        return False
    return budget.finished_at is not None or scope.is_budget_manager_of(actor, budget.municipality_id)


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


def results_read(session: Session, budget: Budget, locale: Locale) -> BudgetResults:
    rows, overrides = results(session, budget=budget)
    overridden = {o.project_id for o in overrides}
    assert budget.counted_at is not None
    return BudgetResults(
        budget_id=budget.id,
        counting_method=budget.counting_method,
        ballot_rule=budget.ballot_rule,
        total_amount=budget.total_amount,
        allocated=sum(p.cost or 0 for p in rows if p.selected),
        ballot_count=budget.ballot_count,
        counted_at=budget.counted_at,
        finished=budget.finished_at is not None,
        items=[
            ResultRow(
                project_id=p.id,
                idea_id=p.idea_id,
                number=p.number,
                title=locale.text(p.title),
                cost=p.cost or 0,
                votes=p.votes or 0,
                rank=p.result_rank or 0,
                selected=bool(p.selected),
                computed_selected=bool(p.computed_selected),
                overridden=p.id in overridden,
                allocated=(p.cost or 0) if p.selected else 0,
            )
            for p in rows
        ],
        overrides=[
            OverrideRead(
                id=o.id,
                project_id=o.project_id,
                selected=o.selected,
                reason=o.reason,
                created_at=o.created_at,
            )
            for o in overrides
        ],
        details=dict(budget.result_details or {}),
    )


CSV_COLUMNS = [
    "rank",
    "number",
    "project_id",
    "idea_id",
    "title",
    "cost",
    "votes",
    "selected",
    "computed_selected",
    "overridden",
    "allocated",
    "counted_at",
]


def results_csv(session: Session, *, budget: Budget, lang: str) -> str:
    """Open data: the results as CSV (titles neutralised against spreadsheet formulas)."""
    rows, overrides = results(session, budget=budget)
    overridden = {o.project_id for o in overrides}
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    counted = access.floor_hour(budget.counted_at)
    for p in rows:
        title = resolve(p.title, lang) or ""
        writer.writerow(
            [
                p.result_rank,
                p.number,
                p.id,
                p.idea_id,
                "'" + title if title[:1] in ("=", "+", "-", "@") else title,
                p.cost,
                p.votes,
                str(bool(p.selected)).lower(),
                str(bool(p.computed_selected)).lower(),
                str(p.id in overridden).lower(),
                (p.cost or 0) if p.selected else 0,
                counted.isoformat().replace("+00:00", "Z") if counted else "",
            ]
        )
    return out.getvalue()
