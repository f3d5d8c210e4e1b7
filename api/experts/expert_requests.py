"""Requests for expertise: the requester's side (post, change, move through states, proposals,
invitations, hours) and the public list of open public requests.

States: draft → open → in_progress → answered → closed (with an outcome), or cancelled from any
state before closed. Accepting an invitation moves an open request to in_progress; the first
answer moves it to answered. Any other move is a 409.
"""

from __future__ import annotations

import json
import uuid
from collections import Counter, defaultdict
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from api.accounts.models import User
from api.core.actor import Actor
from api.core.db import utcnow
from api.core.errors import conflict, not_found, unprocessable
from api.core.i18n import Locale, like_escape, search_blob, search_terms
from api.core.models import OutboxMessage
from api.core.pagination import PageParams, SortKey, finish, keyset
from api.experts import cards, common, profiles
from api.experts.models import ExpertInvitation, ExpertProfile, ExpertRequest
from api.experts.ranking import LEVEL_RANK, Criteria, LanguageWish
from api.experts.request_schemas import (
    ContributorList,
    ContributorRead,
    ExpertRequestCreate,
    ExpertRequestRead,
    ExpertRequestUpdate,
    InvitationCounts,
    InvitationCreate,
    InvitationRead,
    LanguageNeed,
    Proposal,
    PublicRequestRead,
)
from api.experts.schemas import CompetenceRef, Reason

RECORD = "expert_request"
TRANSITIONS: dict[str, tuple[str, ...]] = {
    "draft": ("open", "cancelled"),
    "open": ("in_progress", "cancelled"),
    "in_progress": ("answered", "cancelled"),
    "answered": ("closed", "in_progress", "cancelled"),
    "closed": (),
    "cancelled": (),
}
# Requests experts can act on (accept, answer) and requesters can invite to.
LIVE = ("open", "in_progress", "answered")


def readable(actor: Actor) -> Any:
    """The requests an actor manages: a coordinator's municipality's own requests, a provider's
    organisation's requests, everything for admins. Everything else is not found."""
    stmt = select(ExpertRequest)
    if actor.is_admin:
        return stmt
    if actor.kind == "user" and actor.role == "provider" and actor.organization_id is not None:
        return stmt.where(ExpertRequest.organization_id == actor.organization_id)
    if actor.kind == "user" and actor.role == "coordinator" and actor.municipality_id is not None:
        return stmt.where(
            ExpertRequest.municipality_id == actor.municipality_id,
            col(ExpertRequest.organization_id).is_(None),
        )
    return stmt.where(sa.false())


def get(session: Session, *, actor: Actor, request_id: uuid.UUID) -> ExpertRequest:
    found = session.exec(readable(actor).where(ExpertRequest.id == request_id)).first()
    if found is None:
        raise not_found("request")
    return found


def _touch(row: ExpertRequest | ExpertInvitation) -> None:
    row.updated_at = utcnow()
    row.version += 1


# --- reading ------------------------------------------------------------------------------------


def _competence_refs(session: Session, codes: list[str], locale: Locale) -> list[CompetenceRef]:
    names = common.competences(session)
    return [CompetenceRef(code=c, name=locale.text(names[c].name) if c in names else c) for c in codes]


def _common_fields(session: Session, req: ExpertRequest, locale: Locale) -> dict[str, Any]:
    return {
        "id": req.id,
        "municipality": common.slugs(session).get(req.municipality_id, ""),
        "title": locale.text(req.title),
        "question": locale.text(req.question),
        "context": locale.text(req.context) if req.context or locale.all_translations else None,
        "competences": _competence_refs(session, req.competences, locale),
        "languages": [LanguageNeed(**n) for n in req.languages],
        "ways": req.ways,
        "hours_needed": req.hours_needed,
        "deadline": req.deadline,
        "visibility": req.visibility,
        "status": req.status,
        "created_at": req.created_at,
    }


def public_read(session: Session, req: ExpertRequest, locale: Locale) -> PublicRequestRead:
    return PublicRequestRead(**_common_fields(session, req, locale))


