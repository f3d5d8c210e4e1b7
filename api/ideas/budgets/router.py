"""HTTP routes of participatory budgets: budgets, their projects, your ballot, counting and results."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Request, Response

from api.accounts.deps import ActorDep
from api.core.conditional import IfMatchDep
from api.core.db import SessionDep
from api.core.errors import not_found, problem_responses
from api.core.http import NoStore, created, op, with_etag
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
    BudgetManager,
    ListingDep,
    ManagedBudget,
    ManagedProject,
    Participant,
    ReadableBudget,
    ReadableProject,
    rate_limited,
)
from api.ideas.fields import Slug

router = APIRouter(prefix="/budgets", tags=["budgets"])
ballot_router = APIRouter(prefix="/budgets", tags=["budgets"], dependencies=[NoStore])


@router.get("", **op(BudgetList, "Participatory budgets", (400, 422)))
def list_budgets(
    listing: ListingDep,
    municipality: Annotated[Slug | None, Query()] = None,
    phase: Annotated[Phase | None, Query()] = None,
) -> Response:
    s, actor = listing.session, listing.actor
    rows, cursor = budgets.list_budgets(
        s, actor=actor, params=listing.page, municipality=municipality, phase_filter=phase
    )
    return listing.answer(
        BudgetList(items=[budgets.to_read(s, b, actor, listing.locale) for b in rows], next_cursor=cursor)
    )


@router.post("", **op(BudgetRead, "Open a participatory budget", (401, 403, 422), status=201))
def create_budget(
    request: Request,
    response: Response,
    session: SessionDep,
    actor: BudgetManager,
    locale: LocaleDep,
    body: BudgetCreate,
) -> BudgetRead:
    budget = budgets.create(session, actor=actor, data=body)
    created(response, f"{request.url.path}/{budget.id}")
    return with_etag(response, budget.version, budgets.to_read(session, budget, actor, locale))


@router.get("/{budget_id}", **op(BudgetRead, "A participatory budget", (404,)))
def read_budget(
    budget: ReadableBudget, response: Response, session: SessionDep, actor: ActorDep, locale: LocaleDep
) -> BudgetRead:
    return with_etag(response, budget.version, budgets.to_read(session, budget, actor, locale))


@router.patch(
    "/{budget_id}",
    **op(BudgetRead, "Change a budget (dates, rules before voting)", (401, 403, 404, 409, 412, 422, 428)),
)
def update_budget(
    response: Response,
    session: SessionDep,
    actor: BudgetManager,
    budget: ManagedBudget,
    if_match: IfMatchDep,
    locale: LocaleDep,
    body: BudgetUpdate,
) -> BudgetRead:
    budgets.update(session, actor=actor, budget=budget, data=body, if_match=if_match)
    return with_etag(response, budget.version, budgets.to_read(session, budget, actor, locale))


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
    **op(
        ProjectRead,
        "Enter an idea (its author, while collecting; managers until voting)",
        (401, 403, 404, 409, 422),
        status=201,
    ),
)
def add_project(
    response: Response,
    session: SessionDep,
    actor: Participant,
    budget: ReadableBudget,
    locale: LocaleDep,
    body: ProjectCreate,
) -> ProjectRead:
    project = projects.add_project(session, actor=actor, budget=budget, idea_id=body.idea_id)
    return with_etag(response, project.version, projects.project_read(budget, project, actor, locale))


@router.get("/{budget_id}/projects/{project_id}", **op(ProjectRead, "A project", (404,)))
def read_project(
    found: ReadableProject, response: Response, actor: ActorDep, locale: LocaleDep
) -> ProjectRead:
    body = projects.project_read(found.budget, found.project, actor, locale)
    return with_etag(response, found.project.version, body)


@router.patch(
    "/{budget_id}/projects/{project_id}",
    **op(
        ProjectRead,
        "Review a project: cost estimate and feasibility verdict with its explanation",
        (401, 403, 404, 409, 412, 422, 428),
    ),
)
def update_project(
    response: Response,
    session: SessionDep,
    actor: BudgetManager,
    found: ManagedProject,
    if_match: IfMatchDep,
    locale: LocaleDep,
    body: ProjectUpdate,
) -> ProjectRead:
    projects.update_project(session, budget=found.budget, project=found.project, data=body, if_match=if_match)
    body_out = projects.project_read(found.budget, found.project, actor, locale)
    return with_etag(response, found.project.version, body_out)


@router.delete(
    "/{budget_id}/projects/{project_id}",
    **op(None, "Remove a project (before voting)", (401, 403, 404, 409, 412, 428), status=204),
)
def delete_project(
    session: SessionDep, actor: BudgetManager, found: ManagedProject, if_match: IfMatchDep
) -> Response:
    projects.delete_project(session, budget=found.budget, project=found.project, if_match=if_match)
    return Response(status_code=204)


@ballot_router.get("/{budget_id}/ballot", **op(BallotRead, "Your ballot", (401, 403, 404)))
def read_ballot(session: SessionDep, actor: Participant, budget: ReadableBudget) -> BallotRead:
    return ballots.ballot_read(session, actor=actor, budget=budget)


@ballot_router.put(
    "/{budget_id}/ballot",
    response_model=BallotRead,
    summary="Cast or change your ballot (knapsack: within the budget; approval: up to N)",
    responses=problem_responses(401, 403, 404, 409, 422, 429),
    dependencies=[Depends(rate_limited("ballot"))],
)
def cast_ballot(
    session: SessionDep, actor: Participant, budget: ReadableBudget, body: BallotPut
) -> BallotRead:
    return ballots.cast_ballot(session, actor=actor, budget=budget, project_ids=body.project_ids)


@ballot_router.delete(
    "/{budget_id}/ballot", **op(None, "Withdraw your ballot", (401, 403, 404, 409), status=204)
)
def withdraw_ballot(session: SessionDep, actor: Participant, budget: ReadableBudget) -> Response:
    ballots.withdraw_ballot(session, actor=actor, budget=budget)
    return Response(status_code=204)


@router.post(
    "/{budget_id}/count",
    **op(BudgetResults, "Count the ballots (after voting closes)", (401, 403, 404, 409, 412, 428)),
)
def count(
    session: SessionDep, actor: BudgetManager, budget: ManagedBudget, if_match: IfMatchDep, locale: LocaleDep
) -> BudgetResults:
    results.count(session, actor=actor, budget=budget, if_match=if_match)
    return results.results_read(session, budget, locale)


@router.post(
    "/{budget_id}/overrides",
    **op(
        BudgetResults, "Override a result, with the reason on record", (401, 403, 404, 409, 422), status=201
    ),
)
def create_override(
    session: SessionDep, actor: BudgetManager, budget: ManagedBudget, locale: LocaleDep, body: OverrideCreate
) -> BudgetResults:
    results.override(session, actor=actor, budget=budget, data=body)
    return results.results_read(session, budget, locale)


@router.post(
    "/{budget_id}/finish",
    **op(BudgetResults, "Publish the results; winning ideas go in_progress", (401, 403, 404, 409, 412, 428)),
)
def finish(
    session: SessionDep, actor: BudgetManager, budget: ManagedBudget, if_match: IfMatchDep, locale: LocaleDep
) -> BudgetResults:
    results.finish_budget(session, actor=actor, budget=budget, if_match=if_match)
    return results.results_read(session, budget, locale)


@router.get(
    "/{budget_id}/results",
    **op(BudgetResults, "Results (public once published; managers after counting)", (404,)),
)
def read_results(
    budget: ReadableBudget, session: SessionDep, actor: ActorDep, locale: LocaleDep
) -> BudgetResults:
    if not results.results_visible(budget, actor):
        raise not_found("results")
    return results.results_read(session, budget, locale)


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
