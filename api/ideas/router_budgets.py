"""HTTP routes of participatory budgets and open calls."""

from __future__ import annotations

import csv
import io
import uuid
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Request, Response

from api.accounts.deps import ActorDep
from api.core.db import SessionDep
from api.core.errors import not_found, problem_responses
from api.core.etag import require_if_match, set_etag
from api.core.i18n import LocaleDep, resolve
from api.core.pagination import PageDep, set_link_header
from api.ideas import access, budgets, open_calls
from api.ideas.budget_schemas import (
    AwardCreate,
    BallotPut,
    BallotRead,
    BudgetCreate,
    BudgetList,
    BudgetRead,
    BudgetResults,
    BudgetUpdate,
    Feasibility,
    OpenCallCreate,
    OpenCallList,
    OpenCallRead,
    OpenCallUpdate,
    OverrideCreate,
    OverrideRead,
    Phase,
    ProjectCreate,
    ProjectList,
    ProjectRead,
    ProjectUpdate,
    ResultRow,
)
from api.ideas.deps import BudgetManager, Participant, rate_limited
from api.ideas.models import Budget
from api.ideas.schemas import Slug

budgets_router = APIRouter(prefix="/budgets", tags=["budgets"])
calls_router = APIRouter(prefix="/open-calls", tags=["open-calls"])


@budgets_router.get(
    "", response_model=BudgetList, summary="Participatory budgets", responses=problem_responses(400, 422)
)
def list_budgets(
    request: Request,
    response: Response,
    session: SessionDep,
    actor: ActorDep,
    locale: LocaleDep,
    page: PageDep,
    municipality: Annotated[Slug | None, Query()] = None,
    phase: Annotated[Phase | None, Query()] = None,
) -> BudgetList:
    rows, next_cursor = budgets.list_budgets(
        session, params=page, municipality=municipality, phase_filter=phase
    )
    set_link_header(request, response, next_cursor)
    return BudgetList(
        items=[budgets.to_read(session, b, actor, locale) for b in rows], next_cursor=next_cursor
    )


@budgets_router.post(
    "",
    response_model=BudgetRead,
    status_code=201,
    summary="Open a participatory budget",
    responses=problem_responses(401, 403, 422),
)
def create_budget(
    request: Request,
    response: Response,
    session: SessionDep,
    actor: BudgetManager,
    locale: LocaleDep,
    body: BudgetCreate,
) -> BudgetRead:
    budget = budgets.create(session, actor=actor, data=body)
    response.headers["Location"] = f"{request.url.path}/{budget.id}"
    set_etag(response, budget.version)
    return budgets.to_read(session, budget, actor, locale)


@budgets_router.get(
    "/{budget_id}",
    response_model=BudgetRead,
    summary="A participatory budget",
    responses=problem_responses(404),
)
def read_budget(
    budget_id: uuid.UUID, response: Response, session: SessionDep, actor: ActorDep, locale: LocaleDep
) -> BudgetRead:
    budget = budgets.get(session, budget_id)
    set_etag(
        response,
        budget.version,
        f"{actor.id}:{locale.lang}:{locale.all_translations}:{budgets.phase(budget)}:{budget.ballot_count}",
    )
    return budgets.to_read(session, budget, actor, locale)


@budgets_router.patch(
    "/{budget_id}",
    response_model=BudgetRead,
    summary="Change a budget (dates, rules before voting)",
    responses=problem_responses(401, 403, 404, 409, 412, 422, 428),
)
def update_budget(
    budget_id: uuid.UUID,
    request: Request,
    response: Response,
    session: SessionDep,
    actor: BudgetManager,
    locale: LocaleDep,
    body: BudgetUpdate,
) -> BudgetRead:
    budget = budgets.get_managed(session, actor=actor, budget_id=budget_id)
    require_if_match(request, budget.version)
    budgets.update(session, actor=actor, budget=budget, data=body)
    set_etag(response, budget.version)
    return budgets.to_read(session, budget, actor, locale)


