"""The provider's inbox: referrals to the organisation's services, with only what the service needs
to help the person (name, language, contacts, the need), while the sharing consent stands."""

from __future__ import annotations

import uuid
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col

from api.core.actor import Actor
from api.core.conditional import IfMatch
from api.core.db import found
from api.core.i18n import Locale
from api.core.pagination import PageParams
from api.migrants import scope, vocab
from api.migrants.audit import REFERRAL, audit
from api.migrants.models import Person, Referral
from api.migrants.referrals.briefs import Briefs, briefs
from api.migrants.referrals.logic import allowed, audit_listed, finish_newest, move, newest_first
from api.migrants.referrals.schemas import ReferralMove
from api.migrants.schemas import ReferralInboxItem

PURPOSE = "provider_sharing"
INBOX_COLUMNS: tuple[Any, ...] = (
    Referral.id,
    Referral.status,
    Referral.person_id,
    Referral.municipality_id,
    Referral.need,
    Referral.message,
    Referral.reason,
    Referral.service_id,
    Referral.sent_at,
    Referral.updated_at,
    Referral.version,
    Person.given_name,
    Person.family_name,
    Person.preferred_language,
    Person.email,
    Person.phone,
)


def inbox_stmt(actor: Actor) -> Any:
    return (
        sa.select(*INBOX_COLUMNS)
        .join(Person, col(Person.id) == Referral.person_id)
        .where(*scope.provider_filter(actor))
    )


def inbox_item(row: Any, found: Briefs, locale: Locale) -> ReferralInboxItem:
    brief = found.get(row.service_id)
    need = vocab.needs().get(row.need)
    return ReferralInboxItem(
        **row._mapping,
        need_name=locale.text(need.name) if need else None,
        service_name=locale.text(brief.name) if brief else None,
        allowed=allowed(row.status, "provider"),
    )


def inbox(
    session: Session, *, actor: Actor, params: PageParams, status: list[str] | None, locale: Locale
) -> tuple[list[ReferralInboxItem], str | None]:
    stmt = inbox_stmt(actor)
    if status:
        stmt = stmt.where(col(Referral.status).in_(status))
    page, next_cursor = finish_newest(session.execute(newest_first(stmt, params)).all(), params)
    audit_listed(session, actor, page, PURPOSE)
    found = briefs(session)
    return [inbox_item(r, found, locale) for r in page], next_cursor


def inbox_read(
    session: Session, *, actor: Actor, referral_id: uuid.UUID, locale: Locale
) -> ReferralInboxItem:
    row = found(session, inbox_stmt(actor).where(col(Referral.id) == referral_id), "referral")
    audit(session, actor, "read", REFERRAL, row.id, row.person_id, row.municipality_id, purpose=PURPOSE)
    return inbox_item(row, briefs(session), locale)


def move_in_inbox(
    session: Session,
    *,
    actor: Actor,
    referral: Referral,
    data: ReferralMove,
    if_match: IfMatch,
    locale: Locale,
) -> ReferralInboxItem:
    move(session, actor=actor, referral=referral, data=data, side="provider", if_match=if_match)
    return inbox_read(session, actor=actor, referral_id=referral.id, locale=locale)


def get(session: Session, *, actor: Actor, referral_id: uuid.UUID) -> Referral:
    return found(session, scope.provider_referrals(actor).where(Referral.id == referral_id), "referral")
