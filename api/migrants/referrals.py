"""Referrals to directory services: proposing, sending, the provider's inbox and the state arrows.

States move only along these arrows (anything else is 409)::

    proposed → sent → accepted → in_progress → completed
                   ↘ declined (reason)      ↘ dropped (reason)
    proposed → dropped (reason)   a proposal, e.g. from the returnee package, not pursued

The coordinator sends and drops; the provider accepts, declines, starts, completes and drops.
A provider sees a referral only while ``shared`` holds: it was sent, and the person's
``provider_sharing`` consent stands. Withdrawing consent clears ``shared`` in the same transaction.
"""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from api.core.actor import Actor
from api.core.db import utcnow
from api.core.errors import conflict, not_found, unprocessable
from api.core.i18n import Locale
from api.core.pagination import PageParams, SortKey, finish, keyset
from api.migrants import cases, directory_port, people, vocab
from api.migrants.models import Case, Person, Referral
from api.migrants.schemas import InboxItem, ReferralRead, ServiceInfo, Suggestion

RECORD = "referral"

ARROWS: dict[str, frozenset[str]] = {
    "proposed": frozenset({"sent", "dropped"}),
    "sent": frozenset({"accepted", "declined"}),
    "accepted": frozenset({"in_progress"}),
    "in_progress": frozenset({"completed", "dropped"}),
}
COORDINATOR_MOVES = frozenset({("proposed", "sent"), ("proposed", "dropped"), ("in_progress", "dropped")})
PROVIDER_MOVES = frozenset(
    {
        ("sent", "accepted"),
        ("sent", "declined"),
        ("accepted", "in_progress"),
        ("in_progress", "completed"),
        ("in_progress", "dropped"),
    }
)
NEEDS_REASON = frozenset({"declined", "dropped"})


def allowed(status: str, side: str) -> list[str]:
    moves = COORDINATOR_MOVES if side == "coordinator" else PROVIDER_MOVES
    return sorted(to for frm, to in moves if frm == status)


# --- sharing -----------------------------------------------------------------------------------


def consent_required() -> Any:
    return conflict(
        "The person has not consented to sharing their data with service providers "
        "(consent purpose 'provider_sharing'); record the consent first.",
        slug="consent-required",
        purpose="provider_sharing",
    )


def unshare(session: Session, *, person_id: uuid.UUID) -> None:
    session.execute(
        sa.update(Referral)
        .where(col(Referral.person_id) == person_id, col(Referral.shared).is_(True))
        .values(shared=False, updated_at=utcnow(), version=Referral.version + 1)
    )


def reshare(session: Session, *, person_id: uuid.UUID) -> None:
    session.execute(
        sa.update(Referral)
        .where(
            col(Referral.person_id) == person_id,
            col(Referral.shared).is_(False),
            col(Referral.sent_at).is_not(None),
        )
        .values(shared=True, updated_at=utcnow(), version=Referral.version + 1)
    )


# --- creating ----------------------------------------------------------------------------------


def _service(session: Session, service_id: uuid.UUID) -> Any:
    brief = directory_port.service_brief(session, service_id)
    if brief is None or brief.status != "active":
        raise unprocessable(
            "The service does not exist or is not active.",
            errors=[{"loc": ["body", "service_id"], "msg": "no such active service", "type": "value_error"}],
        )
    return brief


def create(
    session: Session,
    *,
    actor: Actor | None,
    person: Person,
    case: Case,
    service_id: uuid.UUID,
    need: str,
    message: str | None,
    send: bool,
    from_package: bool = False,
) -> Referral:
    vocab.check_need(need)
    if person.anonymised_at is not None:
        raise conflict("This person's data was erased.", slug="erased")
    brief = _service(session, service_id)
    sharing = people.has_consent(session, person.id, "provider_sharing")
    if send and not sharing:
        raise consent_required()
    now = utcnow()
    cases.ensure_need(session, case=case, code=need)
    referral = Referral(
        person_id=person.id,
        case_id=case.id,
        municipality_id=case.municipality_id,
        service_id=brief.id,
        organization_id=brief.organization_id,
        need=need,
        status="sent" if send else "proposed",
        shared=send,
        sent_at=now if send else None,
        from_package=from_package,
        message=message,
        created_by=actor.audit_id if actor else None,
    )
    session.add(referral)
    session.flush()
    cases.event(
        session,
        case=case,
        kind="referral_" + referral.status,
        actor=actor,
        details={"referral_id": str(referral.id), "need": need, "service_id": str(brief.id)},
    )
    if actor is not None:
        _audit(session, actor, "create", referral)
    return referral