@budgets_router.get(
    "/{budget_id}/projects",
    response_model=ProjectList,
    summary="Projects of a budget",
    responses=problem_responses(400, 404),
)
def list_projects(
    budget_id: uuid.UUID,
    request: Request,
    response: Response,
    session: SessionDep,
    actor: ActorDep,
    locale: LocaleDep,
    page: PageDep,
    on_ballot: Annotated[bool, Query(description="Only feasible projects with a cost (the ballot)")] = False,
    feasibility: Annotated[Feasibility | None, Query()] = None,
) -> ProjectList:
    budget = budgets.get(session, budget_id)
    rows, next_cursor = budgets.list_projects(
        session, budget=budget, params=page, ballot_only=on_ballot, feasibility=feasibility
    )
    set_link_header(request, response, next_cursor)
    return ProjectList(
        items=[budgets.project_read(budget, p, actor, locale) for p in rows], next_cursor=next_cursor
    )


@budgets_router.post(
    "/{budget_id}/projects",
    response_model=ProjectRead,
    status_code=201,
    summary="Enter an idea (its author, while collecting; managers until voting)",
    responses=problem_responses(401, 403, 404, 409, 422),
)
def add_project(
    budget_id: uuid.UUID,
    response: Response,
    session: SessionDep,
    actor: Participant,
    locale: LocaleDep,
    body: ProjectCreate,
) -> ProjectRead:
    budget = budgets.get(session, budget_id)
    project = budgets.add_project(session, actor=actor, budget=budget, idea_id=body.idea_id)
    set_etag(response, project.version)
    return budgets.project_read(budget, project, actor, locale)


@budgets_router.get(
    "/{budget_id}/projects/{project_id}",
    response_model=ProjectRead,
    summary="A project",
    responses=problem_responses(404),
)
def read_project(
    budget_id: uuid.UUID,
    project_id: uuid.UUID,
    response: Response,
    session: SessionDep,
    actor: ActorDep,
    locale: LocaleDep,
) -> ProjectRead:
    budget = budgets.get(session, budget_id)
    project = budgets.get_project(session, budget=budget, project_id=project_id)
    set_etag(
        response, project.version, f"{actor.id}:{locale.lang}:{locale.all_translations}:{budget.finished_at}"
    )
    return budgets.project_read(budget, project, actor, locale)


@budgets_router.patch(
    "/{budget_id}/projects/{project_id}",
    response_model=ProjectRead,
    summary="Review a project: cost estimate and feasibility verdict with its explanation",
    responses=problem_responses(401, 403, 404, 409, 412, 422, 428),
)
def update_project(
    budget_id: uuid.UUID,
    project_id: uuid.UUID,
    request: Request,
    response: Response,
    session: SessionDep,
    actor: BudgetManager,
    locale: LocaleDep,
    body: ProjectUpdate,
) -> ProjectRead:
    budget = budgets.get_managed(session, actor=actor, budget_id=budget_id)
    project = budgets.get_project(session, budget=budget, project_id=project_id)
    require_if_match(request, project.version)
    budgets.update_project(session, budget=budget, project=project, data=body)
    set_etag(response, project.version)
    return budgets.project_read(budget, project, actor, locale)


@budgets_router.delete(
    "/{budget_id}/projects/{project_id}",
    status_code=204,
    summary="Remove a project (before voting)",
    responses=problem_responses(401, 403, 404, 409, 412, 428),
)
def delete_project(
    budget_id: uuid.UUID, project_id: uuid.UUID, request: Request, session: SessionDep, actor: BudgetManager
) -> Response:
    budget = budgets.get_managed(session, actor=actor, budget_id=budget_id)
    project = budgets.get_project(session, budget=budget, project_id=project_id)
    require_if_match(request, project.version)
    budgets.delete_project(session, budget=budget, project=project)
    return Response(status_code=204)


@budgets_router.get(
    "/{budget_id}/ballot",
    response_model=BallotRead,
    summary="Your ballot",
    responses=problem_responses(401, 403, 404),
)
def read_ballot(
    budget_id: uuid.UUID, response: Response, session: SessionDep, actor: Participant
) -> BallotRead:
    response.headers["Cache-Control"] = "no-store"
    return budgets.ballot_read(session, actor=actor, budget=budgets.get(session, budget_id))


