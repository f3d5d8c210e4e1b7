"""Open calls (a city logo, a city gate, an anthem): budget-less rounds where ideas compete for a
named prize. Entries are ideas proposed with the call's id while it is open; after it closes, a
manager awards the prize to one entry."""

from __future__ import annotations

import sqlalchemy as sa
from sqlmodel import Session, col

from api.core import audit
from api.core.actor import Actor
from api.core.conditional import IfMatch, claim
from api.core.db import utcnow
from api.core.errors import conflict, unprocessable
from api.core.i18n import Locale
from api.core.translation_status import text_meta
from api.ideas import access, scope
from api.ideas.events import tell_followers
from api.ideas.listing import Dated
from api.ideas.models import Idea, OpenCall
from api.ideas.open_calls.schemas import AwardCreate, OpenCallRead, OpenCallUpdate

CALLS = Dated(
    OpenCall,
    "open call",
    closed=("awarded", col(OpenCall.awarded_at)),
    stages=[("upcoming", None), ("open", OpenCall.submissions_from), ("judging", OpenCall.submissions_until)],
)
phase = CALLS.phase


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
    tell_followers(session, idea, "open_call_award", data={"open_call_id": str(call.id)}, prize=call.prize)
    audit.record_of(
        session, call, actor=actor, action="award", record_type="open_call", details={"idea_id": str(idea.id)}
    )
    return call