def _audit(session: Session, actor: Actor, action: str, referral: Referral, **details: Any) -> None:
    people.audit(
        session,
        actor=actor,
        action=action,
        record_type=RECORD,
        record_id=referral.id,
        subject_id=referral.person_id,
        municipality_id=referral.municipality_id,
        purpose="provider_sharing" if actor.kind != "user" or actor.role == "provider" else "case_management",
        details=details or None,
    )


# --- reading -----------------------------------------------------------------------------------


def readable(actor: Actor) -> list[sa.ColumnElement[bool]]:
    municipality_id = people.staff_municipality(actor)
    if municipality_id is None or actor.kind != "user":
        return [sa.false()]
    return [col(Referral.municipality_id) == municipality_id]


def inbox_filter(actor: Actor) -> list[sa.ColumnElement[bool]]:
    if not actor.has("referrals:inbox") or actor.organization_id is None:
        return [sa.false()]
    return [col(Referral.organization_id) == actor.organization_id, col(Referral.shared).is_(True)]


def get(session: Session, *, actor: Actor, referral_id: uuid.UUID) -> Referral:
    row = session.exec(select(Referral).where(Referral.id == referral_id, *readable(actor))).first()
    if row is None:
        raise not_found("referral")
    return row


def get_inbox(session: Session, *, actor: Actor, referral_id: uuid.UUID) -> Referral:
    row = session.exec(select(Referral).where(Referral.id == referral_id, *inbox_filter(actor))).first()
    if row is None:
        raise not_found("referral")
    return row


# Service names and organisations change rarely; lists show many referrals to the same few
# services. A brief is reused for BRIEF_TTL seconds across requests (a renamed service shows its
# new name within that time), which saves one directory query per service per list.
BRIEF_TTL = 30.0
_BRIEF_CACHE: dict[uuid.UUID, tuple[float, Any]] = {}
_BRIEF_CACHE_MAX = 5000


@dataclass
class Briefs:
    """Service briefs looked up once per request (and reused for a short while)."""

    session: Session
    cache: dict[uuid.UUID, Any]

    def get(self, service_id: uuid.UUID) -> Any | None:
        if service_id in self.cache:
            return self.cache[service_id]
        now = time.monotonic()
        hit = _BRIEF_CACHE.get(service_id)
        if hit is not None and now - hit[0] < BRIEF_TTL:
            brief = hit[1]
        else:
            brief = directory_port.service_brief(self.session, service_id)
            if len(_BRIEF_CACHE) >= _BRIEF_CACHE_MAX:
                _BRIEF_CACHE.clear()
            if brief is not None:
                _BRIEF_CACHE[service_id] = (now, brief)
        self.cache[service_id] = brief
        return brief


def briefs(session: Session) -> Briefs:
    return Briefs(session=session, cache={})


def to_read(referral: Referral, found: Briefs, locale: Locale) -> ReferralRead:
    brief = found.get(referral.service_id)
    return ReferralRead(
        id=referral.id,
        person_id=referral.person_id,
        case_id=referral.case_id,
        need=referral.need,
        status=referral.status,
        shared=referral.shared,
        from_package=referral.from_package,
        message=referral.message,
        reason=referral.reason,
        service=ServiceInfo(
            id=referral.service_id,
            name=locale.text(brief.name) if brief else None,
            organization_id=referral.organization_id,
            organization_name=locale.text(brief.organization_name) if brief else None,
        ),
        created_at=referral.created_at,
        updated_at=referral.updated_at,
        sent_at=referral.sent_at,
        finished_at=referral.finished_at,
        allowed=allowed(referral.status, "coordinator"),
        version=referral.version,
    )


def read(session: Session, *, actor: Actor, referral: Referral, locale: Locale) -> ReferralRead:
    _audit(session, actor, "read", referral)
    return to_read(referral, briefs(session), locale)


def list_for_coordinator(
    session: Session,
    *,
    actor: Actor,
    params: PageParams,
    person_id: uuid.UUID | None,
    status: list[str] | None,
    locale: Locale,
) -> tuple[list[ReferralRead], str | None]:
    stmt = select(Referral).where(*readable(actor))
    if person_id is not None:
        stmt = stmt.where(Referral.person_id == person_id)
    if status:
        stmt = stmt.where(col(Referral.status).in_(status))
    keys = [SortKey(col(Referral.updated_at), descending=True), SortKey(col(Referral.id), descending=True)]
    rows = session.exec(keyset(stmt, keys=keys, params=params)).all()
    page, next_cursor = finish(rows, params=params, key_of=lambda r: [r.updated_at, r.id])
    people.audit_many(
        session,
        actor=actor,
        action="list",
        record_type=RECORD,
        rows=[(r.id, r.person_id, r.municipality_id) for r in page],
        purpose="case_management",
    )
    found = briefs(session)
    return [to_read(r, found, locale) for r in page], next_cursor


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
        .where(*inbox_filter(actor))
    )


