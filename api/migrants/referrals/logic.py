"""Referrals to directory services: proposing, sending and the state arrows.

States move only along these arrows (anything else is 409)::

    proposed → sent → accepted → in_progress → completed
                   ↘ declined (reason)      ↘ dropped (reason)
    proposed → dropped (reason)   a proposal, e.g. from the returnee package, not pursued

The coordinator sends and drops; the provider accepts, declines, starts, completes and drops.
A provider sees a referral only while ``shared`` holds: it was sent, and the person's
``provider_sharing`` consent stands. Withdrawing consent clears ``shared`` in the same transaction.
"""

from __future__ import annotations

import uuid
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from api.core.actor import Actor
from api.core.conditional import IfMatch, check, claim
from api.core.db import found, utcnow
from api.core.errors import ProblemError, conflict, unprocessable
from api.core.i18n import Locale
from api.core.pagination import PageParams, SortKey, finish, keyset
from api.migrants import notices, partners, scope, vocab
from api.migrants.audit import REFERRAL, audit, audit_many, audit_read
from api.migrants.cases.logic import ensure_need
from api.migrants.models import Case, Person, Referral
from api.migrants.people.consents import has_consent
from api.migrants.people.logic import age_on, refuse_erased, require_open_case
from api.migrants.people.logic import get as get_person
from api.migrants.referrals.briefs import Briefs, active_service, briefs, match_services, service_brief
from api.migrants.referrals.schemas import ReferralCreate, ReferralMove, ReferralRead, ServiceInfo, Suggestion
from api.migrants.timeline import event

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
NEWEST_FIRST = (col(Referral.updated_at), col(Referral.id))


def allowed(status: str, side: str) -> list[str]:
    moves = COORDINATOR_MOVES if side == "coordinator" else PROVIDER_MOVES
    return sorted(to for frm, to in moves if frm == status)


def newest_first(stmt: Any, params: PageParams) -> Any:
    return keyset(stmt, keys=[SortKey(c, descending=True) for c in NEWEST_FIRST], params=params)


def finish_newest(rows: Any, params: PageParams) -> tuple[list[Any], str | None]:
    return finish(rows, params=params, key_of=lambda r: [r.updated_at, r.id])


# --- sharing -----------------------------------------------------------------------------------


def consent_required() -> ProblemError:
    return conflict(
        "The person has not consented to sharing their data with service providers "
        "(consent purpose 'provider_sharing'); record the consent first.",
        slug="consent-required",
        purpose="provider_sharing",
    )


def update_all(session: Session, *where: Any, **values: Any) -> None:
    """A bulk change the server makes (no If-Match): every referral it touches moves one version
    on, in the same statement, so a client holding the old ETag gets 412."""
    session.execute(sa.update(Referral).where(*where).values(**values, version=Referral.version + 1))


def _set_shared(session: Session, person_id: uuid.UUID, shared: bool, *where: Any) -> None:
    mine = (col(Referral.person_id) == person_id, col(Referral.shared).is_(not shared))
    update_all(session, *mine, *where, shared=shared, updated_at=utcnow())


def unshare(session: Session, *, person_id: uuid.UUID) -> None:
    _set_shared(session, person_id, False)


def reshare(session: Session, *, person_id: uuid.UUID) -> None:
    _set_shared(session, person_id, True, col(Referral.sent_at).is_not(None))


# --- creating ----------------------------------------------------------------------------------


def placed(case: Case, brief: Any, need: str, **fields: Any) -> Referral:
    """A new referral of the case's person to the service (a directory brief) for a need. The
    service's organisation is copied: the provider's inbox filters on it without a join."""
    return Referral(
        person_id=case.person_id,
        case_id=case.id,
        municipality_id=case.municipality_id,
        service_id=brief.id,
        organization_id=brief.organization_id,
        need=need,
        **fields,
    )


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
    refuse_erased(person)
    brief = active_service(session, service_id)
    if send and not has_consent(session, person.id, "provider_sharing"):
        raise consent_required()
    now = utcnow()
    ensure_need(session, case=case, code=need)
    referral = placed(
        case,
        brief,
        need,
        status="sent" if send else "proposed",
        shared=send,
        sent_at=now if send else None,
        from_package=from_package,
        message=message,
        created_by=actor.audit_id if actor else None,
    )
    session.add(referral)
    session.flush()
    event(
        session,
        case=case,
        kind="referral_" + referral.status,
        actor=actor,
        details={"referral_id": str(referral.id), "need": need, "service_id": str(brief.id)},
    )
    if actor is not None:
        audit_referral(session, actor, "create", referral)
    partners.referral_changed(session, referral, None)
    notices.referral_changed(session, referral)
    return referral


def refer(session: Session, *, actor: Actor, data: ReferralCreate) -> Referral:
    """A coordinator's referral: the person must be theirs and have an open case."""
    person = get_person(session, actor=actor, person_id=data.person_id, for_update=True)
    case = require_open_case(session, person)
    wanted = data.model_dump(include={"service_id", "need", "message", "send"})
    return create(session, actor=actor, person=person, case=case, **wanted)