@budgets_router.put(
    "/{budget_id}/ballot",
    response_model=BallotRead,
    summary="Cast or change your ballot (knapsack: within the budget; approval: up to N)",
    responses=problem_responses(401, 403, 404, 409, 422, 429),
    dependencies=[Depends(rate_limited("ballot"))],
)
def cast_ballot(
    budget_id: uuid.UUID,
    request: Request,
    response: Response,
    session: SessionDep,
    actor: Participant,
    body: BallotPut,
) -> BallotRead:
    response.headers["Cache-Control"] = "no-store"
    budget = budgets.get(session, budget_id)
    return budgets.cast_ballot(
        session,
        actor=actor,
        budget=budget,
        project_ids=body.project_ids,
    )


@budgets_router.delete(
    "/{budget_id}/ballot",
    status_code=204,
    summary="Withdraw your ballot",
    responses=problem_responses(401, 403, 404, 409),
)
def withdraw_ballot(budget_id: uuid.UUID, session: SessionDep, actor: Participant) -> Response:
    budgets.withdraw_ballot(session, actor=actor, budget=budgets.get(session, budget_id))
    return Response(status_code=204)


def _results(session: SessionDep, budget: Budget, locale: LocaleDep) -> BudgetResults:
    rows, overrides = budgets.results(session, budget=budget)
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


@budgets_router.post(
    "/{budget_id}/count",
    response_model=BudgetResults,
    summary="Count the ballots (after voting closes)",
    responses=problem_responses(401, 403, 404, 409, 412, 428),
)
def count(
    budget_id: uuid.UUID, request: Request, session: SessionDep, actor: BudgetManager, locale: LocaleDep
) -> BudgetResults:
    budget = budgets.get_managed(session, actor=actor, budget_id=budget_id)
    require_if_match(request, budget.version)
    budgets.count(session, actor=actor, budget=budget)
    session.flush()
    return _results(session, budget, locale)


@budgets_router.post(
    "/{budget_id}/overrides",
    response_model=BudgetResults,
    status_code=201,
    summary="Override a result, with the reason on record",
    responses=problem_responses(401, 403, 404, 409, 422),
)
def create_override(
    budget_id: uuid.UUID, session: SessionDep, actor: BudgetManager, locale: LocaleDep, body: OverrideCreate
) -> BudgetResults:
    budget = budgets.get_managed(session, actor=actor, budget_id=budget_id)
    budgets.override(session, actor=actor, budget=budget, data=body)
    return _results(session, budget, locale)


@budgets_router.post(
    "/{budget_id}/finish",
    response_model=BudgetResults,
    summary="Publish the results; winning ideas go in_progress",
    responses=problem_responses(401, 403, 404, 409, 412, 428),
)
def finish(
    budget_id: uuid.UUID, request: Request, session: SessionDep, actor: BudgetManager, locale: LocaleDep
) -> BudgetResults:
    budget = budgets.get_managed(session, actor=actor, budget_id=budget_id)
    require_if_match(request, budget.version)
    budgets.finish_budget(session, actor=actor, budget=budget)
    return _results(session, budget, locale)


@budgets_router.get(
    "/{budget_id}/results",
    response_model=BudgetResults,
    summary="Results (public once published; managers after counting)",
    responses=problem_responses(404),
)
def read_results(
    budget_id: uuid.UUID, session: SessionDep, actor: ActorDep, locale: LocaleDep
) -> BudgetResults:
    budget = budgets.get(session, budget_id)
    if not budgets.results_visible(budget, actor):
        raise not_found("results")
    return _results(session, budget, locale)