def reads(session: Session, rows: list[ExpertRequest], locale: Locale) -> list[ExpertRequestRead]:
    ids = [r.id for r in rows]
    counts: dict[uuid.UUID, Counter[str]] = defaultdict(Counter)
    hours: dict[uuid.UUID, float] = defaultdict(float)
    if ids:
        for request_id, status, n, total in session.exec(
            select(
                ExpertInvitation.request_id,
                ExpertInvitation.status,
                sa.func.count(),
                sa.func.coalesce(sa.func.sum(ExpertInvitation.hours_given), 0),
            )
            .where(col(ExpertInvitation.request_id).in_(ids))
            .group_by(col(ExpertInvitation.request_id), col(ExpertInvitation.status))
        ).all():
            counts[request_id][status] = int(n)
            hours[request_id] += float(total or 0)
    return [
        ExpertRequestRead(
            **_common_fields(session, r, locale),
            organization_id=r.organization_id,
            outcome=r.outcome,
            allowed_transitions=list(TRANSITIONS[r.status]),
            invitations=InvitationCounts(**counts[r.id]),
            hours_given=round(hours[r.id], 2),
            opened_at=r.opened_at,
            closed_at=r.closed_at,
            updated_at=r.updated_at,
        )
        for r in rows
    ]


REQUEST_SORTS = {
    "-created_at": [
        SortKey(ExpertRequest.created_at, descending=True),
        SortKey(ExpertRequest.id, descending=True),
    ],
    "created_at": [SortKey(ExpertRequest.created_at), SortKey(ExpertRequest.id)],
}


def list_requests(
    session: Session,
    *,
    actor: Actor,
    params: PageParams,
    sort: str,
    status: Sequence[str] | None,
    visibility: str | None,
    q: str | None,
) -> tuple[list[ExpertRequest], str | None]:
    stmt = readable(actor)
    if status:
        stmt = stmt.where(col(ExpertRequest.status).in_(status))
    if visibility:
        stmt = stmt.where(ExpertRequest.visibility == visibility)
    for term in search_terms(q):
        stmt = stmt.where(col(ExpertRequest.search_text).like(f"%{like_escape(term)}%", escape="\\"))
    keys = REQUEST_SORTS[sort]
    rows = list(session.exec(keyset(stmt, keys=keys, params=params, sort_name=sort)).all())
    return finish(rows, params=params, sort_name=sort, key_of=lambda r: [r.created_at, r.id])


def list_public(
    session: Session,
    *,
    params: PageParams,
    municipality: str | None,
    competence: str | None,
    q: str | None,
) -> tuple[list[ExpertRequest], str | None]:
    """Public requests still taking answers, newest first: any expert may answer them."""
    stmt = select(ExpertRequest).where(
        ExpertRequest.visibility == "public", col(ExpertRequest.status).in_(LIVE)
    )
    if municipality:
        stmt = stmt.where(
            ExpertRequest.municipality_id
            == common.slug_id(session, municipality, field="municipality", loc="query")
        )
    for term in search_terms(q):
        stmt = stmt.where(col(ExpertRequest.search_text).like(f"%{like_escape(term)}%", escape="\\"))
    if competence:
        common.check_competences(session, [competence], field="competence", loc="query")
        stmt = stmt.where(json_array_contains(session, col(ExpertRequest.competences), competence))
    keys = REQUEST_SORTS["-created_at"]
    rows = list(session.exec(keyset(stmt, keys=keys, params=params, sort_name="public")).all())
    return finish(rows, params=params, sort_name="public", key_of=lambda r: [r.created_at, r.id])


def json_array_contains(session: Session, column: Any, value: str) -> sa.ColumnElement[bool]:
    """``value`` is an element of the JSON array in ``column`` (JSONB containment on PostgreSQL)."""
    if session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import JSONB

        return column.op("@>")(sa.cast(sa.literal(json.dumps([value])), JSONB))
    elements = sa.func.json_each(column).table_valued("value")
    return sa.exists(select(sa.literal(1)).select_from(elements).where(elements.c.value == value))


def get_public(session: Session, *, request_id: uuid.UUID) -> ExpertRequest:
    found = session.exec(
        select(ExpertRequest).where(
            ExpertRequest.id == request_id,
            ExpertRequest.visibility == "public",
            ExpertRequest.status != "draft",
        )
    ).first()
    if found is None:
        raise not_found("request")
    return found


