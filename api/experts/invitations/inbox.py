"""The expert's side of requests: the inbox of invitations, accepting, declining and answering, and
volunteering an answer to a public request."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlmodel import Session, col, select

from api.core import db
from api.core.actor import Actor
from api.core.conditional import IfMatch
from api.core.db import utcnow
from api.core.errors import conflict
from api.core.i18n import Locale
from api.core.pagination import PageParams, SortKey
from api.experts import common, notices, scope
from api.experts.invitations import logic as invitations
from api.experts.models import ExpertInvitation, ExpertProfile, ExpertRequest
from api.experts.requests import logic as expert_requests
from api.experts.requests.schemas import AnswerBody, InboxItem

RESPONDABLE = ("invited", "accepted")


def list_inbox(
    session: Session,
    *,
    profile: ExpertProfile,
    actor: Actor,
    params: PageParams,
    status: Sequence[str] | None,
) -> tuple[list[ExpertInvitation], str | None]:
    stmt = invitations.with_status(scope.readable_inbox(profile), status)
    keys = [
        SortKey(ExpertInvitation.created_at, descending=True),
        SortKey(ExpertInvitation.id, descending=True),
    ]
    return common.page_of(session, stmt, keys=keys, params=params, sort_name="-created_at")


def get(
    session: Session, *, profile: ExpertProfile, actor: Actor, invitation_id: uuid.UUID
) -> ExpertInvitation:
    return db.found(
        session, scope.readable_inbox(profile).where(ExpertInvitation.id == invitation_id), "invitation"
    )


def items(session: Session, rows: list[ExpertInvitation], locale: Locale) -> list[InboxItem]:
    requests = {
        r.id: r
        for r in session.exec(
            select(ExpertRequest).where(col(ExpertRequest.id).in_([i.request_id for i in rows]))
        ).all()
    }
    out = []
    for inv in rows:
        req = requests[inv.request_id]
        out.append(
            InboxItem(
                id=inv.id,
                request=expert_requests.public_read(session, req, locale),
                **invitations.answer_fields(inv),
                can_respond=inv.status in RESPONDABLE and req.status in expert_requests.LIVE,
            )
        )
    return out


def item(session: Session, inv: ExpertInvitation, locale: Locale) -> InboxItem:
    """One invitation as its expert sees it (pending changes written first)."""
    session.flush()
    return items(session, [inv], locale)[0]


def _check_live(req: ExpertRequest) -> None:
    if req.status not in expert_requests.LIVE:
        raise conflict(f"The request is {req.status}: it takes no more answers.", slug="request-not-open")


def _check(inv: ExpertInvitation, req: ExpertRequest, *, allowed: tuple[str, ...], action: str) -> None:
    _check_live(req)
    if inv.status not in allowed:
        raise conflict(f"An invitation that is {inv.status} cannot be {action}.", slug="invalid-transition")


def _respond(
    session: Session, inv: ExpertInvitation, if_match: IfMatch, *, allowed: tuple[str, ...], action: str
) -> ExpertRequest:
    """Claim the invitation for the expert's response; its request, when the response is possible."""
    invitations.touch(session, inv, if_match)
    req = session.get(ExpertRequest, inv.request_id)
    assert req is not None  # a foreign key
    _check(inv, req, allowed=allowed, action=action)
    return req


def accept(session: Session, *, actor: Actor, inv: ExpertInvitation, if_match: IfMatch) -> ExpertInvitation:
    req = _respond(session, inv, if_match, allowed=("invited",), action="accepted")
    inv.status = "accepted"
    inv.responded_at = utcnow()
    if req.status == "open":
        expert_requests.move(session, req, "in_progress")
    invitations.audit(session, actor=actor, inv=inv, action="accept")
    return inv


def decline(
    session: Session, *, actor: Actor, inv: ExpertInvitation, reason: str | None, if_match: IfMatch
) -> ExpertInvitation:
    _respond(session, inv, if_match, allowed=RESPONDABLE, action="declined")
    inv.status = "declined"
    inv.decline_reason = reason
    inv.responded_at = utcnow()
    invitations.audit(session, actor=actor, inv=inv, action="decline")
    return inv


def _answer(
    session: Session,
    *,
    actor: Actor,
    inv: ExpertInvitation,
    req: ExpertRequest,
    body: AnswerBody,
    profile: ExpertProfile,
) -> ExpertInvitation:
    now = utcnow()
    inv.status = "answered"
    inv.answer_kind = body.kind
    inv.answer_text = body.text
    inv.hours_offered = body.hours_offered if body.kind == "time_offer" else None
    inv.hours_given = body.hours_spent
    inv.responded_at = inv.responded_at or now
    inv.answered_at = now
    if req.status in ("open", "in_progress"):
        if req.status == "open":
            expert_requests.move(session, req, "in_progress")
        expert_requests.move(session, req, "answered")
    notices.answered(session, req=req, inv=inv, profile=profile)
    invitations.audit(session, actor=actor, inv=inv, action="answer")
    return inv


def answer(
    session: Session,
    *,
    actor: Actor,
    profile: ExpertProfile,
    inv: ExpertInvitation,
    body: AnswerBody,
    if_match: IfMatch,
) -> ExpertInvitation:
    req = _respond(session, inv, if_match, allowed=RESPONDABLE, action="answered")
    return _answer(session, actor=actor, inv=inv, req=req, body=body, profile=profile)


def volunteer(
    session: Session, *, actor: Actor, profile: ExpertProfile, request_id: uuid.UUID, body: AnswerBody
) -> ExpertInvitation:
    """Answer a public request without an invitation (or through the one you have)."""
    req = expert_requests.get_public(session, request_id=request_id)
    existing = session.exec(
        select(ExpertInvitation).where(
            ExpertInvitation.request_id == req.id, ExpertInvitation.expert_id == profile.id
        )
    ).first()
    if existing is not None:
        _check(existing, req, allowed=RESPONDABLE, action="answered")
        invitations.touch(session, existing, None)
        return _answer(session, actor=actor, inv=existing, req=req, body=body, profile=profile)
    _check_live(req)
    if profile.deleted_at is not None or profile.visibility == "hidden":
        raise conflict("Make your profile visible before answering requests.", slug="profile-hidden")
    inv = invitations.add(session, req=req, profile=profile, origin="volunteered")
    invitations.touch(session, inv, None)
    return _answer(session, actor=actor, inv=inv, req=req, body=body, profile=profile)
