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
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from api.core import db
from api.core.actor import Actor
from api.core.audit import record_of
from api.core.conditional import IfMatch, claim
from api.core.db import utcnow
from api.core.errors import conflict, unprocessable
from api.core.i18n import Locale, like_escape, search_blob, search_terms
from api.core.pagination import PageParams, SortKey
from api.core.translation_status import text_meta
from api.experts import common, scope
from api.experts.models import ExpertInvitation, ExpertRequest
from api.experts.profiles.ranking import LEVEL_RANK, Criteria, LanguageWish
from api.experts.profiles.schemas import CompetenceRef
from api.experts.requests.schemas import (
    ExpertRequestCreate,
    ExpertRequestRead,
    ExpertRequestUpdate,
    InvitationCounts,
    LanguageNeed,
    PublicRequestRead,
)

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


def get(session: Session, *, actor: Actor, request_id: uuid.UUID) -> ExpertRequest:
    """A request the actor manages (see :func:`api.experts.scope.readable_requests`); 404 otherwise."""
    return db.found(session, scope.readable_requests(actor).where(ExpertRequest.id == request_id), "request")


def _touch(session: Session, row: ExpertRequest | ExpertInvitation, if_match: IfMatch | None) -> None:
    """One version step per change: the client's If-Match, or none for a move the server makes."""
    claim(session, row, if_match)
    row.updated_at = utcnow()


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
            **text_meta(session, r, locale),
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
    stmt = scope.readable_requests(actor)
    if status:
        stmt = stmt.where(col(ExpertRequest.status).in_(status))
    if visibility:
        stmt = stmt.where(ExpertRequest.visibility == visibility)
    stmt = stmt.where(*_words(q))
    return common.page_of(session, stmt, keys=REQUEST_SORTS[sort], params=params, sort_name=sort)


def _words(q: str | None) -> list[sa.ColumnElement[bool]]:
    """Requests whose title, question or context hold every word of ``q``."""
    return [col(ExpertRequest.search_text).like(f"%{like_escape(t)}%", escape="\\") for t in search_terms(q)]


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
            scope.requests_of(common.slug_id(session, municipality, field="municipality", loc="query"))
        )
    stmt = stmt.where(*_words(q))
    if competence:
        common.check_competences(session, [competence], field="competence", loc="query")
        stmt = stmt.where(json_array_contains(session, col(ExpertRequest.competences), competence))
    return common.page_of(session, stmt, keys=REQUEST_SORTS["-created_at"], params=params, sort_name="public")


def json_array_contains(session: Session, column: Any, value: str) -> sa.ColumnElement[bool]:
    """``value`` is an element of the JSON array in ``column`` (JSONB containment on PostgreSQL)."""
    if session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import JSONB

        return column.op("@>")(sa.cast(sa.literal(json.dumps([value])), JSONB))
    elements = sa.func.json_each(column).table_valued("value")
    return sa.exists(select(sa.literal(1)).select_from(elements).where(elements.c.value == value))


def get_public(session: Session, *, request_id: uuid.UUID) -> ExpertRequest:
    public = select(ExpertRequest).where(
        ExpertRequest.id == request_id, ExpertRequest.visibility == "public", ExpertRequest.status != "draft"
    )
    return db.found(session, public, "request")


# --- writing --------------------------------------------------------------------------------------


def _check_deadline(deadline: date | None) -> None:
    if deadline is not None and deadline < utcnow().date():
        raise common.invalid(
            "The deadline is in the past.", field="deadline", msg="must be today or later", kind="value_error"
        )


def _reindex(req: ExpertRequest) -> None:
    req.search_text = search_blob(req.title, req.question, req.context)


def create(
    session: Session, *, actor: Actor, data: ExpertRequestCreate, municipality: str | None
) -> ExpertRequest:
    if actor.is_admin:
        if not municipality:
            raise common.invalid(
                "Name the municipality the request is for.",
                loc="query",
                field="municipality",
                msg="required for administrators",
                kind="missing",
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
    record_of(session, req, actor=actor, action="create", record_type=RECORD)
    return req


def update(
    session: Session, *, actor: Actor, req: ExpertRequest, data: ExpertRequestUpdate, if_match: IfMatch
) -> ExpertRequest:
    _touch(session, req, if_match)
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
    return req


def move(session: Session, req: ExpertRequest, to: str) -> None:
    """A state move the server makes (an expert accepted or answered): 409 when not possible."""
    _touch(session, req, None)
    _set_state(req, to)


def _set_state(req: ExpertRequest, to: str) -> None:
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


def change_status(
    session: Session, *, actor: Actor, req: ExpertRequest, to: str, outcome: str | None, if_match: IfMatch
) -> ExpertRequest:
    _touch(session, req, if_match)
    if to == "closed" and to in TRANSITIONS[req.status] and not outcome:
        raise common.invalid(
            "Record the outcome when closing a request.",
            field="outcome",
            msg="required when closing",
            kind="missing",
        )
    before = req.status
    _set_state(req, to)
    if to == "closed":
        req.outcome = outcome
    record_of(
        session, req, actor=actor, action="status", record_type=RECORD, details={"from": before, "to": to}
    )
    return req


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
