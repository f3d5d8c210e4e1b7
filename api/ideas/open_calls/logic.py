"""Open calls (a city logo, a city gate, an anthem): budget-less rounds where ideas compete for a
named prize. Entries are ideas proposed with the call's id while it is open; after it closes, a
manager awards the prize to one entry."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col

from api.core import audit
from api.core.actor import Actor
from api.core.conditional import IfMatch, claim
from api.core.db import found, utcnow
from api.core.errors import conflict, unprocessable
from api.core.i18n import Locale
from api.core.pagination import PageParams
from api.core.translation_status import text_meta
from api.ideas import access, scope
from api.ideas.events import idea_link
from api.ideas.followers import followers
from api.ideas.listing import dated_page, open_dated, phase_clauses
from api.ideas.models import Idea, OpenCall
from api.ideas.open_calls.schemas import AwardCreate, OpenCallCreate, OpenCallRead, OpenCallUpdate
from api.notifications import logic as notifications

AWARDED = {
    "lt": "Idėja „{title}“ laimėjo konkursą: {prize}",
    "en": "“{title}” won the open call: {prize}",
    "uk": "Ідея «{title}» перемогла в конкурсі: {prize}",
    "ru": "Идея «{title}» победила в конкурсе: {prize}",
}


def phase(call: OpenCall, now: datetime | None = None) -> str:
    now = now or utcnow()
    if call.awarded_at is not None:
        return "awarded"
    if now < call.submissions_from:
        return "upcoming"
    if now < call.submissions_until:
        return "open"
    return "judging"


def to_read(session: Session, call: OpenCall, actor: Actor, locale: Locale) -> OpenCallRead:
    entries = int(
        session.execute(
            sa.select(sa.func.count())
            .select_from(Idea)
            .where(col(Idea.open_call_id) == call.id, scope.public_clause())
        ).scalar_one()
    )
    return OpenCallRead(
        id=call.id,
        municipality=access.slug_of(session, call.municipality_id),
        title=locale.text(call.title),
        **text_meta(session, call, locale),
        description=locale.text(call.description),
        prize=locale.text(call.prize),
        prize_amount=call.prize_amount,
        submissions_from=call.submissions_from,
        submissions_until=call.submissions_until,
        phase=phase(call),
        entry_count=entries,
        awarded_idea_id=call.awarded_idea_id,
        award_note=locale.text(call.award_note)
        if call.award_note
        else (None if not locale.all_translations else {}),
        awarded_at=call.awarded_at,
        can_manage=scope.is_budget_manager_of(actor, call.municipality_id),
        created_at=call.created_at,
        updated_at=call.updated_at,
    )


PHASE_DATES: list[tuple[str, Any]] = [
    ("upcoming", None),
    ("open", OpenCall.submissions_from),
    ("judging", OpenCall.submissions_until),
]


def list_calls(
    session: Session, *, actor: Actor, params: PageParams, municipality: str | None, phase_filter: str | None
) -> tuple[list[OpenCall], str | None]:
    return dated_page(
        session,
        scope.readable_calls(actor),
        model=OpenCall,
        deadline=OpenCall.submissions_until,
        municipality=municipality,
        clauses=phase_clauses(phase_filter, closed=("awarded", col(OpenCall.awarded_at)), stages=PHASE_DATES),
        params=params,
    )


def readable(session: Session, *, actor: Actor, call_id: uuid.UUID) -> OpenCall:
    return found(session, scope.readable_calls(actor).where(OpenCall.id == call_id), "open call")


def managed(session: Session, *, actor: Actor, call_id: uuid.UUID) -> OpenCall:
    """Another municipality's call is not found for its would-be managers."""
    return found(session, scope.managed_calls(actor).where(OpenCall.id == call_id), "open call")


def create(session: Session, *, actor: Actor, data: OpenCallCreate) -> OpenCall:
    return open_dated(session, OpenCall, actor=actor, data=data, what="open calls")


def update(session: Session, *, call: OpenCall, data: OpenCallUpdate, if_match: IfMatch) -> OpenCall:
    claim(session, call, if_match)
    if call.awarded_at is not None:
        raise conflict("The prize was awarded; the call is closed.", slug="call-awarded")
    for key, value in data.model_dump(exclude_unset=True).items():
        if value is not None or key == "prize_amount":
            setattr(call, key, value)
    if call.submissions_from >= call.submissions_until:
        raise unprocessable(
            "submissions_from must be before submissions_until.",
            errors=[{"loc": ["body", "submissions_until"], "msg": "out of order", "type": "value_error"}],
        )
    call.updated_at = utcnow()
    return call


def award(
    session: Session, *, actor: Actor, call: OpenCall, data: AwardCreate, if_match: IfMatch
) -> OpenCall:
    claim(session, call, if_match)
    if phase(call) != "judging":
        raise conflict("The prize is awarded once submissions have closed, and only once.", slug="call-phase")
    idea = session.get(Idea, data.idea_id)
    if (
        idea is None
        or idea.open_call_id != call.id
        or idea.state in ("draft", "withdrawn")
        or idea.moderation != "visible"
        or idea.author_blocked
    ):
        raise unprocessable(
            "The idea is not an entry of this call.",
            errors=[{"loc": ["body", "idea_id"], "msg": "not an entry", "type": "value_error"}],
        )
    call.awarded_idea_id, call.award_note, call.awarded_at = idea.id, data.note, utcnow()
    notifications.notify_many(
        session,
        user_ids=followers(session, idea.id),
        kind="open_call_award",
        title_translations=notifications.template(AWARDED, idea.title, prize=call.prize),
        link=idea_link(idea.id),
        data={"idea_id": str(idea.id), "open_call_id": str(call.id)},
    )
    audit.record_of(
        session, call, actor=actor, action="award", record_type="open_call", details={"idea_id": str(idea.id)}
    )
    return call
