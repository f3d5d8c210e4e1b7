"""HTTP routes for requests for expertise: the requester's board, the public list of open public
requests (and experts volunteering answers to them), and the contributors a city thanks.
Proposals and invitations of a request are in :mod:`api.experts.invitations.router`."""

from __future__ import annotations

import uuid
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Response

from api.core.db import SessionDep
from api.core.errors import problem_responses
from api.core.http import NoStore, created, creating, op, with_etag
from api.core.i18n import LocaleDep
from api.core.types import IsoDate
from api.experts.answers import InboxAnswer, RequestAnswer
from api.experts.deps import (
    ExpertActor,
    IfMatchAfterBody,
    Listing,
    ManagedRequest,
    OwnProfile,
    RequesterActor,
)
from api.experts.invitations import inbox
from api.experts.invitations import logic as invitations
from api.experts.requests import logic as expert_requests
from api.experts.requests.schemas import (
    AnswerBody,
    ContributorList,
    ExpertRequestCreate,
    ExpertRequestList,
    ExpertRequestRead,
    ExpertRequestUpdate,
    InboxItem,
    PublicRequestList,
    PublicRequestRead,
    RequestStatus,
    RequestVisibility,
    StatusChange,
)

router = APIRouter(prefix="/expert-requests", tags=["expert-requests"])

RequestSort = Literal["-created_at", "created_at"]
_CHANGE_ERRORS = (401, 403, 404, 409, 412, 422, 428)


@router.get(
    "",
    **op(
        ExpertRequestList,
        "Your requests for expertise (your municipality's, or your organisation's)",
        (400, 401, 403),
    ),
)
def list_requests(
    session: SessionDep,
    actor: RequesterActor,
    listing: Listing,
    status_: Annotated[list[RequestStatus] | None, Query(alias="status", max_length=6)] = None,
    visibility: RequestVisibility | None = None,
    q: Annotated[
        str | None, Query(max_length=200, description="Words in the title, question or context")
    ] = None,
    sort: RequestSort = "-created_at",
) -> Response:
    rows, next_cursor = expert_requests.list_requests(
        session,
        actor=actor,
        params=listing.page,
        sort=sort,
        status=status_,
        visibility=visibility,
        q=q,
    )
    return listing(ExpertRequestList, expert_requests.reads(session, rows, listing.locale), next_cursor)


@router.post(
    "",
    **creating(
        ExpertRequestRead, "Post a request for expertise (a draft until you open it)", (401, 403, 422)
    ),
)
def create_request(
    session: SessionDep,
    actor: RequesterActor,
    answer: RequestAnswer,
    body: ExpertRequestCreate,
    municipality: Annotated[
        str | None, Query(max_length=60, description="Administrators: the municipality it is for")
    ] = None,
) -> ExpertRequestRead:
    req = expert_requests.create(session, actor=actor, data=body, municipality=municipality)
    created(answer.response, f"/api/v1/expert-requests/{req.id}")
    return answer(req)


@router.get(
    "/public",
    **op(PublicRequestList, "Public requests still taking answers: any expert may answer", (400, 401, 422)),
)
def list_public_requests(
    session: SessionDep,
    listing: Listing,
    municipality: Annotated[str | None, Query(max_length=60, description="Municipality slug")] = None,
    competence: Annotated[str | None, Query(max_length=40, description="Needs this competence")] = None,
    q: Annotated[str | None, Query(max_length=200)] = None,
) -> Response:
    rows, next_cursor = expert_requests.list_public(
        session, params=listing.page, municipality=municipality, competence=competence, q=q
    )
    items = [expert_requests.public_read(session, r, listing.locale) for r in rows]
    return listing(PublicRequestList, items, next_cursor)


@router.get("/public/{request_id}", **op(PublicRequestRead, "A public request", (401, 404)))
def read_public_request(
    request_id: uuid.UUID, session: SessionDep, locale: LocaleDep, response: Response
) -> PublicRequestRead:
    req = expert_requests.get_public(session, request_id=request_id)
    return with_etag(response, req.version, expert_requests.public_read(session, req, locale))


@router.post(
    "/public/{request_id}/answers",
    **creating(
        InboxItem, "Answer a public request (experts; no invitation needed)", (401, 403, 404, 409, 422)
    ),
    dependencies=[NoStore],
)
def volunteer_answer(
    request_id: uuid.UUID,
    session: SessionDep,
    actor: ExpertActor,
    profile: OwnProfile,
    answer: InboxAnswer,
    body: AnswerBody,
) -> InboxItem:
    inv = inbox.volunteer(session, actor=actor, profile=profile, request_id=request_id, body=body)
    created(answer.response, f"/api/v1/experts/me/invitations/{inv.id}")
    return answer(inv)


@router.get(
    "/contributors",
    response_model=ContributorList,
    summary="Who gave how many hours to your requests in a period (to thank them)",
    responses=problem_responses(401, 403, 422),
    dependencies=[NoStore],
)
def list_contributors(
    session: SessionDep,
    actor: RequesterActor,
    from_: Annotated[
        IsoDate | None, Query(alias="from", description="First day (default: 1 January)")
    ] = None,
    to: Annotated[IsoDate | None, Query(description="Last day, inclusive (default: today)")] = None,
    municipality: Annotated[
        str | None, Query(max_length=60, description="Administrators: one municipality")
    ] = None,
) -> ContributorList:
    return invitations.contributors(session, actor=actor, first=from_, last=to, municipality=municipality)


@router.get("/{request_id}", **op(ExpertRequestRead, "A request for expertise", (401, 403, 404)))
def read_request(req: ManagedRequest, answer: RequestAnswer) -> ExpertRequestRead:
    return answer(req)


@router.patch("/{request_id}", **op(ExpertRequestRead, "Change a request", _CHANGE_ERRORS))
def update_request(
    req: ManagedRequest,
    if_match: IfMatchAfterBody,
    session: SessionDep,
    actor: RequesterActor,
    body: ExpertRequestUpdate,
    answer: RequestAnswer,
) -> ExpertRequestRead:
    expert_requests.update(session, actor=actor, req=req, data=body, if_match=if_match())
    return answer(req)


@router.post(
    "/{request_id}/status",
    **op(
        ExpertRequestRead,
        "Move a request: open, in_progress, answered, closed (with outcome) or cancelled",
        _CHANGE_ERRORS,
    ),
)
def change_status(
    req: ManagedRequest,
    if_match: IfMatchAfterBody,
    session: SessionDep,
    actor: RequesterActor,
    body: StatusChange,
    answer: RequestAnswer,
) -> ExpertRequestRead:
    expert_requests.change_status(
        session, actor=actor, req=req, to=body.status, outcome=body.outcome, if_match=if_match()
    )
    return answer(req)
