"""HTTP routes for invitations, from both sides: the requester's (proposals, invite, hours,
withdraw — under ``/expert-requests/{request_id}``) and the expert's inbox (accept, decline,
answer — under ``/experts/me/invitations``). Every answer is personal data: no-store."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response

from api.core.db import SessionDep
from api.core.http import NoStore, created, creating, op
from api.experts.answers import InboxAnswer, InboxChange, InvitationAnswer
from api.experts.deps import (
    ExpertActor,
    IfMatchAfterBody,
    InboxInvitation,
    Listing,
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
    req: ManagedRequest, session: SessionDep, actor: RequesterActor, listing: Listing
) -> Response:
    return listing(
        ProposalList,
        *invitations.proposals(session, actor=actor, req=req, params=listing.page, locale=listing.locale),
    )


@board.get("/invitations", **op(InvitationList, "Invitations and answers of a request", (400, 401, 403, 404)))
def list_invitations(
    req: ManagedRequest,
    session: SessionDep,
    actor: RequesterActor,
    listing: Listing,
    status_: StatusFilter = None,
) -> Response:
    rows, next_cursor = invitations.list_invitations(session, req=req, params=listing.page, status=status_)
    items = invitations.invitation_reads(session, actor=actor, rows=rows, locale=listing.locale)
    return listing(InvitationList, items, next_cursor)


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
    session: SessionDep,
    actor: ExpertActor,
    profile: OwnProfile,
    listing: Listing,
    status_: StatusFilter = None,
) -> Response:
    rows, next_cursor = inbox.list_inbox(
        session, profile=profile, actor=actor, params=listing.page, status=status_
    )
    return listing(InboxList, inbox.items(session, rows, listing.locale), next_cursor)


@mine.get(
    "/{invitation_id}", **op(InboxItem, "One of your invitations", (401, 403, 404)), name="read_invitation"
)
def read_inbox_invitation(inv: InboxInvitation, answer: InboxAnswer) -> InboxItem:
    return answer(inv)


@mine.post("/{invitation_id}/accept", **op(InboxItem, "Accept an invitation", _RESPOND_ERRORS))
def accept_invitation(change: InboxChange) -> InboxItem:
    return change(inbox.accept)


@mine.post("/{invitation_id}/decline", **op(InboxItem, "Decline an invitation", _RESPOND_ERRORS))
def decline_invitation(change: InboxChange, body: DeclineBody | None = None) -> InboxItem:
    return change(inbox.decline, reason=body.reason if body else None)


@mine.post(
    "/{invitation_id}/answer",
    **op(InboxItem, "Answer an invitation with a written opinion or an offer of time", _RESPOND_ERRORS),
)
def answer_invitation(change: InboxChange, profile: OwnProfile, body: AnswerBody) -> InboxItem:
    return change(inbox.answer, profile=profile, body=body)