def audit_referral(session: Session, actor: Actor, action: str, referral: Referral, **details: Any) -> None:
    provider = actor.kind != "user" or actor.role == "provider"
    purpose = "provider_sharing" if provider else "case_management"
    row = (referral.id, referral.person_id, referral.municipality_id)
    audit(session, actor, action, REFERRAL, *row, purpose=purpose, details=details or None)


# --- reading -----------------------------------------------------------------------------------


def get(session: Session, *, actor: Actor, referral_id: uuid.UUID) -> Referral:
    return found(session, scope.readable_referrals(actor).where(Referral.id == referral_id), "referral")


def to_read(referral: Referral, found: Briefs, locale: Locale) -> ReferralRead:
    brief = found.get(referral.service_id)
    service = ServiceInfo(
        id=referral.service_id,
        name=locale.text(brief.name) if brief else None,
        organization_id=referral.organization_id,
        organization_name=locale.text(brief.organization_name) if brief else None,
    )
    allowed_moves = allowed(referral.status, "coordinator")
    return ReferralRead.model_validate(
        {**referral.model_dump(), "service": service, "allowed": allowed_moves}
    )


def answer(session: Session, referral: Referral, locale: Locale) -> ReferralRead:
    return to_read(referral, briefs(session), locale)


def read(session: Session, *, actor: Actor, referral: Referral, locale: Locale) -> ReferralRead:
    audit_referral(session, actor, "read", referral)
    return answer(session, referral, locale)


def of_person(session: Session, person: Person) -> list[Referral]:
    return list(
        session.exec(
            select(Referral).where(Referral.person_id == person.id).order_by(col(Referral.created_at))
        ).all()
    )


def list_for_coordinator(
    session: Session,
    *,
    actor: Actor,
    params: PageParams,
    person_id: uuid.UUID | None,
    status: list[str] | None,
    locale: Locale,
) -> tuple[list[ReferralRead], str | None]:
    stmt = scope.readable_referrals(actor)
    if person_id is not None:
        stmt = stmt.where(Referral.person_id == person_id)
    if status:
        stmt = stmt.where(col(Referral.status).in_(status))
    page, next_cursor = finish_newest(session.exec(newest_first(stmt, params)).all(), params)
    audit_listed(session, actor, page, "case_management")
    found = briefs(session)
    return [to_read(r, found, locale) for r in page], next_cursor


def audit_listed(session: Session, actor: Actor, page: list[Any], purpose: str) -> None:
    """One "list" entry per referral shown (rows with id, person_id and municipality_id)."""
    audit_many(session, actor, REFERRAL, [(r.id, r.person_id, r.municipality_id) for r in page], purpose)


# --- moving ------------------------------------------------------------------------------------


def _check_move(frm: str, to: str, reason: str | None, side: str) -> None:
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


def move(
    session: Session,
    *,
    actor: Actor,
    referral: Referral,
    data: ReferralMove,
    side: str,
    if_match: IfMatch | None,
) -> Referral:
    if if_match is not None:
        check(if_match, referral.version)
    frm, to, reason = referral.status, data.status, data.reason
    _check_move(frm, to, reason, side)
    now = utcnow()
    if to == "sent":
        if not has_consent(session, referral.person_id, "provider_sharing"):
            raise consent_required()
        brief = service_brief(session, referral.service_id)
        if brief is None or brief.status != "active":
            raise conflict("The service is no longer active.", slug="service-inactive")
        referral.sent_at = now
        referral.shared = True
    claim(session, referral, if_match)
    if to == "in_progress":
        referral.started_at = now
    if to in ("completed", "declined", "dropped"):
        referral.finished_at = now
    if reason:
        referral.reason = reason
    referral.status = to
    referral.updated_at = now
    session.add(referral)
    case = session.get(Case, referral.case_id)
    if case is not None:
        event(
            session,
            case=case,
            kind="referral_" + to,
            actor=actor,
            details={"referral_id": str(referral.id), "need": referral.need},
        )
    session.flush()
    audit_referral(session, actor, "move", referral, **{"from": frm, "to": to})
    partners.referral_changed(session, referral, frm)
    notices.referral_changed(session, referral)
    return referral


# --- suggestions -------------------------------------------------------------------------------


def suggestions(
    session: Session, *, actor: Actor, person: Person, need: str, locale: Locale, limit: int = 10
) -> tuple[list[str], list[Suggestion]]:
    ref = vocab.needs()[vocab.check_need(need, loc=["query", "need"])]
    categories = list(ref.categories)
    found = match_services(
        session,
        municipality_id=person.municipality_id,
        categories=categories,
        language=person.preferred_language,
        legal_status=person.legal_status,
        age=age_on(person, utcnow()),
        limit=limit,
    )
    # The match used the person's language, legal status and age: a read of their record.
    audit_read(session, actor=actor, person=person, action="match_services")
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