def inbox_item(row: Any, found: Briefs, locale: Locale) -> InboxItem:
    brief = found.get(row.service_id)
    need = vocab.needs().get(row.need)
    return InboxItem(
        id=row.id,
        status=row.status,
        given_name=row.given_name,
        family_name=row.family_name,
        preferred_language=row.preferred_language,
        email=row.email,
        phone=row.phone,
        need=row.need,
        need_name=locale.text(need.name) if need else None,
        message=row.message,
        reason=row.reason,
        service_id=row.service_id,
        service_name=locale.text(brief.name) if brief else None,
        sent_at=row.sent_at,
        updated_at=row.updated_at,
        allowed=allowed(row.status, "provider"),
        version=row.version,
    )


def inbox(
    session: Session, *, actor: Actor, params: PageParams, status: list[str] | None, locale: Locale
) -> tuple[list[InboxItem], str | None]:
    stmt = inbox_stmt(actor)
    if status:
        stmt = stmt.where(col(Referral.status).in_(status))
    keys = [SortKey(col(Referral.updated_at), descending=True), SortKey(col(Referral.id), descending=True)]
    rows = session.execute(keyset(stmt, keys=keys, params=params)).all()
    page, next_cursor = finish(rows, params=params, key_of=lambda r: [r.updated_at, r.id])
    people.audit_many(
        session,
        actor=actor,
        action="list",
        record_type=RECORD,
        rows=[(r.id, r.person_id, r.municipality_id) for r in page],
        purpose="provider_sharing",
    )
    found = briefs(session)
    return [inbox_item(r, found, locale) for r in page], next_cursor


def inbox_read(session: Session, *, actor: Actor, referral_id: uuid.UUID, locale: Locale) -> InboxItem:
    row = session.execute(inbox_stmt(actor).where(col(Referral.id) == referral_id)).first()
    if row is None:
        raise not_found("referral")
    people.audit(
        session,
        actor=actor,
        action="read",
        record_type=RECORD,
        record_id=row.id,
        subject_id=row.person_id,
        municipality_id=row.municipality_id,
        purpose="provider_sharing",
    )
    return inbox_item(row, briefs(session), locale)


# --- moving ------------------------------------------------------------------------------------


def move(
    session: Session, *, actor: Actor, referral: Referral, to: str, reason: str | None, side: str
) -> Referral:
    frm = referral.status
    if to not in ARROWS.get(frm, frozenset()):
        raise conflict(f"A referral cannot move from '{frm}' to '{to}'.", slug="invalid-transition")
    moves = COORDINATOR_MOVES if side == "coordinator" else PROVIDER_MOVES
    if (frm, to) not in moves:
        who = "the service provider" if side == "coordinator" else "the coordinator"
        raise conflict(f"Moving from '{frm}' to '{to}' is for {who}.", slug="invalid-transition")
    if to in NEEDS_REASON and not (reason and reason.strip()):
        raise unprocessable(
            f"Moving to '{to}' needs a reason.",
            errors=[{"loc": ["body", "reason"], "msg": "required", "type": "missing"}],
        )
    now = utcnow()
    if to == "sent":
        if not people.has_consent(session, referral.person_id, "provider_sharing"):
            raise consent_required()
        brief = directory_port.service_brief(session, referral.service_id)
        if brief is None or brief.status != "active":
            raise conflict("The service is no longer active.", slug="service-inactive")
        referral.sent_at = now
        referral.shared = True
    if to == "in_progress":
        referral.started_at = now
    if to in ("completed", "declined", "dropped"):
        referral.finished_at = now
    if reason:
        referral.reason = reason
    referral.status = to
    referral.version += 1
    referral.updated_at = now
    session.add(referral)
    case = session.get(Case, referral.case_id)
    if case is not None:
        cases.event(
            session,
            case=case,
            kind="referral_" + to,
            actor=actor,
            details={"referral_id": str(referral.id), "need": referral.need},
        )
    session.flush()
    _audit(session, actor, "move", referral, **{"from": frm, "to": to})
    return referral


# --- suggestions -------------------------------------------------------------------------------


def suggestions(
    session: Session, *, person: Person, need: str, locale: Locale, limit: int = 10
) -> tuple[list[str], list[Suggestion]]:
    ref = vocab.needs()[vocab.check_need(need, loc=["query", "need"])]
    categories = list(ref.categories)
    found = directory_port.match_services(
        session,
        municipality_id=person.municipality_id,
        categories=categories,
        language=person.preferred_language,
        legal_status=person.legal_status,
        age=people.age_on(person, utcnow()),
        limit=limit,
    )
    return categories, [
        Suggestion(
            service_id=b.id,
            name=locale.text(b.name),
            organization_id=b.organization_id,
            organization_name=locale.text(b.organization_name),
            categories=list(b.categories),
            languages=list(b.languages),
        )
        for b in found
    ]
