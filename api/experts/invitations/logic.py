"""Invitations to requests for expertise, on the requester's side: the experts Langelis proposes
(score and reason), inviting (the expert is notified), withdrawing, recording the hours given, and
the list of contributors a city thanks. The expert's side is :mod:`api.experts.invitations.inbox`."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from api.core import db
from api.core.actor import Actor
from api.core.audit import record_of
from api.core.conditional import IfMatch, claim
from api.core.db import utcnow
from api.core.errors import conflict
from api.core.i18n import Locale
from api.core.pagination import PageParams, SortKey
from api.experts import common, notices, scope
from api.experts.models import ExpertInvitation, ExpertProfile, ExpertRequest
from api.experts.profiles import cards
from api.experts.profiles.schemas import Reason
from api.experts.profiles.search import explain, ranked
from api.experts.requests.logic import LIVE, criteria_for
from api.experts.requests.schemas import (
    ContributorList,
    ContributorRead,
    InvitationCreate,
    InvitationRead,
    Proposal,
)

RECORD = "expert_invitation"


def audit(session: Session, *, actor: Actor, inv: ExpertInvitation, action: str) -> None:
    """An audit entry about an invitation (its subject is the expert)."""
    record_of(session, inv, actor=actor, action=action, record_type=RECORD, subject_id=inv.expert_id)


def answer_fields(inv: ExpertInvitation) -> dict[str, Any]:
    """What both sides see of an invitation and its answer."""
    return {
        "origin": inv.origin,
        "status": inv.status,
        "message": inv.message,
        "score": inv.score,
        "reasons": [Reason(**r) for r in inv.reasons],
        "decline_reason": inv.decline_reason,
        "answer_kind": inv.answer_kind,
        "answer_text": inv.answer_text,
        "hours_offered": inv.hours_offered,
        "hours_given": inv.hours_given,
        "responded_at": inv.responded_at,
        "answered_at": inv.answered_at,
        "created_at": inv.created_at,
    }


def touch(session: Session, row: ExpertInvitation, if_match: IfMatch | None) -> None:
    """One version step per change of an invitation (None: a change the server makes)."""
    claim(session, row, if_match)
    row.updated_at = utcnow()


def proposals(
    session: Session, *, actor: Actor, req: ExpertRequest, params: PageParams, locale: Locale
) -> tuple[list[Proposal], str | None]:
    """Experts Langelis proposes for a request, best first, leaving out those already asked."""
    now = utcnow()
    criteria = criteria_for(req)
    conditions = [
        *scope.listed_profiles(actor, now),
        col(ExpertProfile.id).not_in(
            select(ExpertInvitation.expert_id).where(ExpertInvitation.request_id == req.id)
        ),
    ]
    found = ranked(session, criteria=criteria, conditions=conditions, params=params, sort="relevance")
    slug_of = common.slugs(session)
    related = found.related
    items = []
    for row in found.rows:
        profile = row[0]
        score, reasons = explain(criteria, profile, related, slug_of)
        items.append(
            Proposal(
                expert=cards.card(session, actor, profile, related, locale, now=now),
                score=score,
                reasons=[Reason(**r) for r in reasons],
            )
        )
    return items, found.next_cursor


def invitation_reads(
    session: Session, *, actor: Actor, rows: list[ExpertInvitation], locale: Locale
) -> list[InvitationRead]:
    now = utcnow()
    experts = common.profiles_by_id(session, [r.expert_id for r in rows])
    related = cards.load_related(session, list(experts))
    out = []
    for inv in rows:
        profile = experts.get(inv.expert_id)
        card = (
            cards.card(session, actor, profile, related, locale, now=now)
            if profile is not None and profile.deleted_at is None
            else None
        )
        out.append(
            InvitationRead(
                id=inv.id,
                request_id=inv.request_id,
                expert_id=inv.expert_id,
                expert=card,
                **answer_fields(inv),
            )
        )
    return out


def list_invitations(
    session: Session, *, req: ExpertRequest, params: PageParams, status: Sequence[str] | None
) -> tuple[list[ExpertInvitation], str | None]:
    stmt = with_status(scope.request_invitations(req), status)
    keys = [SortKey(ExpertInvitation.created_at), SortKey(ExpertInvitation.id)]
    return common.page_of(session, stmt, keys=keys, params=params, sort_name="created_at")


def with_status(stmt: Any, status: Sequence[str] | None) -> Any:
    """Invitations in one of these states (all when none are named)."""
    return stmt.where(col(ExpertInvitation.status).in_(status)) if status else stmt


def get_invitation(session: Session, *, req: ExpertRequest, invitation_id: uuid.UUID) -> ExpertInvitation:
    invitation = scope.request_invitations(req).where(ExpertInvitation.id == invitation_id)
    return db.found(session, invitation, "invitation")


def add(
    session: Session, *, req: ExpertRequest, profile: ExpertProfile, origin: str, **fields: Any
) -> ExpertInvitation:
    """A new invitation (status ``invited``) of the expert to the request, written at once."""
    inv = ExpertInvitation(
        request_id=req.id,
        expert_id=profile.id,
        municipality_id=req.municipality_id,
        origin=origin,
        **fields,
    )
    session.add(inv)
    session.flush()
    return inv


def invite(
    session: Session,
    *,
    actor: Actor,
    req: ExpertRequest,
    data: InvitationCreate,
) -> ExpertInvitation:
    if req.status not in LIVE:
        detail = (
            "Open the request before inviting experts."
            if req.status == "draft"
            else f"A {req.status} request takes no more invitations."
        )
        raise conflict(detail, slug="request-not-open")
    now = utcnow()
    profile = session.exec(
        select(ExpertProfile).where(ExpertProfile.id == data.expert_id, *scope.listed_profiles(actor, now))
    ).first()
    if profile is None:
        raise common.invalid(
            "No such expert among those you can invite.",
            field="expert_id",
            msg="unknown or not available expert",
            kind="unknown_id",
        )
    if session.exec(
        select(ExpertInvitation.id).where(
            ExpertInvitation.request_id == req.id, ExpertInvitation.expert_id == profile.id
        )
    ).first():
        raise conflict(
            "This expert is already invited to (or answered) this request.", slug="already-invited"
        )
    criteria = criteria_for(req)
    related = cards.load_related(session, [profile.id])
    score, reasons = explain(criteria, profile, related, common.slugs(session))
    inv = add(
        session,
        req=req,
        profile=profile,
        origin="invited",
        invited_by=actor.id,
        message=data.message,
        score=score,
        reasons=reasons,
    )
    notices.invited(session, req=req, inv=inv, profile=profile)
    audit(session, actor=actor, inv=inv, action="invite")
    return inv


def record_hours(
    session: Session,
    *,
    actor: Actor,
    req: ExpertRequest,
    inv: ExpertInvitation,
    hours: float,
    if_match: IfMatch,
) -> ExpertInvitation:
    touch(session, inv, if_match)
    if inv.status != "answered":
        raise conflict("Hours are recorded on answered invitations.", slug="not-answered")
    if req.status == "cancelled":
        raise conflict("The request was cancelled.", slug="request-finished")
    inv.hours_given = hours
    audit(session, actor=actor, inv=inv, action="hours")
    return inv


def withdraw(
    session: Session, *, actor: Actor, req: ExpertRequest, inv: ExpertInvitation, if_match: IfMatch
) -> ExpertInvitation:
    touch(session, inv, if_match)
    if inv.status not in ("invited", "accepted"):
        raise conflict(f"An invitation that is {inv.status} cannot be withdrawn.", slug="invalid-transition")
    inv.status = "withdrawn"
    audit(session, actor=actor, inv=inv, action="withdraw")
    return inv


# --- contributors ---------------------------------------------------------------------------------


def _period(first: date | None, last: date | None) -> tuple[datetime, datetime]:
    """``[start, end)`` instants of the days ``first`` to ``last`` (default: this year so far)."""
    last = last or datetime.now(UTC).date()
    first = first or date(last.year, 1, 1)
    if first > last:
        raise common.invalid(
            "The period starts after it ends.",
            loc="query",
            field="from",
            msg="must not be after `to`",
            kind="value_error",
        )
    return (
        datetime.combine(first, time.min, tzinfo=UTC),
        datetime.combine(last, time.min, tzinfo=UTC) + timedelta(days=1),
    )


def contributors(
    session: Session,
    *,
    actor: Actor,
    first: date | None,
    last: date | None,
    municipality: str | None,
) -> ContributorList:
    """Who gave how many hours to the actor's requests in a period (by answer date), most first.
    Coordinators see their whole municipality (organisations' requests included); providers their
    organisation; admins one municipality or all."""
    start, end = _period(first, last)
    stmt = (
        select(
            ExpertInvitation.expert_id,
            sa.func.coalesce(sa.func.sum(ExpertInvitation.hours_given), 0),
            sa.func.count(),
        )
        .join(ExpertRequest, col(ExpertRequest.id) == ExpertInvitation.request_id)
        .where(*common.answered_between(start, end))
        .group_by(col(ExpertInvitation.expert_id))
    )
    stmt = stmt.where(*scope.request_owner(actor, whole_municipality=True))
    if actor.is_admin and municipality:
        stmt = stmt.where(
            scope.requests_of(common.slug_id(session, municipality, field="municipality", loc="query"))
        )
    rows = session.exec(stmt).all()
    names = common.profiles_by_id(session, [r[0] for r in rows])
    items: list[ContributorRead] = []
    anonymous_hours = 0.0
    anonymous_answers = 0
    for expert_id, hours, answers in rows:
        profile = names.get(expert_id)
        if profile is None or profile.deleted_at is not None:
            anonymous_hours += float(hours or 0)
            anonymous_answers += int(answers)
            continue
        items.append(
            ContributorRead(
                expert_id=expert_id,
                display_name=profile.display_name,
                hours=float(hours or 0),
                answers=int(answers),
            )
        )
    items.sort(key=lambda c: (-c.hours, -c.answers, c.display_name or ""))
    if anonymous_answers:
        items.append(
            ContributorRead(
                expert_id=None, display_name=None, hours=anonymous_hours, answers=anonymous_answers
            )
        )
    total = sum(c.hours for c in items)
    return ContributorList(
        items=items, total_hours=round(total, 2), anonymous_hours=round(anonymous_hours, 2)
    )
