"""HTTP routes of participatory budgets: budgets, their projects, your ballot, counting and results."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Response

from api.accounts.deps import ActorDep
from api.core.actor import Actor
from api.core.conditional import IfMatchDep
from api.core.db import SessionDep
from api.core.errors import not_found, problem_responses
from api.core.http import NoStore, creating, deleting, no_content, op
from api.core.i18n import LocaleDep
from api.ideas.budgets import ballots, projects, results
from api.ideas.budgets import logic as budgets
from api.ideas.budgets.schemas import (
    BallotPut,
    BallotRead,
    BudgetCreate,
    BudgetList,
    BudgetRead,
    BudgetResults,
    BudgetUpdate,
    Feasibility,
    OverrideCreate,
    Phase,
    ProjectCreate,
    ProjectList,
    ProjectRead,
    ProjectUpdate,
)
from api.ideas.deps import (
    ACTION_ERRORS,
    ADD_ERRORS,
    EDIT_ERRORS,
    BudgetManager,
    ListingDep,
    ManagedBudget,
    ManagedProject,
    Participant,
    ProjectOf,
    ReadableBudget,
    ReadableProject,
    Reply,
    ReplyDep,
    limited,
)
from api.ideas.fields import Slug
from api.ideas.models import Budget

router = APIRouter(prefix="/budgets", tags=["budgets"])
ballot_router = APIRouter(prefix="/budgets", tags=["budgets"], dependencies=[NoStore])


def _results(reply: Reply, budget: Budget) -> BudgetResults:
    return results.results_read(reply.session, budget, reply.locale)


@router.get("", **op(BudgetList, "Participatory budgets", (400, 422)))
def list_budgets(
    listing: ListingDep,
    municipality: Annotated[Slug | None, Query()] = None,
    phase: Annotated[Phase | None, Query()] = None,
) -> Response:
    s, actor = listing.session, listing.actor
    rows, cursor = budgets.BUDGETS.page(
        s, actor=actor, params=listing.page, municipality=municipality, phase=phase
    )
    return listing.answer(
        BudgetList(items=[budgets.to_read(s, b, actor, listing.locale) for b in rows], next_cursor=cursor)
    )


def _budget(reply: Reply, budget: Budget, actor: Actor) -> BudgetRead:
    return reply.tagged(budget.version, budgets.to_read(reply.session, budget, actor, reply.locale))


def _project(reply: Reply, found: ProjectOf, actor: Actor) -> ProjectRead:
    body = projects.project_read(found.budget, found.project, actor, reply.locale)
    return reply.tagged(found.project.version, body)


@router.post("", **creating(BudgetRead, "Open a participatory budget", (401, 403, 422)))
def create_budget(actor: BudgetManager, reply: ReplyDep, body: BudgetCreate) -> BudgetRead:
    budget = budgets.create(reply.session, actor=actor, data=body)
    return reply.created(
        budget.id, budget.version, budgets.to_read(reply.session, budget, actor, reply.locale)
    )


@router.get("/{budget_id}", **op(BudgetRead, "A participatory budget", (404,)))
def read_budget(budget: ReadableBudget, actor: ActorDep, reply: ReplyDep) -> BudgetRead:
    return _budget(reply, budget, actor)


@router.patch("/{budget_id}", **op(BudgetRead, "Change a budget (dates, rules before voting)", EDIT_ERRORS))
def update_budget(
    actor: BudgetManager, budget: ManagedBudget, if_match: IfMatchDep, reply: ReplyDep, body: BudgetUpdate
) -> BudgetRead:
    budgets.update(reply.session, actor=actor, budget=budget, data=body, if_match=if_match)
    return _budget(reply, budget, actor)


@router.get("/{budget_id}/projects", **op(ProjectList, "Projects of a budget", (400, 404)))
def list_projects(
    budget: ReadableBudget,
    listing: ListingDep,
    on_ballot: Annotated[bool, Query(description="Only feasible projects with a cost (the ballot)")] = False,
    feasibility: Annotated[Feasibility | None, Query()] = None,
) -> Response:
    rows, cursor = projects.list_projects(
        listing.session, budget=budget, params=listing.page, ballot_only=on_ballot, feasibility=feasibility
    )
    items = [projects.project_read(budget, p, listing.actor, listing.locale) for p in rows]
    return listing.answer(ProjectList(items=items, next_cursor=cursor))


@router.post(
    "/{budget_id}/projects",
    **creating(
        ProjectRead, "Enter an idea (its author, while collecting; managers until voting)", ADD_ERRORS
    ),
)
def add_project(
    actor: Participant, budget: ReadableBudget, reply: ReplyDep, body: ProjectCreate
) -> ProjectRead:
    project = projects.add_project(reply.session, actor=actor, budget=budget, idea_id=body.idea_id)
    return _project(reply, ProjectOf(budget, project), actor)


@router.get("/{budget_id}/projects/{project_id}", **op(ProjectRead, "A project", (404,)))
def read_project(found: ReadableProject, actor: ActorDep, reply: ReplyDep) -> ProjectRead:
    return _project(reply, found, actor)


@router.patch(
    "/{budget_id}/projects/{project_id}",
    **op(
        ProjectRead,
        "Review a project: cost estimate and feasibility verdict with its explanation",
        EDIT_ERRORS,
    ),
)
def update_project(
    actor: BudgetManager, found: ManagedProject, if_match: IfMatchDep, reply: ReplyDep, body: ProjectUpdate
) -> ProjectRead:
    projects.update_project(
        reply.session, budget=found.budget, project=found.project, data=body, if_match=if_match
    )
    return _project(reply, found, actor)


@router.delete(
    "/{budget_id}/projects/{project_id}", **deleting("Remove a project (before voting)", ACTION_ERRORS)
)
def delete_project(
    session: SessionDep, actor: BudgetManager, found: ManagedProject, if_match: IfMatchDep
) -> Response:
    projects.delete_project(session, budget=found.budget, project=found.project, if_match=if_match)
    return no_content()


@ballot_router.get("/{budget_id}/ballot", **op(BallotRead, "Your ballot", (401, 403, 404)))
def read_ballot(session: SessionDep, actor: Participant, budget: ReadableBudget) -> BallotRead:
    return ballots.ballot_read(session, actor=actor, budget=budget)


@ballot_router.put(
    "/{budget_id}/ballot",
    **limited(
        "ballot",
        BallotRead,
        "Cast or change your ballot (knapsack: within the budget; approval: up to N)",
        (401, 403, 404, 409, 422, 429),
    ),
)
def cast_ballot(
    session: SessionDep, actor: Participant, budget: ReadableBudget, body: BallotPut
) -> BallotRead:
    return ballots.cast_ballot(session, actor=actor, budget=budget, project_ids=body.project_ids)


@ballot_router.delete("/{budget_id}/ballot", **deleting("Withdraw your ballot", (401, 403, 404, 409)))
def withdraw_ballot(session: SessionDep, actor: Participant, budget: ReadableBudget) -> Response:
    ballots.withdraw_ballot(session, actor=actor, budget=budget)
    return no_content()


def _results_step(name: str, summary: str, step: Callable[..., Budget]) -> None:
    """``POST /{budget_id}/<name>``: a manager's step on the results under If-Match (``step``),
    answered with the results."""

    def route(
        actor: BudgetManager, budget: ManagedBudget, if_match: IfMatchDep, reply: ReplyDep
    ) -> BudgetResults:
        step(reply.session, actor=actor, budget=budget, if_match=if_match)
        return _results(reply, budget)

    router.post(f"/{{budget_id}}/{name}", **op(BudgetResults, summary, ACTION_ERRORS), name=name)(route)


_results_step("count", "Count the ballots (after voting closes)", results.count)


@router.post(
    "/{budget_id}/overrides",
    **creating(BudgetResults, "Override a result, with the reason on record", ADD_ERRORS),
)
def create_override(
    actor: BudgetManager, budget: ManagedBudget, reply: ReplyDep, body: OverrideCreate
) -> BudgetResults:
    results.override(reply.session, actor=actor, budget=budget, data=body)
    return _results(reply, budget)


_results_step("finish", "Publish the results; winning ideas go in_progress", results.finish_budget)


@router.get(
    "/{budget_id}/results",
    **op(BudgetResults, "Results (public once published; managers after counting)", (404,)),
)
def read_results(budget: ReadableBudget, actor: ActorDep, reply: ReplyDep) -> BudgetResults:
    if not results.results_visible(budget, actor):
        raise not_found("results")
    return _results(reply, budget)


@router.get(
    "/{budget_id}/results/export",
    summary="Open data: the results as CSV",
    responses={200: {"content": {"text/csv": {}}, "description": "CSV"}, **problem_responses(404, 422)},
    response_class=Response,
)
def export_results(
    budget: ReadableBudget,
    session: SessionDep,
    actor: ActorDep,
    locale: LocaleDep,
    format: Annotated[Literal["csv"], Query()] = "csv",
) -> Response:
    if not results.results_visible(budget, actor):
        raise not_found("results")
    return Response(
        results.results_csv(session, budget=budget, lang=locale.lang),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="budget-{budget.id}-results.csv"'},
    )