# --- writing --------------------------------------------------------------------------------------


def _check_deadline(deadline: date | None) -> None:
    if deadline is not None and deadline < utcnow().date():
        raise unprocessable(
            "The deadline is in the past.",
            errors=[{"loc": ["body", "deadline"], "msg": "must be today or later", "type": "value_error"}],
        )


def _reindex(req: ExpertRequest) -> None:
    req.search_text = search_blob(req.title, req.question, req.context)


def create(
    session: Session, *, actor: Actor, data: ExpertRequestCreate, municipality: str | None
) -> ExpertRequest:
    if actor.is_admin:
        if not municipality:
            raise unprocessable(
                "Name the municipality the request is for.",
                errors=[
                    {
                        "loc": ["query", "municipality"],
                        "msg": "required for administrators",
                        "type": "missing",
                    }
                ],
            )
        municipality_id = common.slug_id(session, municipality, field="municipality", loc="query")
    else:
        if actor.municipality_id is None:
            raise unprocessable("Your account belongs to no municipality.")
        municipality_id = actor.municipality_id
    _check_deadline(data.deadline)
    common.check_competences(session, data.competences)
    req = ExpertRequest(
        municipality_id=municipality_id,
        organization_id=actor.organization_id if actor.role == "provider" else None,
        created_by=actor.id,
        title=data.title,
        question=data.question,
        context=data.context,
        competences=data.competences,
        languages=[n.model_dump() for n in data.languages],
        ways=list(data.ways),
        hours_needed=data.hours_needed,
        deadline=data.deadline,
        visibility=data.visibility,
    )
    _reindex(req)
    session.add(req)
    session.flush()
    common.record(
        session,
        actor=actor,
        action="create",
        record_type=RECORD,
        record_id=req.id,
        municipality_id=municipality_id,
    )
    return req


def update(session: Session, *, actor: Actor, req: ExpertRequest, data: ExpertRequestUpdate) -> ExpertRequest:
    if req.status in ("closed", "cancelled"):
        raise conflict(f"A {req.status} request cannot be changed.", slug="request-finished")
    changes = data.model_dump(exclude_unset=True)
    for key in ("title", "question"):
        if changes.get(key) is not None:
            setattr(req, key, changes[key])
    if "context" in changes:
        req.context = changes["context"] or {}
    if changes.get("competences") is not None:
        req.competences = common.check_competences(session, changes["competences"])
    if changes.get("languages") is not None:
        req.languages = changes["languages"]
    if changes.get("ways") is not None:
        req.ways = changes["ways"]
    if "hours_needed" in changes:
        req.hours_needed = changes["hours_needed"]
    if "deadline" in changes:
        _check_deadline(changes["deadline"])
        req.deadline = changes["deadline"]
    if changes.get("visibility") is not None:
        req.visibility = changes["visibility"]
    _reindex(req)
    _touch(req)
    return req


def move(req: ExpertRequest, to: str) -> None:
    """Apply a state move or raise 409 naming the moves that are possible."""
    if to not in TRANSITIONS[req.status]:
        raise conflict(
            f"A request that is {req.status} cannot become {to}.",
            slug="invalid-transition",
            allowed=list(TRANSITIONS[req.status]),
        )
    req.status = to
    now = utcnow()
    if to == "open" and req.opened_at is None:
        req.opened_at = now
    if to in ("closed", "cancelled"):
        req.closed_at = now
    _touch(req)


def change_status(
    session: Session, *, actor: Actor, req: ExpertRequest, to: str, outcome: str | None
) -> ExpertRequest:
    if to == "closed" and to in TRANSITIONS[req.status] and not outcome:
        raise unprocessable(
            "Record the outcome when closing a request.",
            errors=[{"loc": ["body", "outcome"], "msg": "required when closing", "type": "missing"}],
        )
    before = req.status
    move(req, to)
    if to == "closed":
        req.outcome = outcome
    common.record(
        session,
        actor=actor,
        action="status",
        record_type=RECORD,
        record_id=req.id,
        municipality_id=req.municipality_id,
        details={"from": before, "to": to},
    )
    return req


