"""HTTP routes of unmet needs (see ``logic``)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request, Response

from api.accounts.deps import client_address, require_scopes
from api.core.actor import Actor
from api.core.db import SessionDep
from api.core.http import NoStore, creating, op
from api.core.types import IsoDate
from api.directory.deps import ListingDep
from api.directory.unmet import logic
from api.directory.unmet.schemas import UnmetNeedCreate, UnmetNeedList, UnmetNeedReceived, UnmetNeedReport

router = APIRouter(tags=["directory"])
private = APIRouter(tags=["directory"], dependencies=[NoStore])
# Coordinators (their municipality) and admins: the people who plan services.
Planner = Annotated[Actor, Depends(require_scopes("directory:verify"))]
PLANNER_ERRORS = (401, 403, 422)


async def _filters(
    municipality: Annotated[str | None, Query(max_length=60, description="Municipality code")] = None,
    language: Annotated[str | None, Query(pattern=r"^[a-z]{2}$", description="Interface language")] = None,
    from_: Annotated[IsoDate | None, Query(alias="from", description="Sent on or after")] = None,
    to: Annotated[IsoDate | None, Query(description="Sent on or before")] = None,
    q: Annotated[str | None, Query(max_length=100, description="Words in what was searched or said")] = None,
) -> dict[str, Any]:
    return {"municipality": municipality, "language": language, "start": from_, "end": to, "q": q}


Filters = Annotated[dict[str, Any], Depends(_filters)]


@router.post(
    "/unmet-needs",
    **creating(
        UnmetNeedReceived,
        "Tell the municipality what you were looking for and did not find (no account, nothing personal)",
        (422, 429),
    ),
)
def create(request: Request, session: SessionDep, body: UnmetNeedCreate) -> UnmetNeedReceived:
    row = logic.record(session, data=body, client=client_address(request))
    return UnmetNeedReceived(id=row.id, created_at=row.created_at)


@private.get("/unmet-needs", **op(UnmetNeedList, "What people looked for and did not find", PLANNER_ERRORS))
def listing(session: SessionDep, actor: Planner, paging: ListingDep, filters: Filters) -> Response:
    items, cursor = logic.listing(session, actor, paging.page, **filters)
    return paging.answer(UnmetNeedList(items=items, next_cursor=cursor))


@private.get(
    "/unmet-needs/report",
    **op(
        UnmetNeedReport,
        "Unmet needs by municipality and language, with the words most asked for",
        PLANNER_ERRORS,
    ),
)
def report(session: SessionDep, actor: Planner, filters: Filters) -> UnmetNeedReport:
    return logic.report(session, actor, **filters)


@private.get(
    "/unmet-needs/report.csv",
    response_class=Response,
    **op(
        None,
        "The same report as CSV",
        PLANNER_ERRORS,
        responses={200: {"content": {"text/csv": {"schema": {"type": "string"}}}, "description": "CSV"}},
    ),
)
def report_csv(session: SessionDep, actor: Planner, filters: Filters) -> Response:
    body = logic.report_csv(logic.report(session, actor, **filters))
    return Response(
        body,
        media_type="text/csv; charset=utf-8",
        headers={
            "Cache-Control": "no-store",
            "Content-Disposition": 'attachment; filename="unmet-needs.csv"',
        },
    )
