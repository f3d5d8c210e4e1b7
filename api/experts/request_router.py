"""HTTP routes for requests for expertise: the requester's board, proposals, invitations and hours,
the public list of open public requests, and experts volunteering answers to them."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, time, timedelta
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request, Response, status

from api.core.config import SettingsDep
from api.core.db import SessionDep
from api.core.errors import problem_responses, unprocessable
from api.core.etag import require_if_match
from api.core.i18n import LocaleDep
from api.core.pagination import PageDep, set_link_header
from api.experts import expert_requests, inbox, invitations
from api.experts.deps import (
    ExpertActor,
    ManagedRequest,
    OwnProfile,
    RequesterActor,
    etag,
    json_body,
    no_store,
)
from api.experts.request_schemas import (
    AnswerBody,
    ContributorList,
    ExpertRequestCreate,
    ExpertRequestList,
    ExpertRequestRead,
    ExpertRequestUpdate,
    InboxItem,
    InvitationCreate,
    InvitationList,
    InvitationRead,
    InvitationStatus,
    InvitationUpdate,
    ProposalList,
    PublicRequestList,
    PublicRequestRead,
    RequestStatus,
    RequestVisibility,
    StatusChange,
)

router = APIRouter(prefix="/expert-requests", tags=["expert-requests"])

RequestSort = Literal["-created_at", "created_at"]


@router.get(
    "",
    response_model=ExpertRequestList,
    summary="Your requests for expertise (your municipality's, or your organisation's)",
    responses=problem_responses(400, 401, 403),
)
def list_requests(
    request: Request,
    response: Response,
    session: SessionDep,
    actor: RequesterActor,
    locale: LocaleDep,
    page: PageDep,
    status_: Annotated[list[RequestStatus] | None, Query(alias="status", max_length=6)] = None,
    visibility: RequestVisibility | None = None,
    q: Annotated[
        str | None, Query(max_length=200, description="Words in the title, question or context")
    ] = None,
    sort: RequestSort = "-created_at",
) -> ExpertRequestList:
    rows, next_cursor = expert_requests.list_requests(
        session, actor=actor, params=page, sort=sort, status=status_, visibility=visibility, q=q
    )
    set_link_header(request, response, next_cursor)
    return ExpertRequestList(items=expert_requests.reads(session, rows, locale), next_cursor=next_cursor)


@router.post(
    "",
    response_model=ExpertRequestRead,
    status_code=status.HTTP_201_CREATED,
    summary="Post a request for expertise (a draft until you open it)",
    responses=problem_responses(401, 403, 422),
)
def create_request(
    session: SessionDep,
    actor: RequesterActor,
    locale: LocaleDep,
    body: ExpertRequestCreate,
    response: Response,
    municipality: Annotated[
        str | None, Query(max_length=60, description="Administrators: the municipality it is for")
    ] = None,
) -> ExpertRequestRead:
    req = expert_requests.create(session, actor=actor, data=body, municipality=municipality)
    response.headers["Location"] = f"/api/v1/expert-requests/{req.id}"
    return etag(response, req.version, expert_requests.reads(session, [req], locale)[0])


@router.get(
    "/public",
    response_model=PublicRequestList,
    summary="Public requests still taking answers: any expert may answer",
    responses=problem_responses(400, 401, 422),
)
def list_public_requests(
    request: Request,
    response: Response,
    session: SessionDep,
    locale: LocaleDep,
    page: PageDep,
    municipality: Annotated[str | None, Query(max_length=60, description="Municipality slug")] = None,
    competence: Annotated[str | None, Query(max_length=40, description="Needs this competence")] = None,
    q: Annotated[str | None, Query(max_length=200)] = None,
) -> PublicRequestList:
    rows, next_cursor = expert_requests.list_public(
        session, params=page, municipality=municipality, competence=competence, q=q
    )
    set_link_header(request, response, next_cursor)
    return PublicRequestList(
        items=[expert_requests.public_read(session, r, locale) for r in rows], next_cursor=next_cursor
    )


@router.get(
    "/public/{request_id}",
    response_model=PublicRequestRead,
    summary="A public request",
    responses=problem_responses(401, 404),
)
def read_public_request(
    request_id: uuid.UUID, session: SessionDep, locale: LocaleDep, response: Response
) -> PublicRequestRead:
    req = expert_requests.get_public(session, request_id=request_id)
    return etag(response, req.version, expert_requests.public_read(session, req, locale))


@router.post(
    "/public/{request_id}/answers",
    response_model=InboxItem,
    status_code=status.HTTP_201_CREATED,
    summary="Answer a public request (experts; no invitation needed)",
    responses=problem_responses(401, 403, 404, 409, 422),
)
def volunteer_answer(
    request_id: uuid.UUID,
    session: SessionDep,
    actor: ExpertActor,
    profile: OwnProfile,
    locale: LocaleDep,
    body: AnswerBody,
    response: Response,
) -> InboxItem:
    inv = inbox.volunteer(session, actor=actor, profile=profile, request_id=request_id, body=body)
    session.flush()
    response.headers["Location"] = f"/api/v1/experts/me/invitations/{inv.id}"
    no_store(response)
    return etag(response, inv.version, inbox.items(session, [inv], locale)[0])


def _period(start: date | None, end: date | None) -> tuple[datetime, datetime]:
    today = datetime.now(UTC).date()
    end = end or today
    start = start or date(end.year, 1, 1)
    if start > end:
        raise unprocessable(
            "The period starts after it ends.",
            errors=[{"loc": ["query", "from"], "msg": "must not be after `to`", "type": "value_error"}],
        )
    return (
        datetime.combine(start, time.min, tzinfo=UTC),
        datetime.combine(end, time.min, tzinfo=UTC) + timedelta(days=1),
    )


@router.get(
    "/contributors",
    response_model=ContributorList,
    summary="Who gave how many hours to your requests in a period (to thank them)",
    responses=problem_responses(401, 403, 422),
)
def list_contributors(
    session: SessionDep,
    actor: RequesterActor,
    response: Response,
    from_: Annotated[date | None, Query(alias="from", description="First day (default: 1 January)")] = None,
    to: Annotated[date | None, Query(description="Last day, inclusive (default: today)")] = None,
    municipality: Annotated[
        str | None, Query(max_length=60, description="Administrators: one municipality")
    ] = None,
) -> ContributorList:
    start, end = _period(from_, to)
    no_store(response)
    return invitations.contributors(session, actor=actor, start=start, end=end, municipality=municipality)


@router.get(
    "/{request_id}",
    response_model=ExpertRequestRead,
    summary="A request for expertise",
    responses=problem_responses(401, 403, 404),
)
def read_request(
    req: ManagedRequest, session: SessionDep, locale: LocaleDep, response: Response
) -> ExpertRequestRead:
    return etag(response, req.version, expert_requests.reads(session, [req], locale)[0])


@router.patch(
    "/{request_id}",
    response_model=ExpertRequestRead,
    summary="Change a request",
    responses=problem_responses(401, 403, 404, 409, 412, 422, 428),
)
def update_request(
    req: ManagedRequest,
    request: Request,
    session: SessionDep,
    actor: RequesterActor,
    locale: LocaleDep,
    body: ExpertRequestUpdate,
    response: Response,
) -> ExpertRequestRead:
    require_if_match(request, req.version)
    expert_requests.update(session, actor=actor, req=req, data=body)
    return etag(response, req.version, expert_requests.reads(session, [req], locale)[0])


@router.post(
    "/{request_id}/status",
    response_model=ExpertRequestRead,
    summary="Move a request: open, in_progress, answered, closed (with outcome) or cancelled",
    responses=problem_responses(401, 403, 404, 409, 412, 422, 428),
)
def change_status(
    req: ManagedRequest,
    request: Request,
    session: SessionDep,
    actor: RequesterActor,
    locale: LocaleDep,
    body: StatusChange,
    response: Response,
) -> ExpertRequestRead:
    require_if_match(request, req.version)
    expert_requests.change_status(session, actor=actor, req=req, to=body.status, outcome=body.outcome)
    return etag(response, req.version, expert_requests.reads(session, [req], locale)[0])


@router.get(
    "/{request_id}/proposals",
    response_model=ProposalList,
    summary="Experts Langelis proposes for the request, best first, with score and reason",
    responses=problem_responses(400, 401, 403, 404),
)
def list_proposals(
    request: Request,
    response: Response,
    req: ManagedRequest,
    session: SessionDep,
    actor: RequesterActor,
    locale: LocaleDep,
    page: PageDep,
) -> Response:
    items, next_cursor = invitations.proposals(session, actor=actor, req=req, params=page, locale=locale)
    no_store(response)
    set_link_header(request, response, next_cursor)
    return json_body(response, ProposalList(items=items, next_cursor=next_cursor))


@router.get(
    "/{request_id}/invitations",
    response_model=InvitationList,
    summary="Invitations and answers of a request",
    responses=problem_responses(400, 401, 403, 404),
)
def list_invitations(
    request: Request,
    response: Response,
    req: ManagedRequest,
    session: SessionDep,
    actor: RequesterActor,
    locale: LocaleDep,
    page: PageDep,
    status_: Annotated[list[InvitationStatus] | None, Query(alias="status", max_length=5)] = None,
) -> InvitationList:
    rows, next_cursor = invitations.list_invitations(session, req=req, params=page, status=status_)
    no_store(response)
    set_link_header(request, response, next_cursor)
    return InvitationList(
        items=invitations.invitation_reads(session, actor=actor, rows=rows, locale=locale),
        next_cursor=next_cursor,
    )


@router.post(
    "/{request_id}/invitations",
    response_model=InvitationRead,
    status_code=status.HTTP_201_CREATED,
    summary="Invite an expert (they get a message)",
    responses=problem_responses(401, 403, 404, 409, 422),
)
def create_invitation(
    req: ManagedRequest,
    session: SessionDep,
    settings: SettingsDep,
    actor: RequesterActor,
    locale: LocaleDep,
    body: InvitationCreate,
    response: Response,
) -> InvitationRead:
    inv = invitations.invite(
        session, actor=actor, req=req, data=body, locale=locale, base_url=settings.public_base_url
    )
    response.headers["Location"] = f"/api/v1/expert-requests/{req.id}/invitations/{inv.id}"
    no_store(response)
    return etag(
        response,
        inv.version,
        invitations.invitation_reads(session, actor=actor, rows=[inv], locale=locale)[0],
    )


@router.get(
    "/{request_id}/invitations/{invitation_id}",
    response_model=InvitationRead,
    summary="An invitation and its answer",
    responses=problem_responses(401, 403, 404),
)
def read_invitation(
    invitation_id: uuid.UUID,
    req: ManagedRequest,
    session: SessionDep,
    actor: RequesterActor,
    locale: LocaleDep,
    response: Response,
) -> InvitationRead:
    inv = invitations.get_invitation(session, req=req, invitation_id=invitation_id)
    no_store(response)
    return etag(
        response,
        inv.version,
        invitations.invitation_reads(session, actor=actor, rows=[inv], locale=locale)[0],
    )


@router.patch(
    "/{request_id}/invitations/{invitation_id}",
    response_model=InvitationRead,
    summary="Record the hours an expert gave",
    responses=problem_responses(401, 403, 404, 409, 412, 422, 428),
)
def record_hours(
    invitation_id: uuid.UUID,
    request: Request,
    req: ManagedRequest,
    session: SessionDep,
    actor: RequesterActor,
    locale: LocaleDep,
    body: InvitationUpdate,
    response: Response,
) -> InvitationRead:
    inv = invitations.get_invitation(session, req=req, invitation_id=invitation_id)
    require_if_match(request, inv.version)
    invitations.record_hours(session, actor=actor, req=req, inv=inv, hours=body.hours_given)
    no_store(response)
    return etag(
        response,
        inv.version,
        invitations.invitation_reads(session, actor=actor, rows=[inv], locale=locale)[0],
    )


@router.post(
    "/{request_id}/invitations/{invitation_id}/withdraw",
    response_model=InvitationRead,
    summary="Withdraw an invitation not yet answered",
    responses=problem_responses(401, 403, 404, 409, 412, 428),
)
def withdraw_invitation(
    invitation_id: uuid.UUID,
    request: Request,
    req: ManagedRequest,
    session: SessionDep,
    actor: RequesterActor,
    locale: LocaleDep,
    response: Response,
) -> InvitationRead:
    inv = invitations.get_invitation(session, req=req, invitation_id=invitation_id)
    require_if_match(request, inv.version)
    invitations.withdraw(session, actor=actor, req=req, inv=inv)
    no_store(response)
    return etag(
        response,
        inv.version,
        invitations.invitation_reads(session, actor=actor, rows=[inv], locale=locale)[0],
    )
