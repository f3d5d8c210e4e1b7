"""Asking for help without an account, and the coordinators' queue: convert a request into a
person with an open case (the returnee package applies), or close it with a reason."""

from __future__ import annotations

import secrets
import uuid
from datetime import timedelta

import sqlalchemy as sa
from sqlmodel import Session, col

from api.core import pow, ratelimit
from api.core.actor import Actor
from api.core.db import found, utcnow
from api.core.errors import conflict
from api.core.models import OutboxMessage
from api.core.pagination import PageParams, SortKey, finish, keyset
from api.migrants import notices, scope, vocab
from api.migrants.audit import audit, audit_many
from api.migrants.contact.schemas import (
    CONSENT_VERSION,
    ContactRequestClose,
    ContactRequestConvert,
    ContactRequestCreate,
    ContactRequestRead,
)
from api.migrants.models import ContactRequest
from api.migrants.package.logic import register
from api.migrants.people.schemas import PersonCreate
from api.municipalities.logic import resolve_slug

PURPOSE = "contact-request"
CONTACT_REQUEST = "migrant_contact_request"
PER_ADDRESS_HOUR = 5
PER_CONTACT_DAY = 3
_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
_KEYS = (
    SortKey(col(ContactRequest.created_at), descending=True),
    SortKey(col(ContactRequest.id), descending=True),
)

# The confirmation she reads (and gets by e-mail), in her language; English for other languages.
RECEIVED = {
    "lt": "Jūsų prašymas gautas. Numeris: {ref}. Savivaldybės darbuotojas susisieks su jumis.",
    "en": "Your request has been received. Reference: {ref}. Someone from the municipality will contact you.",
    "uk": "Ваше звернення отримано. Номер: {ref}. Працівник муніципалітету зв'яжеться з вами.",
    "ru": "Ваше обращение получено. Номер: {ref}. Сотрудник самоуправления свяжется с вами.",
}
SUBJECT = {
    "lt": "Langelis: prašymas {ref} gautas",
    "en": "Langelis: request {ref} received",
    "uk": "Langelis: звернення {ref} отримано",
    "ru": "Langelis: обращение {ref} получено",
}


def challenge(secret: str) -> pow.Challenge:
    return pow.challenge(secret, PURPOSE)


def _reference() -> str:
    return "LG-" + "".join(secrets.choice(_ALPHABET) for _ in range(6))


def _contact_key(data: ContactRequestCreate) -> str:
    if data.email:
        return str(data.email).strip().casefold()
    return "".join(ch for ch in data.phone or "" if ch.isdigit())


def received_text(lang: str, reference: str) -> str:
    return RECEIVED.get(lang, RECEIVED["en"]).format(ref=reference)


def create(session: Session, *, data: ContactRequestCreate, client: str, secret: str) -> ContactRequest:
    ratelimit.hit(session, f"contact:ip:{client}", limit=PER_ADDRESS_HOUR, window_seconds=3600)
    pow.verify(session, secret, PURPOSE, data.challenge, data.solution)
    ratelimit.hit(session, f"contact:to:{_contact_key(data)}", limit=PER_CONTACT_DAY, window_seconds=86400)
    municipality = resolve_slug(session, data.municipality, field="municipality")
    for code in data.needs:
        vocab.check_need(code, loc=["body", "needs"])
    as_written = data.model_dump(include={"name", "preferred_language", "message", "service_id", "abroad"})
    row = ContactRequest(
        **as_written,
        municipality_id=municipality.id,
        reference=_reference(),
        email=str(data.email) if data.email else None,
        phone=data.phone or None,
        needs=list(dict.fromkeys(data.needs)),
        consent_version=CONSENT_VERSION,
    )
    session.add(row)
    session.flush()
    notices.contact_request_received(session, row)
    if row.email:
        lang = row.preferred_language if row.preferred_language in RECEIVED else "en"
        session.add(
            OutboxMessage(
                recipient=row.email,
                kind="contact_request_received",
                subject=SUBJECT[lang].format(ref=row.reference),
                body=received_text(lang, row.reference),
                payload={"reference": row.reference},
            )
        )
    return row


def to_read(row: ContactRequest) -> ContactRequestRead:
    return ContactRequestRead.model_validate(row, from_attributes=True)


def queue(
    session: Session, actor: Actor, params: PageParams, status: str | None
) -> tuple[list[ContactRequestRead], str | None]:
    stmt = scope.readable_contact_requests(actor)
    if status:
        stmt = stmt.where(col(ContactRequest.status) == status)
    rows = session.exec(keyset(stmt, keys=_KEYS, params=params)).all()
    page, cursor = finish(rows, params=params, key_of=lambda r: (r.created_at, r.id))
    audit_many(
        session,
        actor,
        CONTACT_REQUEST,
        [(r.id, r.person_id or r.id, r.municipality_id) for r in page],
        action="list",
    )
    return [to_read(r) for r in page], cursor


def get(session: Session, actor: Actor, request_id: uuid.UUID, *, for_update: bool = False) -> ContactRequest:
    stmt = scope.readable_contact_requests(actor).where(col(ContactRequest.id) == request_id)
    return found(session, stmt.with_for_update() if for_update else stmt, "contact request")


def read(session: Session, actor: Actor, request_id: uuid.UUID) -> ContactRequestRead:
    row = get(session, actor, request_id)
    audit(session, actor, "read", CONTACT_REQUEST, row.id, row.person_id, row.municipality_id)
    return to_read(row)


def _open(row: ContactRequest) -> None:
    if row.status != "new":
        raise conflict("This request was already handled.", "already-handled")


def close(
    session: Session, actor: Actor, request_id: uuid.UUID, data: ContactRequestClose
) -> ContactRequestRead:
    row = get(session, actor, request_id, for_update=True)
    _open(row)
    row.status, row.close_reason = "closed", data.reason
    row.handled_at, row.handled_by = utcnow(), actor.id
    session.add(row)
    session.flush()
    audit(
        session,
        actor,
        "close",
        CONTACT_REQUEST,
        row.id,
        None,
        row.municipality_id,
        details={"reason": data.reason},
    )
    return to_read(row)


def convert(
    session: Session, actor: Actor, request_id: uuid.UUID, data: ContactRequestConvert
) -> tuple[ContactRequestRead, uuid.UUID, uuid.UUID]:
    """One step: the person (with what she wrote: contact, language, needs), her consents, an
    open case, and for a returnee the municipality's package."""
    row = get(session, actor, request_id, for_update=True)
    _open(row)
    written = row.model_dump(include={"email", "phone", "preferred_language", "needs"})
    person_data = PersonCreate(**data.model_dump(), **written)
    person, case = register(session, actor=actor, municipality_id=row.municipality_id, data=person_data)
    row.status, row.person_id = "converted", person.id
    row.handled_at, row.handled_by = utcnow(), actor.id
    session.add(row)
    session.flush()
    audit(session, actor, "convert", CONTACT_REQUEST, row.id, person.id, row.municipality_id)
    return to_read(row), person.id, case.id


def purge(session: Session, *, days: int) -> int:
    """Delete handled requests older than ``days`` (what she wrote is in the case by then, or
    was closed); new ones are never deleted unseen."""
    table = ContactRequest.__table__  # type: ignore[attr-defined]
    result = session.execute(
        sa.delete(table).where(scope.old_contact_requests(utcnow() - timedelta(days=days)))
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]