# --- proposals and invitations ---------------------------------------------------------------------


def criteria_for(req: ExpertRequest) -> Criteria:
    """What the request asks for. Competences must match (if any are named); languages, ways and
    being from the requester's municipality add to the score."""
    return Criteria(
        competences=list(req.competences),
        languages=[
            LanguageWish(language=n["language"], min_rank=LEVEL_RANK[n.get("min_level", "B1")])
            for n in req.languages
        ],
        ways=list(req.ways),
        homes=[req.municipality_id],
        require_competences=True,
        require_languages=False,
        require_ways=False,
        require_homes=False,
    )


def proposals(
    session: Session, *, actor: Actor, req: ExpertRequest, params: PageParams, locale: Locale
) -> tuple[list[Proposal], str | None]:
    """Experts Langelis proposes for a request, best first, leaving out those already asked."""
    now = utcnow()
    criteria = criteria_for(req)
    conditions = [
        *profiles.listed(actor, now),
        col(ExpertProfile.id).not_in(
            select(ExpertInvitation.expert_id).where(ExpertInvitation.request_id == req.id)
        ),
    ]
    found = profiles.ranked(
        session, criteria=criteria, conditions=conditions, params=params, sort="relevance"
    )
    slug_of = common.slugs(session)
    related = found.related
    items = []
    for row in found.rows:
        profile = row[0]
        score, reasons = criteria.explain(
            profile,
            competences=related.competences.get(profile.id, []),
            languages=related.language_ranks(profile.id),
            homes=related.homes.get(profile.id, []),
            home_slugs=slug_of,
        )
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
    experts = {
        p.id: p
        for p in session.exec(
            select(ExpertProfile).where(col(ExpertProfile.id).in_([r.expert_id for r in rows]))
        ).all()
    }
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
                origin=inv.origin,
                status=inv.status,
                message=inv.message,
                score=inv.score,
                reasons=[Reason(**r) for r in inv.reasons],
                decline_reason=inv.decline_reason,
                answer_kind=inv.answer_kind,
                answer_text=inv.answer_text,
                hours_offered=inv.hours_offered,
                hours_given=inv.hours_given,
                responded_at=inv.responded_at,
                answered_at=inv.answered_at,
                created_at=inv.created_at,
            )
        )
    return out


def list_invitations(
    session: Session, *, req: ExpertRequest, params: PageParams, status: Sequence[str] | None
) -> tuple[list[ExpertInvitation], str | None]:
    stmt = select(ExpertInvitation).where(ExpertInvitation.request_id == req.id)
    if status:
        stmt = stmt.where(col(ExpertInvitation.status).in_(status))
    keys = [SortKey(ExpertInvitation.created_at), SortKey(ExpertInvitation.id)]
    rows = list(session.exec(keyset(stmt, keys=keys, params=params, sort_name="created_at")).all())
    return finish(rows, params=params, sort_name="created_at", key_of=lambda r: [r.created_at, r.id])


def get_invitation(session: Session, *, req: ExpertRequest, invitation_id: uuid.UUID) -> ExpertInvitation:
    inv = session.exec(
        select(ExpertInvitation).where(
            ExpertInvitation.id == invitation_id, ExpertInvitation.request_id == req.id
        )
    ).first()
    if inv is None:
        raise not_found("invitation")
    return inv


def _mail(
    session: Session,
    *,
    user_id: uuid.UUID | None,
    kind: str,
    subject: str,
    body: str,
    payload: dict[str, Any],
) -> None:
    user = session.get(User, user_id) if user_id else None
    if user is None or not user.is_active:
        return
    session.add(OutboxMessage(recipient=user.email, kind=kind, subject=subject, body=body, payload=payload))


