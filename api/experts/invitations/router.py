"""HTTP routes for invitations, from both sides: the requester's (proposals, invite, hours,
withdraw — under ``/expert-requests/{request_id}``) and the expert's inbox (accept, decline,
answer — under ``/experts/me/invitations``). Every answer is personal data: no-store."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from api.core.db import SessionDep
from api.core.http import NoStore, created, creating, op, page_response
from api.core.i18n import LocaleDep
from api.core.pagination import PageDep
from api.experts.answers import InboxAnswer, InvitationAnswer
from api.experts.deps import (
    ExpertActor,
    IfMatchAfterBody,
    InboxInvitation,
    ManagedRequest,
    OwnProfile,
    RequesterActor,
    RequestInvitation,
)
from api.experts.invitations import inbox
from api.experts.invitations import logic as invitations
from api.experts.requests.schemas import (
    AnswerBody,
    DeclineBody,
    InboxItem,
    InboxList,
    InvitationCreate,
    InvitationList,
    InvitationRead,
    InvitationStatus,
    InvitationUpdate,
    ProposalList,
)

board = APIRouter(prefix="/expert-requests/{request_id}", tags=["expert-requests"], dependencies=[NoStore])
mine = APIRouter(prefix="/experts/me/invitations", tags=["experts"], dependencies=[NoStore])

_CHANGE_ERRORS = (401, 403, 404, 409, 412, 428)
_RESPOND_ERRORS = (401, 403, 404, 409, 412, 422, 428)
StatusFilter = Annotated[list[InvitationStatus] | None, Query(alias="status", max_length=5)]


# --- the requester's side -------------------------------------------------------------------------


@board.get(
    "/proposals",
    **op(
        ProposalList,
        "Experts Langelis proposes for the request, best first, with score and reason",
        (400, 401, 403, 404),
    ),
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
    return page_response(request, response, ProposalList(items=items, next_cursor=next_cursor))


@board.get("/invitations", **op(InvitationList, "Invitations and answers of a request", (400, 401, 403, 404)))
def list_invitations(
    request: Request,
    response: Response,
    req: ManagedRequest,
    session: SessionDep,
    actor: RequesterActor,
    locale: LocaleDep,
    page: PageDep,
    status_: StatusFilter = None,
) -> Response:
    rows, next_cursor = invitations.list_invitations(session, req=req, params=page, status=status_)
    items = invitations.invitation_reads(session, actor=actor, rows=rows, locale=locale)
    return page_response(request, response, InvitationList(items=items, next_cursor=next_cursor))


@board.post(
    "/invitations",
    **creating(InvitationRead, "Invite an expert (they get a message)", (401, 403, 404, 409, 422)),
)
def create_invitation(
    req: ManagedRequest,
    session: SessionDep,
    actor: RequesterActor,
    body: InvitationCreate,
    answer: InvitationAnswer,
) -> InvitationRead:
    inv = invitations.invite(session, actor=actor, req=req, data=body)
    created(answer.response, f"/api/v1/expert-requests/{req.id}/invitations/{inv.id}")
    return answer(inv, actor)


@board.get(
    "/invitations/{invitation_id}", **op(InvitationRead, "An invitation and its answer", (401, 403, 404))
)
def read_invitation(
    inv: RequestInvitation, actor: RequesterActor, answer: InvitationAnswer
) -> InvitationRead:
    return answer(inv, actor)


@board.patch(
    "/invitations/{invitation_id}", **op(InvitationRead, "Record the hours an expert gave", _RESPOND_ERRORS)
)
def record_hours(
    inv: RequestInvitation,
    if_match: IfMatchAfterBody,
    req: ManagedRequest,
    session: SessionDep,
    actor: RequesterActor,
    body: InvitationUpdate,
    answer: InvitationAnswer,
) -> InvitationRead:
    invitations.record_hours(
        session, actor=actor, req=req, inv=inv, hours=body.hours_given, if_match=if_match()
    )
    return answer(inv, actor)


@board.post(
    "/invitations/{invitation_id}/withdraw",
    **op(InvitationRead, "Withdraw an invitation not yet answered", _CHANGE_ERRORS),
)
def withdraw_invitation(
    inv: RequestInvitation,
    if_match: IfMatchAfterBody,
    req: ManagedRequest,
    session: SessionDep,
    actor: RequesterActor,
    answer: InvitationAnswer,
) -> InvitationRead:
    invitations.withdraw(session, actor=actor, req=req, inv=inv, if_match=if_match())
    return answer(inv, actor)


# --- the expert's inbox ---------------------------------------------------------------------------


@mine.get("", **op(InboxList, "Your invitations and answers, newest first", (400, 401, 403, 404)))
def list_inbox(
    request: Request,
    response: Response,
    session: SessionDep,
    actor: ExpertActor,
    profile: OwnProfile,
    locale: LocaleDep,
    page: PageDep,
    status_: StatusFilter = None,
) -> Response:
    rows, next_cursor = inbox.list_inbox(session, profile=profile, actor=actor, params=page, status=status_)
    items = inbox.items(session, rows, locale)
    return page_response(request, response, InboxList(items=items, next_cursor=next_cursor))


@mine.get(
    "/{invitation_id}", **op(InboxItem, "One of your invitations", (401, 403, 404)), name="read_invitation"
)
def read_inbox_invitation(inv: InboxInvitation, answer: InboxAnswer) -> InboxItem:
    return answer(inv)


@mine.post("/{invitation_id}/accept", **op(InboxItem, "Accept an invitation", _RESPOND_ERRORS))
def accept_invitation(
    inv: InboxInvitation,
    if_match: IfMatchAfterBody,
    session: SessionDep,
    actor: ExpertActor,
    answer: InboxAnswer,
) -> InboxItem:
    inbox.accept(session, actor=actor, inv=inv, if_match=if_match())
    return answer(inv)


@mine.post("/{invitation_id}/decline", **op(InboxItem, "Decline an invitation", _RESPOND_ERRORS))
def decline_invitation(
    inv: InboxInvitation,
    if_match: IfMatchAfterBody,
    session: SessionDep,
    actor: ExpertActor,
    answer: InboxAnswer,
    body: DeclineBody | None = None,
) -> InboxItem:
    inbox.decline(session, actor=actor, inv=inv, reason=body.reason if body else None, if_match=if_match())
    return answer(inv)


@mine.post(
    "/{invitation_id}/answer",
    **op(InboxItem, "Answer an invitation with a written opinion or an offer of time", _RESPOND_ERRORS),
)
def answer_invitation(
    inv: InboxInvitation,
    if_match: IfMatchAfterBody,
    session: SessionDep,
    actor: ExpertActor,
    profile: OwnProfile,
    body: AnswerBody,
    answer: InboxAnswer,
) -> InboxItem:
    inbox.answer(session, actor=actor, profile=profile, inv=inv, body=body, if_match=if_match())
    return answer(inv)