@budgets_router.get(
    "/{budget_id}/results/export",
    summary="Open data: the results as CSV",
    responses={200: {"content": {"text/csv": {}}, "description": "CSV"}, **problem_responses(404, 422)},
    response_class=Response,
)
def export_results(
    budget_id: uuid.UUID,
    session: SessionDep,
    actor: ActorDep,
    locale: LocaleDep,
    format: Annotated[Literal["csv"], Query()] = "csv",
) -> Response:
    budget = budgets.get(session, budget_id)
    if not budgets.results_visible(budget, actor):
        raise not_found("results")
    rows, overrides = budgets.results(session, budget=budget)
    overridden = {o.project_id for o in overrides}
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        [
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
    )
    counted = access.floor_hour(budget.counted_at)
    for p in rows:
        title = resolve(p.title, locale.lang) or ""
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
    return Response(
        out.getvalue(),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="budget-{budget.id}-results.csv"'},
    )


# --- open calls --------------------------------------------------------------------------------


@calls_router.get(
    "",
    response_model=OpenCallList,
    summary="Open calls (logo, city gate, anthem…)",
    responses=problem_responses(400, 422),
)
def list_calls(
    request: Request,
    response: Response,
    session: SessionDep,
    actor: ActorDep,
    locale: LocaleDep,
    page: PageDep,
    municipality: Annotated[Slug | None, Query()] = None,
    phase: Annotated[Literal["upcoming", "open", "judging", "awarded"] | None, Query()] = None,
) -> OpenCallList:
    rows, next_cursor = open_calls.list_calls(
        session, params=page, municipality=municipality, phase_filter=phase
    )
    set_link_header(request, response, next_cursor)
    return OpenCallList(
        items=[open_calls.to_read(session, c, actor, locale) for c in rows], next_cursor=next_cursor
    )


@calls_router.post(
    "",
    response_model=OpenCallRead,
    status_code=201,
    summary="Open a call with a named prize",
    responses=problem_responses(401, 403, 422),
)
def create_call(
    request: Request,
    response: Response,
    session: SessionDep,
    actor: BudgetManager,
    locale: LocaleDep,
    body: OpenCallCreate,
) -> OpenCallRead:
    call = open_calls.create(session, actor=actor, data=body)
    response.headers["Location"] = f"{request.url.path}/{call.id}"
    set_etag(response, call.version)
    return open_calls.to_read(session, call, actor, locale)


@calls_router.get(
    "/{call_id}", response_model=OpenCallRead, summary="An open call", responses=problem_responses(404)
)
def read_call(
    call_id: uuid.UUID, response: Response, session: SessionDep, actor: ActorDep, locale: LocaleDep
) -> OpenCallRead:
    call = open_calls.get(session, call_id)
    set_etag(
        response, call.version, f"{actor.id}:{locale.lang}:{locale.all_translations}:{open_calls.phase(call)}"
    )
    return open_calls.to_read(session, call, actor, locale)


@calls_router.patch(
    "/{call_id}",
    response_model=OpenCallRead,
    summary="Change an open call",
    responses=problem_responses(401, 403, 404, 409, 412, 422, 428),
)
def update_call(
    call_id: uuid.UUID,
    request: Request,
    response: Response,
    session: SessionDep,
    actor: BudgetManager,
    locale: LocaleDep,
    body: OpenCallUpdate,
) -> OpenCallRead:
    call = open_calls.get_managed(session, actor=actor, call_id=call_id)
    require_if_match(request, call.version)
    open_calls.update(session, call=call, data=body)
    set_etag(response, call.version)
    return open_calls.to_read(session, call, actor, locale)


@calls_router.post(
    "/{call_id}/award",
    response_model=OpenCallRead,
    summary="Award the prize to an entry (after submissions close)",
    responses=problem_responses(401, 403, 404, 409, 412, 422, 428),
)
def award(
    call_id: uuid.UUID,
    request: Request,
    response: Response,
    session: SessionDep,
    actor: BudgetManager,
    locale: LocaleDep,
    body: AwardCreate,
) -> OpenCallRead:
    call = open_calls.get_managed(session, actor=actor, call_id=call_id)
    require_if_match(request, call.version)
    open_calls.award(session, actor=actor, call=call, data=body)
    set_etag(response, call.version)
    return open_calls.to_read(session, call, actor, locale)