def invite(
    session: Session,
    *,
    actor: Actor,
    req: ExpertRequest,
    data: InvitationCreate,
    locale: Locale,
    base_url: str,
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
        select(ExpertProfile).where(ExpertProfile.id == data.expert_id, *profiles.listed(actor, now))
    ).first()
    if profile is None:
        raise unprocessable(
            "No such expert among those you can invite.",
            errors=[
                {"loc": ["body", "expert_id"], "msg": "unknown or not available expert", "type": "unknown_id"}
            ],
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
    score, reasons = criteria.explain(
        profile,
        competences=related.competences.get(profile.id, []),
        languages=related.language_ranks(profile.id),
        homes=related.homes.get(profile.id, []),
        home_slugs=common.slugs(session),
    )
    inv = ExpertInvitation(
        request_id=req.id,
        expert_id=profile.id,
        municipality_id=req.municipality_id,
        origin="invited",
        status="invited",
        invited_by=actor.id,
        message=data.message,
        score=score,
        reasons=reasons,
    )
    session.add(inv)
    session.flush()
    title = locale.text(req.title) if not locale.all_translations else next(iter(req.title.values()), "")
    link = f"{base_url.rstrip('/')}/#/experts/inbox"
    _mail(
        session,
        user_id=profile.user_id,
        kind="expert_invitation",
        subject="Langelis: your city asks for your expertise",
        body=f"You are invited to help with “{title}”. See the invitation and answer: {link}",
        payload={"invitation_id": str(inv.id), "request_id": str(req.id), "link": link},
    )
    common.record(
        session,
        actor=actor,
        action="invite",
        record_type="expert_invitation",
        record_id=inv.id,
        subject_id=profile.id,
        municipality_id=req.municipality_id,
    )
    return inv


def record_hours(
    session: Session, *, actor: Actor, req: ExpertRequest, inv: ExpertInvitation, hours: float
) -> ExpertInvitation:
    if inv.status != "answered":
        raise conflict("Hours are recorded on answered invitations.", slug="not-answered")
    if req.status == "cancelled":
        raise conflict("The request was cancelled.", slug="request-finished")
    inv.hours_given = hours
    _touch(inv)
    common.record(
        session,
        actor=actor,
        action="hours",
        record_type="expert_invitation",
        record_id=inv.id,
        subject_id=inv.expert_id,
        municipality_id=req.municipality_id,
    )
    return inv


def withdraw(
    session: Session, *, actor: Actor, req: ExpertRequest, inv: ExpertInvitation
) -> ExpertInvitation:
    if inv.status not in ("invited", "accepted"):
        raise conflict(f"An invitation that is {inv.status} cannot be withdrawn.", slug="invalid-transition")
    inv.status = "withdrawn"
    _touch(inv)
    common.record(
        session,
        actor=actor,
        action="withdraw",
        record_type="expert_invitation",
        record_id=inv.id,
        subject_id=inv.expert_id,
        municipality_id=req.municipality_id,
    )
    return inv


# --- contributors ---------------------------------------------------------------------------------


def contributors(
    session: Session,
    *,
    actor: Actor,
    start: datetime,
    end: datetime,
    municipality: str | None,
) -> ContributorList:
    """Who gave how many hours to the actor's requests in a period (by answer date), most first.
    Coordinators see their whole municipality (organisations' requests included); providers their
    organisation; admins one municipality or all."""
    stmt = (
        select(
            ExpertInvitation.expert_id,
            sa.func.coalesce(sa.func.sum(ExpertInvitation.hours_given), 0),
            sa.func.count(),
        )
        .join(ExpertRequest, col(ExpertRequest.id) == ExpertInvitation.request_id)
        .where(
            ExpertInvitation.status == "answered",
            col(ExpertInvitation.answered_at) >= start,
            col(ExpertInvitation.answered_at) < end,
        )
        .group_by(col(ExpertInvitation.expert_id))
    )
    if actor.is_admin:
        if municipality:
            stmt = stmt.where(
                ExpertRequest.municipality_id
                == common.slug_id(session, municipality, field="municipality", loc="query")
            )
    elif actor.role == "provider" and actor.organization_id is not None:
        stmt = stmt.where(ExpertRequest.organization_id == actor.organization_id)
    elif actor.role == "coordinator" and actor.municipality_id is not None:
        stmt = stmt.where(ExpertRequest.municipality_id == actor.municipality_id)
    else:
        stmt = stmt.where(sa.false())
    rows = session.exec(stmt).all()
    names = {
        p.id: p
        for p in session.exec(
            select(ExpertProfile).where(col(ExpertProfile.id).in_([r[0] for r in rows]))
        ).all()
    }
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
